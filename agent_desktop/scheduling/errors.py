"""Why a scheduling request cannot be carried out, as the agent is told."""

from __future__ import annotations

from collections.abc import Sequence

from agent_desktop.core.rules import Violation


class SchedulingError(Exception):
    """A request that cannot be carried out as asked; the message says why."""


class RuleError(SchedulingError):
    def __init__(self, violations: Sequence[Violation]) -> None:
        super().__init__("; ".join(v.message for v in violations))
        self.violations = tuple(violations)


class BackendUnsupportedError(Exception):
    """A server design was asked for where the server has not shown it supports it."""


class ServerUnsettledError(SchedulingError):
    """The server did not answer a step it may have taken: what is known is kept, and
    the step is finished (or undone) once the server answers."""
