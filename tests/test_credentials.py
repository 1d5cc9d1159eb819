from __future__ import annotations

import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from agent_desktop.credentials import (
    SERVICE,
    TOKEN_ENV,
    Credentials,
    CredentialsError,
    KeyringUnavailableError,
    TokenOrigin,
)

URL = "https://chat.example.com"


class MemoryKeyring(KeyringBackend):
    """A keyring held in a dict, standing in for the OS's in unit tests."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        if self.items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


class LockedKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise keyring.errors.PasswordSetError("the collection is locked")


def test_a_token_is_stored_read_and_deleted_per_server_and_user():
    backend = MemoryKeyring()
    credentials = Credentials(env={}, backend=backend)
    credentials.store(URL, 7, "tok-7")
    credentials.store("https://other.example", 7, "tok-other")
    assert backend.items[(SERVICE, f"7@{URL}")] == "tok-7"
    token = credentials.token_for(URL, 7)
    assert token is not None and token.value == "tok-7" and token.origin is TokenOrigin.KEYRING
    assert "tok-7" not in repr(token)
    credentials.forget(URL, 7)
    assert credentials.token_for(URL, 7) is None
    other = credentials.token_for("https://other.example", 7)
    assert other is not None and other.value == "tok-other"
    credentials.forget(URL, 7)  # forgetting twice is harmless


def test_the_environment_overrides_the_keyring_for_scripts():
    backend = MemoryKeyring()
    Credentials(env={}, backend=backend).store(URL, 7, "from-keyring")
    token = Credentials(env={TOKEN_ENV: " from-env "}, backend=backend).token_for(URL, 7)
    assert token is not None and (token.value, token.origin) == (
        "from-env",
        TokenOrigin.ENVIRONMENT,
    )


def test_without_a_keyring_the_caller_is_told_plainly_and_may_keep_it_for_the_session():
    credentials = Credentials(env={}, backend=fail.Keyring())
    assert not credentials.keyring_available
    with pytest.raises(KeyringUnavailableError) as caught:
        credentials.store(URL, 7, "tok")
    message = str(caught.value)
    assert "no system keyring is available" in message and "fail.Keyring" in message
    assert "this session only" in message and "tok" not in message.replace("token", "")
    assert credentials.token_for(URL, 7) is None
    credentials.keep_for_session(URL, 7, "tok")
    token = credentials.token_for(URL, 7)
    assert token is not None and token.origin is TokenOrigin.SESSION
    assert Credentials(env={}, backend=fail.Keyring()).token_for(URL, 7) is None


def test_a_keyring_that_refuses_is_reported_without_the_token():
    credentials = Credentials(env={}, backend=LockedKeyring())
    with pytest.raises(CredentialsError, match="refused to store the token") as caught:
        credentials.store(URL, 7, "super-secret-value")
    assert "super-secret-value" not in str(caught.value)


def test_every_token_kept_for_the_session_is_listed_for_the_sender():
    """The sender, another process, sends for every account signed in: it is handed each
    token only this process holds."""
    credentials = Credentials(env={}, backend=fail.Keyring())
    credentials.keep_for_session(URL, 1, "tok-one")
    credentials.keep_for_session("https://other.example.com", 7, "tok-two")
    assert sorted(credentials.kept_for_session()) == [
        ("https://chat.example.com", 1, "tok-one"),
        ("https://other.example.com", 7, "tok-two"),
    ]
    credentials.forget(URL, 1)
    assert credentials.kept_for_session() == [("https://other.example.com", 7, "tok-two")]
