"""Compile a parsed query tree (query.py) into a Whoosh query."""

from __future__ import annotations

import datetime as dt
from typing import Any

from whoosh import query as wq

from search_index.index.query import (
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

#: Fields that only filter: they match or not, and add nothing to the score.
_FILTER_FIELDS = {"speaker_text", "asker_text", "figures"}


def compile_query(node: Node) -> Any:
    """The Whoosh query for `node`; a lone negation means "every turn except"."""
    if isinstance(node, Not):
        return wq.And([wq.Every(), wq.Not(compile_query(node.child))])
    return _compile(node)


def _filter(q: Any) -> Any:
    return wq.ConstantScoreQuery(q, 0.0)


def _compile(node: Node) -> Any:
    if isinstance(node, Terms):
        if len(node.terms) == 1:
            q: Any = wq.Term(node.field, node.terms[0])
        else:
            q = wq.Phrase(node.field, list(node.terms))
        return _filter(q) if node.field in _FILTER_FIELDS else q
    if isinstance(node, Prefix):
        q = wq.Prefix(node.field, node.prefix)
        return _filter(q) if node.field in _FILTER_FIELDS else q
    if isinstance(node, Wildcard):
        q = wq.Wildcard(node.field, node.pattern)
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
