"""LibraryIndex: the Whoosh index of a library of transcripts, kept in step with its files."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from search_index.errors import IndexUnavailableError, QueryError
from search_index.index.hits import IndexProgress, IndexReport, SearchHit, SearchResults
from search_index.index.lock import IndexLock, LockTimeout
from search_index.index.manifest import (
    Manifest,
    ManifestError,
    SourceEntry,
    file_hash,
    load_manifest,
    save_manifest,
)
from search_index.index.paths import default_index_dir
from search_index.index.query import parse_query, plan_of, spans_in
from search_index.index.snippets import make_snippet
from search_index.models import SpeakerKind, Transcript

if TYPE_CHECKING:
    from search_index.index.parallel import FileOutcome

#: Sub-folder of the index directory holding Whoosh's files.
STORE_NAME = "whoosh"
INDEX_NAME = "turns"
#: How long an update waits for another process's update to finish.
DEFAULT_LOCK_TIMEOUT = 30.0
#: How a skipped copy of another indexed file is explained (the other's path follows).
DUPLICATE = "same content as "
#: From how many files to write an update hands files to worker processes.
PARALLEL_FILES = 40
#: Worker processes for big updates (at most the CPU count).
WORKER_PROCESSES = 2
#: Files in each job handed to a worker.
FILES_PER_JOB = 4
#: Memory budget of each Whoosh writer, in MB.
WRITER_LIMIT_MB = 256

ProgressCallback = Callable[[IndexProgress], None]


class _Damaged(Exception):
    """The index cannot be used as it is: carries a phrase saying why."""


class LibraryIndex:
    """A search index over a library of transcript files.

    Open it with `LibraryIndex.open()`; `update(paths)` brings it in step with files and
    folders, `search(query)` answers queries. One searcher is kept and refreshed between
    queries. Safe to share between threads; updates from several processes are
    serialised by a lock file.
    """

    def __init__(self, index_dir: Path, ix: Any, manifest: Manifest) -> None:
        self.index_dir = index_dir
        self._ix = ix
        self._manifest = manifest
        self._searcher: Any = None
        self._bodies: Any = None
        self._search_lock = threading.Lock()
        #: One line for the user when opening had to rebuild the index, else None.
        self.notice: str | None = None
        #: The report of that rebuild, if there was one.
        self.recovery: IndexReport | None = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        index_dir: Path | None = None,
        *,
        create: bool = True,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        progress: ProgressCallback | None = None,
    ) -> LibraryIndex:
        """Open the index in `index_dir` (default: `default_index_dir()`).

        A missing index is created (or, with create=False, IndexUnavailableError is
        raised). A damaged index, or one built with another schema, is rebuilt from the
        sources its manifest lists; `notice` then says so.
        """
        index_dir = Path(index_dir) if index_dir is not None else default_index_dir()
        if index_dir.exists() and not index_dir.is_dir():
            raise IndexUnavailableError(f"{index_dir} is not a folder")
        if not create and not (index_dir / STORE_NAME).is_dir():
            raise IndexUnavailableError(
                f"no index at {index_dir}: build one with `pressroom index PATH`"
            )
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise IndexUnavailableError(
                f"cannot create the index folder {index_dir}: {error.strerror}"
            ) from None
        try:
            ix, manifest = _open_checked(index_dir)
        except _Damaged as damage:
            return cls._recover(index_dir, str(damage), lock_timeout, progress)
        except _Fresh:
            with _locked(index_dir, lock_timeout):
                try:
                    ix, manifest = _open_checked(index_dir)
                except _Fresh:
                    ix, manifest = _create(index_dir, Manifest(schema_version=_version()))
                except _Damaged as damage:
                    return cls._recover(index_dir, str(damage), lock_timeout, progress)
        return cls(index_dir, ix, manifest)

    @classmethod
    def _recover(
        cls,
        index_dir: Path,
        problem: str,
        lock_timeout: float,
        progress: ProgressCallback | None,
    ) -> LibraryIndex:
        """Rebuild a damaged or outdated index from its manifest's sources."""
        with _locked(index_dir, lock_timeout) as lock:
            # Another process may have repaired it while we waited.
            try:
                ix, manifest = _open_checked(index_dir)
                return cls(index_dir, ix, manifest)
            except (_Damaged, _Fresh):
                pass
            try:
                old = load_manifest(index_dir)
            except ManifestError:
                old = None
            sources = sorted(old.sources) if old else []
            fresh = Manifest(
                schema_version=_version(),
                roots=old.roots if old else [],
                sources={
                    src: SourceEntry(hash=None)
                    for src, entry in (old.sources.items() if old else ())
                    if entry.skipped is None
                },
            )
            ix, manifest = _create(index_dir, fresh)
            library = cls(index_dir, ix, manifest)
            report = library._update_locked(lock, [], progress, None, rebuilt=True)
            if sources:
                message = (
                    f"the index at {index_dir} was {problem}; rebuilt it from its "
                    f"{len(report.added)} source file(s)"
                )
            else:
                message = (
                    f"the index at {index_dir} was {problem} and listed no sources; "
                    "started a new empty one: run `pressroom index PATH` to fill it"
                )
            report = report.model_copy(update={"rebuilt": True, "rebuilt_message": message})
            library.notice = message
            library.recovery = report
            return library

    # ------------------------------------------------------------------ updating

    def update(
        self,
        paths: Sequence[Path],
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        *,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> IndexReport:
        """Bring the index in step with `paths` (files and folders, recursive).

        The paths join the library. Every known source is checked too: changed files are
        re-indexed, deleted ones removed; unchanged files cost a stat() each. Waits up to
        `lock_timeout` seconds for another process's update, then raises
        IndexUnavailableError. On `cancel`, files done so far are committed and the report
        says `cancelled`.
        """
        with _locked(self.index_dir, lock_timeout) as lock:
            report = self._update_locked(lock, list(paths), progress, cancel)
        if self.recovery is not None:
            # The rebuild happened when the index was opened; say so once, here.
            report = report.model_copy(
                update={"rebuilt": True, "rebuilt_message": self.recovery.rebuilt_message}
            )
            self.recovery = None
        return report

    def _update_locked(
        self,
        lock: IndexLock,
        paths: list[Path],
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
        rebuilt: bool = False,
    ) -> IndexReport:
        from search_index.library import gather_sources

        assert lock.held
        began = time.perf_counter()
        # Another process may have written since we opened.
        self._reload_manifest()
        manifest = self._manifest.model_copy(deep=True)
        found, missing = gather_sources(paths)
        for path in paths:
            key = str(_absolute(path))
            if key not in manifest.roots and path.exists():
                manifest.roots.append(key)
        skipped: list[tuple[Path, str]] = [(p, "no such file or folder") for p in missing]
        candidates: dict[str, Path] = {str(_absolute(p)): _absolute(p) for p in found}
        for src in manifest.sources:
            candidates.setdefault(src, Path(src))

        added: list[Path] = []
        updated: list[Path] = []
        removed: list[Path] = []
        unchanged: list[Path] = []
        work: list[_Work] = []
        # Which source holds each indexed content: a second copy of a file is not indexed.
        owners = {
            entry.hash: src
            for src, entry in manifest.sources.items()
            if entry.skipped is None and entry.hash is not None
        }
        stale: list[str] = []  # sources whose turns go, though the file stays
        stale_paths: list[Path] = []
        for key, path in candidates.items():
            entry = manifest.sources.get(key)
            try:
                stat = path.stat()
            except OSError:
                if entry is not None:
                    removed.append(path)
                continue
            duplicate = entry is not None and (entry.skipped or "").startswith(DUPLICATE)
            if (
                entry is not None
                and not duplicate
                and entry.hash is not None
                and entry.size == stat.st_size
                and entry.mtime_ns == stat.st_mtime_ns
            ):
                if entry.skipped is not None:
                    skipped.append((path, entry.skipped))
                else:
                    unchanged.append(path)
                continue
            try:
                digest = file_hash(path.read_bytes())
            except OSError as error:
                skipped.append((path, f"cannot be read ({error.strerror})"))
                continue
            if entry is not None and entry.hash == digest and not duplicate:
                manifest.sources[key] = entry.model_copy(
                    update={"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
                )
                if entry.skipped is not None:
                    skipped.append((path, entry.skipped))
                else:
                    unchanged.append(path)
                continue
            owner = owners.get(digest)
            if owner is not None and owner != key and Path(owner).exists():
                reason = f"{DUPLICATE}{owner}"
                skipped.append((path, reason))
                if entry is not None and entry.skipped is None:
                    stale.append(key)
                    stale_paths.append(path)
                manifest.sources[key] = SourceEntry(
                    hash=digest, size=stat.st_size, mtime_ns=stat.st_mtime_ns, skipped=reason
                )
                continue
            owners[digest] = key
            work.append(_Work(len(work), key, path, digest, stat, entry))

        turns_done = 0
        cancelled = False

        def record(item: _Work, outcome: FileOutcome) -> None:
            was_indexed = item.entry is not None and item.entry.skipped is None
            if outcome.reason is not None:
                skipped.append((item.path, outcome.reason))
                if was_indexed:
                    removed.append(item.path)
            elif was_indexed and item.entry is not None and item.entry.hash is not None:
                updated.append(item.path)
            else:
                added.append(item.path)
            manifest.sources[item.key] = SourceEntry(
                hash=item.digest,
                size=item.stat.st_size,
                mtime_ns=item.stat.st_mtime_ns,
                transcript=outcome.transcript,
                turns=outcome.turns,
                skipped=outcome.reason,
            )

        def report(done: int, current: Path | None, turns: int | None = None) -> None:
            if progress is not None:
                progress(
                    IndexProgress(
                        files_done=done,
                        files_total=len(work),
                        turns_done=turns_done if turns is None else turns,
                        current=current,
                    )
                )

        if work or removed or stale:
            from search_index.index.parallel import index_file

            parallel = _use_workers(len(work))
            writer = self._writer(parallel)
            try:
                for key in (str(p) for p in removed):
                    old = manifest.sources.pop(key, None)
                    if old is not None and old.skipped is None:
                        writer.delete_by_term("source", key)
                for key in stale:
                    writer.delete_by_term("source", key)
                # A changed file's old turns go first; its new ones come with it.
                for item in work:
                    if item.entry is not None and item.entry.skipped is None:
                        writer.delete_by_term("source", item.key)
                if parallel:
                    turns_done, cancelled = self._index_in_workers(
                        writer, work, record, report, cancel
                    )
                    # Workers finish files in any order: report them in the plan's order.
                    rank = {item.path: item.order for item in work}
                    added.sort(key=rank.__getitem__)
                    updated.sort(key=rank.__getitem__)
                else:
                    processed = 0
                    for item in work:
                        report(processed, item.path)
                        if cancel is not None and cancel.is_set():
                            cancelled = True
                            break
                        outcome = index_file(writer, item.order, item.key, item.path, item.digest)
                        turns_done += outcome.turns
                        record(item, outcome)
                        processed += 1
                    report(processed, None)
                writer.commit()
            except BaseException:
                if parallel:
                    writer.abort()
                else:
                    writer.cancel()
                raise
        else:
            report(0, None)
        # Files skipped for the same reason by an earlier update: known to the user already.
        known = self._manifest.sources
        skipped_before = tuple(
            path
            for path, reason in skipped
            if (entry := known.get(str(_absolute(path)))) is not None and entry.skipped == reason
        )
        if work or removed or stale or manifest != self._manifest:
            manifest.generation = self._ix.latest_generation()
            manifest.files = _store_files(self.index_dir)
            save_manifest(self.index_dir, manifest)
            self._manifest = manifest
        return IndexReport(
            added=tuple(added),
            updated=tuple(updated),
            removed=(*removed, *stale_paths),
            unchanged=tuple(unchanged),
            skipped=tuple(skipped),
            skipped_before=skipped_before,
            turns_indexed=turns_done,
            rebuilt=rebuilt,
            cancelled=cancelled,
            seconds=time.perf_counter() - began,
        )

    def _writer(self, parallel: bool) -> Any:
        if parallel:
            from search_index.index.parallel import FileMpWriter

            return FileMpWriter(
                self._ix,
                procs=WORKER_PROCESSES,
                batchsize=FILES_PER_JOB,
                multisegment=True,
                limitmb=WRITER_LIMIT_MB,
                compound=False,
            )
        return self._ix.writer(limitmb=WRITER_LIMIT_MB, compound=False, timeout=5.0)

    def _index_in_workers(
        self,
        writer: Any,
        work: list[_Work],
        record: Callable[[_Work, FileOutcome], None],
        report: Callable[[int, Path | None, int], None],
        cancel: threading.Event | None,
    ) -> tuple[int, bool]:
        """Hand the files to worker processes; returns (turns indexed, cancelled)."""
        done = 0
        turns = 0
        cancelled = False

        def take(outcome: FileOutcome) -> None:
            nonlocal done, turns
            done += 1
            turns += outcome.turns
            record(work[outcome.order], outcome)
            current = work[outcome.order + 1].path if outcome.order + 1 < len(work) else None
            report(done, current, turns)

        report(0, work[0].path, 0)
        submitted = 0
        for item in work:
            if cancel is not None and cancel.is_set():
                cancelled = True
                break
            writer.add_file(item.order, item.key, item.path, item.digest)
            submitted += 1
            for outcome in writer.ready():
                take(outcome)
        writer.flush()
        while done < submitted:
            outcome = writer.wait(0.2)
            if outcome is not None:
                take(outcome)
            elif not any(task.is_alive() for task in writer.tasks):
                raise IndexUnavailableError("an indexing worker process died; nothing was changed")
        return turns, cancelled

    def _reload_manifest(self) -> None:
        try:
            manifest = load_manifest(self.index_dir)
        except ManifestError:
            manifest = None
        from whoosh.index import open_dir

        self._ix = open_dir(str(self.index_dir / STORE_NAME), indexname=INDEX_NAME)
        if manifest is None or manifest.generation != self._ix.latest_generation():
            manifest = _manifest_from_index(self._ix, manifest)
        self._manifest = manifest

    # ------------------------------------------------------------------ searching

    def search(self, query: str, limit: int = 100, snippets: int = 20) -> SearchResults:
        """The turns matching `query`, best first (BM25F).

        At most `limit` hits; the first `snippets` of them get a snippet with the matched
        words' offsets. Raises QueryError for a query that means nothing even after
        repair; repairs are described in `SearchResults.note`.
        """
        parsed = parse_query(query)
        from search_index.index.whoosh_query import compile_query

        wq = compile_query(parsed.node)
        plan = plan_of(parsed.node)
        limit = max(1, limit)
        with self._search_lock:
            for attempt in (1, 2):
                try:
                    hits, total = self._run(wq, plan, limit, snippets)
                    break
                except (QueryError, IndexUnavailableError):
                    raise
                except Exception as error:
                    # Another process may have committed (and removed merged segment files)
                    # under this searcher: reopen and try once more before blaming the index.
                    if attempt == 1 and self._drop_stale_searcher():
                        continue
                    raise IndexUnavailableError(
                        f"the index at {self.index_dir} is damaged ({type(error).__name__}); "
                        "open it again to rebuild it"
                    ) from None
        return SearchResults(query=query, hits=tuple(hits), total=total, note=parsed.note)

    def _run(self, wq: Any, plan: Any, limit: int, snippets: int) -> tuple[list[SearchHit], int]:
        searcher = self._current_searcher()
        results = _collect(searcher, wq, limit)
        hits: list[SearchHit] = []
        bodies = self._bodies
        for rank, hit in enumerate(results):
            stored = hit.fields()
            snippet = ""
            matches: tuple[tuple[int, int], ...] = ()
            if rank < snippets:
                text = bytes(bodies[hit.docnum]).decode("utf-8") if bodies else ""
                snippet, matches = make_snippet(text, spans_in(plan, text))
            hits.append(_hit(stored, float(hit.score or 0.0), snippet, matches))
        return hits, len(results)

    def _drop_stale_searcher(self) -> bool:
        """Forget the searcher if the index changed since it was opened; True if so."""
        searcher = self._searcher
        try:
            stale = searcher is not None and not searcher.up_to_date()
        except Exception:
            stale = True
        if stale:
            self._searcher = None
            with contextlib.suppress(Exception):
                searcher.close()
        return stale

    def _current_searcher(self) -> Any:
        if self._searcher is None:
            from search_index.index.schema import weighting

            self._searcher = self._ix.searcher(weighting=weighting())
            _preload_lengths(self._searcher, "text")
            try:
                self._bodies = self._searcher.reader().column_reader("body")
            except NotImplementedError:  # an empty index has no columns
                self._bodies = None
        elif not self._searcher.up_to_date():
            # Not Searcher.refresh(): its reader reuse keeps the old segment list, so
            # deletions and merges made since would stay invisible.
            stale, self._searcher = self._searcher, None
            stale.close()
            return self._current_searcher()
        return self._searcher

    # ------------------------------------------------------------------ facts

    def sources(self) -> list[Path]:
        """The source files the index holds turns of, sorted."""
        return [Path(src) for src, e in sorted(self._manifest.sources.items()) if not e.skipped]

    def roots(self) -> list[Path]:
        """The files and folders given to `update` so far, in the order first given."""
        return [Path(root) for root in self._manifest.roots]

    @property
    def turn_count(self) -> int:
        """How many turns the index holds."""
        with self._search_lock:
            return int(self._current_searcher().doc_count())

    def close(self) -> None:
        """Release the searcher's files."""
        with self._search_lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# ---------------------------------------------------------------------- helpers


class _Fresh(Exception):
    """There is no index yet."""


@dataclass(frozen=True)
class _Work:
    """A file to (re-)index: its place in the plan, key, path, content hash and stat."""

    order: int
    key: str
    path: Path
    digest: str
    stat: os.stat_result
    entry: SourceEntry | None


def _use_workers(files: int) -> bool:
    """Whether an update of `files` files should use worker processes.

    Only for big updates, and only from the main thread: forking a process that runs other
    threads (a Textual app, say) can deadlock the child, so the app indexes in-process.
    """
    return (
        files >= PARALLEL_FILES
        and min(WORKER_PROCESSES, os.cpu_count() or 1) > 1
        and threading.current_thread() is threading.main_thread()
    )


def _version() -> int:
    from search_index.index.schema import SCHEMA_VERSION

    return SCHEMA_VERSION


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


class _locked:
    """Hold the index's update lock, turning a timeout into a one-line user error."""

    def __init__(self, index_dir: Path, timeout: float) -> None:
        self.lock = IndexLock(index_dir)
        self.timeout = timeout

    def __enter__(self) -> IndexLock:
        try:
            self.lock.acquire(self.timeout)
        except LockTimeout:
            raise IndexUnavailableError(
                f"another pressroom process is updating the index at "
                f"{self.lock.path.parent}; waited {self.timeout:g} s, try again when it is done"
            ) from None
        except OSError as error:
            raise IndexUnavailableError(
                f"cannot lock the index at {self.lock.path.parent}: {error.strerror}"
            ) from None
        return self.lock

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def _store_files(index_dir: Path) -> dict[str, int]:
    store = index_dir / STORE_NAME
    return {
        entry.name: entry.stat().st_size
        for entry in sorted(store.iterdir(), key=lambda e: e.name)
        if entry.is_file() and not entry.name.endswith("LOCK") and not entry.name.startswith(".")
    }


def _create(index_dir: Path, manifest: Manifest) -> tuple[Any, Manifest]:
    """A new empty index (replacing whatever is in the store folder) and its manifest."""
    from whoosh.index import create_in

    from search_index.index.schema import build_schema

    store = index_dir / STORE_NAME
    if store.exists():
        shutil.rmtree(store)
    store.mkdir(parents=True)
    ix = create_in(str(store), build_schema(), indexname=INDEX_NAME)
    manifest = manifest.model_copy(
        update={"generation": ix.latest_generation(), "files": _store_files(index_dir)}
    )
    save_manifest(index_dir, manifest)
    return ix, manifest


def _open_checked(index_dir: Path) -> tuple[Any, Manifest]:
    """Open the index and check it can be used: _Fresh if none, _Damaged if not usable."""
    from whoosh.index import EmptyIndexError, exists_in, open_dir

    from search_index.index.schema import SCHEMA_VERSION, build_schema, schema_signature

    store = index_dir / STORE_NAME
    try:
        manifest: Manifest | None = load_manifest(index_dir)
        manifest_problem = None
    except ManifestError as error:
        manifest, manifest_problem = None, str(error)
    try:
        present = store.is_dir() and exists_in(str(store), indexname=INDEX_NAME)
    except Exception as error:
        raise _Damaged(f"unreadable ({type(error).__name__})") from None
    if not present:
        if manifest is None and manifest_problem is None:
            raise _Fresh()
        raise _Damaged("missing its data files")
    if manifest is not None and manifest.schema_version != SCHEMA_VERSION:
        older = "an older" if manifest.schema_version < SCHEMA_VERSION else "a newer"
        raise _Damaged(f"built by {older} version of pressroom (schema {manifest.schema_version})")
    try:
        ix = open_dir(str(store), indexname=INDEX_NAME)
    except EmptyIndexError:
        raise _Damaged("missing its table of contents") from None
    except Exception as error:
        raise _Damaged(f"unreadable ({type(error).__name__})") from None
    if schema_signature(ix.schema) != schema_signature(build_schema()):
        raise _Damaged("built with different fields (an older version of pressroom)")
    generation = ix.latest_generation()
    if manifest is not None and manifest.generation == generation:
        on_disk = _store_files(index_dir)
        for name, size in manifest.files.items():
            if name.endswith(".toc") or name.endswith("LOCK"):
                continue
            if name not in on_disk:
                raise _Damaged(f"damaged (file {name} is missing)")
            if on_disk[name] != size:
                raise _Damaged(f"damaged (file {name} has the wrong size)")
    try:
        with ix.searcher() as searcher:
            count = searcher.doc_count_all()
            if count:
                searcher.stored_fields(0)
                searcher.stored_fields(count - 1)
            list(searcher.lexicon("source_state"))
    except Exception as error:
        raise _Damaged(f"damaged ({type(error).__name__})") from None
    if manifest is None or manifest.generation != generation:
        # Crash between commit and manifest write, or a lost manifest: the index rules.
        manifest = _manifest_from_index(ix, manifest)
        manifest.generation = generation
        manifest.files = _store_files(index_dir)
        with contextlib.suppress(OSError):
            save_manifest(index_dir, manifest)
    return ix, manifest


def _manifest_from_index(ix: Any, old: Manifest | None) -> Manifest:
    """The manifest as the index's lexicon tells it; old entries it lacks become pending."""
    from search_index.index.schema import SCHEMA_VERSION

    sources: dict[str, SourceEntry] = {}
    with ix.searcher() as searcher:
        for raw in searcher.lexicon("source_state"):
            text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
            digest, _, src = text.partition("\t")
            before = old.sources.get(src) if old else None
            if before is not None and before.hash == digest:
                sources[src] = before
            else:
                sources[src] = SourceEntry(hash=digest)
    if old is not None:
        for src, entry in old.sources.items():
            if src not in sources:
                # Known but not in the index: skipped files stay as they were; files
                # that should be there are redone by the next update.
                sources[src] = entry if entry.skipped else SourceEntry(hash=None)
    return Manifest(
        schema_version=SCHEMA_VERSION,
        generation=ix.latest_generation(),
        roots=old.roots if old else [],
        sources=sources,
    )


def turn_documents(transcript: Transcript, source: str, digest: str) -> Iterable[dict[str, Any]]:
    """The Whoosh documents (one per turn) of a transcript read from `source`."""
    title = transcript.title or Path(source).stem
    when = dt.datetime.combine(transcript.date, dt.time.min) if transcript.date else None
    by_turn: dict[int, tuple[int, str, str]] = {}
    for exchange in transcript.exchanges:
        # asker: and outlet: match the reporter's name and their outlet alike.
        names = exchange.asker
        if exchange.outlet and exchange.outlet != exchange.asker:
            names = f"{exchange.asker} ; {exchange.outlet}"
        entry = (exchange.index, exchange.asker, names)
        for index in (exchange.question_turn, *exchange.question_turns, *exchange.answer_turns):
            by_turn[index] = entry
    kinds = {s.name: s for s in transcript.speakers}
    state = f"{digest}\t{source}"
    for turn in transcript.turns:
        speaker = kinds.get(turn.speaker)
        names = " ; ".join((turn.speaker, *(speaker.aliases if speaker else ())))
        doc: dict[str, Any] = {
            "transcript": transcript.id,
            "title": title,
            "source": source,
            "source_state": state,
            "turn": turn.index,
            "speaker": turn.speaker,
            "speaker_text": names,
            "kind": (speaker.kind if speaker else SpeakerKind.OTHER).value,
            "text": turn.text,
            "body": turn.text.encode("utf-8"),
        }
        if when is not None:
            doc["date"] = when
        in_exchange = by_turn.get(turn.index)
        if in_exchange is not None:
            doc["exchange"], doc["asker"], doc["asker_text"] = in_exchange
        if turn.text:
            doc["figures"] = turn.text
        yield doc


def _collect(searcher: Any, query: Any, limit: int) -> Any:
    """The top `limit` hits, every match counted.

    Whoosh's default collector skips blocks that cannot reach the top hits and every ten
    hits swaps the matcher for one without the sub-queries that can no longer contribute;
    the total then has to be found by running the query again. Here neither happens: the
    collector scores every match once and its count is exact. (With skipping off but
    swapping on, which is what `optimize=False` gives, Whoosh undercounts OR queries.)
    """
    from whoosh.collectors import TopCollector

    collector = TopCollector(limit=limit, usequality=_SKIPPING, replace=10 if _SKIPPING else 0)
    searcher.search_with_collector(query, collector)
    return collector.results()


_SKIPPING = False


def _preload_lengths(searcher: Any, field: str) -> None:
    """Read a field's per-document lengths into memory, once per searcher.

    BM25F needs each scored document's length; Whoosh reads it from the column file with a
    seek and a read per document, a tenth of a query's time. The column is one byte per
    document, so it is read whole instead. Private Whoosh structures: on any surprise,
    leave things as they are.
    """
    try:
        for leaf, _offset in searcher.reader().leaf_readers():
            perdoc = leaf._perdoc
            name = f"_{field}_len"
            column = perdoc._cached_reader(name, _lengths_column())
            if column is None or not hasattr(column, "_dbfile"):
                continue
            raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
            if column._fixedlen == 1 and len(raw) == column._count:
                perdoc._readers[name] = _Lengths(raw, column._doccount)
    except Exception:  # pragma: no cover - a Whoosh internals change; stay correct
        return


def _lengths_column() -> Any:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    return LENGTHS_COLUMN


class _Lengths:
    """A length column held in memory: byte per document, 0 past the end."""

    def __init__(self, raw: bytes, doccount: int) -> None:
        self._raw = raw
        self._count = len(raw)
        self._doccount = doccount

    def __getitem__(self, docnum: int) -> int:
        return self._raw[docnum] if docnum < self._count else 0

    def __len__(self) -> int:
        return self._doccount


def _hit(
    stored: dict[str, Any], score: float, snippet: str, matches: tuple[tuple[int, int], ...]
) -> SearchHit:
    when = stored.get("date")
    return SearchHit(
        transcript=stored["transcript"],
        title=stored.get("title") or "",
        date=when.date() if isinstance(when, dt.datetime) else None,
        source=stored.get("source", ""),
        turn=int(stored.get("turn", 0)),
        speaker=stored.get("speaker", ""),
        speaker_kind=SpeakerKind(stored.get("kind", SpeakerKind.OTHER.value)),
        exchange=stored.get("exchange"),
        asker=stored.get("asker"),
        score=round(score, 4),
        snippet=snippet,
        matches=matches,
    )
