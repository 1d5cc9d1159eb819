"""The token through a real Secret Service keyring (gnome-keyring on a private D-Bus), and
the plain fallback where there is no keyring at all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

PROBE = """
import json
from agent_desktop.credentials import Credentials, KeyringUnavailableError
credentials = Credentials(env={})
result = {"backend": credentials.backend_name, "available": credentials.keyring_available}
try:
    credentials.store("https://chat.example.com", 7, "real-keyring-token-123")
    fresh = Credentials(env={})  # another process would see the same
    token = fresh.token_for("https://chat.example.com", 7)
    result["read"] = token.value if token else None
    result["origin"] = token.origin.value if token else None
    fresh.forget("https://chat.example.com", 7)
    result["after_forget"] = Credentials(env={}).token_for("https://chat.example.com", 7)
except KeyringUnavailableError as error:
    result["unavailable"] = str(error)
print(json.dumps(result))
"""

HAVE_SECRET_SERVICE = bool(
    shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")
)


@pytest.mark.skipif(
    not HAVE_SECRET_SERVICE,
    reason="dbus-run-session and gnome-keyring-daemon are needed (.ci/run installs them)",
)
def test_store_read_and_delete_through_the_secret_service(tmp_path):
    script = (
        f'export HOME="{tmp_path}"; '
        'eval "$(printf pass | gnome-keyring-daemon --unlock --components=secrets)"; '
        f'"{sys.executable}" -c "$PROBE"'
    )
    env = {**os.environ, "PROBE": PROBE}
    env.pop("PYTHON_KEYRING_BACKEND", None)
    done = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert "SecretService" in result["backend"] and result["available"] is True
    assert result["read"] == "real-keyring-token-123" and result["origin"] == "keyring"
    assert result["after_forget"] is None


def test_without_any_keyring_the_fallback_is_said_plainly(tmp_path):
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["available"] is False
    assert "no system keyring is available" in result["unavailable"]
    assert "this session only" in result["unavailable"]
    assert "real-keyring-token-123" not in done.stdout.replace('"read"', "")
