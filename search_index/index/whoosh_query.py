"""Compile a parsed query tree (query.py) into a Whoosh query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher, NullMatcherClass
from whoosh.system import _INT_SIZE, unpack_uint

from search_index.errors import QueryError
from search_index.index.query import (
    MAX_EXPANSIONS,
    TEXT_FIELD,
    And,
    DateIn,
    KindIs,
    Node,
    Not,
    Or,
    Prefix,
    Terms,
    TranscriptIs,
    Wildcard,
)
from search_index.index.whoosh_bulk import constant_list, evaluate_like, match_ids
from search_index.index.whoosh_memo import memo_of
from search_index.index.whoosh_postings import phrase_scoring, position_decoder, posting_values
from search_index.index.whoosh_scoring import live_stats
from search_index.index.whoosh_speedups import check_deadline

#: Fields that only filter: they match or not, and add nothing to the score.
_FILTER_FIELDS = {"speaker_text", "asker_text", "figures"}
#: Fields indexed without positions: their "phrases" are all-of-the-words.
_UNPOSITIONED = {"figures", "title"}


#: Up to this many expansions a prefix or wildcard is an ordinary scored OR of terms.
_SCORED_EXPANSIONS = 4


class DocSetPrefix(wq.Prefix):  # type: ignore[misc]
    """A prefix query: a scored OR of its words when it has few, else a constant-score set
    of documents.

    Whoosh ORs every expansion of a prefix into a tree of union matchers and asks each node
    for its best possible score at every step; with dozens of expansions ("pres*") that is
    most of the query time. Reading the expansions' postings into one sorted set is several
    times faster, and a prefix is no evidence of relevance anyway (as in Lucene).
    """

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _expansion_matcher(self, searcher, context)


class DocSetWildcard(wq.Wildcard):  # type: ignore[misc]
    """A wildcard query, matched as DocSetPrefix is."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _expansion_matcher(self, searcher, context)


def _expansion_matcher(query: Any, searcher: Any, context: Any) -> Any:
    """The matcher of a prefix or wildcard over one segment (or the whole index).

    Its words are found once, in the whole index, so that how it scores does not depend
    on how the index happens to be split into segments (Whoosh decides per segment, and
    scores a segment where one word matches by that word alone).
    """
    words = _expansions(query, searcher.get_parent())
    field = query.fieldname
    if len(words) <= _SCORED_EXPANSIONS:
        if not words:
            return NullMatcher()
        terms = [wq.Term(field, word) for word in words]
        scored = terms[0] if len(terms) == 1 else wq.Or(terms)
        return scored.matcher(searcher, context)
    reader = searcher.reader()
    ids: set[int] = set()
    for word in words:
        check_deadline()
        if (field, word) in reader:
            ids.update(match_ids(reader.postings(field, word), reader))
    if not ids:
        return NullMatcher()
    return ListMatcher(sorted(ids), all_weights=query.boost)


def _expansions(query: Any, top: Any) -> list[str]:
    """The words of the whole index a prefix or wildcard stands for (found once per
    search). Words that only deleted turns held are left out, as a fresh build has none."""
    runs: dict[int, list[str]] = query.__dict__.setdefault("_expansion_runs", {})
    found = runs.get(id(top))
    if found is None:
        reader = top.reader()
        found = [raw.decode("utf-8") for raw in query._btexts(reader) if raw]
        if query.fieldname == TEXT_FIELD:
            stats = live_stats(top)
            found = [word for word in found if stats.holds(top, word)]
        if len(found) > MAX_EXPANSIONS:
            shown = f"{query.text}*" if isinstance(query, wq.Prefix) else query.text
            raise QueryError(
                f"{shown} stands for {len(found):,} different words in the index; at most "
                f"{MAX_EXPANSIONS:,} are searched at once: give more letters"
            )
        runs[id(top)] = found
    return found


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
        ids: list[int] = []
        scores: list[float] = []
        for count, doc in enumerate(found.docs):
            if count % 256 == 0:
                check_deadline()
            score = found.check(doc)
            if score is not None:
                ids.append(doc)
                scores.append(score)
        return ids, scores

    def matching_turns(self, searcher: Any, reader: Any, docs: list[int]) -> list[int]:
        """Which of the turns `docs` of a segment hold the phrase (each checked alone)."""
        field = self.fieldname
        docs = sorted(docs)
        keep = set(docs)
        columns = [
            posting_values(reader, field, word, keep, sparse=True)
            if (field, word) in reader
            else {}
            for word in self.words
        ]
        decode = position_decoder(searcher.schema[field].format)
        return [
            doc
            for doc in docs
            if all(doc in column for column in columns)
            and _lined_up([column[doc] for column in columns], decode) is not None
        ]

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
            decode=position_decoder(searcher.schema[field].format),
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
    other turns too), and how to check and score one."""

    docs: list[int]
    columns: list[dict[int, Any]]
    decode: Any
    scorers: list[Any]
    score_of: Any
    reader: Any
    field: str
    boost: float

    def check(self, doc: int) -> float | None:
        """The phrase's score in turn `doc` if its words stand together there, else None."""
        counts = _lined_up([column[doc] for column in self.columns], self.decode)
        if counts is None:
            return None
        return self.score(doc, counts)

    def score(self, doc: int, counts: list[int]) -> float:
        """The phrase's score in turn `doc` with its words counted `counts` times."""
        if self.score_of is not None:
            score: float = self.score_of(doc, counts)
        else:
            length = self.reader.doc_field_length(doc, self.field)
            score = _phrase_score(self.scorers, counts, length)
        return score * self.boost

    def counts(self, doc: int) -> list[int]:
        """How many times each word occurs in turn `doc` (without decoding positions)."""
        return [unpack_uint(column[doc][:_INT_SIZE])[0] for column in self.columns]


def _lined_up(values: list[Any], decode: Any) -> list[int] | None:
    """Each word's count in a turn if the words stand side by side in order somewhere in
    it (`values`: each word's encoded positions), else None."""
    first = decode(values[0])
    if len(values) == 2:
        second = decode(values[1])
        if set(first).isdisjoint([pos - 1 for pos in second]):
            return None
        return [len(first), len(second)]
    starts = set(first)
    counts = [len(first)]
    for offset in range(1, len(values)):
        positions = decode(values[offset])
        counts.append(len(positions))
        starts.intersection_update([pos - offset for pos in positions])
        if not starts:
            return None
    return counts


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


class _Filter(wq.ConstantScoreQuery):  # type: ignore[misc]
    """A query that only filters: its matches, each with the same score.

    Whoosh's ConstantScoreQuery lists its child's matches one posting at a time; here they
    are read in bulk (`whoosh_bulk.match_ids`). Same matches, same score.
    """

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if context is not None and context.needs_current:
            return super().matcher(searcher, context)
        reader = searcher.reader()
        # The turns a filter keeps do not change while the searcher lives: remembered.
        key = ("filter", self.child)
        memo = memo_of(reader)
        kept = memo.get(key)
        if kept is None:
            child = self.child.matcher(searcher, context)
            found = () if isinstance(child, NullMatcherClass) else match_ids(child, reader)
            kept = (sorted(found), frozenset(found))
            memo.put(key, kept, len(found))
        ids, members = kept
        return constant_list(ids, members, self.score) if ids else NullMatcher()


def compile_query(node: Node) -> Any:
    """The Whoosh query for `node`; a lone negation means "every turn except"."""
    if isinstance(node, Not):
        return wq.And([wq.Every(), wq.Not(compile_query(node.child))])
    return _compile(node)


#: What a filter adds to a hit's score: next to nothing (Whoosh reads an exact 0 as 1).
_FILTER_SCORE = 1e-9


def _filter(q: Any) -> Any:
    return _Filter(q, _FILTER_SCORE)


def _compile(node: Node) -> Any:
    if isinstance(node, Terms):
        if len(node.terms) == 1:
            q: Any = wq.Term(node.field, node.terms[0])
        elif node.field in _UNPOSITIONED:
            q = wq.And([wq.Term(node.field, term) for term in node.terms])
        else:
            q = CheckedPhrase(node.field, list(node.terms))
        return _filter(q) if node.field in _FILTER_FIELDS else q
    if isinstance(node, Prefix):
        q = DocSetPrefix(node.field, node.prefix)
        return _filter(q) if node.field in _FILTER_FIELDS else q
    if isinstance(node, Wildcard):
        q = DocSetWildcard(node.field, node.pattern)
        return _filter(q) if node.field in _FILTER_FIELDS else q
    if isinstance(node, TranscriptIs):
        options: list[Any] = []
        if node.id_prefix is not None:
            options.append(wq.Prefix("transcript", node.id_prefix))
        if node.title_terms:
            if len(node.title_terms) == 1:
                options.append(wq.Term("title", node.title_terms[0]))
            else:
                options.append(wq.And([wq.Term("title", t) for t in node.title_terms]))
        return _filter(options[0] if len(options) == 1 else wq.Or(options))
    if isinstance(node, KindIs):
        return _filter(wq.Term("kind", node.kind.value))
    if isinstance(node, DateIn):
        start = dt.datetime.combine(node.start, dt.time.min) if node.start else None
        end = dt.datetime.combine(node.end, dt.time.max) if node.end else None
        return _filter(wq.DateRange("date", start, end))
    if isinstance(node, And):
        return wq.And([_compile(child) for child in node.children])
    if isinstance(node, Or):
        return wq.Or([_compile(child) for child in node.children])
    if isinstance(node, Not):
        return wq.Not(_compile(node.child))
    raise AssertionError(f"unknown node {node!r}")  # pragma: no cover


__all__ = ["TEXT_FIELD", "compile_query"]
