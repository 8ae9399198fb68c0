"""`pressroom [open [PATH ...]]`: the app, on the bundled sample or on files and folders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from search_index.errors import InputError
from tui.cli.arguments import add_index_dir


def register(subparsers: Any) -> None:
    """Add the `open` subcommand (also what `pressroom` with no command runs)."""
    parser = subparsers.add_parser(
        "open",
        help="open the app (the default command)",
        description="Open the app on transcript files and folders (folders are searched "
        "recursively). With no PATH, opens the bundled sample briefing. New and changed "
        "files are indexed first, with progress shown; the index is reused next time.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="transcript files or folders")
    add_index_dir(parser)
    parser.set_defaults(func=run)


def check_paths(paths: list[str]) -> list[Path]:
    """The paths as `Path`s; InputError naming the first one that does not exist."""
    checked = []
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            raise InputError(f"{raw}: no such file or folder")
        checked.append(path)
    return checked


def run(args: argparse.Namespace) -> int:
    """Run the app until the user quits; returns its exit code."""
    paths = check_paths(list(args.paths))
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError(
            "the app needs a terminal; for scripts use `pressroom parse` or `pressroom cite`"
        )
    from tui.__main__ import make_app

    app = make_app(paths or None, index_dir=args.index_dir)
    app.run()
    return app.return_code or 0
