"""Going from one account to another: the window and its session are built again for the
account, on the store already open, so that everything in them is that account's (the
conversations, drafts, the Scheduled tab, the live channel). The sender is one for all
the accounts signed in here, and goes on sending each one's messages meanwhile. What the
window kept of every account goes on to the next one: each account's notice history,
and the newest messages its looks had seen (so an arrival is told once, and one that
came during the switch is still told)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from agent_desktop.gui.accounts import Then, account_name
from agent_desktop.gui.arrivals import Newest
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.session import Session

if TYPE_CHECKING:
    from agent_desktop.demo.server import DemoServer
    from agent_desktop.gui.app import Launcher
    from agent_desktop.gui.main_window import MainWindow
    from agent_desktop.gui.notice_history import Entry
    from agent_desktop.store.records import ProfileRecord
    from agent_desktop.store.setting_specs import AppSettings
    from agent_desktop.workspace import App


@dataclass
class Kept:
    """What a window knew of each account signed in here, by profile id."""

    histories: dict[int, list[Entry]]
    newest: dict[int, Newest]

    @classmethod
    def of(cls, window: MainWindow) -> Kept:
        own = window.session.profile.id
        newest = dict(window.switcher.arrivals.newest)
        if window.arrivals.newest is not None:
            newest[own] = dict(window.arrivals.newest)
        return cls(window.notices.history.hand_over(own), newest)

    def forget(self, profile_id: int) -> None:
        self.histories.pop(profile_id, None)
        self.newest.pop(profile_id, None)

    def hand_to(self, window: MainWindow) -> None:
        """Before the new window's first looks come back (they run on workers)."""
        own = window.session.profile.id
        window.notices.history.take_over(self.histories, own)
        newest = dict(self.newest)
        mine = newest.pop(own, None)
        if mine is not None and window.arrivals.newest is None:
            window.arrivals.newest = mine
        window.switcher.arrivals.newest.update(newest)


def switch(
    launcher: Launcher,
    profile: ProfileRecord,
    then: Then | None = None,
    signed_out: ProfileRecord | None = None,
) -> None:
    """Show the account: made the current one (the next start opens it too), then the
    window built again for it; `then` acts in the new window. What the window kept of
    the account `signed_out` of is not kept."""
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
        kept = Kept.of(window)
        if signed_out is not None:
            kept.forget(signed_out.id)
        launcher.close(keep_store=True)
        shown = Session(chosen, settings, app.home, clock=app.clock, sender=session.sender_mode)
        shown.attach(app, journal_at)
        launcher.show(shown)
        if launcher.window is not None:
            kept.hand_to(launcher.window)
            if then is not None:
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
        switch(launcher, shown_next, lambda shown: tell(shown, text), signed_out=profile)

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
