"""The app on crafted briefings: nothing but the screen reaches the terminal, markup is text.

Opening the issue's crafted briefing set the terminal's title and wrote to its clipboard
with no key pressed, and `C` copied escape sequences; L, S or K on a briefing with `[/]`
in it quit the app. Here every frame the app would write is checked for anything but
the escape sequences Textual itself writes (CSI), and every write outside frames (OSC 52
copies) is recorded.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable

from tests.support.app import (
    build_index,
    make_test_app,
    press,
    ready,
    record_notifications,
    record_terminal_writes,
    screen_text,
    settle,
    terminal_frame,
    type_text,
)
from tests.support.hostile import (
    HOSTILE_NAME,
    LINK,
    controls_in,
    escaped_html,
    escaped_markdown,
    markup_briefing,
)
from tui.app import PressroomApp
from tui.screens.kwic import KwicScreen
from tui.screens.ledger import LedgerScreen
from tui.screens.stats import StatsScreen

SIZE = (160, 48)
#: The sequences Textual writes in a frame: cursor moves and styles (CSI … final byte).
CSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


@pytest.fixture(autouse=True)
def no_user_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """User folders and the current folder all point into tmp."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("PRESSROOM_INDEX_DIR", str(tmp_path / "xdg-index"))
    monkeypatch.chdir(tmp_path)


def assert_frame_is_only_screen(app: PressroomApp) -> None:
    frame = terminal_frame(app)
    assert "\x1b]" not in frame  # no OSC: no title, no clipboard, no hyperlink
    assert controls_in(CSI.sub("", frame)) == []


def library_of(tmp_path: Path, name: str, text: str) -> tuple[Path, Path]:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder, build_index(tmp_path / "index", [folder])


async def test_opening_a_crafted_page_writes_only_the_screen(tmp_path: Path) -> None:
    folder, index = library_of(tmp_path, HOSTILE_NAME, escaped_html())
    app = make_test_app(tmp_path, index, [folder])
    async with app.run_test(size=SIZE) as pilot:
        writes = record_terminal_writes(app)
        screen = await ready(pilot)
        assert (writes, app.clipboard) == ([], "")
        assert screen.title == (
            "Foreign Ministry Spokesperson's Regular Press Conference]0;PWNED on May 2, 2024"
        )
        assert str(screen.answer_view.border_title) == "1 AFP"
        shown = screen_text(app)
        assert "Will the minister attend?]52;c;SGFja2Vk" in shown
        assert "The minister will lead]52;c;SGFja2Vk the delegation." in shown
        assert_frame_is_only_screen(app)
        for key in ("j", "j", "k"):  # the other questions, one with an escape in its asker
            await press(pilot, key)
            assert_frame_is_only_screen(app)
        assert (writes, app.clipboard) == ([], "")

        await press(pilot, "k", "C")
        expected = (
            '"The minister will lead]52;c;SGFja2Vk the delegation.\n\nWe will release details '
            "in due course.\" — Spokesperson Lin Hua, Foreign Ministry Spokesperson's Regular "
            "Press Conference]0;PWNED on May 2, 2024, 2024-05-02 (brief]0;PWNEDing.html, turn 2)"
        )
        assert app.clipboard == expected
        payload = base64.b64encode(expected.encode("utf-8")).decode("ascii")
        assert writes == [f"\x1b]52;c;{payload}\a"]


async def test_front_matter_escapes_stay_off_the_terminal(tmp_path: Path) -> None:
    folder, index = library_of(tmp_path, "ecb.md", escaped_markdown())
    app = make_test_app(tmp_path, index, [folder])
    async with app.run_test(size=SIZE) as pilot:
        writes = record_terminal_writes(app)
        screen = await ready(pilot)
        assert screen.title == "Monetary policy ]0;PWNED press conference ]52;c;SGFja2Vk"
        assert screen.sub_title == "2024-06-06 · Frankfurt2J am Main"
        assert_frame_is_only_screen(app)
        await press(pilot, "c")
        assert controls_in(app.clipboard) == []
        assert app.clipboard.endswith(
            "President Lagarde, Monetary policy ]0;PWNED press conference ]52;c;SGFja2Vk, "
            "Frankfurt2J am Main, 2024-06-06 (ecb.md, turn 2)"
        )
        assert len(writes) == 1


async def test_a_skipped_file_is_named_safely(tmp_path: Path) -> None:
    folder, index = library_of(tmp_path, "mfa.txt", markup_briefing())
    (folder / "notes [b]\x1b]0;PWNED\x07.txt").write_text("Only prose.\n", encoding="utf-8")
    app = make_test_app(tmp_path, index, [folder])
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.is_running
        skipped = [note for note in notes if "skipped" in note]
        assert len(skipped) == 1
        assert skipped[0].startswith("1 file skipped: notes [b]]0;PWNED.txt: no speaker turns")
        assert_frame_is_only_screen(app)


# --- markup --------------------------------------------------------------------------


def _cells(table: DataTable[object]) -> list[list[str]]:
    return [
        [cell.plain if isinstance(cell, Text) else str(cell) for cell in table.get_row_at(i)]
        for i in range(table.row_count)
    ]


@pytest.fixture()
def markup_library(tmp_path: Path) -> tuple[Path, Path]:
    """The MFA briefing with Rich markup in its title, a role, a label and its turns."""
    return library_of(tmp_path, "mfa-markup.txt", markup_briefing())


async def test_the_main_screen_shows_markup_as_text(
    tmp_path: Path, markup_library: tuple[Path, Path]
) -> None:
    folder, index = markup_library
    app = make_test_app(tmp_path, index, [folder])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.title == "Foreign [/] Ministry Spokesperson's Regular Press Conference"
        shown = screen_text(app)
        assert "─ 1 Reuters ─" in shown
        assert LINK in shown
        await press(pilot, "j")
        assert "─ 2 Afp [/] ─" in screen_text(app)
        assert "\x1b]8;" not in terminal_frame(app)  # no hyperlink


async def test_ledger_on_markup(tmp_path: Path, markup_library: tuple[Path, Path]) -> None:
    folder, index = markup_library
    app = make_test_app(tmp_path, index, [folder])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "L")
        ledger = app.screen
        assert isinstance(ledger, LedgerScreen)
        rows = _cells(ledger.table)
        assert rows[0][6] == "Foreign [/] Ministry Sp…"
        await press(pilot, "escape")
        assert app.is_running


async def test_stats_on_markup(tmp_path: Path, markup_library: tuple[Path, Path]) -> None:
    folder, index = markup_library
    app = make_test_app(tmp_path, index, [folder])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "S")
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        speakers = _cells(stats.query_one("#stats-speakers", DataTable))
        assert [row[0] for row in speakers] == ["Wang Lin", "Reuters", "Afp [/]"]
        outlets = _cells(stats.query_one("#stats-outlets", DataTable))
        assert outlets[0][0] == "Afp [/]"
        questions = _cells(stats.query_one("#stats-questions", DataTable))
        assert questions[0][4] == f"{LINK} more details…"
        # Filter by the outlet whose name holds markup: the filter line names it.
        stats.query_one("#stats-outlets", DataTable).focus()
        await press(pilot, "enter")
        assert app.is_running
        assert "Questions Afp [/] asked (1)" in screen_text(app)


async def test_kwic_on_markup(tmp_path: Path, markup_library: tuple[Path, Path]) -> None:
    folder, index = markup_library
    app = make_test_app(tmp_path, index, [folder])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "K")
        kwic = app.screen
        assert isinstance(kwic, KwicScreen)
        await type_text(pilot, "report")
        await press(pilot, "enter")
        await settle(pilot)
        rows = _cells(kwic.table)
        assert [row[2] for row in rows] == ["Afp [/]", "Wang Lin"]
        # A term typed with markup in it heads its column as written.
        await press(pilot, "slash")
        kwic.query_one("#kwic-term").value = ""  # type: ignore[attr-defined]
        await type_text(pilot, "[/]")
        await press(pilot, "enter")
        await settle(pilot)
        assert app.is_running


async def test_palette_lists_markup_as_text(
    tmp_path: Path, markup_library: tuple[Path, Path]
) -> None:
    folder, index = markup_library
    app = make_test_app(tmp_path, index, [folder])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "afp")
        await settle(pilot)
        assert app.is_running
        assert "jump to question: 2 Afp [/]" in screen_text(app)
