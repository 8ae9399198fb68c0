"""Running a Whoosh matcher tree in bulk: every match and its score, a posting block at a time.

Whoosh's collector walks a query's matcher tree one document at a time: for each match it
calls `id()`, `score()` and `next()` down the tree, each a handful of Python calls, and each
leaf unpickles its posting blocks one by one. At 100,000 turns a common word matches tens of
thousands of turns and that walk is most of a search. Here the same matcher tree, built
by Whoosh for each segment, is evaluated node by node over whole posting lists: a leaf's
blocks are decoded in one loop and scored with BM25F's own arithmetic, unions and
intersections are dictionary operations.

The answer is exactly Whoosh's: the same matches, and the same scores to the last bit,
because the tree (whose shape decides in which order the scores are added) is Whoosh's own
and each leaf score is computed by the same expression. A node of a kind not known here
is walked the ordinary way, so anything Whoosh can run still runs. Private Whoosh
structures are read (posting blocks, length columns); the tests compare with Whoosh's own
collector.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import accumulate, repeat
from pickle import loads
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
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
from whoosh.scoring import BM25FScorer
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from search_index.index.whoosh_memo import KEEP_FROM, memo_of
from search_index.index.whoosh_speedups import check_deadline, length_bytes

#: Matches of one segment: document number → score (possibly shared with the memo: never
#: changed).
Scores = dict[int, float]
#: Matches of one segment, unscored (possibly shared with the memo: never changed).
Ids = AbstractSet[int]
#: Posting blocks (of 128 postings) read between two looks at the clock.
_BLOCKS_PER_CLOCK = 32


# ---------------------------------------------------------------------- leaves


def leaf_blocks(m: Any) -> Iterator[tuple[list[int], Any, Any]]:
    """The (ids, weights, values) of the postings of a W3LeafMatcher from where it stands,
    a block at a time.

    `weights` is None (every weight 1.0), one float (all equal) or a sequence, as stored;
    `values` a tuple of encoded values (values of a fixed size come as stored, unsliced:
    read only the values of variable size). The matcher is used up.
    """
    postfile = m._postfile
    skip = m._i
    blocks = 0
    while not m._atend:
        data = m._data
        if data is None:
            raw = postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
            if m._compression:
                raw = zlib.decompress(raw)
            data = loads(raw)
        ids, weights, values = list(accumulate(data[0])), data[1], data[2]
        if skip:
            # Part of the first block was read already (a wrapping matcher looked ahead).
            ids = ids[skip:]
            if weights is not None and not isinstance(weights, float):
                weights = weights[skip:]
            if isinstance(values, tuple):
                values = values[skip:]
            skip = 0
        yield ids, weights, values
        blocks += 1
        if blocks % _BLOCKS_PER_CLOCK == 0:
            check_deadline()
        m._next_block()


def _fresh(m: Any) -> bool:
    """Whether `m` is a posting list of documents `leaf_blocks` can read."""
    return type(m) is W3LeafMatcher and not m._byteids


def posting_values(reader: Any, field: str, word: str, keep: Any = None) -> dict[int, Any]:
    """The encoded value (positions) of each live turn holding `word` in `field`, read a
    block at a time; only the turns in `keep` if given."""
    m = reader.postings(field, word)
    deleted: Any = ()
    if type(m) is FilterMatcher and m._exclude and m.boost == 1.0:
        deleted, m = m._ids, m.child
    if not _fresh(m) or (m._fixedsize is not None and m._fixedsize >= 0):
        # Postings held in the term's entry, or values of a fixed size: the ordinary way.
        return {doc: value for doc, value in m.all_items() if keep is None or doc in keep}
    found: dict[int, Any] = {}
    for ids, _weights, values in leaf_blocks(m):
        if keep is None:
            found.update(zip(ids, values, strict=True))
        else:
            found.update({d: v for d, v in zip(ids, values, strict=True) if d in keep})
    if len(deleted) < len(found):
        for doc in deleted:
            found.pop(doc, None)
    elif deleted:
        found = {doc: value for doc, value in found.items() if doc not in deleted}
    return found


def leaf_ids(m: Any) -> list[int]:
    """Every document id of a fresh leaf matcher, ascending."""
    found: list[int] = []
    for ids, _weights, _values in leaf_blocks(m):
        found.extend(ids)
    return found


@lru_cache(maxsize=64)
def _norms(k1: float, b: float, avgfl: float) -> tuple[float | None, ...]:
    """BM25's length part `K1 * ((1 - B) + B * fl / avgfl)` for each length byte.

    Written as `whoosh.scoring.bm25` writes it, so that scores are equal to the last bit.
    A length byte of 0 has no length (Whoosh cannot score it either): None.
    """
    norms: list[float | None] = [None]
    for lbyte in range(1, 256):
        fl = byte_to_length(lbyte)
        norms.append(k1 * ((1 - b) + b * fl / avgfl))
    return tuple(norms)


def _bm25_parts(scorer: Any) -> tuple[float, float, tuple[float | None, ...]] | None:
    """(idf, K1 + 1, length norms) if `scorer` is plain BM25F, else None."""
    if not isinstance(scorer, BM25FScorer) or type(scorer)._score is not BM25FScorer._score:
        return None
    k1 = scorer.K1
    return scorer.idf, k1 + 1, _norms(k1, scorer.B, scorer.avgfl)


def phrase_scoring(
    scorers: list[Any], reader: Any, field: str
) -> Callable[[int, list[int]], float] | None:
    """A function giving a phrase's score in a turn from its words' counts there: the sum
    of each word's BM25F score, computed as `_leaf_scores` computes it (so equal to
    Whoosh's to the last bit); None unless every scorer is plain BM25F."""
    lengths = length_bytes(reader, field)
    parts = [_bm25_parts(scorer) for scorer in scorers]
    if lengths is None or any(part is None for part in parts):
        return None
    known = [part for part in parts if part is not None]

    def score(doc: int, counts: list[int]) -> float:
        lbyte = lengths[doc]
        total = 0.0
        for (idf, k1p1, norms), tf in zip(known, counts, strict=True):
            total += idf * ((tf * k1p1) / (tf + norms[lbyte]))  # type: ignore[operator]
        return total

    return score


def _leaf_scores(m: Any, reader: Any) -> Scores:
    scorer = m.scorer
    field = m._term[0] if m._term else None
    lengths = length_bytes(reader, field) if field is not None else None
    parts = _bm25_parts(scorer) if lengths is not None else None
    out: Scores = {}
    if scorer is None:
        for ids, weights, _values in leaf_blocks(m):
            out.update(zip(ids, _weights_of(weights, len(ids)), strict=True))
        return out
    if parts is None or lengths is None:
        dfl, score = scorer.dfl, scorer._score
        for ids, weights, _values in leaf_blocks(m):
            for doc, w in zip(ids, _weights_of(weights, len(ids)), strict=True):
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
                for doc, tf in zip(ids, _weights_of(weights, len(ids)), strict=True)
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


def _weights_of(weights: Any, count: int) -> Any:
    if weights is None:
        return repeat(1.0, count)
    if isinstance(weights, float):
        return repeat(weights, count)
    return weights


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
    return _leaf_scores(m, reader) if _fresh(m) else None


def _leaf_ids(m: Any, reader: Any) -> Ids | None:
    if not _fresh(m):
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


def position_decoder(format_: Any) -> Callable[[bytes], list[int]]:
    """A function decoding a posting's positions as `format_.decode_positions` does.

    For Whoosh's Positions format (positions pickled as deltas) the deltas are summed by
    `itertools.accumulate` instead of a Python loop: the same list, several times faster.
    """
    if type(format_) is not Positions:
        return format_.decode_positions  # type: ignore[no-any-return]

    def decode(value: bytes) -> list[int]:
        if not value.endswith(b"."):
            value += b"."
        return list(accumulate(loads(value[_INT_SIZE:])))

    return decode
