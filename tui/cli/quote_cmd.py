"""`pressroom quote TEXT [--index-dir D] [--limit N] [--json]`: did they really say that?"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui.cli.arguments import add_index_dir, positive_number
from tui.cli.inputs import STDIN

#: Exit status when no passage of the library matches the quote (as grep does).
NOT_FOUND = 1


def register(subparsers: Any) -> None:
    """Add the `quote` subcommand."""
    parser = subparsers.add_parser(
        "quote",
        help="check a quote against the indexed transcripts",
        description="Find the passages a quote comes from, even cut short, with words left "
        "out (with or without …), a few words changed or two sentences joined, and show "
        "who said it, where, and every word and figure the quote gives otherwise. Exits "
        "with 1 when no passage matches.",
    )
    parser.add_argument("text", metavar="TEXT", help="the quote, or - to read it from stdin")
    add_index_dir(parser)
    parser.add_argument(
        "--limit",
        type=positive_number,
        default=3,
        metavar="N",
        help="at most N passages (default 3)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(func=run)


def read_quote(text: str) -> str:
    """The quote given, or standard input (decoded whatever its encoding) for `-`."""
    if text != STDIN:
        return text
    from search_index.parser.decoding import decode_bytes

    return decode_bytes(sys.stdin.buffer.read(), name="<stdin>").text


def run(args: argparse.Namespace) -> int:
    """Check the quote and print what was found."""
    from search_index.index import LibraryIndex
    from search_index.quotecheck import QuoteChecker

    quote = read_quote(args.text)
    with LibraryIndex.open(args.index_dir, create=False) as library:
        if library.notice:
            print(f"pressroom: {library.notice}", file=sys.stderr)
        result = QuoteChecker(library).check(quote, limit=args.limit)
    if args.json:
        from tui.cli.output import print_json

        print_json(result.to_json_dict())
    else:
        print_check(result)
    return 0 if result.found else NOT_FOUND


def print_check(result: Any) -> None:
    """The result for a person: each passage with its differences and changed figures."""
    from rich.text import Text

    from tui.cli.output import console as rich_console

    console = rich_console()
    if result.found:
        count = len(result.matches)
        console.print(Text(f"{count} passage{'s' if count != 1 else ''} match", style="bold"))
        for rank, match in enumerate(result.matches, start=1):
            _print_match(console, rank, match)
        return
    why = result.note or f"no passage scores {result.threshold:g} or more"
    console.print(Text(f"Not found: {why}.", style="bold red"))
    if result.nearest:
        console.print(Text("The nearest passages:", style="bold"))
        for rank, match in enumerate(result.nearest, start=1):
            _print_match(console, rank, match)


_SPAN_STYLES = {
    "left out": "underline yellow",
    "changed": "bold reverse red",
    "added": "bold green",
}


def passage_text(match: Any) -> Any:
    """The passage as Rich text: left-out words underlined, changed ones marked, the quote's
    own words in braces where it has them ("{quote: …}")."""
    from rich.text import Text

    from search_index.quotecheck import marked_passage

    text = Text()
    for number, span in enumerate(marked_passage(match)):
        if span.kind == "same":
            text.append(span.text)
        elif span.kind == "added":
            added = f"{{+{span.quote}}} " if number == 0 else f" {{+{span.quote}}}"
            text.append(added, style=_SPAN_STYLES["added"])
        else:
            text.append(span.text, style=_SPAN_STYLES[span.kind])
            if span.kind == "changed":
                text.append(f"{{quote: {span.quote}}}", style=_SPAN_STYLES["added"])
    return text


def _print_match(console: Any, rank: int, match: Any) -> None:
    from rich.padding import Padding
    from rich.text import Text

    head = Text(f"{rank}. score {match.score:g} · ", style="bold")
    head.append(match.speaker, style="bold cyan")
    if match.role:
        head.append(f", {match.role}", style="cyan")
    console.print(head, soft_wrap=True)
    where = [match.title]
    if match.date:
        where.append(match.date.isoformat())
    paragraphs = (
        f"paragraph {match.paragraph}"
        if match.paragraph == match.last_paragraph
        else f"paragraphs {match.paragraph}–{match.last_paragraph}"
    )
    where.append(f"turn {match.turn}, {paragraphs}")
    where.append(match.source_url or match.source)
    console.print(Text("   " + " · ".join(where), style="dim"), soft_wrap=True)
    console.print(Padding(passage_text(match), (0, 0, 0, 3)))
    if match.exact:
        console.print(Text("   the quote gives these words exactly", style="green"))
    for difference in match.differences:
        console.print(Text("   " + difference.describe()), soft_wrap=True)
    for figure in match.figures:
        console.print(Text("   figure — " + figure.describe(), style="bold red"), soft_wrap=True)
