"""Signing in again, adding an account and signing out from the window: the dialogs and
notices around them. The window asks; whoever started it takes it down for a sign-out,
or builds it again for another account (gui/app.py, gui/switching.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from agent_desktop.gui.accounts import account_name
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.sign_in_dialog import SignIn, SignInDialog, kept_for_session
from agent_desktop.store.accounts import same_login

if TYPE_CHECKING:
    from agent_desktop.gui.main_window import MainWindow
    from agent_desktop.store.records import ProfileRecord


def sign_in_again(window: MainWindow) -> None:
    """A new token (the old one was revoked or rotated), for the window's account or
    for another one the agent chooses in the dialog: then the window goes to that one."""
    profile = window.session.profile
    result = _ask(window, tr("Sign in to Chatwoot"), profile.account_id)
    if result is not None:
        _signed_in(window, result)


def add_account(window: MainWindow) -> None:
    """Sign in to one more account (any server's): the window goes to it, and the
    accounts signed in before stay, their messages going out as before."""
    result = _ask(window, tr("Add an account"), None)
    if result is not None:
        _signed_in(window, result)


def _ask(window: MainWindow, title: str, account_id: int | None) -> SignIn | None:
    session = window.session
    if not session.is_ready or token_from_environment(window):
        return None
    dialog = SignInDialog(
        keyring_available=session.app.credentials.keyring_available,
        url=session.profile.base_url,
        account_id=account_id,
        parent=window,
    )
    dialog.setWindowTitle(title)
    if not dialog.exec():
        return None
    return dialog.result_value()


def _signed_in(window: MainWindow, result: SignIn) -> None:
    profile = window.session.profile
    if (result.url, result.profile.id, result.account_id) == (
        profile.base_url,
        profile.user_id,
        profile.account_id,
    ):
        _keep_for_this_account(window, result)
    else:
        _go_to_account(window, result)


def _keep_for_this_account(window: MainWindow, result: SignIn) -> None:
    """The window's own account: the token is kept like the first, and everything
    waiting goes on with it."""
    session, profile = window.session, window.session.profile
    credentials = session.app.credentials

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


def _go_to_account(window: MainWindow, result: SignIn) -> None:
    """Another account (or server, or user): remembered and signed in here, with its
    token kept; the window goes to it and says so."""
    session = window.session
    app = session.app

    def keep() -> tuple[ProfileRecord, str | None]:
        return app.add_account(
            result.url,
            result.profile,
            result.account_id,
            result.token,
            session_only=result.session_only,
        )

    def kept(done: tuple[ProfileRecord, str | None]) -> None:
        chosen, refused = done
        text = tr("Signed in to {account}.").format(account=account_name(chosen))

        def tell(shown: MainWindow) -> None:
            shown.notices.show_notice(text)
            if refused:  # a locked or failing keyring
                shown.notices.show_notice(kept_for_session(refused), seconds=0)

        window.switcher.switch_requested.emit(chosen, tell)

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
    """Whether the agent wants to sign out (of the window's account, when others are
    signed in too), once told what that removes and what waits."""
    if token_from_environment(window):
        return False
    profile = window.session.profile
    others = window.switcher.others()
    if not others:
        text = tr("The access token and your drafts are removed from this computer.")
        # the question in the text, not the title alone: macOS shows no title on these
        question = tr("Sign out of {server}?").format(server=profile.base_url)
        token_stays = False
    else:
        name = account_name(profile)
        token_stays = any(same_login(other, profile) for other in others)
        text = tr("Your drafts in {account} are removed from this computer.").format(account=name)
        text += " " + (
            tr("The access token stays: your other accounts on {server} use it too.").format(
                server=profile.base_url
            )
            if token_stays
            else tr("Its access token is removed from this computer.")
        )
        question = tr("Sign out of {account}?").format(account=name)
    if window.pending_local and token_stays:
        text += " " + tr(
            "%n scheduled message(s) of this account will still be sent at their time.",
            None,
            window.pending_local,
        )
    elif window.pending_local:
        text += " " + tr(
            "%n scheduled message(s) in this app's outbox will not be sent until you "
            "sign in again.",
            None,
            window.pending_local,
        )
    if others:
        text += " " + tr("Then {account} is shown.").format(
            account=account_name(window.switcher.next_after_sign_out())
        )
    box = QMessageBox(
        QMessageBox.Icon.Question, question, question, QMessageBox.StandardButton.Cancel, window
    )
    box.setInformativeText(text)
    confirm = box.addButton(tr("Sign out"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is confirm
