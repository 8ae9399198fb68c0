"""A library: the transcripts found in files and folders, and what could not be loaded.

`gather_sources(paths)` lists transcript files (folders are searched recursively for
.txt, .md, .html and .htm files, hidden files and folders skipped, in a stable sorted
order). `iter_library(paths, cancel)` reads them one at a time and yields a `LoadStep` per
file, so a caller can show progress; `load_library(paths)` collects the same steps into a
`LibraryLoad`. Both the command line and the app read a library through `iter_library`;
given the index's `ParsedLookup` (`parsed=`), a file the index holds is loaded as it was
parsed when indexed, with its figures if asked (`figures=True`), instead of parsed again.

A file that cannot be loaded is skipped with a one-line reason, never failing the rest:
a `PressroomError` gives its own message; any other exception from one file (a parser
bug) is reported as "could not be parsed: <ExceptionType>: message"; a second copy of
a transcript already read is "same content as <first file>".
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from search_index.controls import shown_path, without_controls
from search_index.errors import PressroomError

if TYPE_CHECKING:
    from search_index.figures.models import Figure
    from search_index.index.parsed import ParsedLookup
    from search_index.models import Transcript


class KeptItem(Protocol):
    """What a reader of the index's kept parse gives of one file (it names its transcript)."""

    @property
    def transcript_id(self) -> str: ...


#: Reads what the index keeps of a file; None when it keeps nothing it can trust.
KeptReader = Callable[[Path], "KeptItem | None"]

#: File name endings a folder is searched for (matched case-insensitively).
TRANSCRIPT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm"})


@dataclass
class LibraryLoad:
    """The outcome of loading a library."""

    transcripts: list[Transcript] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False
    figures: dict[str, tuple[Figure, ...]] = field(default_factory=dict)
    """Each transcript's figures by transcript id, when they were asked for."""
    kept: list[Any] = field(default_factory=list)
    """What the `kept` reader gave of the files it could read (their transcripts are not
    in `transcripts`), in the order read."""


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


def skip_reason(error: PressroomError, path: Path) -> str:
    """The one-line reason of a load error, without the path it usually starts with."""
    message = error.message
    for prefix in (f"{shown_path(path)}: ", f"{shown_path(path.name)}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def load_one(path: Path) -> Transcript:
    """Parse one transcript file (PressroomError subclasses for files that are not).

    A page fetched from the web gets the address recorded beside it (`source_url`).
    """
    from search_index.parser import load_transcript
    from search_index.provenance import with_source_url

    return with_source_url(load_transcript(path), Path(path))


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


@dataclass(frozen=True)
class LoadStep:
    """One step of reading a library: a file read, or a named path that does not exist."""

    path: Path
    done: int
    """Files read so far, this one included (0 for a path that does not exist)."""
    total: int
    """Files to read in all."""
    transcript: Transcript | None = None
    """The file's transcript, or None when the file was skipped."""
    skipped: str | None = None
    """Why the file was left out, in one line; None when it was loaded."""
    figures: tuple[Figure, ...] | None = None
    """The transcript's figures, when they were asked for."""
    kept: Any = None
    """What the `kept` reader gave of the file, when it could read it (then `transcript`
    is None)."""


#: The reason given for a second copy of a transcript (the index words it the same way).
SAME_CONTENT = "same content as "

#: At most this many characters of an unexpected exception's message are kept.
CRASH_DETAIL = 160


def crash_reason(error: Exception) -> str:
    """The one-line reason for a file whose loading raised something unexpected."""
    detail = " ".join(without_controls(str(error)).split())
    if len(detail) > CRASH_DETAIL:
        detail = detail[: CRASH_DETAIL - 1].rstrip() + "…"
    name = type(error).__name__
    return f"could not be parsed: {name}: {detail}" if detail else f"could not be parsed: {name}"


def iter_library(
    paths: Iterable[Path | str],
    cancel: threading.Event | None = None,
    *,
    parsed: ParsedLookup | None = None,
    figures: bool = False,
    kept: KeptReader | None = None,
) -> Iterator[LoadStep]:
    """Read every transcript under `paths`, yielding one `LoadStep` per file.

    Paths that do not exist come first (with `done` 0), then the files in the order
    `gather_sources` finds them. A file that cannot be loaded is skipped with its reason,
    whatever the error; a transcript with the id of one already read (the same content
    in another file) is skipped as a second copy. Stops before the next file once
    `cancel` is set. With `parsed`, files the index holds are loaded from it; with
    `figures`, each step carries its transcript's figures. With `kept` (a reader of what
    the index keeps of a file: `ParsedLookup.stats`, `ParsedLookup.figures`), a file it
    can read is read so (the step's `kept`), not loaded whole.
    """
    found, missing = gather_sources(paths)
    total = len(found)
    for path in missing:
        yield LoadStep(path, 0, total, skipped="no such file or folder")
    first_file: dict[str, Path] = {}
    for done, path in enumerate(found, start=1):
        if cancel is not None and cancel.is_set():
            return
        read = kept(path) if kept is not None else None
        if read is not None:
            first = first_file.setdefault(read.transcript_id, path)
            if first != path:
                yield LoadStep(path, done, total, skipped=f"{SAME_CONTENT}{first}")
            else:
                yield LoadStep(path, done, total, kept=read)
            continue
        try:
            transcript, its_figures = _load(path, parsed, figures)
        except PressroomError as error:
            yield LoadStep(path, done, total, skipped=skip_reason(error, path))
            continue
        except Exception as error:  # one broken file never fails the whole library
            yield LoadStep(path, done, total, skipped=crash_reason(error))
            continue
        first = first_file.setdefault(transcript.id, path)
        if first != path:
            yield LoadStep(path, done, total, skipped=f"{SAME_CONTENT}{first}")
            continue
        yield LoadStep(path, done, total, transcript, figures=its_figures)


def _load(
    path: Path, parsed: ParsedLookup | None, figures: bool
) -> tuple[Transcript, tuple[Figure, ...] | None]:
    if parsed is not None:
        kept = parsed.load(path, figures)
        return kept.transcript, kept.figures
    transcript = load_one(path)
    if not figures:
        return transcript, None
    from search_index.figures import figures_of_transcript

    return transcript, tuple(figures_of_transcript(transcript))


def load_library(
    paths: Sequence[Path | str],
    cancel: threading.Event | None = None,
    *,
    parsed: ParsedLookup | None = None,
    figures: bool = False,
    kept: KeptReader | None = None,
) -> LibraryLoad:
    """Load every transcript under `paths` (the steps of `iter_library`, collected).

    Files that cannot be read or hold no transcript are skipped with a one-line reason,
    as are paths that do not exist. Stops early (and says so) when `cancel` is set.
    """
    result = LibraryLoad()
    last: LoadStep | None = None
    steps = iter_library(paths, cancel, parsed=parsed, figures=figures, kept=kept)
    for step in steps:
        last = step
        if step.transcript is not None:
            result.transcripts.append(step.transcript)
            if step.figures is not None:
                result.figures[step.transcript.id] = step.figures
        elif step.kept is not None:
            result.kept.append(step.kept)
        else:
            result.skipped.append((step.path, step.skipped or "not loaded"))
    stopped_early = last is None or last.done < last.total
    result.cancelled = cancel is not None and cancel.is_set() and stopped_early
    return result
