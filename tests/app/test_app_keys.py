"""Keys a reader of lnav, Toolong or VisiData expects: j/k, g/G and PageDown/PageUp in every
list and table, footers that show the keys that apply, and keys that say why they cannot act."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer, Input, OptionList

from search_index.models import Transcript
from tests.support.app import (
    build_index,
    make_test_app,
    press,
    ready,
    record_notifications,
    screen_text,
    type_text,
)
from tests.support.insights import LIBRARY
from tui.screens.help import HelpScreen
from tui.screens.kwic import KwicScreen
from tui.screens.ledger import LedgerScreen
from tui.screens.main_keys import footer_width
from tui.screens.stats import StatsScreen
from tui.widgets import VirtualTable
from tui.widgets.metrics_sidebar import FigureList

SIZE = (120, 36)


def footer(app: object) -> str:
    """The footer's line."""
    return screen_text(app).rstrip("\n").rsplit("\n", 1)[-1]  # type: ignore[arg-type]


async def test_g_G_and_pages_in_the_lists_the_answer_view_and_the_help(
    tmp_path: Path, sample_index: Path
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        questions: OptionList = screen.question_list
        await press(pilot, "G")
        assert questions.highlighted == questions.option_count - 1  # Closing
        await press(pilot, "g")
        assert questions.highlighted == 0  # Opening remarks
        await press(pilot, "pagedown")
        assert questions.highlighted is not None and questions.highlighted > 1
        await press(pilot, "pageup")
        assert questions.highlighted == 0
        await press(pilot, "j", "j", "j", "j")  # 4 China Financial and Economic News
        await press(pilot, "tab", "tab")
        figures = screen.query_one(FigureList)
        assert screen.focused is figures
        await press(pilot, "G")
        assert figures.highlighted == figures.option_count - 1
        await press(pilot, "g", "j")
        assert figures.highlighted == 1
        screen.question_list.focus()
        await press(pilot, "enter")
        view = screen.answer_view
        assert screen.focused is view
        await press(pilot, "G")
        assert view.current == len(view.paragraph_refs) - 1
        await press(pilot, "g")
        assert view.current == 0
        await press(pilot, "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        body = help_screen.query_one("#help-body")
        await press(pilot, "G")
        assert body.scroll_y == body.max_scroll_y > 0
        await press(pilot, "g")
        assert body.scroll_y == 0
        await press(pilot, "pagedown", "j")
        assert body.scroll_y > 1


async def test_j_k_g_G_and_pages_in_every_table(tmp_path: Path) -> None:
    index = build_index(tmp_path / "index", [LIBRARY])
    app = make_test_app(tmp_path, index, [LIBRARY])
    async with app.run_test(size=(120, 24)) as pilot:
        main = await ready(pilot)
        for key, kind, name in (
            ("L", LedgerScreen, "#ledger-table"),
            ("S", StatsScreen, "#stats-speakers"),
            ("S", StatsScreen, "#stats-questions"),
            ("K", KwicScreen, "#kwic-table"),
        ):
            await press(pilot, key)
            screen = app.screen
            assert isinstance(screen, kind)
            if isinstance(screen, KwicScreen):
                await type_text(pilot, "patent")
                await press(pilot, "enter")
            table = screen.query_one(name, VirtualTable)
            table.focus()
            last = table.row_count - 1
            assert last >= 4, name
            await press(pilot, "j", "j")
            assert table.cursor_row == 2, name
            await press(pilot, "k")
            assert table.cursor_row == 1, name
            await press(pilot, "G")
            assert table.cursor_row == last, name
            await press(pilot, "g")
            assert table.cursor_row == 0, name
            await press(pilot, "pagedown")
            assert table.cursor_row > 1, name
            await press(pilot, "pageup")
            assert table.cursor_row == 0, name
            await press(pilot, "escape")
            assert app.screen is main


async def test_the_main_footer_shows_the_keys_that_apply(
    tmp_path: Path, sample_index: Path
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        line = footer(app)
        for shown in ("/ Search", "cCy Copy", "f Figures", "LSK Views", "? Help", "q Quit"):
            assert shown in line
        assert "Match" not in line  # n/N only while searching
        await press(pilot, "slash")
        await type_text(pilot, "patent")
        await press(pilot, "enter")  # to the first hit: the letter keys are keys again
        assert "nN Match" in footer(app)
        await press(pilot, "escape")
        assert "Match" not in footer(app)
        # On an answer without figures, y is dimmed and, pressed, says why.
        await press(pilot, "g", "j", "j", "j")  # 3 China Daily: a hand-off, no figures
        assert screen.answer_view.entry_key is not None
        assert screen.answer_view.entry_key.endswith("/q3")
        assert screen.check_action("copy_figure", ()) is None
        assert screen.check_action("copy_paragraph", ()) is True
        notes = record_notifications(app)
        await press(pilot, "y")
        assert notes == ["Nothing to copy: this answer has no figures."]
        assert app.clipboard == ""


async def test_the_ledger_footer_and_a_rejected_kwic_term(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await press(pilot, "L")
        line = footer(app)
        for shown in ("esc Back", "vdsm Sort", "r Reverse", "/ Filter"):
            assert shown in line
        await press(pilot, "escape")
        # On K, a rejected term clears the last term's lines.
        await press(pilot, "K")
        kwic = app.screen
        assert isinstance(kwic, KwicScreen)
        await type_text(pilot, "patent")
        await press(pilot, "enter")
        assert kwic.table.row_count == len(kwic.lines) > 0
        await press(pilot, "slash")
        kwic.query_one("#kwic-term", Input).value = "the"
        await press(pilot, "enter")
        status = kwic.query_one("#kwic-count")
        assert status.has_class("-error")
        assert kwic.table.row_count == 0 and kwic.lines == ()
        assert "patent" not in screen_text(app).lower().split("keyword in context")[-1]


async def test_help_and_quit_stay_in_the_footer_at_80_columns(
    tmp_path: Path, sample_index: Path
) -> None:
    """At 80 columns a search, the answer view and a range put more keys in the footer than
    fit: the sidebar, marks and views keys step back (they still work), Help and Quit stay."""
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "patent")
        await press(pilot, "enter")  # the first hit, in the answer view
        assert screen.focused is screen.answer_view
        line = footer(app)
        for shown in ("v Select", "/ Search", "nN Match", "cCy Copy", "? Help", "q Quit"):
            assert shown in line, line
        assert "f Figures" not in line and "Marks" not in line
        sidebar_shown = screen.sidebar.display
        await press(pilot, "f")  # not in the footer, still a key
        assert screen.sidebar.display is not sidebar_shown
        await press(pilot, "f")
        await press(pilot, "v")  # choosing a range: its keys first
        line = footer(app)
        for shown in ("c Copy range", "esc Done", "? Help", "q Quit"):
            assert shown in line, line
        await press(pilot, "escape", "escape")  # the range, then the search
        line = footer(app)
        for shown in ("f Figures", "LSK Views", "mM Marks", "? Help", "q Quit"):
            assert shown in line, line
        await press(pilot, "p")  # only the questions one official answered
        await type_text(pilot, "shen")
        await press(pilot, "enter")
        assert screen.panes.scope.is_filtered
        line = footer(app)
        for shown in ("x Clear filters", "cCy Copy", "? Help", "q Quit"):
            assert shown in line, line
    async with make_test_app(tmp_path, sample_index).run_test(size=(160, 40)) as pilot:
        await ready(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "patent")
        await press(pilot, "enter")
        line = footer(pilot.app)
        for shown in ("v Select", "nN Match", "f Figures", "LSK Views", "mM Marks", "q Quit"):
            assert shown in line, line
        # The width fit_footer reckons with is the width the footer takes as drawn.
        bar = pilot.app.screen.query_one(Footer)
        drawn = max(
            part.region.right + part.styles.margin.right
            for part in bar.children
            if not part.has_class("-command-palette")
        )
        assert footer_width(pilot.app.screen.active_bindings, pilot.app.get_key_display) == drawn
