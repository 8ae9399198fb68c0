"""The app driven with Pilot: every key of the issue, what the panes show, what is copied."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Select

from search_index.models import Transcript
from tests.support.app import (
    build_index,
    make_test_app,
    press,
    ready,
    record_notifications,
    screen_text,
    settle,
    type_text,
)
from tui.screens.help import HelpScreen
from tui.widgets.answer_view import AnswerView
from tui.widgets.metrics_sidebar import FigureList
from tui.widgets.turn_view import TurnView

SIZE = (160, 48)


def key_of(transcript: Transcript, tail: str) -> str:
    """The entry key of `tail` ("q4", "opening", "closing") in `transcript`."""
    return f"{transcript.id}/{tail}"


async def test_start_shows_the_nine_questions_and_the_first_answer(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        tid = sample_transcript.id
        assert screen.question_list.entry_keys == [
            key_of(sample_transcript, "opening"),
            *(f"{tid}/q{n}" for n in range(1, 10)),
            key_of(sample_transcript, "closing"),
        ]
        assert screen.answer_view.entry_key == f"{tid}/q1"
        assert screen.focused is screen.question_list
        assert screen.sub_title == "2021-04-25 · Beijing"
        assert screen.title.startswith("SCIO briefing on implementing the Outline")
        shown = screen_text(app)
        for outlet in (
            "1 China Media Group",
            "2 Guangming Daily",
            "3 China Daily",
            "4 China Financial and Economic News",
            "5 Phoenix TV",
            "6 Red Star News",
            "7 ThePaper.cn",
            "9 Xinhua News Agency",
        ):
            assert outlet in shown
        assert "Opening remarks" in shown and "Closing" in shown
        figures = [figure.text for figure in screen.sidebar.figures]
        assert figures == ["six", "two", "134"]
        assert "134 measures · concrete measures" in shown
        assert "Figures (3)" in shown
        # the question first, then the answer under the speaker's name and role
        assert "China Media Group  asks" in shown
        assert "Shen Changyu — commissioner of the China National Intellectual Property" in shown
        # the first answer paragraph is current
        ref = screen.answer_view.current_ref
        assert ref is not None and (ref.turn, ref.paragraph) == (4, 0)


async def test_jk_and_arrows_move_in_the_question_list(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        tid = sample_transcript.id
        await press(pilot, "j")
        assert screen.answer_view.entry_key == f"{tid}/q2"
        await press(pilot, "down", "down")
        assert screen.answer_view.entry_key == f"{tid}/q4"
        assert [f.text for f in screen.sidebar.figures][:3] == [
            "three",
            "218 billion yuan",
            "43.9%",
        ]
        await press(pilot, "k")
        assert screen.answer_view.entry_key == f"{tid}/q3"
        await press(pilot, "up", "up", "up")
        assert screen.answer_view.entry_key == f"{tid}/opening"
        assert screen.answer_view.border_title == "Opening remarks"
        await press(pilot, "end")
        assert screen.answer_view.entry_key == f"{tid}/closing"


async def test_holding_j_shows_where_the_cursor_stops(
    tmp_path: Path,
    sample_index: Path,
    sample_transcript: Transcript,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tui.widgets.briefing_panes as panes_module

    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        # a clock that stands still: every move comes "at once", as when j is held down
        monkeypatch.setattr(panes_module, "_now", lambda: 1000.0)
        screen.panes._last_follow = 1000.0
        # and timers that wait for the test, not for the clock (a slow machine is not a pause)
        paused: list[Callable[[], object]] = []

        def set_timer(delay: float, callback: Callable[[], object]) -> SimpleNamespace:
            paused.append(callback)
            return SimpleNamespace(stop=lambda: paused.remove(callback))

        monkeypatch.setattr(screen.panes, "set_timer", set_timer)
        for _ in range(5):
            await pilot.press("j")
        assert screen.question_list.highlighted_key == f"{sample_transcript.id}/q6"
        assert screen.answer_view.entry_key == f"{sample_transcript.id}/q1"  # not yet
        assert screen.pending_work
        assert len(paused) == 1  # each move put off the one before
        paused.pop()()  # the pause comes
        await settle(pilot)
        assert screen.answer_view.entry_key == f"{sample_transcript.id}/q6"
        assert not screen.pending_work


async def test_enter_opens_the_answer_and_jk_move_by_paragraph(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "j", "enter")
        view = screen.answer_view
        assert screen.focused is view
        assert view.entry_key == f"{sample_transcript.id}/q2"
        assert view.current_ref is not None and view.current_ref.turn == 6
        assert view.current_ref.paragraph == 0
        await press(pilot, "j", "j", "down")
        assert view.current_ref.paragraph == 3
        current = [(t, t.current) for t in view.query(TurnView) if t.current is not None]
        assert current == [(view.turn_view(6), 3)]  # the bar is beside that paragraph only
        await press(pilot, "k", "up")
        assert view.current_ref.paragraph == 1
        await press(pilot, "home")
        assert view.current_ref.turn == 5  # the question itself
        await press(pilot, "end")
        assert view.current_ref.paragraph == 9


async def test_tab_and_shift_tab_cycle_the_panes(tmp_path: Path, sample_index: Path) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.focused is screen.question_list
        await press(pilot, "tab")
        assert isinstance(screen.focused, AnswerView)
        await press(pilot, "tab")
        assert isinstance(screen.focused, FigureList)
        await press(pilot, "tab")
        assert isinstance(screen.focused, Input)
        await press(pilot, "shift+tab")
        assert isinstance(screen.focused, FigureList)
        await press(pilot, "shift+tab", "shift+tab")
        assert screen.focused is screen.question_list


async def test_search_as_you_type_then_enter_n_and_escape(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        tid = sample_transcript.id
        await press(pilot, "slash")
        assert screen.focused is screen.search_box
        await type_text(pilot, "pledge financing")
        assert screen.searching
        assert screen.question_list.entry_keys == [
            f"{tid}/q4",
            f"{tid}/q2",
            f"{tid}/q8",
            f"{tid}/opening",
        ]
        assert screen.focused is screen.search_box  # typing goes on in the box
        status = str(screen.query_one("#search-status").render())
        assert status == "23 matches in 4 questions · Enter, n/N"
        shown = screen_text(app)
        assert "16 hits" in shown and "2 hits" in shown
        await press(pilot, "enter")
        view = screen.answer_view
        assert screen.focused is view
        assert view.entry_key == f"{tid}/q4"
        # The first hit in reading order: the question's first match.
        assert str(screen.query_one("#search-status").render()) == "1/23"
        assert view.marked is not None
        turn, start, end = view.marked
        assert (turn, sample_transcript.turns[10].text[start:end]) == (10, "pledge")
        await press(pilot, "n", "n", "n", "n")
        assert str(screen.query_one("#search-status").render()) == "5/23"
        assert view.marked is not None
        turn, start, end = view.marked
        assert turn == 11  # Shen Changyu's answer follows the question
        word = sample_transcript.turns[11].text[start:end]
        assert word == "finance"  # "financing" matches its word forms
        assert "218 billion yuan" in screen_text(app)
        await press(pilot, "n")
        assert str(screen.query_one("#search-status").render()) == "6/23"
        await press(pilot, "N", "N")
        assert str(screen.query_one("#search-status").render()) == "4/23"
        assert view.marked is not None and view.marked[0] == 10  # back in the question
        text = sample_transcript.turns[10].text
        assert text[view.marked[1] : view.marked[2]].lower() in ("pledge", "financing")
        # n wraps round into the next question with hits
        for _ in range(16 - 4):
            await pilot.press("n")
        await press(pilot, "n")
        assert view.entry_key == f"{tid}/q2"
        assert str(screen.query_one("#search-status").render()) == "17/23"
        await press(pilot, "escape")
        assert not screen.searching
        assert screen.search_box.value == ""
        assert len(screen.question_list.entry_keys) == 11
        assert screen.focused is screen.question_list
        assert view.entry_key == f"{tid}/q2"
        assert view.marked is None
        assert str(screen.query_one("#search-status").render()) == ""


@pytest.mark.parametrize(("query", "shown"), [("patent", "1/44"), ("copyright", "1/62")])
async def test_enter_goes_to_the_first_hit_in_reading_order(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript, query: str, shown: str
) -> None:
    # The cases: Enter showed 4/44 and 2/62, skipping the hits in the question.
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash")
        await type_text(pilot, query)
        await press(pilot, "enter")
        assert str(screen.query_one("#search-status").render()) == shown
        view = screen.answer_view
        entry = view.entry
        assert entry is not None and view.marked is not None
        turn, start, end = view.marked
        assert turn == entry.turns[0]  # the first turn the answer view shows: the question
        text = sample_transcript.turns[turn].text.lower()
        assert text[start:end].startswith(query[:6])
        assert query[:6] not in text[:start]  # no earlier match in the question


async def test_figures_and_matches_are_styled_in_the_text(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript
) -> None:
    from textual.content import Content

    from tui.widgets.answer_view import FIGURE_STYLES, MATCH_STYLE

    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "j", "j", "j", "slash")
        await type_text(pilot, "pledge")
        content = screen.answer_view.paragraph_content(11, 1)
        assert isinstance(content, Content)

        def styles_of(text: str) -> set[str]:
            start = content.plain.index(text)
            return {
                str(span.style)
                for span in content.spans
                if span.start <= start and span.end >= start + len(text)
            }

        assert FIGURE_STYLES["amount"] in styles_of("218 billion yuan")
        assert FIGURE_STYLES["change"] in styles_of("43.9%")
        assert FIGURE_STYLES["count"] in styles_of("three")
        assert MATCH_STYLE in styles_of("pledge")
        assert styles_of("Notice") == set()
        await press(pilot, "escape")
        content = screen.answer_view.paragraph_content(11, 1)
        assert isinstance(content, Content)
        assert MATCH_STYLE not in {str(span.style) for span in content.spans}


async def test_a_bad_query_is_explained_in_place(tmp_path: Path, sample_index: Path) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "date:someday")
        status = screen.query_one("#search-status")
        assert status.has_class("-error")
        assert str(status.render()) == (
            "date:someday is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"
        )
        await press(pilot, "enter")  # nothing to go to: no crash, focus stays
        assert screen.focused is screen.search_box
        await press(pilot, "ctrl+u")  # clear the box
        await type_text(pilot, '"pledge financing')
        assert not status.has_class("-error")
        assert str(status.render()).endswith("closed an unbalanced quote")


async def test_no_hits(tmp_path: Path, sample_index: Path) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "zeppelin")
        assert screen.question_list.entry_keys == []
        assert str(screen.query_one("#search-status").render()) == "no hits"
        notes = record_notifications(app)
        await press(pilot, "enter")
        assert notes == ["No hits to go to."]


async def test_c_copies_the_current_paragraph_with_its_citation(
    tmp_path: Path, sample_index: Path
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        notes = record_notifications(app)
        await press(pilot, "j", "j", "j", "enter", "j")
        await press(pilot, "c")
        expected = (
            '"First, we have vigorously promoted intellectual property pledge financing work. '
            "In 2019, we joined with the CBIRC and the NCAC, to issue the Notice on Further "
            "Strengthening Intellectual Property Pledge Financing Work and specified three "
            "measures: tolerate a slightly higher bad loan ratio in IP pledge financing "
            "business, establish separate credit programs and specific in-house performance "
            "appraisal and incentive mechanisms. In 2020, the total amount of national patent "
            "and trademark pledge financing reached 218 billion yuan, a year-on-year increase "
            "of 43.9%, from which many small and medium-sized enterprises have benefited, "
            'especially those related to science and technology." — Shen Changyu, commissioner '
            "of the China National Intellectual Property Administration, SCIO briefing on "
            "implementing the Outline of the 14th Five-Year Plan and accelerating the building "
            "of China's strength in intellectual property, Beijing, 2021-04-25 "
            "(scio-2021-04-25-ipr-briefing.txt, turn 12, paragraph 2)"
        )
        assert app.clipboard == expected
        assert notes == [f"Sent {len(expected)} characters to the terminal clipboard (OSC 52)"]
        # The answer view numbers the turn and the paragraph as the citation does.
        turn = screen.answer_view.turn_view(11)
        assert turn is not None and turn.current == 1
        assert turn.heading.plain == (
            "Shen Changyu — commissioner of the China National Intellectual Property "
            "Administration  · turn 12"
        )
        assert "  2▌ First, we have vigorously promoted" in screen_text(app)


async def test_shift_c_copies_the_whole_answer_of_a_handoff(
    tmp_path: Path, sample_index: Path
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "j", "j")  # 3 China Daily: Shen hands over to Yu Cike
        await press(pilot, "C")
        blocks = app.clipboard.split("\n\n")
        assert blocks[0].startswith('"Mr. Yu will answer this question." — Shen Changyu, ')
        assert blocks[0].endswith("(scio-2021-04-25-ipr-briefing.txt, turn 9)")
        assert blocks[1].startswith('"During the 13th Five-Year Plan period')
        assert app.clipboard.endswith("(scio-2021-04-25-ipr-briefing.txt, turn 10)")
        assert "— Yu Cike, director general of the Copyright Management Department" in (
            app.clipboard
        )
        assert app.clipboard.count(" — ") == 2


async def test_y_copies_the_selected_figure_and_selecting_marks_it(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "j", "j", "j")  # 4 China Financial and Economic News
        await press(pilot, "tab", "tab")
        assert isinstance(screen.focused, FigureList)
        await press(pilot, "j")
        figure = screen.sidebar.selected
        assert figure is not None and figure.text == "218 billion yuan"
        view = screen.answer_view
        assert view.marked == (11, figure.start, figure.end)
        turn = sample_transcript.turns[11]
        assert turn.text[figure.start : figure.end] == "218 billion yuan"
        assert view.current_ref is not None
        assert (view.current_ref.turn, view.current_ref.paragraph) == (11, 1)
        await press(pilot, "y")
        assert app.clipboard.startswith(
            '218 billion yuan\n"In 2020, the total amount of national patent and trademark '
            "pledge financing reached 218 billion yuan, a year-on-year increase of 43.9%, "
        )
        assert app.clipboard.endswith(
            "— Shen Changyu, commissioner of the China National Intellectual Property "
            "Administration, SCIO briefing on implementing the Outline of the 14th Five-Year "
            "Plan and accelerating the building of China's strength in intellectual property, "
            "Beijing, 2021-04-25 (scio-2021-04-25-ipr-briefing.txt, turn 12, paragraph 2)"
        )
        await press(pilot, "enter")  # Enter on a figure jumps into the text
        assert screen.focused is view


async def test_nothing_to_copy_says_so(tmp_path: Path, sample_index: Path) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "j", "j")  # 3 China Daily: no figures in the answer
        assert screen.sidebar.figures == []
        assert "No figures in this answer." in screen_text(app)
        notes = record_notifications(app)
        await press(pilot, "y")  # dimmed in the footer, and says why (it used to say nothing)
        assert notes == ["Nothing to copy: this answer has no figures."]
        assert app.clipboard == ""
        await press(pilot, "ctrl+p")
        await type_text(pilot, "copy: figure")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert notes[1:] == ["Nothing to copy: this answer has no figures."]
        assert app.clipboard == ""


async def test_help_lists_every_key_and_the_query_syntax(
    tmp_path: Path, sample_index: Path
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.context is not None and "## Question list" in app.screen.context
        from tui.screens.help import help_text

        text = help_text()
        for key in ("`j` / `k`", "`Tab`", "`Enter`", "`/`", "`n` / `N`", "`Esc`", "`c`", "`C`"):
            assert key in text
        for key in ("`y`", "`?` / `F1`", "`Ctrl+P`", "`q`", "`f`", "`L`", "`S`", "`K`"):
            assert key in text
        for key in ("`g` / `G`", "`PgUp` / `PgDn`", "turn N, paragraph K"):
            assert key in text
        for key in (
            "jump to question:",
            "jump to speaker:",
            "jump to briefing:",
            "date:",
            "figure:",
        ):
            assert key in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "f1")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_jumps_to_a_question_and_a_speaker(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "question: phoenix")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert screen.answer_view.entry_key == f"{sample_transcript.id}/q5"
        assert screen.focused is screen.answer_view
        await press(pilot, "ctrl+p")
        await type_text(pilot, "speaker: yu cike red star")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        view = screen.answer_view
        assert view.entry_key == f"{sample_transcript.id}/q6"
        assert view.current_ref is not None and view.current_ref.turn == 17


async def test_palette_copy_and_citation_format_persist(tmp_path: Path, sample_index: Path) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "view: citation format markdown")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        saved = json.loads((tmp_path / "config" / "settings.json").read_text("utf-8"))
        assert saved == {"citation_format": "markdown"}
        await press(pilot, "ctrl+p")
        await type_text(pilot, "copy: paragraph")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert app.clipboard.startswith("> Thank you for the questions. As you said, ")
        assert app.clipboard.endswith(
            ">\n> — Shen Changyu, commissioner of the China National Intellectual Property "
            "Administration, SCIO briefing on implementing the Outline of the 14th Five-Year "
            "Plan and accelerating the building of China's strength in intellectual property, "
            "Beijing, 2021-04-25 (scio-2021-04-25-ipr-briefing.txt, turn 5, paragraph 1)"
        )
    again = make_test_app(tmp_path, sample_index)
    assert again.settings.citation_format == "markdown"


async def test_the_theme_is_remembered_with_the_other_settings(
    tmp_path: Path, sample_index: Path
) -> None:
    settings = tmp_path / "config" / "settings.json"
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.theme = "nord"  # as the palette's "Change theme" does
        await settle(pilot)
    assert json.loads(settings.read_text("utf-8")) == {"citation_format": "plain", "theme": "nord"}
    again = make_test_app(tmp_path, sample_index)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.theme == "nord"
    # A theme that no longer exists is ignored, not an error.
    settings.write_text(json.dumps({"theme": "no-such-theme"}), encoding="utf-8")
    third = make_test_app(tmp_path, sample_index)
    async with third.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert third.theme == "textual-dark"


async def test_q_quits(tmp_path: Path, sample_index: Path) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit
    assert app.return_code == 0


async def test_typing_q_in_the_search_box_does_not_quit(tmp_path: Path, sample_index: Path) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "qc/")
        assert screen.search_box.value == "qc/"
        assert not app._exit
        assert app.clipboard == ""


async def test_80x24_collapses_the_sidebar_and_f_brings_it_back(
    tmp_path: Path, sample_index: Path
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert screen.has_class("-narrow")
        assert not screen.sidebar.display or screen.sidebar.region.width == 0
        shown = screen_text(app)
        assert "1 China Media Group" in shown
        assert "China Media Group  asks" in shown
        await press(pilot, "f")
        assert screen.sidebar.region.width > 0
        assert "Figures (3)" in screen_text(app)
        await press(pilot, "f")
        assert screen.sidebar.region.width == 0


async def test_a_library_of_several_briefings_has_a_picker(
    tmp_path: Path, data_dir: Path, sample_file: Path
) -> None:
    folder = data_dir / "app"
    index = build_index(tmp_path / "index", [folder, sample_file])
    app = make_test_app(tmp_path, index, [folder, sample_file])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.library is not None
        titles = [outline.transcript.title for outline in screen.library.outlines]
        assert titles[:2] == [
            "Foreign Ministry Spokesperson's Regular Press Conference",
            "Press briefing on financial statistics for the first quarter",
        ]
        picker = screen.query_one("#transcript-picker", Select)
        assert picker.display
        # The picker lists the briefings by date, newest first (not by file name).
        labels = [str(prompt) for prompt, _value in picker._options[1:]]
        assert [label[:10] for label in labels] == ["2023-04-20", "2023-03-14", "2021-04-25"]
        assert screen.sub_title == "2023-03-14 · Beijing"
        # pick the newer briefing with the keyboard
        await press(pilot, "shift+tab")
        assert screen.focused is picker
        await press(pilot, "enter", "up", "enter")
        assert screen.sub_title == "2023-04-20 · Beijing"
        assert screen.answer_view.border_title == "1 Financial News"
        assert screen.question_list.entry_keys[0].endswith("/opening")
        await press(pilot, "enter", "down", "enter")
        assert screen.sub_title == "2023-03-14 · Beijing"
        # a search spans every briefing, grouped under their titles
        await press(pilot, "slash")
        await type_text(pilot, "forum OR relending")
        options = screen.question_list.options
        headings = [str(o.prompt) for o in options if o.disabled]
        assert len(headings) == 2
        assert any("Foreign Ministry" in heading for heading in headings)
        assert any("financial statistics" in heading for heading in headings)
        # moving onto a hit in the other briefing switches the header
        keys = screen.question_list.entry_keys
        pboc = next(o for o in screen.library.outlines if o.transcript.date.month == 4)
        target = next(key for key in keys if key.startswith(pboc.transcript.id))
        screen.question_list.move_to(target)
        await settle(pilot)
        assert screen.answer_view.entry_key == target
        assert screen.sub_title == "2023-04-20 · Beijing"
        await press(pilot, "escape")
        assert screen.question_list.entry_keys[0].startswith(pboc.transcript.id)
        assert isinstance(screen.question_list, OptionList)


async def test_a_large_library_shows_its_first_briefing_while_the_rest_load(
    tmp_path: Path, data_dir: Path, sample_file: Path
) -> None:
    from tui import messages

    loads: list[tuple[int, int, int, bool]] = []

    def hook(message: object) -> None:
        if isinstance(message, messages.LibraryLoaded):
            loads.append(
                (len(message.library.outlines), message.done, message.total, message.complete)
            )

    folder = data_dir / "app"
    app = make_test_app(tmp_path, tmp_path / "index", [folder, sample_file])
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        screen = await ready(pilot)
        assert screen.library is not None and len(screen.library.outlines) == 3
    assert loads[0] == (1, 1, 3, False)  # the first briefing, at once
    assert loads[-1] == (3, 3, 3, True)


async def test_a_crashing_load_is_reported_not_raised(
    tmp_path: Path, sample_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search_index.library

    def broken(paths: object) -> tuple[list[Path], list[Path]]:
        raise RuntimeError("disk on fire")

    # A crash outside any one file (one file's crash only skips that file).
    monkeypatch.setattr(search_index.library, "gather_sources", broken)
    app = make_test_app(tmp_path, tmp_path / "index", [sample_file])
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert notes == ["Loading the library failed: disk on fire"]
        assert "Loading the library failed: disk on fire" in screen_text(app)
        await press(pilot, "c", "slash")
        assert app.clipboard == ""


async def test_copy_reaches_the_local_clipboard_tool(tmp_path: Path, sample_index: Path) -> None:
    import sys

    from tui.app import ClipboardOptions

    out = tmp_path / "pasted.txt"
    script = tmp_path / "fake_clip.py"
    script.write_text(
        f"import sys; open({str(out)!r}, 'w', encoding='utf-8').write(sys.stdin.read())\n",
        encoding="utf-8",
    )
    tool = (sys.executable, str(script))
    app = make_test_app(tmp_path, sample_index, clipboard=ClipboardOptions(osc52=False, tool=tool))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        notes = record_notifications(app)
        await press(pilot, "c")
        assert out.read_text(encoding="utf-8") == app.clipboard
        tool_name = Path(sys.executable).name
        assert notes == [f"Copied {len(app.clipboard)} characters with {tool_name}"]
    # A tool that fails where the terminal takes OSC 52: sent, with the tool's failure.
    failing = (sys.executable, "-c", "import sys; sys.stderr.write('no display\\n'); sys.exit(1)")
    app = make_test_app(
        tmp_path, sample_index, clipboard=ClipboardOptions(osc52=True, tool=failing)
    )
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        notes = record_notifications(app)
        await press(pilot, "c")
        assert notes == [
            f"Sent {len(app.clipboard)} characters to the terminal clipboard (OSC 52); "
            f"{Path(sys.executable).name} failed: no display"
        ]


async def test_when_nothing_can_copy_the_passage_is_shown_and_can_be_saved(
    tmp_path: Path, sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from textual.widgets import TextArea

    from tui.app import ClipboardOptions
    from tui.screens.passage import PassageDialog

    monkeypatch.chdir(tmp_path)
    app = make_test_app(tmp_path, sample_index, clipboard=ClipboardOptions(osc52=False, tool=None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        notes = record_notifications(app)
        await press(pilot, "c")
        dialog = app.screen
        assert isinstance(dialog, PassageDialog)
        assert notes == []  # no "copied": the dialog says what happened
        why = str(dialog.query_one("#passage-why").render())
        assert why == (
            "Nothing was copied. This terminal ignores clipboard requests (OSC 52) and no "
            "clipboard tool (wl-copy, xclip, xsel, pbcopy) was found."
        )
        area = dialog.query_one(TextArea)
        assert area.text == app.clipboard and area.read_only
        assert area.selected_text == app.clipboard  # selected, for the terminal to copy
        await press(pilot, "tab", "enter")  # Enter in the file box saves
        saved = tmp_path / "pressroom-passage.txt"
        assert saved.read_text(encoding="utf-8") == app.clipboard + "\n"
        assert notes == [f"Saved {len(app.clipboard)} characters to {saved}"]
        assert app.screen is screen
        # again: a second file, never replacing the first
        await press(pilot, "c", "tab", "enter")
        assert (tmp_path / "pressroom-passage-2.txt").is_file()
        # Esc closes without saving
        await press(pilot, "c", "escape")
        assert app.screen is screen
        assert not (tmp_path / "pressroom-passage-3.txt").exists()
    failing = (sys.executable, "-c", "import sys; sys.stderr.write('no display\\n'); sys.exit(1)")
    app = make_test_app(
        tmp_path, sample_index, clipboard=ClipboardOptions(osc52=False, tool=failing)
    )
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "c")
        dialog = app.screen
        assert isinstance(dialog, PassageDialog)
        name = Path(sys.executable).name
        assert str(dialog.query_one("#passage-why").render()) == (
            f"Nothing was copied. The terminal ignores OSC 52 and {name} failed: no display."
        )


async def test_a_file_that_is_no_transcript_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("just a shopping list\nmilk\neggs\n", encoding="utf-8")
    app = make_test_app(tmp_path, tmp_path / "index", [bad])
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "No transcripts found in notes.txt." in screen_text(app)
        assert len(notes) == 1 and notes[0].startswith("1 file skipped: notes.txt: ")
        assert screen.answer_view.entry is None
        await press(pilot, "c")
        assert app.clipboard == ""


async def test_a_file_that_crashes_the_parser_is_skipped_and_listed(
    tmp_path: Path, sample_file: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search_index.library

    real_load = search_index.library.load_one
    crashing = data_dir / "app" / "mfa-2023-03-14-regular.txt"

    def load_one(path: Path) -> Transcript:
        if path == crashing:
            raise RecursionError("maximum recursion depth exceeded")
        return real_load(path)

    monkeypatch.setattr(search_index.library, "load_one", load_one)
    app = make_test_app(tmp_path, tmp_path / "index", [crashing, sample_file])
    notes = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert notes == [
            "1 file skipped: mfa-2023-03-14-regular.txt: "
            "could not be parsed: RecursionError: maximum recursion depth exceeded"
        ]
        assert screen.library is not None
        assert [o.transcript.source for o in screen.library.outlines] == [str(sample_file)]
        assert screen.answer_view.entry_key == f"{screen.library.outlines[0].transcript.id}/q1"


async def test_an_unusable_index_folder_falls_back_to_a_temporary_index(
    tmp_path: Path, sample_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    temporary_root = tmp_path / "tmp"
    temporary_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary_root))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    for index_dir, problem in (
        (blocker, f"{blocker} is not a folder"),
        (
            blocker / "index",
            f"cannot create the index folder {blocker / 'index'}: Not a directory",
        ),
    ):
        app = make_test_app(tmp_path, index_dir, [sample_file])
        async with app.run_test(size=SIZE) as pilot:
            notes = record_notifications(app)
            screen = await ready(pilot)
            assert screen.index is not None and screen.index_error is None
            temporary = screen.temporary_index
            assert temporary is not None and temporary.parent == temporary_root
            # said once, in one line
            assert notes == [
                f"The index folder cannot be used ({problem}): this session searches a "
                "temporary index, built now and deleted on quitting."
            ]
            await press(pilot, "slash")
            await type_text(pilot, "patent")
            status = str(screen.query_one("#search-status").render())
            assert status == "44 matches in 5 questions · Enter, n/N"
            await press(pilot, "enter")
            assert notes[1:] == []
        assert not temporary.exists()  # deleted on quitting


async def test_without_any_index_reading_still_works(
    tmp_path: Path, sample_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(blocker))  # no temporary folder either
    app = make_test_app(tmp_path, blocker, [sample_file])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.index is None
        problem = f"{blocker} is not a folder; no temporary folder either: Not a directory"
        assert screen.index_error is not None and screen.index_error.startswith(problem)
        await press(pilot, "slash")
        await type_text(pilot, "patent")
        status = screen.query_one("#search-status")
        assert status.has_class("-error")
        assert str(status.render()).startswith(f"search unavailable: {problem}")
        await press(pilot, "escape", "j")
        assert screen.answer_view.entry_key is not None


async def test_indexing_progress_is_shown_and_the_index_is_reused(
    tmp_path: Path, sample_file: Path
) -> None:
    from tui import messages

    index_dir = tmp_path / "fresh-index"
    seen: list[messages.IndexProgressed] = []
    summaries: list[str] = []

    def hook(message: object) -> None:
        if isinstance(message, messages.IndexProgressed):
            seen.append(message)
        if isinstance(message, messages.IndexReady):
            summaries.append(message.summary)

    app = make_test_app(tmp_path, index_dir, [sample_file])
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        screen = await ready(pilot)
        assert screen.index is not None
    assert seen and (seen[-1].done, seen[-1].total) == (1, 1)
    assert summaries == ["1 added, 0 updated, 0 removed, 0 unchanged"]
    summaries.clear()
    app = make_test_app(tmp_path, index_dir, [sample_file])
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await ready(pilot)
    assert summaries == ["index up to date: 1 unchanged, nothing to do"]


async def test_a_named_reporter_heads_an_anonymous_question(tmp_path: Path, data_dir: Path) -> None:

    source = data_dir / "conventions" / "anonymous-questions.txt"
    app = make_test_app(tmp_path, tmp_path / "index", paths=[source])
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "j", "j", "enter")  # from question 1 to 3, Maria's
        headings = [turn.heading.plain for turn in screen.answer_view.query(TurnView)]
        assert headings == [
            "Maria (Q)  asks  · turn 6",
            "Press Secretary Mills  · turn 7",
            "Maria (Q)  asks  · turn 8",
            "Press Secretary Mills  · turn 9",
        ]
