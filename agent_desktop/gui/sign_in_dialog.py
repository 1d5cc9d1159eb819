"""First start: the server's address and the agent's access token, verified with the
server before anything is kept; the account is picked from the agent's accounts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from agent_desktop.chatwoot.errors import ChatwootError
from agent_desktop.chatwoot.records import Profile
from agent_desktop.chatwoot.urls import normalize_base_url
from agent_desktop.gui.formatting import tr
from agent_desktop.gui.tasks import TaskRunner


def how_to() -> str:
    return tr(
        "Your access token is in Chatwoot: click your avatar, open <b>Profile settings</b>, "
        "and copy the <b>Access Token</b> at the bottom of the page."
    )


def kept_for_session(reason: str) -> str:
    """Said when the keyring refused a verified token."""
    return tr("{reason}. The token is kept for this session only.").format(reason=reason)


@dataclass(frozen=True)
class SignIn:
    url: str
    token: str
    profile: Profile
    account_id: int
    session_only: bool


class SignInDialog(QDialog):
    def __init__(
        self,
        *,
        keyring_available: bool,
        url: str = "",
        account_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`account_id`: the account chosen at first once the token is verified (the
        window's, when signing in again); the agent may choose another."""
        super().__init__(parent)
        self.setWindowTitle(tr("Sign in to Chatwoot"))
        self.runner = TaskRunner(self, max_threads=1)
        self.profile: Profile | None = None
        self.preferred_account = account_id
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("https://chat.example.com")
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(tr("Access token"))
        how = QLabel(how_to())
        how.setWordWrap(True)
        self.verify = QPushButton(tr("Verify"))
        self.verify.clicked.connect(self._verify)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.accounts = QComboBox()
        self.accounts.setEnabled(False)
        self.session_only = QCheckBox(tr("Keep the token for this session only"))
        if not keyring_available:
            self.session_only.setChecked(True)
            self.session_only.setEnabled(False)
            self.session_only.setToolTip(tr("No system keyring is available on this computer"))
        self.keyring_note = QLabel(
            tr(
                "No system keyring is available: the token can be kept "
                "for this session only, and you will sign in again next "
                "time."
            )
            if not keyring_available
            else ""
        )
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(not keyring_available)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for field in (self.url, self.token):
            field.textChanged.connect(self._edited)
            field.returnPressed.connect(self._return_pressed)

        form = QFormLayout()
        form.addRow(tr("Server"), self.url)
        form.addRow(tr("Access token"), self.token)
        form.addRow("", self.verify)
        form.addRow(tr("Account"), self.accounts)
        layout = QVBoxLayout(self)
        layout.addWidget(how)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.session_only)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        if url:  # signing in again: the server is known, the token is what is asked
            self.token.setFocus()

    def _return_pressed(self) -> None:
        # Enter verifies until there is something to sign in with; then the dialog's
        # default button (Sign in) takes it
        if not self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            self._verify()

    def _edited(self) -> None:
        self.profile = None
        self.accounts.clear()
        self.accounts.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.status.setText("")

    def _verify(self) -> None:
        try:
            url = normalize_base_url(self.url.text())
        except ChatwootError as error:
            self.status.setText(error.message)
            return
        token = self.token.text().strip()
        if not token:
            self.status.setText(tr("Paste your access token first."))
            return
        self.verify.setEnabled(False)
        self.status.setText(tr("Checking…"))

        def work() -> Profile:
            from agent_desktop.chatwoot.client import ChatwootClient  # off the GUI thread

            with ChatwootClient(url, token) as client:
                return client.profile()

        self.runner.run(work, self._verified, self._refused)

    def _refused(self, error: Exception) -> None:
        self.verify.setEnabled(True)
        message = error.message if isinstance(error, ChatwootError) else str(error)
        self.status.setText(tr("Could not sign in: {reason}").format(reason=message))

    def _verified(self, profile: Profile) -> None:
        self.verify.setEnabled(True)
        self.profile = profile
        self.accounts.clear()
        for account in profile.accounts:
            self.accounts.addItem(f"{account.name} (#{account.id})", account.id)
        if self.preferred_account is not None:
            preferred = self.accounts.findData(self.preferred_account)
            self.accounts.setCurrentIndex(max(preferred, 0))
        self.accounts.setEnabled(len(profile.accounts) > 1)
        ok = bool(profile.accounts)
        sign_in = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        sign_in.setEnabled(ok)
        sign_in.setDefault(ok)
        self.status.setText(
            tr("Signed in as {name}.").format(name=profile.display_name)
            if ok
            else tr("This user has no account on the server.")
        )

    def result_value(self) -> SignIn | None:
        if self.profile is None or self.accounts.currentData() is None:
            return None
        return SignIn(
            url=normalize_base_url(self.url.text()),
            token=self.token.text().strip(),
            profile=self.profile,
            account_id=int(self.accounts.currentData()),
            session_only=self.session_only.isChecked(),
        )

    def done(self, result: int) -> None:
        self.runner.close()
        super().done(result)
