"""What the screens show, computed without Textual, so workers can compute it off the UI
thread and tests can check it directly.

- `outline`: a transcript's question-list entries (opening remarks, exchanges, closing);
- `briefings`: reading a library (`LibraryReader`), the loaded `LibraryView`, and how
  briefings are named in the picker, the header and the search results;
- `search`: search hits mapped onto entries, the matches `n`/`N` visit, the status line;
- `answer`: the figures and highlight spans the answer view and the sidebar show;
- `scope`: the person, briefings and order the question list is narrowed to;
- `selection`: a range chosen in the answer view by sentence or paragraph;
- `marks`: the marks screen's rows.
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
    skipped_note,
)
from tui.view_model.marks import (
    MarkRow,
    answer_target,
    figure_target,
    mark_rows,
    paragraph_target,
)
from tui.view_model.outline import Entry, EntryKind, Outline, build_outline, first_words
from tui.view_model.scope import (
    LIST_ORDER_NAMES,
    LIST_ORDERS,
    ListOrder,
    ListScope,
    briefings_in_scope,
    browse_groups,
    entries_in_scope,
    next_list_order,
    order_groups,
    people_of,
    scoped_outcome,
)
from tui.view_model.search import (
    PARTIAL_NOTICE,
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
from tui.view_model.selection import RangeSelection, SelectionUnit, TextUnit, entry_units

__all__ = [
    "LIST_ORDERS",
    "LIST_ORDER_NAMES",
    "PARTIAL_NOTICE",
    "Entry",
    "EntryGroups",
    "EntryHits",
    "EntryKind",
    "FigureLike",
    "FiguresByTurn",
    "HitRef",
    "LibraryReader",
    "LibraryView",
    "ListOrder",
    "ListScope",
    "MarkRow",
    "Match",
    "Outline",
    "Passage",
    "RangeSelection",
    "SearchOutcome",
    "SelectionUnit",
    "SpanFinder",
    "TextUnit",
    "answer_target",
    "briefing_label",
    "briefing_title",
    "briefings_in_scope",
    "browse_groups",
    "build_outline",
    "counted",
    "entries_in_scope",
    "entry_figures",
    "entry_units",
    "event_date",
    "figure_target",
    "first_words",
    "group_hits",
    "header_titles",
    "map_hits",
    "mark_rows",
    "next_list_order",
    "order_groups",
    "outcome_summary",
    "paragraph_of",
    "paragraph_spans",
    "paragraph_target",
    "people_of",
    "scoped_outcome",
    "skipped_note",
]
