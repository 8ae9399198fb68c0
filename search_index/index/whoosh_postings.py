"""Reading Whoosh's posting lists a block at a time, and BM25F computed as Whoosh computes it.

A W3LeafMatcher unpickles one block of up to 128 postings at a time and hands them out one
call at a time; here a block's ids, weights and values are taken whole. Private Whoosh
structures are read (posting blocks, length columns); the tests compare every result with
Whoosh's own.
"""

from __future__ import annotations

import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import accumulate, repeat
from pickle import loads
from typing import Any

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching import FilterMatcher
from whoosh.scoring import BM25FScorer
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from search_index.index.whoosh_speedups import check_deadline, length_bytes

#: Posting blocks (of 128 postings) read between two looks at the clock.
_BLOCKS_PER_CLOCK = 32


# ---------------------------------------------------------------------- leaves


def leaf_blocks(m: Any, wanted: list[int] | None = None) -> Iterator[tuple[list[int], Any, Any]]:
    """The (ids, weights, values) of the postings of a W3LeafMatcher from where it stands,
    a block at a time; with `wanted` (document numbers, ascending), only the blocks that
    may hold one of them (a block's header gives its last document: the others are
    passed over undecoded).

    `weights` is None (every weight 1.0), one float (all equal) or a sequence, as stored;
    `values` a tuple of encoded values (values of a fixed size come as stored, unsliced:
    read only the values of variable size). The matcher is used up.
    """
    postfile = m._postfile
    skip = m._i
    blocks = 0
    next_wanted = 0
    while not m._atend:
        if wanted is not None:
            if next_wanted == len(wanted):
                return
            if wanted[next_wanted] > m._maxid:
                m._next_block()
                skip = 0
                continue
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
        if wanted is not None:
            next_wanted = bisect_right(wanted, m._maxid, next_wanted)
        m._next_block()


def is_posting_list(m: Any) -> bool:
    """Whether `m` is a posting list of documents `leaf_blocks` can read."""
    return type(m) is W3LeafMatcher and not m._byteids


def posting_values(
    reader: Any, field: str, word: str, keep: Any = None, sparse: bool = False
) -> dict[int, Any]:
    """The encoded value (positions) of each live turn holding `word` in `field`, read a
    block at a time; only the turns in `keep` if given, and with `sparse` (few turns in
    `keep`) only the blocks that may hold them are decoded."""
    m = reader.postings(field, word)
    deleted: Any = ()
    if type(m) is FilterMatcher and m._exclude and m.boost == 1.0:
        deleted, m = m._ids, m.child
    if not is_posting_list(m) or (m._fixedsize is not None and m._fixedsize >= 0):
        # Postings held in the term's entry, or values of a fixed size: the ordinary way.
        return {doc: value for doc, value in m.all_items() if keep is None or doc in keep}
    found: dict[int, Any] = {}
    wanted = sorted(keep) if sparse and keep is not None else None
    for ids, _weights, values in leaf_blocks(m, wanted):
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


def bm25_parts(scorer: Any) -> tuple[float, float, tuple[float | None, ...]] | None:
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
    parts = [bm25_parts(scorer) for scorer in scorers]
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


def weights_of(weights: Any, count: int) -> Any:
    if weights is None:
        return repeat(1.0, count)
    if isinstance(weights, float):
        return repeat(weights, count)
    return weights


#: How a value of Whoosh's Positions format starts after its count: pickle protocol 2, a list.
_PICKLED_LIST = b"\x80\x02]"


def deltas_decoder(format_: Any) -> Callable[[list[bytes]], list[list[int]]]:
    """A function giving, for a list of encoded values of `format_`, each value's positions
    as deltas (the first position, then each one's distance from the one before).

    Whoosh's Positions format pickles each value's deltas alone; unpickling them one call
    per value is most of a phrase check. Here the values' pickled lists are joined into
    one pickled list of lists and unpickled in one call: the same lists. (A value that is
    not a pickled list, or a format that encodes otherwise, is decoded one by one.)
    """
    decode = position_decoder(format_)
    fast = isinstance(format_, Positions) and (
        type(format_).decode_positions is Positions.decode_positions
    )

    def one_by_one(values: list[bytes]) -> list[list[int]]:
        out: list[list[int]] = []
        for value in values:
            positions = decode(value)
            out.append([b - a for a, b in zip([0, *positions], positions, strict=False)])
        return out

    if not fast:
        return one_by_one
    start = _INT_SIZE + len(_PICKLED_LIST) - 1

    def together(values: list[bytes]) -> list[list[int]]:
        if not all(value.startswith(_PICKLED_LIST, _INT_SIZE) for value in values):
            return one_by_one(values)
        body = b"".join(
            [value[start:-1] if value.endswith(b".") else value[start:] for value in values]
        )
        found: list[list[int]] = loads(b"\x80\x02](" + body + b"e.")
        return found

    return together


def position_decoder(format_: Any) -> Callable[[bytes], list[int]]:
    """A function decoding a posting's positions as `format_.decode_positions` does.

    For Whoosh's Positions format (positions pickled as deltas), and formats that encode as
    it does (the text field's `StemPositions` only changes how a turn is analysed), the
    deltas are summed by `itertools.accumulate` instead of a Python loop: the same list,
    several times faster.
    """
    kind = type(format_)
    if (
        not isinstance(format_, Positions)
        or kind.decode_positions is not Positions.decode_positions
    ):
        return format_.decode_positions  # type: ignore[no-any-return]

    def decode(value: bytes) -> list[int]:
        if not value.endswith(b"."):
            value += b"."
        return list(accumulate(loads(value[_INT_SIZE:])))

    return decode
