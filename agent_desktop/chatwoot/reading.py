"""Reading JSON bodies field by field, so a missing or mistyped field becomes a clear
error naming where it was, never a KeyError deep in the app."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from agent_desktop.chatwoot.errors import UnexpectedResponseError


class MalformedResponseError(UnexpectedResponseError):
    pass


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


class Fields:
    """A JSON object from the server, read with the type each field must have."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, Mapping):
            raise MalformedResponseError(f"{where}: expected an object, got {_type_name(data)}")
        self.data: Mapping[str, Any] = data
        self.where = where

    def fail(self, key: str, expected: str) -> MalformedResponseError:
        value = self.data.get(key)
        return MalformedResponseError(
            f"{self.where}.{key}: expected {expected}, got {_type_name(value)}"
        )

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def integer(self, key: str) -> int:
        value = self.data.get(key)
        if isinstance(value, bool):
            raise self.fail(key, "an integer")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise self.fail(key, "an integer")

    def opt_integer(self, key: str) -> int | None:
        return None if self.data.get(key) is None else self.integer(key)

    def string(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise self.fail(key, "a string")
        return value

    def opt_string(self, key: str, default: str | None = None) -> str | None:
        return default if self.data.get(key) is None else self.string(key)

    def text(self, key: str) -> str:
        """A string that may be absent or null, read as ''."""
        value = self.opt_string(key)
        return value or ""

    def boolean(self, key: str, default: bool | None = None) -> bool:
        value = self.data.get(key)
        if value is None and default is not None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def obj(self, key: str) -> Fields:
        return Fields(self.data.get(key), f"{self.where}.{key}")

    def opt_obj(self, key: str) -> Fields | None:
        return None if self.data.get(key) is None else self.obj(key)

    def mapping(self, key: str) -> dict[str, Any]:
        """A free-form object (content_attributes, features); absent or null reads as {}."""
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self.fail(key, "an object")
        return dict(value)

    def array(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, "a list")
        return value

    def objects(self, key: str) -> list[Fields]:
        return [Fields(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(self.array(key))]

    def timestamp(self, key: str) -> datetime:
        """Unix seconds (what Chatwoot sends) or, tolerated, an ISO 8601 string."""
        value = self.data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, UTC)
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                raise self.fail(key, "a time") from None
            return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
        raise self.fail(key, "a time")

    def opt_timestamp(self, key: str) -> datetime | None:
        return None if self.data.get(key) is None else self.timestamp(key)
