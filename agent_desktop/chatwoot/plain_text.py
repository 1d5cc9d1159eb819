"""A message as a person reads it, in plain words on one line: for the conversation list's
preview of the last message or of a draft. Chatwoot's list shows a message's text with its
Markdown rendered and then stripped, so "**Olá**" reads "Olá" and a mention link
"[@Bruno](mention://user/2/Bruno)" reads "@Bruno"; the same parser reads it here."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

# the dashboard's reading of a message (as in chatwoot/markdown.py), minus what only
# changes how links look
_PARSER = MarkdownIt(
    "js-default",
    {
        "html": False,
        "breaks": True,
        "typographer": True,
        "quotes": "\u201c\u201d\u2018\u2019",
        "maxNesting": 20,
    },
)
_TEXT = frozenset({"text", "text_special", "code_inline"})
_BREAKS = frozenset({"softbreak", "hardbreak"})


@lru_cache(maxsize=1024)  # the list draws its rows often; their messages seldom change
def preview_text(content: str) -> str:
    """The message's words with its Markdown marks and link targets gone, on one line."""
    words: list[str] = []
    for token in _PARSER.parse(content):
        if token.type == "inline":
            words.append(_inline(token.children or []))
        elif token.type in ("code_block", "fence"):
            words.append(token.content)
    return " ".join(" ".join(words).split())


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
