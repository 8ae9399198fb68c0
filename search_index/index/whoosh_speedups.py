"""Ways around Whoosh's slow spots when running a query (the query's own are in
`whoosh_query.py`): an exact, single-pass collector with a time budget, and document
lengths held in memory.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

from whoosh.collectors import TopCollector

#: When the running search (in this thread) must stop, on the monotonic clock.
_DEADLINE: ContextVar[float | None] = ContextVar("pressroom_search_deadline", default=None)
#: How many matches are collected between two looks at the clock.
_CHECK_EVERY = 512


class OutOfTime(Exception):
    """The search's time budget is spent."""


def check_deadline() -> None:
    """Raise OutOfTime if the running search is past its deadline (for long loops)."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() >= deadline:
        raise OutOfTime


def collect_top(searcher: Any, query: Any, limit: int, budget: float | None) -> tuple[Any, bool]:
    """The top `limit` hits, every match counted; and whether the budget ran out first.

    Whoosh's default collector skips blocks that cannot reach the top hits and every ten
    hits swaps the matcher for one without the sub-queries that can no longer contribute;
    the total then has to be found by running the query again. Here neither happens: the
    collector scores every match once and its count is exact. (With skipping off but
    swapping on, which is what `optimize=False` gives, Whoosh undercounts OR queries.)

    With a `budget` (seconds), the search stops once it is spent and the hits are the best
    of the turns looked at so far, the total a count of those.
    """
    collector = _BudgetedTop(limit=limit, usequality=False, replace=0)
    token = _DEADLINE.set(None if budget is None else time.monotonic() + budget)
    partial = False
    try:
        searcher.search_with_collector(query, collector)
    except OutOfTime:
        partial = True
    finally:
        _DEADLINE.reset(token)
    return collector.results(), partial


class _BudgetedTop(TopCollector):  # type: ignore[misc]
    """A TopCollector that looks at the clock now and then (see collect_top)."""

    def set_subsearcher(self, subsearcher: Any, offset: int) -> None:
        check_deadline()
        super().set_subsearcher(subsearcher, offset)

    def collect_matches(self) -> None:
        collect = self.collect
        for count, sub_docnum in enumerate(self.matches(), start=1):
            collect(sub_docnum)
            if count % _CHECK_EVERY == 0:
                check_deadline()


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
