"""@mentions in a private note, as in Chatwoot: "@" and part of a name list the account's
agents, then its teams; the chosen one goes in as a visible "@Name" token, and the note is
sent with the token as Chatwoot's mention link, so that the agent (or each member of the
team) is notified. In a reply "@" is text.

A token is text carrying the mention in its character format: it stays a mention only
while it reads exactly "@Name" (a token the agent edits becomes plain text)."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSignalBlocker
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit

from agent_desktop.chatwoot.conversation_tools import agents, teams
from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.chatwoot.mentions import Mention, join_mentions, split_mentions
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.reply_editor import ReplyEditor
from agent_desktop.gui.session import Session
from agent_desktop.gui.suggestions import Row, SuggestionList

KIND = QTextFormat.Property.UserProperty + 1
ID = QTextFormat.Property.UserProperty + 2
NAME = QTextFormat.Property.UserProperty + 3
KEPT_SECONDS = 300  # the agents and teams are asked again after this, when a note is begun


@dataclass(frozen=True)
class Choice:
    """One line of the list: whom it mentions, and what tells them apart (an e-mail)."""

    mention: Mention
    detail: str


def _folded(text: str) -> str:
    """For matching: no case, no accents ("jose" finds "José")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matching(choices: list[Choice], typed: str) -> list[Choice]:
    """Those whose name holds what was typed (as Chatwoot's list does), those whose
    name or one of its words starts with it first; otherwise in the order given."""
    wanted = _folded(typed)
    ranks: list[tuple[int, int, Choice]] = []
    for order, choice in enumerate(choices):
        name = _folded(choice.mention.name)
        if name.startswith(wanted):
            rank = 0
        elif any(word.startswith(wanted) for word in name.split()):
            rank = 1
        elif wanted in name:
            rank = 2
        else:
            continue
        ranks.append((rank, order, choice))
    return [choice for _rank, _order, choice in sorted(ranks, key=lambda r: r[:2])]


def choices_of(session: Session) -> list[Choice]:
    """The account's agents (by name, as the server gives them), then its teams; on a
    worker thread. A server that will not list teams still gives the agents."""
    client = session.client()
    found = [Choice(Mention("user", a.id, a.display_name), a.email) for a in agents(client)]
    try:
        groups = teams(client)
    except ChatwootError:  # teams are a nicety: the agents are what a note needs
        groups = []
    return found + [Choice(Mention("team", t.id, t.name), tr("team")) for t in groups]


# -- tokens in the editor --------------------------------------------------------------


def token_format(mention: Mention, colour: str | None) -> QTextCharFormat:
    """The token's format: in a note, coloured and bold; with no colour (in a reply,
    where it goes as the text it reads) like the text around it, still knowing whom
    it names should the agent go back to the note."""
    shown = QTextCharFormat()
    if colour is not None:
        shown.setForeground(QColor(colour))
        shown.setFontWeight(QFont.Weight.DemiBold)
    shown.setProperty(KIND, mention.kind)
    shown.setProperty(ID, mention.id)
    shown.setProperty(NAME, mention.name)
    return shown


def token_at(format_: QTextCharFormat) -> Mention | None:
    if not format_.hasProperty(ID):
        return None
    kind = str(format_.property(KIND))
    return Mention(kind, int(format_.property(ID)), str(format_.property(NAME)))


def insert_token(cursor: QTextCursor, mention: Mention, colour: str) -> None:
    """The token, then a space in plain text (as Chatwoot's editor adds), so that what
    is typed next is not part of it."""
    cursor.insertText(mention.label, token_format(mention, colour))
    cursor.insertText(" ", QTextCharFormat())


def tokens(editor: QPlainTextEdit) -> list[tuple[int, int, Mention]]:
    """Where the tokens are (start, end) that still read exactly "@Name"."""
    text = editor.toPlainText()  # one character per document position
    found: list[tuple[int, int, Mention]] = []
    block = editor.document().begin()
    while block.isValid():
        pieces = block.begin()
        while not pieces.atEnd():
            piece = pieces.fragment()
            pieces += 1
            mention = token_at(piece.charFormat())
            start, end = piece.position(), piece.position() + piece.length()
            if mention is not None and text[start:end] == mention.label:
                found.append((start, end, mention))
        block = block.next()
    return found


def show_tokens(editor: QPlainTextEdit, colour: str | None) -> None:
    """Give the tokens the look of the mode: mentions in a note, text in a reply. Only
    the look changes: the editor does not say its text changed (a list would open)."""
    cursor = QTextCursor(editor.document())
    blocker = QSignalBlocker(editor)
    for start, end, mention in tokens(editor):
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(token_format(mention, colour))
    blocker.unblock()


def parts(editor: QPlainTextEdit) -> list[str | Mention]:
    """The editor's text as plain runs and the tokens that are still whole."""
    text = editor.toPlainText()
    found: list[str | Mention] = []
    at = 0
    for start, end, mention in tokens(editor):
        if start > at:
            found.append(text[at:start])
        found.append(mention)
        at = end
    if at < len(text):
        found.append(text[at:])
    return found


def content(editor: QPlainTextEdit) -> str:
    """What the note sends: the text as typed, each token as Chatwoot's mention link."""
    return join_mentions(parts(editor))


def set_content(editor: QPlainTextEdit, text: str, colour: str) -> None:
    """Show a note's content (a draft): its mention links become tokens again. Put in
    quietly, so that a draft put back opens no list (the caller refreshes the box)."""
    blocker = QSignalBlocker(editor)
    editor.clear()
    cursor = editor.textCursor()
    for part in split_mentions(text):
        if isinstance(part, str):
            cursor.insertText(part, QTextCharFormat())
        else:
            cursor.insertText(part.label, token_format(part, colour))
    editor.setTextCursor(cursor)
    blocker.unblock()


# -- the list ----------------------------------------------------------------------------


class MentionList(SuggestionList):
    trigger = "@"
    spaces = True  # "@Bruno Co"

    def __init__(
        self,
        editor: ReplyEditor,
        allowed: Callable[[], bool],
        colour: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(editor, parent)
        self.allowed = allowed  # in a note only
        self.colour = colour  # the tokens'
        self.choices: list[Choice] = []
        self.shown: list[Choice] = []  # in the list now, in its order
        self._asked_at: float | None = None

    def load(self, session: Session) -> None:
        """Ask for the account's agents and teams, unless asked a moment ago; a server
        that will not tell leaves the list as it was (a note can still be written)."""
        now = time.monotonic()
        if self._asked_at is not None and now - self._asked_at < KEPT_SECONDS:
            return
        self._asked_at = now
        session.run(lambda: choices_of(session), self.set_choices, lambda _error: None)

    def set_choices(self, found: list[Choice]) -> None:
        self.choices = list(found)

    def active(self) -> bool:
        return self.allowed() and bool(self.choices)

    def rows(self, typed: str) -> list[Row]:
        self.shown = matching(self.choices, typed)
        return [Row(f"{c.mention.name}  —  {c.detail}", c.detail) for c in self.shown]

    def put(self, row: int, cursor: QTextCursor) -> None:
        insert_token(cursor, self.shown[row].mention, self.colour())

    def is_taken(self, position: int) -> bool:
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(position + 1)  # the format of the character before it
        return token_at(cursor.charFormat()) is not None
