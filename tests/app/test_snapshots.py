"""Snapshots of the main screen, a search in progress and the help screen.

Deterministic: a fixed terminal size, the bundled sample indexed into tmp beforehand, no
clock in the header, no notifications, every worker finished before the picture is taken.
Update only after reviewing the report: `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support.app import build_index, make_test_app, press, ready, type_text

SIZE = (120, 36)


@pytest.fixture(scope="module")
def snapshot_index(tmp_path_factory: pytest.TempPathFactory, sample_file: Path) -> Path:
    """An index of the sample, built once for these snapshots."""
    return build_index(tmp_path_factory.mktemp("snapshot-index"), [sample_file])


@pytest.fixture(autouse=True)
def no_user_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Whatever slips through goes to tmp, never to the real user folders."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


def test_main_screen(snap_compare: Any, tmp_path: Path, snapshot_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)

    app = make_test_app(tmp_path, snapshot_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_search_in_progress(snap_compare: Any, tmp_path: Path, snapshot_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "pledge financing")
        await press(pilot, "enter", "n")

    app = make_test_app(tmp_path, snapshot_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare: Any, tmp_path: Path, snapshot_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)
        await press(pilot, "tab", "question_mark")

    app = make_test_app(tmp_path, snapshot_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_narrow_terminal(snap_compare: Any, tmp_path: Path, snapshot_index: Path) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await ready(pilot)

    app = make_test_app(tmp_path, snapshot_index)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
