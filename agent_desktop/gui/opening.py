"""Opening the store and signing in, with the dialogs each needs: a damaged database
offers its newest backup, a missing token the sign-in dialog. Imported once the window
is up (or when there is no last session to show), as it loads the whole stack."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.credentials import (
    Credentials,
    CredentialsError,
    Token,
)
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.sign_in_dialog import SignInDialog, kept_for_session
from agent_desktop.store.database import DatabaseCorruptError, DatabaseError
from agent_desktop.store.records import ProfileRecord
from agent_desktop.store.recovery import latest_backup, recover
from agent_desktop.workspace import App, remember_profile


class SignInNeeded(Exception):
    """The store opened, but the keyring has no token for the last profile."""

    def __init__(self, app: App) -> None:
        super().__init__("sign-in needed")
        self.app = app


def _token(app: App, profile: ProfileRecord, warn: Callable[[str], None]) -> Token | None:
    """The profile's token; a keyring that cannot be read is said, and asked past."""
    try:
        return app.credentials.token_for(profile.base_url, profile.user_id)
    except CredentialsError as error:
        warn(str(error))
        return None


def open_for_profile(home: Path, profile: ProfileRecord, credentials: Credentials) -> App:
    """On a worker thread, behind the last session's page: the store, and the token."""
    app = App.at(home, credentials=credentials)
    if _token(app, profile, lambda _reason: None) is None:
        raise SignInNeeded(app)  # signed_in_profile says why, if the keyring failed
    return app


def open_store(home: Path, credentials: Credentials) -> App | None:
    """The store, or None when it cannot be used and the agent was told why."""
    try:
        return App.at(home, credentials=credentials)
    except DatabaseCorruptError as error:
        if not offer_recovery(home, str(error)):
            return None
        return App.at(home, credentials=credentials)
    except DatabaseError as error:
        QMessageBox.critical(None, tr("Agent Desktop cannot start"), str(error))
        return None


def demo_profile(app: App, demo_url: str, token: str, account_id: int) -> ProfileRecord:
    with ChatwootClient(demo_url, token) as client:
        profile = remember_profile(app, client, demo_url, account_id)
    app.credentials.keep_for_session(demo_url, profile.user_id, token)
    return profile


def signed_in_profile(app: App, warn: Callable[[str], None]) -> ProfileRecord | None:
    """The last profile if its token is there, else the sign-in dialog's; None when the
    agent cancels. What went wrong with the keyring goes to warn, for the window."""
    last = app.profiles.last_used()
    if last is not None and _token(app, last, warn) is not None:
        return last
    dialog = SignInDialog(
        keyring_available=app.credentials.keyring_available, url=last.base_url if last else ""
    )
    if not dialog.exec():
        return None
    result = dialog.result_value()
    if result is None:
        return None
    account_name = next((a.name for a in result.profile.accounts if a.id == result.account_id), "")
    profile = app.profiles.remember(
        base_url=result.url,
        account_id=result.account_id,
        user_id=result.profile.id,
        user_name=result.profile.display_name,
        user_email=result.profile.email,
        account_name=account_name,
    )
    refused = app.credentials.keep(
        result.url, profile.user_id, result.token, session_only=result.session_only
    )
    if refused:  # a locked or failing keyring
        warn(kept_for_session(refused))
    return profile


def offer_recovery(home: Path, problem: str) -> bool:
    """A damaged database: say so, and let the agent restore the newest backup (the damaged
    file is kept aside either way) or quit with everything left as it is."""
    newest = latest_backup(home)
    box = QMessageBox(QMessageBox.Icon.Critical, tr("The database is damaged"), problem)
    if newest is not None:
        when = newest.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        box.setInformativeText(
            tr(
                "The damaged file will be kept aside, not deleted. Restore the backup "
                "from {when} (%n scheduled message(s))? Scheduled messages added since "
                "then are not in it.",
                None,
                newest.messages,
            ).format(when=when)
        )
        restore = box.addButton(tr("Restore backup"), QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(
            tr(
                "There is no backup. The damaged file can be kept aside and the app started "
                "with an empty database."
            )
        )
        restore = box.addButton(
            tr("Keep it aside and start empty"), QMessageBox.ButtonRole.AcceptRole
        )
    box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    recover(home, use_backup=newest is not None)
    return True
