"""What a searcher remembers between searches, per segment: the decoded and scored postings of
frequent words, the turns each filter keeps, the matches of each phrase.

Decoding a common word's postings (unpickled a block of 128 at a time) and checking a
phrase's positions are most of a search at 100,000 turns, and the same words and filters come
back from one search to the next (a query refined, a speaker or a kind of turn filtered
again). A memo lives on a segment's reader: the searcher that holds the reader is replaced
when the index changes (`searching.KeptSearcher`), and its memos go with it, so nothing
remembered can outlive the index it describes. Each memo is bounded: it forgets the least
recently used entries once it holds more postings than its budget (a number per turn of
its segment). Entries are shared: whoever reads one must not change it.

The postings are held packed, as arrays of document numbers and scores (12 bytes a posting
instead of about 100 as a dictionary of Python numbers), and unpacked when read: making a
dictionary from two arrays costs a few percent of decoding the postings again. So the
memo holds eight times more for the same memory.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

#: Posting lists shorter than this are cheap to decode again: not remembered.
KEEP_FROM = 1024
#: What a segment's memo may hold, in postings (or turns) per turn of the segment; a
#: posting costs at most 12 bytes packed (4 for its turn, 8 for its score): under 400 bytes
#: per turn, 40 MB for 100,000 turns.
_PER_TURN = 32
_ATTRIBUTE = "_pressroom_memo"


class SegmentMemo:
    """A bounded, least-recently-used memo of one segment (see the module)."""

    def __init__(self, budget: int) -> None:
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._held = 0
        self.budget = budget

    def get(self, key: Hashable) -> Any:
        """The value remembered for `key`, or None."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return _unpack(entry[0])

    def put(self, key: Hashable, value: Any, size: int) -> None:
        """Remember `value` (of `size` postings) for `key`, forgetting the oldest if need be."""
        size = max(1, size)
        if size > self.budget:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._held -= old[1]
        while self._entries and self._held + size > self.budget:
            _key, (_value, freed) = self._entries.popitem(last=False)
            self._held -= freed
        self._entries[key] = (_pack(value), size)
        self._held += size

    @property
    def held(self) -> int:
        """How many postings the memo holds."""
        return self._held


class _Packed:
    """A remembered value held as arrays (see the module), and how to give it back."""

    __slots__ = ("first", "kind", "numbers", "scores")

    def __init__(self, kind: str, first: int, numbers: array[int], scores: array[float]) -> None:
        self.kind = kind
        self.first = first
        self.numbers = numbers
        self.scores = scores


def _pack(value: Any) -> Any:
    """`value` packed if it has one of the memo's shapes, else as it is.

    The shapes: (first turn, {turn: score}) and (first turn, frozenset of turns), a posting
    list read whole (`whoosh_bulk.py`); (turns, frozenset of them), a filter's; (turns,
    scores), a phrase's matches (`whoosh_phrase.py`).
    """
    if not (isinstance(value, tuple) and len(value) == 2):
        return value
    head, body = value
    try:
        if isinstance(head, int) and isinstance(body, dict):
            return _Packed("scores", head, array("i", body), array("d", body.values()))
        if isinstance(head, int) and isinstance(body, frozenset):
            return _Packed("ids", head, array("i", body), array("d"))
        if isinstance(head, list) and isinstance(body, frozenset) and len(head) == len(body):
            return _Packed("filter", 0, array("i", head), array("d"))
        if isinstance(head, list) and isinstance(body, list) and len(head) == len(body):
            return _Packed("phrase", 0, array("i", head), array("d", body))
    except (TypeError, OverflowError):  # not numbers of these sizes: kept as they are
        return value
    return value


def _unpack(value: Any) -> Any:
    if type(value) is not _Packed:
        return value
    numbers = value.numbers
    if value.kind == "scores":
        return value.first, dict(zip(numbers, value.scores, strict=True))
    if value.kind == "ids":
        return value.first, frozenset(numbers)
    if value.kind == "filter":
        listed = numbers.tolist()
        return listed, frozenset(listed)
    return numbers.tolist(), value.scores.tolist()


def memo_of(reader: Any) -> SegmentMemo:
    """The memo of a segment's reader, made on first use."""
    memo: SegmentMemo | None = reader.__dict__.get(_ATTRIBUTE)
    if memo is None:
        memo = SegmentMemo(_PER_TURN * max(1, int(reader.doc_count_all())))
        reader.__dict__[_ATTRIBUTE] = memo
    return memo
