"""Parse once: the parsed transcripts and their figures, kept in the index folder.

Indexing a file parses it and extracts its figures; both are kept here, so that reading
the library again (the app's next start, `stats`, `kwic`, `ledger`, `export`, `cite`)
loads them instead of parsing again. One file per indexed content:

    <index folder>/parsed/<sha256 of the source's bytes>.parsed

Each holds one header line of JSON, then its sections: the transcript's statistics (the
counts `pressroom stats` makes of it: `TranscriptCounts`, with its id, title and date, as
JSON), the transcript (pydantic JSON of `Transcript`) and the figures of every turn
(pydantic JSON of a list of `Figure`). A reader reads only the sections it needs: `stats`
reads the first alone (`parsed_sections.py` makes the sections and reads them back,
without validating what was validated when written). The header names the entry's format
(`FORMAT`), the version of the code that wrote it (`code_version()`: pressroom's version
and a digest of the source of the parser, the figure extractor, the models, the
statistics and the sections), the content hash and the source file it was parsed from,
and each section's length and CRC-32.

An entry is used only when all of these match what is asked and what runs now; anything
else (another format or version, another file of the same content, a short or damaged
file, a section that does not check out) is a miss: the file is parsed again. An entry is
written whole under a temporary name and then renamed, so a reader sees an old entry, a
new one or none. Entries are content-addressed, so an entry is never wrong for the content
it names: the update that indexes a file writes its entry (parallel workers included), and
every update afterwards deletes the entries of contents the index no longer holds (`prune`,
under the update lock), so what a killed update wrote goes with the next one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from search_index.index.folder import PARSED_ENTRY, PARSED_NAME, PARSED_TEMPORARY, is_own
from search_index.index.manifest import (
    Manifest,
    ManifestError,
    file_digest,
    load_manifest,
    stat_holds,
)
from search_index.index.parsed_sections import (
    KeptFigures,
    KeptStats,
    built,
    figures_of,
    sections_of,
    stats_of,
    transcript_of,
)

if TYPE_CHECKING:
    from search_index.figures.models import Figure
    from search_index.insights.stats import TranscriptStats
    from search_index.models import Transcript

#: The layout of an entry; bump when it changes (older entries are then parsed again).
FORMAT = 2
_SUFFIX = ".parsed"
#: The longest header read: a longer first line is damage.
_HEADER_LIMIT = 1 << 16
#: The parts of the domain whose output an entry holds: a change to any of them is a new
#: code version, and every entry is parsed again.
_CODE = (
    "parser",
    "figures",
    "models.py",
    "provenance.py",
    "index/parsed.py",
    "index/parsed_sections.py",
    "insights/stats.py",
)


@cache
def code_version() -> str:
    """pressroom's version and a digest of the code whose output the entries keep."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("pressroom")
    except PackageNotFoundError:  # run from a source tree that was not installed
        own = "unknown"
    return code_version_of(Path(__file__).resolve().parent.parent, own)


def code_version_of(root: Path, own: str) -> str:
    """`own` (a version) and a digest of pydantic-core's version and of the source of the
    parts of the domain package at `root` whose output an entry holds (`_CODE`): the
    parser, the figure extractor and the models (the schema)."""
    import pydantic_core

    digest = hashlib.sha256(pydantic_core.__version__.encode())
    for part in _CODE:
        where = root / part
        files = sorted(where.rglob("*.py")) if where.is_dir() else [where]
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return f"{own}+{digest.hexdigest()[:16]}"


#: What a section reader of the store gives.
_Kept = TypeVar("_Kept")


@dataclass(frozen=True)
class Parsed:
    """A transcript as kept, and its figures (None when they were not asked for)."""

    transcript: Transcript
    figures: tuple[Figure, ...] | None = None


class ParsedStore:
    """The entries of one index folder (see the module docstring)."""

    def __init__(self, index_dir: Path) -> None:
        self.folder = Path(index_dir) / PARSED_NAME

    def path_of(self, digest: str) -> Path:
        """Where the entry of the content `digest` is kept."""
        return self.folder / f"{digest}{_SUFFIX}"

    def read(self, digest: str, source: str, figures: bool = False) -> Parsed | None:
        """The entry of `digest` parsed from `source` (an absolute path), or None when there
        is none that can be trusted. The transcript's `source` is as it was parsed."""
        wanted = ("transcript", "figures") if figures else ("transcript",)
        bodies = self._sections(digest, source, wanted)
        if bodies is None:
            return None
        try:
            transcript = transcript_of(bodies["transcript"])
            found = figures_of(bodies["figures"]) if figures else None
        except (ValueError, KeyError, TypeError, AttributeError):  # of another layout
            return None
        return Parsed(transcript, found)

    def read_stats(self, digest: str, source: str) -> KeptStats | None:
        """The statistics kept in the entry of `digest` parsed from `source`, or None when
        there are none that can be trusted. Reads that section alone."""
        bodies = self._sections(digest, source, ("stats",))
        if bodies is None:
            return None
        try:
            return stats_of(bodies["stats"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def read_figures(self, digest: str, source: str) -> tuple[KeptStats, list[Any]] | None:
        """The statistics section and the figures (as dictionaries) kept in the entry of
        `digest` parsed from `source`, or None. Reads those two sections alone."""
        bodies = self._sections(digest, source, ("stats", "figures"))
        if bodies is None:
            return None
        try:
            from pydantic_core import from_json

            stats = stats_of(bodies["stats"])
            figures = from_json(bodies["figures"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        if stats is None or not isinstance(figures, list):
            return None
        return stats, figures

    def _sections(self, digest: str, source: str, wanted: Sequence[str]) -> dict[str, bytes] | None:
        """The sections `wanted` of the entry of `digest` parsed from `source`, each checked
        by its length and CRC-32; None if the entry is missing, damaged, of another layout
        or version, or of another file or content."""
        try:
            with open(self.path_of(digest), "rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                head = stream.readline(_HEADER_LIMIT)
                header = json.loads(head)
                if (
                    not head.endswith(b"\n")
                    or header.get("format") != FORMAT
                    or header.get("version") != code_version()
                    or header.get("digest") != digest
                    or header.get("source") != source
                ):
                    return None
                layout = [
                    (str(name), int(length), int(crc)) for name, length, crc in header["sections"]
                ]
                if any(length < 0 for _n, length, _c in layout):
                    return None
                if len(head) + sum(length for _n, length, _c in layout) != size:
                    return None
                bodies: dict[str, bytes] = {}
                offset = len(head)
                for name, length, crc in layout:
                    if name in wanted:
                        stream.seek(offset)
                        body = stream.read(length)
                        if len(body) != length or zlib.crc32(body) != crc:
                            return None
                        bodies[name] = body
                    offset += length
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, unreadable or damaged
        return bodies if all(name in bodies for name in wanted) else None

    def write(
        self, digest: str, source: str, transcript: Transcript, figures: Sequence[Figure]
    ) -> None:
        """Keep what parsing `source` (content `digest`) gave. Never fails: an entry that
        cannot be written is simply parsed again next time."""
        data = _encode(digest, source, transcript, figures)
        with contextlib.suppress(OSError):
            self.folder.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=f".{digest}.", suffix=".tmp", dir=self.folder
            )
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, self.path_of(digest))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise

    def digests(self) -> set[str]:
        """The contents that have an entry."""
        return {m.group(1) for name in self._names() if (m := PARSED_ENTRY.match(name))}

    def prune(self, keep: Iterable[str]) -> list[str]:
        """Delete the entries of contents not in `keep`, and half-written ones; the names
        deleted. Call only while holding the update lock."""
        kept = set(keep)
        deleted: list[str] = []
        for name in self._names():
            entry = PARSED_ENTRY.match(name)
            stale = (entry is not None and entry.group(1) not in kept) or bool(
                PARSED_TEMPORARY.match(name)
            )
            if stale:
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / name).unlink()
                    deleted.append(name)
        return deleted

    def _names(self) -> list[str]:
        try:
            return sorted(os.listdir(self.folder))
        except OSError:
            return []


def prune_parsed(index_dir: Path, manifest: Manifest) -> list[str]:
    """Delete the entries of `index_dir` whose content `manifest` does not list as indexed
    (see `ParsedStore.prune`); the names deleted. Only while holding the update lock."""
    held = (e.hash for e in manifest.sources.values() if e.skipped is None and e.hash)
    return ParsedStore(index_dir).prune(held)


def _encode(digest: str, source: str, transcript: Transcript, figures: Sequence[Figure]) -> bytes:
    sections = sections_of(transcript, figures)
    header = {
        "format": FORMAT,
        "version": code_version(),
        "digest": digest,
        "source": source,
        "sections": [[name, len(body), zlib.crc32(body)] for name, body in sections],
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"".join([head, b"\n", *(body for _name, body in sections)])


def turn_figures(transcript: Transcript) -> tuple[list[list[Figure]], bool]:
    """The figures of each turn of `transcript` (a bare "$" is the dollar the transcript
    implies, as in `figures_of_transcript`), and whether every turn could be read: a turn
    the extractor fails on gets none (a figure bug never stops indexing)."""
    from search_index.figures import extract_figures, implied_dollar

    dollar = implied_dollar(transcript)
    found: list[list[Figure]] = []
    whole = True
    for turn in transcript.turns:
        try:
            found.append(extract_figures(turn, dollar))
        except Exception:
            found.append([])
            whole = False
    return found, whole


class ParsedLookup:
    """Finds the kept parse of a source file for a reader of the library.

    A file is known by its content hash: the one the manifest records when the file's size
    and modification time are those the index saw, else the hash of its bytes. A miss is
    parsed as usual; when the index holds that very content (its entry went missing or was
    damaged), the entry is written again, quietly.
    """

    def __init__(self, index_dir: Path, manifest: Manifest | None) -> None:
        self.index_dir = Path(index_dir)
        self.store = ParsedStore(index_dir)
        self._manifest = manifest
        self._sources = manifest.sources if manifest is not None else {}
        self._active = True

    def sources(self) -> list[Path] | None:
        """The source files the index holds turns of, sorted (as `LibraryIndex.sources`),
        read from its manifest; None when that cannot be trusted (no manifest, or a search
        found the index damaged): open the index then, which repairs it."""
        from search_index.index.folder import damage_mark

        if self._manifest is None or damage_mark(self.index_dir) is not None:
            return None
        return [Path(src) for src, e in sorted(self._sources.items()) if not e.skipped]

    @classmethod
    def of_index(cls, index_dir: Path | None) -> ParsedLookup | None:
        """The lookup of the index folder `index_dir` (default: the default index), or
        None when there is no pressroom index there. Reads the manifest only: no Whoosh,
        no lock, nothing written."""
        lookup = cls.of_folder(index_dir)
        return lookup if lookup._active else None

    @classmethod
    def of_folder(cls, index_dir: Path | None) -> ParsedLookup:
        """The lookup of the index folder `index_dir` (default: the default index), whether
        or not there is an index there yet: until `reload` finds one, it finds nothing and
        every file is parsed."""
        from search_index.index.paths import default_index_dir

        lookup = cls(Path(index_dir) if index_dir is not None else default_index_dir(), None)
        lookup.reload()
        return lookup

    def reload(self) -> None:
        """Read the index's manifest again (after an update)."""
        folder = self.index_dir
        self._active = (folder / PARSED_NAME).is_dir() and is_own(folder)
        manifest: Manifest | None = None
        if self._active:
            with contextlib.suppress(ManifestError):
                manifest = load_manifest(folder)
        self._manifest = manifest
        self._sources = manifest.sources if manifest is not None else {}

    def unknown(self, paths: Sequence[Path]) -> int:
        """How many of the files at `paths` the index does not hold as they are now, told
        by their size and modification time alone (nothing is read): what a first
        update would parse."""
        count = 0
        for path in paths:
            entry = self._sources.get(os.path.abspath(path))
            try:
                stat = os.stat(path)
            except OSError:
                continue
            if entry is None or not stat_holds(entry, stat.st_size, stat.st_mtime_ns):
                count += 1
        return count

    def digest_of(self, path: Path) -> tuple[str, str, bool] | None:
        """The file's key (absolute path), content hash, and whether the index holds that
        content for it; None if it cannot be read. The hash is the manifest's while the
        file's size and time vouch for it (`stat_holds`), else the file is hashed."""
        key = os.path.abspath(path)
        try:
            stat = os.stat(key)
        except OSError:
            return None
        entry = self._sources.get(key)
        if entry is None or entry.skipped is not None or entry.hash is None:
            entry = None
        elif stat_holds(entry, stat.st_size, stat.st_mtime_ns):
            return key, entry.hash, True
        try:
            digest = file_digest(Path(key))
        except OSError:
            return None
        return key, digest, entry is not None and entry.hash == digest

    def _read_kept(self, path: Path, read: Callable[[str, str], _Kept | None]) -> _Kept | None:
        """What `read` (a section reader of the store: digest, source) gives for the file
        at `path`, or None when the file cannot be read or the entry gives nothing."""
        known = self.digest_of(path)
        if known is None:
            return None
        key, digest, _indexed = known
        return read(digest, key)

    def stats(self, path: Path) -> TranscriptStats | None:
        """The statistics of the file at `path` as its entry keeps them (its `source` as
        `path` is spelt), or None when it has no entry that can be trusted: then load it."""
        from search_index.controls import without_controls
        from search_index.insights.stats import stats_of_counts

        kept = self._read_kept(path, self.store.read_stats)
        if kept is None:
            return None
        source = without_controls(str(path))  # as the model cleans every string
        return stats_of_counts(kept.counts, kept.transcript_id, kept.title, kept.date, source)

    def figures(self, path: Path) -> KeptFigures | None:
        """What the ledger needs of the file at `path` as its entry keeps it (see
        `KeptFigures`), or None when it has no entry that can be trusted: then load it."""
        from search_index.controls import without_controls

        kept = self._read_kept(path, self.store.read_figures)
        if kept is None:
            return None
        return KeptFigures(kept[0], without_controls(str(path)), kept[1])

    def load(self, path: Path, figures: bool = False) -> Parsed:
        """The transcript of the file at `path` (and its figures, if asked), from its entry
        when there is one, else parsed (raising what `load_one` raises)."""
        from search_index.controls import without_controls
        from search_index.library import load_one
        from search_index.provenance import with_source_url

        known = self.digest_of(path)
        if known is not None:
            key, digest, _indexed = known
            found = self.store.read(digest, key, figures)
            if found is not None:
                # The file as the reader names it, cleaned as the model cleans every string.
                transcript = built(
                    type(found.transcript),
                    {**found.transcript.__dict__, "source": without_controls(str(path))},
                )
                return Parsed(with_source_url(transcript, Path(path)), found.figures)
        transcript = load_one(path)
        if known is None or not known[2]:
            return Parsed(transcript, _all_figures(transcript) if figures else None)
        by_turn, whole = turn_figures(transcript)
        every = tuple(figure for turn in by_turn for figure in turn)
        if whole:
            self.store.write(known[1], known[0], transcript, every)
            return Parsed(transcript, every if figures else None)
        return Parsed(transcript, _all_figures(transcript) if figures else None)


def _all_figures(transcript: Transcript) -> tuple[Figure, ...]:
    from search_index.figures import figures_of_transcript

    return tuple(figures_of_transcript(transcript))
