"""`pressroom figures FILE [--json|--csv] [--kind K]`: every figure quoted in one transcript."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from search_index.figures import Figure
    from search_index.models import Transcript

KINDS = ("amount", "count", "percent", "rate", "duration", "change", "rank")

#: Columns of `--csv`, in order; `--json` objects carry the same keys.
CSV_COLUMNS = (
    "turn",
    "speaker",
    "start",
    "end",
    "text",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "kind",
    "label",
    "sentence",
)


def register(subparsers: Any) -> None:
    """Add the `figures` subcommand."""
    parser = subparsers.add_parser(
        "figures",
        help="list every figure quoted in a transcript, normalised and labelled",
        description="List every quantity quoted in a transcript — amounts, counts, "
        "percentages, rates, durations, changes and ranks — with its normalised value, "
        "unit and what it measures. Dates, years, ordinals and numbered names are left out.",
    )
    parser.add_argument(
        "file", help="a transcript file (.txt, .md, .html, .htm), or - for standard input"
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="print a JSON list of figures")
    group.add_argument("--csv", action="store_true", help="print CSV for spreadsheets")
    parser.add_argument(
        "--kind", choices=KINDS, metavar="K", help=f"only figures of kind K ({', '.join(KINDS)})"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Extract the figures of the file and print them."""
    from search_index.figures import figures_of_transcript
    from tui.cli.inputs import read_transcript

    transcript = read_transcript(args.file)
    figures = figures_of_transcript(transcript)
    if args.kind:
        figures = [f for f in figures if f.kind == args.kind]
    rows = [_row(transcript, f) for f in figures]
    if args.json:
        from tui.cli.output import print_json

        print_json(rows)
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_table(transcript, figures)
    return 0


def _row(transcript: Transcript, figure: Figure) -> dict[str, Any]:
    data = figure.model_dump(mode="json", exclude={"sentence_start", "sentence_end"})
    data["speaker"] = transcript.turns[figure.turn].speaker
    return {key: data[key] for key in CSV_COLUMNS}


def _print_table(transcript: Transcript, figures: list[Figure]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from search_index.figures import format_value

    console = Console()
    title = transcript.title or transcript.source
    if not figures:
        console.print(Text(f"No figures in {title}."))
        return
    table = Table(title=Text(f"{len(figures)} figures in {title}"), title_justify="left")
    table.add_column("Speaker", style="bold", no_wrap=True)
    table.add_column("Figure", no_wrap=True)
    table.add_column("Normalised value", justify="right", no_wrap=True)
    table.add_column("Label")
    table.add_column("Kind", style="dim", no_wrap=True)
    previous = None
    for figure in figures:
        speaker = transcript.turns[figure.turn].speaker
        table.add_row(
            Text(speaker if speaker != previous else ""),
            Text(" ".join(figure.text.split())),
            Text(format_value(figure)),
            Text(figure.label or ""),
            figure.kind,
        )
        previous = speaker
    console.print(table)
