"""What every command needs: the data directory, the database, the signed-in profile,
and the mapping of failures to exit codes and one-line messages."""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Callable

from agent_desktop.chatwoot.client import BadTokenError
from agent_desktop.chatwoot.errors import ChatwootError, InsecureURLError
from agent_desktop.commands.exits import EXIT_FAILURE, EXIT_INVALID, EXIT_REMOTE
from agent_desktop.core.i18n import tr
from agent_desktop.core.timezones import (
    BadLocalTimeError,
    NonexistentLocalTimeError,
    UnknownTimeZoneError,
)
from agent_desktop.credentials import CredentialsError
from agent_desktop.scheduling.attachments import AttachmentError
from agent_desktop.scheduling.clients import NoTokenError
from agent_desktop.scheduling.errors import (
    BackendUnsupportedError,
    SchedulingError,
    ServerUnsettledError,
)
from agent_desktop.store.database import DatabaseCorruptError, DatabaseError
from agent_desktop.store.outbox import InvalidTransitionError, MovedOnError, OutboxNotFoundError
from agent_desktop.store.settings import SettingError
from agent_desktop.workspace import App, NotSignedInError, ProfileChoiceError, remember_profile


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
    MovedOnError,  # another window or command took a step with it first
    OutboxNotFoundError,
    SchedulingError,
    BackendUnsupportedError,
    ValueError,
)
REMOTE = (ChatwootError, NoTokenError, CredentialsError)


EXIT_BROKEN_PIPE = 128 + 13  # as after SIGPIPE
# first match wins: a bad address is input even though the client raised it
EXIT_CODES: list[tuple[type[BaseException] | tuple[type[BaseException], ...], int]] = [
    (CliError, EXIT_INVALID),
    (ProfileChoiceError, EXIT_INVALID),
    (NotSignedInError, EXIT_REMOTE),
    (ServerUnsettledError, EXIT_REMOTE),  # the server did not answer a step
    (DatabaseError, EXIT_FAILURE),
    (InsecureURLError, EXIT_INVALID),
    (BadTokenError, EXIT_INVALID),
    (REMOTE, EXIT_REMOTE),
    (INVALID_INPUT, EXIT_INVALID),
    (OSError, EXIT_FAILURE),
]


def describe(error: BaseException) -> str:
    if isinstance(error, DatabaseCorruptError):
        recovery = (
            tr(
                "it is left as it is: 'agent-desktop doctor --recover' keeps it aside and "
                "restores the newest backup"
            )
            if error.sound_backup
            else tr(
                "it is left as it is: 'agent-desktop doctor --recover' keeps it aside and "
                "starts an empty database"
            )
        )
        return f"{error}; {recovery}"
    if isinstance(error, OSError) and not isinstance(error, REMOTE):
        return f"{error.strerror or error}: {error.filename or ''}".rstrip(": ")
    return str(error)


def handles_errors(
    command: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """Turn a command's failures into a one-line message and its exit code."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except BrokenPipeError:
            # the reader stopped reading (`| head`): nothing went wrong here, and nothing
            # more is printed; the exit status a shell gives a command cut short that way
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_BROKEN_PIPE
        except Exception as error:
            for kinds, code in EXIT_CODES:
                if isinstance(error, kinds):
                    print(tr("error: {message}").format(message=describe(error)), file=sys.stderr)
                    return error.code if isinstance(error, CliError) else code
            raise

    return run


__all__ = ["App", "CliError", "handles_errors", "remember_profile"]
