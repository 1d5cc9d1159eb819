"""What the window tells the agent of what happens to scheduled messages: a failure, a
miss or a hold in the tray (and in the window when it is not in front), what the server
did on its own, a lost sign-in, a clock that is off, a sender that stopped."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QSystemTrayIcon

from agent_desktop.gui.formatting import tr
from agent_desktop.scheduling.events import Event, EventKind

if TYPE_CHECKING:
    from agent_desktop.gui.main_window import MainWindow

Icon = QSystemTrayIcon.MessageIcon

NOTIFY = {EventKind.FAILED: "failed", EventKind.MISSED: "missed", EventKind.HELD: "held"}
# what the server did on its own (kept waiting in a snoozed conversation, deleted in
# Chatwoot's window): told once, not a failure, but not a quiet change in a column either
ELSEWHERE = {EventKind.STUCK, EventKind.CANCELLED}


def tell(window: MainWindow, event: Event) -> None:
    record = event.record
    if event.kind in NOTIFY and record is not None:
        what = {
            EventKind.FAILED: tr("A scheduled message failed"),
            EventKind.MISSED: tr("A scheduled message was missed"),
            EventKind.HELD: tr("A scheduled message is on hold"),
        }[event.kind]
        text = f"#{record.conversation_id}: {record.content[:80]} — {event.detail}"
        if window.session.settings.notifications:
            kind = Icon.Critical if event.kind is EventKind.FAILED else Icon.Warning
            opens = partial(window.open_scheduled, record.id)
            shown = window.tray.notify(what, text, opens, kind)
            if not shown or not window.isActiveWindow():
                window.notices.show_notice(
                    f"{what}. {text}",
                    tr("Open", "action"),
                    partial(window.open_scheduled, record.id),
                    seconds=0,
                )
    elif event.kind in ELSEWHERE and record is not None and event.detail:
        # a cancel of the agent's own has no detail: only the server's are told
        what = (
            tr("A scheduled message waits on the server")
            if event.kind is EventKind.STUCK
            else tr("A scheduled message was cancelled on the server")
        )
        text = f"#{record.conversation_id}: {record.content[:80]} — {event.detail}"
        window.notices.show_notice(
            f"{what}. {text}", tr("Open", "action"), partial(window.open_scheduled, record.id)
        )
    elif event.kind is EventKind.SENT and record is not None:
        window.statusBar().showMessage(
            tr("Scheduled message #{id} sent").format(id=record.id), 5000
        )
    elif event.kind is EventKind.PAUSED:
        window._signed_out(event.detail)
    elif event.kind is EventKind.RESUMED:  # a new token, from here or `agent-desktop login`
        window.withdraw_signed_out()
        window.notices.show_notice(tr("Signed in again: sending resumed."))
    elif event.kind is EventKind.CLOCK_SKEW:  # messages wait for the server's clock
        window.notices.show_notice(event.detail[:1].upper() + event.detail[1:] + ".", seconds=0)
    elif event.kind is EventKind.STOPPED:  # its database file went away under it
        text = tr("Sending stopped: {why}. Restart Agent Desktop.").format(why=event.detail)
        window.tray.notify(tr("Sending stopped"), text, None, Icon.Critical)
        window.notices.show_notice(text, seconds=0)
