"""Going from one account to another: the window and its session are built again for the
account, on the store already open, so that everything in them is that account's (the
conversations, drafts, the Scheduled tab, the live channel). The sender is one for all
the accounts signed in here, and goes on sending each one's messages meanwhile."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agent_desktop.gui.accounts import Then, account_name
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.session import Session

if TYPE_CHECKING:
    from agent_desktop.demo.server import DemoServer
    from agent_desktop.gui.app import Launcher
    from agent_desktop.gui.main_window import MainWindow
    from agent_desktop.store.records import ProfileRecord
    from agent_desktop.store.setting_specs import AppSettings
    from agent_desktop.workspace import App


def switch(launcher: Launcher, profile: ProfileRecord, then: Then | None = None) -> None:
    """Show the account: made the current one (the next start opens it too), then the
    window built again for it; `then` acts in the new window."""
    session, window = launcher.session, launcher.window
    if session is None or window is None or not session.is_ready:
        return
    app = session.app

    def mark() -> tuple[ProfileRecord, AppSettings, int]:
        from agent_desktop.store.journal import Journal

        chosen = app.accounts.switch_to(profile)
        return chosen, app.settings.current(), Journal(app.db, app.clock).last_id()

    def marked(result: tuple[ProfileRecord, AppSettings, int]) -> None:
        chosen, settings, journal_at = result
        launcher.close(keep_store=True)
        shown = Session(chosen, settings, app.home, clock=app.clock, sender=session.sender_mode)
        shown.attach(app, journal_at)
        launcher.show(shown)
        if then is not None and launcher.window is not None:
            then(launcher.window)

    session.run(mark, marked)


def sign_out_of_one(launcher: Launcher) -> bool:
    """Sign out of the window's account while other accounts stay signed in, and show
    the last used of them; False when it is the only one (then it is a full sign-out)."""
    session, window = launcher.session, launcher.window
    if session is None or window is None or not window.switcher.others():
        return False
    profile = session.profile
    shown_next = window.switcher.next_after_sign_out()
    window.pane.drafts.discard()  # forgotten with the account

    def failed(error: Exception) -> None:  # a keyring that would not let go of the token
        window.pane.drafts.discard(False)
        window.notices.show_notice(
            tr("Could not sign out: {reason}").format(reason=error), seconds=0
        )

    def removed(_left: object) -> None:
        text = tr("Signed out of {account}.").format(account=account_name(profile))
        switch(launcher, shown_next, lambda shown: tell(shown, text))

    session.run(lambda: session.app.remove_account(profile), removed, failed)
    return True


def tell(window: MainWindow, text: str) -> None:
    window.notices.show_notice(text)


def demo_accounts(app: App, demo: DemoServer) -> ProfileRecord:
    """The demo's user signed in to each of its accounts (one per scheduling design), the
    one with this app's outbox shown first."""
    from agent_desktop.gui.opening import demo_profile

    accounts = demo.accounts
    for account_id in (accounts.fork, accounts.seed, accounts.upstream):
        profile = demo_profile(app, demo.url, demo.token, account_id)
        app.accounts.add(profile)
    return profile
