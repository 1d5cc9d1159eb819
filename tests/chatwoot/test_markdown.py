"""Message text as Chatwoot's dashboard formats it (MessageFormatter.js: markdown-it with
raw HTML off, breaks, linkify, typographer, and its mention rule), made safe to show."""

from __future__ import annotations

import re

import pytest

from agent_desktop.chatwoot.markdown import FOLD_CHARS, FOLD_LINES, folded, to_html


def test_emphasis_strike_and_code():
    shown = to_html("**bold** _it_ ~~gone~~ `SKU-12`")
    assert "<strong>bold</strong>" in shown
    assert "<em>it</em>" in shown
    assert "<s>gone</s>" in shown
    assert "<code>SKU-12</code>" in shown


def test_a_code_block_keeps_its_lines_and_escapes_what_is_in_it():
    shown = to_html("```\nif a < b:\n    <b>x</b>\n```")
    assert "<pre><code>if a &lt; b:\n    &lt;b&gt;x&lt;/b&gt;\n</code></pre>" in shown


def test_a_single_newline_is_a_line_break_and_a_blank_line_a_paragraph():
    shown = to_html("one\ntwo\n\nthree")
    assert shown == "<p>one<br />\ntwo</p>\n<p>three</p>\n"


def test_links_written_and_bare_addresses_are_links_with_the_style_given():
    shown = to_html(
        "[orders](https://shop.example/o) and https://shop.example/x?a=1 or www.shop.com",
        link_style="color:#0b57d0",
    )
    assert '<a href="https://shop.example/o" style="color:#0b57d0">orders</a>' in shown
    assert '<a href="https://shop.example/x?a=1" style="color:#0b57d0">' in shown
    assert '<a href="http://www.shop.com" style="color:#0b57d0">www.shop.com</a>' in shown


def test_lists():
    shown = to_html("- a\n- b\n\n1. x\n2. y")
    assert "<ul>\n<li>a</li>\n<li>b</li>\n</ul>" in shown
    assert "<ol>\n<li>x</li>\n<li>y</li>\n</ol>" in shown


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src='http://198.51.100.1/x.png' onerror='alert(1)'>",
        '<a href="javascript:alert(1)">x</a>',
        "<style>body{display:none}</style>",
    ],
)
def test_html_in_a_message_is_shown_as_its_text(hostile):
    shown = to_html(hostile)
    tags = set(re.findall(r"</?([a-z0-9]+)", shown))
    assert tags <= {"p", "a"}  # its own markup only (a bare address in it is a link)
    assert all(href.startswith("http") for href in re.findall(r'href="([^"]*)"', shown))
    assert "&lt;" in shown


def test_script_text_reads_as_written():
    assert to_html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"


def test_links_go_to_web_and_mail_addresses_only():
    shown = to_html("[a](javascript:alert(1)) [b](file:///etc/passwd) [c](ftp://x.example/f)")
    assert "<a " not in shown
    assert "b" in shown and "c" in shown  # their words stay
    assert '<a href="mailto:ana@loja.com.br">' in to_html("ana@loja.com.br")


def test_a_mention_is_the_name_in_bold_not_a_link():
    shown = to_html("[@Bruno Costa](mention://user/2/Bruno%20Costa) can you look?")
    assert shown == "<p><b>@Bruno Costa</b> can you look?</p>\n"
    assert to_html("[@Suporte](mention://team/1/Suporte)") == "<p><b>@Suporte</b></p>\n"
    # written by the editor with its escapes, and a name holding markup
    assert "<b>@Ana_B &lt;x&gt;</b>" in to_html("[@Ana\\_B <x>](mention://user/3/Ana_B)")


def test_a_markdown_image_is_a_link_to_it_never_an_image():
    shown = to_html("look ![the box](http://127.0.0.1:9/box.png) ![](https://x.example/a%20b.jpg)")
    assert "<img" not in shown
    assert '<a href="http://127.0.0.1:9/box.png">image: the box</a>' in shown
    assert '<a href="https://x.example/a%20b.jpg">image: a b.jpg</a>' in shown
    assert "<a " not in to_html("![x](javascript:alert(1))")


def test_quotes_and_dashes_are_typeset_as_the_dashboard_does():
    assert to_html('"it\'s" -- ok') == "<p>\u201cit\u2019s\u201d \u2013 ok</p>\n"


def test_short_messages_are_not_folded():
    assert folded("hello") is None
    assert folded("x" * FOLD_CHARS) is None
    assert folded("line\n" * FOLD_LINES) is None


def test_a_long_message_is_folded_at_a_word_or_line():
    long = "Linha longa. " * 800  # 10,400 characters on one line
    start = folded(long)
    assert start is not None and 500 <= len(start) <= 1000
    assert long.startswith(start) and long[len(start)] == " "  # whole words
    many = "\n".join(f"line {n}" for n in range(40))
    start = folded(many)
    assert start is not None and start.splitlines()[-1] == "line 14"
