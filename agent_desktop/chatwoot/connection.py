"""How the client reaches a server: timeouts and each request's overall deadline, the
TLS context every client shares, HTTP/2 where installed, and how a transport error is
said."""

from __future__ import annotations

import importlib.util
import os
import ssl
import threading
from collections.abc import Mapping
from typing import Any

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0, pool=10.0)
# a request, answer included, in all: beyond it the answer is given up (a send then is
# uncertain and looked for before any second try); uploads get time for their size too
DEFAULT_DEADLINE = 60.0
UPLOAD_BYTES_PER_SECOND = 64 * 1024
DEADLINE_ENV = "AGENT_DESKTOP_REQUEST_DEADLINE"


def request_deadline() -> float:
    """Seconds a request may take in all, uploads aside (AGENT_DESKTOP_REQUEST_DEADLINE,
    at least 2; a minute by default)."""
    try:
        return max(2.0, float(os.environ.get(DEADLINE_ENV, DEFAULT_DEADLINE)))
    except ValueError:
        return DEFAULT_DEADLINE


def longest_request(upload_bytes: int) -> float:
    """The most a request carrying that much may take before it is given up."""
    return request_deadline() + upload_bytes / UPLOAD_BYTES_PER_SECOND


# errors before any byte of the request left this machine
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


# httpx's http2 extra (found, not imported: httpcore loads it when a server offers h2);
# an install without it speaks HTTP/1.1 only
HTTP2 = importlib.util.find_spec("h2") is not None
_tls: dict[tuple[str | None, str | None], ssl.SSLContext] = {}
_tls_lock = threading.Lock()


def tls_context() -> ssl.SSLContext:
    """One verifying TLS context for every client of the process (per trust settings:
    SSL_CERT_FILE, SSL_CERT_DIR): loading the trusted certificates takes a while,
    holding the interpreter lock, and contexts are safe to share between threads."""
    trust = (os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    with _tls_lock:
        if trust not in _tls:
            _tls[trust] = httpx.create_ssl_context(verify=True)
        return _tls[trust]


def upload_bytes(kwargs: Mapping[str, Any]) -> int:
    """The size of the files a request carries (multipart `files`; open files by their
    size on disk, as they are read while the request goes)."""
    total = 0
    for _field, value in kwargs.get("files") or ():
        data = value[1] if isinstance(value, tuple) and len(value) > 1 else b""
        if isinstance(data, bytes | bytearray):
            total += len(data)
        elif hasattr(data, "fileno"):
            total += os.fstat(data.fileno()).st_size
    return total


def describe(exc: Exception) -> str:
    text = str(exc).strip()
    if "CERTIFICATE_VERIFY_FAILED" in text:
        return "its TLS certificate could not be verified"
    return text or type(exc).__name__
