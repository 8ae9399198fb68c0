"""Full-text search over a library of transcripts (all Whoosh use lives in this package).

Public API::

    default_index_dir() -> Path
    LibraryIndex.open(index_dir=None) -> LibraryIndex
    LibraryIndex.update(paths, progress=None, cancel=None) -> IndexReport
    LibraryIndex.search(query, limit=100, snippets=20, *, time_limit=10.0) -> SearchResults
    LibraryIndex.candidates(text, terms=10, limit=40) -> list[CandidateTurn]
    LibraryIndex.sources() -> list[Path]; close(); context manager
    match_spans(query, text) -> list[tuple[int, int]]

Importing this package does not import Whoosh; opening an index does. docs/search.md maps
its modules by job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from search_index.lazy_exports import lazy_getattr

if TYPE_CHECKING:
    from search_index.index.candidates import CandidateTurn
    from search_index.index.highlight import match_spans
    from search_index.index.hits import IndexProgress, IndexReport, SearchHit, SearchResults
    from search_index.index.paths import INDEX_DIR_ENV, default_index_dir
    from search_index.index.query import parse_query
    from search_index.index.store import LibraryIndex

#: Where each name of the public API lives. They are imported when first asked for, so
#: that importing one module of the package (`parsed.py`, as the app's library reader
#: does before its first briefing) does not import the search machinery.
_HOMES = {
    "CandidateTurn": "candidates",
    "match_spans": "highlight",
    "IndexProgress": "hits",
    "IndexReport": "hits",
    "SearchHit": "hits",
    "SearchResults": "hits",
    "INDEX_DIR_ENV": "paths",
    "default_index_dir": "paths",
    "parse_query": "query",
    "LibraryIndex": "store",
}

__all__ = [
    "INDEX_DIR_ENV",
    "CandidateTurn",
    "IndexProgress",
    "IndexReport",
    "LibraryIndex",
    "SearchHit",
    "SearchResults",
    "default_index_dir",
    "match_spans",
    "parse_query",
]


__getattr__ = lazy_getattr(__name__, _HOMES)
