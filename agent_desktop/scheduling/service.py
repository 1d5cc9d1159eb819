"""The scheduling service: one interface over the scheduling designs. The CLI and the GUI
talk to this; it asks the policy whether a request is valid and allowed, picks the design
(per profile for a new message, the row's own for an existing one) and hands it over."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from agent_desktop.chatwoot.errors import (
    AccessDeniedError,
    ChatwootError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ServerError,
)
from agent_desktop.core.channels import ChannelLimit
from agent_desktop.core.clock import Clock
from agent_desktop.core.i18n import tr
from agent_desktop.core.rules import ScheduleRules, Violation
from agent_desktop.core.timezones import ZonedTime, from_utc
from agent_desktop.scheduling import designs, policy
from agent_desktop.scheduling.channel_check import channel_of
from agent_desktop.scheduling.clients import ClientProvider
from agent_desktop.scheduling.designs import Change, Context, Design, Detection
from agent_desktop.scheduling.designs.access import fail_refused
from agent_desktop.scheduling.errors import BackendUnsupportedError, RuleError, SchedulingError
from agent_desktop.scheduling.events import EventBus, EventKind
from agent_desktop.scheduling.opening_hours import OpeningHours
from agent_desktop.scheduling.policy import Action, Traits
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.records import LOCAL, OutboxRecord, ProfileRecord
from agent_desktop.store.settings import AppSettings, Settings
from agent_desktop.store.states import OutboxState

if TYPE_CHECKING:
    from agent_desktop.chatwoot.client import ChatwootClient

__all__ = ["BackendUnsupportedError", "RuleError", "SchedulingError", "SchedulingService"]

S = OutboxState
# the server may fail a message after it said sent (the channel refused it): watched so long
SENT_WATCHED = timedelta(hours=24)


@dataclass(frozen=True)
class ConversationCheck:
    title: str
    channel: ChannelLimit | None
    warning: str | None = None  # the server could not be asked


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
    # why the last new message went to this app's outbox without the server being asked
    # what it offers (it could not be reached); None when it was asked
    kept_here_because: str | None = field(default=None, init=False)

    # -- rules and design ------------------------------------------------------------

    def current_settings(self) -> AppSettings:
        return self.settings.current()

    def rules(self) -> ScheduleRules:
        return self.current_settings().rules

    def context(self, design: Design | None = None) -> Context:
        return Context(
            profile=self.profile,
            outbox=self.outbox,
            clock=self.clock,
            home=self.home,
            client=self.client,
            learn=self._learn,
            tell=lambda kind, record, why: self.events.emit(kind, record, why),
            traits=design.traits_with(self.profile.capabilities) if design else None,
        )

    def _learn(self, **facts: object) -> None:
        self.profile = self.profiles.learn(self.profile.id, **facts)

    def traits(self, design: Design) -> Traits:
        """What the design allows on this server, as far as the server has shown."""
        return design.traits_with(self.profile.capabilities)

    def client(self) -> ChatwootClient:
        return self.clients.client(self.profile)

    def detect(self) -> Detection:
        """Ask the server again, and remember a conclusive answer (and its version)."""
        client = self.client()
        detection = designs.detect(client)
        with contextlib.suppress(ChatwootError):  # the version only informs
            version = client.server_info().version
            if version and version != self.profile.capabilities.version:
                self._learn(version=version)
        self.profile = self.profiles.set_detected_backend(
            self.profile.id, detection.design.name if detection.conclusive else None
        )
        return detection

    def design(self, override: str | None = None) -> Design:
        """The design for a new message: the override, else the setting, else what the
        server offers (detected once, then remembered). A server not yet asked that
        cannot be reached leaves it to this app's outbox (see `kept_here_because`)."""
        wanted = override or self.current_settings().backend
        self.kept_here_because = None
        if wanted == LOCAL:
            return designs.design(LOCAL)
        try:
            detected = (
                designs.design(self.profile.detected_backend)
                if self.profile.detected_backend
                else self.detect().design
            )
        except (NetworkError, ServerError) as error:
            if wanted != "auto":  # a server design must be shown, never assumed
                raise NetworkError(
                    tr(
                        "could not ask the server whether it offers {backend} ({reason}): "
                        "nothing was scheduled"
                    ).format(backend=wanted, reason=error.message)
                ) from error
            # this app's outbox sends it exactly once whatever the server turns out to be;
            # nothing is remembered, so the next message asks the server again
            self.kept_here_because = error.message
            return designs.design(LOCAL)
        if wanted == "auto":
            return detected
        forced = designs.design(wanted)
        if forced is not detected:
            raise BackendUnsupportedError(
                tr(
                    "{server} has not shown support for {forced} ({detected} detected); {advice}"
                ).format(
                    server=self.profile.base_url,
                    forced=forced.name,
                    detected=detected.name,
                    advice=tr(forced.if_unsupported),
                )
            )
        return forced

    def allowed(self, record: OutboxRecord) -> frozenset[Action]:
        return policy.allowed(record, designs.traits(record.backend), self.clock.now())

    def new_message_traits(self) -> Traits:
        """What a new message may be here: the design it goes to, on this server."""
        return self.traits(self.design())

    # -- scheduling ------------------------------------------------------------------

    def check(self, request: ScheduleRequest, design: Design) -> list[Violation]:
        return policy.check_schedule(
            request.text,
            len(request.files),
            request.when.instant,
            self.clock.now(),
            self.rules(),
            self.traits(design),
            request.channel,
        )

    def check_conversation(self, conversation_id: int) -> ConversationCheck:
        """Ask the server whether the conversation is there for this agent: its title and
        its channel's limit, or a warning when the server could not be asked (the message
        is kept anyway, and the send says what is wrong). SchedulingError when it is not
        there."""
        try:
            conversation = self.client().conversation(conversation_id)
        except NotFoundError:
            raise SchedulingError(
                tr("there is no conversation {id} in this account").format(id=conversation_id)
            ) from None
        except AccessDeniedError as error:
            raise SchedulingError(
                tr("you have no access to conversation {id}: {reason}").format(
                    id=conversation_id, reason=error.message
                )
            ) from None
        except (NetworkError, ServerError, RateLimitedError) as error:
            why = tr("could not check conversation {id} ({reason}): kept all the same").format(
                id=conversation_id, reason=error.message
            )
            return ConversationCheck("", None, why)
        return ConversationCheck(conversation.title, channel_of(self.client(), conversation))

    def schedule(self, request: ScheduleRequest, *, backend: str | None = None) -> OutboxRecord:
        if not self.current_settings().scheduling_enabled:
            raise SchedulingError(tr("scheduling is turned off in the settings"))
        # the agent's rules first: a request they refuse needs no server to be asked
        violations = self.check(request, designs.design(LOCAL))
        if violations:
            raise RuleError(violations)
        chosen = self.design(backend)
        expected = None
        if request.wait_for_opening and not chosen.traits.local:
            request = self._at_opening(request)  # the server is given the opening itself
        elif request.wait_for_opening and self.kept_here_because is None:
            expected = self._expected_opening(request.conversation_id, request.when.instant)
        violations = self.check(request, chosen)
        if violations:
            raise RuleError(violations)
        record = chosen.create(self.context(chosen), request)
        if expected is not None:
            record = self._expect(record, expected)
        self._changed(EventKind.CREATED, record)
        return record

    def _opening(self, conversation_id: int, at: datetime) -> datetime | None:
        """The inbox's next opening if it is closed at `at` (see OpeningHours.opening)."""
        return OpeningHours(self.clock).opening(self.client(), self.profile.id, conversation_id, at)

    def _expected_opening(self, conversation_id: int, at: datetime) -> datetime | None:
        """For this app's outbox, only shown until the message's time: the sender reads
        the hours again then, so a server that cannot be asked now stops nothing."""
        try:
            return self._opening(conversation_id, at)
        except ChatwootError:
            return None

    def _expect(self, record: OutboxRecord, opening: datetime) -> OutboxRecord:
        self.outbox.expect_opening(record.id, record.scheduled_at, opening)
        return self.outbox.get(record.id)

    def _at_opening(self, request: ScheduleRequest) -> ScheduleRequest:
        """The request at its inbox's next opening, if its time falls while it is closed."""
        try:
            opening = self._opening(request.conversation_id, request.when.instant)
        except ChatwootError as error:
            raise SchedulingError(
                tr("could not ask the server for the inbox's business hours: {reason}").format(
                    reason=error.message
                )
            ) from None
        if opening is None:
            return request
        return dataclasses.replace(request, when=from_utc(opening, request.when.zone))

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

    def revisions(self) -> dict[int, int]:
        """This profile's rows by id, with how many times each changed (see `get_many`)."""
        return self.outbox.revisions(self.profile.id)

    def get_many(self, outbox_ids: Iterable[int]) -> list[OutboxRecord]:
        """Those of this profile's rows that exist, as they are now."""
        return [r for r in self.outbox.get_many(outbox_ids) if r.profile_id == self.profile.id]

    def refresh(self, conversation_id: int | None = None) -> None:
        """Ask the server about this profile's server-scheduled rows still in play: first
        finish (or undo) steps a lost answer or a crash left under way, then mirror what
        the server did with the rest."""
        recently = self.clock.now() - SENT_WATCHED
        in_play = [
            r
            for r in self.find(conversation_id=conversation_id)
            if not r.is_local
            and (
                r.intent is not None
                or r.state in (S.PENDING, S.HELD, S.DRAFT)
                or (r.state is S.SENT and r.updated_at > recently)
                # one that failed for want of access may still be kept there (and sent)
                or (r.state is S.FAILED and r.remote_id is not None and r.updated_at > recently)
            )
        ]
        by_conversation: dict[tuple[str, int], list[OutboxRecord]] = {}
        for record in in_play:
            by_conversation.setdefault((record.backend, record.conversation_id), []).append(record)
        for (backend, _conversation), records in by_conversation.items():
            design = designs.design(backend)
            ctx = self.context(design)
            try:
                unsettled = [r for r in records if r.intent is not None]
                if unsettled:
                    design.resume(ctx, unsettled)
                    records = self.outbox.get_many(r.id for r in records)
                design.refresh(ctx, [r for r in records if r.intent is None and not r.is_local])
            except AccessDeniedError as error:
                # the agent was taken off this conversation's inbox (the token is fine):
                # its messages fail with word, and the other conversations are looked at
                fail_refused(ctx, self.outbox.get_many(r.id for r in records), error)

    # -- changing --------------------------------------------------------------------

    def edit(
        self,
        outbox_id: int,
        *,
        text: str | None = None,
        when: ZonedTime | None = None,
        hold_on_reply: bool | None = None,
    ) -> OutboxRecord:
        record, design = self._allowed(outbox_id, Action.EDIT)
        instant = when.instant if when is not None else None
        violations = policy.check_edit(
            record,
            text,
            instant,
            self.clock.now(),
            self.rules(),
            self.traits(design),
            record.channel,  # as learned when it was scheduled
        )
        if violations:
            raise RuleError(violations)
        change = Change(
            text=text,
            when=instant,
            zone=when.zone_name if when is not None else None,
            hold_on_reply=hold_on_reply,
        )
        edited = design.change(self.context(design), record, change)
        if instant is not None and edited.is_local and edited.wait_for_opening:
            # the store forgot the opening expected for the old time
            expected = self._expected_opening(edited.conversation_id, edited.scheduled_at)
            if expected is not None:
                edited = self._expect(edited, expected)
        self._changed(EventKind.UPDATED, edited)
        return edited

    def cancel(self, outbox_id: int) -> OutboxRecord:
        record, design = self._allowed(outbox_id, Action.CANCEL)
        cancelled = design.cancel(self.context(), record)
        self._changed(EventKind.CANCELLED, cancelled)
        return cancelled

    def restore(self, outbox_id: int) -> OutboxRecord:
        """Undo a cancel, at any time before the message's instant: back to pending."""
        record, design = self._allowed(outbox_id, Action.RESTORE)
        restored = design.restore(self.context(), record)
        self._changed(EventKind.UPDATED, restored)
        return restored

    def send_now(self, outbox_id: int) -> OutboxRecord:
        """Send at once, through this app's outbox whatever the design was."""
        record, design = self._allowed(outbox_id, Action.SEND_NOW)
        ready = design.send_now(self.context(), record)
        self._changed(EventKind.UPDATED, ready)
        return ready

    def retry(self, outbox_id: int) -> OutboxRecord:
        record, design = self._allowed(outbox_id, Action.RETRY)
        ready = design.retry(self.context(), record)
        self._changed(EventKind.UPDATED, ready)
        return ready

    # -- helpers ---------------------------------------------------------------------

    def _allowed(self, outbox_id: int, action: Action) -> tuple[OutboxRecord, Design]:
        """The row and its design, if the policy allows the action on it now."""
        record = self.outbox.get(outbox_id)
        if record.profile_id != self.profile.id:
            raise SchedulingError(
                tr("scheduled message {outbox_id} belongs to another account").format(
                    outbox_id=outbox_id
                )
            )
        design = designs.design(record.backend)
        refused = policy.refusal(record, action, design.traits, self.clock.now())
        if refused is not None:
            raise SchedulingError(refused)
        return record, design

    def _changed(self, kind: EventKind, record: OutboxRecord) -> None:
        self.events.emit(kind, record)
        with contextlib.suppress(Exception):
            self.on_change()
