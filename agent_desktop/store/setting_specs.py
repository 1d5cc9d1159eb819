"""What each setting is: its type, default and range, and how a wrong value is worded.
Only the standard library: read before the store opens, at start-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent_desktop.core.i18n import SYSTEM, available_languages, tr
from agent_desktop.core.rules import DEFAULT_MIN_LEAD_MINUTES, MAX_MIN_LEAD_MINUTES


class SettingError(ValueError):
    pass


BACKENDS = ("auto", "local", "server-resource", "server-scheduled-at")
SEND_KEYS = ("ctrl+enter", "enter")


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
    parse: Callable[[str], Any]
    check: Callable[[Any], bool]
    describe: Callable[[], str]  # what a valid value is, in the current language

    def validate(self, value: Any) -> Any:
        if isinstance(value, str) and self.parse is not str:
            try:
                value = self.parse(value)
            except ValueError:
                raise self.error(value) from None
        if type(value) is not type(self.default) or not self.check(value):
            raise self.error(value)
        return value

    def error(self, value: Any) -> SettingError:
        return SettingError(
            tr("{key} must be {description}; got {value}").format(
                key=self.key, description=self.describe(), value=repr(value)
            )
        )


def _int_range(low: int, high: int) -> Callable[[Any], bool]:
    return lambda value: low <= value <= high


def _one_of(choices: tuple[str, ...]) -> str:
    return tr("one of {choices}").format(choices=", ".join(choices))


def _choice(choices: tuple[str, ...]) -> Callable[[Any], bool]:
    return lambda value: value in choices


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "min_lead_minutes",
            DEFAULT_MIN_LEAD_MINUTES,
            int,
            _int_range(0, MAX_MIN_LEAD_MINUTES),
            lambda: tr("a whole number of minutes from 0 to {max}").format(
                max=MAX_MIN_LEAD_MINUTES
            ),
        ),
        SettingSpec(
            "grace_minutes",
            15,
            int,
            _int_range(0, 24 * 60),
            lambda: tr("a whole number of minutes from 0 to {max}").format(max=24 * 60),
        ),
        SettingSpec("backend", "auto", str, _choice(BACKENDS), lambda: _one_of(BACKENDS)),
        SettingSpec("send_key", "ctrl+enter", str, _choice(SEND_KEYS), lambda: _one_of(SEND_KEYS)),
        SettingSpec(
            "language",
            SYSTEM,
            str,
            lambda value: value == SYSTEM or value in available_languages(),
            lambda: _one_of((SYSTEM, *available_languages())),
        ),
        SettingSpec(
            "scheduling_enabled", True, _parse_bool, lambda _v: True, lambda: tr("true or false")
        ),
        SettingSpec(
            "notifications", True, _parse_bool, lambda _v: True, lambda: tr("true or false")
        ),
        SettingSpec(
            "message_notifications",
            True,
            _parse_bool,
            lambda _v: True,
            lambda: tr("true or false"),
        ),
        # Chatwoot throttles at 3,000 requests a minute per address: stay well under it
        SettingSpec(
            "max_requests_per_minute",
            2400,
            int,
            _int_range(1, 3000),
            lambda: tr("a whole number from 1 to {max}").format(max=3000),
        ),
    )
}


def every_setting(stored: dict[str, Any]) -> dict[str, Any]:
    """Each setting's stored value, or its default where none is stored or it no longer
    makes sense (the stored value is left as it is)."""
    result = {}
    for key, spec in SPECS.items():
        try:
            result[key] = spec.validate(stored[key]) if key in stored else spec.default
        except SettingError:
            result[key] = spec.default
    return result


def spec_of(key: str) -> SettingSpec:
    try:
        return SPECS[key]
    except KeyError:
        raise SettingError(
            tr("unknown setting {key}; known: {known}").format(
                key=repr(key), known=", ".join(sorted(SPECS))
            )
        ) from None
