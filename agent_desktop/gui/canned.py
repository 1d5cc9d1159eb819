"""Canned responses in the reply box, as in Chatwoot: "/" and a few letters of a short code
(or of the text) open a list; Enter or Tab puts the chosen response in place of what was
typed, with the conversation's variables filled in; Esc leaves the typing as it is."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor

from agent_desktop.chatwoot.records import CannedResponse
from agent_desktop.chatwoot.variables import fill_variables
from agent_desktop.gui.formatting import one_line
from agent_desktop.gui.reply_editor import ReplyEditor
from agent_desktop.gui.suggestions import Row, SuggestionList


def ranked(responses: list[CannedResponse], typed: str) -> list[CannedResponse]:
    """Those matching what was typed: short codes starting with it first, then codes
    holding it, then texts holding it; alphabetical within each."""
    wanted = typed.casefold()
    ranks: list[tuple[int, str, CannedResponse]] = []
    for response in responses:
        code = response.short_code.casefold()
        if code.startswith(wanted):
            rank = 0
        elif wanted in code:
            rank = 1
        elif wanted in response.content.casefold():
            rank = 2
        else:
            continue
        ranks.append((rank, code, response))
    return [response for _rank, _code, response in sorted(ranks, key=lambda r: r[:2])]


class CannedCompleter(SuggestionList):
    trigger = "/"

    def __init__(self, editor: ReplyEditor, parent: QObject | None = None) -> None:
        super().__init__(editor, parent)
        self.responses: list[CannedResponse] = []
        self.shown: list[CannedResponse] = []  # in the list now, in its order
        # the conversation's variables, asked when a response goes in
        self.values: Callable[[], Mapping[str, str]] = dict

    def set_responses(self, responses: list[CannedResponse]) -> None:
        self.responses = list(responses)

    def active(self) -> bool:
        return bool(self.responses)

    def rows(self, typed: str) -> list[Row]:
        self.shown = ranked(self.responses, typed)
        return [
            Row(f"/{response.short_code}  —  {one_line(response.content)}", response.content)
            for response in self.shown
        ]

    def put(self, row: int, cursor: QTextCursor) -> None:
        cursor.insertText(fill_variables(self.shown[row].content, self.values()))
