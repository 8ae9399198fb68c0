"""`pressroom search QUERY [--index-dir D] [--limit N] [--json]`: search the index."""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.arguments import add_index_dir, positive_number, seconds


def register(subparsers: Any) -> None:
    """Add the `search` subcommand."""
    parser = subparsers.add_parser(
        "search",
        help="search the indexed transcripts' turns",
        description='Search indexed turns. Words are stemmed; "exact phrases", AND OR NOT, '
        '-word, prefix*, and filters speaker:"Yu Cike" asker:Xinhua (or outlet:) kind:press '
        "date:2021-04-25 date:[2021-01-01 TO 2021-06-30] transcript:<id or title words>. "
        "See the README's 'Search query language'.",
    )
    parser.add_argument("query", nargs="+", metavar="QUERY", help="the query (words are joined)")
    add_index_dir(parser)
    parser.add_argument(
        "--limit", type=positive_number, default=20, metavar="N", help="at most N hits (default 20)"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the hits as a JSON list (a partial or repaired search is noted on stderr)",
    )
    parser.add_argument(
        "--time-limit",
        type=seconds,
        default=10.0,
        metavar="SECONDS",
        help="stop after this long and show the best hits found so far (default 10)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the query and print the hits."""
    from search_index.index import LibraryIndex
    from tui.cli.insights_common import note

    query = " ".join(args.query)
    with LibraryIndex.open(args.index_dir, create=False) as library:
        if library.notice:
            note(library.notice)
        results = library.search(
            query, limit=args.limit, snippets=args.limit, time_limit=args.time_limit
        )
    if results.note:
        note(f"note: {results.note}")
    if results.partial:
        note(
            f"note: the search stopped after {args.time_limit:g} s: these are the "
            "best hits of the turns it looked at (--time-limit to allow longer)"
        )
    if args.json:
        from tui.cli.output import print_json

        print_json([hit.to_json_dict() for hit in results.hits])
        return 0
    _print_hits(results)
    return 0


def _print_hits(results: Any) -> None:
    from rich.text import Text

    from tui.cli.output import console as rich_console

    console = rich_console()
    if not results.hits:
        console.print(Text(f"no turns match {results.query}"))
        return
    shown = len(results.hits)
    console.print(
        Text(f"{shown} of {results.total} matching turns for {results.query}", style="bold")
    )
    for rank, hit in enumerate(results.hits, start=1):
        head = Text(f"{rank:>3}. ", style="dim")
        head.append(hit.speaker, style="bold cyan")
        if hit.asker and hit.asker != hit.speaker:
            head.append(f" (on a question from {hit.asker})", style="cyan")
        where = f" · turn {hit.turn} · {hit.title}"
        if hit.date:
            where += f" · {hit.date.isoformat()}"
        head.append(where, style="dim")
        console.print(head, overflow="ellipsis", no_wrap=True)
        body = Text("     " + hit.snippet)
        for start, end in hit.matches:
            body.stylize("bold yellow", start + 5, end + 5)
        console.print(body)
