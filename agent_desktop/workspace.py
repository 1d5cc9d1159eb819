"""What the app works with, for one process: the data directory, the database, the
signed-in profile, and the services built on them. Shared by the GUI and the CLI."""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.records import Profile
from agent_desktop.chatwoot.urls import normalize_base_url
from agent_desktop.core.clock import Clock, SystemClock
from agent_desktop.core.home import resolve_home
from agent_desktop.core.i18n import tr
from agent_desktop.credentials import Credentials
from agent_desktop.scheduling import policy
from agent_desktop.scheduling.clients import ClientProvider
from agent_desktop.scheduling.dispatcher import Dispatcher, DispatcherConfig
from agent_desktop.scheduling.events import EventBus
from agent_desktop.scheduling.service import SchedulingService
from agent_desktop.store.accounts import SignedInAccounts, same_login
from agent_desktop.store.contact_zones import forget_contact_zones
from agent_desktop.store.database import Database, DatabaseError, open_database
from agent_desktop.store.drafts import forget_drafts
from agent_desktop.store.first_page import forget_first_page
from agent_desktop.store.outbox import Outbox
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.records import ProfileRecord
from agent_desktop.store.recovery import daily_backup
from agent_desktop.store.settings import Settings


class ProfileChoiceError(ValueError):
    """The profile to act for cannot be settled without the user: the message says how."""


class NotSignedInError(Exception):
    pass


@dataclass
class App:
    """The app's pieces for one command, opened on the data directory."""

    home: Path
    db: Database
    credentials: Credentials = field(default_factory=Credentials)
    clock: Clock = field(default_factory=SystemClock)
    events: EventBus = field(default_factory=EventBus)

    def __post_init__(self) -> None:
        self.settings = Settings(self.db)
        self.profiles = Profiles(self.db, self.clock)
        self.outbox = Outbox(self.db, self.clock)
        self.clients = ClientProvider(self.credentials)
        self.accounts = SignedInAccounts(self.home, self.profiles)

    @classmethod
    def open(cls, args: argparse.Namespace) -> App:
        """The command line's workspace (its first command of the day takes the backup)."""
        app = cls.at(resolve_home(getattr(args, "home", None)))
        app.take_daily_backup()
        return app

    @classmethod
    def at(cls, home: Path, credentials: Credentials | None = None) -> App:
        return cls(home=home, db=open_database(home), credentials=credentials or Credentials())

    def take_daily_backup(self) -> None:
        """A backup to offer if the file is ever damaged; a missed one stops nothing."""
        with contextlib.suppress(OSError, sqlite3.Error, DatabaseError):
            daily_backup(self.home)

    def close(self) -> None:
        self.clients.close()
        self.db.close()

    def __enter__(self) -> App:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- who we are --------------------------------------------------------------------

    def profile(self, args: argparse.Namespace) -> ProfileRecord:
        """The profile the command acts for: --server (and --account), else the last used."""
        server = getattr(args, "server", None)
        account = getattr(args, "account", None)
        if server:
            url = normalize_base_url(server)
            found = self.profiles.find(url, account)
            if found is not None:
                return found
            token = self.credentials.token_for(url, None)
            if token is None:
                raise NotSignedInError(
                    tr(
                        "not signed in to {url}: run 'agent-desktop --server {url} login' first"
                    ).format(url=url)
                )
            with ChatwootClient(url, token.value) as client:
                return remember_profile(self, client, url, account)
        last = self.profiles.last_used()
        if account is not None and last is not None:
            last = self.profiles.find(last.base_url, account)
        if last is None:
            raise ProfileChoiceError(
                tr("no server yet: run 'agent-desktop --server URL login' first")
            )
        return last

    def sign_out(self, profile: ProfileRecord) -> int:
        """Forget the profile's token here (keyring and memory), with the drafts, the
        page kept for a quick start and the zones set for contacts, which hold names,
        messages and where customers live. Nothing scheduled is touched: this app's
        outbox waits for the next sign-in. Returns how many of its messages wait."""
        self.credentials.forget(profile.base_url, profile.user_id)
        # the token was the user's on that server: every account of theirs there is out
        theirs = [
            p.id
            for p in self.profiles.all()
            if p.base_url == profile.base_url and p.user_id == profile.user_id
        ]
        forget_first_page(self.home)
        forget_drafts(self.home, theirs)
        forget_contact_zones(self.home, theirs)
        self.accounts.remove(theirs)
        waiting = self.outbox.find(states=policy.WAITING)
        return sum(1 for r in waiting if r.is_local and r.profile_id in theirs)

    def add_account(
        self, url: str, user: Profile, account_id: int, token: str, *, session_only: bool
    ) -> tuple[ProfileRecord, str | None]:
        """An account the agent signed in to from the window (a token verified with the
        server's profile): remembered, listed with the accounts signed in here, and its
        token kept (see Credentials.keep: why the keyring refused it, if it did)."""
        name = next((a.name for a in user.accounts if a.id == account_id), "")
        profile = self.profiles.remember(
            base_url=url,
            account_id=account_id,
            user_id=user.id,
            user_name=user.display_name,
            user_email=user.email,
            account_name=name,
        )
        refused = self.credentials.keep(url, user.id, token, session_only=session_only)
        self.accounts.add(profile)
        return profile, refused

    def remove_account(self, profile: ProfileRecord) -> list[ProfileRecord]:
        """Sign out of one account while others stay signed in: its drafts and contact
        zones go, and its token too unless another account left is the same user's on the
        same server (one token serves them all). Its messages wait for a token as at a
        sign-out. Returns the accounts left."""
        left = self.accounts.remove([profile.id])
        if not any(same_login(other, profile) for other in left):
            self.credentials.forget(profile.base_url, profile.user_id)
        forget_first_page(self.home)  # the page of the account shown: this one
        forget_drafts(self.home, [profile.id])
        forget_contact_zones(self.home, [profile.id])
        return left

    def service(self, args: argparse.Namespace) -> SchedulingService:
        return SchedulingService(
            profile=self.profile(args),
            outbox=self.outbox,
            profiles=self.profiles,
            settings=self.settings,
            clients=self.clients,
            clock=self.clock,
            events=self.events,
            home=self.home,
        )

    def dispatcher(self) -> Dispatcher:
        settings = self.settings.current()
        lease = claim_lease()
        config = DispatcherConfig(
            grace=timedelta(minutes=settings.grace_minutes),
            requests_per_minute=settings.max_requests_per_minute,
            lease=lease,
            lease_renewal=min(30.0, lease.total_seconds() / 4),
        )
        dispatcher = Dispatcher(
            outbox=self.outbox,
            profiles=self.profiles,
            clients=self.clients,
            clock=self.clock,
            events=self.events,
            home=self.home,
            config=config,
        )
        # scheduling switched off (the seed plan's feature flag) or sending paused: every
        # row kept, none sent
        dispatcher.on_hold = settings.sending_paused or not settings.scheduling_enabled
        return dispatcher


LEASE_ENV = "AGENT_DESKTOP_CLAIM_LEASE"


def claim_lease() -> timedelta:
    """How long a sender's claim on a message lasts unrenewed (seconds in
    AGENT_DESKTOP_CLAIM_LEASE, at least 5; two minutes by default): past it, another sender
    may take the message over, and the first gives up before its next part goes."""
    try:
        seconds = float(os.environ.get(LEASE_ENV, "120"))
    except ValueError:
        seconds = 120.0
    return timedelta(seconds=max(5.0, seconds))


def remember_profile(
    app: App, client: ChatwootClient, url: str, account: int | None
) -> ProfileRecord:
    """Verify the token with the server's profile, pick the account, remember both."""
    profile = client.profile()
    accounts = {a.id: a for a in profile.accounts}
    if account is None:
        if len(accounts) != 1:
            choices = ", ".join(f"{a.id} ({a.name})" for a in profile.accounts) or "none"
            raise ProfileChoiceError(
                tr("choose an account with --account: {choices}").format(choices=choices)
            )
        account = next(iter(accounts))
    if account not in accounts:
        choices = ", ".join(f"{a.id} ({a.name})" for a in profile.accounts)
        raise ProfileChoiceError(
            tr("{email} has no account {account} on {url}; accounts: {choices}").format(
                email=profile.email, account=account, url=url, choices=choices
            )
        )
    return app.profiles.remember(
        base_url=url,
        account_id=account,
        user_id=profile.id,
        user_name=profile.display_name,
        user_email=profile.email,
        account_name=accounts[account].name,
    )
