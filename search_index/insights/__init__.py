"""Across the library: the figures ledger, speaker and outlet statistics, keyword in
context, and exports of every view as JSON, CSV or Markdown.

Importing this package imports none of its modules: each name is imported from its module
when first asked for, so that a command that needs one view (`pressroom stats`) loads
nothing of the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from search_index.lazy_exports import lazy_getattr

if TYPE_CHECKING:
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

#: Where each name of the public API lives.
_HOMES = {
    "Kwic": "kwic",
    "KwicLine": "kwic",
    "kwic": "kwic",
    "term_query": "kwic",
    "EXTENSIONS": "export",
    "FORMATS": "export",
    "ExportFormat": "export",
    "Report": "export",
    "Table": "export",
    "check_format": "export",
    "exchanges_report": "export",
    "figures_report": "export",
    "kwic_report": "export",
    "ledger_report": "export",
    "render": "export",
    "search_report": "export",
    "stats_report": "export",
    "write_report": "export",
    "Ledger": "ledger",
    "LedgerRow": "ledger",
    "Measure": "ledger",
    "SeriesPoint": "ledger",
    "build_ledger": "ledger",
    "label_terms": "ledger",
    "AnswerStat": "stats",
    "LibraryStats": "stats",
    "OutletStat": "stats",
    "QuestionRow": "stats",
    "SpeakerStat": "stats",
    "TranscriptStats": "stats",
    "library_stats": "stats",
    "question_rows": "stats",
    "transcript_stats": "stats",
}

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


__getattr__ = lazy_getattr(__name__, _HOMES)
