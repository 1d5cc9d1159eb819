"""What every command needs: the data directory, the database, the signed-in profile,
and the mapping of failures to exit codes and one-line messages."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.errors import ChatwootError, InsecureURLError
from agent_desktop.chatwoot.urls import normalize_base_url
from agent_desktop.commands.exits import EXIT_FAILURE, EXIT_INVALID, EXIT_REMOTE
from agent_desktop.core.clock import Clock, SystemClock
from agent_desktop.core.home import resolve_home
from agent_desktop.core.timezones import (
    BadLocalTimeError,
    NonexistentLocalTimeError,
    UnknownTimeZoneError,
)
from agent_desktop.credentials import Credentials, CredentialsError
from agent_desktop.scheduling.attachments import AttachmentError
from agent_desktop.scheduling.backends import BackendUnsupportedError
from agent_desktop.scheduling.clients import ClientProvider, NoTokenError
from agent_desktop.scheduling.dispatcher import Dispatcher, DispatcherConfig
from agent_desktop.scheduling.events import EventBus
from agent_desktop.scheduling.service import SchedulingError, SchedulingService
from agent_desktop.store.database import Database, DatabaseError, open_database
from agent_desktop.store.outbox import InvalidTransitionError, Outbox, OutboxNotFoundError
from agent_desktop.store.profiles import Profiles
from agent_desktop.store.records import ProfileRecord
from agent_desktop.store.settings import SettingError, Settings


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


INVALID_INPUT = (
    BadLocalTimeError,
    NonexistentLocalTimeError,
    UnknownTimeZoneError,
    SettingError,
    AttachmentError,
    InvalidTransitionError,
    OutboxNotFoundError,
    SchedulingError,
    BackendUnsupportedError,
    ValueError,
)
REMOTE = (ChatwootError, NoTokenError, CredentialsError)


def handles_errors(
    command: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """Turn a command's failures into a one-line message and its exit code."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except CliError as error:
            print(f"error: {error}", file=sys.stderr)
            return error.code
        except DatabaseError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_FAILURE
        except InsecureURLError as error:  # a bad address is input, not a server failure
            print(f"error: {error}", file=sys.stderr)
            return EXIT_INVALID
        except REMOTE as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_REMOTE
        except INVALID_INPUT as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_INVALID
        except OSError as error:
            print(
                f"error: {error.strerror or error}: {error.filename or ''}".rstrip(": "),
                file=sys.stderr,
            )
            return EXIT_FAILURE

    return run


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

    @classmethod
    def open(cls, args: argparse.Namespace) -> App:
        home = resolve_home(getattr(args, "home", None))
        return cls(home=home, db=open_database(home))

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
                raise CliError(
                    f"not signed in to {url}: run 'agent-desktop --server {url} login' first",
                    EXIT_REMOTE,
                )
            with ChatwootClient(url, token.value) as client:
                return remember_profile(self, client, url, account)
        last = self.profiles.last_used()
        if account is not None and last is not None:
            last = self.profiles.find(last.base_url, account)
        if last is None:
            raise CliError("no server yet: run 'agent-desktop --server URL login' first")
        return last

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
        from datetime import timedelta

        config = DispatcherConfig(
            grace=timedelta(minutes=int(self.settings.get("grace_minutes"))),
            requests_per_minute=int(self.settings.get("max_requests_per_minute")),
        )
        return Dispatcher(
            outbox=self.outbox,
            profiles=self.profiles,
            clients=self.clients,
            clock=self.clock,
            events=self.events,
            home=self.home,
            config=config,
        )


def remember_profile(
    app: App, client: ChatwootClient, url: str, account: int | None
) -> ProfileRecord:
    """Verify the token with the server's profile, pick the account, remember both."""
    profile = client.profile()
    accounts = {a.id: a for a in profile.accounts}
    if account is None:
        if len(accounts) != 1:
            choices = ", ".join(f"{a.id} ({a.name})" for a in profile.accounts) or "none"
            raise CliError(f"choose an account with --account: {choices}")
        account = next(iter(accounts))
    if account not in accounts:
        choices = ", ".join(f"{a.id} ({a.name})" for a in profile.accounts)
        raise CliError(f"{profile.email} has no account {account} on {url}; accounts: {choices}")
    return app.profiles.remember(
        base_url=url,
        account_id=account,
        user_id=profile.id,
        user_name=profile.display_name,
        user_email=profile.email,
        account_name=accounts[account].name,
    )
