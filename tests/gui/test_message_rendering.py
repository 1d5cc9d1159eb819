"""Messages in the thread as the agent sees them, against the demo server: formatted as
Chatwoot formats them, pictures shown small once fetched, the delivery of the agent's
messages marked, long text folded, and nothing a message points at loaded."""

from __future__ import annotations

import re
import socket

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import QFont, QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from agent_desktop.chatwoot.client import ChatwootClient, Upload
from agent_desktop.demo.models import Message as Row
from agent_desktop.demo.seed_extras import picture
from agent_desktop.gui.colours import for_palette

IMAGE = QTextDocument.ResourceType.ImageResource.value


def api(demo_server) -> ChatwootClient:
    return ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    )


def post(window, demo_server, qtbot, content: str, uploads=()):
    """The agent's message, sent elsewhere (the dashboard), shown once the thread has it."""
    with api(demo_server) as client:
        sent = client.create_message(window.pane.conversation.id, content, attachments=uploads)
    view = window.pane.thread_view
    window.pane.reload()
    qtbot.waitUntil(lambda: any(m.id == sent.id for m in view.messages), timeout=10_000)
    return sent


def fragment(view, text: str) -> QTextCursor:
    found: QTextCursor = view.document().find(text)
    assert not found.isNull(), f"{text!r} is not shown"
    return found


def test_markdown_shows_formatted_as_in_chatwoot(qtbot, window, demo_server):
    view = window.pane.thread_view
    post(
        window,
        demo_server,
        qtbot,
        "Seu pedido **saiu hoje**, _chega amanhã_.\n"
        "Rastreio: https://rastreio.com.br/AB123 · fale com [@Bruno Costa](mention://user/2/Bruno%20Costa)",
    )
    shown = view.toPlainText()
    assert "Seu pedido saiu hoje, chega amanhã.\nRastreio:" in shown  # the newline kept
    assert "**" not in shown and "mention://" not in shown
    assert fragment(view, "saiu hoje").charFormat().fontWeight() == QFont.Weight.Bold
    assert fragment(view, "chega amanhã").charFormat().fontItalic()
    assert fragment(view, "@Bruno Costa").charFormat().fontWeight() == QFont.Weight.Bold
    link = fragment(view, "https://rastreio.com.br/AB123").charFormat()
    assert link.isAnchor() and link.anchorHref() == "https://rastreio.com.br/AB123"


def test_a_link_in_a_message_opens_in_the_browser_on_a_click_only(qtbot, window, demo_server):
    view = window.pane.thread_view
    opened: list[str] = []
    view.open_url = lambda url: opened.append(url.toString())
    post(window, demo_server, qtbot, "veja https://loja.com.br/trocas")
    assert opened == []
    view.anchorClicked.emit(QUrl("https://loja.com.br/trocas"))  # what a click emits
    assert opened == ["https://loja.com.br/trocas"]


def test_a_picture_shows_small_once_fetched(qtbot, window, demo_server):
    view = window.pane.thread_view
    post(window, demo_server, qtbot, "a foto", [Upload("caixa.png", picture(), "image/png")])
    qtbot.waitUntil(lambda: "agent-desktop-preview:" in view.toHtml(), timeout=10_000)
    (source,) = re.findall(r'src="(agent-desktop-preview:\d+)"', view.toHtml())
    shown = view.document().resource(IMAGE, QUrl(source))
    assert not shown.isNull() and (shown.width(), shown.height()) == (240, 150)  # 320x200


def test_a_picture_over_the_limit_is_a_link_not_an_image(qtbot, window, demo_server):
    view = window.pane.thread_view
    huge = picture() + bytes(10 * 1024 * 1024)  # over 10 MB: not fetched whole
    sent = post(
        window, demo_server, qtbot, "foto grande", [Upload("grande.png", huge, "image/png")]
    )
    qtbot.waitUntil(lambda: "too large to preview" in view.toPlainText(), timeout=10_000)
    assert "agent-desktop-preview:" not in view.toHtml()
    link = fragment(view, "grande.png").charFormat()
    assert link.isAnchor() and link.anchorHref() == f"agent-desktop:attachment/{sent.id}/0"
    assert "10.0 MB" in view.toPlainText()


def test_a_failed_message_says_the_channels_reason_and_marks_follow_delivery(
    qtbot, window, demo_server
):
    """The channel's answers reach the open thread live (message.updated)."""
    view = window.pane.thread_view
    qtbot.waitUntil(lambda: window.live.live, timeout=10_000)
    sent = post(window, demo_server, qtbot, "Posso ajudar?")

    def channel_says(status: str, error: str | None = None) -> None:
        def change() -> None:
            with demo_server.state.session() as s:
                row = s.get_one(Row, sent.id)
                row.status = status
                if error:
                    row.content_attributes = {"external_error": error}
                row.updated_at = demo_server.state.clock.now()

        demo_server.call(change)

    def mark() -> str:
        """The line over the message: who, when, and how its delivery went."""
        lines: list[str] = view.toPlainText().split("\n")
        return lines[lines.index("Posso ajudar?") - 1]

    qtbot.waitUntil(lambda: mark().endswith("✓ Sent"), timeout=10_000)
    channel_says("read")
    qtbot.waitUntil(lambda: mark().endswith("✓✓ Read"), timeout=10_000)
    reason = "131047: Re-engagement message"
    channel_says("failed", reason)
    qtbot.waitUntil(lambda: mark().endswith("⚠ Not delivered"), timeout=10_000)
    assert f"Posso ajudar?\n⚠ {reason}" in view.toPlainText()
    # the pointer resting on the reason shows it whole
    cursor = fragment(view, reason)
    spot = view.cursorRect(cursor).center() - QPoint(8, 0)
    rest = QHelpEvent(QEvent.Type.ToolTip, spot, view.viewport().mapToGlobal(spot))
    QApplication.sendEvent(view.viewport(), rest)
    assert QToolTip.isVisible() and QToolTip.text() == reason
    QToolTip.hideText()


def test_a_delivered_message_is_marked_twice_in_grey_and_a_read_one_in_colour(
    qtbot, window, demo_server
):
    view = window.pane.thread_view
    qtbot.waitUntil(lambda: window.live.live, timeout=10_000)
    sent = post(window, demo_server, qtbot, "Chegou?")
    colours = for_palette(view.palette())

    def channel_says(status: str) -> None:
        def change() -> None:
            with demo_server.state.session() as s:
                row = s.get_one(Row, sent.id)
                row.status = status
                row.updated_at = demo_server.state.clock.now()

        demo_server.call(change)

    def mark() -> str:
        lines: list[str] = view.toPlainText().split("\n")
        return lines[lines.index("Chegou?") - 1]

    def colour_of_mark(text: str) -> str:
        """The colour of the mark over this message (others may bear the same words)."""
        message = fragment(view, "Chegou?")
        found = view.document().find(text, message, QTextDocument.FindFlag.FindBackward)
        assert not found.isNull(), f"{text!r} is not shown"
        return str(found.charFormat().foreground().color().name())

    qtbot.waitUntil(lambda: mark().endswith("✓ Sent"), timeout=10_000)
    channel_says("delivered")
    qtbot.waitUntil(lambda: mark().endswith("✓✓ Delivered"), timeout=10_000)
    assert colours.caption != colours.link
    assert colour_of_mark("✓✓ Delivered") == colours.caption  # reached them, not yet read
    channel_says("read")
    qtbot.waitUntil(lambda: mark().endswith("✓✓ Read"), timeout=10_000)
    assert colour_of_mark("✓✓ Read") == colours.link


def test_a_long_message_is_folded_and_opens_on_a_click(qtbot, window, demo_server):
    view = window.pane.thread_view
    long = " ".join(f"palavra{n}" for n in range(1200))  # about 10,000 characters
    post(window, demo_server, qtbot, long)
    shown = view.toPlainText()
    assert "palavra0 palavra1" in shown and "palavra1199" not in shown
    assert "Show more" in shown and len(shown) < 4000

    def click(text: str) -> None:
        cursor = fragment(view, text)
        view.setTextCursor(cursor)
        view.ensureCursorVisible()
        spot = view.cursorRect(cursor).center() - QPoint(4, 0)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)

    click("Show more")
    qtbot.waitUntil(lambda: "palavra1199" in view.toPlainText(), timeout=5000)
    assert "Show less" in view.toPlainText()
    click("Show less")
    qtbot.waitUntil(lambda: "palavra1199" not in view.toPlainText(), timeout=5000)


def test_nothing_a_message_points_at_is_requested(qtbot, window, demo_server):
    """A markdown picture on another server stays a link: no connection is ever made."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    elsewhere = f"http://127.0.0.1:{listener.getsockname()[1]}/espiao.png"
    view = window.pane.thread_view
    try:
        post(window, demo_server, qtbot, f"olha ![foto]({elsewhere}) <img src='{elsewhere}'>")
        post(window, demo_server, qtbot, "e esta", [Upload("caixa.png", picture(), "image/png")])
        qtbot.waitUntil(lambda: "agent-desktop-preview:" in view.toHtml(), timeout=10_000)
        assert fragment(view, "image: foto").charFormat().anchorHref() == elsewhere
        assert view.loadResource(IMAGE, QUrl(elsewhere)) is None
        listener.settimeout(0.05)
        try:
            listener.accept()
            knocked = True
        except TimeoutError:
            knocked = False
        assert not knocked
    finally:
        listener.close()
