"""What the app says of a search the index could not answer whole: a search stopped at its
time limit, a repaired query, an index that was damaged and rebuilt (the CLI says each of
these on standard error)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from search_index.index import LibraryIndex
from search_index.index.folder import STORE_NAME
from search_index.index.hits import SearchResults
from tests.support.app import (
    build_index,
    main_screen,
    make_test_app,
    press,
    ready,
    record_notifications,
    settle,
    type_text,
)
from tui import jobs, messages
from tui.screens.main import MainScreen
from tui.view_model import PARTIAL_NOTICE

SIZE = (160, 48)


def status(screen: MainScreen) -> str:
    return str(screen.search_bar.status.render())


async def test_a_search_stopped_at_its_time_limit_says_so(
    tmp_path: Path, sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    search = LibraryIndex.search

    def out_of_time(self: LibraryIndex, query: str, **options: Any) -> SearchResults:
        # The index's own time limit, at zero: a real partial search, with no hits yet.
        return search(self, query, **{**options, "time_limit": 0})

    app = make_test_app(tmp_path, sample_index)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        monkeypatch.setattr(LibraryIndex, "search", out_of_time)
        await press(pilot, "slash")
        await type_text(pilot, "pledge financing")
        await settle(pilot)
        assert status(screen) == "no hits · partial: stopped at the time limit"
        # said once, however many searches ran while typing
        assert notes == [PARTIAL_NOTICE]

        # A whole search says nothing of the kind.
        monkeypatch.setattr(LibraryIndex, "search", search)
        await type_text(pilot, " rate")
        await settle(pilot)
        assert status(screen) == "3 matches in 1 question · Enter, n/N"
        assert notes == [PARTIAL_NOTICE]


async def test_a_repaired_query_says_what_was_repaired(tmp_path: Path, sample_index: Path) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash")
        await type_text(pilot, '"pledge financing')
        await settle(pilot)
        # the quote closed, the phrase is searched: its 10 occurrences in the sample
        assert status(screen) == (
            "10 matches in 4 questions · Enter, n/N · closed an unbalanced quote"
        )


async def test_a_damaged_index_is_rebuilt_and_the_app_says_so(
    tmp_path: Path, sample_file: Path
) -> None:
    index_dir = build_index(tmp_path / "index", [sample_file])
    (postings,) = (index_dir / STORE_NAME).glob("*.pst")
    with postings.open("r+b") as handle:
        handle.truncate(postings.stat().st_size // 2)
    app = make_test_app(tmp_path, index_dir)
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert notes == [
            f"the index at {index_dir} was damaged (file {postings.name} has the wrong size); "
            "rebuilt it from its 1 source file(s)"
        ]
        await press(pilot, "slash")
        await type_text(pilot, "pledge financing")
        await settle(pilot)
        assert status(screen) == "23 matches in 4 questions · Enter, n/N"


async def test_a_query_typed_while_indexing_runs_when_the_index_is_ready(
    tmp_path: Path, sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen in tmux: a query typed before the index was ready kept saying "search starts
    when indexing is done…" (the index keeper's news never reached the screen)."""
    update_index = jobs.update_index
    release = threading.Event()

    def held_back(post: Callable[[Any], object], cancel: threading.Event, *args: Any) -> None:
        post(messages.IndexProgressed(0, 1, "scio-2021-04-25-ipr-briefing.txt"))
        assert release.wait(timeout=60)
        update_index(post, cancel, *args)

    monkeypatch.setattr(jobs, "update_index", held_back)
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)

        async def until(condition: Callable[[], bool]) -> None:
            """Wait (on the app, not on a clock) until `condition` holds."""
            for _ in range(600):
                if condition():
                    return
                await pilot.pause(0.05)
            raise AssertionError("the app never got there")

        await until(lambda: any(worker.group == "index" for worker in app.workers))
        await pilot.press("slash", *"pledge")
        await until(lambda: "search starts" in status(screen))
        assert status(screen) == "search starts when indexing is done… · indexing 0/1…"
        assert screen.index is None
        release.set()
        await settle(pilot)
        assert screen.index is not None
        assert status(screen) == "10 matches in 4 questions · Enter, n/N"
