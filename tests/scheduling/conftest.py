"""An app side (outbox, service, dispatcher) wired to the demo server, both on one fake
clock, so tests move time instead of waiting for it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from keyring.backends import fail

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.clock import FakeClock
from agent_desktop.core.timezones import from_utc
from agent_desktop.credentials import TOKEN_ENV, Credentials
from agent_desktop.demo.models import Scheduling
from agent_desktop.demo.server import DemoServer
from agent_desktop.scheduling.clients import ClientProvider
from agent_desktop.scheduling.dispatcher import Dispatcher, DispatcherConfig
from agent_desktop.scheduling.events import Event, EventBus
from agent_desktop.scheduling.pacing import Backoff
from agent_desktop.scheduling.requests import ScheduleRequest
from agent_desktop.scheduling.service import SchedulingService
from agent_desktop.store.database import Database
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.records import OutboxRecord, ProfileRecord
from agent_desktop.store.settings import Settings

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


@dataclass
class World:
    demo: DemoServer
    clock: FakeClock
    db: Database
    home: Path
    env: dict[str, str]
    events: list[Event] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.bus = EventBus()
        self.bus.subscribe(self.events.append)
        self.credentials = Credentials(env=self.env, backend=fail.Keyring())
        self.clients = ClientProvider(self.credentials)
        self.outbox = Outbox(self.db, self.clock)
        self.profiles = Profiles(self.db, self.clock)
        self.settings = Settings(self.db)
        self.settings.set("min_lead_minutes", 0)

    def profile(self, design: Scheduling = Scheduling.NONE) -> ProfileRecord:
        return self.profiles.remember(
            base_url=self.demo.url, user_id=1, account_id=self.demo.accounts.for_design(design)
        )

    def service(self, design: Scheduling = Scheduling.NONE) -> SchedulingService:
        return SchedulingService(
            profile=self.profile(design),
            outbox=self.outbox,
            profiles=self.profiles,
            settings=self.settings,
            clients=self.clients,
            clock=self.clock,
            events=self.bus,
            home=self.home,
        )

    def dispatcher(self, **config: Any) -> Dispatcher:
        settings: dict[str, Any] = {
            "backoff": Backoff(base=2.0, cap=60.0, max_attempts=8),
            **config,
        }
        return Dispatcher(
            outbox=self.outbox,
            profiles=self.profiles,
            clients=self.clients,
            clock=self.clock,
            events=self.bus,
            home=self.home,
            config=DispatcherConfig(**settings),
        )

    def api(self, design: Scheduling = Scheduling.NONE) -> ChatwootClient:
        return ChatwootClient(
            self.demo.url, self.demo.token, account_id=self.demo.accounts.for_design(design)
        )

    def conversation(
        self, design: Scheduling = Scheduling.NONE, index: int = 0, inbox_type: str | None = None
    ) -> int:
        with self.api(design) as api:
            inbox_id = None
            if inbox_type:
                inbox_id = next(i.id for i in api.inboxes() if i.channel_type == inbox_type)
            return api.conversations(inbox_id=inbox_id).conversations[index].id

    def quiet_conversations(self, count: int) -> list[int]:
        """Open conversations outside WhatsApp, whose replies the channel never refuses."""
        with self.api() as api:
            whatsapp = {i.id for i in api.inboxes() if i.channel_type == "Channel::Whatsapp"}
            found = [
                c.id
                for c in api.conversations(status="all").conversations
                if c.inbox_id not in whatsapp
            ]
        assert len(found) >= count
        return found[:count]

    def schedule(
        self,
        text: str = "Bom dia!",
        minutes: float = 10,
        design: Scheduling = Scheduling.NONE,
        conversation: int | None = None,
        **request: object,
    ) -> OutboxRecord:
        service = self.service(design)
        when = from_utc(self.clock.now() + timedelta(minutes=minutes), SAO_PAULO)
        target = conversation if conversation is not None else self.conversation(design)
        return service.schedule(ScheduleRequest(target, text, when, **request))  # type: ignore[arg-type]

    def customer_writes(
        self,
        conversation: int,
        design: Scheduling = Scheduling.NONE,
        text: str = "Oi, alguma novidade?",
    ) -> None:
        account = self.demo.accounts.for_design(design)
        response = httpx.post(
            f"{self.demo.url}/demo/accounts/{account}/conversations/"
            f"{conversation}/customer_messages",
            json={"content": text},
            headers={"Api-Access-Token": self.demo.token},
        )
        response.raise_for_status()

    def copies(self, record: OutboxRecord, design: Scheduling = Scheduling.NONE) -> list[int]:
        """Ids of the server's messages that are this scheduled message, over every
        conversation: those carrying its delivery key, or, where the server drops the key
        (Chatwoot 4.3), the outgoing ones with its text."""
        return copies_on_server(self, [record], design)[record.id]

    def kinds(self) -> list[str]:
        return [event.kind.value for event in self.events]


@pytest.fixture
def world(
    demo_server: DemoServer, demo_clock: FakeClock, db: Database, home: Path
) -> Iterator[World]:
    made = World(
        demo=demo_server, clock=demo_clock, db=db, home=home, env={TOKEN_ENV: demo_server.token}
    )
    yield made
    made.clients.close()


def copies_on_server(
    world: World, records: list[OutboxRecord], design: Scheduling = Scheduling.NONE
) -> dict[int, list[int]]:
    """For each record, the ids of its copies on the server (see World.copies)."""
    keeps_keys = world.demo.state.server.keeps_content_attributes
    by_key = {r.delivery_key: r.id for r in records}
    by_text = {r.content: r.id for r in records}
    found: dict[int, list[int]] = {r.id: [] for r in records}
    with world.api(design) as api:
        page_number, more = 1, True
        while more:
            page = api.conversations(status="all", page=page_number)
            for conversation in page.conversations:
                before = None
                while True:
                    batch = api.messages(conversation.id, before=before)
                    for m in batch:
                        key = m.content_attributes.get("agent_desktop_key")
                        if key in by_key:
                            found[by_key[key]].append(m.id)
                        elif not keeps_keys and m.message_type == 1 and m.content in by_text:
                            found[by_text[m.content]].append(m.id)
                    if len(batch) < 20:
                        break
                    before = batch[0].id
            more, page_number = page.may_have_more, page_number + 1
    return found
