"""Settings: send key, minimum lead time, grace period, notifications, where scheduled
messages wait, a switch that turns scheduling off without losing anything, the language,
and starting hidden in the tray at login."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.core.i18n import QT_TR_NOOP, SYSTEM, available_languages
from agent_desktop.gui.formatting import tr

# each language by its own name, so that anyone can find theirs
LANGUAGE_NAMES = {"en": "English", "pt_BR": "Português (Brasil)"}
BACKEND_CHOICES = [
    ("auto", QT_TR_NOOP("Detect per account")),
    ("local", QT_TR_NOOP("This app's outbox")),
    ("server-resource", QT_TR_NOOP("The server (scheduled_messages)")),
    ("server-scheduled-at", QT_TR_NOOP("The server (scheduled_at)")),
]


class SettingsDialog(QDialog):
    def __init__(
        self,
        values: dict[str, Any],
        parent: QWidget | None = None,
        *,
        start_at_login: bool | None = None,  # None: this system has no way to do it
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings"))
        self.send_key = QComboBox()
        self.send_key.addItem(tr("Ctrl+Enter sends, Enter adds a line"), "ctrl+enter")
        self.send_key.addItem(tr("Enter sends, Shift+Enter adds a line"), "enter")
        self.send_key.setCurrentIndex(self.send_key.findData(values["send_key"]))
        self.lead = QSpinBox()
        self.lead.setRange(0, 60)
        self.lead.setSuffix(tr(" min"))
        self.lead.setValue(int(values["min_lead_minutes"]))
        self.grace = QSpinBox()
        self.grace.setRange(0, 1440)
        self.grace.setSuffix(tr(" min"))
        self.grace.setValue(int(values["grace_minutes"]))
        self.grace.setToolTip(
            tr(
                "A message that came due while the app was closed is still "
                "sent if it is less late than this; otherwise it waits for "
                "you as missed"
            )
        )
        self.notifications = QCheckBox(tr("Notify me of failed, missed and held messages"))
        self.notifications.setChecked(bool(values["notifications"]))
        self.message_notifications = QCheckBox(
            tr("Notify me of new messages in my conversations while I am elsewhere")
        )
        self.message_notifications.setChecked(bool(values["message_notifications"]))
        self.backend = QComboBox()
        for value, label in BACKEND_CHOICES:
            self.backend.addItem(tr(label), value)
        self.backend.setCurrentIndex(self.backend.findData(values["backend"]))
        self.enabled = QCheckBox(tr("Scheduling is on"))
        self.enabled.setChecked(bool(values["scheduling_enabled"]))
        self.enabled.setToolTip(
            tr("Turning it off keeps every scheduled message; turning it back on resumes them")
        )
        self.language = QComboBox()
        self.language.addItem(tr("System default"), SYSTEM)
        for code in available_languages():
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(values["language"])))
        self.language.setToolTip(tr("Applies when Agent Desktop starts again"))
        self.start_at_login = QCheckBox(tr("Start hidden in the tray when I log in"))
        self.start_at_login.setChecked(bool(start_at_login))
        self.start_at_login.setVisible(start_at_login is not None)
        form = QFormLayout()
        form.addRow(tr("Send key"), self.send_key)
        form.addRow(tr("Schedule at least"), self.lead)
        form.addRow(tr("Grace period"), self.grace)
        form.addRow(tr("Scheduled messages wait in"), self.backend)
        form.addRow("", self.notifications)
        form.addRow("", self.message_notifications)
        form.addRow("", self.enabled)
        form.addRow(tr("Language"), self.language)
        form.addRow("", self.start_at_login)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "send_key": self.send_key.currentData(),
            "min_lead_minutes": self.lead.value(),
            "grace_minutes": self.grace.value(),
            "notifications": self.notifications.isChecked(),
            "message_notifications": self.message_notifications.isChecked(),
            "backend": self.backend.currentData(),
            "scheduling_enabled": self.enabled.isChecked(),
            "language": self.language.currentData(),
        }
