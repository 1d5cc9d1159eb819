"""Reading the server's answers: the JSON body, or the error an answer stands for (with
its Retry-After), and the server's clock from its Date header."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from agent_desktop.chatwoot.errors import (
    AuthError,
    ConflictError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnexpectedResponseError,
    ValidationError,
)
from agent_desktop.chatwoot.reading import MalformedResponseError
from agent_desktop.core.i18n import tr


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    when = http_date(text)
    if when is None:
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def http_date(value: str | None) -> datetime | None:
    """An HTTP Date header as an aware instant; None when absent or unreadable."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError):
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def error_text(body: Any) -> tuple[str | None, tuple[str, ...]]:
    """The message of either of Chatwoot's error shapes: {"error": ...} or
    {"message": ..., "attributes": [...]} (and, tolerated, {"errors": [...]})."""
    if not isinstance(body, Mapping):
        return None, ()
    attributes = tuple(str(a) for a in body.get("attributes") or () if isinstance(a, str))
    for key in ("error", "message"):
        value = body.get(key)
        if isinstance(value, str) and value:
            return value, attributes
    errors = body.get("errors")
    if isinstance(errors, list) and errors:
        parts = [
            e if isinstance(e, str) else (e.get("message") if isinstance(e, Mapping) else None)
            for e in errors
        ]
        text = "; ".join(str(p) for p in parts if p)
        if text:
            return text, attributes
    return None, attributes


def decode(response: httpx.Response) -> Any:
    """The JSON body of a 2xx answer; any other answer raised as the ChatwootError it
    stands for, with the server's own message where it gives one."""
    status = response.status_code
    try:
        body: Any = response.json() if response.content else None
        decoded = True
    except (json.JSONDecodeError, UnicodeDecodeError):
        body, decoded = None, False
    if 200 <= status < 300:
        if not decoded:
            kind = response.headers.get("content-type", "no content type")
            raise MalformedResponseError(
                tr(
                    "the server answered HTTP {status} with something that is not JSON ({kind})"
                ).format(status=status, kind=kind),
                status=status,
            )
        return body
    message, attributes = error_text(body)
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    if status == 401:
        raise AuthError(message or tr("the server refused the access token"))
    if status == 404:
        raise NotFoundError(message or tr("the server has no such resource"))
    if status == 409:
        raise ConflictError(message or tr("the server says it has changed meanwhile"))
    if status == 422:
        raise ValidationError(
            message or tr("the server refused the request"), attributes=attributes
        )
    if status == 429:
        raise RateLimitedError(message or tr("too many requests"), retry_after=retry_after)
    if status >= 500:
        raise ServerError(
            message or tr("the server failed (HTTP {status})").format(status=status),
            status=status,
            retry_after=retry_after,
        )
    raise UnexpectedResponseError(
        message or tr("unexpected answer from the server (HTTP {status})").format(status=status),
        status=status,
    )
