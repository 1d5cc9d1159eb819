"""Where a scheduled message can wait. Each design is one module of this package that
defines `DESIGN`; they are found by listing the package, so a new design is one new
module: the `backend` setting's choices and the Scheduled tab's labels come from here."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

from agent_desktop.scheduling.designs.base import Change, Context, Design
from agent_desktop.scheduling.policy import Traits

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient

__all__ = ["Change", "Context", "Design", "Detection", "all_designs", "design", "detect"]


@functools.cache
def all_designs() -> tuple[Design, ...]:
    """Every design, in the order they are probed (the fallback last)."""
    found = []
    for info in pkgutil.iter_modules(__path__, f"{__name__}."):
        module = importlib.import_module(info.name)
        candidate = getattr(module, "DESIGN", None)
        if isinstance(candidate, Design):
            found.append(candidate)
    return tuple(sorted(found, key=lambda d: d.detect_order))


def design(name: str) -> Design:
    for candidate in all_designs():
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def traits(name: str) -> Traits:
    return design(name).traits


@dataclass(frozen=True)
class Detection:
    design: Design
    reason: str
    # False when the server could not be fully probed (no conversation yet): not cached
    conclusive: bool = True


def detect(client: ChatwootClient) -> Detection:
    """Ask the server what it can do, each design in turn; the fallback takes the rest.

    Raises the client's errors when the server cannot be asked (auth, network): a
    guess would risk sending scheduled_at to a server that sends it at once.
    """
    page = client.conversations(status="all")
    probe_with = page.conversations[0].id if page.conversations else None
    *servers, fallback = all_designs()
    for candidate in servers:
        reason = candidate.probe(client, probe_with)
        if reason is not None:
            return Detection(candidate, reason)
    if probe_with is None:
        return Detection(
            fallback,
            "no conversation yet to probe the server's scheduled_messages resource with",
            conclusive=False,
        )
    return Detection(fallback, fallback.probe(client, probe_with) or "")
