"""Signing in again and signing out from the window: the dialogs and notices around them.
The window asks; whoever started it takes it down for a sign-out (gui/app.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from agent_desktop.gui.formatting import tr
from agent_desktop.gui.sign_in_dialog import SignInDialog, kept_for_session

if TYPE_CHECKING:
    from agent_desktop.gui.main_window import MainWindow


def sign_in_again(window: MainWindow) -> None:
    """A new token for the window's server and user (the old one was revoked or rotated):
    kept like the first, and everything waiting goes on with it."""
    session, profile = window.session, window.session.profile
    if not session.is_ready or token_from_environment(window):
        return
    credentials = session.app.credentials
    dialog = SignInDialog(
        keyring_available=credentials.keyring_available, url=profile.base_url, parent=window
    )
    if not dialog.exec():
        return
    result = dialog.result_value()
    if result is None:
        return
    if result.url != profile.base_url or result.profile.id != profile.user_id:
        window.notices.show_notice(
            tr("That token is not {user}'s on {server}: nothing changed.").format(
                user=profile.user_name or profile.user_email or profile.user_id,
                server=profile.base_url,
            )
        )
        return

    def keep() -> str | None:
        return credentials.keep(
            profile.base_url, profile.user_id, result.token, session_only=result.session_only
        )

    def kept(refused: str | None) -> None:
        session.new_token()
        window.withdraw_signed_out()
        window.notices.show_notice(
            kept_for_session(refused) if refused else tr("Signed in again."),
            seconds=0 if refused else 8,
        )
        session.token_changed()  # the sender resumes once it has the new token
        window.conversations.reload(keep_rows=True)
        window.scheduled.reload()

    session.run(keep, kept)


def token_from_environment(window: MainWindow) -> bool:
    """Whether the token comes from the environment, which nothing here can change: then
    the agent is told where to change it."""
    from agent_desktop.credentials import TOKEN_ENV  # loaded with the store by now

    if not window.session.app.credentials.from_environment():
        return False
    window.notices.show_notice(
        tr("The token comes from {name}, which comes before any other: change it there.").format(
            name=TOKEN_ENV
        ),
        seconds=0,
    )
    return True


def confirm_sign_out(window: MainWindow) -> bool:
    """Whether the agent wants to sign out, once told what that removes and what waits."""
    if token_from_environment(window):
        return False
    text = tr("The access token and your drafts are removed from this computer.")
    if window.pending_local:
        text += " " + tr(
            "%n scheduled message(s) in this app's outbox will not be sent until you "
            "sign in again.",
            None,
            window.pending_local,
        )
    # the question in the text, not the title alone: macOS shows no title on these
    question = tr("Sign out of {server}?").format(server=window.session.profile.base_url)
    box = QMessageBox(
        QMessageBox.Icon.Question, question, question, QMessageBox.StandardButton.Cancel, window
    )
    box.setInformativeText(text)
    confirm = box.addButton(tr("Sign out"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is confirm
