"""The sender's ears: a live channel for each profile with a local message waiting on
hold-on-reply, so that the customer's message holds it at once. Opened and closed as
such messages come and go; where the channel cannot be had, the sender's look before
each send holds it as before."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from agent_desktop.chatwoot.cable import CableConfig, CableEvent, LiveChannel
from agent_desktop.chatwoot.link_state import LinkState
from agent_desktop.scheduling.replies import ReplyHolds

if TYPE_CHECKING:
    from agent_desktop.workspace import App

log = logging.getLogger(__name__)
ChannelFactory = Callable[..., LiveChannel]


class Listening:
    def __init__(
        self,
        app: App,
        *,
        config: CableConfig | None = None,
        factory: ChannelFactory = LiveChannel,
    ) -> None:
        self.app = app
        self.holds = ReplyHolds(app.outbox, app.events)
        self.config = config
        self._factory = factory
        self._channels: dict[int, LiveChannel] = {}
        self._opening: set[int] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.states: dict[int, LinkState] = {}

    def update(self) -> None:
        """Open or close channels for what waits now (after any change to the store)."""
        try:
            # not every waiting row: this runs at each change, a burst's every send
            wanted = self.app.outbox.profiles_holding_on_replies()
        except Exception:  # a locked database: the next change looks again
            log.debug("reading the waiting messages failed", exc_info=True)
            return
        with self._lock:
            gone = [self._channels.pop(p) for p in list(self._channels) if p not in wanted]
            new = wanted - set(self._channels) - self._opening
            self._opening |= new
        for channel in gone:
            channel.stop(timeout=0)
        for profile_id in new:
            threading.Thread(
                target=self._open, args=(profile_id,), name="live-open", daemon=True
            ).start()

    def _open(self, profile_id: int) -> None:
        try:
            profile = self.app.profiles.get(profile_id)
            if profile is None:
                return
            me = self.app.clients.client(profile).profile()  # the pubsub token is asked for
            if not me.pubsub_token:
                return  # a server that gives none has no channel for this user
            channel = self._factory(
                profile.base_url,
                pubsub_token=me.pubsub_token,
                account_id=profile.account_id,
                user_id=me.id,
                on_event=lambda event: self._heard(profile_id, event),
                on_state=lambda state, _detail: self.states.__setitem__(profile_id, state),
                config=self.config,
            )
        except Exception as error:  # no token, no answer: held at the look before sending
            log.info("no live channel for profile %s: %s", profile_id, type(error).__name__)
            with self._lock:
                self._opening.discard(profile_id)
            return
        with self._lock:
            self._opening.discard(profile_id)
            if self._closed:
                return  # the sender stopped while the channel was being made
            # started under the lock: close() stops only channels that are running
            self._channels[profile_id] = channel
            channel.start()

    def _heard(self, profile_id: int, event: CableEvent) -> None:
        try:
            self.holds.heard(profile_id, event)
        except Exception:  # a locked database: the look before sending still holds it
            log.exception("holding on a live reply failed")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            channels, self._channels = list(self._channels.values()), {}
        for channel in channels:
            channel.stop()
