"""The app indexes like the command line: the first open of a large library hands the files
to worker processes (after the first briefing is on screen, with the index's progress
line), and every file is then loaded as the index kept it; a second open parses nothing.

The `read_library` and `update_index` jobs are the very code the main screen's workers
run; they are checked here without Textual.
"""

from __future__ import annotations

import io
import shutil
import sys
import threading
from pathlib import Path

import pytest

import search_index.library
from search_index.index import writing
from search_index.index.parsed import ParsedLookup
from search_index.models import Transcript
from tui import jobs, messages


@pytest.fixture()
def library(tmp_path: Path, sample_file: Path, data_dir: Path) -> Path:
    """Six briefings and a file that is no transcript."""
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(sample_file, folder / "a-sample.txt")
    for name in sorted((data_dir / "realworld").glob("*.txt"))[:5]:
        shutil.copy(name, folder / f"b-{name.name}")
    (folder / "c-notes.txt").write_text("just a shopping list\nmilk\n", encoding="utf-8")
    return folder


@pytest.fixture()
def parsed_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed in this process from now on."""
    names: list[str] = []
    real = search_index.library.load_one

    def counted(path: Path) -> Transcript:
        names.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(search_index.library, "load_one", counted)
    return names


def kinds(posted: list[object]) -> list[str]:
    """The messages posted, in order, with repeated progress reports as one."""
    names: list[str] = []
    for message in posted:
        if isinstance(message, messages.LibraryLoaded):
            names.append(f"library {len(message.library.outlines)}/{message.done}/{message.total}")
        elif isinstance(message, messages.IndexProgressed):
            if not names or not names[-1].startswith("indexing"):
                names.append("indexing")
        else:
            names.append(type(message).__name__)
    return names


def test_a_first_open_of_a_large_library_indexes_in_workers_then_loads_what_they_kept(
    library: Path,
    tmp_path: Path,
    parsed_here: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(writing, "PARALLEL_FILES", 3)
    spawned: list[int] = []
    real_writer = writing._writer

    def counting_writer(ix: object, parallel: bool) -> object:
        spawned.append(parallel)
        return real_writer(ix, parallel)

    monkeypatch.setattr(writing, "_writer", counting_writer)
    index_dir = tmp_path / "index"
    posted: list[object] = []
    still = lambda: 0.0  # noqa: E731 - no growing library reported after the first briefing
    jobs.read_library(posted.append, threading.Event(), [library], index_dir, clock=still)
    assert kinds(posted) == ["library 1/1/7", "indexing", "library 6/7/7"]
    last = posted[-1]
    assert isinstance(last, messages.LibraryLoaded)
    assert [p.split(": ")[1] for p in last.problems] == [
        "no speaker turns found (expected lines such as 'Name:' before each turn)"
    ]
    assert spawned == [True]  # one update, by worker processes
    # The first briefing, and the one file the index could not hold: the rest were kept.
    assert parsed_here == ["a-sample.txt", "c-notes.txt"]
    progress = [m for m in posted if isinstance(m, messages.IndexProgressed)]
    assert (progress[-1].done, progress[-1].total) == (7, 7)
    # The index is ready: the screen's update (once the library is read) has nothing to do.
    posted.clear()
    jobs.update_index(posted.append, threading.Event(), index_dir, [library])
    ready = posted[-1]
    assert isinstance(ready, messages.IndexReady)
    assert ready.summary.startswith("index up to date")
    assert ready.index.search("patent").total > 0
    ready.index.close()
    assert spawned == [True]


def test_a_second_open_loads_every_briefing_as_the_index_kept_it(
    library: Path, tmp_path: Path, parsed_here: list[str]
) -> None:
    index_dir = tmp_path / "index"
    jobs.update_index(lambda message: None, threading.Event(), index_dir, [library])
    parsed_here.clear()
    posted: list[object] = []
    jobs.read_library(posted.append, threading.Event(), [library], index_dir)
    assert parsed_here == ["c-notes.txt"]  # the one file the index could not hold
    last = posted[-1]
    assert isinstance(last, messages.LibraryLoaded) and last.complete
    fresh = search_index.library.load_library([library]).transcripts
    assert list(o.transcript for o in last.library.outlines) == fresh
    assert not any(isinstance(m, messages.IndexProgressed) for m in posted)


def test_a_small_or_known_library_is_read_here_without_workers(
    library: Path, tmp_path: Path, parsed_here: list[str]
) -> None:
    lookup = ParsedLookup.of_folder(tmp_path / "index")
    files = sorted(library.iterdir())
    assert lookup.unknown(files) == 7
    assert not jobs._index_in_workers_first(lookup, [library])  # fewer than PARALLEL_FILES
    posted: list[object] = []
    jobs.read_library(posted.append, threading.Event(), [library], tmp_path / "index")
    assert not any(isinstance(m, messages.IndexProgressed) for m in posted)
    assert len(parsed_here) == 7
    jobs.update_index(lambda message: None, threading.Event(), tmp_path / "index", [library])
    lookup.reload()
    assert lookup.unknown(files) == 0


class _NoFile(io.StringIO):
    """A captured standard error as an app may have it: no file descriptor."""

    def fileno(self) -> int:
        return -1


@pytest.mark.parametrize("stream", [io.StringIO(), _NoFile()], ids=["no-fileno", "fileno--1"])
def test_workers_can_start_while_the_app_captures_standard_error(
    stream: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    """multiprocessing's resource tracker is handed the descriptor of sys.stderr: under
    the app's capture it gets the null device instead of failing ("bad value(s) in
    fds_to_keep"), and the capture is put back."""
    from multiprocessing import resource_tracker

    from search_index.index import parallel

    handed: list[int] = []
    monkeypatch.setattr(
        resource_tracker, "ensure_running", lambda: handed.append(sys.stderr.fileno())
    )
    monkeypatch.setattr(sys, "stderr", stream)
    parallel._start_resource_tracker()
    assert len(handed) == 1 and handed[0] > 2
    assert sys.stderr is stream
