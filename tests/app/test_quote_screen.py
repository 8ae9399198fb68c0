"""The quote check screen, pushed directly over the app and driven with Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static, TextArea

from tests.support.app import make_test_app, press, ready, record_notifications
from tui.screens.quote import QuoteScreen, open_quote_check
from tui.view_model import Passage

SIZE = (140, 40)
CHANGED = (
    "In 2020, the total amount of national patent and trademark pledge financing reached "
    "281 billion yuan, a year-on-year increase of 43.9%"
)
RECORD = (
    "In 2020, the total amount of national patent and trademark pledge financing reached "
    "218 billion yuan, a year-on-year increase of 43.9%"
)


async def finish(pilot: object) -> None:
    """Let the check's worker run and its result be shown."""
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def record_shown(screen: QuoteScreen) -> str:
    return str(screen.query_one("#quote-record", Static).render())


async def test_a_pasted_quote_shows_the_passage_with_the_changed_figure(
    tmp_path: Path, sample_index: Path, sample_file: Path
) -> None:
    app = make_test_app(tmp_path, sample_index, [sample_file])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        chosen: list[Passage | None] = []
        screen = QuoteScreen(main.index)
        app.push_screen(screen, callback=chosen.append)
        await pilot.pause()
        box = screen.query_one("#quote-text", TextArea)
        assert box.has_focus
        box.insert(CHANGED)
        await pilot.pause()
        await press(pilot, "ctrl+r")
        await finish(pilot)
        assert box.text == CHANGED
        status = str(screen.query_one("#quote-status", Static).render())
        assert status == "2 passages match — best first"
        labels = [str(option.prompt) for option in screen.results.options]
        assert labels[0].startswith(
            " 95.2  Shen Changyu · 2021-04-25 · t12 ¶2 · 1 diff., 1 figure!"
        )
        shown = record_shown(screen)
        assert "Shen Changyu, commissioner of the China National Intellectual Property" in shown
        assert "turn 12, paragraph 2" in shown
        assert "reached 218⟨quote: 281⟩ billion yuan" in shown
        assert "⚠ quote: 281 billion yuan — record: 218 billion yuan" in shown
        assert 'changed: "281" (record: "218")' in shown

        # c copies the record's exact words (not the quote's) with the citation.
        notes = record_notifications(app)
        screen.results.focus()
        await press(pilot, "c")
        assert app.clipboard == (
            f'"{RECORD}" — Shen Changyu, commissioner of the China National Intellectual '
            "Property Administration, SCIO briefing on implementing the Outline of the 14th "
            "Five-Year Plan and accelerating the building of China's strength in intellectual "
            "property, Beijing, 2021-04-25 (scio-2021-04-25-ipr-briefing.txt, turn 12)"
        )
        assert notes == [f"Sent {len(app.clipboard)} characters to the terminal clipboard (OSC 52)"]

        # The second passage (turn 2) is shown when highlighted; Enter goes to it.
        await press(pilot, "down")
        assert "turn 2, paragraph 6" in record_shown(screen)
        await press(pilot, "enter")
        assert app.screen is main
        assert len(chosen) == 1 and chosen[0] is not None
        assert (chosen[0].turn, chosen[0].start) == (1, screen.shown[1].start)


async def test_an_unknown_quote_says_so_and_lists_the_nearest(
    tmp_path: Path, sample_index: Path, sample_file: Path
) -> None:
    app = make_test_app(tmp_path, sample_index, [sample_file])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        screen = QuoteScreen(
            main.index, "The trademark office will double its budget for patent examiners"
        )
        app.push_screen(screen)
        await finish(pilot)
        status = screen.query_one("#quote-status", Static)
        assert str(status.render()) == "Not found: no passage scores 65 or more. The nearest:"
        assert status.has_class("-error")
        assert len(screen.results.options) == 5
        assert screen.shown == screen.result.nearest if screen.result else False


async def test_a_quote_without_words_is_refused_in_one_line(
    tmp_path: Path, sample_index: Path, sample_file: Path
) -> None:
    app = make_test_app(tmp_path, sample_index, [sample_file])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        screen = QuoteScreen(main.index, "“ … ”")
        app.push_screen(screen)
        await finish(pilot)
        status = str(screen.query_one("#quote-status", Static).render())
        assert status == "the quote has no words to look for"
        assert screen.query_one("#quote-results", OptionList).option_count == 0
        # Nothing to copy: the key is not offered.
        screen.results.focus()
        await pilot.pause()
        assert screen.check_action("copy", ()) is False


async def test_escape_goes_back(tmp_path: Path, sample_index: Path, sample_file: Path) -> None:
    app = make_test_app(tmp_path, sample_index, [sample_file])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        app.push_screen(QuoteScreen(main.index))
        await pilot.pause()
        await press(pilot, "escape")
        assert app.screen is main


async def test_opened_from_the_main_screen_a_chosen_passage_is_shown_there(
    tmp_path: Path, sample_index: Path, sample_file: Path
) -> None:
    app = make_test_app(tmp_path, sample_index, [sample_file])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        open_quote_check(main, "We cracked 21,000 criminal cases of IPR infringement")
        await finish(pilot)
        screen = app.screen
        assert isinstance(screen, QuoteScreen)
        assert screen.shown[0].turn == 1
        screen.results.focus()
        await press(pilot, "enter")
        assert app.screen is main
        assert main.answer_view.entry is not None
        assert 1 in main.answer_view.entry.turns


async def test_without_an_index_it_says_so(
    tmp_path: Path, sample_index: Path, sample_file: Path
) -> None:
    app = make_test_app(tmp_path, sample_index, [sample_file])
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        notes = record_notifications(app)
        index, main.index = main.index, None
        open_quote_check(main)
        main.index = index
        assert notes == ["The search index is not ready yet: a quote check needs it."]
        assert app.screen is main


async def test_q_and_the_palette_open_the_quote_check_from_the_main_screen(
    tmp_path: Path, sample_index: Path
) -> None:
    from textual.command import CommandPalette

    from tests.support.app import make_test_app, ready, type_text
    from tui.screens.quote import QuoteScreen

    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("Q")
        await pilot.pause()
        assert isinstance(app.screen, QuoteScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuoteScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "check a quote")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuoteScreen)


async def test_at_80x24_the_results_sit_above_the_record_a_line_each(
    tmp_path: Path, sample_index: Path, sample_file: Path
) -> None:
    app = make_test_app(tmp_path, sample_index, [sample_file])
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        screen = QuoteScreen(main.index)
        app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#quote-text", TextArea).insert(CHANGED)
        await press(pilot, "ctrl+r")
        await finish(pilot)
        results = screen.results
        assert results.option_count == 2
        # Each passage on one line, not wrapped over three beside the record.
        assert results.virtual_size.height == results.option_count
        record = screen.query_one("#quote-record-pane")
        assert record.region.y > results.region.y
        assert record.region.width == results.region.width
