"""Snapshots of the main screen, a search in progress and the help screen, and of every
screen at 80×24.

Deterministic: a fixed terminal size, the bundled sample indexed into tmp beforehand, no
clock in the header, no notifications, every worker finished before the picture is taken.
Update only after reviewing the report: `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.support.app import make_test_app, press, ready, settle, type_text
from tui.messages import ExportView

SIZE = (120, 36)


def test_main_screen(snap_compare: Any, tmp_path: Path, sample_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)

    app = make_test_app(tmp_path, sample_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_search_in_progress(snap_compare: Any, tmp_path: Path, sample_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "pledge financing")
        await press(pilot, "enter", "n")

    app = make_test_app(tmp_path, sample_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare: Any, tmp_path: Path, sample_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "tab", "question_mark")

    app = make_test_app(tmp_path, sample_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_narrow_terminal(snap_compare: Any, tmp_path: Path, sample_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)

    app = make_test_app(tmp_path, sample_index)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# --- every screen at 80×24 (issue 11): usable in a small terminal -----------------------

NARROW = (80, 24)


def test_ledger_at_80x24(snap_compare: Any, tmp_path: Path, sample_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "L")
        await press(pilot, "j", "j")

    app = make_test_app(tmp_path, sample_index)
    assert snap_compare(app, terminal_size=NARROW, run_before=run_before)


def test_stats_at_80x24(snap_compare: Any, tmp_path: Path, sample_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "S")

    app = make_test_app(tmp_path, sample_index)
    assert snap_compare(app, terminal_size=NARROW, run_before=run_before)


def test_kwic_at_80x24(snap_compare: Any, tmp_path: Path, sample_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "pledge financing")
        await press(pilot, "enter", "K")

    app = make_test_app(tmp_path, sample_index)
    assert snap_compare(app, terminal_size=NARROW, run_before=run_before)


def test_help_at_80x24(snap_compare: Any, tmp_path: Path, sample_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "question_mark")

    app = make_test_app(tmp_path, sample_index)
    assert snap_compare(app, terminal_size=NARROW, run_before=run_before)


def test_palette_at_80x24(snap_compare: Any, tmp_path: Path, sample_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "ctrl+p")
        app.screen.query_one(Input).cursor_blink = False
        await type_text(pilot, "citation format")
        await pilot.pause(0.3)
        await settle(pilot)

    app = make_test_app(tmp_path, sample_index)
    assert snap_compare(app, terminal_size=NARROW, run_before=run_before)


def test_export_prompt_at_80x24(
    snap_compare: Any, tmp_path: Path, sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        app.post_message(ExportView())
        await settle(pilot)
        app.screen.query_one(Input).cursor_blink = False
        app.screen.query_one(Input).value = "/exports"  # the same path on every machine
        await settle(pilot)

    app = make_test_app(tmp_path, sample_index)
    assert snap_compare(app, terminal_size=NARROW, run_before=run_before)
