"""Argument types and options several subcommands share."""

from __future__ import annotations

import argparse
from pathlib import Path

INDEX_DIR_HELP = "the index folder (default: $PRESSROOM_INDEX_DIR or the user data folder)"


def whole_number(text: str) -> int:
    """A whole number of 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def positive_number(text: str) -> int:
    """A whole number of 1 or more (limits, counts)."""
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def seconds(text: str) -> float:
    """A positive number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def add_index_dir(parser: argparse.ArgumentParser, help: str = INDEX_DIR_HELP) -> None:
    """The `--index-dir D` option."""
    parser.add_argument("--index-dir", type=Path, default=None, metavar="D", help=help)
