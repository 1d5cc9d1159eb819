"""The scheduling service: one interface over the three backends. The CLI and the GUI
talk to this; it validates, picks the backend, and keeps the outbox right."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from agent_desktop.chatwoot.client import ChatwootClient, Upload
from agent_desktop.chatwoot.errors import ValidationError
from agent_desktop.core.clock import Clock
from agent_desktop.core.i18n import tr
from agent_desktop.core.rules import ScheduleRules, Violation
from agent_desktop.core.timezones import ZonedTime
from agent_desktop.labels import state_label
from agent_desktop.scheduling import attachments, remote
from agent_desktop.scheduling.backends import Backend, BackendUnsupportedError, Detection, detect
from agent_desktop.scheduling.clients import ClientProvider
from agent_desktop.scheduling.events import EventBus, EventKind
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.outbox import InvalidTransitionError, Outbox, new_delivery_key
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.records import OutboxRecord, ProfileRecord
from agent_desktop.store.settings import Settings
from agent_desktop.store.states import OutboxState

S = OutboxState


class SchedulingError(Exception):
    """A request that cannot be carried out as asked; the message says why."""


class RuleError(SchedulingError):
    def __init__(self, violations: Sequence[Violation]) -> None:
        super().__init__("; ".join(v.message for v in violations))
        self.violations = tuple(violations)


@dataclass
class SchedulingService:
    profile: ProfileRecord
    outbox: Outbox
    profiles: Profiles
    settings: Settings
    clients: ClientProvider
    clock: Clock
    events: EventBus
    home: Path
    on_change: Callable[[], None] = field(default=lambda: None)

    # -- rules and backend -----------------------------------------------------------

    def rules(self) -> ScheduleRules:
        return ScheduleRules(min_lead_minutes=int(self.settings.get("min_lead_minutes")))

    def check(self, text: str, when: datetime) -> list[Violation]:
        return self.rules().check(text, when, self.clock.now())

    def client(self) -> ChatwootClient:
        return self.clients.client(self.profile)

    def detect(self) -> Detection:
        """Ask the server again, and remember a conclusive answer."""
        detection = detect(self.client())
        self.profile = self.profiles.set_detected_backend(
            self.profile.id, detection.backend.value if detection.conclusive else None
        )
        return detection

    def backend(self, override: str | None = None) -> Backend:
        """The backend to use: the override, else the setting, else what the server offers
        (detected once, then remembered)."""
        wanted = override or str(self.settings.get("backend"))
        if wanted == Backend.LOCAL:
            return Backend.LOCAL
        detected = (
            Backend(self.profile.detected_backend)
            if self.profile.detected_backend
            else self.detect().backend
        )
        if wanted == "auto":
            return detected
        forced = Backend(wanted)
        if forced is not detected:
            raise BackendUnsupportedError(
                f"{self.profile.base_url} has not shown support for {forced.value} "
                f"({detected.value} detected); "
                + (
                    "an upstream server would send the message at once"
                    if forced is Backend.SERVER_SCHEDULED_AT
                    else "use another backend"
                )
            )
        return forced

    # -- scheduling ------------------------------------------------------------------

    def schedule(self, request: ScheduleRequest, *, backend: str | None = None) -> OutboxRecord:
        if not self.settings.get("scheduling_enabled"):
            raise SchedulingError(tr("scheduling is turned off in the settings"))
        violations = self.check(request.text, request.when.instant)
        if violations:
            raise RuleError(violations)
        chosen = self.backend(backend)
        where: dict[str, Any]
        if chosen is Backend.LOCAL:
            where = {"attachments": attachments.keep(self.home, list(request.files))}
        else:
            limit = 1 if chosen is Backend.SERVER_RESOURCE else attachments.MAX_ATTACHMENTS
            attachments.check_files(list(request.files), limit=limit)
            key = new_delivery_key()
            remote_id = remote.create(
                chosen,
                self.client(),
                conversation_id=request.conversation_id,
                text=request.text,
                when=request.when.instant,
                hold_on_reply=request.hold_on_reply,
                key=key,
                uploads=[Upload.from_path(path) for path in request.files],
            )
            where = {"backend": chosen.value, "remote_id": remote_id, "delivery_key": key}
        record = self.outbox.add(
            profile_id=self.profile.id,
            conversation_id=request.conversation_id,
            content=request.text,
            scheduled_at=request.when.instant,
            zone=request.when.zone_name,
            hold_on_reply=request.hold_on_reply,
            conversation_label=request.conversation_label,
            **where,
        )
        self._changed(EventKind.CREATED, record)
        return record

    # -- reading ---------------------------------------------------------------------

    def find(
        self,
        *,
        states: Iterable[OutboxState] | None = None,
        conversation_id: int | None = None,
        search: str | None = None,
    ) -> list[OutboxRecord]:
        return self.outbox.find(
            profile_id=self.profile.id,
            states=states,
            conversation_id=conversation_id,
            search=search,
        )

    def refresh(self, conversation_id: int | None = None) -> None:
        """Ask the server about this profile's server-scheduled rows still in play."""
        open_rows = [
            r
            for r in self.find(states=[S.PENDING, S.HELD], conversation_id=conversation_id)
            if not r.is_local
        ]
        if not open_rows:
            return
        by_conversation: dict[tuple[str, int], list[OutboxRecord]] = {}
        for record in open_rows:
            by_conversation.setdefault((record.backend, record.conversation_id), []).append(record)
        client = self.client()
        for records in by_conversation.values():
            remote.refresh(records, client, self.outbox)

    # -- changing --------------------------------------------------------------------

    def edit(
        self, outbox_id: int, *, text: str | None = None, when: ZonedTime | None = None
    ) -> OutboxRecord:
        record = self._own(outbox_id)
        new_text = record.content if text is None else text
        new_time = record.scheduled_at if when is None else when.instant
        violations = []
        if text is not None:
            found = self.rules().check_text(new_text)
            violations += [found] if found else []
        if when is not None:
            found = self.rules().check_time(new_time, self.clock.now())
            violations += [found] if found else []
        if violations:
            raise RuleError(violations)
        resume = when is not None and record.state in (S.HELD, S.MISSED, S.FAILED)
        if record.is_local:
            edited = self._local(
                lambda: self.outbox.edit(
                    outbox_id,
                    content=text,
                    scheduled_at=new_time if when else None,
                    zone=when.zone_name if when else None,
                )
            )
            if resume:
                edited = self._local(
                    lambda: self.outbox.resume(
                        outbox_id,
                        due_at=new_time,
                        hold_after=self.clock.now(),
                        attempts=0,
                        last_error=None,
                    )
                )
        else:
            if record.state not in (S.PENDING, S.HELD):
                raise SchedulingError(
                    tr(
                        "scheduled message {outbox_id} is {state} on the server and can no "
                        "longer be changed"
                    ).format(outbox_id=outbox_id, state=state_label(record.state))
                )
            remote_id = remote.change(
                record, self.client(), text=new_text, when=new_time, resume=record.state is S.HELD
            )
            edited = self.outbox.mirror(
                outbox_id,
                S.PENDING,
                content=new_text,
                scheduled_at=new_time,
                due_at=new_time,
                remote_id=remote_id,
                zone=when.zone_name if when else record.zone,
            )
        self._changed(EventKind.UPDATED, edited)
        return edited

    def cancel(self, outbox_id: int) -> OutboxRecord:
        record = self._own(outbox_id)
        if record.is_local:
            if record.state is S.SENDING:
                raise SchedulingError(
                    tr("scheduled message {outbox_id} is being sent right now").format(
                        outbox_id=outbox_id
                    )
                )
            cancelled = self._local(lambda: self.outbox.move(outbox_id, S.CANCELLED))
        else:
            if record.state not in (S.PENDING, S.HELD):
                raise SchedulingError(
                    tr(
                        "scheduled message {outbox_id} is {state}; only a pending or held one "
                        "can be cancelled"
                    ).format(outbox_id=outbox_id, state=state_label(record.state))
                )
            try:
                remote.cancel(record, self.client())
            except ValidationError as error:
                self.refresh(record.conversation_id)
                raise SchedulingError(
                    tr("the server would not cancel it: {message}").format(message=error.message)
                ) from error
            cancelled = self.outbox.mirror(outbox_id, S.CANCELLED)
        self._changed(EventKind.CANCELLED, cancelled)
        return cancelled

    def restore(self, outbox_id: int) -> OutboxRecord:
        """Undo a cancel: back to pending at its time (or at once if that has passed)."""
        record = self._own(outbox_id)
        due = max(record.scheduled_at, self.clock.now())
        if record.is_local:
            if record.state is not S.CANCELLED:
                raise SchedulingError(
                    tr("scheduled message {outbox_id} is not cancelled").format(outbox_id=outbox_id)
                )
            restored = self._local(lambda: self.outbox.resume(outbox_id, due_at=due))
        else:
            if record.state is not S.CANCELLED:
                raise SchedulingError(
                    tr("scheduled message {outbox_id} is not cancelled").format(outbox_id=outbox_id)
                )
            restored = (
                self.outbox.make_local(outbox_id, due_at=due)
                if due == self.clock.now()
                else self._recreate(record)
            )
        self._changed(EventKind.UPDATED, restored)
        return restored

    def send_now(self, outbox_id: int) -> OutboxRecord:
        """Send at once, through this app's outbox whatever the backend was."""
        record = self._own(outbox_id)
        now = self.clock.now()
        if not record.is_local:
            if record.state in (S.PENDING, S.HELD):
                try:
                    remote.cancel(record, self.client())
                except ValidationError as error:
                    self.refresh(record.conversation_id)
                    raise SchedulingError(
                        tr("the server has already handled it: {message}").format(
                            message=error.message
                        )
                    ) from error
            ready = self.outbox.make_local(outbox_id, due_at=now)
        else:
            if record.state not in (S.PENDING, S.HELD, S.MISSED, S.FAILED):
                raise SchedulingError(
                    tr("scheduled message {outbox_id} is {state} and cannot be sent now").format(
                        outbox_id=outbox_id, state=state_label(record.state)
                    )
                )
            ready = self._local(
                lambda: self.outbox.resume(outbox_id, due_at=now, hold_after=now, last_error=None)
            )
        self._changed(EventKind.UPDATED, ready)
        return ready

    def retry(self, outbox_id: int) -> OutboxRecord:
        record = self._own(outbox_id)
        if record.state is not S.FAILED:
            raise SchedulingError(
                tr("scheduled message {outbox_id} is {state}, not failed").format(
                    outbox_id=outbox_id, state=state_label(record.state)
                )
            )
        now = self.clock.now()
        if record.is_local:
            ready = self._local(
                lambda: self.outbox.resume(
                    outbox_id, due_at=now, attempts=0, last_error=None, hold_after=now
                )
            )
        else:
            ready = self.outbox.make_local(outbox_id, due_at=now)
        self._changed(EventKind.UPDATED, ready)
        return ready

    # -- helpers ---------------------------------------------------------------------

    def _own(self, outbox_id: int) -> OutboxRecord:
        record = self.outbox.get(outbox_id)
        if record.profile_id != self.profile.id:
            raise SchedulingError(
                tr("scheduled message {outbox_id} belongs to another account").format(
                    outbox_id=outbox_id
                )
            )
        return record

    def _local(self, change: Callable[[], OutboxRecord]) -> OutboxRecord:
        try:
            return change()
        except InvalidTransitionError as error:
            raise SchedulingError(str(error)) from error

    def _recreate(self, record: OutboxRecord) -> OutboxRecord:
        backend = Backend(record.backend)
        remote_id = remote.create(
            backend,
            self.client(),
            conversation_id=record.conversation_id,
            text=record.content,
            when=record.scheduled_at,
            hold_on_reply=record.hold_on_reply,
            key=record.delivery_key,
            uploads=[],
        )
        return self.outbox.mirror(record.id, S.PENDING, remote_id=remote_id, last_error=None)

    def _changed(self, kind: EventKind, record: OutboxRecord) -> None:
        self.events.emit(kind, record)
        with contextlib.suppress(Exception):
            self.on_change()
