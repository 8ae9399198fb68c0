"""The reading panes: briefing picker and question list, answer view, metrics sidebar.

`BriefingPanes` shows the library it is given: the question list of the briefing on show
(or the entries with search hits, or one person's questions across the library — see
`ListScope`), the entry under the list's cursor in the answer view, and that entry's
figures in the sidebar. It follows the list's cursor, goes to search
matches, jumps to a passage, and cites what it shows. It asks for what it lacks with
messages (`FiguresWanted`) and says which briefing is on show (`BriefingShown`); the
screen does the work and hands results back (`add_figures`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Select

from tui.view_model import (
    EntryGroups,
    FiguresByTurn,
    LibraryView,
    ListScope,
    Outline,
    Passage,
    SearchOutcome,
    briefing_label,
    briefings_in_scope,
    browse_groups,
    entry_figures,
    group_hits,
    order_groups,
    scoped_outcome,
)
from tui.widgets.answer_view import AnswerView
from tui.widgets.metrics_sidebar import MetricsSidebar
from tui.widgets.question_list import QuestionList

if TYPE_CHECKING:
    from search_index.citation import CitationFormat

#: Moves in the question list closer together than this are coalesced: the answer view
#: shows where the cursor stops (seconds).
FOLLOW_DEBOUNCE = 0.08


class BriefingPanes(Horizontal):
    """The briefing picker, question list, answer view and metrics sidebar."""

    DEFAULT_CSS = """
    BriefingPanes #transcript-picker {
        margin: 0 0 0 0;
    }
    BriefingPanes #transcript-picker SelectCurrent Static#label {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    @dataclass
    class BriefingShown(Message):
        """Another briefing is on show."""

        panes: BriefingPanes
        outline: Outline

    @dataclass
    class FiguresWanted(Message):
        """The entry on show is in a briefing whose figures have not been found yet."""

        panes: BriefingPanes
        outline: Outline

    def __init__(self, *, id: str | None = None) -> None:
        """Empty panes (until `show_library`)."""
        super().__init__(id=id)
        self.library: LibraryView | None = None
        self.current_transcript: str | None = None
        """The id of the briefing on show."""
        self.figures: dict[str, FiguresByTurn] = {}
        """The figures found so far, by transcript id."""
        self._figures_wanted: set[str] = set()
        self.outcome: SearchOutcome | None = None
        """The search whose hits the question list shows (those in scope), or None."""
        self._found: SearchOutcome | None = None
        self.scope = ListScope()
        """The person, the briefings and the order the question list keeps."""
        self._picker_ids: set[str] = set()
        self.match_position: int | None = None
        """The match `n`/`N` last went to (from 0), or None."""
        self._follow_timer: Timer | None = None
        self._last_follow = 0.0

    def compose(self) -> ComposeResult:
        """Picker and question list on the left, then the answer view and the sidebar."""
        with Vertical(id="left"):
            yield Select[str]([], id="transcript-picker", prompt="Briefing")
            yield QuestionList(id="questions")
        yield AnswerView(id="answer")
        yield MetricsSidebar(id="sidebar")

    def on_mount(self) -> None:
        """Nothing to show yet."""
        self.question_list.border_title = "Questions"
        self.answer_view.border_title = "Answer"
        self.answer_view.show_nothing("Loading…")
        self.sidebar.show_figures(None, " ")
        self.picker.display = False

    @property
    def question_list(self) -> QuestionList:
        """The question list."""
        return self.query_one(QuestionList)

    @property
    def answer_view(self) -> AnswerView:
        """The answer view."""
        return self.query_one(AnswerView)

    @property
    def sidebar(self) -> MetricsSidebar:
        """The metrics sidebar."""
        return self.query_one(MetricsSidebar)

    @property
    def picker(self) -> Select[str]:
        """The briefing picker (shown when the library holds several)."""
        return self.query_one("#transcript-picker", Select)

    @property
    def pending(self) -> bool:
        """True while the answer view waits to follow a burst of cursor moves."""
        return self._follow_timer is not None

    def outline(self, transcript_id: str | None) -> Outline | None:
        """The outline of a loaded briefing, or None."""
        return None if self.library is None else self.library.outline(transcript_id)

    # --- what is shown -----------------------------------------------------------------

    def show_library(self, library: LibraryView, *, complete: bool = True) -> None:
        """Show `library` (the first briefing at once; the picker once all are read)."""
        first_time = self.library is None or not self.library.outlines
        self.library = library
        if complete and len(library.outlines) > 1:
            self._fill_picker()
        if first_time and library.outlines:
            self.switch_transcript(library.outlines[0].transcript.id)

    def _fill_picker(self) -> None:
        """List the briefings in scope in the picker (shown for a library of several)."""
        if self.library is None or len(self.library.outlines) < 2:
            return
        listed = briefings_in_scope(self.library, self.scope)
        self._picker_ids = {outline.transcript.id for outline in listed}
        self.picker.set_options(
            (Text(briefing_label(outline)), outline.transcript.id) for outline in listed
        )
        self.picker.display = True
        self._show_in_picker(self.current_transcript)

    def _show_in_picker(self, transcript_id: str | None) -> None:
        """Select `transcript_id` in the picker without it announcing a change (a briefing
        the filter leaves out of the picker leaves it blank)."""
        picker = self.picker
        if picker.display and transcript_id is not None and picker.value != transcript_id:
            with picker.prevent(Select.Changed):
                if transcript_id in self._picker_ids:
                    picker.value = transcript_id
                else:
                    picker.clear()

    def switch_transcript(self, transcript_id: str, entry_key: str | None = None) -> None:
        """Make `transcript_id` the briefing on show (at `entry_key`, or its first question)."""
        outline = self.outline(transcript_id)
        if outline is None:
            return
        changed = transcript_id != self.current_transcript
        self.current_transcript = transcript_id
        self.post_message(self.BriefingShown(self, outline))
        self._show_in_picker(transcript_id)
        target = entry_key or outline.first_question
        if self.outcome is None and changed and self.scope.person is None:
            self.question_list.show_entries([(None, outline.entries)], select=target)
        if target is not None and (changed or self.answer_view.entry_key != target):
            self.show_entry(target)

    def show_entry(self, entry_key: str) -> bool:
        """Show an entry in the answer view and its figures in the sidebar."""
        entry = None if self.library is None else self.library.entry(entry_key)
        outline = None if entry is None else self.outline(entry.transcript_id)
        if entry is None or outline is None:
            return False
        if entry.transcript_id != self.current_transcript:
            self.switch_transcript(entry.transcript_id, entry_key)
            if self.answer_view.entry_key == entry_key:
                return True
        figures = self.figures.get(entry.transcript_id)
        spans = {} if self.outcome is None else self.outcome.spans_for(entry)
        with self.app.batch_update():  # one repaint for the three panes
            self.answer_view.show(outline, entry, figures, spans)
            self.answer_view.border_title = Text(entry.label)  # a name: never markup
            if figures is None:
                self.sidebar.show_figures(None)
                if entry.transcript_id not in self._figures_wanted:
                    self._figures_wanted.add(entry.transcript_id)
                    self.call_after_refresh(self.post_message, self.FiguresWanted(self, outline))
            else:
                self.sidebar.show_figures(entry_figures(entry, figures))
            self.question_list.move_to(entry_key)
        return True

    def add_figures(self, transcript_id: str, figures: FiguresByTurn) -> None:
        """Keep the figures of a briefing; show them if the entry on show is in it."""
        self.figures[transcript_id] = figures
        self._figures_wanted.discard(transcript_id)
        entry = self.answer_view.entry
        if entry is not None and entry.transcript_id == transcript_id:
            self.answer_view.set_figures(figures)
            self.sidebar.show_figures(entry_figures(entry, figures))

    def jump_to(self, entry_key: str, turn: int | None = None) -> bool:
        """Show an entry (at `turn`, if given) and focus its answer."""
        if not self.show_entry(entry_key):
            return False
        if turn is not None:
            self.answer_view.go_to_turn(turn, center=False)
        self.answer_view.focus()
        return True

    def show_passage(self, passage: Passage | None) -> None:
        """Show a turn of any loaded briefing, marking `start:end` of it if given.

        The ledger, statistics and keyword-in-context screens hand back a passage when
        they close on a row; None (closed without choosing) does nothing.
        """
        outline = None if passage is None else self.outline(passage.transcript_id)
        key = (
            None if passage is None or outline is None else outline.entry_of_turn.get(passage.turn)
        )
        if passage is None or key is None or not self.show_entry(key):
            return
        if passage.start is not None and passage.end is not None:
            self.answer_view.mark(passage.turn, passage.start, passage.end, center=True)
        else:
            self.answer_view.go_to_turn(passage.turn, center=True)
        self.answer_view.focus()

    # --- following the question list -------------------------------------------------

    @on(QuestionList.EntryHighlighted)
    def _entry_highlighted(self, event: QuestionList.EntryHighlighted) -> None:
        """The answer view follows the question list's cursor."""
        event.stop()
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
        event.stop()
        if event.entry_key != self.answer_view.entry_key:
            self.show_entry(event.entry_key)
        self.answer_view.focus()

    @on(Select.Changed, "#transcript-picker")
    def _briefing_picked(self, event: Select.Changed) -> None:
        """Another briefing was picked."""
        event.stop()
        if isinstance(event.value, str):
            self.switch_transcript(event.value)

    @on(MetricsSidebar.FigureChosen)
    def _figure_chosen(self, event: MetricsSidebar.FigureChosen) -> None:
        """Scroll the answer view to the figure and mark it."""
        event.stop()
        figure = event.figure
        self.answer_view.mark(figure.turn, figure.start, figure.end)
        if event.jump:
            self.answer_view.focus()

    # --- search results --------------------------------------------------------------

    def show_outcome(self, outcome: SearchOutcome) -> None:
        """List only the entries with hits in scope (grouped by briefing, in the scope's
        order) and highlight the terms."""
        self._found = outcome
        self.match_position = None
        if self.library is None:
            self.outcome = outcome
            return
        outcome = scoped_outcome(outcome, self.library, self.scope)
        self.outcome = outcome
        hits = {item.entry_key: item.count for item in outcome.entries}
        keep = self.answer_view.entry_key if self.answer_view.entry_key in hits else None
        groups = order_groups(group_hits(self.library, outcome), self.library, self.scope.order)
        self.question_list.show_entries(groups, hits, select=keep)
        kept = None if keep is None else self.library.entry(keep)
        if kept is not None:
            self.answer_view.set_spans(outcome.spans_for(kept))

    def end_search(self) -> None:
        """List every entry of the briefing on show again, without highlights."""
        was_searching = self.outcome is not None
        self.outcome = None
        self._found = None
        self.match_position = None
        self.answer_view.set_spans({})
        self.answer_view.clear_mark()
        if was_searching:
            self._list_browsing()

    # --- the scope: a person, some briefings, an order ---------------------------------

    def set_scope(self, scope: ListScope) -> None:
        """Keep only what `scope` lets through in the picker and the question list."""
        self.scope = scope
        if self.library is None:
            return
        self._fill_picker()
        in_scope = briefings_in_scope(self.library, scope)
        current = self.outline(self.current_transcript)
        if in_scope and (current is None or not scope.includes_briefing(current)):
            self.switch_transcript(in_scope[0].transcript.id)
        if self._found is not None:
            self.show_outcome(self._found)
        else:
            self._list_browsing()

    def browsing_groups(self) -> EntryGroups:
        """What the question list shows without a search: the briefing on show, or the
        questions of the person filtered to across the briefings in scope."""
        if self.library is not None and self.scope.person is not None:
            return browse_groups(self.library, self.scope)
        outline = self.outline(self.current_transcript)
        return [] if outline is None else [(None, list(outline.entries))]

    def _list_browsing(self) -> None:
        self.question_list.show_entries(self.browsing_groups(), select=self.answer_view.entry_key)

    def go_to_match(self, position: int) -> int | None:
        """Show the match at `position` (wrapping around) and mark it; returns the position."""
        outcome = self.outcome
        if outcome is None or not outcome.matches:
            return None
        position %= len(outcome.matches)
        match = outcome.matches[position]
        self.match_position = position
        if self.answer_view.entry_key != match.entry_key:
            self.show_entry(match.entry_key)
        self.answer_view.mark(match.turn, match.start, match.end, center=True)
        return position

    def next_match(self, step: int) -> int | None:
        """Go `step` matches on (1) or back (-1); with none visited yet, 1 goes to the first
        match and -1 to the last."""
        current = self.match_position
        if current is None:
            current = -1 if step > 0 else 0
        return self.go_to_match(current + step)

    # --- citing what is shown ---------------------------------------------------------

    def cite_paragraph(self, fmt: CitationFormat) -> str | None:
        """The current paragraph of the answer view with its citation (None: no answer)."""
        from search_index.citation import cite

        view = self.answer_view
        ref = view.current_ref
        if view.outline is None or ref is None:
            return None
        turn = view.outline.turn(ref.turn)
        return cite(turn.paragraphs[ref.paragraph], view.outline.transcript, turn, fmt)

    def cite_answer(self, fmt: CitationFormat) -> str | None:
        """Every answer turn on show with its citation (None: no answer is open)."""
        from search_index.citation import cite_turns

        view = self.answer_view
        if view.outline is None or view.entry is None:
            return None
        return cite_turns(view.outline.transcript, view.entry.answer_turns, fmt)

    def cite_selection(self, fmt: CitationFormat) -> str | None:
        """Exactly the range chosen in the answer view, cited (None: no range is chosen)."""
        from search_index.citation import cite_spans

        view = self.answer_view
        if view.outline is None or view.selection is None:
            return None
        return cite_spans(view.outline.transcript, view.selection.spans(), fmt)

    def cite_figure(self, fmt: CitationFormat) -> str | None:
        """The figure selected in the sidebar with its sentence and citation (None: none)."""
        from search_index.citation import cite_figure

        figure = self.sidebar.selected
        entry = self.answer_view.entry
        outline = None if entry is None else self.outline(entry.transcript_id)
        if figure is None or outline is None:
            return None
        turn = outline.turn(figure.turn)
        return cite_figure(figure.text, figure.sentence, outline.transcript, turn, fmt)


def _now() -> float:
    """The clock the debounce of list moves is measured with."""
    return time.monotonic()
