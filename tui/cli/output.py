"""Helpers the subcommands share for printing JSON and Rich output."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
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
    """Write `data` as indented UTF-8 JSON to stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


#: Objects serialised per call of pydantic's serializer when a list is streamed.
_CHUNK = 2_000


def stream_json_list(items: Iterable[dict[str, Any]]) -> None:
    """Write a JSON list of flat objects to stdout as `print_json` would, byte for byte, but
    serialised by pydantic's (Rust) serializer a chunk at a time, so that neither the list
    nor its text is ever held whole.

    The one place the two serializers differ, floats below 1e-4 ("1e-05" against
    "0.00001"), is written by `json` for the objects that hold one.
    """
    from pydantic_core import to_json

    out = sys.stdout
    iterator = iter(items)
    first = True
    for chunk in iter(lambda: list(islice(iterator, _CHUNK)), []):
        out.write("[\n" if first else ",\n")
        first = False
        out.write(",\n".join(_objects(chunk, to_json)))
    out.write("[]\n" if first else "\n]\n")


def _objects(chunk: list[dict[str, Any]], to_json: Any) -> Iterator[str]:
    """The objects of `chunk` as `json.dumps(indent=2)` writes them inside a list."""
    if any(_tiny_float(value) for item in chunk for value in item.values()):
        for item in chunk:
            one = json.dumps(item, ensure_ascii=False, indent=2)
            yield "  " + one.replace("\n", "\n  ")
        return
    text: str = to_json(chunk, indent=2).decode("utf-8")
    yield text[2:-2]  # the chunk's own list brackets, "[\n" and "\n]", left out


def _tiny_float(value: object) -> bool:
    return isinstance(value, float) and value != 0.0 and abs(value) < 1e-4
