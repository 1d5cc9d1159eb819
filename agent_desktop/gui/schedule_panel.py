"""The scheduler under the reply box: presets, a date-time picker with a calendar, and,
live, the send time in local time with offset and zone, the same instant in UTC, and any
rule broken (too soon, too far, a time that does not exist, a repeated hour)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.core.clock import Clock
from agent_desktop.core.rules import ScheduleRules
from agent_desktop.core.timezones import (
    WallKind,
    ZonedTime,
    format_offset,
    from_utc,
    resolve_wall_time,
)
from agent_desktop.gui.formatting import relative, tr


def preset_times(now: datetime, zone: ZoneInfo) -> list[tuple[str, datetime]]:
    """(label, naive wall time) for: in 1 hour, tomorrow 9:00, next Monday 9:00."""
    local = now.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)
    in_an_hour = local + timedelta(hours=1)
    tomorrow = (local + timedelta(days=1)).replace(hour=9, minute=0)
    days_to_monday = (7 - local.weekday()) % 7 or 7
    monday = (local + timedelta(days=days_to_monday)).replace(hour=9, minute=0)
    return [
        (tr("In 1 hour"), in_an_hour),
        (tr("Tomorrow 9:00"), tomorrow),
        (tr("Next Monday 9:00"), monday),
    ]


class SchedulePanel(QFrame):
    changed = Signal()

    def __init__(
        self,
        clock: Clock,
        zone: ZoneInfo,
        rules: Callable[[], ScheduleRules],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock, self.zone, self._rules = clock, zone, rules
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("schedulePanel")

        self.presets: list[QPushButton] = []
        preset_row = QHBoxLayout()
        preset_row.addWidget(QLabel(tr("Send at:")))
        for number in range(3):
            button = QPushButton()
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, n=number: self.use_preset(n))
            self.presets.append(button)
            preset_row.addWidget(button)
        preset_row.addStretch(1)

        self.picker = QDateTimeEdit()
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("yyyy-MM-dd  HH:mm")
        self.picker.setAccessibleName(tr("Send date and time"))
        self.picker.dateTimeChanged.connect(lambda _value: self.refresh())
        self.zone_label = QLabel(zone.key)
        self.zone_label.setToolTip(tr("Times are in this computer's time zone"))
        picker_row = QHBoxLayout()
        picker_row.addWidget(self.picker)
        picker_row.addWidget(self.zone_label)
        picker_row.addStretch(1)

        self.earlier = QRadioButton()
        self.later = QRadioButton()
        self.fold_group = QButtonGroup(self)
        self.fold_group.addButton(self.earlier)
        self.fold_group.addButton(self.later)
        self.earlier.setChecked(True)
        self.earlier.toggled.connect(lambda _on: self.refresh())
        fold_row = QHBoxLayout()
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
        self.problem_label.setStyleSheet("color: #d9534f;")
        self.problem_label.setAccessibleName(tr("Scheduling problem"))
        self.gap_buttons = [QPushButton(), QPushButton()]
        gap_row = QHBoxLayout()
        for button in self.gap_buttons:
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, b=button: self._use_gap_time(b))
            gap_row.addWidget(button)
        gap_row.addStretch(1)
        self.gap_box = QWidget()
        self.gap_box.setLayout(gap_row)

        self.hold = QCheckBox(tr("Hold if the customer replies"))
        self.hold.setChecked(True)
        self.hold.setToolTip(
            tr(
                "If the customer writes after you schedule this, it waits "
                "for you instead of going out"
            )
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(preset_row)
        layout.addLayout(picker_row)
        layout.addWidget(self.fold_box)
        layout.addWidget(self.local_label)
        layout.addWidget(self.utc_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.gap_box)
        layout.addWidget(self.hold)

        self._gap_targets: dict[int, ZonedTime] = {}
        self._tick = QTimer(self)
        self._tick.setInterval(20_000)  # "too soon" changes as time passes
        self._tick.timeout.connect(self.refresh)
        self.reset()

    # -- value -----------------------------------------------------------------------

    def wall(self) -> datetime:
        value = self.picker.dateTime()
        date, time = value.date(), value.time()
        return datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())

    def set_wall(self, wall: datetime) -> None:
        self.picker.setDateTime(
            QDateTime(QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute))
        )

    def value(self) -> ZonedTime | None:
        """The instant chosen, or None when the local time does not exist."""
        resolution = resolve_wall_time(self.wall(), self.zone)
        if resolution.kind is WallKind.NONEXISTENT:
            return None
        chosen = resolution.later if self.later.isChecked() else resolution.earlier
        return chosen

    def problem(self, text: str) -> str | None:
        """What stops scheduling now, in words; None when it can go ahead."""
        value = self.value()
        if value is None:
            return self.problem_label.text() or tr("That time does not exist")
        found = self._rules().check(text if text.strip() else "·", value.instant, self.clock.now())
        return "; ".join(v.message for v in found) or None

    # -- behaviour -------------------------------------------------------------------

    def reset(self) -> None:
        now = self.clock.now()
        for button, (label, _wall) in zip(self.presets, preset_times(now, self.zone), strict=True):
            button.setText(label)
        self.earlier.setChecked(True)
        self.hold.setChecked(True)
        self.set_wall(preset_times(now, self.zone)[0][1])
        self.refresh()

    def use_preset(self, number: int) -> None:
        self.earlier.setChecked(True)
        self.set_wall(preset_times(self.clock.now(), self.zone)[number][1])

    def showEvent(self, event: QShowEvent) -> None:
        self._tick.start()
        self.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()
        super().hideEvent(event)

    def _use_gap_time(self, button: QPushButton) -> None:
        target = self._gap_targets.get(id(button))
        if target is not None:
            self.set_wall(target.wall)

    def refresh(self) -> None:
        wall = self.wall()
        resolution = resolve_wall_time(wall, self.zone)
        self.fold_box.setVisible(resolution.kind is WallKind.AMBIGUOUS)
        self.gap_box.setVisible(resolution.kind is WallKind.NONEXISTENT)
        if resolution.kind is WallKind.AMBIGUOUS:
            assert resolution.earlier is not None and resolution.later is not None
            self.earlier.setText(tr("the first") + f" ({format_offset(resolution.earlier.offset)})")
            self.later.setText(tr("the second") + f" ({format_offset(resolution.later.offset)})")
        if resolution.kind is WallKind.NONEXISTENT:
            gap = resolution.gap
            assert gap is not None
            self.local_label.setText("")
            self.utc_label.setText("")
            self.problem_label.setText(
                tr("That time does not exist in {zone}: clocks jump from {start} to {end}.").format(
                    zone=self.zone.key, start=f"{gap.start:%H:%M}", end=f"{gap.end:%H:%M}"
                )
            )
            for button, target in zip(
                self.gap_buttons, (gap.last_before, gap.first_after), strict=True
            ):
                button.setText(tr("Use {time}").format(time=target.display()))
                self._gap_targets[id(button)] = target
            self.changed.emit()
            return
        value = self.value()
        assert value is not None
        self.local_label.setText(
            tr("Sends {when} · {zone} · {relative}").format(
                when=value.display(),
                zone=self.zone.key,
                relative=relative(value.instant, self.clock.now()),
            )
        )
        self.utc_label.setText(
            tr("= {utc} UTC").format(
                utc=from_utc(value.instant, ZoneInfo("UTC")).wall.strftime("%Y-%m-%d %H:%M")
            )
        )
        found = self._rules().check_time(value.instant, self.clock.now())
        self.problem_label.setText(found.message.capitalize() if found else "")
        self.problem_label.setVisible(bool(found))
        self.changed.emit()
