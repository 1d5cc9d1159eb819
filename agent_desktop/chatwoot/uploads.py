"""Files sent with a request (multipart): read from disk a piece at a time as the request
goes out, not whole into memory first (Chatwoot takes files of 40 MB); and the text
fields that go with them."""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any


@dataclass(frozen=True)
class Upload:
    """A file to attach to a message: its bytes, or the file they are read from."""

    filename: str
    data: bytes = field(default=b"", repr=False)
    content_type: str = "application/octet-stream"
    path: Path | None = None  # when set, the bytes are read from here as they are sent

    @classmethod
    def from_path(cls, path: Path, filename: str | None = None) -> Upload:
        name = filename or path.name
        guessed, _ = mimetypes.guess_type(name)
        return cls(name, content_type=guessed or "application/octet-stream", path=path)

    @property
    def size(self) -> int:
        return self.path.stat().st_size if self.path is not None else len(self.data)


@contextmanager
def multipart_files(
    name: str, uploads: Sequence[Upload]
) -> Iterator[list[tuple[str, tuple[str, bytes | IO[bytes], str]]]]:
    """The `files` of one request: each file opened anew, so a request made again sends
    it whole from its start, and closed once the request is done."""
    with ExitStack() as files:
        yield [
            (
                name,
                (
                    upload.filename,
                    files.enter_context(upload.path.open("rb"))
                    if upload.path is not None
                    else upload.data,
                    upload.content_type,
                ),
            )
            for upload in uploads
        ]


def form_value(value: Any) -> str:
    """Multipart fields are text: booleans as Rails reads them, objects as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)
