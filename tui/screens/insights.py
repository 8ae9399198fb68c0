"""The ledger, statistics and keyword-in-context screens, made for a set of transcripts.

Each is given the loaded transcripts and, when it closes on a row, hands back a `Passage`
that the screen it was opened from shows. The screens are imported only when first asked
for, so that starting the app does not pay for them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.screen import Screen

from search_index.models import Transcript
from tui.messages import InsightView
from tui.view_model import FiguresByTurn, Passage


def insight_screen(
    view: InsightView,
    transcripts: Sequence[Transcript],
    figures: Mapping[str, FiguresByTurn] | None = None,
    term: str = "",
) -> Screen[Passage | None]:
    """The `view` screen over `transcripts`.

    `figures` are those already found, by transcript id (the ledger reuses them); `term`
    is what the keyword-in-context screen starts on (a query with filters is not a term,
    so it starts empty).
    """
    if view == "ledger":
        from tui.screens.ledger import LedgerScreen

        return LedgerScreen(transcripts, figures)
    if view == "stats":
        from tui.screens.stats import StatsScreen

        return StatsScreen(transcripts)
    from tui.screens.kwic import KwicScreen

    return KwicScreen(transcripts, "" if ":" in term else term)
