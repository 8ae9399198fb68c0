"""The time budget of a running search, and document lengths held in memory: what every
part of running a query on Whoosh uses (the query's own speed-ups are in `whoosh_query.py`,
the collection of the top hits in `whoosh_collect.py`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

#: When the running search (in this thread) must stop, on the monotonic clock.
_DEADLINE: ContextVar[float | None] = ContextVar("pressroom_search_deadline", default=None)


class OutOfTime(Exception):
    """The search's time budget is spent."""


def check_deadline() -> None:
    """Raise OutOfTime if the running search is past its deadline (for long loops)."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() >= deadline:
        raise OutOfTime


@contextmanager
def deadline(budget: float | None) -> Iterator[None]:
    """Within the block, `check_deadline` raises OutOfTime once `budget` seconds are spent."""
    token = _DEADLINE.set(None if budget is None else time.monotonic() + budget)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def length_bytes(reader: Any, field: str) -> bytes | None:
    """The length bytes of a field in one segment, if `preload_lengths` read them."""
    try:
        column = reader._perdoc._readers.get(f"_{field}_len")
    except AttributeError:
        return None
    if isinstance(column, _Lengths) and column._count >= column._doccount:
        return column._raw
    return None


def preload_lengths(searcher: Any, field: str) -> None:
    """Read a field's per-document lengths into memory, once per searcher.

    BM25F needs each scored document's length; Whoosh reads it from the column file with a
    seek and a read per document, a tenth of a query's time. The column is one byte per
    document, so it is read whole instead. Private Whoosh structures: on any surprise,
    leave things as they are.
    """
    try:
        for leaf, _offset in searcher.reader().leaf_readers():
            perdoc = leaf._perdoc
            name = f"_{field}_len"
            column = perdoc._cached_reader(name, _lengths_column())
            if column is None or not hasattr(column, "_dbfile"):
                continue
            raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
            if column._fixedlen == 1 and len(raw) == column._count:
                perdoc._readers[name] = _Lengths(raw, column._doccount)
    except Exception:  # pragma: no cover - a Whoosh internals change; stay correct
        return


def _lengths_column() -> Any:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    return LENGTHS_COLUMN


class _Lengths:
    """A length column held in memory: byte per document, 0 past the end."""

    def __init__(self, raw: bytes, doccount: int) -> None:
        self._raw = raw
        self._count = len(raw)
        self._doccount = doccount

    def __getitem__(self, docnum: int) -> int:
        return self._raw[docnum] if docnum < self._count else 0

    def __len__(self) -> int:
        return self._doccount
