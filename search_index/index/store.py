"""LibraryIndex: the Whoosh index of a library of transcripts, kept in step with its files.

The facade of this package: opening (and rebuilding a damaged index), updating, searching.
The work is done by `folder.py` (what may be written where), `lock.py`, `opening.py`
(checking and creating the index), `plan.py` (what an update must do), `writing.py`
(doing it) and `searching.py` (running a query).
"""

from __future__ import annotations

import contextlib
import errno
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from search_index.errors import IndexUnavailableError, PressroomError, QueryError
from search_index.index.folder import STORE_NAME, claim, clean_store, mark_damaged
from search_index.index.highlight import MatchPlan, plan_of
from search_index.index.hits import IndexReport, SearchHit, SearchResults
from search_index.index.lock import DEFAULT_TIMEOUT, IndexLock
from search_index.index.manifest import (
    Manifest,
    SourceEntry,
    save_manifest,
)
from search_index.index.opening import (
    Damaged,
    Fresh,
    create_index,
    live_segments,
    open_checked,
    record_store,
    renew_stamps,
    schema_version,
    surviving_manifest,
    verify_store,
)
from search_index.index.parsed import prune_parsed
from search_index.index.paths import default_index_dir
from search_index.index.plan import absolute, plan_update
from search_index.index.query import parse_query
from search_index.index.searching import KeptSearcher, run_query
from search_index.index.writing import ProgressCallback, apply_plan

if TYPE_CHECKING:
    from search_index.index.candidates import CandidateTurn

#: How long a search may run before it returns the best hits found so far, in seconds.
DEFAULT_TIME_LIMIT = 10.0


def _write_failure(index_dir: Path, error: OSError) -> IndexUnavailableError:
    if error.errno == errno.ENOSPC:
        return IndexUnavailableError(
            f"no space left on the disk of the index at {index_dir}: nothing was changed; "
            "free some space and run `pressroom index` again"
        )
    return IndexUnavailableError(
        f"cannot write the index at {index_dir} ({error.strerror or error}): nothing was changed"
    )


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
        self._kept = KeptSearcher()
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
        lock_timeout: float = DEFAULT_TIMEOUT,
        progress: ProgressCallback | None = None,
    ) -> LibraryIndex:
        """Open the index in `index_dir` (default: `default_index_dir()`).

        A missing index is created (or, with create=False, IndexUnavailableError is
        raised). A damaged index, or one built with another schema, is rebuilt from the
        sources its manifest lists; `notice` then says so.
        """
        index_dir = Path(index_dir) if index_dir is not None else default_index_dir()
        claim(index_dir, create=False)
        if not create and not (index_dir / STORE_NAME).is_dir():
            raise IndexUnavailableError(
                f"no index at {index_dir}: build one with `pressroom index PATH`"
            )
        claim(index_dir)
        try:
            return cls._open_claimed(index_dir, lock_timeout, progress)
        except OSError as error:
            raise _write_failure(index_dir, error) from None

    @classmethod
    def _open_claimed(
        cls, index_dir: Path, lock_timeout: float, progress: ProgressCallback | None
    ) -> LibraryIndex:
        try:
            ix, manifest = open_checked(index_dir)
        except Damaged as damage:
            return cls._recover(index_dir, str(damage), lock_timeout, progress)
        except Fresh:
            with IndexLock(index_dir, lock_timeout):
                try:
                    ix, manifest = open_checked(index_dir)
                except Fresh:
                    ix, manifest = create_index(
                        index_dir, Manifest(schema_version=schema_version())
                    )
                except Damaged as damage:
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
        with IndexLock(index_dir, lock_timeout) as lock:
            # Another process may have repaired it while we waited.
            try:
                ix, manifest = open_checked(index_dir)
                return cls(index_dir, ix, manifest)
            except (Damaged, Fresh):
                pass
            library = cls(index_dir, None, Manifest(schema_version=schema_version()))
            library._rebuild_locked(lock, problem, progress)
            return library

    def _rebuild_locked(
        self, lock: IndexLock, problem: str, progress: ProgressCallback | None
    ) -> None:
        """Start a new index and fill it from the sources the old one knew of."""
        old = surviving_manifest(self.index_dir)
        fresh = Manifest(
            schema_version=schema_version(),
            roots=old.roots if old else [],
            sources={
                src: SourceEntry(hash=None)
                for src, entry in (old.sources.items() if old else ())
                if entry.skipped is None
            },
        )
        self.close()
        self._ix, self._manifest = create_index(self.index_dir, fresh)
        report = self._update_locked(lock, [], progress, None, rebuilt=True)
        if fresh.sources:
            message = (
                f"the index at {self.index_dir} was {problem}; rebuilt it from its "
                f"{len(report.added)} source file(s)"
            )
        else:
            message = (
                f"the index at {self.index_dir} was {problem} and listed no sources; "
                "started a new empty one: run `pressroom index PATH` to fill it"
            )
        self.notice = message
        self.recovery = report.model_copy(update={"rebuilt": True, "rebuilt_message": message})

    # ------------------------------------------------------------------ updating

    def update(
        self,
        paths: Sequence[Path],
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        *,
        lock_timeout: float = DEFAULT_TIMEOUT,
    ) -> IndexReport:
        """Bring the index in step with `paths` (files and folders, recursive).

        The paths join the library. Every known source is checked too: changed files are
        re-indexed, deleted ones removed; unchanged files cost a stat() each. The index's
        own files are checked against their checksums first; a damaged index is rebuilt.
        Waits up to `lock_timeout` seconds for another process's update, then raises
        IndexUnavailableError. On `cancel`, files done so far are committed and the report
        says `cancelled`.
        """
        with IndexLock(self.index_dir, lock_timeout) as lock:
            try:
                problem = self._reload_checked()
                if problem is not None:
                    self._rebuild_locked(lock, problem, progress)
                report = self._update_locked(lock, list(paths), progress, cancel)
            except OSError as error:
                raise _write_failure(self.index_dir, error) from None
        if self.recovery is not None:
            # The rebuild happened when the index was opened; say so once, here.
            report = report.model_copy(
                update={"rebuilt": True, "rebuilt_message": self.recovery.rebuilt_message}
            )
            self.recovery = None
        return report

    def _reload_checked(self) -> str | None:
        """Reopen the index as the last writer left it and read all of its files; why it
        must be rebuilt, or None. Only while holding the lock."""
        try:
            self._ix, self._manifest = open_checked(self.index_dir)
            # What a killed or failed update left (a full disk, say) goes first.
            clean_store(self.index_dir, live_segments(self._ix))
            if not self._manifest.checksums and self._manifest.files:
                # Written by a pressroom that kept no checksums: start keeping them.
                record_store(self.index_dir, self._manifest, self._manifest.generation)
                save_manifest(self.index_dir, self._manifest)
            began = time.time_ns()
            if verify_store(self.index_dir, self._manifest):
                # Files read in full were right: stamp them, so the next check only stats.
                renew_stamps(self.index_dir, self._manifest, began)
                save_manifest(self.index_dir, self._manifest)
        except Damaged as damage:
            return str(damage)
        except Fresh:
            return "missing its data files"
        return None

    def _update_locked(
        self,
        lock: IndexLock,
        paths: list[Path],
        progress: ProgressCallback | None,
        cancel: threading.Event | None,
        rebuilt: bool = False,
    ) -> IndexReport:
        assert lock.held
        began = time.perf_counter()
        known = self._manifest.sources
        plan = plan_update(self._manifest, paths)
        manifest = plan.manifest
        try:
            applied = apply_plan(self._ix, plan, progress, cancel)
            if plan.writes or manifest != self._manifest:
                record_store(self.index_dir, manifest, self._ix.latest_generation())
                save_manifest(self.index_dir, manifest)
                self._manifest = manifest
        except OSError as error:
            # Nothing new is in use: what this attempt wrote goes, so the next one has room.
            with contextlib.suppress(Exception):
                self._ix, self._manifest = open_checked(self.index_dir)
                clean_store(self.index_dir, live_segments(self._ix))
                prune_parsed(self.index_dir, self._manifest)
            raise _write_failure(self.index_dir, error) from None
        # The parsed transcripts of contents the index no longer holds go (and what an
        # update killed before its commit wrote).
        prune_parsed(self.index_dir, self._manifest)
        skipped = (*plan.skipped, *applied.skipped)
        # Files skipped for the same reason by an earlier update: known to the user already.
        skipped_before = tuple(
            path
            for path, reason in skipped
            if (entry := known.get(str(absolute(path)))) is not None and entry.skipped == reason
        )
        return IndexReport(
            added=tuple(applied.added),
            updated=tuple(applied.updated),
            removed=(*plan.removed, *applied.removed),
            unchanged=tuple(plan.unchanged),
            skipped=skipped,
            skipped_before=skipped_before,
            turns_indexed=applied.turns,
            rebuilt=rebuilt,
            cancelled=applied.cancelled,
            seconds=time.perf_counter() - began,
        )

    # ------------------------------------------------------------------ searching

    def search(
        self,
        query: str,
        limit: int = 100,
        snippets: int = 20,
        *,
        time_limit: float | None = DEFAULT_TIME_LIMIT,
    ) -> SearchResults:
        """The turns matching `query`, best first (BM25F).

        At most `limit` hits; the first `snippets` of them get a snippet with the matched
        words' offsets. Raises QueryError for a query that means nothing even after
        repair, or that would cost too much (query.py's limits); repairs are described in
        `SearchResults.note`. A search still running after `time_limit` seconds stops and
        returns the best hits of the turns looked at so far, with `partial` set.
        """
        parsed = parse_query(query)
        from search_index.index.whoosh_query import compile_query

        wq = compile_query(parsed.node)
        plan = plan_of(parsed.node)
        limit = max(1, limit)
        with self._search_lock:
            for attempt in (1, 2):
                try:
                    hits, total, partial = self._run(wq, plan, limit, snippets, time_limit)
                    break
                except (QueryError, IndexUnavailableError):
                    raise
                except Exception as error:
                    # Another process may have committed (and removed merged segment files)
                    # under this searcher: reopen and try once more before blaming the index.
                    if attempt == 1 and self._kept.drop_if_stale():
                        continue
                    raise self._search_failure(error) from None
        return SearchResults(
            query=query,
            hits=tuple(hits),
            total=total,
            note=parsed.note,
            partial=partial,
        )

    def candidates(
        self, text: str, *, terms: int = 10, limit: int = 40, phrases: Sequence[str] = ()
    ) -> list[CandidateTurn]:
        """Turns likely to hold `text` (by its rarest indexed words), the likeliest first.

        At most `limit` turns, each with its whole text: the candidates a quote check
        aligns a quote with; `terms` rare words at most are OR-ed, and each of `phrases`
        (words of the text that must sit side by side) is looked up first. Empty when the
        index holds none of the words. See `search_index.index.candidates`.
        """
        from search_index.index.candidates import find_candidates

        with self._search_lock:
            searcher = self._kept.current(self._ix)
            return find_candidates(
                searcher, self._kept.bodies, text, terms, max(1, limit), tuple(phrases)
            )

    def _run(
        self,
        wq: Any,
        plan: MatchPlan,
        limit: int,
        snippets: int,
        time_limit: float | None,
    ) -> tuple[list[SearchHit], int, bool]:
        return run_query(self._kept, self._ix, wq, plan, limit, snippets, time_limit)

    def _search_failure(self, error: Exception) -> PressroomError:
        """The one-line error for a search that failed: a query too deep to run, damage
        (checked against the files' checksums, and left for the next opening to repair),
        or neither."""
        if isinstance(error, RecursionError):
            return QueryError("the query is nested too deeply to run: use fewer brackets")
        try:
            verify_store(self.index_dir, self._manifest, full=True)
        except Damaged as damage:
            mark_damaged(self.index_dir, str(damage))
            return IndexUnavailableError(
                f"the index at {self.index_dir} is {damage}: it is rebuilt the next time "
                "it is opened (run `pressroom index`)"
            )
        detail = " ".join(str(error).split())[:120]
        return IndexUnavailableError(
            f"searching the index at {self.index_dir} failed ({type(error).__name__}: {detail})"
        )

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
            return int(self._kept.current(self._ix).doc_count())

    def close(self) -> None:
        """Release the searcher's files."""
        with self._search_lock:
            self._kept.close()

    def __enter__(self) -> LibraryIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
