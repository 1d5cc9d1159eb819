"""Replies and notes half written, by conversation, kept in a small file beside the
database so that a restart, a crash or a power cut does not take them. One file for every
profile of the data directory; each profile's part is read and written on its own."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent_desktop.store.private_files import read_json, write_private_json

FILENAME = "drafts.json"
FORMAT = 1
_LOCK = threading.Lock()  # one read-change-write at a time, from any thread of the app


@dataclass(frozen=True)
class Draft:
    """What was being written in a conversation."""

    text: str
    private: bool
    files: tuple[Path, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "private": self.private, "files": [str(f) for f in self.files]}

    @classmethod
    def parse(cls, raw: object) -> Draft | None:
        if not isinstance(raw, dict):
            return None
        text, private, files = raw.get("text"), raw.get("private"), raw.get("files", [])
        if not isinstance(text, str) or not isinstance(private, bool):
            return None
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            return None
        # a file moved or deleted since is left out, not attached by surprise later
        kept = tuple(Path(f) for f in files if Path(f).is_file())
        return cls(text, private, kept)


def _profiles(home: Path) -> dict[str, Any]:
    raw = read_json(home / FILENAME)
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return {}
    profiles = raw.get("profiles")
    return profiles if isinstance(profiles, dict) else {}


def load_drafts(home: Path, profile_id: int) -> dict[int, Draft]:
    """The profile's drafts by conversation id; a damaged file reads as none."""
    with _LOCK:
        stored = _profiles(home).get(str(profile_id))
    if not isinstance(stored, dict):
        return {}
    drafts: dict[int, Draft] = {}
    for key, raw in stored.items():
        draft = Draft.parse(raw)
        if draft is not None and key.isdigit():
            drafts[int(key)] = draft
    return drafts


def save_drafts(home: Path, profile_id: int, drafts: Mapping[int, Draft]) -> None:
    """Keep exactly these drafts for the profile; other profiles' stay as they are."""
    with _LOCK:
        profiles = _profiles(home)
        if drafts:
            profiles[str(profile_id)] = {str(c): d.to_json() for c, d in drafts.items()}
        else:
            profiles.pop(str(profile_id), None)
        _write(home, profiles)


def forget_drafts(home: Path, profile_ids: Iterable[int]) -> None:
    """At sign-out: drafts hold what was said to customers."""
    with _LOCK:
        profiles = _profiles(home)
        for profile_id in profile_ids:
            profiles.pop(str(profile_id), None)
        _write(home, profiles)


def _write(home: Path, profiles: dict[str, Any]) -> None:
    if profiles:
        write_private_json(home / FILENAME, {"format": FORMAT, "profiles": profiles})
    else:
        (home / FILENAME).unlink(missing_ok=True)
