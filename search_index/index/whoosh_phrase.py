"""Exact phrases on Whoosh: the turns holding every word of a phrase, kept where the words
stand side by side, checked in bulk and scored as Whoosh scores an AND of the words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from search_index.index.whoosh_bulk import evaluate_like
from search_index.index.whoosh_memo import memo_of
from search_index.index.whoosh_postings import deltas_decoder, phrase_scoring, posting_values
from search_index.index.whoosh_speedups import check_deadline


class CheckedPhrase(wq.Phrase):  # type: ignore[misc]
    """An exact phrase: the documents holding every word, kept where the positions line up.

    Whoosh's own phrase matcher builds span objects for every candidate document; checking
    positions with set arithmetic is about three times faster. A hit scores as the BM25F
    sum of its words, like an AND of them.
    """

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        reader = searcher.reader()
        # The same phrase in a later search (of the same searcher) has the same matches.
        key = phrase_key(self)
        memo = memo_of(reader)
        kept = memo.get(key)
        if kept is None:
            kept = self._run(searcher, reader, context)
            memo.put(key, kept, len(kept[0]))
        return _list_matcher(*kept)

    def _run(self, searcher: Any, reader: Any, context: Any) -> tuple[list[int], list[float]]:
        found = self.candidates(searcher, reader, context)
        if found is None:
            return [], []
        matches = lined_up(found.docs, found.columns, found.deltas)
        return [doc for doc, _counts in matches], [
            found.score(doc, counts) for doc, counts in matches
        ]

    def matching_ids(self, searcher: Any, reader: Any, context: Any = None) -> list[int]:
        """The turns of a segment holding the phrase, unscored (for a filter: a speaker's
        or an asker's name), ascending."""
        found = self.candidates(searcher, reader, context)
        if found is None:
            return []
        return [doc for doc, _counts in lined_up(found.docs, found.columns, found.deltas)]

    def matching_turns(self, searcher: Any, reader: Any, docs: list[int]) -> list[int]:
        """Which of the turns `docs` of a segment hold the phrase."""
        field = self.fieldname
        keep = set(docs)
        columns = [
            posting_values(reader, field, word, keep, sparse=True)
            if (field, word) in reader
            else {}
            for word in self.words
        ]
        held = [doc for doc in sorted(keep) if all(doc in column for column in columns)]
        deltas = deltas_decoder(searcher.schema[field].format)
        return [doc for doc, _counts in lined_up(held, columns, deltas)]

    def candidates(
        self, searcher: Any, reader: Any, context: Any = None
    ) -> PhraseCandidates | None:
        """The turns of a segment holding every word of the phrase (not yet checked for the
        words standing together), or None when there are none."""
        field = self.fieldname
        words = list(self.words)
        if any((field, word) not in reader for word in words):
            return None
        weighting = (context.weighting if context is not None else None) or searcher.weighting
        frequencies = [reader.doc_frequency(field, word) for word in words]
        order = sorted(range(len(words)), key=frequencies.__getitem__)
        # Raw (undecoded) position values of each word, for the turns holding all so far:
        # the rarest word's postings whole, then each other word's where they overlap.
        values: dict[int, dict[int, Any]] = {
            order[0]: posting_values(reader, field, words[order[0]])
        }
        docs: Any = values[order[0]].keys()
        for i in order[1:]:
            if not docs:
                return None
            # Few candidates: only the blocks that may hold them are decoded.
            sparse = len(docs) * 4 < frequencies[i]
            found = posting_values(reader, field, words[i], docs, sparse=sparse)
            values[i] = found
            docs = found.keys()
        if not docs:
            return None
        scorers = [weighting.scorer(searcher, field, word) for word in words]
        return PhraseCandidates(
            docs=sorted(docs),
            columns=[values[offset] for offset in range(len(words))],
            deltas=deltas_decoder(searcher.schema[field].format),
            scorers=scorers,
            score_of=phrase_scoring(scorers, reader, field),
            reader=reader,
            field=field,
            boost=self.boost,
        )


def phrase_key(phrase: CheckedPhrase) -> tuple[Any, ...]:
    """The key of a phrase's matches in a segment's memo."""
    return ("phrase", phrase.fieldname, tuple(phrase.words), phrase.boost)


@dataclass
class PhraseCandidates:
    """The turns of a segment holding every word of a phrase (`docs`, ascending), each
    word's encoded positions there (`columns`, in the phrase's order; a column may hold
    other turns too), how to decode them (`deltas`, see `lined_up`) and how to score a
    turn."""

    docs: list[int]
    columns: list[dict[int, Any]]
    deltas: Callable[[list[bytes]], list[list[int]]]
    scorers: list[Any]
    score_of: Any
    reader: Any
    field: str
    boost: float

    def score(self, doc: int, counts: list[int]) -> float:
        """The phrase's score in turn `doc` with its words counted `counts` times."""
        if self.score_of is not None:
            score: float = self.score_of(doc, counts)
        else:
            length = self.reader.doc_field_length(doc, self.field)
            score = _phrase_score(self.scorers, counts, length)
        return score * self.boost


#: Turns whose positions are decoded together (between two looks at the clock).
_CHECK_BATCH = 2048


def lined_up(
    docs: list[int],
    columns: list[dict[int, Any]],
    deltas: Callable[[list[bytes]], list[list[int]]],
) -> list[tuple[int, list[int]]]:
    """The turns of `docs` (each held in every column) where the words stand side by side
    in order somewhere, each with every word's count there. `columns`: each word's encoded
    positions per turn, decoded into deltas a batch of turns at a time by `deltas`.

    Positions are rebuilt by `itertools.accumulate`: starting the later words' sums at
    minus their place in the phrase lines their positions up with the first word's (the
    extra first value is negative, never a position).
    """
    found: list[tuple[int, list[int]]] = []
    size = len(columns)
    for begin in range(0, len(docs), _CHECK_BATCH):
        check_deadline()
        chunk = docs[begin : begin + _CHECK_BATCH]
        lists = [deltas([column[doc] for doc in chunk]) for column in columns]
        if size == 2:
            for doc, first, second in zip(chunk, lists[0], lists[1], strict=True):
                if len(first) == 1 == len(second):
                    if second[0] - first[0] != 1:
                        continue
                elif set(accumulate(first)).isdisjoint(accumulate(second, initial=-1)):
                    continue
                found.append((doc, [len(first), len(second)]))
            continue
        for row, doc in enumerate(chunk):
            starts = set(accumulate(lists[0][row]))
            for offset in range(1, size):
                starts.intersection_update(accumulate(lists[offset][row], initial=-offset))
                if not starts:
                    break
            else:
                found.append((doc, [len(words[row]) for words in lists]))
    return found


def _phrase_score(scorers: list[Any], counts: list[int], length: int) -> float:
    """BM25F of each word (its count in the turn as the weight), summed."""
    total = 0.0
    for scorer, count in zip(scorers, counts, strict=True):
        raw = getattr(scorer, "_score", None)
        total += raw(count, length) if raw is not None else float(count)
    return total


class _ScoredList(ListMatcher):  # type: ignore[misc]
    """A ListMatcher that knows its best score.

    Whoosh's collector asks a matcher for its best possible score every ten hits, and
    ListMatcher answers with max() over all its weights: quadratic in the hits, seconds
    for a phrase in half of a 100k-turn library.
    """

    def __init__(self, ids: list[int], weights: list[float]) -> None:
        super().__init__(ids, weights=weights)
        self._best = max(weights)

    def block_max_weight(self) -> float:
        return float(self._best)

    def copy(self) -> _ScoredList:
        twin = _ScoredList(self._ids, self._weights)
        twin._i = self._i
        return twin


evaluate_like(_ScoredList, ListMatcher)


def _list_matcher(ids: list[int], scores: list[float]) -> Any:
    return _ScoredList(ids, scores) if ids else NullMatcher()
