"""The scheduler under the reply box: presets, a date-time picker with a calendar, and,
live, the send time in local time with offset and zone, the same instant in UTC, and any
rule broken (too soon, too far, a time that does not exist, a repeated hour).

The picker is a plain wall-clock editor: it runs in UTC, where every reading exists, so
Qt never moves a time the agent typed. What the reading means in the agent's zone
(`core.send_time`) and whether it may be used (`scheduling.policy`) are decided outside
the widget; the panel only shows them.

Every line that comes and goes (the send time, the rule broken, the choice for a repeated
or missing hour) keeps its room while it is away: the panel sits under the pointer, and a
line appearing would move the presets and the picker from under it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, QTimeZone, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.core.clock import Clock
from agent_desktop.core.presets import CUSTOMER_PRESETS, PRESETS, Preset
from agent_desktop.core.rules import ScheduleRules, Violation
from agent_desktop.core.send_time import SendTime, send_time
from agent_desktop.core.timezones import WallKind, WallTime, ZonedTime, wall_of
from agent_desktop.gui.colours import for_palette
from agent_desktop.gui.customer_schedule import CustomerScheduling
from agent_desktop.gui.customer_time import CustomerClock
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.wall_clock_edit import WallClockEdit
from agent_desktop.scheduling import policy
from agent_desktop.scheduling.policy import Traits

WITH_SECONDS = "yyyy-MM-dd  HH:mm:ss"
WITHOUT_SECONDS = "yyyy-MM-dd  HH:mm"


def keep_room(widget: QWidget) -> None:
    """Hidden, the widget still holds its place: nothing around it moves."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


class SchedulePanel(QFrame):
    changed = Signal()

    def __init__(
        self,
        clock: Clock,
        zone: ZoneInfo,
        rules: Callable[[], ScheduleRules],
        traits: Callable[[], Traits],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock, self.zone, self._rules, self._traits = clock, zone, rules, traits
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("schedulePanel")
        self._choice = WallTime(datetime(2000, 1, 1))
        self.kept: WallTime | None = None  # a stored time, kept as it is: not checked again
        # the customer's clock and the inbox's hours, once the open conversation's are known
        self.customer = CustomerScheduling(clock, zone, self.set_instant)

        self.presets: list[QPushButton] = []
        preset_row = QHBoxLayout()
        preset_row.addWidget(QLabel(tr("Send at:")))
        for preset in PRESETS:
            button = QPushButton(preset.label)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, p=preset: self.use_preset(p))
            self.presets.append(button)
            preset_row.addWidget(button)
        preset_row.addStretch(1)

        self.picker = WallClockEdit()
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat(WITHOUT_SECONDS)
        self.picker.setAccessibleName(tr("Send date and time"))
        self.picker.dateTimeChanged.connect(lambda _value: self._picked())
        self.zone_label = QLabel(self.zone.key)
        self.zone_label.setToolTip(tr("Times are in this computer's time zone"))
        picker_row = QHBoxLayout()
        picker_row.addWidget(self.picker)
        picker_row.addWidget(self.zone_label)
        picker_row.addStretch(1)
        picker_row.addWidget(self.customer.better_button)  # beside what it changes

        self.earlier = QRadioButton()
        self.later = QRadioButton()
        self.fold_group = QButtonGroup(self)
        self.fold_group.addButton(self.earlier)
        self.fold_group.addButton(self.later)
        self.earlier.setChecked(True)
        self.later.toggled.connect(self._fold_picked)
        fold_row = QHBoxLayout()
        fold_row.setContentsMargins(0, 0, 0, 0)
        fold_row.addWidget(QLabel(tr("This hour happens twice:")))
        fold_row.addWidget(self.earlier)
        fold_row.addWidget(self.later)
        fold_row.addStretch(1)
        self.fold_box = QWidget()
        self.fold_box.setLayout(fold_row)

        self.local_label = QLabel()
        self.utc_label = QLabel()
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {for_palette(self.palette()).error};")
        self.problem_label.setAccessibleName(tr("Scheduling problem"))
        lines = self.problem_label.fontMetrics().lineSpacing()
        self.problem_label.setFixedHeight(2 * lines + 2)  # room for a sentence that wraps
        self.gap_buttons = [QPushButton(), QPushButton()]
        self._gap_targets: list[ZonedTime] = []
        gap_row = QHBoxLayout()
        gap_row.setContentsMargins(0, 0, 0, 0)
        for number, button in enumerate(self.gap_buttons):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, n=number: self._use_gap_time(n))
            gap_row.addWidget(button)
        gap_row.addStretch(1)
        self.gap_box = QWidget()
        self.gap_box.setLayout(gap_row)
        # a wall time is never both repeated and missing: the two choices share one row
        choice_row = QGridLayout()
        choice_row.setContentsMargins(0, 0, 0, 0)
        choice_row.addWidget(self.fold_box, 0, 0)
        choice_row.addWidget(self.gap_box, 0, 0)
        self.customer.advice.setFixedHeight(2 * lines + 2)
        # a rule broken and a warning share the room kept for a message: one at a time
        message_area = QGridLayout()
        message_area.addWidget(self.problem_label, 0, 0)
        message_area.addWidget(self.customer.advice, 0, 0)
        for line in (self.local_label, self.utc_label, self.problem_label, *self.customer.lines()):
            keep_room(line)
        for box in (self.fold_box, self.gap_box):
            keep_room(box)

        self.hold = QCheckBox(tr("Hold if the customer replies"))
        self.hold.setChecked(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(preset_row)
        layout.addWidget(self.customer.preset_box)
        layout.addLayout(picker_row)
        layout.addWidget(self.local_label)
        utc_row = QHBoxLayout()  # the instant in UTC, and on the customer's clock
        utc_row.addWidget(self.utc_label)
        utc_row.addSpacing(12)
        utc_row.addWidget(self.customer.line, 1)
        layout.addLayout(utc_row)
        layout.addLayout(message_area)
        layout.addLayout(choice_row)
        checks = QHBoxLayout()
        checks.addWidget(self.hold)
        checks.addWidget(self.customer.wait)
        checks.addStretch(1)
        layout.addLayout(checks)

        self._tick = QTimer(self)
        self._tick.setInterval(20_000)  # "too soon" and "in 5 min" change as time passes
        self._tick.timeout.connect(self.refresh)
        self.reset()

    # -- value -----------------------------------------------------------------------

    def choice(self) -> WallTime:
        """What the agent picked: the wall time (to the microsecond) and the repeated-hour
        choice."""
        return self._choice

    def set_choice(self, choice: WallTime) -> None:
        self._choice = choice
        wall = choice.wall
        self.picker.blockSignals(True)
        self.picker.setDisplayFormat(WITH_SECONDS if wall.second else WITHOUT_SECONDS)
        self.picker.setDateTime(
            QDateTime(
                QDate(wall.year, wall.month, wall.day),
                QTime(wall.hour, wall.minute, wall.second),
                QTimeZone.utc(),
            )
        )
        self.picker.blockSignals(False)
        self.refresh()

    def set_instant(self, instant: datetime, *, kept: bool = False) -> None:
        """Show an instant exactly: its wall time, seconds and repeated-hour choice. A kept
        one is a stored time that stays as it is unless the agent changes it."""
        choice = wall_of(instant, self.zone)
        if kept:
            self.kept = choice
        self.set_choice(choice)

    def set_wall(self, wall: datetime) -> None:
        self.set_choice(WallTime(wall))

    def wall(self) -> datetime:
        return self._choice.wall

    def current(self) -> SendTime:
        return send_time(self._choice, self.zone, self.clock.now())

    def value(self) -> ZonedTime | None:
        """The instant chosen, or None when the local time does not exist."""
        return self.current().value

    def time_changed(self) -> bool:
        return self._choice != self.kept

    def time_violations(self) -> list[Violation]:
        value = self.value()
        if value is None or not self.time_changed():
            return []
        return policy.check_time(value.instant, self.clock.now(), self._rules(), self._traits())

    def problem(self) -> str | None:
        """What stops the chosen time from being used, in words; None when it can."""
        current = self.current()
        if current.kind is WallKind.NONEXISTENT:
            return current.gap_text
        found = self.time_violations()
        return policy.as_sentence(found)

    # -- behaviour -------------------------------------------------------------------

    def reset(self) -> None:
        self.hold.setChecked(True)
        self.customer.reset()
        self.use_preset(Preset.IN_1_HOUR)

    def use_preset(self, preset: Preset | int) -> None:
        """A preset by itself or by its number: the reply presets, then the customer's."""
        if isinstance(preset, int) and preset >= len(PRESETS):
            self.customer.use_preset(CUSTOMER_PRESETS[preset - len(PRESETS)])
            return
        chosen = PRESETS[preset] if isinstance(preset, int) else preset
        self.set_choice(chosen.wall(self.clock.now(), self.zone))

    def set_customer(self, found: CustomerClock | None) -> None:
        """The open conversation's customer and inbox (None while being looked up)."""
        self.customer.set_customer(found)
        self.refresh()

    def use_suggested(self) -> None:
        """The time the warning suggests, while the panel shows one."""
        if self.isVisible():
            self.customer.use_better()

    def wait_for_opening(self) -> bool:
        return self.customer.wait_for_opening()

    def set_hold_supported(self, supported: bool, unconfirmed: bool = False) -> None:
        """Where messages wait on a server that does not hold them, or has not shown
        that it does, say so where the agent chooses."""
        self.hold.setEnabled(supported)
        if not supported:
            tip = tr("The server keeps this message and sends it even if the customer replies")
        elif unconfirmed:
            tip = tr(
                "The server keeps this message and has not shown that it holds one when "
                "the customer replies (older versions of it do not): it may go out anyway"
            )
        else:
            tip = tr(
                "If the customer writes after you schedule this, it waits "
                "for you instead of going out"
            )
        self.hold.setToolTip(tip)
        self.hold.setText(
            tr("Hold if the customer replies (if the server does)")
            if supported and unconfirmed
            else tr("Hold if the customer replies")
        )

    def showEvent(self, event: QShowEvent) -> None:
        self._tick.start()
        self.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()
        super().hideEvent(event)

    def _picked(self) -> None:
        """The agent changed the picker: its reading, to the second, is the new wall time."""
        value = self.picker.dateTime()
        date, time = value.date(), value.time()
        wall = datetime(
            date.year(), date.month(), date.day(), time.hour(), time.minute(), time.second()
        )
        kept = self.kept
        if kept is not None and kept.wall.replace(microsecond=0) == wall:
            wall = kept.wall  # moved and back to the stored reading: nothing moved
        # the second of a repeated hour stays chosen only while the hour repeats
        later = self._choice.later
        if send_time(WallTime(wall), self.zone, self.clock.now()).kind is not WallKind.AMBIGUOUS:
            later = False
        self._choice = WallTime(wall, later)
        self.refresh()

    def _fold_picked(self, later: bool) -> None:
        if later != self._choice.later:
            self._choice = replace(self._choice, later=later)
            self.refresh()

    def _use_gap_time(self, number: int) -> None:
        if number < len(self._gap_targets):
            self.set_instant(self._gap_targets[number].instant)

    def refresh(self) -> None:
        current = self.current()
        self.fold_box.setVisible(current.kind is WallKind.AMBIGUOUS)
        self.gap_box.setVisible(current.kind is WallKind.NONEXISTENT)
        # words of a choice not offered go: a hidden row keeps its room, not its width
        labels = current.fold_labels or ("", "")
        self.earlier.setText(labels[0])
        self.later.setText(labels[1])
        (self.later if self._choice.later else self.earlier).setChecked(True)
        nearest = current.nearest
        self._gap_targets = list(nearest or ())
        for number, button in enumerate(self.gap_buttons):
            target = self._gap_targets[number] if number < len(self._gap_targets) else None
            button.setText(tr("Use {time}").format(time=target.display()) if target else "")
        self.local_label.setText(current.local_text)
        self.utc_label.setText(current.utc_text)
        # a time that does not exist has no send time to show: blank rows, kept in place
        self.local_label.setHidden(not current.local_text)
        self.utc_label.setHidden(not current.utc_text)
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.problem_label.setToolTip(problem or "")  # all of it, should two lines not hold it
        self.problem_label.setVisible(problem is not None)
        self.customer.refresh(current.value)
        self.customer.advice.setVisible(problem is None and bool(self.customer.advice.text()))
        self.changed.emit()
