"""Indexing many files at once: worker processes that parse and index whole files.

Whoosh's MpWriter farms out *documents*: the parent parses every file and the workers only
index, so parsing and figure extraction stay stuck in the parent. Here a job is a handful
of files: each worker reads, parses and indexes them into a segment of its own and says
per file what it found. The parent plans, deletes, and commits the workers' segments with
its own changes in one table of contents: nothing is visible before that commit.

The workers are *spawned*, not forked: they inherit no open file (so no lock of the
parent's) and no thread state. Each watches its parent and exits at once if the parent
dies, so a killed `pressroom index` leaves no worker behind.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search_index.errors import IndexUnavailableError
from search_index.index.documents import FileOutcome, index_file
from search_index.index.parsed import ParsedStore
from search_index.index.whoosh_writing import TurnWriter

#: How long the parent waits on a queue before checking the workers are alive, in seconds.
_POLL = 0.2


@dataclass(frozen=True)
class _Failure:
    """A worker could not write (a full disk, say): raised again in the parent."""

    errno: int | None
    message: str


def _die_with_parent() -> None:
    """In a worker: exit as soon as the parent process is gone (its sentinel closes)."""
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - always a child here
        return
    sentinel = parent.sentinel

    def watch() -> None:
        wait([sentinel])
        os._exit(70)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _work(
    storage: Any,
    indexname: str,
    jobs: Any,
    outcomes: Any,
    segments: Any,
    options: dict[str, Any],
) -> None:
    """A worker process: index the files of each job into one segment of its own."""
    _die_with_parent()
    # Ctrl-C reaches every process of the terminal's group: the parent decides (stop after
    # the files handed out, or abort and stop us), so workers ignore it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ix = storage.open_index(indexname)
        writer = TurnWriter(ix, _lk=False, **options)
        store = ParsedStore(Path(storage.folder).parent)
        while True:
            job = jobs.get()
            if job is None:
                break
            for order, key, path, digest in job:
                outcomes.put(index_file(writer, order, key, Path(path), digest, store))
        if writer._added:
            segments.put(writer._finalize_segment())
        else:
            writer._close_segment()
            segments.put(None)
    except OSError as error:
        outcomes.put(_Failure(error.errno, error.strerror or str(error)))
        raise SystemExit(1) from None


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, which the queues need, even when
    `sys.stderr` is no file (an app that captures it, as Textual does): the tracker is
    handed the descriptor of `sys.stderr`, and fails on a stream without one. It gets
    the null device then, so that nothing it says lands on the app's screen."""
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        return  # it starts itself when first needed
    saved = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as null:
        sys.stderr = null
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


class FileMpWriter(TurnWriter):
    """The parent's writer of a parallel update (see the module docstring).

    `add_file` queues a file; `ready`/`wait` give each file's FileOutcome as a worker
    finishes it; `commit` adds the workers' segments to the index; `abort` stops them and
    discards everything. Deletions go through the writer as usual.
    """

    def __init__(self, ix: Any, procs: int, batchsize: int, **options: Any) -> None:
        super().__init__(ix, **options)
        _start_resource_tracker()
        context = multiprocessing.get_context("spawn")
        self.batchsize = batchsize
        self._jobs: Any = context.Queue(procs * 4)
        self._outcomes: Any = context.Queue()
        self._segments: Any = context.Queue()
        self._buffer: list[tuple[int, str, str, str]] = []
        self.tasks = [
            context.Process(
                target=_work,
                args=(
                    self.storage,
                    self.indexname,
                    self._jobs,
                    self._outcomes,
                    self._segments,
                    options,
                ),
                name=f"pressroom-indexer-{n}",
                daemon=True,
            )
            for n in range(procs)
        ]
        for task in self.tasks:
            task.start()

    def add_file(self, order: int, key: str, path: Path, digest: str) -> None:
        """Queue one file for a worker."""
        self._buffer.append((order, key, str(path), digest))
        if len(self._buffer) >= self.batchsize:
            self.flush()

    def flush(self) -> None:
        """Send the files still buffered to the workers."""
        if self._buffer:
            self._put(self._buffer)
            self._buffer = []

    def ready(self) -> list[FileOutcome]:
        """Outcomes received so far and not yet returned."""
        found: list[FileOutcome] = []
        while True:
            try:
                found.append(_checked(self._outcomes.get_nowait()))
            except queue.Empty:
                return found

    def wait(self, timeout: float) -> FileOutcome | None:
        """The next outcome, waiting up to `timeout` seconds."""
        try:
            return _checked(self._outcomes.get(timeout=timeout))
        except queue.Empty:
            return None

    def alive(self) -> bool:
        """Whether every worker is still running (or finished its work cleanly)."""
        return all(task.is_alive() or task.exitcode == 0 for task in self.tasks)

    def commit(self, mergetype: Any = None, optimize: Any = None, merge: Any = None) -> None:
        """Let the workers finish, then commit their segments with this writer's changes."""
        self.flush()
        for _ in self.tasks:
            self._put(None)
        finals = self._merge_segments(mergetype, optimize, merge)
        for _ in self.tasks:
            segment = self._get(self._segments)
            if segment is not None:
                finals.append(segment)
        for task in self.tasks:
            task.join()
        if self._added:
            finals.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finals)
        self._finish()

    def abort(self) -> None:
        """Stop the workers at once and discard everything (for errors and interrupts)."""
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
        for task in self.tasks:
            task.join(5)
        if not self.is_closed:
            self.cancel()

    def _put(self, item: Any) -> None:
        while True:
            try:
                self._jobs.put(item, timeout=_POLL)
                return
            except queue.Full:
                self._check_workers()

    def _get(self, source: Any) -> Any:
        while True:
            try:
                return source.get(timeout=_POLL)
            except queue.Empty:
                self._check_workers()

    def _check_workers(self) -> None:
        if not self.alive():
            self.ready()  # a worker that failed to write said why: raise that
            raise IndexUnavailableError("an indexing worker process died; nothing was changed")


def _checked(item: FileOutcome | _Failure) -> FileOutcome:
    if isinstance(item, _Failure):
        raise OSError(item.errno, item.message)
    return item
