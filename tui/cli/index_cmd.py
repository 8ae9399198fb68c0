"""`pressroom index PATH... [--index-dir D]`: add files and folders to the search index."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from tui.cli.arguments import add_index_dir


def register(subparsers: Any) -> None:
    """Add the `index` subcommand."""
    parser = subparsers.add_parser(
        "index",
        help="add transcripts (files or folders) to the search index, or refresh it",
        description="Index transcript files and folders (searched recursively for .txt, .md, "
        ".html and .htm files) for `pressroom search` and the app. Only new and changed "
        "files are read; files that disappeared are dropped. With no PATH, re-checks every "
        "file and folder indexed before.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a transcript file or folder, or - to read one transcript from standard input",
    )
    add_index_dir(parser)
    parser.add_argument(
        "--wait",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="how long to wait for another `pressroom index` to finish (default 30)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Update the index and print what changed."""
    from rich.text import Text

    from search_index.controls import shown_path, without_controls
    from search_index.errors import InputError
    from search_index.index import LibraryIndex
    from search_index.parser.decoding import read_stream
    from tui.cli.inputs import STDIN, STDIN_SOURCE
    from tui.cli.output import console

    piped = STDIN in args.paths
    paths = [Path(p) for p in args.paths if p != STDIN]
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
    data = read_stream(sys.stdin.buffer, STDIN_SOURCE) if piped else b""
    err = console(stderr=True)
    out = console()
    with LibraryIndex.open(args.index_dir, lock_timeout=args.wait) as library:
        if library.notice:
            err.print(Text(f"pressroom: {without_controls(library.notice)}"), highlight=False)
        if piped:
            from search_index.library import save_piped_transcript

            kept = save_piped_transcript(data, library.index_dir)
            err.print(
                Text(f"pressroom: standard input kept as {shown_path(kept)}"), highlight=False
            )
            paths.append(kept)
        if not paths:
            paths = library.roots()
            if not paths and library.sources():
                # The list of folders was lost with the manifest; the index still knows
                # its files (update re-checks every known file, with or without paths).
                err.print(
                    f"pressroom: note: the index no longer knows which files and folders it "
                    f"was given; re-checking the {len(library.sources())} file(s) it holds "
                    "(name the folders again to pick up new files)",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
            elif not paths:
                raise InputError(
                    "nothing to index: give transcript files or folders (pressroom index PATH…)"
                )
        cancel = threading.Event()
        report = _update_with_progress(library, paths, cancel, err, args.wait)
        turns = library.turn_count
        sources = len(library.sources())
    _print_report(out, report, turns, sources, library.index_dir)
    return 0


def _update_with_progress(
    library: Any, paths: list[Path], cancel: threading.Event, err: Any, wait: float
) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from search_index.controls import shown_path
    from search_index.index import IndexProgress

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        if cancel.is_set():
            raise KeyboardInterrupt
        cancel.set()
        err.print("pressroom: stopping after the current file (Ctrl-C again to abort)")

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, on_interrupt)
    progress = Progress(
        TextColumn("[bold]indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[turns]} turns · {task.fields[current]}", markup=False),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,  # a bar is for a terminal, not a script's log
    )
    task = progress.add_task("index", total=None, turns=0, current="")

    def report(step: IndexProgress) -> None:
        name = shown_path(step.current.name) if step.current is not None else ""
        progress.update(
            task,
            total=step.files_total or None,
            completed=step.files_done,
            turns=step.turns_done,
            current=name[:40],
        )

    try:
        with progress:
            return library.update(paths, progress=report, cancel=cancel, lock_timeout=wait)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _print_report(out: Any, report: Any, turns: int, sources: int, index_dir: Path) -> None:
    from rich.table import Table
    from rich.text import Text

    from search_index.controls import shown_path

    if report.rebuilt_message:
        out.print(Text(f"note: {report.rebuilt_message}", style="yellow"), soft_wrap=True)
    table = Table(title=Text(f"Index {shown_path(index_dir)}"), title_justify="left")
    table.add_column("outcome")
    table.add_column("files", justify="right")
    table.add_column("examples", overflow="fold")
    rows = [
        ("added", report.added),
        ("updated", report.updated),
        ("removed", report.removed),
        ("unchanged", report.unchanged),
    ]
    for label, files in rows:
        table.add_row(label, str(len(files)), Text(_examples(files)))
    skipped = Text(_examples([p for p, _ in report.skipped]))
    table.add_row("skipped", str(len(report.skipped)), skipped)
    out.print(table)
    for path, reason in report.skipped:
        out.print(Text(f"skipped {shown_path(path)}: {reason}", style="dim"), soft_wrap=True)
    line = report.summary()
    if report.changed:
        line += f" — {report.turns_indexed} turns written in {report.seconds:.1f} s"
    out.print(Text(line, style="bold"), soft_wrap=True)
    out.print(
        Text(f"the index holds {turns} turns from {sources} transcript file(s)"), soft_wrap=True
    )


def _examples(files: Any, count: int = 3) -> str:
    from search_index.controls import shown_path

    names = [shown_path(Path(f).name) for f in files[:count]]
    more = len(files) - count
    return ", ".join(names) + (f" (+{more} more)" if more > 0 else "")
