"""What every command needs: the data directory, the database, the signed-in profile,
and the mapping of failures to exit codes and one-line messages."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable

from agent_desktop.chatwoot.errors import ChatwootError, InsecureURLError
from agent_desktop.commands.exits import EXIT_FAILURE, EXIT_INVALID, EXIT_REMOTE
from agent_desktop.core.timezones import (
    BadLocalTimeError,
    NonexistentLocalTimeError,
    UnknownTimeZoneError,
)
from agent_desktop.credentials import CredentialsError
from agent_desktop.scheduling.attachments import AttachmentError
from agent_desktop.scheduling.backends import BackendUnsupportedError
from agent_desktop.scheduling.clients import NoTokenError
from agent_desktop.scheduling.service import SchedulingError
from agent_desktop.store.database import DatabaseError
from agent_desktop.store.outbox import InvalidTransitionError, OutboxNotFoundError
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
        except ProfileChoiceError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_INVALID
        except NotSignedInError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_REMOTE
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


__all__ = ["App", "CliError", "handles_errors", "remember_profile"]
