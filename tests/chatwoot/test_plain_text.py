"""The list's preview of a message: its words as Chatwoot's list shows them, on one line;
and a plain message, most of them, read without loading the Markdown parser."""

from __future__ import annotations

import subprocess
import sys

import pytest

from agent_desktop.chatwoot import plain_text
from agent_desktop.chatwoot.plain_text import preview_text

MARKED = {
    "Olá **mundo**": "Olá mundo",
    "[@Bruno Costa](mention://user/2/Bruno%20Costa) pode ver?": "@Bruno Costa pode ver?",
    "# Pedido\n\n- um\n- dois": "Pedido um dois",
    "1. primeiro\n2. segundo": "primeiro segundo",
    "Título\n===": "Título",
    "Use `PRIMEIRA10` aqui": "Use PRIMEIRA10 aqui",
    "![recibo](https://example.com/r.png)": "recibo",
    'Ele disse "sim" e "não"': "Ele disse \u201csim\u201d e \u201cnão\u201d",
    "Espere... (c) 2026 -- fim": "Espere\u2026 \u00a9 2026 \u2013 fim",
    "R&amp;D": "R&D",
    "a\\*b": "a*b",
    "> citado": "citado",
}

PLAIN = [
    "R$ 89,90. Entendi, vou adicionar mais um item.",
    "Vou pensar e te respondo amanhã.",
    "Pedido 12345 enviado em 3/12, chega 5/12?",
    "linha um\nlinha dois\n\n  linha três  ",
    "50% off: só hoje! Ligue (11) 99999-0000",
    "Obrigada :) até logo",
]


@pytest.mark.parametrize("text", list(MARKED))
def test_markdown_is_read_as_the_list_reads_it(text):
    assert preview_text(text) == MARKED[text]


@pytest.mark.parametrize("text", PLAIN + list(MARKED))
def test_the_quick_reading_is_the_parser_s_reading(text):
    """Whatever skips the parser reads as the parser would."""
    quick = plain_text._MAY_BE_MARKDOWN.search(text) is None
    if quick:
        assert text in PLAIN
    parsed = plain_text.preview_text.__wrapped__  # the function itself, uncached
    assert parsed(text) == _by_parser(text)


def _by_parser(text: str) -> str:
    words: list[str] = []
    for token in plain_text._parser().parse(text):
        if token.type == "inline":
            words.append(plain_text._inline(token.children or []))
        elif token.type in ("code_block", "fence"):
            words.append(token.content)
    return " ".join(" ".join(words).split())


def test_plain_messages_do_not_load_the_parser():
    """The list at start-up: its previews, plain, leave the parser unloaded."""
    script = (
        "import sys\n"
        "from agent_desktop.chatwoot.plain_text import preview_text\n"
        f"for text in {PLAIN!r}: preview_text(text)\n"
        "assert 'markdown_it' not in sys.modules, 'loaded for plain text'\n"
        "preview_text('**x**')\n"
        "assert 'markdown_it' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
