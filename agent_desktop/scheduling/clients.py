"""API clients per server profile and per thread (an httpx client is used by one thread
at a time here), with the token looked up when first needed."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable

from agent_desktop.chatwoot.client import ChatwootClient
from agent_desktop.core.i18n import tr
from agent_desktop.credentials import Credentials
from agent_desktop.store.records import ProfileRecord

ClientFactory = Callable[[ProfileRecord, str, threading.Event], ChatwootClient]


class NoTokenError(Exception):
    def __init__(self, profile: ProfileRecord) -> None:
        super().__init__(
            tr(
                "no access token for {user} on {base_url}: sign in again (agent-desktop login), "
                "or set AGENT_DESKTOP_TOKEN"
            ).format(user=profile.user_email or profile.user_id, base_url=profile.base_url)
        )
        self.profile = profile


def default_factory(profile: ProfileRecord, token: str, stop: threading.Event) -> ChatwootClient:
    return ChatwootClient(profile.base_url, token, profile.account_id, stop=stop)


def fingerprint(token: str) -> str:
    """Tells tokens apart without keeping one in memory longer than needed."""
    return hashlib.sha256(token.encode()).hexdigest()[:16]


class ClientProvider:
    def __init__(self, credentials: Credentials, factory: ClientFactory = default_factory) -> None:
        self._credentials = credentials
        self._factory = factory
        self._local = threading.local()
        self._every: list[ChatwootClient] = []
        self._lock = threading.Lock()
        # set when the app is stopping: requests under way end within a moment
        self.stopping = threading.Event()

    def token_fingerprint(self, profile: ProfileRecord) -> str | None:
        token = self._credentials.token_for(profile.base_url, profile.user_id)
        return fingerprint(token.value) if token else None

    def client(self, profile: ProfileRecord) -> ChatwootClient:
        """This thread's client for the profile; a new one when the token changed."""
        token = self._credentials.token_for(profile.base_url, profile.user_id)
        if token is None:
            raise NoTokenError(profile)
        cache: dict[int, tuple[str, ChatwootClient]] = self._local.__dict__.setdefault(
            "clients", {}
        )
        key = fingerprint(token.value)
        cached = cache.get(profile.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        client = self._factory(profile, token.value, self.stopping)
        cache[profile.id] = (key, client)
        with self._lock:
            self._every.append(client)
        return client

    def close(self) -> None:
        """Close every client made, on any thread (call once the threads are done)."""
        with self._lock:
            every, self._every = self._every, []
        for client in every:
            client.close()
