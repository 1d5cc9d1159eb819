"""The conversations' drafts: the one in the reply box follows the agent from conversation
to conversation, and all of them are saved a moment after the agent stops typing and when
the window closes, so that a restart or a crash does not take half a reply."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QTimer, Signal

from agent_desktop.gui.reply_box import ReplyBox
from agent_desktop.gui.session import Session
from agent_desktop.store.drafts import Draft, load_drafts, save_drafts

SAVE_DELAY_MS = 1500  # after the last keystroke: one write per pause, not per key


class Drafts(QObject):
    others_changed = Signal(object)  # {conversation id: text} of the conversations not shown

    def __init__(self, session: Session, reply: ReplyBox, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reply = reply
        self.current: int | None = None  # the conversation whose draft is in the box
        self.others: dict[int, Draft] = {}
        self.discarded = False
        self.loaded = False  # until then, a save would drop the drafts kept last time
        self._written: dict[int, Draft] | None = None  # as last saved (or read)
        self._save = QTimer(self)
        self._save.setSingleShot(True)
        self._save.setInterval(SAVE_DELAY_MS)
        self._save.timeout.connect(self.save)
        reply.changed.connect(self._save.start)
        home, profile_id = session.home, session.profile.id
        session.run(lambda: load_drafts(home, profile_id), self._loaded, self._unreadable)

    def switch(self, conversation_id: int) -> None:
        """The box moves to another conversation: keep what it holds, show that one's."""
        if self.current is not None:
            draft = self.reply.draft()
            if draft is None:
                self.others.pop(self.current, None)
            else:
                self.others[self.current] = draft
        self.current = conversation_id
        self.reply.restore(self.others.pop(conversation_id, None))
        self._tell()

    def done_with(self, conversation_id: int, text: str) -> None:
        """A reply went out (or was scheduled): empty its box, wherever the agent is now,
        unless more was written meanwhile."""
        if conversation_id == self.current:
            if self.reply.text() == text:
                self.reply.clear()
            else:  # what was sent goes; what was written since stays
                self.reply.files = []
                self.reply.refresh_state()
        elif (kept := self.others.get(conversation_id)) is not None and kept.text == text:
            del self.others[conversation_id]
            self._save.start()
            self._tell()

    def all(self) -> dict[int, Draft]:
        drafts = dict(self.others)
        current = self.reply.draft()
        if self.current is not None and current is not None:
            drafts[self.current] = current
        return drafts

    def save(self) -> None:
        """Save on a worker thread."""
        if self.discarded:
            return
        if not self.loaded:
            self._save.start()
            return
        home, profile_id, drafts = self.session.home, self.session.profile.id, self.all()
        if drafts == self._written:
            return  # the box changed back, or only the scheduler's clock moved
        self._written = drafts

        def unsaved(error: Exception) -> None:  # a full disk, say: the next pause tries again
            self._written = None
            self.session.report(error)

        self.session.run(lambda: save_drafts(home, profile_id, drafts), None, unsaved)

    def flush(self) -> None:
        """Save now, on this thread: the window is closing and the workers with it."""
        self._save.stop()
        if self.discarded:
            return
        home, profile_id = self.session.home, self.session.profile.id
        drafts = self.all()
        if self.loaded and drafts == self._written:
            return
        with contextlib.suppress(OSError):  # a full disk must not stop the app closing
            kept = {} if self.loaded else load_drafts(home, profile_id)
            save_drafts(home, profile_id, {**kept, **drafts})

    def discard(self, on: bool = True) -> None:
        """Signing out: nothing more is saved (the store forgets what was); off again if
        the sign-out could not be done."""
        self.discarded = on
        self._save.stop()

    def _unreadable(self, _error: Exception) -> None:
        self.loaded = True  # what could not be read is not there to keep

    def _loaded(self, stored: dict[int, Draft]) -> None:
        self.loaded = True
        self._written = dict(stored)
        for conversation_id, draft in stored.items():
            if conversation_id == self.current:
                if self.reply.draft() is None:  # not if the agent already started anew
                    self.reply.restore(draft)
            else:
                self.others.setdefault(conversation_id, draft)
        self._tell()

    def _tell(self) -> None:
        self.others_changed.emit(
            {c: d.text or d.files[0].name for c, d in self.others.items() if d.text or d.files}
        )
