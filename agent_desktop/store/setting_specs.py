"""What each setting is, declared once: its type and default, its range or choices, and
how the settings dialog shows it. `AppSettings` is the frozen, typed value built from
these; the dialog and `config` are generated from the same declarations.
Only the standard library: read before the store opens, at start-up."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from agent_desktop.core.i18n import QT_TR_NOOP, SYSTEM, available_languages, tr
from agent_desktop.core.rules import DEFAULT_MIN_LEAD_MINUTES, MAX_MIN_LEAD_MINUTES, ScheduleRules


class SettingError(ValueError):
    pass


Choices = tuple[tuple[Any, str], ...]  # (value, label marked for translation)


@functools.cache
def backend_choices() -> Choices:
    """The backend setting's choices: auto, then each registered design by its own name
    and label, this app's outbox (the fallback) first. A new design shows up by itself."""
    # imported when first asked for: the designs build on the store (and these rules)
    from agent_desktop.scheduling import designs

    *servers, fallback = designs.all_designs()
    return (
        ("auto", QT_TR_NOOP("Detect per account")),
        *((design.name, design.label) for design in (fallback, *servers)),
    )


if TYPE_CHECKING:
    BACKENDS: tuple[str, ...]


def __getattr__(name: str) -> Any:
    # BACKENDS is worked out from the designs when first read, not at import (see above)
    if name == "BACKENDS":
        return tuple(value for value, _label in backend_choices())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SEND_KEY_CHOICES: Choices = (
    ("ctrl+enter", QT_TR_NOOP("Ctrl+Enter sends, Enter adds a line")),
    ("enter", QT_TR_NOOP("Enter sends, Shift+Enter adds a line")),
)
SEND_KEYS = tuple(value for value, _label in SEND_KEY_CHOICES)
# each language by its own name, so that anyone can find theirs
LANGUAGE_NAMES = {"en": "English", "pt_BR": "Português (Brasil)"}


def _language_choices() -> Choices:
    return (
        (SYSTEM, QT_TR_NOOP("System default")),
        *((code, LANGUAGE_NAMES.get(code, code)) for code in available_languages()),
    )


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(text)


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    label: str = ""  # marked for translation: the dialog's row (a checkbox's text for a bool)
    help: str = ""  # marked for translation: the dialog's tooltip
    minimum: int | None = None
    maximum: int | None = None
    unit: str = ""  # marked for translation: after a number in the dialog (" min")
    choices: Callable[[], Choices] | None = None
    in_dialog: bool = True

    def choice_values(self) -> tuple[Any, ...]:
        return tuple(value for value, _label in self.choices()) if self.choices else ()

    def parse(self, text: str) -> Any:
        if isinstance(self.default, bool):
            return _parse_bool(text)
        if isinstance(self.default, int):
            return int(text)
        return text

    def check(self, value: Any) -> bool:
        if type(value) is not type(self.default):
            return False
        if self.minimum is not None and value < self.minimum:
            return False
        if self.maximum is not None and value > self.maximum:
            return False
        return not self.choices or value in self.choice_values()

    def describe(self) -> str:
        """What a valid value is, in the current language."""
        if isinstance(self.default, bool):
            return tr("true or false")
        if self.choices:
            return tr("one of {choices}").format(choices=", ".join(self.choice_values()))
        if self.unit:
            return tr("a whole number of minutes from 0 to {max}").format(max=self.maximum)
        return tr("a whole number from 1 to {max}").format(max=self.maximum)

    def validate(self, value: Any) -> Any:
        if isinstance(value, str) and not isinstance(self.default, str):
            try:
                value = self.parse(value)
            except ValueError:
                raise self.error(value) from None
        if not self.check(value):
            raise self.error(value)
        return value

    def error(self, value: Any) -> SettingError:
        return SettingError(
            tr("{key} must be {description}; got {value}").format(
                key=self.key, description=self.describe(), value=repr(value)
            )
        )


MINUTES = QT_TR_NOOP(" min")

# in the order the settings dialog shows them
SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "send_key", "ctrl+enter", QT_TR_NOOP("Send key"), choices=lambda: SEND_KEY_CHOICES
        ),
        SettingSpec(
            "min_lead_minutes",
            DEFAULT_MIN_LEAD_MINUTES,
            QT_TR_NOOP("Schedule at least"),
            minimum=0,
            maximum=MAX_MIN_LEAD_MINUTES,
            unit=MINUTES,
        ),
        SettingSpec(
            "grace_minutes",
            15,
            QT_TR_NOOP("Grace period"),
            QT_TR_NOOP(
                "A message that came due while the app was closed is still "
                "sent if it is less late than this; otherwise it waits for "
                "you as missed"
            ),
            minimum=0,
            maximum=24 * 60,
            unit=MINUTES,
        ),
        SettingSpec(
            "backend",
            "auto",
            QT_TR_NOOP("Scheduled messages wait in"),
            choices=backend_choices,
        ),
        SettingSpec(
            "notifications", True, QT_TR_NOOP("Notify me of failed, missed and held messages")
        ),
        SettingSpec(
            "message_notifications",
            True,
            QT_TR_NOOP("Notify me of new messages in my conversations while I am elsewhere"),
        ),
        SettingSpec(
            "scheduling_enabled",
            True,
            QT_TR_NOOP("Scheduling is on"),
            QT_TR_NOOP(
                "Turning it off keeps every scheduled message; turning it back on resumes them"
            ),
        ),
        SettingSpec(
            "share_customer_zone",
            False,
            QT_TR_NOOP("Write the customer's time zone to the contact in Chatwoot"),
            QT_TR_NOOP(
                "A time zone you set for a customer is also kept on their contact, as the "
                "custom attribute timezone, for your colleagues and their tools to see"
            ),
        ),
        SettingSpec(
            "language",
            SYSTEM,
            QT_TR_NOOP("Language"),
            QT_TR_NOOP("Applies when Agent Desktop starts again"),
            choices=_language_choices,
        ),
        # Chatwoot throttles at 3,000 requests a minute per address: stay well under it
        SettingSpec("max_requests_per_minute", 2400, minimum=1, maximum=3000, in_dialog=False),
        # the tray's "Pause sending": kept, so that a sender started anew keeps it too
        SettingSpec("sending_paused", False, in_dialog=False),
    )
}


@dataclass(frozen=True)
class AppSettings:
    """Every setting, typed: what the app reads. Built from the specs, never by hand."""

    send_key: str
    min_lead_minutes: int
    grace_minutes: int
    backend: str
    notifications: bool
    message_notifications: bool
    scheduling_enabled: bool
    share_customer_zone: bool
    language: str
    max_requests_per_minute: int
    sending_paused: bool

    @classmethod
    def of(cls, stored: Mapping[str, Any]) -> AppSettings:
        """Each stored value, or its default where none is stored or it no longer makes
        sense (the stored value is left as it is)."""
        values = {}
        for key, spec in SPECS.items():
            try:
                values[key] = spec.validate(stored[key]) if key in stored else spec.default
            except SettingError:
                values[key] = spec.default
        return cls(**values)

    @classmethod
    def defaults(cls) -> AppSettings:
        return cls.of({})

    def get(self, key: str) -> Any:
        spec_of(key)
        return getattr(self, key)

    def as_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in SPECS}

    def with_changes(self, changes: Mapping[str, Any]) -> AppSettings:
        """A copy with `changes` validated (SettingError names the first wrong one)."""
        return replace(self, **{key: spec_of(key).validate(v) for key, v in changes.items()})

    def changed_keys(self, other: AppSettings) -> frozenset[str]:
        return frozenset(key for key in SPECS if getattr(self, key) != getattr(other, key))

    @property
    def rules(self) -> ScheduleRules:
        """The scheduling rules these settings make."""
        return ScheduleRules(min_lead_minutes=self.min_lead_minutes)  # the one place


if {f.name for f in fields(AppSettings)} != set(SPECS):  # pragma: no cover - a typo
    raise RuntimeError("AppSettings and SPECS name different settings")


def spec_of(key: str) -> SettingSpec:
    try:
        return SPECS[key]
    except KeyError:
        raise SettingError(
            tr("unknown setting {key}; known: {known}").format(
                key=repr(key), known=", ".join(sorted(SPECS))
            )
        ) from None
