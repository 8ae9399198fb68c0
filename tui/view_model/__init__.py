"""What the screens show, computed without Textual, so workers can compute it off the UI
thread and tests can check it directly.

- `outline`: a transcript's question-list entries (opening remarks, exchanges, closing);
- `briefings`: reading a library (`LibraryReader`), the loaded `LibraryView`, and how
  briefings are named in the picker, the header and the search results;
- `search`: search hits mapped onto entries, the matches `n`/`N` visit, the status line;
- `answer`: the figures and highlight spans the answer view and the sidebar show.
"""

from __future__ import annotations

from tui.view_model.answer import (
    FigureLike,
    FiguresByTurn,
    Passage,
    entry_figures,
    paragraph_of,
    paragraph_spans,
)
from tui.view_model.briefings import (
    LibraryReader,
    LibraryView,
    briefing_label,
    briefing_title,
    counted,
    event_date,
    header_titles,
    newest_first,
    skipped_note,
)
from tui.view_model.outline import Entry, EntryKind, Outline, build_outline, first_words
from tui.view_model.search import (
    EntryGroups,
    EntryHits,
    HitRef,
    Match,
    SearchOutcome,
    SpanFinder,
    group_hits,
    map_hits,
    outcome_summary,
)

__all__ = [
    "Entry",
    "EntryGroups",
    "EntryHits",
    "EntryKind",
    "FigureLike",
    "FiguresByTurn",
    "HitRef",
    "LibraryReader",
    "LibraryView",
    "Match",
    "Outline",
    "Passage",
    "SearchOutcome",
    "SpanFinder",
    "briefing_label",
    "briefing_title",
    "build_outline",
    "counted",
    "entry_figures",
    "event_date",
    "first_words",
    "group_hits",
    "header_titles",
    "map_hits",
    "newest_first",
    "outcome_summary",
    "paragraph_of",
    "paragraph_spans",
    "skipped_note",
]
