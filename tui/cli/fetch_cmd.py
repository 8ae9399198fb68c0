"""`pressroom fetch URL... [--into FOLDER] [--follow PATTERN] [--since DATE]`: from the web."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from search_index.errors import InputError
from tui.cli.arguments import add_index_dir


def register(subparsers: Any) -> None:
    """Add the `fetch` subcommand."""
    parser = subparsers.add_parser(
        "fetch",
        help="download briefing pages from the web into the library and index them",
        description="Download transcript pages, keep each page's HTML exactly as served with "
        "its web address (which citations then name), and index them. With --follow, each "
        "URL is a listing page: every linked page whose address matches PATTERN is fetched, "
        "newest first, stopping at --since. Polite: robots.txt is honoured, one request at a "
        "time per host with a pause between them, and a second run skips unchanged pages.",
    )
    parser.add_argument("urls", nargs="+", metavar="URL", help="a page, or a listing page")
    parser.add_argument(
        "--into",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="where pages are kept (default: $PRESSROOM_LIBRARY_DIR or a library folder in "
        "the user data folder)",
    )
    parser.add_argument(
        "--follow",
        default=None,
        metavar="PATTERN",
        help="treat each URL as a listing and fetch the links whose address matches this "
        "regular expression (a plain piece of the address works too)",
    )
    parser.add_argument(
        "--since",
        type=iso_date,
        default=None,
        metavar="DATE",
        help="skip briefings dated before DATE (YYYY-MM-DD); with --follow, stop there",
    )
    parser.add_argument(
        "--delay",
        type=seconds,
        default=1.0,
        metavar="SECONDS",
        help="pause between two requests to the same host (default 1; retries wait "
        "longer each time, or as long as the server asks)",
    )
    add_index_dir(parser)
    parser.set_defaults(func=run)


def iso_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def seconds(text: str) -> float:
    """A number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def check_urls(urls: list[str]) -> list[str]:
    """The URLs as given; InputError naming the first that is not an http(s) address."""
    from urllib.parse import urlsplit

    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise InputError(f"{url!r} is not a web address (http:// or https://)")
    return urls


def run(args: argparse.Namespace) -> int:
    """Fetch, keep, index; print what happened."""
    from search_index.webfetch import (
        FetchPolicy,
        PoliteClient,
        compile_pattern,
        default_library_dir,
        fetch_pages,
    )
    from tui.cli.output import console

    urls = check_urls(list(args.urls))
    follow = compile_pattern(args.follow) if args.follow is not None else None
    into = (args.into or default_library_dir()).expanduser()
    if into.exists() and not into.is_dir():
        raise InputError(f"{into} is not a folder")
    err = console(stderr=True)
    out = console()
    cancel = threading.Event()
    with PoliteClient(FetchPolicy(delay=args.delay)) as client, _interruptible(cancel, err):
        report = _with_progress(
            err,
            lambda progress: fetch_pages(
                urls,
                into,
                client=client,
                follow=follow,
                since=args.since,
                progress=progress,
                cancel=cancel,
            ),
        )
    _print_report(out, report, into)
    if into.is_dir() and any(page.path for page in report.pages):
        _index(into, args.index_dir, out, err)
    return 0 if not report.failed else 1


class _interruptible:
    """First Ctrl-C: finish the current page, then index what was fetched. Second: abort."""

    def __init__(self, cancel: threading.Event, err: Any) -> None:
        self.cancel = cancel
        self.err = err
        self.previous: Any = None

    def __enter__(self) -> None:
        def on_interrupt(signum: int, frame: FrameType | None) -> None:
            if self.cancel.is_set():
                raise KeyboardInterrupt
            self.cancel.set()
            self.err.print("pressroom: stopping after the current page (Ctrl-C again to abort)")

        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, on_interrupt)

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def _with_progress(err: Any, work: Any) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("[bold]fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[current]}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,  # a bar is for a terminal, not a script's log
    )
    task = progress.add_task("fetch", total=None, current="")

    def report(step: Any) -> None:
        progress.update(task, total=step.total or None, completed=step.done, current=step.url[-60:])
        if step.result is not None and step.result.outcome in {"failed", "skipped"}:
            progress.console.print(
                f"{step.result.outcome}: {step.url} — {step.result.reason}",
                markup=False,
                highlight=False,
                style="yellow" if step.result.outcome == "skipped" else "red",
            )

    with progress:
        return work(report)


def _print_report(out: Any, report: Any, into: Path) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Fetched into {into}", title_justify="left")
    table.add_column("outcome")
    table.add_column("page", overflow="fold")
    table.add_column("detail", overflow="fold")
    for page in report.listings:
        table.add_row(Text("failed", style="red"), page.url, page.reason)
    styles = {"fetched": "green", "updated": "green", "unchanged": "", "skipped": "yellow"}
    for page in report.pages:
        if page.outcome in {"fetched", "updated"}:
            detail = " · ".join(
                part for part in (page.title, page.date.isoformat() if page.date else None) if part
            )
        else:
            detail = page.reason
        table.add_row(Text(page.outcome, style=styles.get(page.outcome, "red")), page.url, detail)
    if report.pages or report.listings:
        out.print(table)
    out.print(Text(report.summary(), style="bold"), soft_wrap=True)


def _index(into: Path, index_dir: Path | None, out: Any, err: Any) -> None:
    from search_index.index import LibraryIndex

    with LibraryIndex.open(index_dir) as library:
        if library.notice:
            err.print(f"pressroom: {library.notice}", markup=False, highlight=False)
        report = library.update([into])
        turns = library.turn_count
    out.print(f"index: {report.summary()}; it holds {turns} turns", markup=False, highlight=False)
    for path, reason in report.skipped:
        out.print(f"not indexed {path}: {reason}", markup=False, highlight=False, style="dim")
