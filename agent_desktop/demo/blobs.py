"""Attachment files as Rails' ActiveStorage serves them: an attachment's data_url is
`url_for(file)`, a signed blob id that answers 302 with the stored file's address on the
service (here the disk service, an expiring signed key); its thumb_url is a
representation that redirects the same way. No token is asked for: the signature is
the key. A tampered or expired address is 404.

The demo cannot shrink images, so a representation redirects to the original file."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from agent_desktop.demo.models import Attachment

if TYPE_CHECKING:  # the state serializes messages with the addresses made here
    from agent_desktop.demo.state import DemoState

# the demo's secret_key_base: stable, so addresses outlive a restart as Rails' do
SECRET = b"agent-desktop demo secret_key_base"
SERVICE_URLS_EXPIRE = timedelta(minutes=5)  # ActiveStorage.service_urls_expire_in
VARIATION = "resize_to_fill-250"  # Chatwoot's thumbnail: resize_to_fill [250, nil]
# ActiveStorage.content_types_allowed_inline; anything else downloads as an attachment
INLINE = frozenset(
    {
        "image/png",
        "image/gif",
        "image/jpeg",
        "image/tiff",
        "image/bmp",
        "image/webp",
        "image/vnd.adobe.photoshop",
        "image/vnd.microsoft.icon",
        "application/pdf",
    }
)
# ActiveStorage.content_types_to_serve_as_binary: never served as what they are
AS_BINARY = frozenset(
    {"text/html", "image/svg+xml", "application/xml", "text/xml", "application/xhtml+xml"}
)
PREFIX = "/rails/active_storage"


def _sign(payload: dict[str, Any]) -> str:
    data = base64.urlsafe_b64encode(json.dumps({"_rails": payload}).encode()).decode()
    digest = hmac.new(SECRET, data.encode(), hashlib.sha256).hexdigest()
    return f"{data}--{digest}"


def _verify(signed: str) -> dict[str, Any] | None:
    data, _, digest = signed.rpartition("--")
    expected = hmac.new(SECRET, data.encode(), hashlib.sha256).hexdigest()
    if not data or not hmac.compare_digest(digest, expected):
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(data.encode()))["_rails"]
    except (ValueError, KeyError, TypeError):
        return None
    return payload if isinstance(payload, dict) else None


def _blob_id(signed: str, purpose: str) -> int | None:
    payload = _verify(signed)
    if payload is None or payload.get("pur") != purpose or not isinstance(payload["data"], int):
        return None
    return int(payload["data"])


def blob_url(attachment: Attachment, base_url: str) -> str:
    """`url_for(file)`: the blob's redirect address."""
    signed = _sign({"data": attachment.id, "pur": "blob_id"})
    return f"{base_url}{PREFIX}/blobs/redirect/{signed}/{quote(attachment.filename)}"


def thumb_url(attachment: Attachment, base_url: str) -> str:
    """`url_for(file.representation(...))` for an image; '' for other files."""
    if attachment.file_type != "image":
        return ""
    signed = _sign({"data": attachment.id, "pur": "blob_id"})
    variation = _sign({"data": VARIATION, "pur": "variation"})
    return (
        f"{base_url}{PREFIX}/representations/redirect/{signed}/{variation}/"
        f"{quote(attachment.filename)}"
    )


def routes(state: DemoState) -> list[Route]:
    def not_found() -> Response:
        return PlainTextResponse("Not Found", status_code=404)

    def to_service(request: Request, attachment: Attachment) -> Response:
        expires = state.clock.now() + SERVICE_URLS_EXPIRE
        key = _sign(
            {
                "data": {"id": attachment.id, "expires_at": int(expires.timestamp())},
                "pur": "blob_key",
            }
        )
        location = f"{state.base_url}{PREFIX}/disk/{key}/{quote(attachment.filename)}"
        return RedirectResponse(location, status_code=302)

    async def blob_redirect(request: Request) -> Response:
        blob = _blob_id(request.path_params["signed_id"], "blob_id")
        attachment = state.attachment(blob) if blob is not None else None
        return not_found() if attachment is None else to_service(request, attachment)

    async def representation_redirect(request: Request) -> Response:
        blob = _blob_id(request.path_params["signed_id"], "blob_id")
        if _verify(request.path_params["variation"]) is None:
            return not_found()
        attachment = state.attachment(blob) if blob is not None else None
        return not_found() if attachment is None else to_service(request, attachment)

    async def disk(request: Request) -> Response:
        payload = _verify(request.path_params["key"])
        data = payload.get("data") if payload and payload.get("pur") == "blob_key" else None
        if not isinstance(data, dict) or data.get("expires_at", 0) < state.clock.now().timestamp():
            return not_found()
        attachment = state.attachment(int(data["id"]))
        if attachment is None:
            return not_found()
        kind = attachment.content_type
        served = "application/octet-stream" if kind in AS_BINARY else kind
        disposition = "inline" if kind in INLINE else "attachment"
        name = quote(attachment.filename)
        headers = {
            "Content-Disposition": f"{disposition}; filename=\"{name}\"; filename*=UTF-8''{name}",
            "X-Content-Type-Options": "nosniff",
        }
        return Response(attachment.data, media_type=served, headers=headers)

    return [
        Route(PREFIX + "/blobs/redirect/{signed_id}/{filename:path}", blob_redirect),
        # the older form of the same address
        Route(PREFIX + "/blobs/{signed_id}/{filename:path}", blob_redirect),
        Route(
            PREFIX + "/representations/redirect/{signed_id}/{variation}/{filename:path}",
            representation_redirect,
        ),
        Route(PREFIX + "/disk/{key}/{filename:path}", disk),
    ]
