"""What the main screen's thread workers run: each job calls the domain and posts messages.

A job never touches a widget. It is given `post` (the screen's thread-safe
`post_message`) and `cancel` (its worker's cancelled event) first, and reports everything it
learns as a message from `tui.messages`; the screen's handlers own every change. Being
plain functions, the jobs can be run and checked without an app; `start` runs one in a
thread worker of a screen.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import get_current_worker

from search_index.errors import PressroomError
from tui import messages
from tui.view_model import HitRef, LibraryReader, LibraryView, Outline, map_hits

if TYPE_CHECKING:
    from search_index.index import IndexProgress, LibraryIndex
    from search_index.index.parsed import ParsedLookup

Post = Callable[[Message], object]
"""How a job reports: the screen's `post_message`."""

P = ParamSpec("P")

#: What each job does, for the one-line report of a worker that crashed (by worker group).
TASKS = {
    "library": "Loading the library",
    "index": "Indexing",
    "figures": "Finding figures",
    "search": "Searching",
}
#: Groups whose jobs run side by side; in the others a new job cancels the one running.
SIDE_BY_SIDE = frozenset({"figures"})


def start(
    node: DOMNode,
    group: str,
    job: Callable[Concatenate[Post, threading.Event, P], None],
    *args: P.args,
    **kwargs: P.kwargs,
) -> None:
    """Run `job(post, cancel, *args)` in a thread worker of `node` in `group`.

    The job posts to `node`; a crash is reported to `node` as a worker state change.
    """

    def work() -> None:
        job(node.post_message, get_current_worker().cancelled_event, *args, **kwargs)

    node.run_worker(
        work, thread=True, exclusive=group not in SIDE_BY_SIDE, exit_on_error=False, group=group
    )


#: While a large library is read, the growing library is shown about this often (seconds).
LIBRARY_REPORT_EVERY = 1.0
#: Hits asked of the index per query.
SEARCH_LIMIT = 200


def read_library(
    post: Post,
    cancel: threading.Event,
    sources: Sequence[Path],
    index_dir: Path | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Read every source, one file at a time (`LibraryReader`).

    The first briefing is reported as soon as it is read (so the first screen does not
    wait for a large library), then the growing library about once a second, then the
    whole library with the files skipped. Nothing more is posted once `cancel` is set.

    Files the index at `index_dir` holds are loaded as it kept them, not parsed again.
    When it lacks so many that an update would use worker processes (the first open of a
    large library), the index is brought up to date right after the first briefing is
    shown — parsed by the workers, with the progress `update_index` reports — and the
    rest is then loaded as they kept it: each file is parsed once, in parallel, not here
    and again for the index.
    """
    from search_index.index.parsed import ParsedLookup

    lookup = ParsedLookup.of_folder(index_dir)
    reader = LibraryReader(sources, lookup)
    index_first = True  # until the first briefing is shown, when it is decided
    reported, last_report = 0, clock()
    for _step in reader.read(cancel):
        now = clock()
        grown = len(reader.outlines) > reported
        due = reported == 0 or now - last_report >= LIBRARY_REPORT_EVERY
        if grown and due and not reader.complete:
            post(
                messages.LibraryLoaded(
                    reader.view(), done=reader.done, total=reader.total, complete=False
                )
            )
            reported, last_report = len(reader.outlines), now
        if index_first and reported and not reader.complete:
            index_first = False
            if _index_in_workers_first(lookup, sources):
                _index_ahead(post, cancel, index_dir, sources)
                lookup.reload()
    if not cancel.is_set():
        post(
            messages.LibraryLoaded(
                reader.view(), tuple(reader.problems), done=reader.done, total=reader.total
            )
        )


def _index_in_workers_first(lookup: ParsedLookup, sources: Sequence[Path]) -> bool:
    """Whether the index lacks so many of the files that its update would hand them to
    worker processes (told by their size and time alone)."""
    from search_index.index.writing import use_workers
    from search_index.library import gather_sources

    found, _missing = gather_sources(sources)
    return use_workers(lookup.unknown(found))


def update_index(
    post: Post, cancel: threading.Event, index_dir: Path | None, sources: Sequence[Path]
) -> None:
    """Open the index and bring it up to date with the sources, reporting progress.

    When the index folder cannot be used (it cannot be created, written or locked), the
    session indexes into a temporary folder instead, and `IndexReady.notice` says so once.
    """
    progress = _progress(post)
    try:
        index, summary = _open_and_update(index_dir, sources, progress, cancel)
    except (PressroomError, OSError) as error:
        if not cancel.is_set():
            _use_a_temporary_index(post, cancel, _reason(error), sources, progress)
        return
    post(messages.IndexReady(index, summary))


def _use_a_temporary_index(
    post: Post,
    cancel: threading.Event,
    problem: str,
    sources: Sequence[Path],
    progress: Callable[[IndexProgress], None],
) -> None:
    """Index the sources into a new temporary folder, since the index folder failed with
    `problem`; the screen deletes the folder on quitting."""
    try:
        temporary = Path(tempfile.mkdtemp(prefix="pressroom-index-"))
    except OSError as failure:
        post(messages.IndexFailed(f"{problem}; no temporary folder either: {_reason(failure)}"))
        return
    try:
        index, summary = _open_and_update(temporary, sources, progress, cancel)
    except (PressroomError, OSError) as failure:
        shutil.rmtree(temporary, ignore_errors=True)
        post(messages.IndexFailed(f"{problem}; a temporary index failed too: {_reason(failure)}"))
        return
    if cancel.is_set():  # the app is closing: nobody but this job will delete the folder
        index.close()
        shutil.rmtree(temporary, ignore_errors=True)
        return
    notice = (
        f"The index folder cannot be used ({problem}): this session searches a temporary "
        "index, built now and deleted on quitting."
    )
    post(messages.IndexReady(index, summary, notice=notice, temporary=temporary))


def _open_and_update(
    folder: Path | None,
    sources: Sequence[Path],
    progress: Callable[[IndexProgress], None],
    cancel: threading.Event,
) -> tuple[LibraryIndex, str]:
    """The index in `folder`, brought up to date with `sources`, and the update's summary."""
    from search_index.index import LibraryIndex

    index = LibraryIndex.open(folder)
    try:
        return index, index.update(list(sources), progress=progress, cancel=cancel).summary()
    except BaseException:
        index.close()
        raise


def _reason(error: BaseException) -> str:
    """A one-line reason for an error (an OSError by its message, not its repr)."""
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror}{where}"
    return str(error)


def _index_ahead(
    post: Post, cancel: threading.Event, index_dir: Path | None, sources: Sequence[Path]
) -> None:
    """Bring the index up to date with the sources, reporting progress as `update_index`
    does, and close it. Whatever goes wrong is left to `update_index`, which runs once
    the library is read (the files are then parsed here) and says why: reading the
    library must not stop for it."""
    from search_index.index import LibraryIndex

    try:
        with LibraryIndex.open(index_dir) as index:
            index.update(list(sources), progress=_progress(post), cancel=cancel)
    except Exception:
        return


def _progress(post: Post) -> Callable[[IndexProgress], None]:
    """An update's progress callback that posts each report to the screen."""

    def progress(report: IndexProgress) -> None:
        current = "" if report.current is None else report.current.name
        post(messages.IndexProgressed(report.files_done, report.files_total, current))

    return progress


def find_figures(post: Post, cancel: threading.Event, outline: Outline) -> None:
    """Extract the figures of every turn of one transcript (a bare "$" is the dollar the
    transcript implies, as in `figures_of_transcript`)."""
    from search_index.figures import extract_figures, implied_dollar

    transcript = outline.transcript
    dollar = implied_dollar(transcript)
    found = {turn.index: tuple(extract_figures(turn, dollar)) for turn in transcript.turns}
    post(messages.FiguresFound(outline.transcript.id, found))


def search(
    post: Post, cancel: threading.Event, query: str, library: LibraryView, index: LibraryIndex
) -> None:
    """Run a query and map its hits onto the library (nothing is posted once cancelled)."""
    from search_index.index import match_spans

    try:
        results = index.search(query, limit=SEARCH_LIMIT, snippets=0)
    except PressroomError as error:
        post(messages.SearchFailed(query, str(error)))
        return
    if cancel.is_set():
        return
    hits = [HitRef(hit.transcript, hit.turn) for hit in results.hits]
    outcome = map_hits(
        library,
        query,
        hits,
        match_spans,
        results.total,
        results.note,
        cancelled=cancel.is_set,
        partial=results.partial,
    )
    if outcome is not None:
        post(messages.SearchFinished(outcome))
