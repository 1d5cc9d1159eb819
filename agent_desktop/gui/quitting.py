"""Whether quitting needs the agent's word: only when messages would not go out without
the window (sending paused or scheduling off); otherwise they are told the background
sender goes on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon

from agent_desktop.gui.formatting import tr

if TYPE_CHECKING:
    from agent_desktop.gui.main_window import MainWindow


def confirm_quit(window: MainWindow) -> bool:
    waiting = window.pending_local
    if waiting == 0:
        return True
    session = window.session
    held = session.sending_paused or not session.settings.scheduling_enabled
    if not held:
        window.tray.notify(
            "Agent Desktop",
            tr(
                "%n scheduled message(s) will still go out at their time, sent in the "
                "background while this computer is on.",
                None,
                waiting,
            ),
            kind=QSystemTrayIcon.MessageIcon.Information,
        )
        return True
    answer = QMessageBox.warning(
        window,
        tr("Quit Agent Desktop?"),
        tr(
            "%n scheduled message(s) wait in this app's outbox, and sending is paused: "
            "nothing goes out until sending is resumed.",
            None,
            waiting,
        ),
        QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes
