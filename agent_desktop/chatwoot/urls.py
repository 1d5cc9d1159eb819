"""Which server addresses the client will talk to: https always, plain http only on
this machine (where nothing crosses the network) unless explicitly allowed."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from agent_desktop.chatwoot.errors import InsecureURLError
from agent_desktop.core.i18n import tr


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalize_base_url(url: str, *, allow_insecure_http: bool = False) -> str:
    """The server's base URL without a trailing slash; refused when it is unusable."""
    text = url.strip()
    if "://" not in text:
        raise InsecureURLError(
            tr(
                "{url} is not a server address: write it in full, e.g. https://chat.example.com"
            ).format(url=repr(url))
        )
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise InsecureURLError(
            tr("{url}: only https:// (or http:// on this machine) is supported").format(
                url=repr(url)
            )
        )
    if not parts.hostname:
        raise InsecureURLError(tr("{url} has no host name").format(url=repr(url)))
    if parts.query or parts.fragment:
        raise InsecureURLError(
            tr("{url}: give the server's address without ? or # parts").format(url=repr(url))
        )
    if scheme == "http" and not allow_insecure_http and not is_loopback_host(parts.hostname):
        raise InsecureURLError(
            tr(
                "{url} uses plain http://, which would send your access token unencrypted; use "
                "https:// (http:// is accepted only for a server on this machine)"
            ).format(url=repr(url))
        )
    return urlunsplit((scheme, parts.netloc.lower(), parts.path.rstrip("/"), "", ""))
