"""Ways around Whoosh's slow spots when running a query (the query's own are in
`whoosh_query.py`): an exact, single-pass collector and document lengths held in memory.
"""

from __future__ import annotations

from typing import Any


def collect_top(searcher: Any, query: Any, limit: int) -> Any:
    """The top `limit` hits, every match counted.

    Whoosh's default collector skips blocks that cannot reach the top hits and every ten
    hits swaps the matcher for one without the sub-queries that can no longer contribute;
    the total then has to be found by running the query again. Here neither happens: the
    collector scores every match once and its count is exact. (With skipping off but
    swapping on, which is what `optimize=False` gives, Whoosh undercounts OR queries.)
    """
    from whoosh.collectors import TopCollector

    collector = TopCollector(limit=limit, usequality=False, replace=0)
    searcher.search_with_collector(query, collector)
    return collector.results()


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
