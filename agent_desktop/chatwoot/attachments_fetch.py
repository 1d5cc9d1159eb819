"""An attachment's file, fetched for a preview: from the Chatwoot server itself only
(its token never goes anywhere else), following Rails' redirect to the stored blob as
long as it stays on that server, and never more than a set size."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

import httpx

from agent_desktop.chatwoot import deadlines
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.connection import describe
from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.core.i18n import tr

PREVIEW_LIMIT = 10 * 1024 * 1024  # bytes: a bigger file is not fetched for a preview
REDIRECTS = 5  # ActiveStorage answers with one (blob -> service URL)
PREVIEW_DEADLINE = 30.0  # seconds for one file, redirects included


class FetchError(ChatwootError):
    """The file could not be had for a preview; `too_large` when over the limit."""

    def __init__(self, message: str, *, too_large: bool = False) -> None:
        super().__init__(message)
        self.too_large = too_large


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def same_server(client: ChatwootClient, url: str) -> bool:
    """Whether the address is on the server the client talks to (scheme, host, port)."""
    return _origin(url) == _origin(client.base_url) and _origin(url)[0] in ("http", "https")


def fetch_preview(client: ChatwootClient, urls: Iterable[str], limit: int = PREVIEW_LIMIT) -> bytes:
    """The first of `urls` (say a thumbnail, then the file) that can be had; else
    FetchError with the last reason."""
    failure: FetchError | None = None
    for url in urls:
        if not url:
            continue
        try:
            return fetch_file(client, url, limit)
        except FetchError as error:
            if error.too_large:
                raise
            failure = error
    raise failure or FetchError(tr("the attachment has no address"))


def fetch_file(client: ChatwootClient, url: str, limit: int = PREVIEW_LIMIT) -> bytes:
    """The file at `url`, on the client's connection: FetchError when it is elsewhere,
    refused, missing, or bigger than `limit` (reading stops there)."""
    seconds = min(client.deadline, PREVIEW_DEADLINE)
    for _hop in range(REDIRECTS + 1):
        if not same_server(client, url):
            raise FetchError(tr("the file is not on the Chatwoot server"))
        try:
            with (
                deadlines.limited(seconds, client.stop),
                # the client's own connection pool, headers and deadlines; its answers
                # are JSON, so the body is read here rather than by its _request
                client._http.stream("GET", url, headers={"Accept": "*/*"}) as response,
            ):
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("Location", ""))
                    continue
                if response.status_code != 200:
                    raise FetchError(
                        tr("the server answered {status}").format(status=response.status_code)
                    )
                return _read(response, limit)
        except httpx.HTTPError as exc:
            raise FetchError(describe(exc)) from exc
    raise FetchError(tr("the server redirected too many times"))


def _read(response: httpx.Response, limit: int) -> bytes:
    too_large = FetchError(tr("the file is too large to preview"), too_large=True)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)
