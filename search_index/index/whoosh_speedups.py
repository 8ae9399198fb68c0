"""Ways around Whoosh's slow spots when running a query (the query's own are in
`whoosh_query.py`): an exact, single-pass collection of the top hits with a time budget,
and document lengths held in memory.
"""

from __future__ import annotations

import heapq
import time
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import chain
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


def collect_top(
    searcher: Any, query: Any, limit: int, budget: float | None
) -> tuple[list[tuple[float, int]], int, bool]:
    """The top `limit` hits as (score, document number), best first; how many turns match;
    and whether the budget ran out first.

    Every match is scored once and counted, so the total is exact. (Whoosh's default
    collector skips blocks that cannot reach the top hits and every ten hits swaps the
    matcher for one without the sub-queries that can no longer contribute; the total then
    has to be found by running the query again, and with skipping off but swapping on it
    undercounts OR queries.) Each segment's matcher tree is Whoosh's own, evaluated in bulk
    (`whoosh_bulk.py`); the hits, their order (score, then index order) and their scores
    are what Whoosh's TopCollector gives.

    With a `budget` (seconds), the search stops once it is spent and the hits are the best
    of the segments looked at so far, the total a count of those.
    """
    from search_index.index.whoosh_bulk import match_scores

    best: list[tuple[float, int]] = []
    total = 0
    partial = False
    context = searcher.context()
    with deadline(budget):
        try:
            for subsearcher, offset in searcher.leaf_searchers():
                check_deadline()
                found = match_scores(query.matcher(subsearcher, context), subsearcher.reader())
                total += len(found)
                best = heapq.nlargest(limit, chain(best, _contenders(found, offset, limit)))
        except OutOfTime:
            partial = True
    return [(score, -negated) for score, negated in best], total, partial


def _contenders(found: dict[int, float], offset: int, limit: int) -> list[tuple[float, int]]:
    """The matches of one segment that may be among the top `limit`, as (score, -document
    number): Whoosh's TopCollector orders by score, then the earlier turn first.

    Only the scores are ranked to find the `limit`-th best; the matches scoring at least
    that (ties included) are the contenders, instead of a tuple made and ranked for each.
    """
    threshold = heapq.nlargest(limit, found.values())[-1] if len(found) > limit else None
    if threshold is None:
        return [(score, -(doc + offset)) for doc, score in found.items()]
    return [(score, -(doc + offset)) for doc, score in found.items() if score >= threshold]


def stored_fields(searcher: Any, docnums: list[int]) -> list[dict[str, Any]]:
    """The stored fields of each document, read from its segment's own store.

    Whoosh's `stored_fields` also looks each stored name up in the schema (to drop fields
    a schema change removed: this index's schema has its own version and is rebuilt
    instead), a tenth of a millisecond per hit.
    """
    leaves = searcher.reader().leaf_readers()
    if len(leaves) == 1 and leaves[0][1] == 0:
        stored = leaves[0][0]._perdoc.stored_fields
        return [stored(docnum) for docnum in docnums]
    offsets = [offset for _leaf, offset in leaves]
    found = []
    for docnum in docnums:
        leaf, offset = leaves[bisect_right(offsets, docnum) - 1]
        found.append(leaf._perdoc.stored_fields(docnum - offset))
    return found


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
