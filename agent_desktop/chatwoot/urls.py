"""Which server addresses the client will talk to: https always, plain http only on
this machine (where nothing crosses the network) unless explicitly allowed."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

from agent_desktop.chatwoot.errors import InsecureURLError


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
            f"{url!r} is not a server address: write it in full, e.g. https://chat.example.com"
        )
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise InsecureURLError(f"{url!r}: only https:// (or http:// on this machine) is supported")
    if not parts.hostname:
        raise InsecureURLError(f"{url!r} has no host name")
    if parts.query or parts.fragment:
        raise InsecureURLError(f"{url!r}: give the server's address without ? or # parts")
    if scheme == "http" and not allow_insecure_http and not is_loopback_host(parts.hostname):
        raise InsecureURLError(
            f"{url!r} uses plain http://, which would send your access token unencrypted; "
            "use https:// (http:// is accepted only for a server on this machine)"
        )
    return urlunsplit((scheme, parts.netloc.lower(), parts.path.rstrip("/"), "", ""))
