"""The demo server's own switches, as the tests pull them: a customer writes or types."""

from __future__ import annotations

from typing import Any

import httpx


def demo_post(server: Any, conversation_id: int, what: str, body: dict[str, Any]) -> httpx.Response:
    """POST /demo/accounts/{upstream}/conversations/{id}/{what}."""
    response = httpx.post(
        f"{server.url}/demo/accounts/{server.accounts.upstream}/conversations/"
        f"{conversation_id}/{what}",
        json=body,
        headers={"Api-Access-Token": server.token},
    )
    response.raise_for_status()
    return response


def customer_writes(server: Any, conversation_id: int, text: str) -> int:
    """The customer's message; its id."""
    return int(
        demo_post(server, conversation_id, "customer_messages", {"content": text}).json()["id"]
    )
