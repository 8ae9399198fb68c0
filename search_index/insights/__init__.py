"""Across the library: the figures ledger, speaker and outlet statistics, keyword in
context, and exports of every view as JSON, CSV or Markdown.

Importing this package imports no Whoosh and no figure extractor: those are loaded when a
ledger is built or a term is looked up.
"""

from __future__ import annotations

from search_index.insights.export import (
    EXTENSIONS,
    FORMATS,
    ExportFormat,
    Report,
    Table,
    check_format,
    exchanges_report,
    figures_report,
    kwic_report,
    ledger_report,
    render,
    search_report,
    stats_report,
    write_report,
)
from search_index.insights.kwic import Kwic, KwicLine, kwic, term_query
from search_index.insights.ledger import (
    Ledger,
    LedgerRow,
    Measure,
    SeriesPoint,
    build_ledger,
    label_terms,
)
from search_index.insights.stats import (
    AnswerStat,
    LibraryStats,
    OutletStat,
    QuestionRow,
    SpeakerStat,
    TranscriptStats,
    library_stats,
    question_rows,
    transcript_stats,
)

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "AnswerStat",
    "ExportFormat",
    "Kwic",
    "KwicLine",
    "Ledger",
    "LedgerRow",
    "LibraryStats",
    "Measure",
    "OutletStat",
    "QuestionRow",
    "Report",
    "SeriesPoint",
    "SpeakerStat",
    "Table",
    "TranscriptStats",
    "build_ledger",
    "check_format",
    "exchanges_report",
    "figures_report",
    "kwic",
    "kwic_report",
    "label_terms",
    "ledger_report",
    "library_stats",
    "question_rows",
    "render",
    "search_report",
    "stats_report",
    "term_query",
    "transcript_stats",
    "write_report",
]
