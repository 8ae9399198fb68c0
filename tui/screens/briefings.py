"""The briefings finder (key b): the library's briefings by date, narrowed by a filter.

The filter takes the query language's dates — `date:2021-04`, `date:2021`,
`date:[2021-01 TO 2021-06]`, `date:[2021-05 TO *]` — and words of a briefing's title,
place or file name. Ctrl+O orders the list newest first, oldest first or by title. Enter
opens the briefing under the cursor and keeps the filter: from then on the picker and the
question list (a search, a person's questions) hold only the briefings it lets through,
until it is cleared (`x`, or an empty filter here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content

from search_index.date_filter import (
    ORDER_NAMES,
    BriefingFilter,
    BriefingOrder,
    next_order,
    sort_briefings,
)
from search_index.errors import QueryError
from tui.screens.finder import FinderRows, FinderScreen
from tui.view_model import Outline, briefing_title

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


@dataclass(frozen=True)
class BriefingChoice:
    """What the finder returns: the filter to keep, and the briefing to open (if any)."""

    briefings: BriefingFilter
    transcript_id: str | None


def briefing_prompt(outline: Outline) -> Content:
    """A briefing's row: date, title, then place and number of questions."""
    transcript = outline.transcript
    date = transcript.date.isoformat() if transcript.date else "undated   "
    questions = sum(1 for entry in outline.entries if entry.kind == "exchange")
    noun = "question" if questions == 1 else "questions"
    details = " · ".join(part for part in (transcript.location, f"{questions} {noun}") if part)
    return Content.assemble(
        (f"{date}  ", "bold $text-accent"),
        (briefing_title(transcript), "bold"),
        (f"  {details}", "$text-muted"),
    )


class BriefingsScreen(FinderScreen[BriefingChoice]):
    """Find a briefing by date or title; the filter is kept for the picker and the list."""

    PROMPT = "Briefings — filter by date (date:2021-04, date:[2021-01 TO 2021-06]) or words:"
    PLACEHOLDER = "date:2021-04  or  date:[2021-01 TO 2021-06]  or words of the title"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+o",
            "order",
            "Order",
            id="briefings-order",
            tooltip="Newest first, oldest first, by title.",
        ),
    ]

    def __init__(
        self,
        outlines: Sequence[Outline],
        current: BriefingFilter | None = None,
        transcript_id: str | None = None,
        order: BriefingOrder = "newest",
    ) -> None:
        """A finder over `outlines`, starting with the filter in use and on `transcript_id`."""
        super().__init__(current.text if current is not None else "")
        self.outlines = list(outlines)
        self.transcript_id = transcript_id
        self.order: BriefingOrder = order
        self.filter: BriefingFilter | None = current or BriefingFilter()
        self.listed: list[Outline] = []

    def rows_for(self, text: str) -> FinderRows:
        """The briefings the filter lets through, in the order chosen."""
        try:
            self.filter = BriefingFilter.parse(text)
        except QueryError as error:
            self.filter = None
            self.listed = []
            return FinderRows([], error=str(error))
        kept = [outline for outline in self.outlines if self.filter.matches(outline.transcript)]
        self.listed = sort_briefings(kept, self.order)
        total = len(self.outlines)
        noun = "briefing" if total == 1 else "briefings"
        status = (
            f"{len(self.listed)} of {total} {noun} · {self.filter.describe()} · "
            f"{ORDER_NAMES[self.order]}"
        )
        return FinderRows([briefing_prompt(outline) for outline in self.listed], status)

    def start_row(self) -> int:
        """The briefing on show, if it is listed."""
        for row, outline in enumerate(self.listed):
            if outline.transcript.id == self.transcript_id:
                return row
        return 0

    def action_order(self) -> None:
        """List newest first, oldest first or by title (the cursor stays on its briefing)."""
        row = self.row_list.highlighted
        keep = self.listed[row].transcript.id if row is not None and self.listed else None
        self.order = next_order(self.order)
        self.transcript_id = keep or self.transcript_id
        self.refilter(self.box.value, first=True)

    def pick(self, row: int | None) -> None:
        """Keep the filter and open the briefing under the cursor (if any is listed)."""
        if self.filter is None:
            self.notify("Fix the date first: see the line above the list.", severity="warning")
            return
        chosen = self.listed[row] if row is not None and 0 <= row < len(self.listed) else None
        if chosen is None and not self.filter.is_empty:
            self.notify("No briefing matches this filter.", severity="warning")
            return
        self.dismiss(BriefingChoice(self.filter, None if chosen is None else chosen.transcript.id))


def choose_briefings(main: MainScreen) -> None:
    """Open the briefings finder over the main screen's library; the picker and the question
    list then keep the briefings the filter lets through, and show the one chosen."""
    library = main.library
    if library is None or not library.outlines:
        main.notify("No briefings are loaded yet.", severity="warning")
        return

    def chosen(choice: BriefingChoice | None) -> None:
        if choice is None:
            return
        main.set_scope(main.panes.scope.with_briefings(choice.briefings))
        if choice.transcript_id not in (None, main.current_transcript):
            main.panes.switch_transcript(choice.transcript_id)

    finder = BriefingsScreen(library.outlines, main.panes.scope.briefings, main.current_transcript)
    main.app.push_screen(finder, callback=chosen)
