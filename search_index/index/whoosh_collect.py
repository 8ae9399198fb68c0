"""Collecting a query's top hits: every match scored once and counted (the bulk evaluation
of `whoosh_bulk.py`, segment by segment, within the time budget), and the hits' stored
fields.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from itertools import chain
from typing import Any

from search_index.index.whoosh_bulk import match_scores
from search_index.index.whoosh_speedups import OutOfTime, check_deadline, deadline


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
