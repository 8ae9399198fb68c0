"""A lone phrase's best hits without checking every turn that holds all its words.

Checking that a phrase's words stand together means decoding their positions in every turn
holding them all: for common words at 100,000 turns, tens of thousands of turns and most of
the search. But a phrase's score in a turn is the BM25F sum of its words' own scores there
(`CheckedPhrase`), which the postings give without positions. So the candidates are ranked
by that score first (then the earlier turn first, as Whoosh ranks) and checked in that
order, a batch at a time, until the page is full: the page is exactly the one the full check
gives. The turns left unchecked may or may not hold the phrase, so the total is then only a
lower bound, and said to be one (`SearchResults.total_exact`). With few candidates every one
is checked and the total is exact.

Used only when the caller does not need an exact total, and only for a phrase alone (with a
filter or another word, its matches would count toward other scores).
"""

from __future__ import annotations

import heapq
import time
from bisect import bisect_right
from typing import Any

from whoosh import query as wq

from search_index.index.whoosh_bulk import match_scores
from search_index.index.whoosh_collect import collect_top
from search_index.index.whoosh_memo import memo_of
from search_index.index.whoosh_query import CheckedPhrase, phrase_key
from search_index.index.whoosh_speedups import OutOfTime, check_deadline, deadline

#: Up to this many candidates (in all segments), every one is checked: the total is exact.
CHECK_ALL_UP_TO = 1000


def collect_phrase_page(
    searcher: Any, phrase: CheckedPhrase, limit: int, budget: float | None
) -> tuple[list[tuple[float, int]], int, bool, bool]:
    """The top `limit` hits of `phrase` as (score, document number), best first; how many
    turns match (all, or at least that many); whether the budget ran out; whether the
    total is exact."""
    leaves = searcher.leaf_searchers()
    began = time.monotonic()
    if all(memo_of(sub.reader()).get(phrase_key(phrase)) is not None for sub, _o in leaves):
        return _exact(searcher, phrase, limit, budget)
    found: list[tuple[float, int]] = []
    checked = 0
    with deadline(budget):
        try:
            context = searcher.context()
            # Best first: the highest score, then the earliest turn (a heap, popped in order).
            pending = [
                (-score, doc + offset)
                for sub, offset in leaves
                for doc, score in _candidate_scores(sub, phrase, context).items()
            ]
            # With few candidates, or once this many were checked without filling the page,
            # the exact search is the cheaper way (below).
            give_up = 0 if len(pending) <= CHECK_ALL_UP_TO else max(CHECK_ALL_UP_TO, 4 * limit)
            heapq.heapify(pending)
            batch = max(limit, 64)
            while pending and len(found) < limit and checked < give_up:
                chunk = [heapq.heappop(pending) for _ in range(min(batch, len(pending)))]
                found += _check(leaves, phrase, chunk)
                checked += len(chunk)
                batch *= 2
        except OutOfTime:
            return _best(found, limit), len(found), True, False
    if len(found) < limit and pending:
        # Few candidates, or few of them holding the phrase: checking them all at once, as
        # the exact search does, costs less than more batches (and the total is exact).
        left = None if budget is None else max(0.0, budget - (time.monotonic() - began))
        return _exact(searcher, phrase, limit, left)
    return _best(found, limit), len(found), False, not pending


def _exact(
    searcher: Any, phrase: CheckedPhrase, limit: int, budget: float | None
) -> tuple[list[tuple[float, int]], int, bool, bool]:
    top, total, partial = collect_top(searcher, phrase, limit, budget)
    return top, total, partial, not partial


def _best(found: list[tuple[float, int]], limit: int) -> list[tuple[float, int]]:
    """The top `limit` of (score, -document number), as (score, document number)."""
    return [(score, -negated) for score, negated in heapq.nlargest(limit, found)]


def _candidate_scores(sub: Any, phrase: CheckedPhrase, context: Any) -> dict[int, float]:
    """The phrase's score in every turn of a segment that holds all its words: each word's
    own BM25F score there (as the bulk evaluation computes it), added in the phrase's order
    (as `CheckedPhrase` adds them), times the phrase's boost."""
    reader = sub.reader()
    field = phrase.fieldname
    per_word: list[dict[int, float]] = []
    for word in phrase.words:
        if (field, word) not in reader:
            return {}
        per_word.append(match_scores(wq.Term(field, word).matcher(sub, context), reader))
    smallest: dict[int, float] = min(per_word, key=len)
    common = set(smallest)
    for scores in per_word:
        common.intersection_update(scores.keys())
    boost = phrase.boost
    out: dict[int, float] = {}
    for doc in common:
        total = 0.0
        for scores in per_word:
            total += scores[doc]
        out[doc] = total * boost
    return out


def _check(
    leaves: list[tuple[Any, int]], phrase: CheckedPhrase, chunk: list[tuple[float, int]]
) -> list[tuple[float, int]]:
    """The candidates of `chunk` (-score, document number) whose words stand together, as
    (score, -document number)."""
    offsets = [offset for _sub, offset in leaves]
    wanted: dict[int, list[int]] = {}
    for _negated, doc in chunk:
        segment = bisect_right(offsets, doc) - 1
        wanted.setdefault(segment, []).append(doc - offsets[segment])
    kept: set[int] = set()
    for segment, docs in wanted.items():
        sub, offset = leaves[segment]
        check_deadline()
        kept.update(doc + offset for doc in phrase.matching_turns(sub, sub.reader(), docs))
    return [(-negated, -doc) for negated, doc in chunk if doc in kept]
