"""Delivering one claimed outbox row: reconcile an uncertain earlier attempt, hold it if
the customer replied, send it tagged with its delivery key, and decide what each
outcome means. Every try goes to the attempt log."""

from __future__ import annotations

import enum
import logging
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from agent_desktop.chatwoot import deadlines
from agent_desktop.chatwoot.client import ChatwootClient, Upload
from agent_desktop.chatwoot.connection import longest_request
from agent_desktop.chatwoot.errors import (
    AccessDeniedError,
    AuthError,
    ChatwootError,
    MaybeDeliveredError,
    NotDeliveredError,
    RateLimitedError,
    ServerError,
)
from agent_desktop.chatwoot.reading import MalformedResponseError
from agent_desktop.chatwoot.records import Message
from agent_desktop.core.channels import ChannelLimit
from agent_desktop.core.clock import Clock
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling import attachments
from agent_desktop.scheduling.channel_check import channel_of
from agent_desktop.scheduling.events import EventBus, EventKind
from agent_desktop.scheduling.lookup import (
    KEY_ATTRIBUTE,
    SKEW_TOLERANCE,
    attempt_floor,
    customer_replied,
    earlier_attempt,
    messages_since,
)
from agent_desktop.scheduling.opening_hours import OpeningHours
from agent_desktop.scheduling.owners import owner_is_dead
from agent_desktop.scheduling.pacing import Backoff, RateLimiter
from agent_desktop.scheduling.policy import over_channel_limit
from agent_desktop.scheduling.server_clock import ServerClocks
from agent_desktop.store.outbox import InvalidTransitionError, Outbox, Tried
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.records import OutboxRecord, ProfileRecord
from agent_desktop.store.states import OutboxState

log = logging.getLogger(__name__)
S = OutboxState
# after a request's deadline, the server's own work on it (it has the whole body)
SETTLE = timedelta(seconds=10)
DEAD_SETTLE = timedelta(seconds=5)
MOST_AHEAD = 1.0  # seconds a row taken early may wait for its time


class Outcome(enum.StrEnum):
    SENT = "sent"
    RECONCILED = "reconciled"  # an earlier, uncertain attempt had got through
    HELD = "held"
    RETRY = "retry"
    FAILED = "failed"
    PAUSED = "paused"  # 401: nothing more goes out for this profile until a new sign-in
    WAIT = "wait"  # the rate limit says later; not an attempt
    LOST = "lost"  # another dispatcher took the row over; nothing to do here


Result = tuple[Outcome, Message | None]


@dataclass
class Courier:
    outbox: Outbox
    clock: Clock
    events: EventBus
    limiter: RateLimiter
    home: Path
    owner: str
    backoff: Backoff = field(default_factory=Backoff)
    rng: random.Random = field(default_factory=random.Random)
    profiles: Profiles | None = None  # where what a server does is remembered
    server_clocks: ServerClocks | None = None  # the servers' clocks, by their Date headers
    hours: OpeningHours = field(init=False, repr=False)  # for messages waiting for them
    # conversations' channel limits learned at send time, by (profile, conversation)
    _channels: dict[tuple[int, int], ChannelLimit | None] = field(
        default_factory=dict, init=False, repr=False
    )

    def __post_init__(self) -> None:
        self.hours = OpeningHours(self.clock)

    def deliver(
        self, record: OutboxRecord, client: ChatwootClient, profile: ProfileRecord
    ) -> Result:
        """Take a claimed row to its next state. Returns the outcome and, when sent,
        the server's message."""
        try:
            return self._deliver(record, client, profile)
        except InvalidTransitionError:
            # the row changed hands (lease ran out) or was cancelled meanwhile
            return Outcome.LOST, None

    def _deliver(
        self, record: OutboxRecord, client: ChatwootClient, profile: ProfileRecord
    ) -> Result:
        now = self.clock.now()
        unfinished = self._unfinished_until(record)
        if unfinished is not None and unfinished > now:
            # an attempt whose end was never recorded (its sender died, or froze past its
            # claim) may still reach the server: wait it out, then look before sending
            self.outbox.move(
                record.id,
                S.PENDING,
                owner=self.owner,
                due_at=unfinished,
                attempt_started_at=record.attempt_started_at,
                attempt_owner=record.attempt_owner,
            )
            return Outcome.WAIT, None
        if record.wait_for_opening and record.in_flight_since is None:
            try:
                opening = self.hours.opening(
                    client, record.profile_id, record.conversation_id, max(now, record.due_at)
                )
            except ChatwootError as error:
                return self._failed_attempt(record, error, "check"), None
            if opening is not None:  # the inbox is closed: it goes when it opens
                self.outbox.move(record.id, S.PENDING, owner=self.owner, due_at=opening)
                return Outcome.WAIT, None
        requests = 1 + (1 if record.hold_on_reply or record.in_flight_since else 0)
        later = self.limiter.reserve(now, (record.profile_id, record.conversation_id), requests)
        if later is not None:
            self.outbox.move(record.id, S.PENDING, owner=self.owner, due_at=later)
            return Outcome.WAIT, None
        if self.server_clocks is not None and record.attempts == 0:
            # its time is the server's: a clock running fast here must not send it early
            ahead = self.server_clocks.ahead(record.profile_id, client)
            if ahead > SKEW_TOLERANCE and now - ahead < record.scheduled_at:
                self.outbox.move(
                    record.id, S.PENDING, owner=self.owner, due_at=record.scheduled_at + ahead
                )
                return Outcome.WAIT, None

        if record.in_flight_since is not None or record.hold_on_reply:
            since_candidates = [record.in_flight_since, record.hold_after]
            since = min(t for t in since_candidates if t is not None)
            try:
                recent, ahead = messages_since(client, self.clock, record.conversation_id, since)
            except ChatwootError as error:
                return self._failed_attempt(record, error, "check"), None
            if record.in_flight_since is not None:
                floor = attempt_floor(client, self.clock, record.in_flight_since)
                already = self._already_sent(record, recent, profile, floor)
                if already is not None:
                    return self._sent(record, already, Outcome.RECONCILED)
            if record.hold_on_reply and record.hold_after is not None:
                # the reply's time is the server's: compare it with the server's clock
                reply = customer_replied(recent, record.hold_after - ahead)
                if reply is not None:
                    held = self.outbox.move(
                        record.id,
                        S.HELD,
                        owner=self.owner,
                        tried=Tried(
                            "held",
                            error=tr("customer message {id}").format(id=reply.id),
                            counts_as_try=False,
                        ),
                        in_flight_since=None,
                        last_error=tr("the customer replied after it was scheduled"),
                    )
                    self.events.emit(EventKind.HELD, held, tr("the customer replied"))
                    return Outcome.HELD, None

        try:
            refused = over_channel_limit(record.content, self._channel(record, client))
        except ChatwootError as error:
            return self._failed_attempt(record, error, "check"), None
        uploads = refused.message if refused else self._uploads(record)
        if isinstance(uploads, str):
            failed = self.outbox.move(
                record.id,
                S.FAILED,
                owner=self.owner,
                tried=Tried("failed", error=uploads),
                last_error=uploads,
            )
            self.events.emit(EventKind.FAILED, failed, uploads)
            return Outcome.FAILED, None

        # from here on the request may reach the server: mark it so a crash or an
        # unclear answer leads to a look before any second try. Marked before the wait
        # for its instant, so the write is not between that instant and the request (an
        # earlier mark only widens the look).
        self.outbox.mark_in_flight(
            record.id, self.owner, record.in_flight_since or self.clock.now()
        )
        if not self._wait_for_its_time(record):
            self.outbox.move(record.id, S.PENDING, owner=self.owner)
            return Outcome.WAIT, None
        # fenced: a send frozen past its lease (a stopped process, a sleeping laptop)
        # gives up before its next part goes, so the one that took it over sends alone
        try:
            with deadlines.fenced(lambda: self.outbox.still_claimed(record.id, self.owner)):
                message = client.create_message(
                    record.conversation_id,
                    record.content,
                    content_attributes={KEY_ATTRIBUTE: record.delivery_key},
                    echo_id=record.delivery_key,
                    attachments=uploads,
                )
        except ChatwootError as error:
            return self._failed_attempt(record, error, "send"), None
        self._learn_from(message, record, profile)
        if self.server_clocks is not None:
            self.server_clocks.note(record.profile_id, client)
        return self._sent(record, message, Outcome.SENT)

    def _channel(self, record: OutboxRecord, client: ChatwootClient) -> ChannelLimit | None:
        """The conversation's channel limit: as learned when it was scheduled, else
        asked now (once per conversation: a conversation keeps its channel)."""
        if record.channel_known:
            return record.channel
        key = (record.profile_id, record.conversation_id)
        if key not in self._channels:
            conversation = client.conversation(record.conversation_id)
            self._channels[key] = channel_of(client, conversation)
        channel = self._channels[key]
        self.outbox.learn_channel(record.id, channel)
        return channel

    def _wait_for_its_time(self, record: OutboxRecord) -> bool:
        """A row taken a moment early waits here for its instant; False when the clock
        did not get there (set back meanwhile): it is left for later, never sent early."""
        left = (record.due_at - self.clock.now()).total_seconds()
        if left <= 0:
            return True
        if left <= MOST_AHEAD:
            time.sleep(left)
        return self.clock.now() >= record.due_at

    def _unfinished_until(self, record: OutboxRecord) -> datetime | None:
        """Until when an unfinished attempt of another sender could still get through: a
        dead process's briefly (what it wrote drains), a live one's for as long as such a
        request may take (it gives up at its deadline, or at its fence)."""
        if record.attempt_started_at is None:
            return None
        if owner_is_dead(record.attempt_owner):
            return record.attempt_started_at + DEAD_SETTLE
        size = sum(
            (self.home / a.path).stat().st_size
            for a in record.attachments
            if (self.home / a.path).is_file()
        )
        return record.attempt_started_at + timedelta(seconds=longest_request(size)) + SETTLE

    def _already_sent(
        self,
        record: OutboxRecord,
        recent: list[Message],
        profile: ProfileRecord,
        not_before: datetime,
    ) -> Message | None:
        known = self.outbox.sent_ids(record)
        return earlier_attempt(recent, record, profile, known, not_before)

    def _learn_from(self, message: Message, record: OutboxRecord, profile: ProfileRecord) -> None:
        """The answer to a create shows whether the server keeps the delivery key."""
        keeps = message.content_attributes.get(KEY_ATTRIBUTE) == record.delivery_key
        if profile.capabilities.keeps_content_attributes is not keeps and self.profiles:
            try:
                self.profiles.learn(profile.id, keeps_content_attributes=keeps)
            except Exception:  # a fact not kept now is learned again at the next send
                log.exception("could not keep what server %s does", profile.base_url)

    def _sent(self, record: OutboxRecord, message: Message, outcome: Outcome) -> Result:
        sent = self.outbox.move(
            record.id,
            S.SENT,
            owner=self.owner,
            tried=Tried(outcome.value, 200, counts_as_try=outcome is Outcome.SENT),
            server_message_id=message.id,
            in_flight_since=None,
            last_error=None,
        )
        log.info("scheduled message %s %s: message %s", record.id, outcome.value, message.id)
        self.events.emit(EventKind.SENT, sent, tr("message {id}").format(id=message.id))
        return outcome, message

    def _failed_attempt(self, record: OutboxRecord, error: ChatwootError, stage: str) -> Outcome:
        status = error.status
        text = error.message
        if isinstance(error, AccessDeniedError):
            # the token is fine (the server said so): only this conversation is refused
            text = tr("you no longer have access to this conversation ({reason})").format(
                reason=error.message
            )
        log.warning("scheduled message %s, %s failed: %s", record.id, stage, text)
        uncertain = stage == "send" and isinstance(
            error, MaybeDeliveredError | ServerError | MalformedResponseError
        )
        if isinstance(error, AuthError):
            # a 401 comes before anything is processed; an earlier uncertainty stays
            self.outbox.move(
                record.id,
                S.PENDING,
                owner=self.owner,
                tried=Tried("paused", status, text, counts_as_try=False),
                in_flight_since=None if stage == "send" else record.in_flight_since,
                last_error=tr("sign-in needed: {reason}").format(reason=text),
            )
            return Outcome.PAUSED
        retryable = isinstance(
            error,
            MaybeDeliveredError
            | NotDeliveredError
            | RateLimitedError
            | ServerError
            | MalformedResponseError,
        )
        attempt_number = record.attempts + 1
        if not retryable or attempt_number >= self.backoff.max_attempts:
            reason = text if not retryable else (f"gave up after {attempt_number} attempts: {text}")
            # a final failure after an uncertain send (or a look that could not tell)
            # stays reconcilable: a retry looks again before sending
            mark = record.in_flight_since if stage == "check" else None
            failed = self.outbox.move(
                record.id,
                S.FAILED,
                owner=self.owner,
                tried=Tried("failed", status, text),
                last_error=reason,
                in_flight_since=(record.in_flight_since or self.clock.now()) if uncertain else mark,
            )
            self.events.emit(EventKind.FAILED, failed, reason)
            return Outcome.FAILED
        at_least = getattr(error, "retry_after", None)
        delay = self.backoff.delay(attempt_number, self.rng, at_least)
        retry_at = self.clock.now() + timedelta(seconds=delay)
        if isinstance(error, RateLimitedError):
            self.limiter.slow_down(retry_at)  # everyone waits, not just this message
        keep_in_flight = (
            record.in_flight_since
            if not uncertain
            else (record.in_flight_since or self.clock.now())
        )
        if stage == "send" and not uncertain:
            keep_in_flight = None  # certainly not delivered, or refused before processing
        outcome = "maybe_delivered" if uncertain else "retry"
        pending = self.outbox.move(
            record.id,
            S.PENDING,
            owner=self.owner,
            tried=Tried(outcome, status, text),
            due_at=retry_at,
            in_flight_since=keep_in_flight,
            last_error=text,
        )
        self.events.emit(
            EventKind.RETRYING,
            pending,
            tr("{reason}; next try in {seconds} s").format(reason=text, seconds=f"{delay:.0f}"),
        )
        return Outcome.RETRY

    def _uploads(self, record: OutboxRecord) -> list[Upload] | str:
        return attachments.uploads(self.home, record)
