"""Helpers the subcommands share for printing JSON and Rich output. JSON is written as
`json.dumps(indent=2)` writes it, made by pydantic's serializer and streamed
(`search_index.json_text`)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def console(*, stderr: bool = False) -> Console:
    """A Rich console on standard output (or error) for the subcommands' tables and text.

    When the reader of its stream has gone (`pressroom … | head`), Rich's own console would
    exit with status 1; this one raises the `BrokenPipeError`, which `main` ends quietly
    as it does for every other way of writing.
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console(stderr=stderr)


#: Lines of a streamed renderable written per write (a few hundred table rows).
_LINES_PER_WRITE = 500


def print_streamed(console: Console, renderable: RenderableType) -> None:
    """`console.print(renderable)`, byte for byte, written a few hundred lines at a time.

    One print lays out the whole renderable and holds all of it before writing anything:
    a table of thousands of rows showed nothing for seconds and kept every row's segments
    in memory, and a reader that stops early (`| head`) still waited for all of it. Rich
    renders a table row by row once its column widths are measured, so the lines are
    passed on as they come.
    """
    from rich.segment import Segments

    options = console.options.update(
        justify=None, overflow=None, no_wrap=None, highlight=None, markup=None, height=None
    )
    batch: list[Any] = []
    lines = 0
    for segment in console.render(renderable, options):
        batch.append(segment)
        if segment.text.endswith("\n"):
            lines += 1
            if lines == _LINES_PER_WRITE:
                console.print(Segments(batch))
                batch, lines = [], 0
    if batch:
        console.print(Segments(batch))


def output_closed() -> int:
    """End quietly after the reader of standard output (or error) has gone (`… | head`),
    with no message and exit status 0: both streams are pointed at the null device, so that
    neither the text still buffered nor the interpreter's flush at exit raises again.
    Returns that status."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in (sys.stdout, sys.stderr):
            # A stream with no descriptor (a test's capture) has nothing to flush at exit.
            with contextlib.suppress(AttributeError, OSError, ValueError):
                os.dup2(devnull, stream.fileno())
    finally:
        os.close(devnull)
    return 0


def print_json(data: Any) -> None:
    """Write `data` as indented UTF-8 JSON to stdout, long lists a chunk at a time."""
    from search_index.json_text import write_json

    write_json(data, sys.stdout)
    sys.stdout.write("\n")


def stream_json_list(items: Iterable[Any]) -> None:
    """Write a JSON list to stdout as `print_json` would, byte for byte, taking the items a
    chunk at a time, so that neither the list nor its text is ever held whole."""
    from search_index.json_text import write_json_list

    write_json_list(items, sys.stdout)
    sys.stdout.write("\n")
