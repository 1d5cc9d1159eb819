"""An attachment's file fetched for a preview, against the demo server, which serves
files as Rails' ActiveStorage does: data_url redirects to the storage's address."""

from __future__ import annotations

import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from agent_desktop.chatwoot.attachments_fetch import FetchError, fetch_file, fetch_preview
from agent_desktop.chatwoot.client import ChatwootClient, Upload
from agent_desktop.demo.seed_extras import picture

PDF = b"%PDF-1.4 a receipt\n"


@pytest.fixture
def client(demo_server):
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as made:
        yield made


def sent_with(client, *uploads):
    conversation = client.conversations().conversations[0].id
    return client.create_message(conversation, "files", attachments=list(uploads))


def test_a_file_address_redirects_to_its_storage_as_rails_does(client, demo_server, demo_clock):
    message = sent_with(
        client,
        Upload("foto.png", picture(), "image/png"),
        Upload("nota.pdf", PDF, "application/pdf"),
    )
    image, pdf = message.attachments
    assert image.thumb_url and not pdf.thumb_url  # only a picture has a smaller rendition
    first = httpx.get(pdf.data_url)
    assert first.status_code == 302  # no token needed: the signed address is the key
    stored = httpx.get(first.headers["Location"])
    assert stored.content == PDF
    assert stored.headers["Content-Type"] == "application/pdf"
    assert stored.headers["Content-Disposition"].startswith("inline;")
    # a tampered address is unknown; the storage's address runs out after 5 minutes
    assert httpx.get(pdf.data_url.replace("--", "--0", 1)).status_code == 404
    demo_clock.advance(timedelta(minutes=6))
    assert httpx.get(first.headers["Location"]).status_code == 404


def test_a_preview_follows_the_redirect_on_the_same_server(client):
    (image,) = sent_with(client, Upload("foto.png", picture(), "image/png")).attachments
    assert fetch_preview(client, [image.thumb_url, image.data_url]) == picture()
    assert fetch_file(client, image.data_url) == picture()


def test_a_file_over_the_limit_is_not_read(client):
    (pdf,) = sent_with(client, Upload("big.pdf", PDF * 100, "application/pdf")).attachments
    with pytest.raises(FetchError) as refused:
        fetch_preview(client, [pdf.data_url], limit=len(PDF) * 10)
    assert refused.value.too_large
    assert fetch_file(client, pdf.data_url, limit=len(PDF) * 100) == PDF * 100


class _Redirecting(BaseHTTPRequestHandler):
    """A server whose files are kept elsewhere (as on S3): it redirects there."""

    elsewhere = ""

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", self.elsewhere)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_nothing_is_asked_of_another_server():
    """A file elsewhere (another port is another server), asked for or redirected to,
    is never requested: the token goes to the Chatwoot server only."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    elsewhere = f"http://127.0.0.1:{listener.getsockname()[1]}/x.png"
    _Redirecting.elsewhere = elsewhere
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Redirecting)
    serving = threading.Thread(target=server.serve_forever)
    serving.start()
    try:
        with ChatwootClient(
            f"http://127.0.0.1:{server.server_port}", "fetch-test-token-1"
        ) as client:
            with pytest.raises(FetchError, match="not on the Chatwoot server"):
                fetch_preview(client, [elsewhere])
            with pytest.raises(FetchError, match="not on the Chatwoot server"):
                fetch_preview(client, [f"http://127.0.0.1:{server.server_port}/blob"])
        listener.settimeout(0.05)
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody knocked
    finally:
        server.shutdown()
        serving.join()
        server.server_close()
        listener.close()


def test_a_missing_file_says_the_servers_answer(client):
    (pdf,) = sent_with(client, Upload("nota.pdf", PDF, "application/pdf")).attachments
    with pytest.raises(FetchError, match="404"):
        fetch_file(client, pdf.data_url.rsplit("/", 2)[0] + "/bm9wZQ==--00/nota.pdf")
