"""What the agent can do with a scheduled message, from the thread, the Scheduled tab or
the tray: edit, send now, cancel (with an undo; a cancelled message can also be restored
later, until its time), restore, retry. Whether an action is allowed is the policy's
word (`scheduling.policy`); the service refuses what it does not allow."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from agent_desktop.gui.formatting import tr
from agent_desktop.gui.session import Session, describe_error
from agent_desktop.store.records import OutboxRecord

UNDO_SECONDS = 8


class ScheduledActions(QObject):
    notice = Signal(str, object)  # text, undo callback or None
    open_conversation = Signal(int)

    def __init__(self, session: Session, window: QWidget) -> None:
        super().__init__(window)
        self.session = session
        self.window = window

    def perform(self, action: str, outbox_id: int) -> None:
        handlers: dict[str, Callable[[int], None]] = {
            "edit": self.edit,
            "send-now": self.send_now,
            "cancel": self.cancel,
            "retry": self.retry,
            "restore": self.restore,
            "open": self._open,
        }
        handler = handlers.get(action)
        if handler is not None:
            handler(outbox_id)

    def _open(self, outbox_id: int) -> None:
        self.session.run(
            lambda: self.session.service.outbox.get(outbox_id),
            lambda record: self.open_conversation.emit(record.conversation_id),
        )

    def _run(
        self,
        work: Callable[[], OutboxRecord],
        done_text: str,
        undo: Callable[[], None] | None = None,
    ) -> None:
        def failed(error: Exception) -> None:
            self.notice.emit(describe_error(error), None)

        self.session.run(work, lambda _record: self.notice.emit(done_text, undo), failed)

    def edit(self, outbox_id: int) -> None:

        def show(record: OutboxRecord) -> None:
            # loaded when first needed: the scheduler's modules are not on the way to
            # the window's first paint
            from agent_desktop.gui.edit_dialog import EditDialog
            from agent_desktop.scheduling import designs

            dialog = EditDialog(
                record,
                clock=self.session.clock,
                zone=self.session.zone,
                rules=self.session.rules(),
                traits=self.session.service.traits(designs.design(record.backend)),
                parent=self.window,
            )
            if not dialog.exec():
                return
            edit = dialog.result_value()
            if edit.empty:
                return
            self._run(
                lambda: self.session.service.edit(
                    outbox_id, text=edit.text, when=edit.when, hold_on_reply=edit.hold_on_reply
                ),
                tr("Scheduled message changed"),
            )

        self.session.run(lambda: self.session.service.outbox.get(outbox_id), show)

    def send_now(self, outbox_id: int) -> None:
        self._run(lambda: self.session.service.send_now(outbox_id), tr("Sending now"))

    def retry(self, outbox_id: int) -> None:
        self._run(lambda: self.session.service.retry(outbox_id), tr("Trying again"))

    def restore(self, outbox_id: int) -> None:
        self._run(lambda: self.session.service.restore(outbox_id), tr("Scheduled message restored"))

    def cancel(self, outbox_id: int) -> None:

        def undo() -> None:
            self._run(lambda: self.session.service.restore(outbox_id), tr("Cancel undone"))

        self._run(
            lambda: self.session.service.cancel(outbox_id), tr("Scheduled message cancelled"), undo
        )
