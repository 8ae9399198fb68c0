"""`pressroom cite FILE --turn N [--paragraph K] [--format plain|markdown]`: quote a turn."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from search_index.errors import InputError
from tui.cli.arguments import add_index_dir, whole_number


def register(subparsers: Any) -> None:
    """Add the `cite` subcommand."""
    parser = subparsers.add_parser(
        "cite",
        help="print a turn (or one of its paragraphs) with its citation",
        description="Quote a turn of a transcript, or one paragraph of it, with who said it, "
        "at which event, where, when, and where it is in the file. Turns and paragraphs "
        "are numbered from 1, as citations and the app show them (`pressroom parse --json` "
        "keeps the 0-based index: turn N is the one with index N-1).",
    )
    parser.add_argument("file", help="a transcript file, or - for standard input")
    parser.add_argument(
        "--turn", type=whole_number, required=True, metavar="N", help="turn number (from 1)"
    )
    parser.add_argument(
        "--paragraph",
        type=whole_number,
        default=None,
        metavar="K",
        help="paragraph of the turn (from 1)",
    )
    parser.add_argument(
        "--format",
        choices=("plain", "markdown"),
        default=None,
        help="citation form (default: the one last chosen in the app, else plain)",
    )
    add_index_dir(
        parser,
        help="the index to load an indexed file from as it was parsed (default: "
        "$PRESSROOM_INDEX_DIR or the user data folder); a file it does not hold is parsed",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the citation."""
    from search_index.citation import check_format, cite_turn
    from search_index.settings import load_settings
    from tui.cli.inputs import read_indexed_transcript

    fmt = check_format(args.format) if args.format else load_settings().citation_format
    if args.paragraph == 0:
        raise InputError("paragraphs are numbered from 1")
    transcript = read_indexed_transcript(args.file, args.index_dir)
    sys.stdout.write(cite_turn(transcript, args.turn, args.paragraph, fmt) + "\n")
    return 0
