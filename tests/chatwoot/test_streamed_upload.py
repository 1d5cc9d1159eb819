"""A file goes to the server read from disk a piece at a time, not whole into memory: a
40 MB attachment (Chatwoot's default limit) must not cost the sender its size again
(or three times it, as bytes, then the multipart body, then its copy)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from agent_desktop.chatwoot.client import ChatwootClient, Upload

MB = 1024 * 1024

# the sending side in a process of its own, so that only its memory is counted (the demo
# server beside the test keeps what it receives)
SENDER = """
import json, sys, tracemalloc
from pathlib import Path
from agent_desktop.chatwoot.client import ChatwootClient, Upload

url, token, account, conversation, path = sys.argv[1:]
with ChatwootClient(url, token, account_id=int(account)) as client:
    client.profile()  # connected, and everything a request needs is loaded
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    message = client.create_message(
        int(conversation), "o relatorio", attachments=[Upload.from_path(Path(path))]
    )
    _, peak = tracemalloc.get_traced_memory()
print(json.dumps({"grew": peak - before, "data_url": message.attachments[0].data_url}))
"""


@pytest.fixture
def client(demo_server):
    with ChatwootClient(
        demo_server.url, demo_server.token, account_id=demo_server.accounts.upstream
    ) as made:
        yield made


def stored(data_url: str) -> bytes:
    """The file as the server keeps it (its address redirects to the storage)."""
    return httpx.get(data_url, follow_redirects=True, timeout=30).content


def test_a_big_attachment_is_streamed_from_disk(client, demo_server, tmp_path: Path):
    big = tmp_path / "relatorio.pdf"
    with big.open("wb") as out:
        for n in range(30):  # 30 MB, no two pieces alike
            out.write(hashlib.sha256(str(n).encode()).digest() * (MB // 32))
    conversation = client.conversations().conversations[0].id
    sent = subprocess.run(
        [
            sys.executable,
            "-c",
            SENDER,
            demo_server.url,
            demo_server.token,
            str(demo_server.accounts.upstream),
            str(conversation),
            str(big),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert sent.returncode == 0, sent.stderr
    answer = json.loads(sent.stdout)
    assert answer["grew"] < 2 * MB  # pieces of it at a time, never the whole 30 MB
    assert stored(answer["data_url"]) == big.read_bytes()


def test_the_same_file_sent_again_goes_whole_from_its_start(client, tmp_path: Path):
    """Each request opens the file anew: a second try (or a second message with the same
    file) is never sent from where the first left off."""
    note = tmp_path / "nota.txt"
    note.write_bytes(b"linha de texto\n" * 5000)
    upload = Upload.from_path(note)
    conversation = client.conversations().conversations[0].id
    first = client.create_message(conversation, "um", attachments=[upload])
    again = client.create_message(conversation, "dois", attachments=[upload])
    for message in (first, again):
        assert stored(message.attachments[0].data_url) == note.read_bytes()
