"""Message text as Chatwoot's dashboard shows it, as HTML a rich-text view can show
safely. The dashboard renders messages with markdown-it (raw HTML off, a single newline
a line break, bare URLs made links, typographic quotes) plus a mention rule; the same
parser's Python port gives the same reading of the same text. What is shown here is a
safe subset: every character of the message is escaped, links go to web and mail
addresses only, and a markdown image is a link to it, never loaded."""

from __future__ import annotations

import html
import re
from collections.abc import MutableMapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from agent_desktop.core.i18n import tr

if TYPE_CHECKING:  # the parser loads with the first message shown, not at start-up
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token
    from markdown_it.utils import OptionsDict

# Chatwoot's editor writes a mention as [@Name](mention://user/1/Name)
MENTION = re.compile(r"mention://(user|team)/(\d+)/(.+)")
LINKED_SCHEMES = frozenset({"http", "https", "mailto"})

# a message longer than this is shown folded, its start only, until asked for whole
FOLD_CHARS = 1500
FOLD_LINES = 25
FOLDED_CHARS = 1000
FOLDED_LINES = 15


def to_html(text: str, *, link_style: str = "") -> str:
    """The message's HTML: `link_style`, if given, is each link's style attribute."""
    rendered: str = _parser().render(text, {"link_style": link_style})
    return rendered


def folded(text: str) -> str | None:
    """The start of a long message, to show until the reader asks for the rest; None
    when the message is short enough to show whole. Cut at a line, else at a space."""
    lines = text.splitlines()
    if len(text) <= FOLD_CHARS and len(lines) <= FOLD_LINES:
        return None
    head = "\n".join(lines[:FOLDED_LINES])
    if len(head) > FOLDED_CHARS:
        cut = head.rfind("\n", 0, FOLDED_CHARS)
        if cut < FOLDED_CHARS // 2:
            cut = head.rfind(" ", 0, FOLDED_CHARS)
        head = head[: cut if cut >= FOLDED_CHARS // 2 else FOLDED_CHARS]
    return head.rstrip()


def _scheme(href: str) -> str:
    return urlsplit(href).scheme.lower() if ":" in href else ""


def _label_text(tokens: Sequence[Token]) -> str:
    """A link's label as plain text (Chatwoot shows a mention's label as written)."""
    parts = []
    for token in tokens:
        if token.type in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _mark_links(state: StateCore) -> None:
    """Each link is a mention, one to open, or one to show as its text only."""
    from markdown_it.token import Token

    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        opened: list[tuple[int, Token]] = []
        for token in block.children:
            if token.type == "link_open":
                opened.append((len(children), token))
            elif token.type == "link_close" and opened:
                start, link = opened.pop()
                href = str(link.attrGet("href") or "")
                if MENTION.fullmatch(href):
                    label = _label_text(children[start:])
                    mention = Token("mention", "", 0, content=label)
                    children[start:] = [mention]
                    continue
                kind = "web" if _scheme(href) in LINKED_SCHEMES else "text"
                link.meta["kind"] = token.meta["kind"] = kind
            children.append(token)
        block.children = children


def _link_open(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    token = tokens[idx]
    if token.meta.get("kind") != "web":
        return ""
    href = html.escape(str(token.attrGet("href") or ""), quote=True)
    style = env.get("link_style") or ""
    styled = f' style="{html.escape(style, quote=True)}"' if style else ""
    return f'<a href="{href}"{styled}>'


def _link_close(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    return "</a>" if tokens[idx].meta.get("kind") == "web" else ""


def _mention(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    return f"<b>{html.escape(tokens[idx].content)}</b>"


def _image(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    """A link to the picture, named by its description or file name: nothing is
    fetched until the reader opens it."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    name = _label_text(token.children or []) or unquote(urlsplit(src).path.rsplit("/", 1)[-1])
    label = html.escape(tr("image: {name}").format(name=name or src))
    if _scheme(src) not in LINKED_SCHEMES:
        return label
    style = env.get("link_style") or ""
    styled = f' style="{html.escape(style, quote=True)}"' if style else ""
    return f'<a href="{html.escape(src, quote=True)}"{styled}>{label}</a>'


def _table_open(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    # the dashboard draws a table's cells apart; a rich-text table has no lines otherwise
    return '<table border="1" cellspacing="0" cellpadding="4">\n'


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # the dashboard's options (MessageFormatter.js): markdown-it's default preset
    parser = MarkdownIt(
        "js-default",
        {
            "html": False,
            "xhtmlOut": True,
            "breaks": True,
            "linkify": True,
            "typographer": True,
            "quotes": "\u201c\u201d\u2018\u2019",
            "maxNesting": 20,
        },
    )
    parser.core.ruler.after("linkify", "chatwoot_links", _mark_links)
    parser.add_render_rule("link_open", _link_open)
    parser.add_render_rule("link_close", _link_close)
    parser.add_render_rule("mention", _mention)
    parser.add_render_rule("image", _image)
    parser.add_render_rule("table_open", _table_open)
    return parser
