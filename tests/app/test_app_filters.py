"""Filters and dates first, driven with Pilot: one person's questions (p), briefings by date
(b), the order of the results (o), combined with a search, cleared with x or Esc."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Select

import tui.screens.people as people_module
from tests.support.app import (
    make_test_app,
    press,
    ready,
    record_notifications,
    screen_text,
    type_text,
)
from tui.screens.briefings import BriefingsScreen
from tui.screens.main import MainScreen
from tui.screens.people import LISTING, PeopleScreen
from tui.view_model import LibraryView

SIZE = (160, 48)


def listed(screen: MainScreen) -> list[tuple[str, str]]:
    """(briefing date, entry label) of every entry the question list shows."""
    library = screen.library
    assert isinstance(library, LibraryView)
    rows = []
    for key in screen.question_list.entry_keys:
        entry = library.entry(key)
        assert entry is not None
        outline = library.outline(entry.transcript_id)
        assert outline is not None and outline.transcript.date is not None
        rows.append((outline.transcript.date.isoformat(), entry.label))
    return rows


def status(screen: MainScreen) -> str:
    return str(screen.query_one("#search-status").render())


async def test_p_lists_one_officials_questions_across_briefings_with_a_search(
    tmp_path: Path, five_briefings: list[Path], five_briefings_index: Path
) -> None:
    app = make_test_app(tmp_path, five_briefings_index, five_briefings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "p")
        finder = app.screen
        assert isinstance(finder, PeopleScreen)
        await type_text(pilot, "yu cike")
        assert "official Yu Cike  3 questions in 2 briefings" in screen_text(app)
        await press(pilot, "enter")
        assert app.screen is screen
        assert listed(screen) == [
            ("2021-04-25", "3 China Daily"),
            ("2021-04-25", "6 Red Star News"),
            ("2021-04-25", "1 China Daily"),
        ]
        assert status(screen) == "answered by Yu Cike"
        headings = [str(o.prompt) for o in screen.question_list.options if o.disabled]
        assert len(headings) == 2
        # combined with a search: only Yu Cike's questions with hits
        await press(pilot, "slash")
        await type_text(pilot, "copyright")
        assert listed(screen) == [
            ("2021-04-25", "3 China Daily"),
            ("2021-04-25", "6 Red Star News"),
            ("2021-04-25", "1 China Daily"),
        ]
        outcome = screen.panes.outcome
        assert outcome is not None
        assert {m.entry_key for m in outcome.matches} == set(screen.question_list.entry_keys)
        assert status(screen).startswith(f"{len(outcome.matches)} matches in 3 questions")
        assert status(screen).endswith("· answered by Yu Cike")
        await press(pilot, "enter", "n")
        assert screen.answer_view.entry_key in screen.question_list.entry_keys
        # Esc clears the search, the filter stays; Esc again clears the filter
        await press(pilot, "escape")
        assert status(screen) == "answered by Yu Cike"
        assert len(listed(screen)) == 3
        notes = record_notifications(app)
        await press(pilot, "escape")
        assert notes == ["Filters cleared."]
        assert status(screen) == ""
        # the briefing on show (the sample, where the last match was), all of it
        assert [label for _, label in listed(screen)][:2] == [
            "Opening remarks",
            "1 China Media Group",
        ]
        assert len(listed(screen)) == 11


async def test_p_opens_at_once_and_lists_the_people_from_a_worker(
    tmp_path: Path,
    five_briefings: list[Path],
    five_briefings_index: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Gathering the people (every exchange of every briefing) ran on the UI thread, ~64 ms
    on the sample's library before the finder showed. Here it is held back until the test
    lets it go: the finder is already up, says it is listing, and takes typing."""
    gather = people_module.people_of
    release, threads = threading.Event(), []

    def held_back(library: LibraryView) -> object:
        threads.append(threading.current_thread())
        assert release.wait(timeout=60)
        return gather(library)

    monkeypatch.setattr(people_module, "people_of", held_back)
    app = make_test_app(tmp_path, five_briefings_index, five_briefings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("p")
        finder = app.screen
        assert isinstance(finder, PeopleScreen)
        for char in "yu":
            await pilot.press(char)
        assert finder.rows is None
        assert str(finder.query_one("#finder-status").render()) == LISTING
        assert finder.row_list.option_count == 0
        await pilot.press("enter")  # nothing to choose yet: the finder stays
        assert app.screen is finder
        release.set()
        await type_text(pilot, " cike")
        assert threads and threads[0] is not threading.main_thread()
        assert str(finder.query_one("#finder-status").render()) == "1 of 18 people"
        assert "official Yu Cike  3 questions in 2 briefings" in screen_text(app)
        await press(pilot, "enter")
        assert app.screen is screen
        assert status(screen) == "answered by Yu Cike"


async def test_the_palette_filters_by_outlet_and_x_clears(
    tmp_path: Path, five_briefings: list[Path], five_briefings_index: Path
) -> None:
    app = make_test_app(tmp_path, five_briefings_index, five_briefings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "filter: asked by outlet Phoenix TV")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert listed(screen) == [("2021-04-25", "5 Phoenix TV"), ("2021-04-25", "2 Phoenix TV")]
        assert status(screen) == "asked by outlet Phoenix TV"
        assert "x Clear filters" in screen_text(app)
        await press(pilot, "x")
        assert status(screen) == ""
        assert "x Clear filters" not in screen_text(app)


async def test_everyone_in_the_people_finder_drops_the_person(
    tmp_path: Path, five_briefings: list[Path], five_briefings_index: Path
) -> None:
    app = make_test_app(tmp_path, five_briefings_index, five_briefings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "p")
        await type_text(pilot, "zou")
        await press(pilot, "enter")
        assert listed(screen) == [("2023-04-20", "1 Financial News"), ("2023-04-20", "2 Caixin")]
        await press(pilot, "p")
        assert isinstance(app.screen, PeopleScreen)
        assert app.screen.row_list.highlighted == 5  # the person filtered to now
        await press(pilot, "home")
        await pilot.press("ctrl+u")  # nothing typed: "Everyone" heads the list
        await press(pilot, "up", "up", "up", "up", "up", "up", "enter")
        assert status(screen) == ""


async def test_b_filters_the_picker_and_the_search_by_date_and_orders_them(
    tmp_path: Path, five_briefings: list[Path], five_briefings_index: Path
) -> None:
    app = make_test_app(tmp_path, five_briefings_index, five_briefings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "b")
        finder = app.screen
        assert isinstance(finder, BriefingsScreen)
        await type_text(pilot, "date:2023")
        shown = screen_text(app)
        assert "2 of 5 briefings · dated 2023-01-01 to 2023-12-31 · newest first" in shown
        assert [o.transcript.date.isoformat() for o in finder.listed] == [  # type: ignore[union-attr]
            "2023-04-20",
            "2023-03-14",
        ]
        await press(pilot, "ctrl+o")
        assert [o.transcript.date.isoformat() for o in finder.listed] == [  # type: ignore[union-attr]
            "2023-03-14",
            "2023-04-20",
        ]
        await press(pilot, "down", "enter")  # the 2023-04-20 briefing
        assert app.screen is screen
        assert screen.sub_title == "2023-04-20 · Beijing"
        picker = screen.query_one("#transcript-picker", Select)
        # the picker lists the briefings kept newest first (issue 11), not in file order
        assert [str(prompt) for prompt, value in picker._options if isinstance(value, str)] == [
            "2023-04-20 Press briefing on financial statistics for the first quarter",
            "2023-03-14 Foreign Ministry Spokesperson's Regular Press Conference",
        ]
        assert status(screen) == "dated 2023-01-01 to 2023-12-31"
        # a search keeps to those briefings
        await press(pilot, "slash")
        await type_text(pilot, "question OR growth OR trade")
        assert {date for date, _ in listed(screen)} <= {"2023-03-14", "2023-04-20"}
        # o orders the results by date: newest first, then oldest first
        await press(pilot, "escape", "escape")  # clear the search, then the filter
        await press(pilot, "slash")
        await type_text(pilot, "trade OR patent OR loans")
        await press(pilot, "tab", "o")
        dates = [date for date, _ in listed(screen)]
        assert dates == sorted(dates, reverse=True) and len(set(dates)) == 4
        assert status(screen).endswith("· newest first")
        await press(pilot, "o")
        dates = [date for date, _ in listed(screen)]
        assert dates == sorted(dates)
        await press(pilot, "o")
        assert not status(screen).endswith("first")


async def test_a_bad_date_is_explained_and_an_empty_filter_clears_it(
    tmp_path: Path, five_briefings: list[Path], five_briefings_index: Path
) -> None:
    app = make_test_app(tmp_path, five_briefings_index, five_briefings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "b")
        await type_text(pilot, "date:2023-13")
        assert "date:2023-13 is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)" in screen_text(app)
        notes = record_notifications(app)
        await press(pilot, "enter")
        assert notes == ["Fix the date first: see the line above the list."]
        assert isinstance(app.screen, BriefingsScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, "date:2020")
        await press(pilot, "enter")
        assert screen.sub_title == "2020-04-24 · Beijing"
        assert status(screen) == "dated 2020-01-01 to 2020-12-31"
        picker = screen.query_one("#transcript-picker", Select)
        # a briefing the filter leaves out can still be opened: the picker shows none
        await press(pilot, "ctrl+p")
        await type_text(pilot, "jump to briefing: 2023-04-20")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert screen.sub_title == "2023-04-20 · Beijing"
        assert picker.is_blank()
        await press(pilot, "b")
        assert app.screen.box.value == "date:2020"  # type: ignore[attr-defined]
        await pilot.press("ctrl+u")
        await press(pilot, "enter")
        assert status(screen) == ""
        assert len([v for _, v in picker._options if isinstance(v, str)]) == 5
        assert picker.value == screen.current_transcript


async def test_the_finders_count_one_briefing_as_one(tmp_path: Path, sample_index: Path) -> None:
    """Seen in tmux on the sample alone: the briefings finder said "1 of 1 briefings"."""
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await press(pilot, "b")
        assert isinstance(app.screen, BriefingsScreen)
        status_line = str(app.screen.query_one("#finder-status").render())
        assert status_line == "1 of 1 briefing · all briefings · newest first"
        await press(pilot, "escape", "p")
        assert isinstance(app.screen, PeopleScreen)
        assert str(app.screen.query_one("#finder-status").render()) == "12 of 12 people"
