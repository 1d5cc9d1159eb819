"""Every way a call can fail, as the scheduler must tell them apart."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import trustme

from agent_desktop.chatwoot.answers import parse_retry_after
from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import (
    AuthError,
    ChatwootError,
    InsecureURLError,
    MaybeDeliveredError,
    NotDeliveredError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnexpectedResponseError,
    ValidationError,
)
from agent_desktop.chatwoot.reading import MalformedResponseError
from agent_desktop.chatwoot.urls import normalize_base_url
from tests.support import samples
from tests.support.scripted_server import Reply

A = "/api/v1/accounts/1"
POST_PATH = f"{A}/conversations/12/messages"


def fail_with(server, reply):
    server.on("POST", POST_PATH, reply)


@pytest.mark.parametrize(
    "text",
    [
        "Invalid Access Token",
        "You are not authorized to access this account",
        "Account is suspended",
    ],
)
def test_401_is_an_auth_error_with_the_servers_words(server, client, text):
    fail_with(server, Reply(401, {"error": text}))
    with pytest.raises(AuthError, match=text) as caught:
        client.create_message(12, "oi")
    assert caught.value.status == 401


def test_404_is_not_found(server, client):
    with pytest.raises(NotFoundError, match="Resource could not be found"):
        client.conversation(999)


def test_422_in_the_message_create_shape(server, client):
    fail_with(
        server,
        Reply(
            422, {"error": "Validation failed: Content is too long (maximum is 150000 characters)"}
        ),
    )
    with pytest.raises(ValidationError, match="Content is too long") as caught:
        client.create_message(12, "x")
    assert caught.value.attributes == ()


def test_422_in_the_model_validation_shape(server, client):
    server.on(
        "POST",
        f"{A}/conversations/12/scheduled_messages",
        Reply(
            422, {"message": "Scheduled at must be in the future", "attributes": ["scheduled_at"]}
        ),
    )
    with pytest.raises(ValidationError, match="must be in the future") as caught:
        client.create_scheduled_message(12, "x", datetime(2020, 1, 1, tzinfo=UTC))
    assert caught.value.attributes == ("scheduled_at",)


def test_429_says_how_long_to_wait(server, client):
    fail_with(server, Reply(429, {"error": "Throttled"}, headers={"Retry-After": "17"}))
    with pytest.raises(RateLimitedError) as caught:
        client.create_message(12, "oi")
    assert caught.value.retry_after == 17.0


def test_429_without_retry_after_leaves_the_wait_to_the_caller(server, client):
    fail_with(server, Reply(429, raw=b"Retry later\n", headers={"Content-Type": "text/plain"}))
    with pytest.raises(RateLimitedError) as caught:
        client.create_message(12, "oi")
    assert caught.value.retry_after is None


def test_retry_after_as_an_http_date():
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=5), usegmt=True), now) == 0
    assert parse_retry_after("soon", now) is None


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_is_a_server_error_even_with_an_html_body(server, client, status):
    fail_with(
        server,
        Reply(
            status,
            raw=b"<html>Bad Gateway</html>",
            headers={"Content-Type": "text/html", "Retry-After": "3"},
        ),
    )
    with pytest.raises(ServerError, match=f"HTTP {status}") as caught:
        client.create_message(12, "oi")
    assert caught.value.status == status and caught.value.retry_after == 3.0


def test_an_unexpected_status_is_named(server, client):
    fail_with(server, Reply(418, {"error": "I'm a teapot"}))
    with pytest.raises(UnexpectedResponseError, match="teapot") as caught:
        client.create_message(12, "oi")
    assert caught.value.status == 418


def test_a_success_that_is_not_json_is_a_clear_error(server, client):
    server.on(
        "GET",
        "/api/v1/profile",
        Reply(200, raw=b"<html>login</html>", headers={"Content-Type": "text/html"}),
    )
    with pytest.raises(MalformedResponseError, match="not JSON \\(text/html\\)"):
        client.profile()


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"name": "no id"}, "profile.id: expected an integer, got null"),
        ({"id": "7", "accounts": []}, "profile.id: expected an integer, got str"),
        ({"id": 7, "accounts": [{"name": "x"}]}, r"profile.accounts\[0\].id"),
        ([], "profile: expected an object, got list"),
    ],
)
def test_a_body_of_the_wrong_shape_names_the_field(server, client, body, where):
    server.on("GET", "/api/v1/profile", Reply(body=body))
    with pytest.raises(MalformedResponseError, match=where):
        client.profile()


def test_an_unknown_message_type_is_malformed_not_a_crash(server, client):
    server.on(
        "GET",
        f"{A}/conversations/12/messages",
        Reply(body={"payload": [samples.message(message_type=9)]}),
    )
    with pytest.raises(MalformedResponseError, match="message_type"):
        client.messages(12)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_nobody_listening_is_certainly_not_delivered():
    with (
        ChatwootClient(f"http://127.0.0.1:{free_port()}", "t", account_id=1) as client,
        pytest.raises(NotDeliveredError, match="could not connect"),
    ):
        client.create_message(12, "oi")


def test_a_connection_dropped_after_the_request_is_maybe_delivered(server, client):
    fail_with(server, Reply(drop=True))
    with pytest.raises(MaybeDeliveredError, match="after the request was sent"):
        client.create_message(12, "oi")
    assert len(server.requests_to("POST", POST_PATH)) == 1  # it did arrive, and is not resent


def test_a_timeout_after_sending_is_maybe_delivered(server, client):
    fail_with(server, Reply(body=samples.message(), delay=1.5))
    with pytest.raises(MaybeDeliveredError):
        client.create_message(12, "oi")
    assert len(server.requests_to("POST", POST_PATH)) == 1


def test_a_read_is_repeated_once_after_a_dropped_connection(server, client):
    server.on("GET", "/api/v1/profile", [Reply(drop=True), Reply(body=samples.profile())])
    assert client.profile().id == 7
    assert len(server.requests_to("GET", "/api/v1/profile")) == 2


def test_errors_share_one_base_so_callers_can_catch_them_all(server, client):
    fail_with(server, Reply(500, {"error": "boom"}))
    with pytest.raises(ChatwootError):
        client.create_message(12, "oi")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://chat.example.com/", "https://chat.example.com"),
        ("  https://Chat.Example.com/chatwoot/ ", "https://chat.example.com/chatwoot"),
        ("http://127.0.0.1:3000", "http://127.0.0.1:3000"),
        ("http://localhost:3000/", "http://localhost:3000"),
        ("http://[::1]:3000", "http://[::1]:3000"),
    ],
)
def test_server_addresses_are_normalised(url, expected):
    assert normalize_base_url(url) == expected


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://chat.example.com", "unencrypted"),
        ("http://192.168.0.10:3000", "unencrypted"),
        ("chat.example.com", "write it in full"),
        ("ftp://chat.example.com", "only https"),
        ("https://chat.example.com/?x=1", "without \\? or #"),
    ],
)
def test_unsafe_or_unusable_addresses_are_refused(url, fragment):
    with pytest.raises(InsecureURLError, match=fragment):
        ChatwootClient(url, "t")


def test_plain_http_elsewhere_only_when_explicitly_allowed():
    with ChatwootClient("http://chat.internal", "t", allow_insecure_http=True) as client:
        assert client.base_url == "http://chat.internal"


@pytest.fixture
def untrusted_https_server() -> Iterator[str]:
    authority = trustme.CA()
    cert = authority.issue_cert("127.0.0.1")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_tls_certificates_are_always_verified(untrusted_https_server):
    with (
        ChatwootClient(untrusted_https_server, "t") as client,
        pytest.raises(NotDeliveredError, match="TLS certificate could not be verified"),
    ):
        client.profile()
