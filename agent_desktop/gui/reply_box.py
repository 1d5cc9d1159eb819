"""The reply box: an editor for a reply or a private note, attachments, Send, and the
scheduler. The send button always says what will happen; a note is tinted and can
mention colleagues (gui/note_mode.py, gui/mentions.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QImage, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.core.channels import ChannelLimit
from agent_desktop.core.dates import short_moment
from agent_desktop.core.i18n import number
from agent_desktop.core.timezones import ZonedTime
from agent_desktop.gui import mentions, note_mode
from agent_desktop.gui.canned import CannedCompleter
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.reply_editor import ReplyEditor
from agent_desktop.gui.schedule_panel import SchedulePanel
from agent_desktop.gui.scroll_panel import ScrollPanel
from agent_desktop.gui.session import Session
from agent_desktop.scheduling import policy
from agent_desktop.scheduling.attachments import attachment_problem
from agent_desktop.store.drafts import Draft

REPLY, NOTE = 0, 1


def pasted_pictures_folder() -> QTemporaryDir:
    """This run's folder for pasted pictures, removed as the app quits: its destructor
    alone may never run at exit, which left an empty folder behind at every start.
    (A scheduled message's files are copied into the data directory when scheduled.)"""
    folder = QTemporaryDir()
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(folder.remove)
    return folder


class ReplyBox(QWidget):
    send_requested = Signal(str, bool, list)  # text, private, files
    schedule_requested = Signal(str, object, bool, list)  # text, ZonedTime, hold, files
    changed = Signal()  # the text, the mode, the files or the scheduler
    refused = Signal(str)  # a file that cannot be attached, and why

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.files: list[Path] = []

        self.mode = QTabBar()
        self.mode.addTab(tr("Reply"))
        self.mode.addTab(tr("Private note"))
        self.mode.setDrawBase(False)
        self.mode.setExpanding(False)
        self.mode.currentChanged.connect(lambda _n: self._mode_changed())

        self.editor = ReplyEditor()
        self.editor.setPlaceholderText(note_mode.placeholder(private=False))
        self.editor.setAccessibleName(tr("Message"))
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self.refresh_state)
        self.editor.installEventFilter(self)
        self.canned = CannedCompleter(self.editor, self)
        self.mentions = mentions.MentionList(
            self.editor, lambda: self.private, lambda: note_mode.token_colour(self.palette()), self
        )
        self.editor.files_dropped.connect(self.add_files)
        self.editor.image_pasted.connect(self.attach_image)
        self._pasted: QTemporaryDir | None = None  # made at the first paste

        self.scheduler = SchedulePanel(
            session.clock, session.zone, session.rules, session.design_traits
        )
        self.scheduler.setVisible(False)
        self.scheduler.changed.connect(self.refresh_state)

        self.attach_button = QToolButton()
        self.attach_button.setText(tr("Attach…"))
        self.attach_button.clicked.connect(self.choose_files)
        self.files_label = QLabel()
        self.channel: ChannelLimit | None = None  # the open conversation's limit, if any
        # counts as the agent types where the channel has a limit; always in place (empty
        # otherwise) so that nothing beside it moves
        self.count_label = QLabel()
        self.count_label.setObjectName("reply-count")
        self.schedule_toggle = QToolButton()
        self.schedule_toggle.setText(tr("Schedule"))
        self.schedule_toggle.setCheckable(True)
        self.schedule_toggle.toggled.connect(self.set_scheduling)
        self.schedule_tip = ""  # the schedule action's, with its keys (set by the window)
        self.send_button = QPushButton(tr("Send"))
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.submit)

        bottom = QHBoxLayout()
        bottom.addWidget(self.attach_button)
        bottom.addWidget(self.files_label, 1)
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.schedule_toggle)
        bottom.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.mode)
        layout.addWidget(self.editor, 1)
        # a short window scrolls the scheduler rather than growing past the screen; made
        # inside the box (made alone, it would show as a window of its own for a moment)
        self.scheduler_area = ScrollPanel(self.scheduler, self)
        layout.addWidget(self.scheduler_area)
        layout.addLayout(bottom)
        self.refresh_state()

    # -- state -------------------------------------------------------------------------

    @property
    def private(self) -> bool:
        return self.mode.currentIndex() == NOTE

    @property
    def scheduling(self) -> bool:
        return not self.scheduler.isHidden() and not self.private

    def text(self) -> str:
        """What goes to the server: in a note, with its mentions as Chatwoot's links."""
        return mentions.content(self.editor) if self.private else self.editor.toPlainText()

    def _mode_changed(self) -> None:
        self._show_mode()
        if self.private:
            self.mentions.load(self.session)
        else:
            self.mentions.close()
        self.refresh_state()

    def close_list(self) -> bool:
        """Close the list open under the cursor (Esc), if one is."""
        for shown in (self.canned, self.mentions):
            if shown.popup.isVisible():
                shown.close()
                return True
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # the desktop turned dark or light
            self._show_mode()
        super().changeEvent(event)

    def _show_mode(self) -> None:
        note_mode.show_mode(self.editor, self.palette(), self.private)
        colour = note_mode.token_colour(self.palette()) if self.private else None
        mentions.show_tokens(self.editor, colour)

    def set_scheduling(self, on: bool) -> None:
        if on and not self.scheduling_allowed():
            on = False  # switched off in the settings: the toggle says so
        if on and self.private:
            self.mode.setCurrentIndex(REPLY)  # notes are never scheduled
        if on and self.scheduler.isHidden():
            self.scheduler.reset()
            traits = self.session.design_traits()
            self.scheduler.set_hold_supported(traits.hold_on_reply, traits.hold_unconfirmed)
        self.scheduler.setVisible(on)
        if self.schedule_toggle.isChecked() != on:
            self.schedule_toggle.setChecked(on)
        self.refresh_state()

    def set_channel(self, channel: ChannelLimit | None) -> None:
        """The open conversation's channel limit (WhatsApp, SMS, …), None where only the
        server's applies."""
        self.channel = channel
        self.refresh_state()

    def _count(self) -> None:
        channel = None if self.private else self.channel
        if channel is None:
            self.count_label.setText("")
            self.count_label.setToolTip("")
            return
        self.count_label.setText(f"{number(len(self.text()))} / {number(channel.chars)}")
        self.count_label.setToolTip(
            tr("{channel} takes at most {limit} characters").format(
                channel=channel.name, limit=number(channel.chars)
            )
        )

    def clear(self) -> None:
        self.editor.clear()
        self.files = []
        self.set_scheduling(False)
        self.refresh_state()

    def draft(self) -> Draft | None:
        """What is written now, or None when nothing is."""
        if not self.text().strip() and not self.files:
            return None
        return Draft(self.text(), self.private, tuple(self.files))

    def restore(self, draft: Draft | None) -> None:
        """Show a conversation's draft; none starts an empty reply."""
        self.clear()
        self.mode.setCurrentIndex(NOTE if draft is not None and draft.private else REPLY)
        if draft is not None:
            self.files = list(draft.files)
            if draft.private:  # its mention links become tokens again
                mentions.set_content(
                    self.editor, draft.text, note_mode.token_colour(self.palette())
                )
            else:
                self.editor.setPlainText(draft.text)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self.refresh_state()

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, tr("Attach files"))
        self.add_files([Path(name) for name in names])

    def attach_image(self, image: QImage) -> None:
        """A pasted picture (a screenshot) goes as a PNG file, as Chatwoot's editor does."""
        stamp = datetime.now().strftime("%Y-%m-%d %H.%M.%S")
        name = tr("Pasted picture {when}").format(when=stamp)
        if self._pasted is None:
            self._pasted = pasted_pictures_folder()
        folder = Path(self._pasted.path())
        path = folder / f"{name}.png"
        for n in range(2, 100):  # two pastes in the same second
            if not path.exists():
                break
            path = folder / f"{name} ({n}).png"
        if self._pasted.isValid() and image.save(str(path)):
            self.add_files([path])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            problem = attachment_problem(path)  # a folder, a file too big to send
            if problem is not None:
                self.refused.emit(problem[:1].upper() + problem[1:])
            elif path not in self.files:
                self.files.append(path)
        self.refresh_state()

    def scheduling_allowed(self) -> bool:
        return self.session.settings.scheduling_enabled

    def refresh_state(self) -> None:
        allowed = self.scheduling_allowed()
        self.schedule_toggle.setEnabled(allowed and not self.private)
        if not allowed:
            self.schedule_toggle.setToolTip(tr("Scheduling is switched off in Settings"))
        elif self.private:
            self.schedule_toggle.setToolTip(tr("A private note is added now, never scheduled"))
        else:
            self.schedule_toggle.setToolTip(self.schedule_tip)
        if (self.private or not allowed) and not self.scheduler.isHidden():
            self.scheduler.setVisible(False)
            self.schedule_toggle.setChecked(False)
        self.files_label.setText(", ".join(p.name for p in self.files))
        self._count()
        problem = self.problem()
        if self.scheduling:
            value = self.scheduler.value()
            # the zone's abbreviation tells the two runs of a repeated hour apart
            when = f"{short_moment(value.wall)} {value.abbreviation}".strip() if value else "…"
            self.send_button.setText(tr("Schedule for {when}").format(when=when))
            keys = tr("Ctrl+Shift+Enter")
        else:
            self.send_button.setText(tr("Add note") if self.private else tr("Send now"))
            keys = tr("Ctrl+Enter")
        self.send_button.setToolTip(f"{problem} ({keys})" if problem else keys)
        self.send_button.setEnabled(problem is None)
        self.changed.emit()

    def problem(self) -> str | None:
        """Why what is written cannot go as asked, in the policy's words; None if it can."""
        rules = self.session.rules()
        files = len(self.files)
        if not self.scheduling:
            found = policy.check_send(self.text(), files, rules, self.channel, private=self.private)
        else:
            value = self.scheduler.value()
            if value is None:
                return self.scheduler.problem()
            found = policy.check_schedule(
                self.text(),
                files,
                value.instant,
                self.session.clock.now(),
                rules,
                self.session.design_traits(),
                self.channel,
            )
        return policy.as_sentence(found)

    # -- actions -----------------------------------------------------------------------

    def submit(self) -> None:
        if not self.send_button.isEnabled():
            return
        if self.scheduling:
            value: ZonedTime | None = self.scheduler.value()
            if value is None:
                return
            self.schedule_requested.emit(
                self.text(), value, self.scheduler.hold.isChecked(), list(self.files)
            )
        else:
            self.send_requested.emit(self.text(), self.private, list(self.files))

    def schedule_now(self) -> None:
        """Ctrl+Shift+Enter: open the scheduler, or schedule when it is open."""
        if not self.scheduling:
            self.set_scheduling(True)
            return
        self.submit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                modifiers = event.modifiers()
                ctrl = modifiers & Qt.KeyboardModifier.ControlModifier
                shift = modifiers & Qt.KeyboardModifier.ShiftModifier
                enter_sends = self.session.settings.send_key == "enter"
                if ctrl and shift:
                    self.schedule_now()
                    return True
                if ctrl or (enter_sends and not shift):
                    self.submit()
                    return True
            if event.key() == Qt.Key.Key_Escape and not self.scheduler.isHidden():
                self.set_scheduling(False)
                return True
        return super().eventFilter(watched, event)
