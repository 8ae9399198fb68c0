"""The `pressroom` command line: the app by default, JSON-printing subcommands for scripts.

Each subcommand lives in its own module of this package, exposing `register(subparsers)`;
domain modules are imported inside the command functions so that start-up stays quick.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from search_index.errors import PressroomError

#: Modules of this package that each add one subcommand, in the order `--help` lists them.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "open_cmd",
    "parse_cmd",
    "index_cmd",
    "search_cmd",
    "cite_cmd",
    "ledger_cmd",
    "stats_cmd",
    "kwic_cmd",
    "export_cmd",
    "figures_cmd",
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="pressroom",
        description="Read, search and quote press-conference transcripts. "
        "With no command, opens the app on the bundled sample briefing.",
    )
    parser.add_argument("--version", action="version", version=_version())
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["open", *([] if argv is None else argv)])
    try:
        code: int = args.func(args)
    except PressroomError as error:
        print(f"pressroom: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("pressroom: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into a command that stopped reading (e.g. `| head`).
        sys.stderr.close()
        return 0
    return code
