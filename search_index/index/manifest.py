"""The manifest: which sources the index holds, by content hash, and which schema built it.

It lives beside the Whoosh files as `manifest.json` and is replaced atomically after each
commit. The index itself is the final word: every document carries its source's hash, so
a manifest older than the index (a crash between commit and manifest write) is rebuilt
from the index's lexicon.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

MANIFEST_NAME = "manifest.json"


class SourceEntry(BaseModel):
    """What the index knows of one source file."""

    hash: str | None = Field(description="SHA-256 of the content indexed; None = redo it.")
    size: int = -1
    mtime_ns: int = -1
    seen_ns: int = Field(
        default=0,
        description="When size and mtime_ns were taken (ns): they vouch for the content "
        "only if the file was last written a clock tick before (`settled`).",
    )
    transcript: str | None = None
    turns: int = 0
    skipped: str | None = Field(default=None, description="Why the file is not indexed.")


class Manifest(BaseModel):
    """The manifest file's content."""

    schema_version: int
    generation: int = Field(default=-1, description="Whoosh generation it describes.")
    files: dict[str, int] = Field(
        default_factory=dict, description="Size of each Whoosh file at that generation."
    )
    checksums: dict[str, int] = Field(
        default_factory=dict, description="CRC-32 of each Whoosh file at that generation."
    )
    stamps: dict[str, tuple[int, int]] = Field(
        default_factory=dict,
        description="Size and modification time (ns) of each Whoosh file when its checksum "
        "was last found right: while both are unchanged, the file need not be read again.",
    )
    stamped_ns: int = Field(default=0, description="When the stamps were taken (ns).")
    roots: list[str] = Field(default_factory=list, description="Files and folders indexed.")
    sources: dict[str, SourceEntry] = Field(default_factory=dict)


#: Size and modification time vouch for a file's content only if it was last written this
#: long before they were taken: a second write within the same tick of the file system's
#: clock keeps the time. File systems that keep times to the second (or two) get the
#: longer margin.
RACY_NS = 20_000_000
RACY_COARSE_NS = 2_000_000_000


def settled(mtime_ns: int, taken_ns: int) -> bool:
    """Whether a file last written at `mtime_ns`, seen at `taken_ns`, could not have been
    written again since without its time changing."""
    margin = RACY_NS if mtime_ns % 1_000_000_000 else RACY_COARSE_NS
    return mtime_ns + margin <= taken_ns


def stat_holds(entry: SourceEntry, size: int, mtime_ns: int) -> bool:
    """Whether a source file of this size and time still holds the content `entry` hashed:
    both unchanged, and settled when they were taken. Else it must be hashed again."""
    return (
        entry.hash is not None
        and (entry.size, entry.mtime_ns) == (size, mtime_ns)
        and settled(mtime_ns, entry.seen_ns)
    )


class ManifestError(Exception):
    """The manifest exists but cannot be read."""


def load_manifest(index_dir: Path) -> Manifest | None:
    """The manifest in `index_dir`, None if there is none; ManifestError if unreadable."""
    path = index_dir / MANIFEST_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ManifestError(f"cannot read {path.name}: {error.strerror}") from None
    try:
        return Manifest.model_validate(json.loads(raw))
    except (ValueError, ValidationError):
        raise ManifestError(f"{path.name} is not a valid manifest") from None


def save_manifest(index_dir: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (temporary file, fsync, rename)."""
    data = manifest.model_dump_json(indent=1).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".tmp", dir=index_dir)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, index_dir / MANIFEST_NAME)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_digest(path: Path) -> str:
    """The content hash the manifest records of a file (SHA-256, hex; read in pieces)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
