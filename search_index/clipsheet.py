"""The clip sheet: every mark of a library cited, ready to paste or to save.

Marks found in the library are grouped by briefing (oldest briefing first) and, within a
briefing, come in reading order; each is cited by the one citation formatter
(`search_index.citation`). Marks that cannot be found any more are listed at the end with
the text they held and why they cannot be cited — never silently left out.

Two forms: Markdown (a `#` title, a `##` heading per briefing, blockquoted citations) and
plain text (the same, headings as plain lines, citations in the plain form). The sheet can
also be exported as a table (JSON, CSV, Markdown) through the export writer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, get_args

from search_index.citation import CitationFormat, turn_number
from search_index.insights.export import Report, Table, write_text
from search_index.marks import ResolvedMark, cite_mark

SheetFormat = Literal["markdown", "text"]
"""The clip sheet's forms: a Markdown document or plain text."""

SHEET_FORMATS: tuple[SheetFormat, ...] = get_args(SheetFormat)
SHEET_EXTENSIONS: dict[SheetFormat, str] = {"markdown": ".md", "text": ".txt"}
SHEET_NAMES: dict[SheetFormat, str] = {"markdown": "Markdown", "text": "plain text"}
#: The citation form each sheet form quotes in.
SHEET_CITATIONS: dict[SheetFormat, CitationFormat] = {"markdown": "markdown", "text": "plain"}
SHEET_TITLE = "Clip sheet"
MISSING_HEADING = "Not found in the library"


def sheet_format_for(citation_format: CitationFormat) -> SheetFormat:
    """The sheet form matching a citation form (what "copy every mark" copies)."""
    return "markdown" if citation_format == "markdown" else "text"


def sheet_order(resolved: Sequence[ResolvedMark]) -> list[ResolvedMark]:
    """Found marks by briefing (oldest first, undated last) in reading order, then the
    marks not found, in the order they were made."""

    def key(item: tuple[int, ResolvedMark]) -> tuple[object, ...]:
        made, mark = item
        transcript = mark.transcript
        assert transcript is not None
        date = transcript.date or dt.date.max
        turn, start, _end = mark.spans[0]
        return (date, mark.briefing.casefold(), transcript.id, turn, start, made)

    found = sorted(((n, m) for n, m in enumerate(resolved) if m.found), key=key)
    return [mark for _, mark in found] + [mark for mark in resolved if not mark.found]


def _flat(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def missing_line(resolved: ResolvedMark) -> str:
    """How a mark that cannot be found is listed: why, where it was, what it held."""
    mark = resolved.mark
    return (
        f"{resolved.describe_status()} ({mark.briefing}, turn {turn_number(mark.turn)}): "
        f"“{_flat(mark.excerpt)}”"
    )


def clip_sheet(resolved: Sequence[ResolvedMark], fmt: SheetFormat = "markdown") -> str:
    """The clip sheet of `resolved` marks in `fmt` ("" when there are no marks)."""
    if not resolved:
        return ""
    citation_format = SHEET_CITATIONS[fmt]
    markdown = fmt == "markdown"
    lines = [f"# {SHEET_TITLE}" if markdown else SHEET_TITLE, ""]
    current: str | None = None
    missing: list[ResolvedMark] = []
    for mark in sheet_order(resolved):
        if not mark.found:
            missing.append(mark)
            continue
        if mark.briefing != current:
            current = mark.briefing
            lines += [f"## {current}" if markdown else current, ""]
        lines += [cite_mark(mark, citation_format), ""]
    if missing:
        lines += [f"## {MISSING_HEADING}" if markdown else MISSING_HEADING, ""]
        lines += [f"- {missing_line(mark)}" for mark in missing]
    return "\n".join(lines).rstrip("\n") + "\n"


MARK_COLUMNS = (
    "status",
    "date",
    "briefing",
    "source",
    "transcript_id",
    "kind",
    "turn",
    "speakers",
    "text",
    "citation",
)


def clip_sheet_report(
    resolved: Sequence[ResolvedMark], citation_format: CitationFormat = "plain"
) -> Report:
    """The marks as a table, for the JSON, CSV and Markdown exports (one row per mark)."""
    rows = []
    for mark in sheet_order(resolved):
        transcript = mark.transcript
        date = transcript.date if transcript is not None else None
        turn = mark.spans[0][0]
        rows.append(
            (
                mark.status,
                None if date is None else date.isoformat(),
                mark.briefing,
                mark.mark.source,
                mark.mark.transcript_id,
                mark.mark.kind,
                turn,
                mark.mark.speakers,
                mark.text,
                cite_mark(mark, citation_format) if mark.found else None,
            )
        )
    table = Table("marks", "Marks", MARK_COLUMNS, tuple(rows))
    return Report("marks", SHEET_TITLE, (table,))


def write_clip_sheet(text: str, fmt: SheetFormat, folder: Path) -> Path:
    """Write a clip sheet into `folder` as `pressroom-marks.md`/`.txt` (never replacing a
    file: "-2", "-3"… are added); InputError when it cannot be written."""
    return write_text(text, folder, f"pressroom-marks{SHEET_EXTENSIONS[fmt]}", overwrite=False)
