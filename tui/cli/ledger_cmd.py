"""`pressroom ledger [PATH...] [--index-dir D] [--json|--csv|--markdown]`: the figures ledger."""

from __future__ import annotations

import argparse
from typing import Any

from tui.cli.insights_common import (
    add_format_arguments,
    add_library_arguments,
    console,
    emit,
    export_format,
    figures_source,
    load_library_of,
)


def register(subparsers: Any) -> None:
    """Add the `ledger` subcommand."""
    parser = subparsers.add_parser(
        "ledger",
        help="every figure across the library, grouped by what it measures",
        description="List every figure of the transcripts, grouped by measure (label and "
        "unit, near-identical labels merged), with value, date, speaker and transcript. "
        "Measures quoted on two or more dates are charted.",
    )
    add_library_arguments(parser)
    parser.add_argument(
        "--sort",
        choices=("measure", "value", "date", "speaker"),
        default="measure",
        help="order of the rows (default: by measure, then date)",
    )
    parser.add_argument("--desc", action="store_true", help="sort in descending order")
    parser.add_argument("--unit", metavar="U", help='only figures in unit U ("CNY", "%%" …)')
    parser.add_argument(
        "--kind",
        metavar="K",
        help="only figures of kind K (amount, count, percent, rate, duration, change, rank)",
    )
    parser.add_argument("--speaker", metavar="NAME", help="only figures NAME quoted")
    parser.add_argument("--measure", metavar="TEXT", help="only measures whose label has TEXT")
    parser.add_argument(
        "--series", action="store_true", help="only measures quoted on two or more dates"
    )
    parser.add_argument("--no-chart", action="store_true", help="do not draw the series charts")
    add_format_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Build the ledger and show or export it."""
    from search_index.insights.ledger import Ledger, build_ledger

    fmt = export_format(args)
    loaded = load_library_of(args, figures=True, kept="figures")
    ledger = build_ledger(loaded.transcripts, figures_source(loaded), kept=loaded.kept).filter(
        unit=args.unit, kind=args.kind, speaker=args.speaker, text=args.measure
    )
    if args.series:
        ledger = Ledger(ledger.series)
    if fmt is not None:
        from search_index.insights.export import ledger_report

        return emit(ledger_report(ledger, args.sort, args.desc), fmt, args)
    _print_ledger(ledger, args.sort, args.desc, chart=not args.no_chart)
    return 0


def _print_ledger(ledger: Any, by: str, descending: bool, chart: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    from search_index.citation import turn_number
    from search_index.insights.ledger import format_value

    out = console()
    if not len(ledger):
        out.print(Text("no figures match"))
        return
    # Narrow terminals drop the least needed columns rather than crush the others.
    columns = ["Measure", "Value", "As said", "Date", "Period", "Speaker", "Transcript", "Turn"]
    if out.width < 130:
        columns.remove("As said")
    if out.width < 110:
        columns.remove("Period")
    if out.width < 95:
        columns.remove("Transcript")
    table = Table(
        title=f"{len(ledger)} figures in {len(ledger.measures)} measures",
        title_justify="left",
    )
    settings: dict[str, dict[str, Any]] = {
        "Measure": {"overflow": "fold", "min_width": 20, "max_width": 34},
        "Value": {"justify": "right", "no_wrap": True},
        "As said": {"no_wrap": True, "overflow": "ellipsis", "max_width": 22},
        "Date": {"no_wrap": True},
        "Period": {"no_wrap": True},
        "Speaker": {"overflow": "ellipsis", "max_width": 18},
        "Transcript": {"overflow": "ellipsis", "max_width": 28},
        "Turn": {"justify": "right"},
    }
    for name in columns:
        table.add_column(name, **settings[name])
    previous = None
    for row in ledger.rows(by, descending):
        same = by == "measure" and row.measure == previous
        previous = row.measure
        cells = {
            "Measure": Text("" if same else row.measure_label),
            "Value": Text(format_value(row.value, row.unit)),
            "As said": Text(row.text),
            "Date": row.date.isoformat() if row.date else "",
            "Period": Text(row.period or ""),
            "Speaker": Text(row.speaker),
            "Transcript": Text(row.title),
            "Turn": str(turn_number(row.turn)),
        }
        table.add_row(*(cells[name] for name in columns))
    out.print(table)
    if chart:
        from search_index.insights.chart import series_chart

        width = max(40, min(out.width, 100))
        for measure in ledger.series:
            out.print()
            out.print(Text(series_chart(measure, width=width, height=12)))
