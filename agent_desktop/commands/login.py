"""`agent-desktop --server URL login`: verify a token, keep it in the keyring; `logout`
forgets it."""

from __future__ import annotations

import argparse
import getpass
import sys

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.chatwoot.urls import normalize_base_url
from agent_desktop.commands.context import App, CliError, handles_errors, remember_profile
from agent_desktop.commands.exits import EXIT_FAILURE, EXIT_OK
from agent_desktop.core.i18n import tr
from agent_desktop.credentials import TOKEN_ENV, KeyringUnavailableError


def how_to_find() -> str:
    return tr(
        "Find your access token in Chatwoot under Profile settings "
        "(your avatar, then Profile settings, then Access Token)."
    )


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "login",
        parents=[common],
        help=tr("sign in to a Chatwoot server with an access token"),
        description=tr(
            "Verify an access token with the server and keep it in the system "
            "keyring. The token is read from standard input, or asked for."
        )
        + " "
        + how_to_find(),
    )
    parser.set_defaults(run=run)
    parser = subparsers.add_parser(
        "logout",
        parents=[common],
        help=tr("forget the access token kept for a server"),
        description=tr(
            "Remove the access token of the last server used (or of --server) from the "
            "system keyring, with drafts and the page kept for a quick start. Scheduled "
            "messages are kept: this app's wait until you sign in again."
        ),
    )
    parser.set_defaults(run=run_logout)


def read_token() -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        print(how_to_find(), file=sys.stderr)
        return getpass.getpass(tr("Access token: ")).strip()
    return sys.stdin.readline().strip() if sys.stdin is not None else ""


@handles_errors
def run(args: argparse.Namespace) -> int:
    if not args.server:
        raise CliError(
            tr("say which server: agent-desktop --server https://chat.example.com login")
        )
    url = normalize_base_url(args.server)
    token = read_token()
    if not token:
        raise CliError(tr("no token given.") + " " + how_to_find())
    with App.open(args) as app, ChatwootClient(url, token) as client:
        profile = remember_profile(app, client, url, args.account)
        try:
            app.credentials.store(url, profile.user_id, token)
        except KeyringUnavailableError as error:
            print(tr("error: {message}").format(message=error), file=sys.stderr)
            return EXIT_FAILURE
        print(
            tr("Signed in to {url} as {user}, account {account} ({name}).").format(
                url=url,
                user=profile.user_name or profile.user_email,
                account=profile.account_id,
                name=profile.account_name,
            )
        )
    return EXIT_OK


@handles_errors
def run_logout(args: argparse.Namespace) -> int:
    with App.open(args) as app:
        if args.server:
            profile = app.profiles.find(normalize_base_url(args.server), args.account)
        else:
            profile = app.profiles.last_used()
        if profile is None:
            raise CliError(tr("not signed in there: nothing to forget"))
        waiting = app.sign_out(profile)
        print(tr("Signed out of {url}.").format(url=profile.base_url))
        if waiting:
            print(
                tr(
                    "%n scheduled message(s) in this app's outbox wait until you sign in again.",
                    None,
                    waiting,
                )
            )
        if app.credentials.from_environment():
            print(
                tr("{name} is set: commands still sign in with it.").format(name=TOKEN_ENV),
                file=sys.stderr,
            )
    return EXIT_OK
