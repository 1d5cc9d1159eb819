"""Editing a scheduled message: its text and its time, with the same live checks as the
reply box's scheduler."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.core.timezones import ZonedTime, from_utc
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.schedule_panel import SchedulePanel
from agent_desktop.gui.session import Session
from agent_desktop.store.records import OutboxRecord


class EditDialog(QDialog):
    def __init__(
        self, session: Session, record: OutboxRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Edit scheduled message"))
        self.record = record
        self.editor = QPlainTextEdit(record.content)
        self.editor.setAccessibleName(tr("Message"))
        self.panel = SchedulePanel(session.clock, session.zone, session.rules)
        self.panel.hold.setVisible(False)
        self.panel.set_wall(from_utc(record.scheduled_at, session.zone).wall)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.panel.changed.connect(self._check)
        self.editor.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Conversation #{id}").format(id=record.conversation_id)))
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.panel)
        layout.addWidget(self.buttons)
        self.resize(520, 420)
        self._check()

    def _check(self) -> None:
        problem = self.panel.problem(self.editor.toPlainText())
        if not self.editor.toPlainText().strip():
            problem = tr("The message is empty")
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(problem is None)
        save.setToolTip(problem or "")

    def result_value(self) -> tuple[str | None, ZonedTime | None]:
        """What changed: (new text or None, new time or None)."""
        text = self.editor.toPlainText()
        when = self.panel.value()
        changed_text = text if text != self.record.content else None
        changed_time = (
            when if when is not None and when.instant != self.record.scheduled_at else None
        )
        return changed_text, changed_time
