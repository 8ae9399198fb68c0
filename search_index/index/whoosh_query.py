"""Compile a parsed query tree (query.py) into a Whoosh query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from whoosh import query as wq
from whoosh.matching import (
    IntersectionMatcher,
    InverseMatcher,
    ListMatcher,
    NullMatcher,
    NullMatcherClass,
)

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
from search_index.index.whoosh_postings import deltas_decoder, phrase_scoring, posting_values
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
            found = _filter_ids(self.child, searcher, reader, context)
            kept = (sorted(found), frozenset(found))
            memo.put(key, kept, len(found))
        ids, members = kept
        return constant_list(ids, members, self.score) if ids else NullMatcher()


class _LazyIntersection(IntersectionMatcher):  # type: ignore[misc]
    """Whoosh's IntersectionMatcher, without moving its sides to their first common turn
    when it is made.

    Whoosh's makes both sides skip ahead, a posting at a time, until they agree: for two
    words that seldom meet, most of their postings decoded one by one before the bulk
    evaluation (which reads them whole anyway, `whoosh_bulk.py`) even starts. Here that
    first step waits until something walks the matcher the ordinary way. Except beside a
    negation: an InverseMatcher has already moved its child past the turns it excludes
    before its first match, and the bulk evaluation counts on the other side having been
    moved there too.
    """

    def __init__(self, a: Any, b: Any) -> None:
        super(IntersectionMatcher, self).__init__(a, b)
        self._synced = False
        if type(a) is InverseMatcher or type(b) is InverseMatcher:
            self._sync()

    def _sync(self) -> None:
        if not self._synced:
            self._synced = True
            self._find_first()

    def reset(self) -> None:
        self.a.reset()
        self.b.reset()
        self._synced = False

    def is_active(self) -> bool:
        self._sync()
        return bool(super().is_active())

    def id(self) -> int:
        self._sync()
        return int(super().id())

    def next(self) -> Any:
        self._sync()
        return super().next()

    def skip_to(self, id: int) -> Any:
        self._sync()
        return super().skip_to(id)

    def skip_to_quality(self, minquality: float) -> Any:
        self._sync()
        return super().skip_to_quality(minquality)

    def replace(self, minquality: float = 0) -> Any:
        self._sync()
        return super().replace(minquality)

    def score(self) -> float:
        self._sync()
        return float(super().score())

    def weight(self) -> float:
        self._sync()
        return float(super().weight())

    def block_quality(self) -> float:
        self._sync()
        return float(super().block_quality())

    def spans(self) -> Any:
        self._sync()
        return super().spans()


evaluate_like(_LazyIntersection, IntersectionMatcher)


class _And(wq.And):  # type: ignore[misc]
    """Whoosh's And, its matcher tree the same shape (so its scores are added in the same
    order), of `_LazyIntersection`s."""

    def _matcher(self, subs: Any, searcher: Any, context: Any) -> Any:
        reader = searcher.reader()
        return self._tree_matcher(
            subs, _LazyIntersection, searcher, context, lambda q: 0 - q.estimate_size(reader)
        )


def _filter_ids(q: Any, searcher: Any, reader: Any, context: Any) -> Any:
    """The turns of a segment a filter's query matches, read in bulk.

    Whoosh matches a range of dates as a constant-score OR of term ranges, which it lists
    one posting at a time through a tree of union matchers (a second per half-year at
    100,000 turns); here each term's postings are read whole. A phrase (a speaker's name)
    is checked without being scored.
    """
    kind = type(q)
    if isinstance(q, wq.NumericRange):
        return _filter_ids(q._compile_query(reader), searcher, reader, context)
    if kind is wq.ConstantScoreQuery:
        return _filter_ids(q.child, searcher, reader, context)
    if kind is wq.Or:
        found: set[int] = set()
        for sub in q.subqueries:
            found.update(_filter_ids(sub, searcher, reader, context))
        return found
    if kind in (wq.Term, wq.TermRange, wq.Prefix):
        field = q.fieldname
        texts = [q.text] if kind is wq.Term else q._btexts(reader)
        found = set()
        for text in texts:
            check_deadline()
            if (field, text) in reader:
                found.update(match_ids(reader.postings(field, text), reader))
        return found
    if kind is CheckedPhrase:
        return q.matching_ids(searcher, reader, context)
    child = q.matcher(searcher, context)
    return () if isinstance(child, NullMatcherClass) else match_ids(child, reader)


def compile_query(node: Node) -> Any:
    """The Whoosh query for `node`; a lone negation means "every turn except"."""
    if isinstance(node, Not):
        return _And([wq.Every(), wq.Not(compile_query(node.child))])
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
            q = _And([wq.Term(node.field, term) for term in node.terms])
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
                options.append(_And([wq.Term("title", t) for t in node.title_terms]))
        return _filter(options[0] if len(options) == 1 else wq.Or(options))
    if isinstance(node, KindIs):
        return _filter(wq.Term("kind", node.kind.value))
    if isinstance(node, DateIn):
        start = dt.datetime.combine(node.start, dt.time.min) if node.start else None
        end = dt.datetime.combine(node.end, dt.time.max) if node.end else None
        return _filter(wq.DateRange("date", start, end))
    if isinstance(node, And):
        return _And([_compile(child) for child in node.children])
    if isinstance(node, Or):
        return wq.Or([_compile(child) for child in node.children])
    if isinstance(node, Not):
        return wq.Not(_compile(node.child))
    raise AssertionError(f"unknown node {node!r}")  # pragma: no cover


__all__ = ["TEXT_FIELD", "compile_query"]
