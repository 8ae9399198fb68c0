"""The main screen: the search bar over the reading panes, and the work behind them.

The screen composes the search bar (`SearchBar`) and the reading panes (`BriefingPanes`:
picker, question list, answer view, metrics sidebar) and keeps what they share: the
library, the index, the active search. Its thread workers run the jobs of `tui.jobs`, which
post messages (`tui.messages`); the `@on` handlers below own every change. The user's
intents (`tui.messages.Intent`) arrive the same way from a key and from the palette.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar
from textual.worker import Worker, WorkerState

from search_index.controls import shown_path
from search_index.errors import PressroomError
from tui import jobs, messages
from tui.commands import MAIN_SCREEN_COMMANDS
from tui.protocols import PressroomShell
from tui.view_model import (
    LIST_ORDER_NAMES,
    LibraryView,
    ListOrder,
    ListScope,
    Passage,
    header_titles,
    next_list_order,
    people_of,
    skipped_note,
)
from tui.widgets import AnswerView, BriefingPanes, MetricsSidebar, QuestionList, SearchBar

if TYPE_CHECKING:
    from search_index.citation import CitationFormat
    from search_index.index import LibraryIndex
    from search_index.insights.export import Report


class MainScreen(Screen[None]):
    """Browse, search and quote the briefings of a library."""

    COMMANDS = MAIN_SCREEN_COMMANDS

    AUTO_FOCUS = "#questions"

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (110, "-wide"),
        (150, "-very-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "focus_search",
            "Search",
            id="search",
            tooltip="Type to search every briefing; Enter goes to the first hit.",
            # Priority: the focus moves before the keys typed right after `/` are routed.
            priority=True,
        ),
        Binding(
            "c",
            "copy_paragraph",
            "Copy",
            id="copy-paragraph",
            tooltip="Copy the current paragraph with its citation.",
        ),
        Binding(
            "C",
            "copy_answer",
            "Copy answer",
            id="copy-answer",
            tooltip="Copy the whole answer with its citation.",
        ),
        Binding(
            "y",
            "copy_figure",
            "Copy figure",
            id="copy-figure",
            tooltip="Copy the selected figure with its sentence and citation.",
        ),
        Binding(
            "question_mark,f1",
            "help",
            "Help",
            id="help",
            tooltip="Every key and the query syntax.",
        ),
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave pressroom."),
        Binding("escape", "clear_search", "Clear search", id="clear-search", show=False),
        Binding("n", "next_match", "Next match", id="next-match", show=False),
        Binding("N", "previous_match", "Previous match", id="previous-match", show=False),
        Binding("f", "toggle_figures", "Figures", id="toggle-figures", show=False),
        Binding(
            "L",
            "open_insight('ledger')",
            "Ledger",
            id="ledger",
            show=False,
            tooltip="Every figure across the library, grouped by measure.",
        ),
        Binding(
            "S",
            "open_insight('stats')",
            "Speakers",
            id="stats",
            show=False,
            tooltip="Turns and words by speaker, questions by outlet, who answered whom.",
        ),
        Binding(
            "K",
            "open_insight('kwic')",
            "In context",
            id="kwic",
            show=False,
            tooltip="Every occurrence of a word or a phrase with aligned context.",
        ),
        Binding(
            "m",
            "mark",
            "Mark",
            id="mark",
            tooltip="Mark the paragraph, answer or figure for the clip sheet (again: unmark).",
        ),
        Binding(
            "M",
            "open_marks",
            "Marks",
            id="marks",
            tooltip="Every mark of the library with its citation: copy, export, remove.",
        ),
        Binding(
            "e",
            "open_source",
            "Edit source",
            id="open-source",
            show=False,
            tooltip="Open the transcript in $VISUAL or $EDITOR at the current turn.",
        ),
        Binding(
            "p",
            "filter_person",
            "Person",
            id="filter-person",
            show=False,
            tooltip="List only the questions an official answered, an outlet or a reporter asked.",
        ),
        Binding(
            "b",
            "filter_briefings",
            "Briefings",
            id="briefings",
            show=False,
            tooltip="Find briefings by date (date:2021-04) or title; keep only those listed.",
        ),
        Binding(
            "o",
            "order_list",
            "Order",
            id="order-list",
            show=False,
            tooltip="Order the results best first, newest first or oldest first.",
        ),
        Binding(
            "Q",
            "check_quote",
            "Check quote",
            id="check-quote",
            show=False,
            tooltip="Paste a quote: where it came from and how it differs from the record.",
        ),
        Binding(
            "x",
            "clear_filters",
            "Clear filters",
            id="clear-filters",
            tooltip="List every question of every briefing again.",
        ),
    ]

    searching: var[bool] = var(False, bindings=True)
    """True while a query is active (the question list shows only entries with hits)."""

    def __init__(self, sources: Sequence[Path], index_dir: Path | None = None) -> None:
        """A screen that will load `sources` and index them into `index_dir`."""
        super().__init__()
        self.sources = list(sources)
        self.index_dir = index_dir
        self.reading_library = True
        """True until every source has been read (the library may still grow)."""
        self.index: LibraryIndex | None = None
        self.index_error: str | None = None
        self._jump_when_ready: str | None = None

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
        yield ProgressBar(id="index-progress", show_eta=False)
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
    def progress_bar(self) -> ProgressBar:
        """The indexing progress bar."""
        return self.query_one("#index-progress", ProgressBar)

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
        self.progress_bar.display = False
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
        jobs.start(self, "index", jobs.update_index, self.index_dir, self.sources)

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
            self.index_error = message
            self.progress_bar.display = False
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

    @on(messages.IndexProgressed)
    def _index_progressed(self, event: messages.IndexProgressed) -> None:
        """Show indexing progress."""
        self.progress_bar.display = True
        self.progress_bar.update(total=max(event.total, 1), progress=event.done)
        self.search_bar.set_note("index", f"indexing {event.done}/{event.total}…")

    @on(messages.IndexReady)
    def _index_ready(self, event: messages.IndexReady) -> None:
        """Search is possible now; run the query typed meanwhile, if any."""
        self.index = event.index
        self.index_error = None
        gc.freeze()
        self.progress_bar.display = False
        self.search_bar.set_note("index", "")
        if self.search_bar.current_query:
            self._start_search(self.search_bar.current_query)

    @on(messages.IndexFailed)
    def _index_failed(self, event: messages.IndexFailed) -> None:
        """Search is unavailable: say why where the results would be."""
        self.index_error = event.message
        self.progress_bar.display = False
        self.search_bar.set_note("index", "")
        self.search_bar.set_message(f"search unavailable: {event.message}", error=True)
        self.notify(event.message, title="Search unavailable", severity="error", timeout=10)

    @on(BriefingPanes.FiguresWanted)
    def _figures_wanted(self, event: BriefingPanes.FiguresWanted) -> None:
        """Find the figures of a briefing in the background."""
        jobs.start(self, "figures", jobs.find_figures, event.outline)

    @on(messages.FiguresFound)
    def _figures_found(self, event: messages.FiguresFound) -> None:
        """Highlight the figures in the answer on show and list them."""
        self.panes.add_figures(event.transcript_id, event.figures)

    @on(BriefingPanes.BriefingShown)
    def on_resize(self) -> None:
        """Event title, date and place in the header, the title fitted to the width."""
        outline = self.panes.outline(self.current_transcript)
        if outline is not None:
            self.title, self.sub_title = header_titles(outline.transcript, self.size.width)

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
        """A new query forgets the jump asked for the old one; an empty one ends the search."""
        self._jump_when_ready = None
        if not event.query:
            self._end_search()

    @on(SearchBar.Settled)
    def _query_settled(self, event: SearchBar.Settled) -> None:
        """Search as the user types (once typing pauses)."""
        self._start_search(event.query)

    def _start_search(self, query: str) -> None:
        if self.library is None or self.index is None:
            if self.index_error:
                self.search_bar.set_message(f"search unavailable: {self.index_error}", error=True)
            else:
                self.search_bar.set_message("search starts when indexing is done…")
            return
        self.search_bar.set_message("searching…")
        self.run_search(query)

    @on(SearchBar.Submitted)
    def _query_submitted(self, event: SearchBar.Submitted) -> None:
        """Enter in the search box: go to the first hit (as soon as the results are in)."""
        outcome = self.panes.outcome
        if not event.query:
            self.question_list.focus()
        elif outcome is not None and outcome.query == event.query:
            self._go_to_first_hit()
        else:
            self._jump_when_ready = event.query

    @on(messages.SearchFinished)
    def _search_finished(self, event: messages.SearchFinished) -> None:
        """Filter the question list to the entries with hits (stale results are dropped)."""
        outcome = event.outcome
        if outcome.query != self.search_bar.current_query:
            return
        self.searching = True
        self.panes.show_outcome(outcome)
        self.search_bar.show_outcome(self.panes.outcome)
        if self._jump_when_ready == outcome.query:
            self._jump_when_ready = None
            self._go_to_first_hit()

    @on(messages.SearchFailed)
    def _search_failed(self, event: messages.SearchFailed) -> None:
        """Explain a query that cannot be run, in place."""
        if event.query == self.search_bar.current_query:
            self._jump_when_ready = None
            self.search_bar.set_message(event.message, error=True)

    def _go_to_first_hit(self) -> None:
        outcome = self.panes.outcome
        if outcome is None or outcome.first is None:
            self.notify("No hits to go to.", severity="warning")
            return
        self._show_match(self.panes.go_to_match(outcome.first))
        self.set_focus(self.answer_view)

    def _show_match(self, position: int | None) -> None:
        if position is not None:
            self.search_bar.show_outcome(self.panes.outcome, position)

    def action_next_match(self) -> None:
        """Go to the next search match."""
        self._show_match(self.panes.next_match(1))

    def action_previous_match(self) -> None:
        """Go to the previous search match."""
        self._show_match(self.panes.next_match(-1))

    def action_clear_search(self) -> None:
        """Clear the search and list every question again."""
        if not self.search_box.value and self.panes.outcome is None:
            if self.focused is self.search_box:
                self.question_list.focus()
            elif self.panes.scope.is_filtered:
                self.action_clear_filters()
            return
        self.search_bar.clear()
        self._end_search()
        self.question_list.focus()

    def _end_search(self) -> None:
        self._jump_when_ready = None
        self.searching = False
        self.search_bar.show_outcome(None)
        self.search_bar.set_message("")
        self.panes.end_search()

    # --- copying and other intents -----------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keep the footer honest: copy keys only when there is something to copy."""
        if action in ("copy_paragraph", "copy_answer"):
            return True if self.answer_view.entry is not None else None
        if action == "copy_figure":
            return True if self.sidebar.selected is not None else None
        if action in ("next_match", "previous_match"):
            return self.searching
        if action == "clear_filters":
            return self.panes.scope.is_filtered
        if action in ("mark", "open_source"):
            return True if self.answer_view.entry is not None else None
        return True

    def _copy(self, cite: Callable[[CitationFormat], str | None], missing: str) -> None:
        """Copy what `cite` gives in the citation form in use, or say why there is nothing."""
        try:
            text = cite(self.pressroom.settings.citation_format)
        except PressroomError as error:
            text, missing = None, str(error)
        if text is None:
            self.notify(f"Nothing to copy: {missing}", severity="warning")
        else:
            self.pressroom.copy_text(text)

    @on(messages.CopyParagraph)
    def action_copy_paragraph(self) -> None:
        """Copy the current paragraph of the answer view with its citation."""
        self._copy(self.panes.cite_paragraph, "no answer is open.")

    @on(messages.CopyAnswer)
    def action_copy_answer(self) -> None:
        """Copy every answer turn on show with its citation."""
        self._copy(self.panes.cite_answer, "no answer is open.")

    @on(messages.CopyFigure)
    def action_copy_figure(self) -> None:
        """Copy the figure selected in the sidebar with its sentence and citation."""
        self._copy(self.panes.cite_figure, "there is no figure selected.")

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
        from tui.screens.insights import insight_screen

        if self.library is None or not self.library.outlines:
            self.notify("No briefings are loaded yet.", severity="warning")
            return
        transcripts = self.library.transcripts
        if self.reading_library:
            self.notify(
                f"Still reading the library: this view covers the {len(transcripts)} "
                "briefings read so far.",
                severity="warning",
            )
        term = self.search_bar.current_query
        screen = insight_screen(view, transcripts, self.panes.figures, term)
        self.app.push_screen(screen, callback=self.panes.show_passage)

    # --- the range chosen, marks, the source -------------------------------------------

    @on(messages.CopySelection)
    def _copy_selection(self) -> None:
        """Copy exactly the range chosen in the answer view, then stop choosing."""
        self._copy(self.panes.cite_selection, "no range is chosen (press v in the answer).")
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
        from tui.screens.marks import MarksScreen

        def closed(passage: Passage | None) -> None:
            self.answer_view.refresh_marked()  # marks may have been removed
            self.panes.show_passage(passage)

        transcripts = () if self.library is None else self.library.transcripts
        screen = MarksScreen(transcripts, complete=not self.reading_library)
        self.app.push_screen(screen, callback=closed)

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
        self.refresh_bindings()

    @on(messages.FilterByPerson)
    def _filter_by_person(self, event: messages.FilterByPerson) -> None:
        """Filter to the person the palette named (or ask which)."""
        if event.person is None:
            self.action_filter_person()
        else:
            self.set_scope(self.panes.scope.with_person(event.person))

    def action_filter_person(self) -> None:
        """Ask which person's questions to list."""
        from tui.screens.people import PeopleScreen, PersonChoice

        if self.library is None or not self.library.outlines:
            self.notify("No briefings are loaded yet.", severity="warning")
            return

        def chosen(choice: PersonChoice | None) -> None:
            if choice is not None:
                self.set_scope(self.panes.scope.with_person(choice.person))

        people = people_of(self.library)
        self.app.push_screen(PeopleScreen(people, self.panes.scope.person), callback=chosen)

    @on(messages.FilterBriefings)
    def _filter_briefings(self, event: messages.FilterBriefings) -> None:
        """Keep the briefings the palette's filter lets through (or open the briefings)."""
        if event.briefings is None:
            self.action_filter_briefings()
        else:
            self.set_scope(self.panes.scope.with_briefings(event.briefings))

    def action_filter_briefings(self) -> None:
        """Open the briefings screen: find one by date or title, keep only those listed."""
        from tui.screens.briefings import BriefingChoice, BriefingsScreen

        if self.library is None or not self.library.outlines:
            self.notify("No briefings are loaded yet.", severity="warning")
            return

        def chosen(choice: BriefingChoice | None) -> None:
            if choice is None:
                return
            self.set_scope(self.panes.scope.with_briefings(choice.briefings))
            if choice.transcript_id not in (None, self.current_transcript):
                self.panes.switch_transcript(choice.transcript_id)

        scope = self.panes.scope
        screen = BriefingsScreen(self.library.outlines, scope.briefings, self.current_transcript)
        self.app.push_screen(screen, callback=chosen)

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

    def export_report(self) -> Report | None:
        """What "export current view" writes: the search hits, else the briefing's questions."""
        from tui.screens.export import browsing_report

        outcome = self.panes.outcome
        return browsing_report(self.library, outcome, self.index, self.current_transcript)

    def action_help(self) -> None:
        """Open the help screen, with notes on the pane in focus."""
        from tui.screens.help import HelpScreen, pane_help

        self.app.push_screen(HelpScreen(pane_help(self.focused, self)))

    async def action_quit(self) -> None:
        """Leave the app."""
        self.workers.cancel_group(self, "index")
        self.app.exit()


__all__ = ["MainScreen"]
