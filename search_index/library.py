"""A library: the transcripts found in files and folders, and what could not be loaded.

`collect_sources(paths)` lists transcript files (folders are searched recursively for
.txt, .md, .html and .htm files, hidden files and folders skipped, in a stable sorted
order); `load_library(paths)` parses each into a `Transcript` and says, in one line per
file, why any file was skipped.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from search_index.controls import shown_path
from search_index.errors import InputError, PressroomError
from search_index.models import Transcript

#: File name endings a folder is searched for (matched case-insensitively).
TRANSCRIPT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm"})


@dataclass
class LibraryLoad:
    """The outcome of loading a library."""

    transcripts: list[Transcript] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False


def gather_sources(paths: Iterable[Path | str]) -> tuple[list[Path], list[Path]]:
    """Transcript files under `paths` (each once, in order) and the paths that do not exist.

    A file named directly is taken whatever its ending (and whatever it is: reading
    refuses pipes, devices and broken links with a reason); a folder contributes the files
    with a transcript ending found by walking it (sorted by path, hidden entries and
    symlinked folders skipped).
    """
    found: list[Path] = []
    missing: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        # realpath, unlike Path.resolve on Python 3.11, does not raise on a symbolic link loop.
        key = Path(os.path.realpath(path))
        if key not in seen:
            seen.add(key)
            found.append(path)

    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for file in _walk(path):
                add(file)
        elif os.path.lexists(path):
            add(path)  # a file, or a pipe, device or broken link the reader will refuse
        else:
            missing.append(path)
    return found, missing


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in TRANSCRIPT_SUFFIXES:
                files.append(Path(root) / name)
    return files


def collect_sources(paths: Sequence[Path | str]) -> list[Path]:
    """The transcript files under `paths`; InputError if a path does not exist."""
    found, missing = gather_sources(paths)
    if missing:
        raise InputError(f"{missing[0]}: no such file or folder")
    return found


def skip_reason(error: PressroomError, path: Path) -> str:
    """The one-line reason of a load error, without the path it usually starts with."""
    message = error.message
    for prefix in (f"{shown_path(path)}: ", f"{shown_path(path.name)}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def load_one(path: Path) -> Transcript:
    """Parse one transcript file (PressroomError subclasses for files that are not)."""
    from search_index.parser import load_transcript

    return load_transcript(path)


#: The folder inside an index folder that keeps transcripts piped in on standard input.
PIPED_FOLDER = "piped"


def save_piped_transcript(data: bytes, index_dir: Path) -> Path:
    """Keep a transcript read from standard input as a file the index can track.

    The bytes are parsed first (bad input raises the usual one-line errors), then written
    under `index_dir/piped/`, named by the transcript's id, so indexing the same text twice
    keeps one copy and nothing piped in is lost when the index is rebuilt.
    """
    from search_index.parser import parse_bytes
    from search_index.parser.html import looks_like_html

    transcript = parse_bytes(data, source="<stdin>")
    head = data[:2048].decode("utf-8", errors="ignore")
    suffix = ".html" if looks_like_html(head) else ".txt"
    folder = index_dir / PIPED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{transcript.id}{suffix}"
    if not path.exists():
        partial = path.with_suffix(path.suffix + ".part")
        partial.write_bytes(data)
        partial.replace(path)
    return path


def load_library(paths: Sequence[Path | str], cancel: threading.Event | None = None) -> LibraryLoad:
    """Load every transcript under `paths`.

    Files that cannot be read or hold no transcript are skipped with a one-line reason,
    as are paths that do not exist. Stops early (and says so) when `cancel` is set.
    """
    found, missing = gather_sources(paths)
    result = LibraryLoad(skipped=[(path, "no such file or folder") for path in missing])
    for path in found:
        if cancel is not None and cancel.is_set():
            result.cancelled = True
            break
        try:
            result.transcripts.append(load_one(path))
        except PressroomError as error:
            result.skipped.append((path, skip_reason(error, path)))
    return result
