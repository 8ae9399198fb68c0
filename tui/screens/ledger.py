"""The figures ledger screen (key L): every figure of the library, grouped by measure.

Rows sort by measure, value, date or speaker (keys m, v, d, s; r reverses; or click a
column heading) and filter by unit, kind and measure words. The highlighted row's sentence
is shown below the table, with a chart when its measure was quoted on two or more dates.
Enter jumps to the passage.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static
from textual.worker import get_current_worker

from search_index.insights.export import Report, ledger_report
from search_index.insights.ledger import Ledger, LedgerRow, SortKey, format_value
from search_index.models import Transcript
from tui.commands import ExportCommands
from tui.screens.tables import BatchFiller, clip, marked_sentence
from tui.view_model import Passage

_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("measure", "Measure", 34),
    ("value", "Value", 20),
    ("said", "As said", 18),
    ("date", "Date", 10),
    ("period", "Period", 9),
    ("speaker", "Speaker", 16),
    ("briefing", "Briefing", 24),
    ("turn", "Turn", 4),
)
_SORT_OF_COLUMN: dict[str, SortKey] = {
    "measure": "measure",
    "value": "value",
    "said": "value",
    "date": "date",
    "period": "date",
    "speaker": "speaker",
}


class LedgerScreen(Screen[Passage | None]):
    """Every figure across the library, grouped by what it measures."""

    DEFAULT_CSS = """
    LedgerScreen #ledger-filters { height: 3; padding: 0 1; }
    LedgerScreen #ledger-measure { width: 1fr; }
    LedgerScreen #ledger-unit, LedgerScreen #ledger-kind { width: 22; }
    LedgerScreen #ledger-count { width: auto; padding: 1 1 0 1; color: $text-muted; }
    LedgerScreen #ledger-table { height: 1fr; border: round $foreground 25%; }
    LedgerScreen #ledger-table:focus { border: round $accent; }
    LedgerScreen #ledger-detail { height: 16; border: round $foreground 25%; padding: 0 1; }
    LedgerScreen #ledger-chart { color: $text; }
    """

    COMMANDS = {ExportCommands}  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="ledger-back", tooltip="Back to the briefing."),
        Binding("v", "sort('value')", "By value", id="ledger-sort-value"),
        Binding("d", "sort('date')", "By date", id="ledger-sort-date"),
        Binding("s", "sort('speaker')", "By speaker", id="ledger-sort-speaker"),
        Binding("m", "sort('measure')", "By measure", id="ledger-sort-measure", show=False),
        Binding("r", "reverse", "Reverse", id="ledger-reverse", show=False),
        Binding("slash", "focus_filter", "Filter", id="ledger-filter", show=False),
    ]

    HELP = """
## Figures ledger

Every figure quoted in the library, grouped by what it measures (near-identical labels
merged). **Enter** goes to the passage; **v**, **d**, **s**, **m** sort by value, date,
speaker or measure, **r** reverses; **/** filters measures by words; pick a unit or a kind
above the table. A measure quoted on two or more dates is charted below.
"""

    @dataclass
    class Built(Message):
        """The ledger was built in a worker."""

        ledger: Ledger

    def __init__(
        self,
        transcripts: Sequence[Transcript],
        known_figures: Mapping[str, Mapping[int, Sequence[Any]]] | None = None,
    ) -> None:
        """A ledger over `transcripts` (built in a worker once the screen shows).

        `known_figures` (transcript id → turn → figures) are figures the main screen has
        already extracted; only the other transcripts are read again.
        """
        super().__init__()
        self.transcripts = list(transcripts)
        self.known_figures = dict(known_figures or {})
        self.ledger: Ledger | None = None
        self.sort_key: SortKey = "measure"
        self.descending = False
        self.rows: list[LedgerRow] = []
        self._charts: dict[str, str] = {}
        self._filler = BatchFiller(self)

    def compose(self) -> ComposeResult:
        """Filters, table, detail pane."""
        yield Header()
        with Horizontal(id="ledger-filters"):
            yield Input(placeholder="Filter measures: words of a label…", id="ledger-measure")
            yield Select[str]([], prompt="All units", id="ledger-unit")
            yield Select[str]([], prompt="All kinds", id="ledger-kind")
            yield Static("building…", id="ledger-count")
        table: DataTable[str | Text] = DataTable(
            id="ledger-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        with VerticalScroll(id="ledger-detail"):
            yield Static("", id="ledger-sentence")
            yield Static("", id="ledger-chart", markup=False)
        yield Footer()

    @property
    def table(self) -> DataTable[str | Text]:
        """The ledger table."""
        return self.query_one("#ledger-table", DataTable)

    def on_mount(self) -> None:
        """Set up the columns and build the ledger."""
        self.title = "Figures ledger"
        self.sub_title = f"{len(self.transcripts)} briefings"
        for key, label, width in _COLUMNS:
            self.table.add_column(label, width=width, key=key)
        self.query_one("#ledger-detail").border_title = "Passage"
        self.table.focus()
        self.build()

    @work(thread=True, exclusive=True, exit_on_error=False, group="ledger")
    def build(self) -> None:
        """Extract every figure and group them (slow on a large library)."""
        from search_index.figures import Figure, figures_of_transcript
        from search_index.insights.ledger import build_ledger

        known = self.known_figures

        def figures_of(transcript: Transcript) -> list[Figure]:
            by_turn = known.get(transcript.id)
            if by_turn is None:
                return figures_of_transcript(transcript)
            return [f for turn in sorted(by_turn) for f in by_turn[turn] if isinstance(f, Figure)]

        worker = get_current_worker()
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= 0.25 or done == total:
                last = now
                self.post_message(self.Progress(done, total))

        ledger = build_ledger(
            self.transcripts, figures_of, progress=progress, cancel=worker.cancelled_event
        )
        if not worker.is_cancelled:
            self.post_message(self.Built(ledger))

    @dataclass
    class Progress(Message):
        """How many briefings the ledger has read (newer reports replace older ones)."""

        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            """A newer report makes a queued older one pointless."""
            return isinstance(message, LedgerScreen.Progress)

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        """Show how far the build has got."""
        if self.ledger is None:
            self.query_one("#ledger-count", Static).update(
                f"reading figures: {event.done}/{event.total} briefings…"
            )

    @on(Built)
    def _built(self, event: Built) -> None:
        """Offer the units and kinds found and fill the table."""
        self.ledger = event.ledger
        units = [(Text(unit or "(no unit)"), unit) for unit in event.ledger.units]
        self.query_one("#ledger-unit", Select).set_options(units)
        kinds = [(kind, kind) for kind in event.ledger.kinds]
        self.query_one("#ledger-kind", Select).set_options(kinds)
        self.refresh_rows()

    def shown(self) -> Ledger | None:
        """The ledger with the chosen filters applied."""
        if self.ledger is None:
            return None
        unit = self.query_one("#ledger-unit", Select).value
        kind = self.query_one("#ledger-kind", Select).value
        text = self.query_one("#ledger-measure", Input).value.strip()
        return self.ledger.filter(
            unit=unit if isinstance(unit, str) else None,
            kind=kind if isinstance(kind, str) else None,
            text=text or None,
        )

    def refresh_rows(self) -> None:
        """Refill the table from the filtered, sorted ledger."""
        ledger = self.shown()
        if ledger is None:
            return
        self.rows = ledger.rows(self.sort_key, self.descending)
        self._filler.fill(self.table, len(self.rows), self._cells)
        direction = "↓" if self.descending else "↑"
        count = f"{len(self.rows)} figures · {len(ledger.measures)} measures"
        self.query_one("#ledger-count", Static).update(f"{count} · {self.sort_key} {direction}")
        self._show_detail(self.rows[0] if self.rows else None)

    def _cells(self, number: int) -> tuple[str | Text, ...]:
        """The table cells of row `number` (a measure is named on its first row only)."""
        row = self.rows[number]
        repeat = (
            self.sort_key == "measure"
            and number > 0
            and self.rows[number - 1].measure == row.measure
        )
        measure = "" if repeat else clip(row.measure_label, 34)
        return (
            Text(measure, style="bold") if measure else "",
            Text(clip(format_value(row.value, row.unit), 20), justify="right"),
            clip(row.text, 18),
            row.date.isoformat() if row.date else "",
            row.period or "",
            clip(row.speaker, 16),
            clip(row.title, 24),
            Text(str(row.turn), justify="right"),
        )

    def current_row(self) -> LedgerRow | None:
        """The row under the cursor, or None."""
        if not self.rows:
            return None
        return self.rows[min(self.table.cursor_row, len(self.rows) - 1)]

    def _show_detail(self, row: LedgerRow | None) -> None:
        sentence = self.query_one("#ledger-sentence", Static)
        chart = self.query_one("#ledger-chart", Static)
        if row is None:
            sentence.update("No figures match." if self.ledger is not None else "")
            chart.update("")
            return
        head = Text(f"{row.speaker} · {row.title}", style="bold")
        if row.date:
            head.append(f" · {row.date.isoformat()}", style="dim")
        head.append(f" · turn {row.turn}", style="dim")
        if row.period:
            head.append(f" · about {row.period}", style="dim")
        head.append("\n")
        head.append_text(marked_sentence(row.sentence, row.text))
        sentence.update(head)
        chart.update(self._chart(row))

    def _chart(self, row: LedgerRow) -> str:
        if self.ledger is None:
            return ""
        cached = self._charts.get(row.measure)
        if cached is not None:
            return cached
        measure = self.ledger.measure(row.measure)
        text = ""
        if measure is not None and measure.has_series:
            from search_index.insights.chart import series_chart

            width = max(40, min(self.size.width - 6, 110))
            text = "\n" + series_chart(measure, width=width, height=11)
        self._charts[row.measure] = text
        return text

    @on(DataTable.RowHighlighted, "#ledger-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted figure's sentence and its measure's chart."""
        self._show_detail(self.current_row())

    @on(DataTable.RowSelected, "#ledger-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row: go to its passage."""
        self.action_open_row()

    @on(DataTable.HeaderSelected, "#ledger-table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        """A click on a column heading sorts by it (again: reverses)."""
        key = _SORT_OF_COLUMN.get(str(event.column_key.value))
        if key is not None:
            self.action_sort(key)

    @on(Input.Changed, "#ledger-measure")
    @on(Select.Changed, "#ledger-unit")
    @on(Select.Changed, "#ledger-kind")
    def _filters_changed(self) -> None:
        """A filter changed: refill."""
        self.refresh_rows()

    @on(Input.Submitted, "#ledger-measure")
    def _filter_submitted(self) -> None:
        """Enter in the filter box: back to the table."""
        self.table.focus()

    def action_sort(self, key: str) -> None:
        """Sort by `key` (measure, value, date or speaker); the same key again reverses."""
        if key not in _SORT_OF_COLUMN.values():
            return
        if key == self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key = key  # type: ignore[assignment]
            self.descending = False
        self.refresh_rows()

    def action_reverse(self) -> None:
        """Reverse the order."""
        self.descending = not self.descending
        self.refresh_rows()

    def action_focus_filter(self) -> None:
        """Put the cursor in the measure filter."""
        self.query_one("#ledger-measure", Input).focus()

    def action_open_row(self) -> None:
        """Close the ledger and show the highlighted figure in its passage."""
        row = self.current_row()
        if row is None:
            self.notify("No figure to go to.", severity="warning")
            return
        self.dismiss(Passage(row.transcript_id, row.turn, row.start, row.end))

    def action_close(self) -> None:
        """Back to the briefing."""
        self.dismiss(None)

    def export_report(self) -> Report | None:
        """The ledger as shown (filters and order) for "export current view"."""
        ledger = self.shown()
        if ledger is None:
            return None
        return ledger_report(ledger, self.sort_key, self.descending)
