"""The search bar: the query box, and the status line beside it.

The bar waits for a pause in typing before it asks for a search (`SearchBar.Settled`), so
a search does not run per keystroke; it says at once when the text changed
(`SearchBar.Changed`, "" when cleared) and when Enter was pressed (`SearchBar.Submitted`).
The status line shows what the last search found, or a message (searching…, an error),
followed by notes on work in progress (reading files, indexing) and on filters.

Up and Down in the box walk through earlier queries (`use_history` says where they come
from); a query is remembered when Enter is pressed on it or the box is left with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from search_index.history import HistoryWalk
from tui.view_model import SearchOutcome, outcome_summary

#: Pause after a keystroke in the search box before the query runs (seconds).
SEARCH_DEBOUNCE = 0.12


class SearchBar(Horizontal):
    """The query box and the status line of the search."""

    DEFAULT_CSS = """
    SearchBar {
        height: 3;
        padding: 0 1;
    }
    SearchBar #search {
        width: 1fr;
    }
    SearchBar #search-status {
        width: auto;
        max-width: 60%;
        height: 3;
        padding: 1 1 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SearchBar #search-status.-error {
        color: $text-error;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(1)", "Earlier query", id="history-back", show=False),
        Binding("down", "history(-1)", "Later query", id="history-forward", show=False),
    ]

    @dataclass
    class Changed(Message):
        """The query changed (posted at once; "" when the box was emptied)."""

        search_bar: SearchBar
        query: str

        @property
        def control(self) -> SearchBar:
            """The search bar the message came from."""
            return self.search_bar

    @dataclass
    class Settled(Message):
        """Typing paused on a query that is not empty: time to run it."""

        search_bar: SearchBar
        query: str

        @property
        def control(self) -> SearchBar:
            """The search bar the message came from."""
            return self.search_bar

    @dataclass
    class Submitted(Message):
        """Enter was pressed in the box on `query` ("" for an empty box)."""

        search_bar: SearchBar
        query: str

        @property
        def control(self) -> SearchBar:
            """The search bar the message came from."""
            return self.search_bar

    def __init__(self, *, id: str | None = None) -> None:
        """An empty search bar."""
        super().__init__(id=id)
        self.current_query = ""
        """The query as typed, without the spaces around it."""
        self._timer: Timer | None = None
        self._message = ""
        self._error = False
        self._outcome: SearchOutcome | None = None
        self._position: int | None = None
        self._notes: dict[str, str] = {}
        self._recall: Callable[[], Sequence[str]] = tuple
        self._remember: Callable[[str], None] = lambda query: None
        self._walk: HistoryWalk | None = None
        self._walked_to: str | None = None

    def compose(self) -> ComposeResult:
        """The query box and the status line."""
        yield Input(
            placeholder='Search: words, "a phrase", speaker:shen, figure:yuan …',
            id="search",
            select_on_focus=False,
        )
        yield Static("", id="search-status", markup=False)

    @property
    def input(self) -> Input:
        """The query box."""
        return self.query_one("#search", Input)

    @property
    def status(self) -> Static:
        """The status line."""
        return self.query_one("#search-status", Static)

    @property
    def pending(self) -> bool:
        """True while a query waits out the pause after typing."""
        return self._timer is not None

    def clear(self) -> None:
        """Empty the box without announcing it (the caller ends the search itself)."""
        self._stop_timer()
        self.current_query = ""
        self.input.value = ""

    # --- search history --------------------------------------------------------------

    def use_history(
        self, recall: Callable[[], Sequence[str]], remember: Callable[[str], None]
    ) -> None:
        """Walk through `recall()` (earlier queries, newest first) with Up and Down, and
        hand each query run to `remember`."""
        self._recall = recall
        self._remember = remember

    def action_history(self, step: int) -> None:
        """Show an earlier (`step` 1) or a later (-1) query in the box."""
        if self._walk is None:
            if step < 0:
                return
            self._walk = HistoryWalk(self._recall(), self.input.value)
        query = self._walk.older() if step > 0 else self._walk.newer()
        if query is None:
            return
        self._walked_to = query
        self.input.value = query
        self.input.cursor_position = len(query)

    def remember(self) -> None:
        """Keep the query in the box in the history (nothing for an empty box)."""
        if self.current_query:
            self._remember(self.current_query)

    @on(Input.Blurred, "#search")
    def _input_left(self, event: Input.Blurred) -> None:
        """Leaving the box with a query keeps it in the history."""
        event.stop()
        self.remember()
        self._walk = None

    # --- typing ----------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _input_changed(self, event: Input.Changed) -> None:
        """Announce a changed query; ask for a search once typing pauses."""
        event.stop()
        if event.value != self._walked_to:
            self._walk = None  # typing starts a new walk from what is typed
        self._walked_to = None
        query = event.value.strip()
        if query == self.current_query:
            return
        self.current_query = query
        self._stop_timer()
        self.post_message(self.Changed(self, query))
        if query:
            self._timer = self.set_timer(SEARCH_DEBOUNCE, partial(self._settle, query))

    def _settle(self, query: str) -> None:
        self._timer = None
        if query == self.current_query:
            self.post_message(self.Settled(self, query))

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @on(Input.Submitted, "#search")
    def _input_submitted(self, event: Input.Submitted) -> None:
        """Pass Enter on, with the query (which the history keeps)."""
        event.stop()
        self._walk = None
        self.remember()
        self.post_message(self.Submitted(self, event.value.strip()))

    # --- the status line -------------------------------------------------------------

    def set_message(self, text: str, *, error: bool = False) -> None:
        """Show `text` instead of what the search found (an error stays until replaced)."""
        self._message = text
        self._error = error
        self.status.set_class(error, "-error")
        self._refresh_status()

    def show_outcome(self, outcome: SearchOutcome | None, position: int | None = None) -> None:
        """Show what `outcome` found, and where `n`/`N` are (`position`, from 0)."""
        self._outcome = outcome
        self._position = position
        self._refresh_status()

    def set_note(self, kind: str, text: str) -> None:
        """Show (or with "" remove) a note on work in progress, e.g. kind "index"."""
        if text:
            self._notes[kind] = text
        else:
            self._notes.pop(kind, None)
        self._refresh_status()

    def _refresh_status(self) -> None:
        parts: list[str] = []
        outcome = self._outcome
        if self._error or outcome is None or outcome.query != self.current_query:
            if self._message:
                parts.append(self._message)
        else:
            parts += outcome_summary(outcome, self._position)
        parts += [note for note in self._notes.values() if note]
        self.status.update(" · ".join(parts))
