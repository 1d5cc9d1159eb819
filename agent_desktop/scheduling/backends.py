"""The three places a scheduled message can live, and how the app picks one per account."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import NotFoundError

SEED_FEATURE = "scheduled_messages"


class Backend(enum.StrEnum):
    LOCAL = "local"
    SERVER_RESOURCE = "server-resource"
    SERVER_SCHEDULED_AT = "server-scheduled-at"

    @property
    def label(self) -> str:
        return {
            Backend.LOCAL: "this app's outbox",
            Backend.SERVER_RESOURCE: "the server (scheduled_messages)",
            Backend.SERVER_SCHEDULED_AT: "the server (scheduled_at)",
        }[self]


class BackendUnsupportedError(Exception):
    """A server backend was asked for where the server has not shown it supports it."""


@dataclass(frozen=True)
class Detection:
    backend: Backend
    reason: str
    # False when the server could not be fully probed (no conversation yet): not cached
    conclusive: bool = True


def detect(client: ChatwootClient) -> Detection:
    """Ask the server what it can do: the fork's resource answers 200, the seed design
    shows its feature flag, anything else gets the local outbox.

    Raises the client's errors when the server cannot be asked (auth, network): a
    guess would risk sending scheduled_at to a server that sends it at once.
    """
    page = client.conversations(status="all")
    if page.conversations:
        try:
            client.scheduled_messages(page.conversations[0].id)
        except NotFoundError:
            pass
        else:
            return Detection(
                Backend.SERVER_RESOURCE, "the server answers the scheduled_messages resource"
            )
    features = client.account().features
    if SEED_FEATURE in features:
        return Detection(
            Backend.SERVER_SCHEDULED_AT,
            "the account has the scheduled_messages feature (scheduled_at)",
        )
    if not page.conversations:
        return Detection(
            Backend.LOCAL,
            "no conversation yet to probe the server's scheduled_messages resource with",
            conclusive=False,
        )
    return Detection(Backend.LOCAL, "the server has no scheduling of its own")
