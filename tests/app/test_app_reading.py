"""How the app reads a library and names its briefings, checked without Textual.

`LibraryReader` and the `read_library` job are the very code the main screen's worker
runs: there is no second loader for tests.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import jobs, messages
from tui.view_model import (
    EntryHits,
    LibraryReader,
    Match,
    SearchOutcome,
    briefing_label,
    group_hits,
    header_titles,
    outcome_summary,
    skipped_note,
)

SAMPLE_ID = "31a75f1c6b67cac6"
MFA_ID = "1e4a37489dbda8ef"
PBOC_ID = "5e8566aa3dd4df15"
NO_TURNS = "no speaker turns found (expected lines such as 'Name:' before each turn)"


@pytest.fixture()
def library(tmp_path: Path, sample_file: Path, data_dir: Path) -> Path:
    """Three briefings, a second copy of one of them, and a file that is no transcript."""
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(sample_file, folder / "a-sample.txt")
    shutil.copy(sample_file, folder / "b-copy.txt")
    shutil.copy(data_dir / "app" / "mfa-2023-03-14-regular.txt", folder / "c-mfa.txt")
    (folder / "d-notes.txt").write_text("just a shopping list\nmilk\n", encoding="utf-8")
    shutil.copy(data_dir / "app" / "pboc-2023-04-20-briefing.txt", folder / "e-pboc.txt")
    return folder


def test_the_reader_outlines_each_briefing_once_and_lists_what_it_skipped(
    library: Path, tmp_path: Path
) -> None:
    reader = LibraryReader([library, tmp_path / "gone"])
    steps = [(step.path.name, step.done, step.total) for step in reader.read()]
    assert steps == [
        ("gone", 0, 5),
        ("a-sample.txt", 1, 5),
        ("b-copy.txt", 2, 5),
        ("c-mfa.txt", 3, 5),
        ("d-notes.txt", 4, 5),
        ("e-pboc.txt", 5, 5),
    ]
    assert reader.complete
    assert [outline.transcript.id for outline in reader.view().outlines] == [
        SAMPLE_ID,
        MFA_ID,
        PBOC_ID,
    ]
    assert reader.problems == [
        "gone: no such file or folder",
        f"b-copy.txt: same content as {library / 'a-sample.txt'}",
        f"d-notes.txt: {NO_TURNS}",
    ]
    assert skipped_note(reader.problems) == (
        "3 files skipped: gone: no such file or folder; "
        f"b-copy.txt: same content as {library / 'a-sample.txt'}; d-notes.txt: {NO_TURNS}"
    )
    assert skipped_note(["x.txt: empty"] * 4) == (
        "4 files skipped: x.txt: empty; x.txt: empty; x.txt: empty; …"
    )
    assert skipped_note(["x.txt: empty"]) == "1 file skipped: x.txt: empty"


def test_the_reader_skips_a_file_that_crashes_the_parser(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search_index.library

    real_load = search_index.library.load_one

    def load_one(path: Path) -> object:
        if path.name == "c-mfa.txt":
            raise UnicodeError("surrogates not allowed")
        return real_load(path)

    monkeypatch.setattr(search_index.library, "load_one", load_one)
    reader = LibraryReader([library / "c-mfa.txt", library / "e-pboc.txt"])
    for _step in reader.read():
        pass
    assert [outline.transcript.id for outline in reader.view().outlines] == [PBOC_ID]
    assert reader.problems == [
        "c-mfa.txt: could not be parsed: UnicodeError: surrogates not allowed"
    ]


def _clock(*times: float) -> Iterator[float]:
    yield from times


def test_the_library_job_shows_the_first_briefing_at_once_then_about_once_a_second(
    library: Path,
) -> None:
    posted: list[object] = []
    # one reading before the first file, then one after each of the five files
    ticks = _clock(0.0, 0.2, 0.4, 1.5, 1.6, 3.0)
    jobs.read_library(posted.append, threading.Event(), [library], clock=lambda: next(ticks))
    reports = [
        (len(m.library.outlines), m.done, m.total, m.complete, len(m.problems))
        for m in posted
        if isinstance(m, messages.LibraryLoaded)
    ]
    assert len(reports) == len(posted)
    assert reports == [
        (1, 1, 5, False, 0),  # the first briefing, at once
        (2, 3, 5, False, 0),  # 1.3 s later, a second one has been read
        (3, 5, 5, True, 2),  # all of it, with the two files skipped
    ]


def test_a_cancelled_library_job_posts_nothing(library: Path) -> None:
    posted: list[object] = []
    cancel = threading.Event()
    cancel.set()
    jobs.read_library(posted.append, cancel, [library])
    assert posted == []


def test_briefing_names(library: Path) -> None:
    reader = LibraryReader([library])
    for _step in reader.read():
        pass
    sample, mfa, _pboc = reader.view().outlines
    assert briefing_label(sample) == (
        "2021-04-25 SCIO briefing on implementing the Outline of the 14th Five-…"
    )
    assert briefing_label(mfa) == (
        "2023-03-14 Foreign Ministry Spokesperson's Regular Press Conference"
    )
    assert header_titles(sample.transcript, 120) == (
        "SCIO briefing on implementing the Outline of the 14th Five-Year Plan…",
        "2021-04-25 · Beijing",
    )
    assert header_titles(sample.transcript, 60) == ("SCIO briefing o…", "2021-04-25 · Beijing")
    assert sample.first_question == f"{SAMPLE_ID}/q1"


def test_hits_in_several_briefings_are_grouped_under_each_briefing(library: Path) -> None:
    reader = LibraryReader([library])
    for _step in reader.read():
        pass
    view = reader.view()
    outcome = SearchOutcome(
        query="rate",
        entries=(
            EntryHits(f"{PBOC_ID}/q2", 3),
            EntryHits(f"{SAMPLE_ID}/q1", 2),
            EntryHits(f"{PBOC_ID}/closing", 1),
        ),
        matches=(),
        spans={},
        first=None,
        total_hits=6,
    )
    groups = [
        (heading, [entry.key for entry in entries])
        for heading, entries in group_hits(view, outcome)
    ]
    assert groups == [
        (
            "2023-04-20 Press briefing on financial statistics for the first quarter",
            [f"{PBOC_ID}/q2", f"{PBOC_ID}/closing"],
        ),
        (
            "2021-04-25 SCIO briefing on implementing the Outline of the 14th Five-…",
            [f"{SAMPLE_ID}/q1"],
        ),
    ]
    one = LibraryReader([library / "a-sample.txt"])
    for _step in one.read():
        pass
    single = SearchOutcome("x", (EntryHits(f"{SAMPLE_ID}/q1", 1),), (), {}, None, 1)
    assert [(h, [e.key for e in es]) for h, es in group_hits(one.view(), single)] == [
        (None, [f"{SAMPLE_ID}/q1"])
    ]


def test_what_the_status_line_says_of_a_search() -> None:
    matches = tuple(Match("t/q1", 3, start, start + 4) for start in (0, 10, 20))
    found = SearchOutcome("rate", (EntryHits("t/q1", 3),), matches, {}, 0, 3, note="note")
    assert outcome_summary(found, None) == ["3 matches in 1 question · Enter, n/N", "note"]
    assert outcome_summary(found, 1) == ["2/3", "note"]
    one = SearchOutcome("rate", (EntryHits("t/q1", 1), EntryHits("t/q2", 1)), matches[:1], {}, 0, 2)
    assert outcome_summary(one, None) == ["1 match in 2 questions · Enter, n/N"]
    assert outcome_summary(SearchOutcome("zeppelin", (), (), {}, None, 0), None) == ["no hits"]


def test_the_status_line_says_a_search_stopped_at_its_time_limit() -> None:
    matches = (Match("t/q1", 3, 0, 4),)
    cut = SearchOutcome("rate", (EntryHits("t/q1", 1),), matches, {}, 0, 1, "note", partial=True)
    assert outcome_summary(cut, None) == [
        "1 match in 1 question · Enter, n/N",
        "partial: stopped at the time limit",
        "note",
    ]
    assert outcome_summary(cut, 0) == ["1/1", "partial: stopped at the time limit", "note"]
    nothing = SearchOutcome("rate", (), (), {}, None, 0, partial=True)
    assert outcome_summary(nothing, None) == ["no hits", "partial: stopped at the time limit"]
