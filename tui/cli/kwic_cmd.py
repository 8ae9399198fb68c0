"""`pressroom kwic TERM [PATH...] [--width N] [--format F]`: keyword in context."""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.insights_common import (
    add_format_arguments,
    add_library_arguments,
    console,
    emit,
    export_format,
    load_transcripts,
    positive_width,
)


def register(subparsers: Any) -> None:
    """Add the `kwic` subcommand."""
    parser = subparsers.add_parser(
        "kwic",
        help="every occurrence of a word or phrase, with aligned context",
        description="Show every occurrence of TERM (a word, a phrase, or a word with * or ?) "
        "with the text on both sides aligned, by transcript and position. Words are "
        'stemmed as in search: "patent" also finds "patents" and "patented".',
    )
    parser.add_argument("term", metavar="TERM", help='a word or a phrase ("pledge financing")')
    add_library_arguments(parser)
    parser.add_argument(
        "--width",
        type=positive_width,
        default=None,
        metavar="N",
        help="characters of context on each side (default: what fits the terminal, 40 in exports)",
    )
    add_format_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Find the occurrences and show or export them."""
    from search_index.insights.kwic import kwic, term_query

    fmt = export_format(args)
    query = term_query(args.term)  # a term with nothing to look for fails before loading
    width = args.width
    if width is None:
        width = 40 if fmt is not None else _fitting_width(query)
    result = kwic(load_transcripts(args), args.term, width=width)
    if fmt is not None:
        from search_index.insights.export import kwic_report

        return emit(kwic_report(result), fmt, args)
    _print_kwic(result)
    return 0


def _fitting_width(query: str) -> int:
    """Context per side that fits the terminal: turn, speaker, the term and two margins."""
    columns: int = console().width
    room = columns - 5 - 17 - 4 - max(len(query.strip('"')), 8)
    return max(10, min(room // 2, 80))


def _print_kwic(result: Any) -> None:
    from rich.text import Text

    from search_index.citation import turn_number

    out = console()
    if not result.lines:
        out.print(Text(f"no occurrences of {result.term}"))
        return
    count = len(result.lines)
    out.print(Text(f"{count} occurrence{'s' if count != 1 else ''} of {result.term}", style="bold"))
    current = None
    for line in result.lines:
        if line.transcript_id != current:
            current = line.transcript_id
            date = line.date.isoformat() if line.date else "undated"
            out.print()
            out.print(Text(f"{line.title} ({date})", style="bold underline"))
        text = Text(f"{turn_number(line.turn):>4} ", style="dim")
        text.append(f"{line.speaker[:16]:<16} ", style="cyan")
        text.append(f"{line.left:>{result.width}}  ")
        text.append(f"{line.match:<{result.match_width}}", style="bold reverse")
        text.append(f"  {line.right}")
        out.print(text, no_wrap=True, overflow="ellipsis", crop=True)
