"""Errors the demo server answers with, in Chatwoot's own body shapes."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


def unauthorized(text: str = "Invalid Access Token") -> ApiError:
    return ApiError(401, {"error": text})


def not_found() -> ApiError:
    return ApiError(404, {"error": "Resource could not be found"})


def could_not_create(text: str) -> ApiError:
    """What Chatwoot's render_could_not_create_error sends: 422 {"error": ...}."""
    return ApiError(422, {"error": text})


def invalid_record(text: str, *attributes: str) -> ApiError:
    """A model validation outside message create: 422 {"message", "attributes"}."""
    return ApiError(422, {"message": text, "attributes": list(attributes)})
