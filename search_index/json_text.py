"""JSON text exactly as `json.dumps(data, ensure_ascii=False, indent=2)` writes it, made by
pydantic's serializer (Rust) and streamed a piece at a time for long lists.

Python's `json` module falls back to its pure-Python encoder whenever it indents, which
makes big outputs slow and holds their whole text. pydantic_core's `to_json` writes the
same bytes for the data pressroom outputs (strings, whole numbers, floats, booleans, null,
lists, objects, and pydantic models as `model_dump(mode="json")` gives them) with one
exception: a float whose magnitude is below 1e-4, which Python writes as "1e-05" or
"2.5e-07" and pydantic as "0.00001" or "2.5e-7". A piece whose text holds "0.0000" or a
digit, "e-" and a digit (such a float, or a string that merely looks like one) is
therefore written by `json` instead; so is a piece pydantic refuses (a lone surrogate in a
string). Only that piece: the rest of a streamed list stays fast.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from pydantic import BaseModel

#: Items of a list serialised per call of pydantic's serializer when a list is streamed.
CHUNK = 2_000
#: A list longer than this is streamed rather than serialised whole.
STREAM_FROM = CHUNK
#: Where pydantic's text may differ from Python's: a float below 1e-4 (see above).
_MAY_DIFFER = re.compile(r"0\.0000|[0-9]e-[0-9]")
_EXPONENT = re.compile(r"e-[0-9]")
_DIGITS = frozenset("0123456789")


def json_text(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)` (models as their JSON dump), made
    by pydantic's serializer."""
    from pydantic_core import PydanticSerializationError, to_json

    try:
        text: str = to_json(data, indent=2).decode("utf-8")
    except (PydanticSerializationError, UnicodeDecodeError, ValueError):
        return _python_text(data)
    if _may_differ(text):
        return _python_text(data)
    return text


def _may_differ(text: str) -> bool:
    """True when `_MAY_DIFFER` finds something in the text. Searched as "0.0000", then "e-"
    and a digit with a digit before it: a pattern that opens with a literal is found by a
    fast scan, while `_MAY_DIFFER` is tried at every digit of the text (on a long output,
    more time than serialising it)."""
    if "0.0000" in text:
        return True
    return any(
        match.start() and text[match.start() - 1] in _DIGITS for match in _EXPONENT.finditer(text)
    )


def _python_text(data: Any) -> str:
    from pydantic_core import to_jsonable_python

    return json.dumps(to_jsonable_python(data), ensure_ascii=False, indent=2)


def model_fields(model: BaseModel) -> dict[str, Any]:
    """The top-level fields of `model` by name, values as they are (models, tuples…): what
    `model_dump(mode="json")` holds once written, without converting the whole model to
    Python dicts first (so that a long list in it can be streamed)."""
    return {name: getattr(model, name) for name in type(model).model_fields}


def write_json(data: Any, out: TextIO) -> None:
    """Write `data` as `json_text` would, followed by nothing (no newline): objects are
    written key by key and long lists a chunk at a time, so neither the whole text nor a
    second copy of the data is ever held. An iterator in `data` is written as a list, its
    items taken a chunk at a time."""
    for piece in _pieces(data, 0):
        out.write(piece)


def write_json_list(items: Iterable[Any], out: TextIO) -> None:
    """Write the items as `json_text(list(items))` would, followed by nothing, taking them
    from the iterable a chunk at a time (the list is never held whole)."""
    for piece in _list_pieces(items, 0):
        out.write(piece)


def dumps(data: Any) -> str:
    """`write_json` into a string."""
    buffer = io.StringIO()
    write_json(data, buffer)
    return buffer.getvalue()


def _indented(text: str, depth: int) -> str:
    # JSON text holds no raw line break inside a string: every "\n" starts a line.
    return text.replace("\n", "\n" + "  " * depth) if depth else text


def _pieces(data: Any, depth: int) -> Iterator[str]:
    if isinstance(data, dict) and data and all(isinstance(key, str) for key in data):
        pad = "  " * (depth + 1)
        opener = "{\n"
        for key, value in data.items():
            yield f"{opener}{pad}{json.dumps(key, ensure_ascii=False)}: "
            yield from _pieces(value, depth + 1)
            opener = ",\n"
        yield "\n" + "  " * depth + "}"
    elif (isinstance(data, list | tuple) and len(data) > STREAM_FROM) or isinstance(data, Iterator):
        yield from _list_pieces(data, depth)
    else:
        yield _indented(json_text(data), depth)


def _list_pieces(items: Iterable[Any], depth: int) -> Iterator[str]:
    iterator = iter(items)
    pad = "  " * depth
    opener = "[\n"
    for chunk in iter(lambda: list(islice(iterator, CHUNK)), []):
        # The chunk's own brackets ("[\n" and "\n]") are left out; its items sit one level
        # in, as they do in the whole list.
        text = json_text(chunk)
        yield opener + pad + _indented(text[2:-2], depth)
        opener = ",\n"
    yield "[]" if opener == "[\n" else "\n" + pad + "]"
