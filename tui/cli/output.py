"""Helpers the subcommands share for printing JSON and Rich output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any


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
