"""@mentions in private notes, written as Chatwoot's editor writes them: a Markdown link
`[@Name](mention://user/ID/Name)` (or `mention://team/...`) that the server reads to notify
the agent (Messages::MentionService looks for `(mention://(user|team)/(\\d+)/...)`).

The editor (@chatwoot/prosemirror-schema) serializes a mention node as
`[esc("@" + name)](esc("mention://" + kind + "/" + id + "/" + encodeURIComponent(name)))`,
where esc is prosemirror-markdown's escaping; both are reproduced here exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

KINDS = ("user", "team")

# prosemirror-markdown's esc(): these are backslash-escaped, except an underscore between
# two word characters (JavaScript's \w: ASCII only)
_SPECIAL = re.compile(r"[`*\\~\[\]_]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]")
# encodeURIComponent leaves these as they are (quote() adds letters, digits and "_.-~")
_URI_SAFE = "!*'()"

# a link as written above; the target may hold balanced parentheses (encodeURIComponent
# keeps "(" and ")"), the label backslash escapes
MENTION_LINK = re.compile(
    r"\[(?P<label>(?:\\.|[^\\\]])*)\]"
    r"\(mention://(?P<kind>user|team)/(?P<id>\d+)/(?P<name>(?:[^()\s]|\([^()\s]*\))*)\)"
)
_UNESCAPE = re.compile(r"\\(.)")


def markdown_escape(text: str) -> str:
    """prosemirror-markdown's `state.esc(text)` (not at the start of a line)."""

    def escaped(match: re.Match[str]) -> str:
        char, at = match.group(), match.start()
        if (
            char == "_"
            and 0 < at < len(text) - 1
            and _ASCII_WORD.fullmatch(text[at - 1])
            and _ASCII_WORD.fullmatch(text[at + 1])
        ):
            return char
        return "\\" + char

    return _SPECIAL.sub(escaped, text)


def uri_component(text: str) -> str:
    """JavaScript's encodeURIComponent (UTF-8 percent-encoding)."""
    return quote(text, safe=_URI_SAFE)


@dataclass(frozen=True)
class Mention:
    """An agent (kind "user") or a team mentioned in a note."""

    kind: str
    id: int
    name: str

    @property
    def label(self) -> str:
        """What the agent sees in the editor and in the note."""
        return "@" + self.name

    def markdown(self) -> str:
        target = f"mention://{self.kind}/{self.id}/{uri_component(self.name)}"
        return f"[{markdown_escape(self.label)}]({markdown_escape(target)})"


def split_mentions(content: str) -> list[str | Mention]:
    """The content as plain runs and the mentions between them, in order: a note read
    back (a draft) becomes text and mention tokens again."""
    parts: list[str | Mention] = []
    at = 0
    for match in MENTION_LINK.finditer(content):
        label = _UNESCAPE.sub(r"\1", match["label"])
        name = unquote(_UNESCAPE.sub(r"\1", match["name"]))
        if not label.startswith("@"):
            continue  # not what the editor writes: left as the text it is
        if match.start() > at:
            parts.append(content[at : match.start()])
        parts.append(Mention(match["kind"], int(match["id"]), name))
        at = match.end()
    if at < len(content):
        parts.append(content[at:])
    return parts


def join_mentions(parts: list[str | Mention]) -> str:
    """The note's content: plain runs as typed, mentions as their links."""
    return "".join(part if isinstance(part, str) else part.markdown() for part in parts)


def plain_text(content: str) -> str:
    """The content as a person reads it: each mention link as "@Name"."""
    return "".join(
        part if isinstance(part, str) else part.label for part in split_mentions(content)
    )
