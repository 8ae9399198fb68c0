"""Running a Whoosh matcher tree in bulk: every match and its score, a posting block at a time.

Whoosh's collector walks a query's matcher tree one document at a time: for each match it
calls `id()`, `score()` and `next()` down the tree, each a handful of Python calls, and each
leaf unpickles its posting blocks one by one. At 100,000 turns a common word matches tens of
thousands of turns and that walk is most of a search. Here the same matcher tree, built
by Whoosh for each segment, is evaluated node by node over whole posting lists: a leaf's
blocks are decoded in one loop (`whoosh_postings.py`) and scored with BM25F's own
arithmetic, unions and intersections are dictionary operations; long posting lists and
filters are kept in the segment's memo (`whoosh_memo.py`) for the next searches.

The answer is exactly Whoosh's: the same matches, and the same scores to the last bit,
because the tree (whose shape decides in which order the scores are added) is Whoosh's own
and each leaf score is computed by the same expression. A node of a kind not known here
is walked the ordinary way, so anything Whoosh can run still runs. Private Whoosh
structures are read (posting blocks, length columns); the tests compare with Whoosh's own
collector.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import (
    AndMaybeMatcher,
    AndNotMatcher,
    ConstantScoreWrapperMatcher,
    FilterMatcher,
    IntersectionMatcher,
    InverseMatcher,
    ListMatcher,
    NullMatcherClass,
    RequireMatcher,
    UnionMatcher,
    WrappingMatcher,
)

from search_index.index.whoosh_memo import KEEP_FROM, memo_of
from search_index.index.whoosh_postings import (
    bm25_parts,
    is_posting_list,
    leaf_blocks,
    leaf_ids,
    weights_of,
)
from search_index.index.whoosh_speedups import check_deadline, length_bytes

#: Matches of one segment: document number → score (possibly shared with the memo: never
#: changed).
Scores = dict[int, float]
#: Matches of one segment, unscored (possibly shared with the memo: never changed).
Ids = AbstractSet[int]


def _leaf_scores(m: Any, reader: Any) -> Scores:
    scorer = m.scorer
    field = m._term[0] if m._term else None
    lengths = length_bytes(reader, field) if field is not None else None
    parts = bm25_parts(scorer) if lengths is not None else None
    out: Scores = {}
    if scorer is None:
        for ids, weights, _values in leaf_blocks(m):
            out.update(zip(ids, weights_of(weights, len(ids)), strict=True))
        return out
    if parts is None or lengths is None:
        dfl, score = scorer.dfl, scorer._score
        for ids, weights, _values in leaf_blocks(m):
            for doc, w in zip(ids, weights_of(weights, len(ids)), strict=True):
                out[doc] = score(w, dfl(doc))
        return out
    if not m.is_active():
        return out
    key = ("scores", m._term, scorer.idf, scorer.K1, scorer.B, scorer.avgfl)
    kept = _recall(reader, key, m.id())
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    start = m.id()
    idf, k1p1, norms = parts
    for ids, weights, _values in leaf_blocks(m):
        # bm25(idf, tf, fl, avgfl, B, K1) = idf * ((tf * (K1 + 1)) / (tf + norm(fl)))
        out.update(
            {
                doc: idf * ((tf * k1p1) / (tf + norms[lengths[doc]]))
                for doc, tf in zip(ids, weights_of(weights, len(ids)), strict=True)
            }
        )
    _remember(reader, key, m._term, start, out)
    return out


def _recall(reader: Any, key: tuple[Any, ...], start: int) -> Any:
    """What the segment's memo holds for a posting list read from document `start` on (a
    wrapping matcher may have moved past the first), or None."""
    kept = memo_of(reader).get(key)
    if kept is None:
        return None
    first, found = kept
    if start == first:
        return found
    if isinstance(found, frozenset):
        return frozenset(doc for doc in found if doc >= start)
    return {doc: value for doc, value in found.items() if doc >= start}


def _remember(reader: Any, key: tuple[Any, ...], term: Any, start: int, found: Any) -> None:
    """Keep a long posting list read whole (from its first document) for the next searches."""
    if len(found) >= KEEP_FROM and len(found) == reader.doc_frequency(*term):
        memo_of(reader).put(key, (start, found), len(found))


# ---------------------------------------------------------------------- the tree


def match_scores(m: Any, reader: Any) -> Scores:
    """Every match of the matcher tree `m` (over the segment `reader`) with its score, as
    Whoosh's collector would score it. `m` is used up."""
    handler = _SCORERS.get(type(m))
    if handler is not None:
        found: Scores | None = handler(m, reader)
        if found is not None:
            return found
    return _walk_scores(m)


def match_ids(m: Any, reader: Any) -> Ids:
    """Every match of the matcher tree `m`, unscored. `m` is used up."""
    handler = _IDS.get(type(m))
    if handler is not None:
        found: Ids | None = handler(m, reader)
        if found is not None:
            return found
    return _walk_ids(m)


def _walk_scores(m: Any) -> Scores:
    """The ordinary way: one document at a time."""
    out: Scores = {}
    count = 0
    while m.is_active():
        out[m.id()] = m.score()
        m.next()
        count += 1
        if count % 1024 == 0:
            check_deadline()
    return out


def _walk_ids(m: Any) -> Ids:
    out: set[int] = set()
    count = 0
    while m.is_active():
        out.add(m.id())
        m.next()
        count += 1
        if count % 1024 == 0:
            check_deadline()
    return out


def _leaf(m: Any, reader: Any) -> Scores | None:
    return _leaf_scores(m, reader) if is_posting_list(m) else None


def _leaf_ids(m: Any, reader: Any) -> Ids | None:
    if not is_posting_list(m):
        return None
    if not m.is_active():
        return frozenset()
    key = ("ids", m._term)
    start = m.id()
    kept = _recall(reader, key, start)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    found = frozenset(leaf_ids(m))
    _remember(reader, key, m._term, start, found)
    return found


def _null(m: Any, reader: Any) -> Scores:
    return {}


def _null_ids(m: Any, reader: Any) -> Ids:
    return set()


def _list(m: Any, reader: Any) -> Scores | None:
    if m._scorer is not None:
        return None
    ids = m._ids[m._i :]
    if m._all_weights:
        return dict.fromkeys(ids, m._all_weights)
    if m._weights:
        return dict(zip(ids, m._weights[m._i :], strict=True))
    return dict.fromkeys(ids, 1.0)


def _list_ids(m: Any, reader: Any) -> Ids:
    members = _members(m)
    return members if members is not None else set(m._ids[m._i :])


def constant_list(ids: list[int], members: Ids, score: float) -> Any:
    """A ListMatcher of `ids` (ascending), each with the same `score`, that also carries
    them as a set (`members`) for the evaluation here to test membership in."""
    m = ListMatcher(ids, all_weights=score)
    m._pressroom_members = members
    return m


def _members(m: Any) -> Ids | None:
    """The set of a `constant_list` not yet moved, else None."""
    return getattr(m, "_pressroom_members", None) if m._i == 0 else None


def _constant_part(m: Any) -> tuple[Ids, float] | None:
    """(turns, score) of a `constant_list`, else None."""
    if type(m) is not ListMatcher or m._scorer is not None or not m._all_weights:
        return None
    members = _members(m)
    return None if members is None else (members, m._all_weights)


def _filtered(m: Any, reader: Any) -> Scores | None:
    if m.boost != 1.0:
        return None
    found = match_scores(m.child, reader)
    keep = m._ids
    if m._exclude:
        return {doc: s for doc, s in found.items() if doc not in keep}
    return {doc: s for doc, s in found.items() if doc in keep}


def _filtered_ids(m: Any, reader: Any) -> Ids:
    found = match_ids(m.child, reader)
    return found - m._ids if m._exclude else found & set(m._ids)


def _wrapped(m: Any, reader: Any) -> Scores:
    boost = m.boost
    return {doc: s * boost for doc, s in match_scores(m.child, reader).items()}


def _child_ids(m: Any, reader: Any) -> Ids:
    return match_ids(m.child, reader)


def _constant(m: Any, reader: Any) -> Scores:
    return dict.fromkeys(match_ids(m.child, reader), m._score)


def _union(m: Any, reader: Any) -> Scores:
    a = match_scores(m.a, reader)
    b = match_scores(m.b, reader)
    both = a.keys() & b.keys()
    merged = a | b
    for doc in both:
        merged[doc] = a[doc] + b[doc]
    return merged


def _union_ids(m: Any, reader: Any) -> Ids:
    return match_ids(m.a, reader) | match_ids(m.b, reader)


def _inverse_parts(m: Any, reader: Any) -> tuple[Ids, Callable[[int], bool], float]:
    return match_ids(m.child, reader), m.missing, m._weight


def _intersection(m: Any, reader: Any) -> Scores:
    a_node, b_node = m.a, m.b
    if type(b_node) is InverseMatcher or type(a_node) is InverseMatcher:
        inverse, other = (b_node, a_node) if type(b_node) is InverseMatcher else (a_node, b_node)
        found = match_scores(other, reader)
        excluded, missing, weight = _inverse_parts(inverse, reader)
        return {
            doc: s + weight
            for doc, s in found.items()
            if doc not in excluded and doc < inverse.limit and not missing(doc)
        }
    for constant, other in ((a_node, b_node), (b_node, a_node)):
        part = _constant_part(constant)
        if part is not None:
            # A filter: the other side's matches that it keeps, its score added.
            members, weight = part
            found = match_scores(other, reader)
            return {doc: s + weight for doc, s in found.items() if doc in members}
    a = match_scores(a_node, reader)
    if not a:
        return a
    b = match_scores(b_node, reader)
    if len(b) < len(a):
        a, b = b, a
    return {doc: s + b[doc] for doc, s in a.items() if doc in b}


def _intersection_ids(m: Any, reader: Any) -> Ids:
    a = match_ids(m.a, reader)
    return a & match_ids(m.b, reader) if a else a


def _and_not(m: Any, reader: Any) -> Scores:
    a = match_scores(m.a, reader)
    if not a:
        return a
    b = match_ids(m.b, reader)
    return {doc: s for doc, s in a.items() if doc not in b}


def _and_not_ids(m: Any, reader: Any) -> Ids:
    a = match_ids(m.a, reader)
    return a - match_ids(m.b, reader) if a else a


def _require(m: Any, reader: Any) -> Scores:
    a = match_scores(m.a, reader)
    if not a:
        return a
    b = match_ids(m.b, reader)
    return {doc: s for doc, s in a.items() if doc in b}


def _and_maybe(m: Any, reader: Any) -> Scores:
    a = match_scores(m.a, reader)
    if not a:
        return a
    b = match_scores(m.b, reader)
    get = b.get
    out: Scores = {}
    for doc, s in a.items():
        other = get(doc)
        out[doc] = s if other is None else s + other
    return out


def _a_ids(m: Any, reader: Any) -> Ids:
    return match_ids(m.a, reader)


def _inverse_ids(m: Any, reader: Any) -> Ids:
    excluded, missing, _weight = _inverse_parts(m, reader)
    return {doc for doc in range(m._id, m.limit) if doc not in excluded and not missing(doc)}


def _inverse(m: Any, reader: Any) -> Scores:
    return dict.fromkeys(_inverse_ids(m, reader), m._weight)


_Handler = Callable[[Any, Any], Any]

_SCORERS: dict[type, _Handler] = {
    W3LeafMatcher: _leaf,
    NullMatcherClass: _null,
    ListMatcher: _list,
    FilterMatcher: _filtered,
    WrappingMatcher: _wrapped,
    ConstantScoreWrapperMatcher: _constant,
    UnionMatcher: _union,
    IntersectionMatcher: _intersection,
    AndNotMatcher: _and_not,
    RequireMatcher: _require,
    AndMaybeMatcher: _and_maybe,
    InverseMatcher: _inverse,
}

_IDS: dict[type, _Handler] = {
    W3LeafMatcher: _leaf_ids,
    NullMatcherClass: _null_ids,
    ListMatcher: _list_ids,
    FilterMatcher: _filtered_ids,
    WrappingMatcher: _child_ids,
    ConstantScoreWrapperMatcher: _child_ids,
    UnionMatcher: _union_ids,
    IntersectionMatcher: _intersection_ids,
    AndNotMatcher: _and_not_ids,
    RequireMatcher: _intersection_ids,
    AndMaybeMatcher: _a_ids,
    InverseMatcher: _inverse_ids,
}


def evaluate_like(kind: type, known: type) -> None:
    """Evaluate matchers of class `kind` (a subclass of this package's) as `known` ones."""
    _SCORERS[kind] = _SCORERS[known]
    _IDS[kind] = _IDS[known]
