"""Editing a scheduled message: its text, its time and whether it holds if the customer
replies, with the same live checks as the reply box's scheduler. The stored instant is
shown exactly (seconds, and which of a repeated hour) and kept to the microsecond unless
the agent changes the time."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.core.clock import Clock
from agent_desktop.core.rules import ScheduleRules
from agent_desktop.core.timezones import ZonedTime
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.schedule_panel import SchedulePanel
from agent_desktop.scheduling import policy
from agent_desktop.scheduling.policy import Traits
from agent_desktop.store.records import OutboxRecord


@dataclass(frozen=True)
class Edit:
    """What the agent changed; None where nothing did."""

    text: str | None
    when: ZonedTime | None
    hold_on_reply: bool | None

    @property
    def empty(self) -> bool:
        return self.text is None and self.when is None and self.hold_on_reply is None


class EditDialog(QDialog):
    def __init__(
        self,
        record: OutboxRecord,
        *,
        clock: Clock,
        zone: ZoneInfo,
        rules: ScheduleRules,
        traits: Traits,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Edit scheduled message"))
        self.record, self.clock, self.rules, self.traits = record, clock, rules, traits
        self.editor = QPlainTextEdit(record.content)
        self.editor.setAccessibleName(tr("Message"))
        self.panel = SchedulePanel(clock, zone, lambda: rules, lambda: traits)
        self.panel.set_instant(record.scheduled_at, kept=True)
        self.panel.hold.setChecked(record.hold_on_reply)
        self.panel.set_hold_supported(traits.hold_on_reply, traits.hold_unconfirmed)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.panel.changed.connect(self._check)
        self.panel.hold.toggled.connect(lambda _on: self._check())
        self.editor.textChanged.connect(self._check)
        title = f"#{record.conversation_id} {record.conversation_label}".strip()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Conversation {title}").format(title=title)))
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.panel)
        layout.addWidget(self.buttons)
        self.resize(560, 460)
        self._check()

    def problem(self) -> str | None:
        """Why the change cannot be saved; None when it can."""
        edit = self.result_value()
        if self.panel.time_changed() and self.panel.value() is None:
            return self.panel.problem()
        found = policy.check_edit(
            self.record,
            edit.text,
            edit.when.instant if edit.when else None,
            self.clock.now(),
            self.rules,
            self.traits,
        )
        return policy.as_sentence(found)

    def _check(self) -> None:
        problem = self.problem()
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(problem is None)
        save.setToolTip(problem or "")

    def result_value(self) -> Edit:
        """What changed: the text, the time and the hold, each None when kept."""
        text = self.editor.toPlainText()
        when = self.panel.value() if self.panel.time_changed() else None
        hold = self.panel.hold.isChecked()
        return Edit(
            text=text if text != self.record.content else None,
            when=when,
            hold_on_reply=hold if hold != self.record.hold_on_reply else None,
        )
