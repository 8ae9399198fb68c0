"""Opening the ledger, statistics and keyword-in-context screens from the main screen.

Each screen is given the loaded transcripts and, when it closes on a row, hands back a
`Passage` that the main screen shows (`MainScreen.show_passage`).
"""

from __future__ import annotations

from typing import Any, Literal

InsightView = Literal["ledger", "stats", "kwic"]


def open_insight(main: Any, view: InsightView) -> None:
    """Push the `view` screen over the main screen (or say why it cannot open yet)."""
    library = getattr(main, "library", None)
    if library is None or not library.outlines:
        main.notify("No briefings are loaded yet.", severity="warning")
        return
    transcripts = library.transcripts
    if getattr(main, "_load_note", ""):
        # The library is still being read: say that the view covers only part of it.
        main.notify(
            f"Still reading the library: this view covers the {len(transcripts)} briefings "
            "read so far.",
            severity="warning",
        )
    screen: Any
    if view == "ledger":
        from tui.screens.ledger import LedgerScreen

        screen = LedgerScreen(transcripts, getattr(main, "figures", None))
    elif view == "stats":
        from tui.screens.stats import StatsScreen

        screen = StatsScreen(transcripts)
    else:
        from tui.screens.kwic import KwicScreen

        box = getattr(main, "search_box", None)
        term = box.value.strip() if box is not None else ""
        if ":" in term:  # a query with filters is not a term: start empty
            term = ""
        screen = KwicScreen(transcripts, term)
    main.app.push_screen(screen, callback=main.show_passage)
