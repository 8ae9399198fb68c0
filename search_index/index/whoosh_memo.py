"""What a searcher remembers between searches, per segment: the decoded and scored postings of
frequent words, the turns each filter keeps, the matches of each phrase.

Decoding a common word's postings (unpickled a block of 128 at a time) and checking a
phrase's positions are most of a search at 100,000 turns, and the same words and filters come
back from one search to the next (a query refined, a speaker or a kind of turn filtered
again). A memo lives on a segment's reader: the searcher that holds the reader is replaced
when the index changes (`searching.KeptSearcher`), and its memos go with it, so nothing
remembered can outlive the index it describes. Each memo is bounded: it forgets the least
recently used entries once it holds more than a few postings per turn of its segment.
Entries are shared: whoever reads one must not change it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

#: Posting lists shorter than this are cheap to decode again: not remembered.
KEEP_FROM = 1024
#: What a segment's memo may hold, in postings (or turns) per turn of the segment; an entry
#: costs about 100 bytes per posting (a dictionary entry, its number and its score).
_PER_TURN = 4
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
        return entry[0]

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
        self._entries[key] = (value, size)
        self._held += size

    @property
    def held(self) -> int:
        """How many postings the memo holds."""
        return self._held


def memo_of(reader: Any) -> SegmentMemo:
    """The memo of a segment's reader, made on first use."""
    memo: SegmentMemo | None = reader.__dict__.get(_ATTRIBUTE)
    if memo is None:
        memo = SegmentMemo(_PER_TURN * max(1, int(reader.doc_count_all())))
        reader.__dict__[_ATTRIBUTE] = memo
    return memo
