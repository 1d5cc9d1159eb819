"""Files attached to a scheduled message are copied into the data directory when it is
scheduled, so the message still has them at its time whatever happens to the originals.
Once no message can need them again, the copies go (sweep)."""

from __future__ import annotations

import mimetypes
import os
import shutil
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from agent_desktop.chatwoot.uploads import Upload
from agent_desktop.core.home import ensure_private_dir
from agent_desktop.core.i18n import tr
from agent_desktop.scheduling import policy
from agent_desktop.store.records import OutboxRecord, StoredAttachment
from agent_desktop.store.states import OutboxState

# Chatwoot's default upload limit (MAXIMUM_FILE_UPLOAD_SIZE, in MB): the server would
# refuse a bigger file, so it is refused here before anything is copied
MAX_ATTACHMENT_MB = 40
FOLDER = "attachments"
UNCLAIMED_KEPT = timedelta(hours=1)  # a copy whose message is still being saved elsewhere


class AttachmentError(ValueError):
    pass


def check_files(paths: Sequence[Path], limit: int = policy.MAX_FILES) -> None:
    too_many = policy.check_file_count(len(paths), limit)
    if too_many:
        raise AttachmentError(policy.describe(too_many))
    for path in paths:
        problem = attachment_problem(path)
        if problem is not None:
            raise AttachmentError(problem)


def attachment_problem(path: Path) -> str | None:
    """Why one file cannot be attached, in words; None when it can."""
    if path.is_dir():
        return tr("cannot attach {path}: it is a folder").format(path=path)
    if not path.is_file():
        return tr("cannot attach {path}: no such file").format(path=path)
    if not os.access(path, os.R_OK):
        return tr("cannot attach {path}: it cannot be read").format(path=path)
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_MB * 1024 * 1024:
        return tr("cannot attach {path}: it has {size} MB; the limit is {limit} MB").format(
            path=path, size=f"{size / 1024 / 1024:.0f}", limit=MAX_ATTACHMENT_MB
        )
    return None


def keep(home: Path, paths: Sequence[Path]) -> list[StoredAttachment]:
    """Copy the files into the data directory; returns where they are kept."""
    check_files(paths)
    if not paths:
        return []
    folder = ensure_private_dir(home / FOLDER / uuid.uuid4().hex)
    kept = []
    for path in paths:
        target = folder / path.name
        shutil.copyfile(path, target)
        if os.name == "posix":
            target.chmod(0o600)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        kept.append(StoredAttachment(str(target.relative_to(home)), path.name, content_type))
    return kept


def uploads(home: Path, record: OutboxRecord) -> list[Upload] | str:
    """The message's kept files, to be read from disk as the request goes (never whole
    into memory); why not, in words, when one is gone."""
    found = []
    for attachment in record.attachments:
        path = home / attachment.path
        if not os.access(path, os.R_OK) or not path.is_file():
            return tr("the attachment {name} is missing from {folder}").format(
                name=attachment.filename, folder=path.parent
            )
        found.append(Upload(attachment.filename, content_type=attachment.content_type, path=path))
    return found


def discard(home: Path, attachments: Sequence[StoredAttachment]) -> None:
    for attachment in attachments:
        folder = (home / attachment.path).parent
        shutil.rmtree(folder, ignore_errors=True)


def finished(record: OutboxRecord, now: datetime) -> bool:
    """Whether the message can no longer need its files: sent, or cancelled and no longer
    restorable (the policy says until when)."""
    if record.state is OutboxState.SENT:
        return True
    if record.state is not OutboxState.CANCELLED:
        return False
    # imported here: the designs use this module
    from agent_desktop.scheduling import designs

    return not policy.restorable(record, designs.traits(record.backend), now)


def sweep(home: Path, records: Iterable[OutboxRecord], now: datetime) -> int:
    """Remove the copies no message needs: a sent message's, a cancelled one's once it can
    no longer be restored, and any no message names (a crash between copying and saving)
    once an hour old. Returns how many messages' folders went."""
    root = home / FOLDER
    if not root.is_dir():
        return 0
    needed: set[str] = set()
    done: set[str] = set()
    for record in records:
        folders = {Path(a.path).parent.name for a in record.attachments}
        (done if finished(record, now) else needed).update(folders)
    removed = 0
    for folder in root.iterdir():
        if not folder.is_dir() or folder.name in needed:
            continue
        if folder.name not in done:
            age = now.timestamp() - folder.stat().st_mtime
            if age < UNCLAIMED_KEPT.total_seconds():
                continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += 1
    return removed
