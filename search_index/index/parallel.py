"""Indexing many files at once: worker processes that parse and index whole files.

Whoosh's MpWriter farms out *documents*: the parent parses every file, pickles each turn
into a job file, and the workers only index. Parsing and figure extraction are then stuck
in the parent, which becomes the bottleneck. This writer farms out *files* instead: a job is
a handful of paths, and each worker reads, parses and indexes them into its own segment,
reporting per file what it found on a queue. The parent only plans and commits.
"""

from __future__ import annotations

import pickle
import queue
import signal
import threading
from multiprocessing import Queue
from pathlib import Path
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

from search_index.index.documents import FileOutcome, index_file

_FILE_JOB = 1


class _FileTask(SubWriterTask):  # type: ignore[misc]
    """A worker process: indexes the files of each job into its own segment."""

    def __init__(self, *args: Any, outcomes: Any) -> None:
        super().__init__(*args)
        self.outcomes = outcomes

    def run(self) -> None:
        # Ctrl-C reaches every process of the terminal's group: the parent decides (stop
        # after the files handed out, or abort and terminate us), so workers ignore it.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        super().run()

    def _process_file(self, filename: str, doc_count: int) -> None:
        writer = self.writer
        tempstorage = writer.temp_storage()
        with tempstorage.open_file(filename).raw_file() as handle:
            for _ in range(doc_count):
                code, args = pickle.load(handle)
                if code == _FILE_JOB:
                    self.outcomes.put(index_file(writer, **args))
                else:
                    writer.add_document(**args)
        tempstorage.delete_file(filename)


class FileMpWriter(MpWriter):  # type: ignore[misc]
    """An MpWriter whose jobs are files to parse and index (see the module docstring).

    `outcomes()` yields each file's FileOutcome as workers finish it; everything a worker
    reports is read by a background thread so that no worker ever blocks on a full pipe.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._outcome_queue: Any = Queue()
        self._received: queue.Queue[FileOutcome] = queue.Queue()
        self._expected = 0
        self._reader: threading.Thread | None = None

    def _new_task(self) -> Any:
        task = _FileTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
            outcomes=self._outcome_queue,
        )
        self.tasks.append(task)
        task.start()
        if self._reader is None:
            self._reader = threading.Thread(target=self._pump, daemon=True)
            self._reader.start()
        return task

    def _pump(self) -> None:
        while True:
            item = self._outcome_queue.get()
            if item is None:
                return
            self._received.put(item)

    def add_file(self, order: int, key: str, path: Path, digest: str) -> None:
        """Queue one file for a worker."""
        self.docbuffer.append(
            (_FILE_JOB, {"order": order, "key": key, "path": path, "digest": digest})
        )
        self._expected += 1
        if len(self.docbuffer) >= self.batchsize:
            self._enqueue()
        self._added_sub = True

    def ready(self) -> list[FileOutcome]:
        """Outcomes received so far and not yet returned."""
        found: list[FileOutcome] = []
        while True:
            try:
                found.append(self._received.get_nowait())
            except queue.Empty:
                return found

    def wait(self, timeout: float) -> FileOutcome | None:
        """The next outcome, waiting up to `timeout` seconds."""
        try:
            return self._received.get(timeout=timeout)
        except queue.Empty:
            return None

    def flush(self) -> None:
        """Send the files still buffered to the workers."""
        if self.docbuffer:
            self._enqueue()

    def commit(self, *args: Any, **kwargs: Any) -> None:
        """Let the workers finish, then write their segments into the index."""
        try:
            super().commit(*args, **kwargs)
        finally:
            self._stop_pump()

    def abort(self) -> None:
        """Stop the workers at once and discard everything (for errors and interrupts)."""
        tasks: list[Any] = list(self.tasks)
        for task in tasks:
            if task.is_alive():
                task.terminate()
        for task in tasks:
            task.join(5)
        self._stop_pump()
        self.tasks.clear()
        super().cancel()

    def _stop_pump(self) -> None:
        if self._reader is not None:
            self._outcome_queue.put(None)
            self._reader.join(10)
            self._reader = None
