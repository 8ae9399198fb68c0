"""The main screen's search: from a query typed to the matches `n`/`N` step through.

A query runs once typing pauses (`start`), as soon as the index is ready; its results
filter the question list (`finished`), stale ones are dropped. Enter goes to the first hit
in reading order, at once or as soon as the results are in (`submitted`). A search the
index stopped at its time limit is said once in a notification (the status line says it
each time). `end` lists every question again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.view_model import PARTIAL_NOTICE, SearchOutcome

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


class SearchSession:
    """The search on the main screen: what is waiting, what was said."""

    def __init__(self, main: MainScreen) -> None:
        """The search of `main` (its search bar, panes and index)."""
        self.main = main
        self.jump_when_ready: str | None = None
        """The query whose first hit Enter asked for before its results came."""
        self.partial_said = False
        """True once a partial search was announced (until a search runs whole)."""

    def changed(self, query: str) -> None:
        """A new query forgets the jump asked for the old one; an empty one ends the search."""
        self.jump_when_ready = None
        if not query:
            self.end()

    def start(self, query: str) -> None:
        """Run `query` in the background, or say why it cannot run yet."""
        main = self.main
        if main.library is None or main.index is None:
            if main.index_error:
                main.search_bar.set_message(f"search unavailable: {main.index_error}", error=True)
            else:
                main.search_bar.set_message("search starts when indexing is done…")
            return
        main.search_bar.set_message("searching…")
        main.run_search(query)

    def submitted(self, query: str) -> None:
        """Enter in the search box: go to the first hit (as soon as the results are in)."""
        outcome = self.main.panes.outcome
        if not query:
            self.main.question_list.focus()
        elif outcome is not None and outcome.query == query:
            self.go_to_first_hit()
        else:
            self.jump_when_ready = query

    def finished(self, outcome: SearchOutcome) -> None:
        """Filter the question list to the entries with hits (stale results are dropped)."""
        main = self.main
        if outcome.query != main.search_bar.current_query:
            return
        main.searching = True
        main.panes.show_outcome(outcome)
        main.search_bar.show_outcome(main.panes.outcome)
        if outcome.partial and not self.partial_said:
            main.notify(PARTIAL_NOTICE, title="Partial search", severity="warning", timeout=8)
        self.partial_said = outcome.partial
        if self.jump_when_ready == outcome.query:
            self.jump_when_ready = None
            self.go_to_first_hit()

    def failed(self, query: str, message: str) -> None:
        """Explain a query that cannot be run, in place."""
        if query == self.main.search_bar.current_query:
            self.jump_when_ready = None
            self.main.search_bar.set_message(message, error=True)

    def go_to_first_hit(self) -> None:
        """Show the first hit in reading order and put the focus on the answer."""
        main = self.main
        outcome = main.panes.outcome
        if outcome is None or outcome.first is None:
            main.notify("No hits to go to.", severity="warning")
            return
        self._show_position(main.panes.go_to_match(outcome.first))
        main.set_focus(main.answer_view)

    def step(self, direction: int) -> None:
        """Go to the next (1) or the previous (-1) match."""
        self._show_position(self.main.panes.next_match(direction))

    def _show_position(self, position: int | None) -> None:
        if position is not None:
            self.main.search_bar.show_outcome(self.main.panes.outcome, position)

    def end(self) -> None:
        """No search: every question is listed again."""
        main = self.main
        self.jump_when_ready = None
        main.searching = False
        main.search_bar.show_outcome(None)
        main.search_bar.set_message("")
        main.panes.end_search()
