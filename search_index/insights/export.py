"""Exports: one table model, three writers (JSON, CSV, Markdown), one builder per view.

Everything pressroom exports — search hits, figures, exchanges, the ledger, statistics,
keyword-in-context lines — is first turned into a `Report`: a kind, a title and one or
more named `Table`s of plain cells. The writers know nothing of where a report came from:

* JSON: `{"kind": …, "title": …, "tables": {"<name>": [{column: value, …}, …]}}`; lists
  stay lists, missing values are null, dates are ISO strings.
* CSV: one header row and one row per record. A report with several tables gets a first
  column `table` naming the table of each row, and the union of the tables' columns.
  Lists are joined with "; ", missing values are empty, whole numbers have no ".0".
* Markdown: a `#` title, a `##` heading per table (when there are several), pipe tables
  with `|` escaped and line breaks flattened.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TextIO, get_args

from search_index.errors import InputError

if TYPE_CHECKING:
    from search_index.index.hits import SearchHit
    from search_index.insights.kwic import Kwic
    from search_index.insights.ledger import Ledger, LedgerRow, SortKey
    from search_index.insights.stats import LibraryStats, QuestionRow

Cell = str | int | float | bool | None | tuple[str, ...]
ExportFormat = Literal["json", "csv", "markdown"]
FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
EXTENSIONS: dict[ExportFormat, str] = {"json": ".json", "csv": ".csv", "markdown": ".md"}
#: Each format's name as the app and the command line show it.
FORMAT_NAMES: dict[ExportFormat, str] = {"json": "JSON", "csv": "CSV", "markdown": "Markdown"}


@dataclass(frozen=True, slots=True)
class Table:
    """A named table of plain cells."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def records(self) -> list[dict[str, Cell]]:
        """The rows as column → cell dictionaries."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(frozen=True, slots=True)
class Report:
    """What one view exports: its kind ("ledger", "stats" …), a title and its tables."""

    kind: str
    title: str
    tables: tuple[Table, ...]

    def table(self, name: str) -> Table:
        """The table called `name` (KeyError if there is none)."""
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)


def check_format(name: str) -> ExportFormat:
    """`name` as an export format ("md" is accepted for markdown); InputError otherwise."""
    lowered = name.strip().lower()
    if lowered == "md":
        lowered = "markdown"
    for fmt in FORMATS:
        if fmt == lowered:
            return fmt
    raise InputError(f"unknown export format {name!r}: use json, csv or markdown")


# --- writers --------------------------------------------------------------------------


def _json_data(report: Report) -> dict[str, Any]:
    """The report's JSON value; each table's records (an iterator) are made as they are
    written."""
    return {
        "kind": report.kind,
        "title": report.title,
        "tables": {table.name: _json_records(table) for table in report.tables},
    }


def _json_records(table: Table) -> Iterator[dict[str, object]]:
    # A tuple cell is written as a JSON list as it is: no need to make it a list first.
    columns = table.columns
    for row in table.rows:
        yield dict(zip(columns, row, strict=True))


def to_json(report: Report) -> str:
    """The report as indented UTF-8 JSON (see the module docstring)."""
    buffer = io.StringIO()
    write_json_report(report, buffer)
    return buffer.getvalue()


def write_json_report(report: Report, out: TextIO) -> None:
    """Write `to_json(report)` to `out` a batch of records at a time: what `json.dumps`
    would write, made by pydantic's serializer (`search_index.json_text`)."""
    from search_index.json_text import write_json

    write_json(_json_data(report), out)
    out.write("\n")


def text_cell(cell: Cell) -> str:
    """A cell as CSV and Markdown write it."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float):
        if cell.is_integer() and abs(cell) < 1e16:
            return str(int(cell))
        return repr(cell)
    if isinstance(cell, tuple):
        return "; ".join(cell)
    return str(cell)


def to_csv(report: Report) -> str:
    """The report as CSV (see the module docstring)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if len(report.tables) == 1:
        table = report.tables[0]
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow([text_cell(cell) for cell in row])
        return out.getvalue()
    columns: list[str] = []
    for table in report.tables:
        columns.extend(c for c in table.columns if c not in columns)
    writer.writerow(["table", *columns])
    for table in report.tables:
        for record in table.records():
            writer.writerow([table.name, *(text_cell(record.get(c)) for c in columns)])
    return out.getvalue()


def _md(cell: Cell) -> str:
    text = " ".join(text_cell(cell).split())
    return text.replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(report: Report) -> str:
    """The report as Markdown (see the module docstring)."""
    lines = [f"# {report.title}", ""]
    several = len(report.tables) > 1
    for table in report.tables:
        if several:
            lines += [f"## {table.title}", ""]
        if not table.rows:
            lines += ["_(none)_", ""]
            continue
        lines.append("| " + " | ".join(_md(c) for c in table.columns) + " |")
        lines.append("|" + "|".join(" --- " for _ in table.columns) + "|")
        for row in table.rows:
            lines.append("| " + " | ".join(_md(cell) for cell in row) + " |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render(report: Report, fmt: ExportFormat) -> str:
    """The report written in `fmt`."""
    if fmt == "json":
        return to_json(report)
    if fmt == "csv":
        return to_csv(report)
    return to_markdown(report)


def render_to(report: Report, fmt: ExportFormat, out: TextIO) -> None:
    """Write `render(report, fmt)` to `out`; JSON a batch of records at a time."""
    if fmt == "json":
        write_json_report(report, out)
    else:
        out.write(render(report, fmt))


def default_filename(report: Report, fmt: ExportFormat) -> str:
    """A file name for the report: `pressroom-<kind><extension>`."""
    return f"pressroom-{report.kind}{EXTENSIONS[fmt]}"


def write_report(
    report: Report, fmt: ExportFormat, target: Path, *, overwrite: bool = True
) -> Path:
    """Write the report; returns the file written.

    `target` may be a file, or an existing folder: then the file is
    `default_filename(...)` inside it, with "-2", "-3"… added rather than replacing a file
    (as also when `overwrite` is False). InputError when it cannot be written.
    """
    path = _target(target, default_filename(report, fmt), overwrite)
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            render_to(report, fmt, out)
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def write_text(text: str, target: Path, filename: str, *, overwrite: bool = True) -> Path:
    """Write `text` (UTF-8) to `target`, a file or an existing folder (then into `filename`
    inside it, never replacing a file); returns the file written.

    Without `overwrite`, "-2", "-3"… are added to the name rather than replacing a file.
    InputError when it cannot be written.
    """
    path = _target(target, filename, overwrite)
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def _target(target: Path, filename: str, overwrite: bool) -> Path:
    """The file `write_text` writes (see there); InputError if its folder is missing."""
    path = Path(target).expanduser()
    if path.is_dir():
        path = path / filename
        overwrite = False
    if not overwrite and path.exists():
        stem, suffix = path.stem, path.suffix
        number = 2
        while (candidate := path.with_name(f"{stem}-{number}{suffix}")).exists():
            number += 1
        path = candidate
    if not path.parent.is_dir():
        raise InputError(f"cannot write {path}: the folder {path.parent} does not exist")
    return path


# --- builders -------------------------------------------------------------------------


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _table(name: str, title: str, columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Table:
    return Table(name, title, tuple(columns), tuple(tuple(row) for row in rows))


LEDGER_COLUMNS = (
    "measure",
    "measure_label",
    "unit",
    "value",
    "low",
    "high",
    "text",
    "kind",
    "qualifier",
    "label",
    "date",
    "period",
    "speaker",
    "speaker_kind",
    "transcript_id",
    "title",
    "turn",
    "start",
    "end",
    "sentence",
)

FIGURE_COLUMNS = tuple(c for c in LEDGER_COLUMNS if c not in ("measure", "measure_label"))


def _ledger_cells(rows: Iterable[LedgerRow], columns: Sequence[str]) -> Iterator[tuple[Cell, ...]]:
    """The cells of each row: its fields named by `columns`, the date (the one field that
    is a date) as ISO text."""
    from operator import attrgetter

    cells_of = attrgetter(*columns)
    at = columns.index("date")
    for row in rows:
        cells = cells_of(row)
        if cells[at] is not None:
            cells = (*cells[:at], cells[at].isoformat(), *cells[at + 1 :])
        yield cells


def ledger_report(ledger: Ledger, by: SortKey = "measure", descending: bool = False) -> Report:
    """The ledger: one row per figure, with its measure, sorted as asked."""
    rows = ledger.rows(by, descending)
    table = _table("ledger", "Figures ledger", LEDGER_COLUMNS, _ledger_cells(rows, LEDGER_COLUMNS))
    return Report("ledger", "Figures ledger", (table,))


def figures_report(rows: Sequence[LedgerRow], title: str = "Figures") -> Report:
    """Figures in reading order (date, transcript, turn, position), without measures."""
    ordered = sorted(rows, key=lambda r: r.sort_key("date"))
    table = _table("figures", title, FIGURE_COLUMNS, _ledger_cells(ordered, FIGURE_COLUMNS))
    return Report("figures", title, (table,))


def stats_report(stats: LibraryStats) -> Report:
    """Statistics across the library, then per transcript."""
    tables = [
        _table(
            "speakers",
            "Turns and words by speaker (library)",
            ("speaker", "kind", "transcripts", "turns", "words"),
            ((s.speaker, s.kind, s.transcripts, s.turns, s.words) for s in stats.speakers),
        ),
        _table(
            "outlets",
            "Questions by outlet (library)",
            ("outlet", "transcripts", "questions"),
            ((o.outlet, o.transcripts, o.questions) for o in stats.outlets),
        ),
        _table(
            "answers",
            "Who answered which outlet (library)",
            ("outlet", "answered_by", "questions"),
            ((a.outlet, a.answered_by, a.questions) for a in stats.answers),
        ),
        _table(
            "transcripts",
            "Transcripts",
            ("transcript_id", "title", "date", "turns", "words", "questions"),
            (
                (t.transcript_id, t.title, _date(t.date), t.turns, t.words, t.questions)
                for t in stats.transcripts
            ),
        ),
        _table(
            "transcript_speakers",
            "Turns and words by speaker, per transcript",
            ("transcript_id", "title", "speaker", "kind", "turns", "words"),
            (
                (t.transcript_id, t.title, s.speaker, s.kind, s.turns, s.words)
                for t in stats.transcripts
                for s in t.speakers
            ),
        ),
        _table(
            "transcript_outlets",
            "Questions by outlet, per transcript",
            ("transcript_id", "title", "outlet", "questions"),
            (
                (t.transcript_id, t.title, o.outlet, o.questions)
                for t in stats.transcripts
                for o in t.outlets
            ),
        ),
        _table(
            "transcript_answers",
            "Who answered which outlet, per transcript",
            ("transcript_id", "title", "outlet", "answered_by", "questions"),
            (
                (t.transcript_id, t.title, a.outlet, a.answered_by, a.questions)
                for t in stats.transcripts
                for a in t.answers
            ),
        ),
    ]
    return Report("stats", "Speakers and outlets", tuple(tables))


EXCHANGE_COLUMNS = (
    "transcript_id",
    "title",
    "date",
    "number",
    "asker",
    "answered_by",
    "handoff_to",
    "question_turn",
    "answer_turns",
    "question",
)


def exchanges_report(rows: Sequence[QuestionRow], title: str = "Questions") -> Report:
    """Press questions with who asked and who answered."""
    table = _table(
        "exchanges",
        title,
        EXCHANGE_COLUMNS,
        (
            (
                r.transcript_id,
                r.title,
                _date(r.date),
                r.number,
                r.asker,
                r.answered_by,
                r.handoff_to,
                r.question_turn,
                tuple(str(t) for t in r.answer_turns),
                r.question,
            )
            for r in rows
        ),
    )
    return Report("exchanges", title, (table,))


KWIC_COLUMNS = (
    "transcript_id",
    "title",
    "date",
    "turn",
    "speaker",
    "start",
    "end",
    "left",
    "match",
    "right",
)


def kwic_report(result: Kwic) -> Report:
    """Keyword-in-context lines in order."""
    title = f"Keyword in context: {result.term}"
    table = _table(
        "kwic",
        title,
        KWIC_COLUMNS,
        (
            (
                k.transcript_id,
                k.title,
                _date(k.date),
                k.turn,
                k.speaker,
                k.start,
                k.end,
                k.left,
                k.match,
                k.right,
            )
            for k in result.lines
        ),
    )
    return Report("kwic", title, (table,))


SEARCH_COLUMNS = (
    "rank",
    "transcript_id",
    "title",
    "date",
    "source",
    "turn",
    "speaker",
    "speaker_kind",
    "exchange",
    "asker",
    "score",
    "snippet",
)


def search_report(query: str, hits: Sequence[SearchHit]) -> Report:
    """Search hits, best first."""
    title = f"Search: {query}"
    table = _table(
        "hits",
        title,
        SEARCH_COLUMNS,
        (
            (
                rank,
                h.transcript,
                h.title,
                _date(h.date),
                h.source,
                h.turn,
                h.speaker,
                str(h.speaker_kind.value),
                None if h.exchange is None else h.exchange + 1,
                h.asker,
                round(h.score, 4),
                h.snippet,
            )
            for rank, h in enumerate(hits, start=1)
        ),
    )
    return Report("search", title, (table,))
