"""The log: a rotating file in the data directory, more of it with --verbose, and never
a secret in it. Tokens the app handles are registered here and scrubbed from every
record, whatever logged them."""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
from pathlib import Path

from agent_desktop.core.home import ensure_private_dir

LOG_FILE = "agent-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
_HEADER = re.compile(r"(api[_-]access[_-]token['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+", re.I)


class Secrets:
    """Values that must never be written anywhere."""

    def __init__(self) -> None:
        self._values: set[str] = set()
        self._lock = threading.Lock()

    def add(self, value: str) -> None:
        if len(value) >= 4:  # shorter values would blank ordinary words
            with self._lock:
                self._values.add(value)

    def scrub(self, text: str) -> str:
        with self._lock:
            values = sorted(self._values, key=len, reverse=True)
        # the header first: a known secret inside its name (a short test token such as
        # "token") would otherwise break the pattern and leave the header's value
        text = _HEADER.sub(r"\1[secret]", text)
        for value in values:
            text = text.replace(value, "[secret]")
        return text


SECRETS = Secrets()


class ScrubSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = SECRETS.scrub(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = SECRETS.scrub(record.exc_text)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A log that cannot be written (a full disk) waits; it does not spill tracebacks
    over what the agent is reading, nor stop the work it was describing."""

    def handleError(self, record: logging.LogRecord) -> None:
        return None


def setup_logging(home: Path, *, verbose: bool = False) -> Path:
    """Log to home/logs/agent-desktop.log (rotated), INFO or, verbose, DEBUG."""
    folder = ensure_private_dir(home / "logs")
    path = folder / LOG_FILE
    handler = QuietFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    handler.addFilter(ScrubSecrets())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "agent_desktop", False)]:
        root.removeHandler(old)
        old.close()
    handler.agent_desktop = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # third-party chatter stays out unless asked for
    for noisy in ("httpcore", "httpx", "sqlalchemy.engine", "alembic"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)
    if path.exists():
        path.chmod(0o600)
    return path
