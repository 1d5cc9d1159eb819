"""The scheduler's view of the other side: the picked time on the customer's clock, the
presets "Their morning" and "When the inbox opens" (core.presets' CustomerPreset, resolved
as the command line resolves them), the warnings of core.send_advice with the next time
that suits both one key away, and "Wait for the inbox to open". Warnings only: nothing
here stops a message from being scheduled.

Every line here keeps its room while empty, as the rest of the panel does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from agent_desktop.core.clock import Clock
from agent_desktop.core.customer_zone import CustomerZone, UnknownCustomerZoneError, ZoneSource
from agent_desktop.core.dates import weekday_abbreviation
from agent_desktop.core.presets import CUSTOMER_PRESETS, CustomerPreset, NoOpeningError
from agent_desktop.core.send_advice import send_advice
from agent_desktop.core.timezones import NonexistentLocalTimeError, ZonedTime, from_utc, to_utc
from agent_desktop.gui.customer_time import CustomerClock, first_name
from agent_desktop.gui.elided_label import ElidedLabel
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.shortcuts import SPECS

PRESET_ACTIONS = {CustomerPreset.THEIR_MORNING: "preset-4", CustomerPreset.INBOX_OPENS: "preset-5"}
SUGGESTED_ACTION = "suggested-time"


def keys_of(action: str) -> str:
    """An action's keys as the shortcut sheet shows them."""
    shortcut = next(spec.shortcut for spec in SPECS if spec.name == action)
    return QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def day_and_time(instant: datetime, zone: ZoneInfo) -> str:
    """'09:00 Thu': a time within the coming days, compactly."""
    local = instant.astimezone(zone)
    return f"{local:%H:%M} {weekday_abbreviation(local)}"


class CustomerScheduling:
    """The customer's part of a SchedulePanel: its widgets, placed by the panel, and what
    they show for the time picked. `use` sets the panel's picker to an instant."""

    def __init__(self, clock: Clock, zone: ZoneInfo, use: Callable[[datetime], None]) -> None:
        self.clock, self.zone, self._use = clock, zone, use
        self.found: CustomerClock | None = None
        self.for_conversation = False  # the edit dialog's panel has no customer to speak of
        self.better: datetime | None = None

        self.presets: dict[CustomerPreset, QPushButton] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(tr("For the customer:")))
        for preset in CUSTOMER_PRESETS:
            button = QPushButton(preset.label)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, p=preset: self.use_preset(p))
            self.presets[preset] = button
            row.addWidget(button)
        row.addStretch(1)
        self.preset_box = QWidget()
        self.preset_box.setLayout(row)

        self.line = ElidedLabel()  # "= 09:00 Wed for Beatriz, America/Sao_Paulo"
        self.line.setAccessibleName(tr("Send time for the customer"))
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName(tr("Scheduling warning"))
        self.better_button = QPushButton()
        self.better_button.setAutoDefault(False)
        self.better_button.clicked.connect(lambda _=False: self.use_better())
        self.wait = QCheckBox(tr("Wait for the inbox to open"))
        # shown once the panel is for a conversation, then always (a blank line keeps its
        # room); the edit dialog's panel has no customer and none of these
        self.customer_widgets = (self.preset_box, self.line, self.wait)
        for widget in self.customer_widgets:
            widget.setVisible(False)
        self.better_button.setVisible(False)

    def lines(self) -> tuple[QWidget, ...]:
        """What comes and goes with the time picked: the panel keeps their room."""
        return (self.advice, self.better_button)

    # -- what is known -------------------------------------------------------------------

    def set_customer(self, found: CustomerClock | None) -> None:
        """The open conversation's customer (None while it is being looked up)."""
        if (
            found is None
            or self.found is None
            or found.conversation_id != self.found.conversation_id
        ):
            self.wait.setChecked(False)  # chosen per message, for this conversation
        self.found = found
        if not self.for_conversation:
            self.for_conversation = True
            for widget in self.customer_widgets:
                widget.setVisible(True)

    def reset(self) -> None:
        self.wait.setChecked(False)

    def wait_for_opening(self) -> bool:
        return self.wait.isEnabled() and self.wait.isChecked()

    # -- picking -------------------------------------------------------------------------

    def pick(self, preset: CustomerPreset) -> ZonedTime:
        """The instant a preset stands for now, exactly as `schedule --at` resolves it.
        UnknownCustomerZoneError, NoOpeningError or NonexistentLocalTimeError when it has none."""
        found = self.found
        if found is None:
            raise UnknownCustomerZoneError(CustomerZone(None, ZoneSource.UNKNOWN))
        if preset is CustomerPreset.INBOX_OPENS and found.hours is None:
            raise NoOpeningError(
                tr("the conversation's inbox is not among yours: its hours are unknown")
            )
        picked, zone = preset.pick(self.clock.now(), found.zone.zone, found.hours)
        return to_utc(picked.wall, zone, later=picked.later)

    def use_preset(self, preset: CustomerPreset) -> None:
        try:
            when = self.pick(preset)
        except (UnknownCustomerZoneError, NoOpeningError, NonexistentLocalTimeError):
            return  # its button says why it is off
        self._use(when.instant)

    def use_better(self) -> None:
        """The next time that suits both sides, as the warning names it."""
        if self.better is not None and self.better_button.isVisible():
            self._use(self.better)

    # -- showing -------------------------------------------------------------------------

    def refresh(self, value: ZonedTime | None) -> None:
        """What the customer's side says of the picked instant (None: none picked)."""
        if not self.for_conversation:
            return
        self._presets()
        found = self.found
        customer = found.zone.zone if found is not None else None
        hours = found.hours if found is not None else None
        if found is None:
            self.line.setText(tr("Looking up the customer's time zone…"))
        elif value is not None and customer is not None:
            self.line.setText(
                tr("= {time} for {name}, {zone}").format(
                    time=day_and_time(value.instant, customer),
                    name=first_name(found.name),
                    zone=customer.key,
                )
            )
        else:
            self.line.setText("" if customer is not None else capitalised(found.zone.how))
        self._wait(found)
        advice = send_advice(value.instant, hours, customer) if value is not None else None
        warnings = advice.warnings if advice is not None else ()
        text = " · ".join(capitalised(w.text) for w in warnings)
        self.advice.setText(f"⚠ {text}" if text else "")
        self.advice.setToolTip(text)
        self.better = advice.better if advice is not None else None
        if self.better is not None:
            self.better_button.setText(
                tr("Use {time}").format(time=day_and_time(self.better, self.zone))
            )
            self.better_button.setToolTip(
                tr("The next time that suits both the inbox and the customer ({keys})").format(
                    keys=keys_of(SUGGESTED_ACTION)
                )
            )
        self.better_button.setVisible(self.better is not None)

    def _wait(self, found: CustomerClock | None) -> None:
        """On where the inbox keeps hours to wait for, else off with the reason."""
        hours = found.hours if found is not None else None
        if found is None:
            reason = tr("Looking up the inbox's business hours…")
        elif hours is None:
            reason = tr("the conversation's inbox is not among yours: its hours are unknown")
        elif hours.always_open:
            reason = tr("the inbox keeps no business hours: it is always open")
        elif hours.never_open:
            reason = tr("the inbox is closed every day: it never opens")
        else:
            reason = ""
        self.wait.setEnabled(not reason)
        self.wait.setToolTip(
            capitalised(reason)
            or tr("If the inbox is closed at this time, the message goes out when it next opens")
        )

    def _presets(self) -> None:
        """Each customer preset on when it names a time, else off with the reason."""
        for preset, button in self.presets.items():
            try:
                when = self.pick(preset)
            except UnknownCustomerZoneError:
                button.setEnabled(False)
                button.setToolTip(
                    tr("The customer's time zone is not known: set it with “Set…” in the header")
                    if self.found is not None
                    else tr("Looking up the customer's time zone…")
                )
                continue
            except (NoOpeningError, NonexistentLocalTimeError) as error:
                button.setEnabled(False)
                button.setToolTip(capitalised(str(error)))
                continue
            button.setEnabled(True)
            button.setToolTip(
                tr("Sets {time} ({keys})").format(
                    time=from_utc(when.instant, self.zone).display(),
                    keys=keys_of(PRESET_ACTIONS[preset]),
                )
            )
