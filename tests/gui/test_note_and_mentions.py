"""A private note at a glance and its @mentions: the note is written on amber with its own
hint, adds at once (no scheduler); "@" and part of a name lists the account's agents and
teams, the chosen one goes in as "@Name" and the note carries Chatwoot's mention link, so
that the server notifies the agent; in a reply "@" opens nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QTextCursor
from sqlalchemy import select

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.mentions import Mention, split_mentions
from agent_desktop.demo.models import Team, User
from agent_desktop.gui.colours import for_palette
from agent_desktop.gui.reply_box import NOTE, REPLY
from agent_desktop.store.drafts import Draft


def note_mode(qtbot, window):
    reply = window.pane.reply
    reply.mode.setCurrentIndex(NOTE)
    qtbot.waitUntil(lambda: bool(reply.mentions.choices), timeout=10_000)
    reply.editor.setFocus()
    return reply


def user(demo_server, name: str) -> User:
    def find() -> User:
        with demo_server.state.session() as s:
            one: User = s.scalars(select(User).where(User.name == name)).one()
            return one

    found: User = demo_server.call(find)
    return found


def team(demo_server, name: str) -> Team:
    def find() -> Team:
        with demo_server.state.session() as s:
            found = select(Team).where(
                Team.name == name, Team.account_id == demo_server.accounts.upstream
            )
            one: Team = s.scalars(found).one()
            return one

    found_team: Team = demo_server.call(find)
    return found_team


def notifications(http, demo_server, person: User) -> Any:
    answer = http.get(
        f"/api/v1/accounts/{demo_server.accounts.upstream}/notifications",
        headers={"api-access-token": person.access_token},
    )
    answer.raise_for_status()
    return answer.json()["data"]


@pytest.fixture
def http(demo_server):
    with httpx.Client(base_url=demo_server.url) as c:  # one for the test: each costs
        yield c


def drawn_ground(reply) -> QColor:
    """The editor's ground as painted, away from any text."""
    viewport = reply.editor.viewport()
    image = viewport.grab().toImage()
    colour: QColor = image.pixelColor(image.width() - 4, image.height() - 4)
    return colour


def test_a_note_is_tinted_says_so_and_is_added_at_once_a_reply_is_not(qtbot, window):
    reply = window.pane.reply
    around = for_palette(reply.palette())
    assert drawn_ground(reply).name() == around.base
    assert reply.editor.placeholderText().startswith("Write a reply")

    reply.mode.setCurrentIndex(NOTE)
    palette = reply.editor.palette()
    assert palette.color(QPalette.ColorRole.Base).name() == around.note_background
    assert palette.color(QPalette.ColorRole.Text).name() == around.note_text
    assert drawn_ground(reply).name() == around.note_background != around.base
    assert "private note" in reply.editor.placeholderText()
    assert "@ to mention" in reply.editor.placeholderText()
    assert reply.send_button.text() == "Add note"
    assert not reply.schedule_toggle.isEnabled() and reply.scheduler.isHidden()
    assert "never scheduled" in reply.schedule_toggle.toolTip()

    reply.mode.setCurrentIndex(REPLY)  # back to the window's own look
    assert drawn_ground(reply).name() == around.base
    assert reply.send_button.text() == "Send now" and reply.schedule_toggle.isEnabled()
    qtbot.waitUntil(lambda: bool(reply.mentions.choices), timeout=10_000)
    qtbot.keyClicks(reply.editor, "Oi @Br")  # in a reply "@" is text
    assert not reply.mentions.popup.isVisible()
    assert reply.text() == "Oi @Br"


def test_part_of_a_name_lists_the_agents_and_enter_puts_one_in(qtbot, window, demo_server):
    reply = note_mode(qtbot, window)
    bruno = user(demo_server, "Bruno Costa")
    qtbot.keyClicks(reply.editor, "Pode ver? @Br")
    assert reply.mentions.popup.isVisible()
    assert [c.mention.name for c in reply.mentions.shown] == ["Bruno Costa"]
    qtbot.keyClick(reply.mentions.popup, Qt.Key.Key_Return)  # chooses, does not send
    assert not reply.mentions.popup.isVisible()
    assert reply.editor.toPlainText() == "Pode ver? @Bruno Costa "
    assert reply.text() == f"Pode ver? [@Bruno Costa](mention://user/{bruno.id}/Bruno%20Costa) "
    qtbot.keyClicks(reply.editor, "obrigada")
    assert not reply.mentions.popup.isVisible()  # the token does not open the list again


def test_the_sent_note_carries_the_mention_and_the_agent_is_notified(
    qtbot, window, demo_server, http
):
    reply = note_mode(qtbot, window)
    conversation = window.pane.conversation
    bruno, ana = user(demo_server, "Bruno Costa"), user(demo_server, "Ana Souza")
    assert notifications(http, demo_server, bruno)["meta"]["count"] == 0
    qtbot.keyClicks(reply.editor, "Pode ver? @bru")  # any case
    qtbot.keyClick(reply.mentions.popup, Qt.Key.Key_Tab)
    qtbot.keyClicks(reply.editor, "obrigada")
    qtbot.keyClick(reply.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: reply.editor.toPlainText() == "", timeout=10_000)

    link = f"[@Bruno Costa](mention://user/{bruno.id}/Bruno%20Costa)"
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as client:
        note = client.messages(conversation.id)[-1]
    assert note.private and note.content == f"Pode ver? {link} obrigada"

    found = notifications(http, demo_server, bruno)
    assert found["meta"]["count"] == found["meta"]["unread_count"] == 1
    [notification] = found["payload"]
    assert notification["notification_type"] == "conversation_mention"
    assert notification["primary_actor_type"] == "Conversation"
    assert notification["primary_actor"]["id"] == conversation.id
    assert notification["secondary_actor"]["content"] == note.content
    assert notification["push_message_title"] == (
        f"[#{conversation.id}] Pode ver? @Bruno Costa obrigada"
    )
    assert notifications(http, demo_server, ana)["meta"]["count"] == 0  # the author is not told


def test_a_team_mention_notifies_its_members(qtbot, window, demo_server, http):
    reply = note_mode(qtbot, window)
    finance = team(demo_server, "Financeiro")
    qtbot.keyClicks(reply.editor, "@financ")
    assert [c.mention for c in reply.mentions.shown] == [Mention("team", finance.id, "Financeiro")]
    qtbot.keyClick(reply.mentions.popup, Qt.Key.Key_Return)
    assert reply.text() == f"[@Financeiro](mention://team/{finance.id}/Financeiro) "
    qtbot.keyClick(reply.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: reply.editor.toPlainText() == "", timeout=10_000)
    carla = user(demo_server, "Carla Mendes")  # one of its members
    assert notifications(http, demo_server, carla)["meta"]["count"] == 1  # sent: it is there
    assert notifications(http, demo_server, user(demo_server, "Bruno Costa"))["meta"]["count"] == 0


def test_an_edited_token_is_plain_text_and_a_draft_keeps_its_mentions(qtbot, window):
    reply = note_mode(qtbot, window)
    qtbot.keyClicks(reply.editor, "@Bru")
    qtbot.keyClick(reply.mentions.popup, Qt.Key.Key_Return)
    saved = reply.draft()
    assert saved is not None and "mention://user/" in saved.text

    qtbot.keyClick(reply.editor, Qt.Key.Key_Backspace)  # the space after it
    qtbot.keyClick(reply.editor, Qt.Key.Key_Backspace)  # the token's last letter
    assert reply.text() == "@Bruno Cost"  # no longer the agent's name: no mention

    reply.restore(saved)
    assert reply.private and reply.editor.toPlainText() == "@Bruno Costa "
    assert reply.text() == saved.text and is_bold(reply)
    reply.mode.setCurrentIndex(REPLY)  # sent as the text it reads: looks like text
    assert reply.text() == "@Bruno Costa " and not is_bold(reply)
    reply.mode.setCurrentIndex(NOTE)
    assert reply.text() == saved.text and is_bold(reply)

    reply.restore(Draft(saved.text + "e @Br", True, ()))
    assert reply.editor.toPlainText() == "@Bruno Costa e @Br"
    assert not reply.mentions.popup.isVisible()  # a draft put back opens nothing
    reply.restore(Draft(saved.text, False, ()))  # a reply's text is taken as it is
    assert reply.editor.toPlainText() == saved.text


def is_bold(reply) -> bool:
    cursor = QTextCursor(reply.editor.document())
    cursor.setPosition(2)  # inside the token
    return cursor.charFormat().fontWeight() > QFont.Weight.Normal.value


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Bruno Costa", "[@Bruno Costa](mention://user/7/Bruno%20Costa)"),
        ("José Ávila", "[@José Ávila](mention://user/7/Jos%C3%A9%20%C3%81vila)"),
        ("Zoë", "[@Zoë](mention://user/7/Zo%C3%AB)"),
        # prosemirror-markdown's escaping; encodeURIComponent keeps ' ( ) * ~ _
        ("O'Neil (Vendas)", "[@O'Neil (Vendas)](mention://user/7/O'Neil%20(Vendas))"),
        ("Ana_Maria", "[@Ana_Maria](mention://user/7/Ana_Maria)"),
        ("ana_", "[@ana\\_](mention://user/7/ana\\_)"),
        ("*Star*", "[@\\*Star\\*](mention://user/7/\\*Star\\*)"),
        ("[Bot]", "[@\\[Bot\\]](mention://user/7/%5BBot%5D)"),
    ],
)
def test_a_mention_is_written_as_chatwoots_editor_writes_it(name, written):
    mention = Mention("user", 7, name)
    assert mention.markdown() == written
    assert split_mentions(f"oi {written}!") == ["oi ", mention, "!"]


def test_a_team_mention_and_links_that_are_not_mentions():
    assert Mention("team", 2, "👍 customer support").markdown() == (
        "[@👍 customer support](mention://team/2/%F0%9F%91%8D%20customer%20support)"
    )
    other = "[site](https://example.com) [x](mention://user/1/x)"  # no "@": not the editor's
    assert split_mentions(other) == [other]
