"""Where a transcript file came from: the record kept beside a page fetched from the web.

`pressroom fetch` keeps a page's bytes exactly as served, so the web address cannot go
inside the file. It goes in a small JSON file beside it, named after it
(`briefing.html` → `briefing.html.source.json`), together with what a later run needs to
ask the server whether the page changed (ETag, Last-Modified). Loading a transcript reads
the address back, and citations name it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from search_index.models import Transcript

#: Appended to a fetched file's name to name its record.
SIDECAR_SUFFIX = ".source.json"


class Provenance(BaseModel):
    """A fetched page's origin and the validators of the copy kept."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    url: str
    """The address the page was asked for."""
    final_url: str | None = None
    """Where it was served from after redirects (None: the same address)."""
    fetched_at: dt.datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    sha256: str | None = None
    """Hash of the bytes kept."""

    @property
    def source_url(self) -> str:
        """The address a citation names: where the page was really served from."""
        return self.final_url or self.url


def sidecar_of(path: Path) -> Path:
    """The record file kept beside `path`."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_provenance(path: Path) -> Provenance | None:
    """The record kept beside `path`, or None (missing, unreadable or malformed)."""
    try:
        raw = sidecar_of(Path(path)).read_text(encoding="utf-8")
        return Provenance.model_validate(json.loads(raw))
    except (OSError, UnicodeDecodeError, ValueError, ValidationError):
        return None


def write_provenance(path: Path, provenance: Provenance) -> Path:
    """Write the record beside `path` atomically; returns the record's path."""
    return write_atomically(
        sidecar_of(path),
        (json.dumps(provenance.model_dump(mode="json"), indent=2) + "\n").encode("utf-8"),
    )


def write_atomically(target: Path, data: bytes) -> Path:
    """Write `data` to `target` through a temporary file and a rename: never half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".part-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def with_source_url(transcript: Transcript, path: Path) -> Transcript:
    """`transcript` with the web address recorded beside its file, if there is one."""
    record = read_provenance(path)
    if record is None or transcript.source_url == record.source_url:
        return transcript
    return transcript.model_copy(update={"source_url": record.source_url})
