"""Reading the command line: errors in one line with exit code 2, and ids that fit the
database (SQLite's integers stop at 2**63 - 1)."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from agent_desktop.core.i18n import tr

LARGEST_ID = 2**63 - 1


class Parser(argparse.ArgumentParser):
    """argparse, with its complaint in one line (the usage is one --help away)."""

    def error(self, message: str) -> NoReturn:
        print(
            tr("{prog}: error: {message} (see {prog} --help)").format(
                prog=self.prog, message=message
            ),
            file=sys.stderr,
        )
        raise SystemExit(2)


def record_id(text: str) -> int:
    """A conversation's, a message's or an account's id: a whole number the database
    can hold."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= LARGEST_ID:
        raise argparse.ArgumentTypeError(
            tr("{text} is not an id: use a whole number from 1 to {largest}").format(
                text=repr(text), largest=LARGEST_ID
            )
        )
    return value
