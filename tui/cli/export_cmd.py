"""`pressroom export search|figures|exchanges … [--format F] [--output FILE]`.

The ledger, statistics and keyword-in-context lines export from their own commands
(`pressroom ledger --csv` …); this command exports the other views: search hits, every
figure in reading order, and the press questions.
"""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.arguments import add_index_dir, positive_number
from tui.cli.insights_common import (
    add_format_arguments,
    add_library_arguments,
    emit,
    export_format,
    figures_source,
    load_library_of,
    load_transcripts,
)


def register(subparsers: Any) -> None:
    """Add the `export` subcommand and its three views."""
    parser = subparsers.add_parser(
        "export",
        help="export search hits, figures or questions as JSON, CSV or Markdown",
        description="Export a view as JSON (default), CSV or Markdown, on standard output "
        "or into --output FILE. The ledger, stats and kwic commands export with --format too.",
    )
    views = parser.add_subparsers(dest="view", metavar="VIEW", required=True)

    search = views.add_parser("search", help="the hits of a search query, best first")
    search.add_argument("query", nargs="+", metavar="QUERY", help="the query (words are joined)")
    add_index_dir(search)
    search.add_argument(
        "--limit",
        type=positive_number,
        default=100,
        metavar="N",
        help="at most N hits (default 100)",
    )
    add_format_arguments(search)
    search.set_defaults(func=run_search)

    figures = views.add_parser("figures", help="every figure, in reading order")
    add_library_arguments(figures)
    add_format_arguments(figures)
    figures.set_defaults(func=run_figures)

    exchanges = views.add_parser("exchanges", help="every press question and who answered")
    add_library_arguments(exchanges)
    exchanges.add_argument(
        "--speaker", metavar="NAME", help="only questions NAME answered (or asked)"
    )
    exchanges.add_argument("--outlet", metavar="NAME", help="only questions the outlet asked")
    add_format_arguments(exchanges)
    exchanges.set_defaults(func=run_exchanges)


def run_search(args: argparse.Namespace) -> int:
    """Search the index and export the hits."""
    from search_index.index import LibraryIndex
    from search_index.insights.export import search_report
    from tui.cli.insights_common import note

    fmt = export_format(args) or "json"
    query = " ".join(args.query)
    with LibraryIndex.open(args.index_dir, create=False) as index:
        if index.notice:
            note(index.notice)
        results = index.search(query, limit=args.limit, snippets=args.limit)
    if results.note:
        note(f"note: {results.note}")
    return emit(search_report(query, results.hits), fmt, args)


def run_figures(args: argparse.Namespace) -> int:
    """Export every figure of the transcripts."""
    from search_index.insights.export import figures_report
    from search_index.insights.ledger import build_ledger

    fmt = export_format(args) or "json"
    loaded = load_library_of(args, figures=True)
    ledger = build_ledger(loaded.transcripts, figures_source(loaded))
    return emit(figures_report(ledger.rows("date")), fmt, args)


def run_exchanges(args: argparse.Namespace) -> int:
    """Export the press questions."""
    from search_index.insights.export import exchanges_report
    from search_index.insights.stats import question_rows

    fmt = export_format(args) or "json"
    rows = question_rows(load_transcripts(args), speaker=args.speaker, outlet=args.outlet)
    return emit(exchanges_report(rows), fmt, args)
