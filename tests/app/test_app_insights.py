"""The ledger, statistics and keyword-in-context screens, driven with Pilot; exports."""

from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path
from typing import Any

from textual.widgets import Input, Select

from search_index.library import load_library
from tests.support.app import (
    make_test_app,
    press,
    ready,
    record_notifications,
    settle,
    table_rows,
)
from tests.support.insights import LIBRARY
from tui.screens.export import ExportScreen
from tui.screens.kwic import KwicScreen
from tui.screens.ledger import LedgerScreen
from tui.screens.main import MainScreen
from tui.screens.stats import StatsScreen
from tui.widgets import VirtualTable

SIZE = (160, 48)
OLDER = "eec9c2b625d1a530"
NEWER = "ebf0baf403123dea"


async def test_ledger_opens_filters_sorts_charts_and_jumps(
    tmp_path: Path, insights_index: Path
) -> None:
    app = make_test_app(tmp_path, insights_index, [LIBRARY])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        assert main.current_transcript == OLDER
        await press(pilot, "L")
        ledger = app.screen
        assert isinstance(ledger, LedgerScreen)
        assert ledger.table.row_count == 6
        assert [r.measure_label for r in ledger.rows][:3] == [
            "invention patents",
            "patent and trademark pledge financing",
            "patent and trademark pledge financing",
        ]
        # Only yuan amounts: the one measure with a series, charted below the table.
        ledger.query_one("#ledger-unit", Select).value = "CNY"
        await settle(pilot)
        assert [(r.text, r.date.isoformat() if r.date else "") for r in ledger.rows] == [
            ("151.5 billion yuan", "2020-04-24"),
            ("218 billion yuan", "2021-04-25"),
        ]
        chart = str(ledger.query_one("#ledger-chart").render())
        assert "patent and trademark pledge financing (CNY, billions)" in chart
        await press(pilot, "v")
        assert ledger.sort_key == "value" and not ledger.descending
        await press(pilot, "v")
        assert ledger.descending
        assert [r.text for r in ledger.rows] == ["218 billion yuan", "151.5 billion yuan"]
        sentence = str(ledger.query_one("#ledger-sentence").render())
        assert "Shen Changyu" in sentence
        assert "pledge financing of patents and trademarks reached 218 billion yuan" in sentence
        await press(pilot, "enter")
        assert app.screen is main
        assert main.current_transcript == NEWER
        assert main.answer_view.entry_key == f"{NEWER}/opening"
        assert main.answer_view.marked == (1, 75, 91)
        assert main.focused is main.answer_view


async def test_ledger_escape_clears_the_filter_then_goes_back_without_moving(
    tmp_path: Path, insights_index: Path
) -> None:
    app = make_test_app(tmp_path, insights_index, [LIBRARY])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        before = main.answer_view.entry_key
        await press(pilot, "L")
        ledger = app.screen
        assert isinstance(ledger, LedgerScreen)
        await press(pilot, "slash")
        await pilot.press(*"enterprises")
        await settle(pilot)
        assert [r.text for r in ledger.rows] == ["6,000"]
        # Esc in the filter box clears the filter (it used to leave the screen).
        await press(pilot, "escape")
        assert app.screen is ledger
        assert ledger.query_one("#ledger-measure", Input).value == ""
        assert len(ledger.rows) == 6
        assert ledger.focused is ledger.table
        await press(pilot, "escape")
        assert app.screen is main
        assert main.answer_view.entry_key == before


async def test_stats_filters_questions_by_speaker_and_outlet_and_jumps(
    tmp_path: Path, insights_index: Path
) -> None:
    app = make_test_app(tmp_path, insights_index, [LIBRARY])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await press(pilot, "S")
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        speakers = stats.query_one("#stats-speakers", VirtualTable)
        assert [row[0] for row in table_rows(speakers)] == [
            "Shen Changyu",
            "Hu Kaihong",
            "China Daily",
            "Xing Huina",
            "He Zhimin",
            "Xinhua News Agency",
            "Yu Cike",
            "Phoenix TV",
        ]
        assert table_rows(speakers)[0][2:] == ["5", "83"]
        outlets = stats.query_one("#stats-outlets", VirtualTable)
        assert table_rows(outlets)[0] == ["China Daily", "3", "Shen Changyu ×2, He Zhimin, Yu Cike"]
        questions = stats.query_one("#stats-questions", VirtualTable)
        assert questions.row_count == 5
        # Enter on He Zhimin: the questions he answered.
        assert stats.focused is speakers
        await press(pilot, "down", "down", "down", "down", "enter")
        assert [(q.transcript_id, q.number) for q in stats.questions] == [
            (OLDER, 1),
            (OLDER, 2),
        ]
        assert "Questions He Zhimin answered (2)" in str(stats.query_one("#stats-filter").render())
        # Enter on China Daily in the outlets table: the questions it asked.
        outlets.focus()
        await press(pilot, "enter")
        assert [(q.transcript_id, q.number) for q in stats.questions] == [
            (OLDER, 1),
            (NEWER, 1),
            (NEWER, 3),
        ]
        await press(pilot, "a")
        assert questions.row_count == 5
        # One briefing only.
        stats.query_one("#stats-scope", Select).value = NEWER
        await settle(pilot)
        assert [row[0] for row in table_rows(speakers)] == [
            "Shen Changyu",
            "Xing Huina",
            "China Daily",
            "Yu Cike",
            "Phoenix TV",
        ]
        assert [q.number for q in stats.questions] == [1, 2, 3]
        # Enter on a question goes to it.
        questions.focus()
        await press(pilot, "down", "enter")
        assert app.screen is main
        assert main.answer_view.entry_key == f"{NEWER}/q2"
        ref = main.answer_view.current_ref
        assert ref is not None and ref.turn == 5


async def test_kwic_lists_aligned_occurrences_and_jumps(
    tmp_path: Path, insights_index: Path
) -> None:
    app = make_test_app(tmp_path, insights_index, [LIBRARY])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await press(pilot, "K")
        kwic = app.screen
        assert isinstance(kwic, KwicScreen)
        assert kwic.focused is kwic.query_one("#kwic-term", Input)
        await pilot.press(*"pledge", "space", *"financing")
        await press(pilot, "enter")
        assert kwic.result is not None
        assert len(kwic.lines) == 7
        assert "7 occurrences in 2 briefings" in str(kwic.query_one("#kwic-count").render())
        rows = table_rows(kwic.table)
        width = kwic.result.width
        # Left contexts are right-aligned: every match starts in the same column.
        assert all(len(row[3]) == width for row in rows)
        assert [row[4] for row in rows][:4] == [
            "pledge financing",
            "pledge financing",
            "pledge financing",
            "Pledge financing",
        ]
        assert width == 50  # fitted to a 160-column screen
        assert rows[0][3] == "   …2019, the total amount of patent and trademark"
        assert kwic.focused is kwic.table
        await press(pilot, "down", "down", "down", "down", "enter")
        assert app.screen is main
        assert main.answer_view.entry_key == f"{NEWER}/opening"
        assert main.answer_view.marked == (1, 24, 40)


async def test_kwic_starts_with_the_search_and_reports_bad_terms(
    tmp_path: Path, insights_index: Path
) -> None:
    app = make_test_app(tmp_path, insights_index, [LIBRARY])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        main.search_box.value = "patented"
        await settle(pilot)
        main.question_list.focus()
        await press(pilot, "K")
        kwic = app.screen
        assert isinstance(kwic, KwicScreen)
        assert len(kwic.lines) == 13
        await press(pilot, "slash")
        term = kwic.query_one("#kwic-term", Input)
        term.value = "the"
        await press(pilot, "enter")
        status = kwic.query_one("#kwic-count")
        assert "has no searchable words" in str(status.render())
        assert status.has_class("-error")


async def test_export_current_view_from_the_palette(tmp_path: Path, insights_index: Path) -> None:
    app = make_test_app(tmp_path, insights_index, [LIBRARY])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        notes = record_notifications(app)
        await press(pilot, "L")
        await press(pilot, "ctrl+p")
        await pilot.press(*"as csv")
        await settle(pilot)
        await press(pilot, "enter")
        written = tmp_path / "pressroom-ledger.csv"
        assert notes[-1] == (f"Exported Figures ledger (6 rows, CSV) to {written}")
        rows = list(csv.DictReader(io.StringIO(written.read_text(encoding="utf-8"))))
        assert [r["text"] for r in rows][:3] == ["530,000", "23.8%", "151.5 billion yuan"]
        # Again: a new file, the first is kept.
        await press(pilot, "ctrl+p")
        await pilot.press(*"as csv")
        await settle(pilot)
        await press(pilot, "enter")
        assert notes[-1].endswith(str(tmp_path / "pressroom-ledger-2.csv"))


async def test_export_main_view_and_to_a_chosen_folder(
    tmp_path: Path, insights_index: Path
) -> None:
    app = make_test_app(tmp_path, insights_index, [LIBRARY])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        notes = record_notifications(app)
        from tui.screens.export import export_view

        # No search: the questions of the briefing on show.
        assert export_view(main, "json")
        await settle(pilot)  # written by a worker
        path = tmp_path / "pressroom-exchanges.json"
        assert notes[-1].startswith("Exported Questions: ")
        assert notes[-1].endswith(f"(2 rows, JSON) to {path}")
        data = json.loads(path.read_text(encoding="utf-8"))
        assert [(q["number"], q["asker"]) for q in data["tables"]["exchanges"]] == [
            (1, "China Daily"),
            (2, "Xinhua News Agency"),
        ]
        # A search: its hits, searched again for the export, never on the UI thread.
        main.search_box.value = "pledge financing"
        await settle(pilot)
        index = main.index
        assert index is not None
        searched_in: list[str] = []
        search = index.search

        def recorded(*args: Any, **kwargs: Any) -> Any:
            searched_in.append(threading.current_thread().name)
            return search(*args, **kwargs)

        index.search = recorded  # type: ignore[method-assign]
        assert export_view(main, "markdown")
        await settle(pilot)
        assert len(searched_in) == 1
        assert searched_in[0] != threading.main_thread().name
        path = tmp_path / "pressroom-search.md"
        assert notes[-1] == f"Exported Search: pledge financing (7 rows, Markdown) to {path}"
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Search: pledge financing\n")
        assert text.count("\n| ") == 9  # header, rule and 7 hits
        # Into a chosen folder, through the prompt.
        folder = tmp_path / "exports"
        folder.mkdir()
        await press(pilot, "ctrl+p")
        await pilot.press(*"to a folder")
        await settle(pilot)
        await press(pilot, "enter")
        prompt = app.screen
        assert isinstance(prompt, ExportScreen)
        box = prompt.query_one("#export-folder", Input)
        box.value = str(tmp_path / "nowhere")
        await press(pilot, "enter")
        assert "is not a folder" in str(prompt.query_one("#export-error").render())
        box.value = str(folder)
        prompt.query_one("#export-format", Select).value = "csv"
        await press(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        assert (folder / "pressroom-search.csv").is_file()
        assert notes[-1].endswith(f"to {folder / 'pressroom-search.csv'}")


async def test_palette_opens_the_screens(tmp_path: Path, insights_index: Path) -> None:
    app = make_test_app(tmp_path, insights_index, [LIBRARY])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"in context")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, KwicScreen)
        await press(pilot, "escape")
        await press(pilot, "ctrl+p")
        await pilot.press(*"and outlets")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, StatsScreen)


def test_fixture_library_ids() -> None:
    assert [t.id for t in load_library([LIBRARY]).transcripts] == [OLDER, NEWER]


async def test_stats_and_kwic_views_export_what_they_show(
    tmp_path: Path, insights_index: Path
) -> None:
    from tui.screens.export import export_view

    app = make_test_app(tmp_path, insights_index, [LIBRARY])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "S")
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        stats.filter_by_outlet("China Daily")
        assert export_view(stats, "csv")
        await settle(pilot)
        path = tmp_path / "pressroom-stats.csv"
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
        tables = {row["table"] for row in rows}
        assert {"speakers", "outlets", "answers", "transcripts", "exchanges"} <= tables
        asked = [(r["transcript_id"], r["number"]) for r in rows if r["table"] == "exchanges"]
        assert asked == [(OLDER, "1"), (NEWER, "1"), (NEWER, "3")]
        await press(pilot, "escape", "K")
        kwic = app.screen
        assert isinstance(kwic, KwicScreen)
        assert not export_view(kwic, "json")  # nothing looked up yet
        kwic.query_one("#kwic-term", Input).value = "patent"
        await press(pilot, "enter")
        assert export_view(kwic, "json")
        await settle(pilot)
        path = tmp_path / "pressroom-kwic.json"
        lines = json.loads(path.read_text(encoding="utf-8"))["tables"]["kwic"]
        assert len(lines) == 13
        assert lines[0]["match"] == "patent" and lines[0]["transcript_id"] == OLDER


async def test_a_long_table_renders_only_the_rows_on_screen(
    tmp_path: Path, insights_index: Path
) -> None:
    from textual.app import App, ComposeResult

    from tui.widgets import Column

    asked: list[int] = []

    def cells(row: int) -> tuple[str, str]:
        asked.append(row)
        return (f"row {row}", str(row * 2))

    class OneTable(App[None]):
        def compose(self) -> ComposeResult:
            yield VirtualTable()

        def on_mount(self) -> None:
            table = self.query_one(VirtualTable)
            table.set_columns([Column("name", "Name", 10), Column("double", "Double", 6)])
            table.show_rows(100_000, cells)
            table.focus()

    app = OneTable()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(VirtualTable)
        assert sorted(set(asked)) == list(range(11))  # 11 rows below the header
        asked.clear()
        await pilot.press("G")
        assert table.cursor_row == 99_999
        assert sorted(set(asked)) == list(range(99_989, 100_000))
        await pilot.press("k", "pageup", "g", "j")
        assert table.cursor_row == 1
        assert len(set(asked)) < 40


async def test_views_are_built_once_and_shown_again(tmp_path: Path, insights_index: Path) -> None:
    from tui.screens.help import HelpScreen

    app = make_test_app(tmp_path, insights_index, [LIBRARY])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await press(pilot, "L")
        ledger = app.screen
        assert isinstance(ledger, LedgerScreen)
        built = ledger.ledger
        await press(pilot, "G")
        row = ledger.table.cursor_row
        assert row == 5
        await press(pilot, "escape", "L")
        # the same screen, the same ledger (not built again), where it was left
        assert app.screen is ledger and ledger.ledger is built
        assert ledger.table.cursor_row == row
        await press(pilot, "escape", "K")
        kwic = app.screen
        assert isinstance(kwic, KwicScreen)
        await press(pilot, "escape")
        # shown again from a new search: that search is looked up
        main.search_box.value = "pledge financing"
        await settle(pilot)
        main.question_list.focus()
        await press(pilot, "K")
        assert app.screen is kwic
        assert kwic.result is not None and kwic.result.term == "pledge financing"
        assert len(kwic.lines) == 7
        await press(pilot, "escape", "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert help_screen.context is not None and "## Question list" in help_screen.context
        await press(pilot, "escape")
        main.answer_view.focus()
        await press(pilot, "question_mark")
        assert app.screen is help_screen
        assert help_screen.context is not None and "## Answer view" in help_screen.context
