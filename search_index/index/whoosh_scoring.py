"""Ranking: BM25F over the turn text, with the collection's statistics as a fresh build has.

Whoosh keeps a deleted document in its segment until the segment is merged, and keeps
counting it: in the number of documents, in each of its words' document frequencies and
in the field's total length. Scores then drift with every update that replaces or removes
a file, and an index updated file by file ranks differently from one built in one go.
Here the statistics of the text field leave the deleted turns out: their words and
lengths are read back from their stored text (only theirs, once per searcher), so the
scores of an updated index are those of a fresh build.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from math import log
from typing import Any

from whoosh import scoring

from search_index.index.analysis import kept_words, stem

#: The field whose statistics are kept exact (the others only filter: constant scores).
TEXT = "text"
#: The stored text each turn's statistics are read back from.
BODY = "body"


def weighting() -> Any:
    """BM25F with a gentler length normalisation (B=0.5 instead of 0.75).

    Officials' answers run to thousands of characters while questions are short; with the
    usual B a question that merely names a topic outranks the answer that explains it.
    """
    return LiveBM25F(B=0.5, K1=1.2)


@dataclass(frozen=True)
class LiveStats:
    """What the deleted turns still held in the index add to its text statistics."""

    documents: int
    deleted_length: int
    deleted_frequency: Counter[str]

    def idf(self, searcher: Any, term: str) -> float:
        """Whoosh's idf, over the live turns only."""
        frequency = int(searcher.doc_frequency(TEXT, term)) - self.deleted_frequency[term]
        return log(self.documents / (frequency + 1)) + 1

    def holds(self, searcher: Any, term: bytes | str) -> bool:
        """Whether a live turn holds `term` (the lexicon keeps deleted turns' words)."""
        if not self.deleted_frequency:
            return True
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        return int(searcher.doc_frequency(TEXT, text)) > self.deleted_frequency[text]

    def average_length(self, searcher: Any) -> float:
        """The text field's average length over the live turns."""
        total = int(searcher.field_length(TEXT)) - self.deleted_length
        return total / (self.documents or 1)


def live_stats(searcher: Any) -> LiveStats:
    """The statistics of a top-level searcher (computed once, kept on it)."""
    found: LiveStats | None = getattr(searcher, "_pressroom_live_stats", None)
    if found is None:
        found = _read_live_stats(searcher)
        searcher._pressroom_live_stats = found
    return found


def _read_live_stats(searcher: Any) -> LiveStats:
    length = 0
    frequency: Counter[str] = Counter()
    reader = searcher.reader()
    for leaf, _offset in reader.leaf_readers():
        if not leaf.has_deletions():
            continue
        bodies = leaf.column_reader(BODY)
        for docnum in sorted(leaf.deleted_docs_set):  # a cached property
            text = bytes(bodies[docnum]).decode("utf-8")
            stems = [stem(word) for word, _match in kept_words(text)]
            length += len(stems)
            frequency.update(set(stems))
    return LiveStats(reader.doc_count(), length, frequency)


class LiveBM25F(scoring.BM25F):  # type: ignore[misc]
    """BM25F whose text-field statistics leave deleted turns out (see the module)."""

    def scorer(self, searcher: Any, fieldname: str, text: str, qf: int = 1) -> Any:
        if fieldname != TEXT or not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        return _LiveScorer(searcher, text, self._field_B.get(fieldname, self.B), self.K1, qf)


class _LiveScorer(scoring.BM25FScorer):  # type: ignore[misc]
    def __init__(self, searcher: Any, text: Any, b: float, k1: float, qf: int) -> None:
        parent = searcher.get_parent()
        stats = live_stats(parent)
        term = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        self.idf = stats.idf(parent, term)
        self.avgfl = stats.average_length(parent) or 1
        self.B = b
        self.K1 = k1
        self.qf = qf
        self.setup(searcher, TEXT, text)
