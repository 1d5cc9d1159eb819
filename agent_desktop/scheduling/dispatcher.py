"""The local outbox's dispatcher: sleeps until the next due instant, wakes early when told
the outbox changed, notices clock jumps and resumes from sleep, and hands due rows to a
few worker threads. Safe beside other dispatchers on the same outbox: rows are claimed."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from agent_desktop.core.clock import Clock
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling import attachments
from agent_desktop.scheduling.clients import ClientProvider, NoTokenError
from agent_desktop.scheduling.courier import Courier, Outcome
from agent_desktop.scheduling.events import EventBus, EventKind
from agent_desktop.scheduling.owners import new_owner, owner_is_dead
from agent_desktop.scheduling.pacing import Backoff, RateLimiter
from agent_desktop.scheduling.server_clock import ServerClocks
from agent_desktop.scheduling.watch import DeliveryWatch
from agent_desktop.store.outbox import InvalidTransitionError, Outbox
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.records import OutboxRecord, ProfileRecord
from agent_desktop.store.states import OutboxState

log = logging.getLogger(__name__)
S = OutboxState
TIDY_EVERY_S = 24 * 3600


@dataclass(frozen=True)
class DispatcherConfig:
    workers: int = 12
    lease: timedelta = timedelta(minutes=2)
    # a send still under way (a large upload) keeps its claim: renewed this often, so no
    # other process takes the row for abandoned and sends it again
    lease_renewal: float = 30.0  # seconds
    max_sleep: float = 15.0  # seconds: a changed clock or another process's row is noticed
    clock_jump: float = 5.0  # seconds of disagreement between wall and monotonic clocks
    grace: timedelta = timedelta(minutes=15)
    requests_per_minute: int = 2400
    # a row is taken this long before its time, and the look for a customer's reply made,
    # so that at its time only the send itself is left (never sent early)
    ahead: timedelta = timedelta(milliseconds=250)
    backoff: Backoff = field(default_factory=Backoff)


class Dispatcher:
    def __init__(
        self,
        *,
        outbox: Outbox,
        profiles: Profiles,
        clients: ClientProvider,
        clock: Clock,
        events: EventBus,
        home: Path,
        config: DispatcherConfig | None = None,
    ) -> None:
        self.config = config or DispatcherConfig()
        self.outbox = outbox
        self.profiles = profiles
        self.clients = clients
        self.clock = clock
        self.events = events
        self.home = home
        self.owner = new_owner()
        # taken early only where time passes by itself: a test's clock waits to be moved
        self._ahead = self.config.ahead if clock.moves_by_itself else timedelta(0)
        self.limiter = RateLimiter(per_minute=self.config.requests_per_minute)
        self.courier = Courier(
            outbox=outbox,
            clock=clock,
            events=events,
            limiter=self.limiter,
            home=home,
            owner=self.owner,
            backoff=self.config.backoff,
            profiles=profiles,
            server_clocks=ServerClocks(clock, events),
        )
        self.watch = DeliveryWatch(outbox=outbox, clock=clock, events=events)
        self.paused: dict[int, str | None] = {}  # profile id -> token fingerprint refused
        self.on_hold = False  # the agent paused all sending
        self._condition = threading.Condition()
        self._generation = 0
        self._busy = 0
        self._stop = False
        self._thread: threading.Thread | None = None
        self._watcher: threading.Thread | None = None
        self._watch_stop = threading.Event()
        self._pool: ThreadPoolExecutor | None = None
        self._last_wall = clock.now()
        self._last_mono = clock.monotonic()
        self._tidied_at: float | None = None  # monotonic time of the last attachments sweep
        self.fault: str | None = None  # why it stopped on its own, if it did

    # -- control ---------------------------------------------------------------------

    def wake(self) -> None:
        """The outbox changed (or time did): look again now."""
        with self._condition:
            self._generation += 1
            self._condition.notify_all()

    def start(self) -> None:
        """Run on a thread of its own (recovery first, there: start() may be called on
        the window's thread, which does no database work)."""
        self._pool = ThreadPoolExecutor(
            max_workers=self.config.workers, thread_name_prefix="outbox-send"
        )
        self._thread = threading.Thread(target=self._loop, name="outbox-dispatcher", daemon=True)
        self._thread.start()
        # following deliveries has a thread of its own: its looks never delay a claim
        self._watch_stop.clear()
        self._watcher = threading.Thread(target=self._watch_loop, name="outbox-watch", daemon=True)
        self._watcher.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop within a moment: requests under way end (a send cut short stays marked
        in flight, to be looked for before any second try) and claims are released."""
        with self._condition:
            self._stop = True
            self._condition.notify_all()
        self._watch_stop.set()
        self.clients.stopping.set()
        try:
            if self._thread is not None:
                self._thread.join(timeout)
            if self._watcher is not None:
                self._watcher.join(timeout)
            if self._pool is not None:
                self._pool.shutdown(wait=True)
        finally:
            self.clients.stopping.clear()  # the clients may serve others still

    def idle(self) -> bool:
        """Nothing local left to send or retry (rows of paused profiles aside)."""
        counts = self.outbox.find(states=[S.PENDING, S.SENDING])
        return not any(r.is_local and r.profile_id not in self.paused for r in counts)

    # -- start-up and resume -----------------------------------------------------------

    def recover(self) -> None:
        """Release claims of dead local processes, and set aside what came due too long
        ago while nothing ran: the agent decides about those."""
        now = self.clock.now()
        for record in self.outbox.find(states=[S.SENDING]):
            if record.is_local and owner_is_dead(record.claimed_by):
                with contextlib.suppress(InvalidTransitionError):
                    self.outbox.move(
                        record.id,
                        S.PENDING,
                        owner=record.claimed_by,
                        due_at=now,
                        in_flight_since=record.in_flight_since,
                        # its attempt never ended: the next one waits a moment for it
                        attempt_started_at=record.attempt_started_at,
                        attempt_owner=record.attempt_owner,
                    )
        # whatever was to happen more than the grace period ago and did not (a first
        # send, or a retry: nothing ran then) waits for the agent; one that may have gone
        # out keeps its in-flight mark, and is looked for before any new try
        late = now - self.config.grace
        for record in self.outbox.find(states=[S.PENDING]):
            if record.is_local and record.scheduled_at < late and record.due_at < late:
                try:
                    missed = self.outbox.move(
                        record.id,
                        S.MISSED,
                        last_error=tr("due {when} UTC while the app was not running").format(
                            when=f"{record.scheduled_at:%Y-%m-%d %H:%M}"
                        ),
                    )
                except InvalidTransitionError:
                    continue
                self.events.emit(EventKind.MISSED, missed, tr("came due while nothing was running"))

    def _check_clock(self) -> None:
        wall, mono = self.clock.now(), self.clock.monotonic()
        drift = (wall - self._last_wall).total_seconds() - (mono - self._last_mono)
        self._last_wall, self._last_mono = wall, mono
        if abs(drift) > self.config.clock_jump:
            self.events.emit(
                EventKind.CLOCK_JUMP,
                None,
                tr("the clock moved {seconds} s beyond elapsed time").format(
                    seconds=f"{drift:+.0f}"
                ),
            )
            self.recover()

    def _tidy(self) -> None:
        """Once at start and then daily: the copies of attachments no message needs."""
        mono = self.clock.monotonic()
        if self._tidied_at is not None and mono - self._tidied_at < TIDY_EVERY_S:
            return
        self._tidied_at = mono  # set first: a failing sweep waits for the next day too
        removed = attachments.sweep(self.home, self.outbox.find(), self.clock.now())
        if removed:
            log.info("removed the kept attachments of %d finished messages", removed)

    # -- one pass ----------------------------------------------------------------------

    def step(self) -> int:
        """Deliver, on this thread, everything due now; returns how many rows were taken.
        For tests with a fake clock and for --until-idle passes."""
        self._check_clock()
        self._check_paused()
        taken = 0
        while (record := self._claim()) is not None:
            self._deliver(record)
            taken += 1
        self.watch.check(self._client_for_profile_id)
        return taken

    def hold(self, on: bool) -> None:
        """Pause (or resume) all sending at the agent's request; nothing is lost."""
        self.on_hold = on
        self.wake()

    def deliver_now(self, outbox_id: int) -> OutboxRecord | None:
        """Claim one due row and deliver it on this thread, as a pass would; None when
        sending is held or another dispatcher has it."""
        record = (
            None if self.on_hold else self.outbox.claim(outbox_id, self.owner, self.config.lease)
        )
        if record is None:
            return None
        self._deliver(record)
        return self.outbox.get(outbox_id)

    def _claim(self) -> OutboxRecord | None:
        if self.on_hold:
            return None
        return self.outbox.claim_due(self.owner, self.config.lease, skip_profiles=list(self.paused))

    def _claim_many(self, limit: int) -> list[OutboxRecord]:
        if self.on_hold:
            return []
        return self.outbox.claim_due_many(
            self.owner,
            self.config.lease,
            limit,
            skip_profiles=list(self.paused),
            ahead=self._ahead,
        )

    def _watch_loop(self) -> None:
        while not self._watch_stop.is_set():
            try:
                self.watch.check(self._client_for_profile_id, self.limiter)
            except Exception:  # a locked database: the next look tries again
                log.exception("following deliveries failed; trying again shortly")
            upcoming = self.watch.next_check()
            wait = 5.0
            if upcoming is not None:
                wait = (upcoming - self.clock.now()).total_seconds()
            # at least a moment: checks held back for the allowance are not spun on
            self._watch_stop.wait(min(5.0, max(0.5, wait)))

    def _deliver(self, record: OutboxRecord) -> None:
        profile = self.profiles.get(record.profile_id)
        if profile is None:
            self._fail_unknown(record)
            return
        try:
            client = self.clients.client(profile)
        except NoTokenError as error:
            self._pause(profile, record, str(error))
            return
        with self._keeping_claim(record.id):
            outcome, message = self.courier.deliver(record, client, profile)
        if outcome is Outcome.PAUSED:
            self._pause(profile, record, tr("the server refused the access token"))
        elif message is not None and outcome in (Outcome.SENT, Outcome.RECONCILED):
            self.watch.follow(record, message)

    @contextlib.contextmanager
    def _keeping_claim(self, outbox_id: int) -> Iterator[None]:
        done = threading.Event()

        def renew() -> None:
            while not done.wait(self.config.lease_renewal):
                try:
                    if not self.outbox.renew_lease(outbox_id, self.owner, self.config.lease):
                        return  # settled, or no longer ours
                except Exception:  # a locked database: the next renewal tries again
                    log.exception("renewing the claim on scheduled message %s failed", outbox_id)

        keeper = threading.Thread(target=renew, name=f"outbox-lease-{outbox_id}", daemon=True)
        keeper.start()
        try:
            yield
        finally:
            done.set()
            keeper.join()

    def _fail_unknown(self, record: OutboxRecord) -> None:
        failed = self.outbox.move(
            record.id,
            S.FAILED,
            owner=self.owner,
            last_error=tr("its server profile no longer exists"),
        )
        self.events.emit(EventKind.FAILED, failed, failed.last_error or "")

    def _pause(self, profile: ProfileRecord, record: OutboxRecord, why: str) -> None:
        with contextlib.suppress(InvalidTransitionError):  # the courier may have already
            self.outbox.move(
                record.id, S.PENDING, owner=self.owner, in_flight_since=record.in_flight_since
            )
        if profile.id not in self.paused:
            self.paused[profile.id] = self.clients.token_fingerprint(profile)
            self.events.emit(EventKind.PAUSED, record, f"{profile.base_url}: {why}")

    def _check_paused(self) -> None:
        for profile_id, refused in list(self.paused.items()):
            profile = self.profiles.get(profile_id)
            if profile is None:
                continue
            current = self.clients.token_fingerprint(profile)
            if current is not None and current != refused:
                del self.paused[profile_id]
                self.events.emit(
                    EventKind.RESUMED,
                    None,
                    tr("{server}: signed in again").format(server=profile.base_url),
                )

    def _client_for_profile_id(self, profile_id: int) -> object:
        profile = self.profiles.get(profile_id)
        if profile is None or profile_id in self.paused:
            return None
        try:
            return self.clients.client(profile)
        except NoTokenError:
            return None

    # -- the loop ----------------------------------------------------------------------

    def _loop(self) -> None:
        assert self._pool is not None
        try:
            self.recover()
        except Exception:  # a locked database: the periodic pass will look again
            log.exception("recovering the outbox at start failed")
        while True:
            with self._condition:
                if self._stop:
                    return
                generation = self._generation
            moved = self.outbox.store_moved()
            if moved is not None:
                self._stopped_on_its_own(moved)
                return
            try:
                self._check_clock()
                self._check_paused()
                self._tidy()
                # as many as there are free workers, in one transaction
                while (free := self.config.workers - self._busy) > 0 and (
                    taken := self._claim_many(free)
                ):
                    with self._condition:
                        self._busy += len(taken)
                    for record in taken:
                        self._pool.submit(self._work, record)
                delay = self._next_delay()
            except Exception:  # the loop must survive a bad moment (a locked database)
                log.exception("the dispatcher's loop failed; trying again shortly")
                delay = 1.0
            with self._condition:
                if self._stop:
                    return
                if generation == self._generation:
                    self._condition.wait(delay)

    def _stopped_on_its_own(self, why: str) -> None:
        """Sending from a file nobody else sees would lose or double messages: stop."""
        self.fault = why
        log.error("the dispatcher stopped: %s", why)
        with self._condition:
            self._stop = True
        self.events.emit(EventKind.STOPPED, None, why)

    def _work(self, record: OutboxRecord) -> None:
        try:
            self._deliver(record)
        except Exception:
            log.exception("delivering scheduled message %s failed", record.id)
        finally:
            with self._condition:
                self._busy -= 1
                self._generation += 1
                self._condition.notify_all()

    def _next_delay(self) -> float:
        now = self.clock.now()
        candidates: list[datetime] = []
        if self._busy < self.config.workers:
            due = self.outbox.next_due_at(skip_profiles=list(self.paused))
            if due is not None:
                candidates.append(due - self._ahead)
        if self.limiter.not_before is not None and self.limiter.not_before > now:
            candidates = [max(c, self.limiter.not_before) for c in candidates]
        if not candidates:
            return self.config.max_sleep
        seconds = (min(candidates) - now).total_seconds()
        return max(0.0, min(self.config.max_sleep, seconds))
