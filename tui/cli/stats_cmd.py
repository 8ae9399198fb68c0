"""`pressroom stats [PATH...] [--index-dir D] [--json|--csv|--markdown]`: speakers and outlets."""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.insights_common import (
    add_format_arguments,
    add_library_arguments,
    console,
    emit,
    export_format,
    load_library_of,
)


def register(subparsers: Any) -> None:
    """Add the `stats` subcommand."""
    parser = subparsers.add_parser(
        "stats",
        help="turns and words by speaker, questions by outlet, who answered whom",
        description="Count turns and words by speaker, questions by outlet and which "
        "officials answered which outlet, across the library and (with --per-transcript, "
        "or always in exports) per transcript.",
    )
    add_library_arguments(parser)
    parser.add_argument(
        "--per-transcript", action="store_true", help="also show each transcript's counts"
    )
    add_format_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Count and show or export."""
    from search_index.insights.stats import combined_stats, transcript_stats

    fmt = export_format(args)
    loaded = load_library_of(args, kept="stats")
    stats = combined_stats([*loaded.kept, *map(transcript_stats, loaded.transcripts)])
    if fmt is not None:
        from search_index.insights.export import stats_report

        return emit(stats_report(stats), fmt, args)
    out = console()
    from rich.text import Text

    transcripts = len(stats.transcripts)
    out.print(
        Text(
            f"{transcripts} transcript{'s' if transcripts != 1 else ''} · {stats.turns} turns · "
            f"{stats.words:,} words · {stats.questions} questions",
            style="bold",
        )
    )
    _print_facets(out, stats.speakers, stats.outlets, stats.answers, library=True)
    if args.per_transcript:
        for per in stats.transcripts:
            out.print()
            date = per.date.isoformat() if per.date else "undated"
            out.print(Text(f"{per.title} ({date})", style="bold underline"))
            out.print(Text(f"{per.turns} turns · {per.words:,} words · {per.questions} questions"))
            _print_facets(out, per.speakers, per.outlets, per.answers, library=False)
    return 0


def _print_facets(out: Any, speakers: Any, outlets: Any, answers: Any, library: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Speakers", title_justify="left")
    table.add_column("Speaker")
    table.add_column("Kind")
    if library:
        table.add_column("Transcripts", justify="right")
    table.add_column("Turns", justify="right")
    table.add_column("Words", justify="right")
    for s in speakers:
        cells: list[str | Text] = [Text(s.speaker), s.kind]
        if library:
            cells.append(str(s.transcripts))
        table.add_row(*cells, str(s.turns), f"{s.words:,}")
    out.print(table)

    by_outlet: dict[str, list[str]] = {}
    for answer in answers:
        by_outlet.setdefault(answer.outlet, []).append(f"{answer.answered_by} ×{answer.questions}")
    table = Table(title="Outlets", title_justify="left")
    table.add_column("Outlet")
    if library:
        table.add_column("Transcripts", justify="right")
    table.add_column("Questions", justify="right")
    table.add_column("Answered by", overflow="fold")
    for o in outlets:
        cells = [Text(o.outlet)]
        if library:
            cells.append(str(o.transcripts))
        table.add_row(*cells, str(o.questions), Text(", ".join(by_outlet.get(o.outlet, []))))
    if outlets:
        out.print(table)
