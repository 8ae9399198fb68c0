"""`pressroom parse FILE [--json]`: the parsed model of one transcript.

The parser's warnings (what it inferred on weak evidence or could not find) are shown: in the
summary, and with --json on standard error, one `pressroom: warning:` line each, so that the
JSON on standard output stays clean."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add the `parse` subcommand."""
    parser = subparsers.add_parser(
        "parse",
        help="parse a transcript and print its speakers, turns and exchanges",
        description="Parse a transcript file and print a summary, or the whole model as JSON.",
    )
    parser.add_argument(
        "file", help="a transcript file (.txt, .md, .html, .htm), or - for standard input"
    )
    parser.add_argument("--json", action="store_true", help="print the model as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Parse the file and print it."""
    from tui.cli.inputs import read_transcript

    transcript = read_transcript(args.file)
    if args.json:
        import sys

        from search_index.json_text import model_fields
        from tui.cli.output import print_json

        print_json(model_fields(transcript))  # as to_json_dict() gives, streamed
        for warning in transcript.warnings:
            print(f"pressroom: warning: {warning}", file=sys.stderr)
        return 0
    from tui.cli.summary import print_summary

    print_summary(transcript)
    return 0
