"""`pressroom figures FILE [--json|--csv] [--kind K]`: every figure quoted in one transcript."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from search_index.figures.kinds import KINDS

if TYPE_CHECKING:
    from rich.table import Table

    from search_index.figures import Figure
    from search_index.models import Transcript

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
    """Extract the figures of the file and print them, a turn at a time for JSON and CSV."""
    from search_index.figures import iter_figures
    from tui.cli.inputs import read_transcript

    transcript = read_transcript(args.file)
    figures: Iterable[Figure] = iter_figures(transcript)
    if args.kind:
        figures = (f for f in figures if f.kind == args.kind)
    if args.json:
        from tui.cli.output import stream_json_list

        stream_json_list(_rows(transcript, figures))
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(_rows(transcript, figures))
    else:
        _print_table(transcript, list(figures))
    return 0


def _rows(transcript: Transcript, figures: Iterable[Figure]) -> Iterator[dict[str, Any]]:
    """The `--json`/`--csv` object of each figure: its fields with the turn's speaker, in
    the order of `CSV_COLUMNS` (what `figure.model_dump(mode="json")` gives, read directly)."""
    speakers = [turn.speaker for turn in transcript.turns]
    for f in figures:
        yield {
            "turn": f.turn,
            "speaker": speakers[f.turn],
            "start": f.start,
            "end": f.end,
            "text": f.text,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "kind": f.kind,
            "label": f.label,
            "sentence": f.sentence,
        }


def _print_table(transcript: Transcript, figures: list[Figure]) -> None:
    from rich.text import Text

    from tui.cli.output import console as rich_console

    console = rich_console()
    title = transcript.title or transcript.source
    if not figures:
        console.print(Text(f"No figures in {title}."))
        return
    console.print(figures_table(transcript, figures, console.width))


#: The label's narrowest width: wide enough for most labels' longest word, and for a
#: label to read as one.
LABEL_MIN_WIDTH = 20
#: The narrowest the speaker, the figure and (when nothing else fits) the value wrap to.
_WRAPPED_MIN_WIDTH = 10
#: Columns given up, in this order, when the terminal is too narrow for all of them: the
#: kind (the value's unit mostly says it), then the figure as written (the normalised value
#: says the same), then the speaker. The label and the value always stay.
_DROPPED_FIRST = ("Kind", "Figure", "Speaker")


def figures_table(transcript: Transcript, figures: list[Figure], width: int) -> Table:
    """The figures as a Rich table that fits `width` columns.

    The speaker, the figure and the label (what each figure measures) wrap; the label never
    narrows below `LABEL_MIN_WIDTH`. Where even that does not fit, the least useful columns
    are left out (`_DROPPED_FIRST`). The widths are decided here, not left to Rich, whose
    own squeezing gave the label no width at all in 80 columns.
    """
    from rich.table import Table
    from rich.text import Text

    from search_index.figures import format_value

    speakers = [turn.speaker for turn in transcript.turns]
    cells: dict[str, list[str]] = {"Speaker": [], "Figure": [], "Normalised value": []}
    cells.update({"Label": [], "Kind": []})
    previous = None
    for figure in figures:
        speaker = speakers[figure.turn]
        cells["Speaker"].append(speaker if speaker != previous else "")
        cells["Figure"].append(" ".join(figure.text.split()))
        cells["Normalised value"].append(format_value(figure))
        cells["Label"].append(figure.label or "")
        cells["Kind"].append(figure.kind)
        previous = speaker
    widths = column_widths(cells, width)
    title = transcript.title or transcript.source
    count = f"{len(figures)} figure{'' if len(figures) == 1 else 's'}"
    table = Table(title=Text(f"{count} in {title}"), title_justify="left")
    for name, column_width in widths.items():
        table.add_column(
            name,
            width=column_width,
            justify="right" if name == "Normalised value" else "left",
            style={"Speaker": "bold", "Kind": "dim"}.get(name, ""),
        )
    for i in range(len(figures)):
        table.add_row(*(Text(cells[name][i]) for name in widths))
    return table


def column_widths(cells: dict[str, list[str]], width: int) -> dict[str, int]:
    """The columns to show in `width` terminal columns, each with its width.

    Each column starts at its widest cell; while the table is too wide, the widest column
    that may still narrow gives up one character (the label down to `LABEL_MIN_WIDTH`, the
    speaker and the figure to `_WRAPPED_MIN_WIDTH`, the value and the kind not at all). If
    that is not enough, a column is left out (`_DROPPED_FIRST`) and the widths tried again;
    with only the value and the label left, the value wraps too.
    """
    natural = {name: max(len(name), *map(len, column)) for name, column in cells.items()}
    least = {
        "Speaker": min(natural["Speaker"], _WRAPPED_MIN_WIDTH),
        "Figure": min(natural["Figure"], _WRAPPED_MIN_WIDTH),
        "Normalised value": natural["Normalised value"],
        "Label": min(natural["Label"], LABEL_MIN_WIDTH),
        "Kind": natural["Kind"],
    }
    shown = list(cells)
    for dropped in (None, *_DROPPED_FIRST):
        if dropped is not None:
            shown.remove(dropped)
        room = width - (3 * len(shown) + 1)  # "│ " before each column, " │" after the last
        if sum(least[name] for name in shown) <= room:
            break
    else:  # the value and the label alone do not fit: the value wraps as well
        least["Normalised value"] = min(natural["Normalised value"], _WRAPPED_MIN_WIDTH)
    widths = {name: natural[name] for name in shown}
    excess = sum(widths.values()) - max(room, sum(least[name] for name in shown))
    while excess > 0:
        name = max(shown, key=lambda n: widths[n] - least[n])
        widths[name] -= 1
        excess -= 1
    return widths
