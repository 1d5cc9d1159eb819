"""Access tokens: kept in the operating system's keyring, never in the database, the
settings or a log. AGENT_DESKTOP_TOKEN overrides the keyring for scripts; where no
keyring exists the caller is told so and may keep the token for this session only."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import keyring
import keyring.errors
from keyring.backends import chainer, fail, null

from agent_desktop.core.i18n import tr
from agent_desktop.core.logs import SECRETS

TOKEN_ENV = "AGENT_DESKTOP_TOKEN"
SERVICE = "agent-desktop"


class CredentialsError(Exception):
    pass


class KeyringUnavailableError(CredentialsError):
    def __init__(self, backend: str) -> None:
        super().__init__(
            tr(
                "no system keyring is available to store the access token (keyring backend: "
                "{backend}); it can be kept for this session only, or set {variable} for "
                "scripts"
            ).format(backend=backend, variable=TOKEN_ENV)
        )
        self.backend = backend


class TokenOrigin(StrEnum):
    ENVIRONMENT = "environment"
    SESSION = "session"
    KEYRING = "keyring"


@dataclass(frozen=True)
class Token:
    value: str = field(repr=False)
    origin: TokenOrigin


def account_key(server_url: str, user_id: int | str) -> str:
    """The keyring entry's user name: one token per server and user (Chatwoot's access
    token is the user's, good for each of their accounts on that server)."""
    return f"{user_id}@{server_url}"


def describe_backend(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__.removeprefix('keyring.backends.')}.{cls.__name__}"


def keyring_usable(backend: Any) -> bool:
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(keyring_usable(b) for b in backend.backends)
    return True


class Credentials:
    def __init__(self, *, env: Mapping[str, str] | None = None, backend: Any = None) -> None:
        self._env = os.environ if env is None else env
        self._backend = backend
        self._session: dict[str, str] = {}  # account_key -> token
        self._logins: dict[str, tuple[str, int | str]] = {}  # account_key -> server, user

    @property
    def backend(self) -> Any:
        if self._backend is None:
            self._backend = keyring.get_keyring()
        return self._backend

    @property
    def backend_name(self) -> str:
        return describe_backend(self.backend)

    @property
    def keyring_available(self) -> bool:
        return keyring_usable(self.backend)

    def from_environment(self) -> bool:
        """Whether AGENT_DESKTOP_TOKEN is set: it wins over the keyring and the session."""
        return bool(self._env.get(TOKEN_ENV, "").strip())

    def token_for(self, server_url: str, user_id: int | str | None) -> Token | None:
        """The token to use: the environment's, then this session's, then the keyring's."""
        from_env = self._env.get(TOKEN_ENV, "").strip()
        if from_env:
            SECRETS.add(from_env)
            return Token(from_env, TokenOrigin.ENVIRONMENT)
        if user_id is None:
            return None
        key = account_key(server_url, user_id)
        if key in self._session:
            return Token(self._session[key], TokenOrigin.SESSION)
        if not self.keyring_available:
            return None
        try:
            stored = self.backend.get_password(SERVICE, key)
        except keyring.errors.KeyringError as exc:
            raise CredentialsError(
                tr("the keyring could not be read: {reason}").format(reason=exc)
            ) from exc
        if not stored:
            return None
        SECRETS.add(stored)
        return Token(stored, TokenOrigin.KEYRING)

    def store(self, server_url: str, user_id: int | str, token: str) -> None:
        """Keep the token in the keyring; KeyringUnavailableError when there is none."""
        SECRETS.add(token)
        if not self.keyring_available:
            raise KeyringUnavailableError(self.backend_name)
        key = account_key(server_url, user_id)
        try:
            self.backend.set_password(SERVICE, key, token)
        except keyring.errors.KeyringError as exc:
            raise CredentialsError(
                tr("the keyring refused to store the token: {reason}").format(reason=exc)
            ) from exc
        self._session.pop(key, None)

    def keep(
        self, server_url: str, user_id: int | str, token: str, *, session_only: bool
    ) -> str | None:
        """Keep a verified token: in the keyring, unless asked not to or there is none
        (then for this session). Returns why, when the keyring refused it."""
        if not session_only:
            try:
                self.store(server_url, user_id, token)
                return None
            except KeyringUnavailableError:
                pass  # the sign-in dialog said so before the token was asked for
            except CredentialsError as error:
                self.keep_for_session(server_url, user_id, token)
                return str(error)
        self.keep_for_session(server_url, user_id, token)
        return None

    def keep_for_session(self, server_url: str, user_id: int | str, token: str) -> None:
        """Hold the token in memory only, until the process ends."""
        SECRETS.add(token)
        key = account_key(server_url, user_id)
        self._session[key] = token
        self._logins[key] = (server_url, user_id)

    def kept_for_session(self) -> list[tuple[str, int | str, str]]:
        """Every token held in memory only, as (server, user, token): another process
        sending for these users (the sender) is handed them, having no other way to know."""
        kept = []
        for key, token in list(self._session.items()):  # another thread may add one
            login = self._logins.get(key)
            if login is not None:
                kept.append((*login, token))
        return kept

    def forget(self, server_url: str, user_id: int | str) -> None:
        key = account_key(server_url, user_id)
        self._session.pop(key, None)
        if not self.keyring_available:
            return
        try:
            self.backend.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except keyring.errors.KeyringError as exc:
            raise CredentialsError(
                tr("the keyring could not delete the token: {reason}").format(reason=exc)
            ) from exc
