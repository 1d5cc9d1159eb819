"""Values as requests bring them: booleans and objects that come as text in multipart
forms, and times as Unix seconds or ISO 8601, read as Rails reads them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


def as_bool(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def as_int(value: Any) -> int | None:
    """An id as ActiveRecord casts it for a lookup: a number or digits, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip() if isinstance(value, str) else ""
    digits = text.lstrip("+-")
    return int(text) if digits.isdigit() else None


def as_dict(value: Any) -> dict[str, Any]:
    """content_attributes arrive as an object (JSON) or a JSON string (multipart)."""
    if value is None or value == "":
        return {}
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError:
            return {}
        return parsed if isinstance(parsed, dict) else {}
    return {}


def parse_time(value: Any) -> datetime | None:
    """Unix seconds or ISO 8601; a time without offset is UTC, as Rails reads it."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        return datetime.fromtimestamp(float(value), UTC)
    text = str(value).strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
