"""The ledger, statistics and keyword-in-context screens, made for a set of transcripts.

Each is given the loaded transcripts and, when it closes on a row, hands back a `Passage`
that the screen it was opened from shows. The screens are imported only when first asked
for, so that starting the app does not pay for them; `InsightScreens` builds each once per
library and shows it again (a ledger of 25,000 figures then opens at once, where it was).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from search_index.models import Transcript
from tui.messages import InsightView
from tui.view_model import FiguresByTurn, LibraryView, Passage

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


def kwic_term(query: str) -> str:
    """What the keyword-in-context screen starts on for a search `query`: the query, unless
    it has filters (`speaker:…`), which are no term."""
    return "" if ":" in query else query.strip()


def insight_screen(
    view: InsightView,
    transcripts: Sequence[Transcript],
    figures: Mapping[str, FiguresByTurn] | None = None,
    term: str = "",
) -> Screen[Passage | None]:
    """The `view` screen over `transcripts`.

    `figures` are those already found, by transcript id (the ledger reuses them); `term`
    is the search the keyword-in-context screen starts on.
    """
    if view == "ledger":
        from tui.screens.ledger import LedgerScreen

        return LedgerScreen(transcripts, figures)
    if view == "stats":
        from tui.screens.stats import StatsScreen

        return StatsScreen(transcripts)
    from tui.screens.kwic import KwicScreen

    return KwicScreen(transcripts, kwic_term(term))


class InsightScreens:
    """The across-the-library screens, each built once per library and shown again."""

    def __init__(self, app: App[Any]) -> None:
        """Screens installed in `app` (so that closing one keeps it)."""
        self.app = app
        self._built: dict[InsightView, tuple[LibraryView, Screen[Passage | None]]] = {}

    def screen(
        self,
        view: InsightView,
        library: LibraryView,
        figures: Mapping[str, FiguresByTurn] | None = None,
        term: str = "",
    ) -> Screen[Passage | None]:
        """The `view` screen over `library`: the one built before if it was for this library
        (the keyword-in-context screen then looks `term` up, if it is a new one)."""
        built = self._built.get(view)
        if built is not None and built[0] is library:
            screen = built[1]
            begin = getattr(screen, "begin", None)
            if callable(begin):
                begin(kwic_term(term))
            return screen
        if built is not None:
            self._forget(view)
        screen = insight_screen(view, library.transcripts, figures, term)
        self.app.install_screen(screen, f"pressroom-{view}")
        self._built[view] = (library, screen)
        return screen

    def open(self, main: MainScreen, view: InsightView) -> None:
        """Show the `view` screen over the main screen's library (the briefings read so far,
        said when the library is still being read); a row chosen there is shown in the main
        screen's panes. The keyword-in-context screen starts on the search on show."""
        library = main.library
        if library is None or not library.outlines:
            main.notify("No briefings are loaded yet.", severity="warning")
            return
        if main.reading_library:
            main.notify(
                f"Still reading the library: this view covers the {len(library.transcripts)} "
                "briefings read so far.",
                severity="warning",
            )
        term = main.search_bar.current_query
        screen = self.screen(view, library, main.panes.figures, term)
        self.app.push_screen(screen, callback=main.panes.show_passage)

    def _forget(self, view: InsightView) -> None:
        """Drop the screen built over an older library."""
        _library, screen = self._built.pop(view)
        self.app.uninstall_screen(screen)
        if screen.is_attached:
            screen.remove()
