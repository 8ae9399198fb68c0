"""What the ledger, stats, kwic and export commands share: inputs and output formats.

Inputs: transcript files or folders given on the command line, or — with none — the
transcripts the index records (`--index-dir`, default as for `pressroom search`).
Outputs: a readable Rich view by default, or an export (`--json`, `--csv`, `--markdown`, or
`--format F`) on standard output or into a file (`--output FILE`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tui.cli.arguments import add_index_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from search_index.figures.models import Figure
    from search_index.insights.export import ExportFormat, Report
    from search_index.library import LibraryLoad
    from search_index.models import Transcript


def add_library_arguments(parser: argparse.ArgumentParser) -> None:
    """PATH... and --index-dir."""
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[],  # with a default, argparse no longer lists PATH as required
        metavar="PATH",
        help="transcript files or folders (default: the transcripts in the index)",
    )
    add_index_dir(
        parser,
        help="the index whose transcripts to use when no PATH is given "
        "(default: $PRESSROOM_INDEX_DIR or the user data folder)",
    )


def add_format_arguments(parser: argparse.ArgumentParser) -> None:
    """--json / --csv / --markdown / --format F, and --output FILE."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--format",
        dest="format",
        metavar="F",
        help="export as json, csv or markdown instead of showing a table",
    )
    for name in ("json", "csv", "markdown"):
        group.add_argument(
            f"--{name}",
            dest="format",
            action="store_const",
            const=name,
            help=f"same as --format {name}",
        )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the export to FILE (or into the folder FILE) instead of standard output",
    )


def export_format(args: argparse.Namespace) -> ExportFormat | None:
    """The export format asked for (json when only --output was given), or None."""
    from search_index.insights.export import check_format

    if args.format is not None:
        return check_format(args.format)
    if args.output is not None:
        suffix = Path(args.output).suffix.lower()
        return check_format({".csv": "csv", ".md": "markdown"}.get(suffix, "json"))
    return None


def note(message: str) -> None:
    """One line for the user on standard error (file names in it shown safely)."""
    from search_index.controls import without_controls

    print(f"pressroom: {without_controls(message)}", file=sys.stderr)


def load_transcripts(args: argparse.Namespace) -> list[Transcript]:
    """The transcripts under args.paths, or those the index records when no path is given
    (see `load_library_of`)."""
    return load_library_of(args).transcripts


def load_library_of(
    args: argparse.Namespace,
    figures: bool = False,
    kept: Literal["stats", "figures"] | None = None,
) -> LibraryLoad:
    """The transcripts under args.paths, or those the index records when no path is given;
    with `figures`, each transcript's figures too; with `kept` ("stats" or "figures"),
    what the index keeps of a file (`ParsedLookup.stats`, `ParsedLookup.figures`) instead
    of its transcript, where it keeps it (in `LibraryLoad.kept`).

    Files the index holds are loaded as they were parsed when indexed (`ParsedLookup`).
    Files that cannot be read are reported on standard error and left out; InputError
    when nothing at all can be read.
    """
    from search_index.errors import InputError
    from search_index.index.parsed import ParsedLookup
    from search_index.library import load_library

    paths: list[Path] = list(args.paths)
    lookup = ParsedLookup.of_index(args.index_dir)
    where: str
    if paths:
        where = ", ".join(str(p) for p in paths)
    else:
        known = lookup.sources() if lookup is not None else None
        if known is not None and lookup is not None:
            paths, where = known, f"the index at {lookup.index_dir}"
        else:
            paths, where = _open_index_sources(args)
            lookup = ParsedLookup.of_index(args.index_dir)
        if not paths:
            raise InputError(
                f"{where} holds no transcripts: "
                "add some with `pressroom index PATH` or name files to read"
            )
    for path in args.paths:
        if not Path(path).expanduser().exists():
            raise InputError(f"{path}: no such file or folder")
    reader = getattr(lookup, kept) if kept is not None and lookup is not None else None
    loaded = load_library(paths, parsed=lookup, figures=figures, kept=reader)
    if not loaded.transcripts and not loaded.kept:
        if len(loaded.skipped) == 1:
            path, reason = loaded.skipped[0]
            raise InputError(f"{path}: {reason}")
        raise InputError(
            f"no transcript could be read from {where}"
            + (f" ({len(loaded.skipped)} files skipped)" if loaded.skipped else "")
        )
    for path, reason in loaded.skipped:
        note(f"skipped {path}: {reason}")
    return loaded


def _open_index_sources(args: argparse.Namespace) -> tuple[list[Path], str]:
    """The sources of the index, opened (and repaired if need be, which is said)."""
    from search_index.index import LibraryIndex

    with LibraryIndex.open(args.index_dir, create=False) as index:
        if index.notice:
            note(index.notice)
        return index.sources(), f"the index at {index.index_dir}"


def figures_source(loaded: LibraryLoad) -> Callable[[Transcript], Iterable[Figure]]:
    """A ledger's source of figures: those loaded with the library, else extracted."""
    from search_index.figures import figures_of_transcript

    def figures_of(transcript: Transcript) -> Iterable[Figure]:
        found = loaded.figures.get(transcript.id)
        return found if found is not None else figures_of_transcript(transcript)

    return figures_of


def emit(report: Report, fmt: ExportFormat, args: argparse.Namespace) -> int:
    """Print the report in `fmt`, or write it to --output and say where."""
    from search_index.insights.export import render_to, write_report

    if args.output is None:
        render_to(report, fmt, sys.stdout)
        return 0
    path = write_report(report, fmt, args.output)
    rows = sum(len(table.rows) for table in report.tables)
    from search_index.controls import shown_path

    print(f"wrote {report.kind} ({fmt}, {rows} rows) to {shown_path(path)}")
    return 0


def positive_width(value: str) -> int:
    """argparse type: a context width between 5 and 500."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 5 <= number <= 500:
        raise argparse.ArgumentTypeError("must be between 5 and 500")
    return number


def console() -> Any:
    """A Rich console on standard output."""
    from tui.cli.output import console as rich_console

    return rich_console()
