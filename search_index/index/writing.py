"""Carrying out an update plan: delete the turns that go, index the files that changed.

Small updates index in-process with one Whoosh writer; big ones hand whole files to worker
processes (`parallel.py`). Either way nothing is visible until the one commit at the end,
and an error or interrupt before it leaves the index as it was.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search_index.errors import IndexUnavailableError
from search_index.index.documents import FileOutcome, index_file
from search_index.index.hits import IndexProgress
from search_index.index.manifest import SourceEntry
from search_index.index.parsed import ParsedStore
from search_index.index.plan import UpdatePlan, Work

#: From how many files to write an update hands files to worker processes.
PARALLEL_FILES = 40
#: Worker processes for big updates (at most the CPU count).
WORKER_PROCESSES = 2
#: Files in each job handed to a worker.
FILES_PER_JOB = 4
#: Memory budget of each Whoosh writer, in MB.
WRITER_LIMIT_MB = 256

ProgressCallback = Callable[[IndexProgress], None]


@dataclass
class Applied:
    """What carrying out a plan did, beyond the plan's own lists."""

    added: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    turns: int = 0
    cancelled: bool = False


def use_workers(files: int) -> bool:
    """Whether an update of `files` files should use worker processes: only for big
    updates, on a machine with more than one CPU.

    Any thread may start them (the app indexes from a thread worker): they are spawned, a
    fresh interpreter each, so they inherit no lock and no thread state of the parent.
    """
    return files >= PARALLEL_FILES and min(WORKER_PROCESSES, os.cpu_count() or 1) > 1


class _Recorder:
    """Turns each file's outcome into the report's lists and the manifest's entry."""

    def __init__(self, plan: UpdatePlan, progress: ProgressCallback | None) -> None:
        self.plan = plan
        self.applied = Applied()
        self.done = 0
        self._progress = progress

    def record(self, item: Work, outcome: FileOutcome) -> None:
        applied = self.applied
        self.done += 1
        applied.turns += outcome.turns
        if outcome.reason is not None:
            applied.skipped.append((item.path, outcome.reason))
            if item.was_indexed:
                applied.removed.append(item.path)
        elif item.was_indexed and item.entry is not None and item.entry.hash is not None:
            applied.updated.append(item.path)
        else:
            applied.added.append(item.path)
        self.plan.manifest.sources[item.key] = SourceEntry(
            hash=item.digest,
            size=item.size,
            mtime_ns=item.mtime_ns,
            seen_ns=self.plan.seen_ns,
            transcript=outcome.transcript,
            turns=outcome.turns,
            skipped=outcome.reason,
        )

    def report(self, current: Path | None) -> None:
        if self._progress is not None:
            self._progress(
                IndexProgress(
                    files_done=self.done,
                    files_total=len(self.plan.work),
                    turns_done=self.applied.turns,
                    current=current,
                )
            )


def apply_plan(
    ix: Any,
    plan: UpdatePlan,
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> Applied:
    """Carry out `plan` on the index `ix` and record each file in `plan.manifest`."""
    recorder = _Recorder(plan, progress)
    if not plan.writes:
        recorder.report(None)
        return recorder.applied
    parallel = use_workers(len(plan.work))
    writer = _writer(ix, parallel)
    try:
        for key in plan.deletions:
            writer.delete_by_term("source", key)
        if parallel:
            _index_in_workers(writer, recorder, cancel)
            # Workers finish files in any order: report them in the plan's order.
            rank = {item.path: item.order for item in plan.work}
            recorder.applied.added.sort(key=rank.__getitem__)
            recorder.applied.updated.sort(key=rank.__getitem__)
        else:
            _index_here(writer, recorder, cancel)
        writer.commit()
    except BaseException:
        if parallel:
            writer.abort()
        else:
            writer.cancel()
        raise
    return recorder.applied


def _writer(ix: Any, parallel: bool) -> Any:
    if parallel:
        from search_index.index.parallel import FileMpWriter

        return FileMpWriter(
            ix,
            procs=WORKER_PROCESSES,
            batchsize=FILES_PER_JOB,
            limitmb=WRITER_LIMIT_MB,
            compound=False,
        )
    from search_index.index.whoosh_writing import TurnWriter

    return TurnWriter(ix, limitmb=WRITER_LIMIT_MB, compound=False, timeout=5.0)


def _index_here(writer: Any, recorder: _Recorder, cancel: threading.Event | None) -> None:
    store = ParsedStore(Path(writer.storage.folder).parent)
    for item in recorder.plan.work:
        recorder.report(item.path)
        if cancel is not None and cancel.is_set():
            recorder.applied.cancelled = True
            break
        outcome = index_file(writer, item.order, item.key, item.path, item.digest, store)
        recorder.record(item, outcome)
    recorder.report(None)


def _index_in_workers(writer: Any, recorder: _Recorder, cancel: threading.Event | None) -> None:
    """Hand the files to worker processes and record what they report."""
    work = recorder.plan.work

    def take(outcome: FileOutcome) -> None:
        recorder.record(work[outcome.order], outcome)
        following = outcome.order + 1
        recorder.report(work[following].path if following < len(work) else None)

    recorder.report(work[0].path)
    submitted = 0
    for item in work:
        if cancel is not None and cancel.is_set():
            recorder.applied.cancelled = True
            break
        writer.add_file(item.order, item.key, item.path, item.digest)
        submitted += 1
        for outcome in writer.ready():
            take(outcome)
    writer.flush()
    while recorder.done < submitted:
        outcome = writer.wait(0.2)
        if outcome is not None:
            take(outcome)
        elif not writer.alive():
            writer.ready()  # a worker that failed to write said why: raise that
            raise IndexUnavailableError("an indexing worker process died; nothing was changed")
