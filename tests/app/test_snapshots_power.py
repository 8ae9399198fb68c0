"""Snapshots of the screens power users open — marks, the people and briefings finders —
at 80×24 and 160×48, and of a person filter with a search and a range being chosen, at
80×24.

Deterministic: fixed sizes, indexes built beforehand, marks written before the app starts
(no notification on screen), every worker finished before the picture is taken. Update only
after reviewing the report: `pytest tests/app/test_snapshots_power.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from search_index.marks import MarkStore, make_mark
from search_index.models import Transcript
from search_index.parser import load_transcript
from tests.support.app import build_index, make_test_app, press, ready, type_text

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}


async def steady_cursor(pilot: Pilot[int]) -> None:
    """Stop the text cursors blinking, so the picture does not depend on the moment."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


def write_marks(tmp_path: Path, library: list[Path], sample: Transcript, data: Path) -> None:
    """Three marks of the sample (a paragraph, an answer, a figure) and one of a briefing
    that is not in the library."""
    store = MarkStore.for_library(tmp_path / "config", library)
    store.add(make_mark(sample, "paragraph", [(11, 561, 1242)]))
    store.add(make_mark(sample, "answer", [(8, 0, 33), (9, 0, 695)]))
    store.add(make_mark(sample, "figure", [(11, 988, 1242)], figure=(11, 1072, 1088)))
    gone = load_transcript(data / "conventions" / "inline-outlets.txt")
    store.add(make_mark(gone, "paragraph", [(1, 0, 47)]))
    store.save()


@pytest.mark.parametrize("size", SIZES)
def test_marks_screen(
    snap_compare: Any,
    tmp_path: Path,
    five_briefings: list[Path],
    five_briefings_index: Path,
    sample_transcript: Transcript,
    data_dir: Path,
    size: str,
) -> None:
    write_marks(tmp_path, five_briefings, sample_transcript, data_dir)

    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "M", "j")

    app = make_test_app(tmp_path, five_briefings_index, five_briefings)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_people_finder(
    snap_compare: Any,
    tmp_path: Path,
    five_briefings: list[Path],
    five_briefings_index: Path,
    size: str,
) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "p")
        await type_text(pilot, "china")
        await steady_cursor(pilot)

    app = make_test_app(tmp_path, five_briefings_index, five_briefings)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_briefings_finder(
    snap_compare: Any,
    tmp_path: Path,
    five_briefings: list[Path],
    five_briefings_index: Path,
    size: str,
) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "b")
        await type_text(pilot, "date:[2021 TO *]")
        await steady_cursor(pilot)

    app = make_test_app(tmp_path, five_briefings_index, five_briefings)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


def test_person_filter_with_a_search(
    snap_compare: Any, tmp_path: Path, five_briefings: list[Path], five_briefings_index: Path
) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "p")
        await type_text(pilot, "yu cike")
        await press(pilot, "enter", "slash")
        await type_text(pilot, "copyright")
        await steady_cursor(pilot)

    app = make_test_app(tmp_path, five_briefings_index, five_briefings)
    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=run_before)


def test_choosing_a_range(snap_compare: Any, tmp_path: Path, sample_file: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "j", "j", "j", "enter", "v", "j", "j")

    index = build_index(tmp_path / "index", [sample_file])
    app = make_test_app(tmp_path, index)
    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=run_before)
