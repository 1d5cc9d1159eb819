"""Settings, generated from the settings' own declarations (label, range, choices, help),
plus starting hidden in the tray at login, which belongs to the desktop, not the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

from agent_desktop.gui.formatting import tr
from agent_desktop.store.setting_specs import SPECS, AppSettings, SettingSpec

if TYPE_CHECKING:
    from agent_desktop.gui.main_window import MainWindow

Editor = QCheckBox | QComboBox | QSpinBox


def editor_for(spec: SettingSpec, value: Any) -> Editor:
    """The widget that edits one setting, showing `value`."""
    editor: Editor
    if isinstance(spec.default, bool):
        editor = QCheckBox(tr(spec.label))
        editor.setChecked(bool(value))
    elif spec.choices is not None:
        editor = QComboBox()
        for choice, label in spec.choices():
            editor.addItem(tr(label), choice)
        editor.setCurrentIndex(max(0, editor.findData(value)))
    else:
        editor = QSpinBox()
        editor.setRange(spec.minimum or 0, spec.maximum if spec.maximum is not None else 10**6)
        editor.setSuffix(tr(spec.unit) if spec.unit else "")
        editor.setValue(int(value))
    if spec.help:
        editor.setToolTip(tr(spec.help))
    editor.setAccessibleName(tr(spec.label))
    return editor


def value_of(editor: Editor) -> Any:
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    return editor.value()


class SettingsDialog(QDialog):
    def __init__(
        self,
        values: AppSettings,
        parent: QWidget | None = None,
        *,
        start_at_login: bool | None = None,  # None: this system has no way to do it
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings"))
        self.initial = values
        self.editors: dict[str, Editor] = {}
        form = QFormLayout()
        for key, spec in SPECS.items():
            if not spec.in_dialog:
                continue
            editor = editor_for(spec, values.get(key))
            self.editors[key] = editor
            form.addRow("" if isinstance(editor, QCheckBox) else tr(spec.label), editor)
        self.start_at_login = QCheckBox(tr("Start hidden in the tray when I log in"))
        self.start_at_login.setChecked(bool(start_at_login))
        self.start_at_login.setVisible(start_at_login is not None)
        form.addRow("", self.start_at_login)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def editor(self, key: str) -> Any:
        """The widget for one setting: a checkbox, a list or a number, as the setting is."""
        return self.editors[key]

    def values(self) -> dict[str, Any]:
        """What the dialog holds, for every setting it shows."""
        return {key: value_of(editor) for key, editor in self.editors.items()}

    def changes(self) -> dict[str, Any]:
        """Only what the agent changed."""
        return {key: v for key, v in self.values().items() if v != self.initial.get(key)}


def edit_settings(window: MainWindow) -> None:
    """The settings dialog over `window`; what the agent changed is saved off the GUI
    thread, then told (a new language, with the offer to restart into it)."""
    session = window.session
    autostart = session.autostart
    at_login = autostart.enabled() if autostart.supported else None
    dialog = SettingsDialog(session.settings, window, start_at_login=at_login)
    if not dialog.exec():
        return
    changes = dialog.changes()
    start_at_login = dialog.start_at_login.isChecked()

    def save() -> frozenset[str]:
        changed = session.save_settings(changes)
        if autostart.supported:
            autostart.set(start_at_login)
        return changed

    def saved(changed: frozenset[str]) -> None:
        notice = tr("Settings saved")
        if "language" not in changed:
            window.notices.show_notice(notice)
        elif window.keeps_home:
            notice += " · " + tr("the language changes when Agent Desktop restarts")
            window.notices.show_notice(notice, tr("Restart now"), window.restart_requested.emit)
        else:
            notice += " · " + tr("the language changes the next time Agent Desktop starts")
            window.notices.show_notice(notice)

    session.run(save, saved)
