"""Compile a parsed query tree (query.py) into a Whoosh query."""

from __future__ import annotations

import datetime as dt
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
from search_index.index.whoosh_phrase import CheckedPhrase
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
