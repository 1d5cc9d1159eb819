"""Errors by what they mean for the caller, above all for the scheduler: whether a
failed create may have reached the server ("maybe delivered") or certainly did not."""

from __future__ import annotations


class ChatwootError(Exception):
    """Anything that went wrong talking to the server. `status` is the HTTP status, if any."""

    status: int | None = None

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class InsecureURLError(ChatwootError, ValueError):
    """A plain http:// URL for a server that is not on this machine."""


class AuthError(ChatwootError):
    """401: the token is wrong, revoked, or lacks access to the account."""

    status = 401


class AccessDeniedError(ChatwootError):
    """401 for one resource while the token itself is fine (the server still knows the
    user): Chatwoot answers a policy refusal, such as an agent removed from an inbox, with
    401 "You are not authorized to do this action". Only that resource is refused."""

    status = 401


class NotFoundError(ChatwootError):
    status = 404


class ConflictError(ChatwootError):
    """409: the resource moved on meanwhile (a scheduled message no longer pending)."""

    status = 409


class ValidationError(ChatwootError):
    """422: the server refused the request as it stands; sending it again will not help."""

    status = 422

    def __init__(self, message: str, *, attributes: tuple[str, ...] = ()) -> None:
        super().__init__(message, status=422)
        self.attributes = attributes


class RateLimitedError(ChatwootError):
    """429: too many requests; wait `retry_after` seconds (None when the server did not say)."""

    status = 429

    def __init__(self, message: str, *, retry_after: float | None) -> None:
        super().__init__(message, status=429)
        self.retry_after = retry_after


class ServerError(ChatwootError):
    """5xx: the server failed; a retry later may work."""

    def __init__(self, message: str, *, status: int, retry_after: float | None = None) -> None:
        super().__init__(message, status=status)
        self.retry_after = retry_after


class UnexpectedResponseError(ChatwootError):
    """An answer the client cannot use: an unexpected status, or a body of the wrong shape."""


class NetworkError(ChatwootError):
    """No usable answer came back."""


class NotDeliveredError(NetworkError):
    """The request certainly did not reach the server (no connection could be made)."""


class MaybeDeliveredError(NetworkError):
    """The request may have reached the server and been acted on (timeout or connection
    lost after it was sent): look before sending it again. After a timeout the server may
    even still be working on it: a look that finds nothing yet proves nothing."""

    def __init__(self, message: str, *, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out
