"""The main screen: search bar, question list, answer view and metrics sidebar."""

from __future__ import annotations

import gc
import time
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState, get_current_worker

from search_index.controls import shown_path, without_controls
from search_index.errors import PressroomError
from tui import messages
from tui.clipboard import copied_message, run_clipboard_tool
from tui.commands import (
    BriefingCommands,
    CopyCommands,
    ExportCommands,
    InsightCommands,
    QuestionCommands,
    SpeakerCommands,
    ViewCommands,
)
from tui.view_model import (
    Entry,
    FigureLike,
    HitRef,
    Library,
    Outline,
    SearchOutcome,
    build_outline,
    is_official,
    map_hits,
)
from tui.widgets import AnswerView, MetricsSidebar, QuestionList

if TYPE_CHECKING:
    from tui.app import PressroomApp
    from tui.screens.passage import Passage

#: Pause after a keystroke in the search box before the query runs (seconds).
SEARCH_DEBOUNCE = 0.12
#: Moves in the question list closer together than this are coalesced: the answer view
#: shows where the cursor stops (seconds).
FOLLOW_DEBOUNCE = 0.08
#: Hits asked of the index per query.
SEARCH_LIMIT = 200


class MainScreen(Screen[None]):
    """Browse, search and quote the briefings of a library."""

    COMMANDS = {  # noqa: RUF012
        BriefingCommands,
        QuestionCommands,
        SpeakerCommands,
        CopyCommands,
        ViewCommands,
        InsightCommands,
        ExportCommands,
    }

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
    ]

    searching: var[bool] = var(False, bindings=True)
    """True while a query is active (the question list shows only entries with hits)."""

    def __init__(self, sources: Sequence[Path], index_dir: Path | None = None) -> None:
        """A screen that will load `sources` and index them into `index_dir`."""
        super().__init__()
        self.sources = list(sources)
        self.index_dir = index_dir
        self.library: Library | None = None
        self.index: Any = None
        self.index_error: str | None = None
        self.figures: dict[str, Mapping[int, tuple[FigureLike, ...]]] = {}
        self._figures_pending: set[str] = set()
        self.current_transcript: str | None = None
        self.outcome: SearchOutcome | None = None
        self.match_position: int | None = None
        self._query = ""
        self._jump_when_ready: str | None = None
        self._search_timer: Timer | None = None
        self._follow_timer: Timer | None = None
        self._last_follow = 0.0
        self._status = ""
        self._index_note = ""
        self._load_note = ""

    @property
    def pressroom(self) -> PressroomApp:
        """The app, typed."""
        from tui.app import PressroomApp

        assert isinstance(self.app, PressroomApp)
        return self.app

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Search bar, three panes, progress bar, footer."""
        yield Header()
        with Horizontal(id="search-bar"):
            yield Input(
                placeholder='Search: words, "a phrase", speaker:shen, figure:yuan …',
                id="search",
                select_on_focus=False,
            )
            yield Static("", id="search-status", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Select[str]([], id="transcript-picker", prompt="Briefing")
                yield QuestionList(id="questions")
            yield AnswerView(id="answer")
            yield MetricsSidebar(id="sidebar")
        yield ProgressBar(id="index-progress", show_eta=False)
        yield Footer()

    @property
    def question_list(self) -> QuestionList:
        """The question list."""
        return self.query_one("#questions", QuestionList)

    @property
    def answer_view(self) -> AnswerView:
        """The answer view."""
        return self.query_one("#answer", AnswerView)

    @property
    def sidebar(self) -> MetricsSidebar:
        """The metrics sidebar."""
        return self.query_one("#sidebar", MetricsSidebar)

    @property
    def search_box(self) -> Input:
        """The search input."""
        return self.query_one("#search", Input)

    def on_mount(self) -> None:
        """Start loading the library."""
        self.query_one("#questions").border_title = "Questions"
        self.query_one("#answer").border_title = "Answer"
        self.answer_view.show_nothing("Loading…")
        self.sidebar.show_figures(None, " ")
        self.query_one("#index-progress").display = False
        self.query_one("#transcript-picker").display = False
        self.title = "pressroom"
        self.sub_title = "loading…"
        self.load_library()

    # --- workers ---------------------------------------------------------------------

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="library",
        description="load the library",
    )
    def load_library(self) -> None:
        """Read and parse every source, one file at a time.

        The first briefing is reported as soon as it is parsed (so the first screen does
        not wait for a large library), then the growing library about once a second.
        """
        from search_index.library import gather_sources, load_one, skip_reason

        worker = get_current_worker()
        found, missing = gather_sources(self.sources)
        problems = [f"{path}: no such file or folder" for path in missing]
        outlines: list[Outline] = []
        seen: set[str] = set()
        reported = 0
        last_report = time.monotonic()
        for done, path in enumerate(found, start=1):
            if worker.is_cancelled:
                return
            try:
                transcript = load_one(path)
            except PressroomError as error:
                problems.append(f"{path.name or path}: {skip_reason(error, path)}")
                continue
            if transcript.id not in seen:
                seen.add(transcript.id)
                outlines.append(build_outline(transcript))
            now = time.monotonic()
            if len(outlines) > reported and (reported == 0 or now - last_report >= 1.0):
                if done < len(found):
                    self.post_message(
                        messages.LibraryLoaded(
                            Library(tuple(outlines)), done=done, total=len(found), complete=False
                        )
                    )
                reported, last_report = len(outlines), now
        self.post_message(
            messages.LibraryLoaded(
                Library(tuple(outlines)), tuple(problems), done=len(found), total=len(found)
            )
        )

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="index",
        description="open and update the index",
    )
    def prepare_index(self) -> None:
        """Open the index and bring it up to date with the sources, reporting progress."""
        from search_index.index import IndexProgress, LibraryIndex

        worker = get_current_worker()

        def progress(report: IndexProgress) -> None:
            current = "" if report.current is None else report.current.name
            self.post_message(
                messages.IndexProgressed(report.files_done, report.files_total, current)
            )

        try:
            index = LibraryIndex.open(self.index_dir)
            report = index.update(self.sources, progress=progress, cancel=worker.cancelled_event)
        except PressroomError as error:
            self.post_message(messages.IndexFailed(str(error)))
            return
        self.post_message(messages.IndexReady(index, report.summary()))

    @work(
        thread=True,
        exclusive=False,
        exit_on_error=False,
        group="figures",
        description="find figures",
    )
    def find_figures(self, outline: Outline) -> None:
        """Extract the figures of every turn of one transcript."""
        from search_index.figures import extract_figures

        found = {turn.index: tuple(extract_figures(turn)) for turn in outline.transcript.turns}
        self.post_message(messages.FiguresFound(outline.transcript.id, found))

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="search",
        description="search",
    )
    def run_search(self, query: str, library: Library, index: Any) -> None:
        """Run a query and map its hits (a newer query cancels this one)."""
        worker = get_current_worker()
        from search_index.index import match_spans

        try:
            results = index.search(query, limit=SEARCH_LIMIT, snippets=0)
        except PressroomError as error:
            self.post_message(messages.SearchFailed(query, str(error)))
            return
        if worker.is_cancelled:
            return
        hits = [
            HitRef(hit.transcript, hit.turn, is_official(hit.speaker_kind)) for hit in results.hits
        ]
        outcome = map_hits(
            library,
            query,
            hits,
            match_spans,
            results.total,
            results.note,
            cancelled=lambda: worker.is_cancelled,
        )
        if outcome is None:
            return
        self.post_message(messages.SearchFinished(outcome))

    @work(thread=True, exit_on_error=False, group="clipboard", description="clipboard tool")
    def run_clipboard_tool(self, command: tuple[str, ...], text: str, osc52: bool) -> None:
        """Hand `text` to the local clipboard tool too."""
        result = run_clipboard_tool(command, text)
        self.post_message(
            messages.ClipboardToolFinished(len(text), result.ok, result.tool, result.error, osc52)
        )

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Report a worker that crashed, in one line; the app keeps running."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        what = {
            "library": "Loading the library",
            "index": "Indexing",
            "figures": "Finding figures",
            "search": "Searching",
            "clipboard": "Copying",
        }.get(event.worker.group, "A background task")
        message = f"{what} failed: {error}"
        if event.worker.group == "library" and self.library is None:
            self.answer_view.show_nothing(message)
            self.sub_title = "nothing loaded"
        if event.worker.group == "index":
            self.index_error = message
            self.query_one("#index-progress").display = False
            self._set_status(message, error=True)
        elif event.worker.group == "search":
            self._set_status(message, error=True)
        self.notify(message, severity="error", timeout=8)

    # --- library and index -----------------------------------------------------------

    @on(messages.LibraryLoaded)
    def _library_loaded(self, event: messages.LibraryLoaded) -> None:
        """Fill the panes (as soon as there is a first briefing); index once all are read."""
        first_time = self.library is None or not self.library.outlines
        self.library = event.library
        if not event.complete:
            self._load_note = f"reading {event.done}/{event.total} files…"
            self._refresh_status()
            if first_time and event.library.outlines:
                self._switch_transcript(event.library.outlines[0].transcript.id)
            return
        self._load_note = ""
        self._refresh_status()
        # The library lives as long as the app: keep the collector from re-scanning it
        # (a full collection over 10,000 parsed turns stalls the UI for ~200 ms).
        gc.freeze()
        if event.problems:
            count = len(event.problems)
            noun = "file" if count == 1 else "files"
            detail = "; ".join(event.problems[:3]) + ("; …" if count > 3 else "")
            detail = without_controls(detail)  # file names may hold escape sequences
            self.notify(f"{count} {noun} skipped: {detail}", severity="warning", timeout=10)
        if not event.library.outlines:
            names = ", ".join(shown_path(path.name or path) for path in self.sources[:3])
            self.answer_view.show_nothing(f"No transcripts found in {names}.")
            self.sub_title = "no transcripts"
            return
        picker = self.query_one("#transcript-picker", Select)
        if len(event.library.outlines) > 1:
            picker.set_options(
                (Text(_briefing_label(outline)), outline.transcript.id)
                for outline in event.library.outlines
            )
            picker.display = True
            if self.current_transcript is not None:
                with picker.prevent(Select.Changed):
                    picker.value = self.current_transcript
        if first_time:
            self._switch_transcript(event.library.outlines[0].transcript.id)
        # Draw the first screen before the index (and Whoosh's import) takes the CPU.
        self.call_after_refresh(self.prepare_index)

    @on(messages.LibraryFailed)
    def _library_failed(self, event: messages.LibraryFailed) -> None:
        """Say why nothing could be loaded."""
        self.answer_view.show_nothing(event.message)
        self.sub_title = "nothing loaded"
        self.notify(event.message, severity="error", timeout=10)

    @on(messages.IndexProgressed)
    def _index_progressed(self, event: messages.IndexProgressed) -> None:
        """Show indexing progress."""
        bar = self.query_one("#index-progress", ProgressBar)
        bar.display = True
        bar.update(total=max(event.total, 1), progress=event.done)
        self._index_note = f"indexing {event.done}/{event.total}…"
        self._refresh_status()

    @on(messages.IndexReady)
    def _index_ready(self, event: messages.IndexReady) -> None:
        """Search is possible now; run the query typed meanwhile, if any."""
        self.index = event.index
        self.index_error = None
        gc.freeze()
        self.query_one("#index-progress").display = False
        self._index_note = ""
        self._refresh_status()
        if self._query:
            self._start_search(self._query)

    @on(messages.IndexFailed)
    def _index_failed(self, event: messages.IndexFailed) -> None:
        """Search is unavailable: say why where the results would be."""
        self.index_error = event.message
        self.query_one("#index-progress").display = False
        self._index_note = ""
        self._set_status(f"search unavailable: {event.message}", error=True)
        self.notify(event.message, title="Search unavailable", severity="error", timeout=10)

    @on(messages.FiguresFound)
    def _figures_found(self, event: messages.FiguresFound) -> None:
        """Highlight the figures in the answer on show and list them."""
        self.figures[event.transcript_id] = event.figures
        self._figures_pending.discard(event.transcript_id)
        entry = self.answer_view.entry
        if entry is not None and entry.transcript_id == event.transcript_id:
            self.answer_view.set_figures(event.figures)
            self.sidebar.show_figures(self._entry_figures(entry))

    # --- showing entries -------------------------------------------------------------

    def _outline(self, transcript_id: str | None) -> Outline | None:
        if self.library is None or transcript_id is None:
            return None
        return self.library.outline(transcript_id)

    def _switch_transcript(self, transcript_id: str, entry_key: str | None = None) -> None:
        """Make `transcript_id` the briefing on show."""
        outline = self._outline(transcript_id)
        if outline is None:
            return
        changed = transcript_id != self.current_transcript
        self.current_transcript = transcript_id
        self._update_header()
        picker = self.query_one("#transcript-picker", Select)
        if picker.display and picker.value != transcript_id:
            with picker.prevent(Select.Changed):
                picker.value = transcript_id
        target = entry_key or _first_question(outline)
        if not self.searching and changed:
            self.question_list.show_entries([(None, outline.entries)], select=target)
        if target is not None and (changed or self.answer_view.entry_key != target):
            self.show_entry(target)

    def _update_header(self) -> None:
        """Event title and date in the header, the title shortened to leave the date room."""
        outline = self._outline(self.current_transcript)
        if outline is None:
            return
        transcript = outline.transcript
        details = [part for part in (_date(transcript), transcript.location) if part]
        sub_title = " · ".join(details)
        title = " ".join((transcript.title or Path(transcript.source).name).split())
        room = max(self.size.width - 30 - len(sub_title), 16)
        if len(title) > room:
            title = title[: room - 1].rstrip(" ,;:") + "…"
        self.title = title
        self.sub_title = sub_title

    def on_resize(self) -> None:
        """Refit the header to the new width."""
        self._update_header()

    def show_entry(self, entry_key: str) -> bool:
        """Show an entry in the answer view and its figures in the sidebar."""
        if self.library is None:
            return False
        entry = self.library.entry(entry_key)
        outline = None if entry is None else self.library.outline(entry.transcript_id)
        if entry is None or outline is None:
            return False
        if entry.transcript_id != self.current_transcript:
            self._switch_transcript(entry.transcript_id, entry_key)
            if self.answer_view.entry_key == entry_key:
                return True
        figures = self.figures.get(entry.transcript_id)
        spans = self._spans_for(entry)
        with self.app.batch_update():  # one repaint for the three panes
            self.answer_view.show(outline, entry, figures, spans)
            self.answer_view.border_title = Text(entry.label)
            if figures is None:
                self.sidebar.show_figures(None)
                if entry.transcript_id not in self._figures_pending:
                    self._figures_pending.add(entry.transcript_id)
                    self.call_after_refresh(self.find_figures, outline)
            else:
                self.sidebar.show_figures(self._entry_figures(entry))
            self.question_list.move_to(entry_key)
        return True

    def _entry_figures(self, entry: Entry) -> list[FigureLike]:
        by_turn = self.figures.get(entry.transcript_id, {})
        return [figure for turn in entry.turns for figure in by_turn.get(turn, ())]

    def _spans_for(self, entry: Entry) -> dict[int, tuple[tuple[int, int], ...]]:
        if self.outcome is None:
            return {}
        return {
            turn: self.outcome.spans[(entry.transcript_id, turn)]
            for turn in entry.turns
            if (entry.transcript_id, turn) in self.outcome.spans
        }

    @on(QuestionList.EntryHighlighted)
    def _entry_highlighted(self, event: QuestionList.EntryHighlighted) -> None:
        """The answer view follows the question list's cursor."""
        if event.entry_key != self.question_list.highlighted_key:
            return  # stale: the cursor has moved on since
        if self._follow_timer is not None:
            self._follow_timer.stop()
            self._follow_timer = None
        now = _now()
        quick = now - self._last_follow < FOLLOW_DEBOUNCE
        self._last_follow = now
        if quick:  # the key is held down: show where the cursor stops
            self._follow_timer = self.set_timer(FOLLOW_DEBOUNCE, self._follow_cursor)
        elif event.entry_key != self.answer_view.entry_key:
            self.show_entry(event.entry_key)

    def _follow_cursor(self) -> None:
        """Show the entry under the question list's cursor (after a burst of moves)."""
        self._follow_timer = None
        key = self.question_list.highlighted_key
        if key is not None and key != self.answer_view.entry_key:
            self.show_entry(key)

    @on(QuestionList.EntryOpened)
    def _entry_opened(self, event: QuestionList.EntryOpened) -> None:
        """Enter on a question: show it and move focus to the answer."""
        if event.entry_key != self.answer_view.entry_key:
            self.show_entry(event.entry_key)
        self.answer_view.focus()

    @on(Select.Changed, "#transcript-picker")
    def _briefing_picked(self, event: Select.Changed) -> None:
        """Another briefing was picked."""
        if isinstance(event.value, str):
            self._switch_transcript(event.value)

    @on(MetricsSidebar.FigureChosen)
    def _figure_chosen(self, event: MetricsSidebar.FigureChosen) -> None:
        """Scroll the answer view to the figure and mark it."""
        figure = event.figure
        self.answer_view.mark(figure.turn, figure.start, figure.end)
        if event.jump:
            self.answer_view.focus()

    @on(messages.JumpToEntry)
    def _jump_to_entry(self, event: messages.JumpToEntry) -> None:
        """Show an entry (from the command palette) and focus its answer."""
        if not self.show_entry(event.entry_key):
            return
        if event.turn is not None:
            for position, ref in enumerate(self.answer_view.paragraph_refs):
                if ref.turn == event.turn:
                    self.answer_view.set_current(position, center=False)
                    break
        self.answer_view.focus()

    def action_open_insight(self, view: str) -> None:
        """Open the figures ledger, speakers and outlets, or keyword-in-context screen."""
        from tui.screens.insights import open_insight

        if view in ("ledger", "stats", "kwic"):
            open_insight(self, view)  # type: ignore[arg-type]

    def show_passage(self, passage: Passage | None) -> bool:
        """Show a turn of any loaded briefing, marking `start:end` of it if given.

        The ledger, statistics and keyword-in-context screens hand back a passage when
        they close on a row; None (closed without choosing) does nothing.
        """
        if passage is None or self.library is None:
            return False
        outline = self.library.outline(passage.transcript_id)
        key = None if outline is None else outline.entry_of_turn.get(passage.turn)
        if key is None or not self.show_entry(key):
            return False
        if passage.start is not None and passage.end is not None:
            self.answer_view.mark(passage.turn, passage.start, passage.end, center=True)
        else:
            for position, ref in enumerate(self.answer_view.paragraph_refs):
                if ref.turn == passage.turn:
                    self.answer_view.set_current(position, center=True)
                    break
        self.answer_view.focus()
        return True

    # --- search ----------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Put the cursor in the search box (in the box, `/` is just typed)."""
        box = self.search_box
        if self.focused is box:
            box.insert_text_at_cursor("/")
            return
        self.set_focus(box)

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        """Search as the user types."""
        query = event.value.strip()
        if query == self._query:
            return
        self._query = query
        self._jump_when_ready = None
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        if not query:
            self._end_search()
            return
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, partial(self._start_search, query))

    @property
    def pending_work(self) -> bool:
        """True while a search or an answer-view update waits out its debounce pause."""
        return self._search_timer is not None or self._follow_timer is not None

    def _start_search(self, query: str) -> None:
        self._search_timer = None
        if query != self._query:
            return
        if self.library is None or self.index is None:
            if self.index_error:
                self._set_status(f"search unavailable: {self.index_error}", error=True)
            else:
                self._set_status("search starts when indexing is done…")
            return
        self._set_status("searching…")
        self.run_search(query, self.library, self.index)

    @on(Input.Submitted, "#search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box: go to the first hit (as soon as the results are in)."""
        query = event.value.strip()
        if not query:
            self.question_list.focus()
            return
        if self.outcome is not None and self.outcome.query == query:
            self._go_to_first_hit()
        else:
            self._jump_when_ready = query

    @on(messages.SearchFinished)
    def _search_finished(self, event: messages.SearchFinished) -> None:
        """Filter the question list to the entries with hits (stale results are dropped)."""
        outcome = event.outcome
        if outcome.query != self._query:
            return
        self.outcome = outcome
        self.match_position = None
        self.searching = True
        library = self.library
        assert library is not None
        hits = {item.entry_key: item.count for item in outcome.entries}
        entries = [library.entry(item.entry_key) for item in outcome.entries]
        listed = [entry for entry in entries if entry is not None]
        groups: list[tuple[str | None, list[Entry]]]
        if len(library.outlines) > 1:
            # One group per briefing, in the order of each briefing's best hit.
            by_briefing: dict[str, list[Entry]] = {}
            for entry in listed:
                by_briefing.setdefault(entry.transcript_id, []).append(entry)
            groups = []
            for transcript_id, mine in by_briefing.items():
                outline = library.outline(transcript_id)
                assert outline is not None
                groups.append((_briefing_label(outline), mine))
        else:
            groups = [(None, listed)]
        current = self.answer_view.entry_key
        keep = current if current in hits else None
        self.question_list.show_entries(groups, hits, select=keep)
        kept = None if keep is None else library.entry(keep)
        if kept is not None:
            self.answer_view.set_spans(self._spans_for(kept))
        self._refresh_status()
        if self._jump_when_ready == outcome.query:
            self._jump_when_ready = None
            self._go_to_first_hit()

    @on(messages.SearchFailed)
    def _search_failed(self, event: messages.SearchFailed) -> None:
        """Explain a query that cannot be run, in place."""
        if event.query != self._query:
            return
        self._jump_when_ready = None
        self._set_status(event.message, error=True)

    def _go_to_first_hit(self) -> None:
        outcome = self.outcome
        if outcome is None or outcome.first is None:
            self.notify("No hits to go to.", severity="warning")
            return
        self._go_to_match(outcome.first)
        self.set_focus(self.answer_view)

    def _go_to_match(self, position: int) -> None:
        outcome = self.outcome
        if outcome is None or not outcome.matches:
            return
        position %= len(outcome.matches)
        match = outcome.matches[position]
        self.match_position = position
        if self.answer_view.entry_key != match.entry_key:
            self.show_entry(match.entry_key)
        self.answer_view.mark(match.turn, match.start, match.end, center=True)
        self._refresh_status()

    def action_next_match(self) -> None:
        """Go to the next search match."""
        if self.outcome is None or not self.outcome.matches:
            return
        position = -1 if self.match_position is None else self.match_position
        self._go_to_match(position + 1)

    def action_previous_match(self) -> None:
        """Go to the previous search match."""
        if self.outcome is None or not self.outcome.matches:
            return
        position = 0 if self.match_position is None else self.match_position
        self._go_to_match(position - 1)

    def action_clear_search(self) -> None:
        """Clear the search and list every question again."""
        if not self.search_box.value and self.outcome is None:
            if self.focused is self.search_box:
                self.question_list.focus()
            return
        self.search_box.value = ""
        self._query = ""
        self._end_search()
        self.question_list.focus()

    def _end_search(self) -> None:
        self.outcome = None
        self.match_position = None
        self._jump_when_ready = None
        was_searching = self.searching
        self.searching = False
        self._set_status("")
        self.answer_view.set_spans({})
        self.answer_view.clear_mark()
        if was_searching:
            outline = self._outline(self.current_transcript)
            if outline is not None:
                self.question_list.show_entries(
                    [(None, outline.entries)], select=self.answer_view.entry_key
                )

    def _set_status(self, text: str, error: bool = False) -> None:
        self._status = text
        status = self.query_one("#search-status", Static)
        status.set_class(error, "-error")
        self._refresh_status()

    def _refresh_status(self) -> None:
        status = self.query_one("#search-status", Static)
        parts: list[str] = []
        outcome = self.outcome
        if status.has_class("-error") or outcome is None or outcome.query != self._query:
            if self._status:
                parts.append(self._status)
        else:
            if outcome.is_empty:
                parts.append("no hits")
            else:
                total = len(outcome.matches)
                if self.match_position is not None:
                    parts.append(f"{self.match_position + 1}/{total}")
                else:
                    noun = "match" if total == 1 else "matches"
                    places = len(outcome.entries)
                    where = "question" if places == 1 else "questions"
                    parts.append(f"{total} {noun} in {places} {where} · Enter, n/N")
            if outcome.note:
                parts.append(outcome.note)
        for note in (self._load_note, self._index_note):
            if note:
                parts.append(note)
        status.update(" · ".join(parts))

    # --- copying ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keep the footer honest: copy keys only when there is something to copy."""
        if action in ("copy_paragraph", "copy_answer"):
            return True if self.answer_view.entry is not None else None
        if action == "copy_figure":
            return True if self.sidebar.selected is not None else None
        if action in ("next_match", "previous_match"):
            return self.searching
        return True

    @on(messages.CopyParagraph)
    def action_copy_paragraph(self) -> None:
        """Copy the current paragraph of the answer view with its citation."""
        from search_index.citation import cite

        view = self.answer_view
        ref = view.current_ref
        if view.outline is None or ref is None:
            self.notify("Nothing to copy: no answer is open.", severity="warning")
            return
        turn = view.outline.turn(ref.turn)
        text = cite(turn.paragraphs[ref.paragraph], view.outline.transcript, turn, self._format())
        self.copy_text(text)

    @on(messages.CopyAnswer)
    def action_copy_answer(self) -> None:
        """Copy every answer turn on show with its citation."""
        from search_index.citation import cite_turns

        view = self.answer_view
        if view.outline is None or view.entry is None:
            self.notify("Nothing to copy: no answer is open.", severity="warning")
            return
        try:
            text = cite_turns(view.outline.transcript, view.entry.answer_turns, self._format())
        except PressroomError as error:
            self.notify(f"Nothing to copy: {error}", severity="warning")
            return
        self.copy_text(text)

    @on(messages.CopyFigure)
    def action_copy_figure(self) -> None:
        """Copy the figure selected in the sidebar with its sentence and citation."""
        from search_index.citation import cite_figure

        figure = self.sidebar.selected
        outline = self._outline(
            None if self.answer_view.entry is None else self.answer_view.entry.transcript_id
        )
        if figure is None or outline is None:
            self.notify("Nothing to copy: there is no figure selected.", severity="warning")
            return
        turn = outline.turn(figure.turn)
        text = cite_figure(figure.text, figure.sentence, outline.transcript, turn, self._format())
        self.copy_text(text)

    def _format(self) -> Any:
        return self.pressroom.settings.citation_format

    def copy_text(self, text: str) -> None:
        """Put `text` on the clipboard (OSC 52 and the local tool) and say so."""
        if not text:
            self.notify("Nothing to copy.", severity="warning")
            return
        clipboard = self.pressroom.clipboard_options
        self.app.copy_to_clipboard(text)
        if clipboard.tool is not None:
            self.run_clipboard_tool(clipboard.tool, text, clipboard.osc52)
            if clipboard.osc52:
                self.notify(copied_message(text))
            return
        if clipboard.osc52:
            self.notify(copied_message(text))
        else:
            self.notify(
                "Nothing could be copied: this terminal ignores OSC 52 clipboard requests and "
                "no clipboard tool (wl-copy, xclip, xsel, pbcopy) was found.",
                severity="error",
                timeout=10,
            )

    @on(messages.ClipboardToolFinished)
    def _clipboard_tool_finished(self, event: messages.ClipboardToolFinished) -> None:
        """Report how the local clipboard tool did."""
        if event.ok:
            if not event.osc52:
                self.notify(copied_message(event.characters))
            return
        if event.osc52:
            self.notify(
                f"The terminal got the text, but {event.error}", severity="warning", timeout=8
            )
        else:
            self.notify(f"Nothing could be copied: {event.error}", severity="error", timeout=10)

    # --- view ------------------------------------------------------------------------

    @on(messages.SetCitationFormat)
    def _set_citation_format(self, event: messages.SetCitationFormat) -> None:
        """Use and remember a citation form."""
        self.pressroom.set_citation_format(event.citation_format)

    @on(messages.ToggleFigures)
    def action_toggle_figures(self) -> None:
        """Show or hide the metrics sidebar."""
        if self.has_class("-narrow"):
            self.toggle_class("-show-figures")
        else:
            self.toggle_class("-hide-figures")

    def action_help(self) -> None:
        """Open the help screen, with notes on the pane in focus."""
        from tui.screens.help import HelpScreen

        focused = self.focused
        context = None
        node = focused
        while node is not None and node is not self:
            if getattr(type(node), "HELP", None) and type(node).__module__.startswith("tui."):
                context = type(node).HELP
                break
            node = node.parent  # type: ignore[assignment]
        self.app.push_screen(HelpScreen(context))

    async def action_quit(self) -> None:
        """Leave the app."""
        self.workers.cancel_group(self, "index")
        self.app.exit()


def _now() -> float:
    """The clock the debounce of list moves is measured with."""
    return time.monotonic()


def _first_question(outline: Outline) -> str | None:
    """The entry a briefing opens on: its first press question, else its first entry."""
    for entry in outline.entries:
        if entry.kind == "exchange":
            return entry.key
    return outline.entries[0].key if outline.entries else None


def _date(transcript: Any) -> str | None:
    date = transcript.date
    return None if date is None else date.isoformat()


def _briefing_label(outline: Outline) -> str:
    transcript = outline.transcript
    title = " ".join((transcript.title or Path(transcript.source).name).split())
    if len(title) > 60:
        title = title[:59].rstrip() + "…"
    date = _date(transcript)
    return f"{date} {title}" if date else title


__all__ = ["MainScreen"]
