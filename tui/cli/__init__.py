"""The `pressroom` command line: the app by default, JSON-printing subcommands for scripts.

Each subcommand lives in its own module of this package, exposing `register(subparsers)`;
domain modules are imported inside the command functions so that start-up stays quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from search_index.errors import PressroomError
from tui.cli import (
    cite_cmd,
    export_cmd,
    fetch_cmd,
    figures_cmd,
    index_cmd,
    kwic_cmd,
    ledger_cmd,
    open_cmd,
    parse_cmd,
    quote_cmd,
    search_cmd,
    stats_cmd,
)

#: The modules that each add one subcommand, in the order `--help` lists them.
SUBCOMMANDS: tuple[ModuleType, ...] = (
    open_cmd,
    parse_cmd,
    index_cmd,
    fetch_cmd,
    search_cmd,
    cite_cmd,
    quote_cmd,
    ledger_cmd,
    stats_cmd,
    kwic_cmd,
    export_cmd,
    figures_cmd,
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        own = version("pressroom")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        own = "unknown"
    try:
        textual = version("textual")
    except PackageNotFoundError:  # pragma: no cover
        textual = "missing"
    return f"pressroom {own} (Textual {textual})"


class _VersionAction(argparse.Action):
    """`--version`: prints pressroom's and Textual's versions, looked up only when asked
    (reading the installed packages' metadata is a noticeable part of a quick command)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="show program's version number and exit",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        sys.stdout.write(_version() + "\n")
        parser.exit()


def build_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The argument parser, every subcommand registered, and the subcommands' names."""
    parser = argparse.ArgumentParser(
        prog="pressroom",
        description="Read, search and quote press-conference transcripts. "
        "With no command, opens the app on the bundled sample briefing.",
    )
    parser.add_argument("--version", action=_VersionAction)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(subparsers)
    return parser, set(subparsers.choices)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code.

    `pressroom` alone opens the app on the bundled sample; `pressroom PATH…` (no command
    named) is the same as `pressroom open PATH…`.
    """
    from tui.cli.output import output_closed

    try:
        return _run(argv)
    except BrokenPipeError:
        # Output piped into a command that stopped reading (e.g. `| head`).
        return output_closed()


def _run(argv: Sequence[str] | None) -> int:
    parser, commands = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or (not words[0].startswith("-") and words[0] not in commands):
        words = ["open", *words]
    try:
        args = parser.parse_args(words)
    except SystemExit:
        sys.stdout.flush()  # --help or --version: a closed output shows here, not at exit
        raise
    try:
        code: int = args.func(args)
    except PressroomError as error:
        print(f"pressroom: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("pressroom: interrupted", file=sys.stderr)
        return 130
    sys.stdout.flush()  # what is still buffered: a closed output shows here, not at exit
    return code
