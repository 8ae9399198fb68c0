"""The main screen: the search bar over the reading panes, and what they share.

The screen composes the search bar (`SearchBar`), the reading panes (`BriefingPanes`:
picker, question list, answer view, metrics sidebar) and the index keeper (`IndexKeeper`:
the indexing progress bar, which holds the index), and keeps what they share: the
library, the search (`SearchSession`), the filters. Its keys are in `main_keys`. Its
library job runs in a thread worker (`tui.jobs`) and posts messages (`tui.messages`); the
`@on` handlers below own every change. The user's intents (`tui.messages.Intent`) arrive
the same way from a key and from the palette; the screens they open are opened by their
own modules (`people.choose_person`, `briefings.choose_briefings`, `marks.open_marks`,
`insights.InsightScreens.open`, `help.show_help`, `quote.open_quote_check`…).
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar
from textual.worker import Worker, WorkerState

from search_index.controls import shown_path
from tui import jobs, messages
from tui.commands import MAIN_SCREEN_COMMANDS
from tui.protocols import PressroomShell
from tui.screens.main_keys import MAIN_KEYS, entry_width, fit_footer, key_states
from tui.screens.search_session import SearchSession
from tui.view_model import (
    LIST_ORDER_NAMES,
    LibraryView,
    ListOrder,
    ListScope,
    header_titles,
    next_list_order,
    skipped_note,
)
from tui.widgets import (
    AnswerView,
    BriefingPanes,
    IndexKeeper,
    MetricsSidebar,
    QuestionList,
    SearchBar,
)

if TYPE_CHECKING:
    from search_index.index import LibraryIndex
    from tui.protocols import ReportBuilder
    from tui.screens.insights import InsightScreens


class MainScreen(Screen[None]):
    """Browse, search and quote the briefings of a library."""

    COMMANDS = MAIN_SCREEN_COMMANDS

    AUTO_FOCUS = "#questions"

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (110, "-wide"),
        (150, "-very-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = MAIN_KEYS

    searching: var[bool] = var(False)
    """True while a query is active (the question list shows only entries with hits)."""

    def watch_searching(self) -> None:
        """n/N apply only while searching: show the footer again."""
        self.update_footer()

    def __init__(self, sources: Sequence[Path], index_dir: Path | None = None) -> None:
        """A screen that will load `sources` and index them into `index_dir`."""
        super().__init__()
        self.sources = list(sources)
        self.index_dir = index_dir
        self.reading_library = True
        """True until every source has been read (the library may still grow)."""
        self.search = SearchSession(self)
        """The search on show: what runs, what is waiting, what was said."""
        self._shown_key_states: dict[str, bool | None] = {}
        self._footer_columns = 0
        self._insights: InsightScreens | None = None

    @property
    def pressroom(self) -> PressroomShell:
        """The app, as a screen uses it."""
        return cast(PressroomShell, self.app)

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Search bar, the reading panes, progress bar, footer."""
        yield Header()
        yield SearchBar(id="search-bar")
        yield BriefingPanes(id="body")
        yield IndexKeeper(self.index_dir, id="index-progress")
        yield Footer()

    @property
    def panes(self) -> BriefingPanes:
        """The reading panes."""
        return self.query_one(BriefingPanes)

    @property
    def question_list(self) -> QuestionList:
        """The question list."""
        return self.panes.question_list

    @property
    def answer_view(self) -> AnswerView:
        """The answer view."""
        return self.panes.answer_view

    @property
    def sidebar(self) -> MetricsSidebar:
        """The metrics sidebar."""
        return self.panes.sidebar

    @property
    def search_bar(self) -> SearchBar:
        """The search bar."""
        return self.query_one(SearchBar)

    @property
    def search_box(self) -> Input:
        """The search input."""
        return self.search_bar.input

    @property
    def index_keeper(self) -> IndexKeeper:
        """The indexing progress bar, which holds the index."""
        return self.query_one(IndexKeeper)

    @property
    def progress_bar(self) -> ProgressBar:
        """The indexing progress bar."""
        return self.index_keeper

    @property
    def index(self) -> LibraryIndex | None:
        """The library's index, once it is up to date (None until then, or without one)."""
        return self.index_keeper.index

    @index.setter
    def index(self, index: LibraryIndex | None) -> None:
        self.index_keeper.index = index

    @property
    def index_error(self) -> str | None:
        """Why there is no index to search, or None."""
        return self.index_keeper.error

    @property
    def temporary_index(self) -> Path | None:
        """The folder of a temporary index (the index folder could not be used), or None."""
        return self.index_keeper.temporary

    @property
    def library(self) -> LibraryView | None:
        """The briefings read so far (None until the first is)."""
        return self.panes.library

    @property
    def current_transcript(self) -> str | None:
        """The id of the briefing on show."""
        return self.panes.current_transcript

    @property
    def pending_work(self) -> bool:
        """True while a search or an answer-view update waits out its debounce pause."""
        return self.search_bar.pending or self.panes.pending

    def on_mount(self) -> None:
        """Start loading the library."""
        self.title = "pressroom"
        self.sub_title = "loading…"
        history = self.pressroom.search_history
        self.search_bar.use_history(lambda: history.queries, self.pressroom.remember_query)
        marks = self.pressroom.marks
        self.answer_view.use_marks(
            lambda transcript_id: (
                span.span
                for mark in marks.marks
                if mark.transcript_id == transcript_id
                for span in mark.spans
            )
        )
        self.load_library()

    # --- workers ---------------------------------------------------------------------

    def load_library(self) -> None:
        """Read the library in the background."""
        jobs.start(self, "library", jobs.read_library, self.sources, self.index_dir)

    def prepare_index(self) -> None:
        """Open and update the index in the background."""
        self.index_keeper.start(self.sources)

    def run_search(self, query: str) -> None:
        """Run a query in the background (a newer query cancels this one)."""
        assert self.library is not None and self.index is not None
        jobs.start(self, "search", jobs.search, query, self.library, self.index)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Report a worker that crashed, in one line; the app keeps running."""
        if event.state != WorkerState.ERROR:
            return
        group = event.worker.group
        message = f"{jobs.TASKS.get(group, 'A background task')} failed: {event.worker.error}"
        if group == "library" and self.library is None:
            self.answer_view.show_nothing(message)
            self.sub_title = "nothing loaded"
        if group == "index":
            self.index_keeper.failed(message)
        if group in ("index", "search"):
            self.search_bar.set_message(message, error=True)
        self.notify(message, severity="error", timeout=8)

    # --- library, index and figures ----------------------------------------------------

    @on(messages.LibraryLoaded)
    def _library_loaded(self, event: messages.LibraryLoaded) -> None:
        """Fill the panes (as soon as there is a first briefing); index once all are read."""
        self.reading_library = not event.complete
        self.search_bar.set_note(
            "load", f"reading {event.done}/{event.total} files…" if self.reading_library else ""
        )
        self.panes.show_library(event.library, complete=event.complete)
        self.update_footer()
        if self.reading_library:
            return
        # The library lives as long as the app: keep the collector from re-scanning it
        # (a full collection over 10,000 parsed turns stalls the UI for ~200 ms).
        gc.freeze()
        if event.problems:
            self.notify(skipped_note(event.problems), severity="warning", timeout=10)
        if not event.library.outlines:
            names = ", ".join(shown_path(path.name or path) for path in self.sources[:3])
            self.answer_view.show_nothing(f"No transcripts found in {names}.")
            self.sub_title = "no transcripts"
            return
        # Draw the first screen before the index (and Whoosh's import) takes the CPU.
        self.call_after_refresh(self.prepare_index)

    @on(IndexKeeper.Progressed)
    def _index_progressed(self, event: IndexKeeper.Progressed) -> None:
        """Say how far indexing is (the keeper shows the bar)."""
        self.search_bar.set_note("index", f"indexing {event.done}/{event.total}…")

    @on(IndexKeeper.Ready)
    def _index_ready(self) -> None:
        """Search is possible now (the keeper holds the index); run the query typed
        meanwhile, if any."""
        self.search_bar.set_note("index", "")
        if self.search_bar.current_query:
            self.search.start(self.search_bar.current_query)

    @on(IndexKeeper.Failed)
    def _index_failed(self, event: IndexKeeper.Failed) -> None:
        """Search is unavailable: say why where the results would be."""
        self.search_bar.set_note("index", "")
        self.search_bar.set_message(f"search unavailable: {event.message}", error=True)

    @on(BriefingPanes.FiguresWanted)
    def _figures_wanted(self, event: BriefingPanes.FiguresWanted) -> None:
        """Find the figures of a briefing in the background."""
        jobs.start(self, "figures", jobs.find_figures, event.outline)

    @on(messages.FiguresFound)
    def _figures_found(self, event: messages.FiguresFound) -> None:
        """Highlight the figures in the answer on show and list them."""
        self.panes.add_figures(event.transcript_id, event.figures)
        self.update_footer()

    @on(BriefingPanes.BriefingShown)
    def on_resize(self) -> None:
        """Event title, date and place in the header, the title fitted to the width; the
        footer fitted again if the width changed."""
        outline = self.panes.outline(self.current_transcript)
        if outline is not None:
            self.title, self.sub_title = header_titles(outline.transcript, self.size.width)
        if self.size.width != self._footer_columns:
            self._footer_columns = self.size.width
            self.refresh_bindings()

    @on(messages.JumpToEntry)
    def _jump_to_entry(self, event: messages.JumpToEntry) -> None:
        """Show an entry (from the command palette) and focus its answer."""
        self.panes.jump_to(event.entry_key, event.turn)

    # --- search ----------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Put the cursor in the search box (in the box, `/` is just typed)."""
        box = self.search_box
        if self.focused is box:
            box.insert_text_at_cursor("/")
            return
        self.set_focus(box)

    @on(SearchBar.Changed)
    def _query_changed(self, event: SearchBar.Changed) -> None:
        """The query changed (an empty one ends the search)."""
        self.search.changed(event.query)

    @on(SearchBar.Settled)
    def _query_settled(self, event: SearchBar.Settled) -> None:
        """Search as the user types (once typing pauses)."""
        self.search.start(event.query)

    @on(SearchBar.Submitted)
    def _query_submitted(self, event: SearchBar.Submitted) -> None:
        """Enter in the search box: go to the first hit (as soon as the results are in)."""
        self.search.submitted(event.query)

    @on(messages.SearchFinished)
    def _search_finished(self, event: messages.SearchFinished) -> None:
        """Filter the question list to the entries with hits."""
        self.search.finished(event.outcome)

    @on(messages.SearchFailed)
    def _search_failed(self, event: messages.SearchFailed) -> None:
        """Explain a query that cannot be run, in place."""
        self.search.failed(event.query, event.message)

    def action_next_match(self) -> None:
        """Go to the next search match."""
        self.search.step(1)

    def action_previous_match(self) -> None:
        """Go to the previous search match."""
        self.search.step(-1)

    def action_clear_search(self) -> None:
        """Clear the search and list every question again (no search: leave the box, then
        clear the filters)."""
        if not self.search_box.value and self.panes.outcome is None:
            if self.focused is self.search_box:
                self.question_list.focus()
            elif self.panes.scope.is_filtered:
                self.action_clear_filters()
            return
        self.search_bar.clear()
        self.search.end()
        self.question_list.focus()

    # --- copying and other intents -----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keep the footer honest: a key is dimmed when there is nothing for it to act on
        (the copy keys without an answer or a figure, the views before a briefing is read),
        n/N are shown only while searching and x only while the list is filtered."""
        return self._key_states().get(action, True)

    def _key_states(self) -> dict[str, bool | None]:
        return key_states(
            has_answer=self.answer_view.entry is not None,
            has_figure=self.sidebar.selected is not None,
            searching=self.searching,
            has_briefings=self.library is not None and bool(self.library.outlines),
            filtered=self.panes.scope.is_filtered,
        )

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys that apply, with the footer's less needed entries hidden when it is
        too narrow for all of them (`fit_footer`): Help and Quit stay in sight."""
        active = super().active_bindings
        columns = self.size.width
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            columns -= entry_width(palette.binding, self.app.get_key_display)
        return fit_footer(active, columns, self.app.get_key_display)

    def update_footer(self) -> None:
        """Show again which keys apply, if that changed (redrawing the footer is not free)."""
        states = self._key_states()
        if states != self._shown_key_states:
            self._shown_key_states = states
            self.refresh_bindings()

    @on(AnswerView.CurrentChanged)
    def _answer_moved(self) -> None:
        """What is shown changed: so may the keys that apply."""
        self.update_footer()

    def action_nothing_to_copy(self) -> None:
        """c, C or y with nothing to copy: say why."""
        self.notify(f"Nothing to copy: {self._why_nothing_to_copy()}", severity="warning")

    def _why_nothing_to_copy(self) -> str:
        """Why the copy keys have nothing to copy (y in particular)."""
        if self.answer_view.entry is None:
            return "no answer is open."
        if self.current_transcript not in self.panes.figures:
            return "the figures are still being found."
        return "this answer has no figures."

    @on(messages.CopyParagraph)
    def action_copy_paragraph(self) -> None:
        """Copy the current paragraph of the answer view with its citation."""
        self.pressroom.copy_cited(self.panes.cite_paragraph, "no answer is open.")

    @on(messages.CopyAnswer)
    def action_copy_answer(self) -> None:
        """Copy every answer turn on show with its citation."""
        self.pressroom.copy_cited(self.panes.cite_answer, "no answer is open.")

    @on(messages.CopyFigure)
    def action_copy_figure(self) -> None:
        """Copy the figure selected in the sidebar with its sentence and citation."""
        self.pressroom.copy_cited(self.panes.cite_figure, self._why_nothing_to_copy())

    @on(messages.ToggleFigures)
    def action_toggle_figures(self) -> None:
        """Show or hide the metrics sidebar."""
        if self.has_class("-narrow"):
            self.toggle_class("-show-figures")
        else:
            self.toggle_class("-hide-figures")

    @on(messages.OpenInsight)
    def _open_insight(self, event: messages.OpenInsight) -> None:
        """Open the figures ledger, speakers and outlets, or keyword-in-context screen."""
        self.action_open_insight(event.view)

    def action_open_insight(self, view: messages.InsightView) -> None:
        """Open an across-the-library view over the briefings read so far."""
        from tui.screens.insights import InsightScreens

        if self._insights is None:
            self._insights = InsightScreens(self.app)
        self._insights.open(self, view)

    # --- the range chosen, marks, the source -------------------------------------------

    @on(messages.CopySelection)
    def _copy_selection(self) -> None:
        """Copy exactly the range chosen in the answer view, then stop choosing."""
        self.pressroom.copy_cited(
            self.panes.cite_selection, "no range is chosen (press v in the answer)."
        )
        self.answer_view.end_selection()

    @on(messages.MarkPassage)
    def _mark_passage(self, event: messages.MarkPassage) -> None:
        """Mark (or unmark) what the palette asked for."""
        self.action_mark(event.target)

    def action_mark(self, target: messages.MarkTarget | None = None) -> None:
        """Mark or unmark the figure, the answer or the paragraph (the range chosen)."""
        from tui.screens.marking import toggle_mark

        toggle_mark(self, target)

    @on(messages.OpenMarks)
    def action_open_marks(self) -> None:
        """Open the marks screen over the marks of the library."""
        from tui.screens.marks import open_marks

        open_marks(self)

    @on(messages.CheckQuote)
    def action_check_quote(self) -> None:
        """Open the quote check over the library's index."""
        from tui.screens.quote import open_quote_check

        open_quote_check(self)

    @on(messages.OpenSource)
    def action_open_source(self) -> None:
        """Open the transcript on show in the user's editor at the current turn."""
        from tui.screens.source import open_source

        view = self.answer_view
        ref = view.current_ref
        if view.outline is None:
            self.notify("Nothing to open: no answer is open.", severity="warning")
            return
        open_source(self.app, view.outline.transcript, None if ref is None else ref.turn)

    # --- filters: a person, some briefings, an order ---------------------------------

    def set_scope(self, scope: ListScope) -> None:
        """Narrow the picker and the question list to `scope`, and say so in the status."""
        self.panes.set_scope(scope)
        if self.panes.outcome is not None:
            self.search_bar.show_outcome(self.panes.outcome)
        self.search_bar.set_note("scope", scope.describe())
        self.update_footer()

    @on(messages.FilterByPerson)
    def _filter_by_person(self, event: messages.FilterByPerson) -> None:
        """Filter to the person the palette named (or ask which)."""
        if event.person is None:
            self.action_filter_person()
        else:
            self.set_scope(self.panes.scope.with_person(event.person))

    def action_filter_person(self) -> None:
        """Ask which person's questions to list."""
        from tui.screens.people import choose_person

        choose_person(self)

    @on(messages.FilterBriefings)
    def _filter_briefings(self, event: messages.FilterBriefings) -> None:
        """Keep the briefings the palette's filter lets through (or open the briefings)."""
        if event.briefings is None:
            self.action_filter_briefings()
        else:
            self.set_scope(self.panes.scope.with_briefings(event.briefings))

    def action_filter_briefings(self) -> None:
        """Open the briefings screen: find one by date or title, keep only those listed."""
        from tui.screens.briefings import choose_briefings

        choose_briefings(self)

    @on(messages.ClearFilters)
    def action_clear_filters(self) -> None:
        """List every question of every briefing again (the order stays)."""
        if self.panes.scope.is_filtered:
            self.set_scope(self.panes.scope.cleared())
            self.notify("Filters cleared.")

    @on(messages.OrderList)
    def _order_list(self, event: messages.OrderList) -> None:
        """Order the question list as the palette asked."""
        self.action_order_list(event.order)

    def action_order_list(self, order: ListOrder | None = None) -> None:
        """Order the results best first, newest first or oldest first (None: the next)."""
        scope = self.panes.scope
        self.set_scope(scope.with_order(order or next_list_order(scope.order)))
        self.notify(f"Results {LIST_ORDER_NAMES[self.panes.scope.order]}.")

    def report_builder(self) -> ReportBuilder | None:
        """What "export current view" writes: the search hits, else the briefing's questions."""
        from tui.screens.export import browsing_report

        outcome = self.panes.outcome
        return browsing_report(self.library, outcome, self.index, self.current_transcript)

    def action_help(self) -> None:
        """Open the help screen, with notes on the pane in focus."""
        from tui.screens.help import show_help

        show_help(self)

    async def action_quit(self) -> None:
        """Leave the app."""
        self.index_keeper.stop()
        self.app.exit()


__all__ = ["MainScreen"]
