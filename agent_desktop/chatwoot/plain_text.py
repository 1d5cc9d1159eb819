"""A message as a person reads it, in plain words on one line: for the conversation list's
preview of the last message or of a draft. Chatwoot's list shows a message's text with its
Markdown rendered and then stripped, so "**Olá**" reads "Olá" and a mention link
"[@Bruno](mention://user/2/Bruno)" reads "@Bruno"; the same parser reads it here.

Most messages hold nothing Markdown would change: those are read without the parser,
which is loaded only for the first message that needs it (loading it costs more than
the window's first page of previews: the list shows at start-up)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_TEXT = frozenset({"text", "text_special", "code_inline"})
_BREAKS = frozenset({"softbreak", "hardbreak"})

# whatever the parser (with its typographer) could read differently from the words
# themselves: inline marks, entities, quotes; (c) and friends, "...", "--", "+-", "!!!!";
# a line that starts a list, a heading, a quote or underlines a heading
_MAY_BE_MARKDOWN = re.compile(
    r"""[\\`*_\[\]<>&~#|"'\u00a0]"""
    r"|\((?:c|r|tm|p)\)"
    r"|\.\.|--|\+-|!!!|\?\?\?|,,"
    r"|^[ \t]*(?:[-+=]|\d+[.)])",
    re.IGNORECASE | re.MULTILINE,
)


@lru_cache(maxsize=1024)  # the list draws its rows often; their messages seldom change
def preview_text(content: str) -> str:
    """The message's words with its Markdown marks and link targets gone, on one line."""
    if not _MAY_BE_MARKDOWN.search(content):
        return " ".join(content.split())
    words: list[str] = []
    for token in _parser().parse(content):
        if token.type == "inline":
            words.append(_inline(token.children or []))
        elif token.type in ("code_block", "fence"):
            words.append(token.content)
    return " ".join(" ".join(words).split())


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # the dashboard's reading of a message (as in chatwoot/markdown.py), minus what only
    # changes how links look
    return MarkdownIt(
        "js-default",
        {
            "html": False,
            "breaks": True,
            "typographer": True,
            "quotes": "\u201c\u201d\u2018\u2019",
            "maxNesting": 20,
        },
    )


def _inline(tokens: list[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.type in _TEXT:
            parts.append(token.content)
        elif token.type in _BREAKS:
            parts.append(" ")
        elif token.type == "image":  # its description, as a reader would take it
            parts.append(token.content)
    return "".join(parts)
