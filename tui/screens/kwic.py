"""The keyword-in-context screen (key K): every occurrence of a word or a phrase.

(The issue asked for `k`, but `k` already moves up in every list and in the answer view,
so the main screen opens this screen with shift+k.)

Type a term and press Enter: each occurrence is listed with the text on both sides aligned,
by briefing and position, matched as search matches (stemmed: "patent" also finds
"patents"). Enter on a line goes to the passage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from search_index.errors import PressroomError
from search_index.insights.export import Report, kwic_report
from search_index.insights.kwic import Kwic, KwicLine
from search_index.models import Transcript
from tui.commands import ExportCommands
from tui.screens.tables import BatchFiller, clip
from tui.view_model import Passage

#: Columns besides the two contexts and the match: briefing date, turn, speaker.
_FIXED = (("Briefing", 10), ("Turn", 4), ("Speaker", 14))


class KwicScreen(Screen[Passage | None]):
    """Every occurrence of a term with aligned context."""

    DEFAULT_CSS = """
    KwicScreen #kwic-bar { height: 3; padding: 0 1; }
    KwicScreen #kwic-term { width: 1fr; }
    KwicScreen #kwic-count { width: auto; max-width: 50%; padding: 1 1 0 1; color: $text-muted; }
    KwicScreen #kwic-count.-error { color: $text-error; }
    KwicScreen #kwic-table { height: 1fr; border: round $foreground 25%; }
    KwicScreen #kwic-table:focus { border: round $accent; }
    """

    COMMANDS = {ExportCommands}  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="kwic-back", tooltip="Back to the briefing."),
        Binding("slash", "focus_term", "New term", id="kwic-term", tooltip="Look up a term."),
    ]

    HELP = """
## Keyword in context

Type a word or a "phrase" and press **Enter**: every occurrence, with the words on both
sides aligned, by briefing and position. Words are stemmed as in search. **Enter** on a
line goes to the passage; **/** starts a new term.
"""

    @dataclass
    class Found(Message):
        """The occurrences of a term (computed in a worker)."""

        result: Kwic

    @dataclass
    class Failed(Message):
        """The term cannot be looked up; `message` says why."""

        term: str
        message: str

    def __init__(self, transcripts: Sequence[Transcript], term: str = "") -> None:
        """A concordance over `transcripts`, starting with `term` if one is given."""
        super().__init__()
        self.transcripts = list(transcripts)
        self.initial_term = term.strip()
        self.result: Kwic | None = None
        self.lines: tuple[KwicLine, ...] = ()
        self._pending = ""
        self._filler = BatchFiller(self)

    def compose(self) -> ComposeResult:
        """Term box, status, table."""
        yield Header()
        with Horizontal(id="kwic-bar"):
            yield Input(
                value=self.initial_term,
                placeholder='A word or a "phrase", then Enter',
                id="kwic-term",
            )
            yield Static("", id="kwic-count", markup=False)
        yield DataTable(id="kwic-table", cursor_type="row")
        yield Footer()

    @property
    def table(self) -> DataTable[str | Text]:
        """The concordance table."""
        return self.query_one("#kwic-table", DataTable)

    def on_mount(self) -> None:
        """Look up the initial term, or wait for one."""
        self.title = "Keyword in context"
        self.sub_title = f"{len(self.transcripts)} briefings"
        if self.initial_term:
            self.look_up(self.initial_term)
            self.table.focus()
        else:
            self.query_one("#kwic-term", Input).focus()

    def context_width(self) -> int:
        """Characters of context on each side that fit the screen."""
        fixed = sum(width + 2 for _, width in _FIXED)
        room = self.size.width - fixed - 18 - 8
        return max(12, min(room // 2, 80))

    def look_up(self, term: str) -> None:
        """Find the occurrences of `term` in a worker."""
        self._pending = term
        self._status("looking…")
        self.find(term, self.context_width())

    @work(thread=True, exclusive=True, exit_on_error=False, group="kwic")
    def find(self, term: str, width: int) -> None:
        """Scan every turn (a thread: a large library takes a moment)."""
        from search_index.insights.kwic import kwic

        try:
            result = kwic(self.transcripts, term, width=width)
        except PressroomError as error:
            self.post_message(self.Failed(term, str(error)))
            return
        self.post_message(self.Found(result))

    @on(Found)
    def _found(self, event: Found) -> None:
        """Fill the table (stale results are dropped)."""
        if event.result.term != self._pending:
            return
        self.show_result(event.result)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        """Say why the term cannot be looked up."""
        if event.term == self._pending:
            self._status(event.message, error=True)

    def show_result(self, result: Kwic) -> None:
        """Rebuild the table's columns for the result's widths and list the lines."""
        self.result = result
        self.lines = result.lines
        table = self.table
        table.clear(columns=True)
        for label, width in _FIXED:
            table.add_column(label, width=width)
        match_width = max(result.match_width, 5)
        table.add_column("", width=result.width)
        table.add_column(Text(clip(result.term, match_width)), width=match_width)
        table.add_column("", width=result.width)
        self._filler.fill(table, len(result.lines), self._cells)
        count = len(result.lines)
        briefings = len({line.transcript_id for line in result.lines})
        if count:
            noun = "occurrence" if count == 1 else "occurrences"
            where = "briefing" if briefings == 1 else "briefings"
            self._status(f"{count} {noun} in {briefings} {where}")
        else:
            self._status(f"no occurrences of {result.term}")

    def _cells(self, number: int) -> tuple[str | Text, ...]:
        """The table cells of line `number`: the left context right-aligned on the match."""
        line = self.lines[number]
        width = self.result.width if self.result is not None else 0
        return (
            line.date.isoformat() if line.date else "—",
            Text(str(line.turn), justify="right"),
            clip(line.speaker, 14),
            Text(f"{line.left.rstrip():>{width}}", no_wrap=True),
            Text(line.match, style="bold reverse", no_wrap=True),
            Text(line.right.lstrip(), no_wrap=True),
        )

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#kwic-count", Static)
        status.set_class(error, "-error")
        status.update(text)

    @on(Input.Submitted, "#kwic-term")
    def _term_submitted(self, event: Input.Submitted) -> None:
        """Look the term up and move to the results."""
        term = event.value.strip()
        if not term:
            self._status("type a word or a phrase", error=True)
            return
        self.look_up(term)
        self.table.focus()

    @on(DataTable.RowSelected, "#kwic-table")
    def _line_selected(self, event: DataTable.RowSelected) -> None:
        """Go to the passage."""
        if 0 <= event.cursor_row < len(self.lines):
            line = self.lines[event.cursor_row]
            self.dismiss(Passage(line.transcript_id, line.turn, line.start, line.end))

    def action_focus_term(self) -> None:
        """Put the cursor in the term box."""
        self.query_one("#kwic-term", Input).focus()

    def action_close(self) -> None:
        """Back to the briefing."""
        self.dismiss(None)

    def export_report(self) -> Report | None:
        """The lines shown, for "export current view"."""
        return None if self.result is None else kwic_report(self.result)
