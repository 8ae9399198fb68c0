"""Turns that share a passage's rarest words: what a quote check aligns the quote with.

A quote may be cut short, have words left out or changed, so a phrase query would miss
it. Its rarest indexed words (fewest turns hold them) are what identify it: the turns
holding most of them, ranked by BM25F, are the candidates. Words the index does not
hold (a changed word, a misspelling) are simply not used.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from search_index.index.analysis import stems
from search_index.index.hits import SearchHit


class CandidateTurn(BaseModel):
    """A turn that may hold a passage: where it is, and its whole text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    hit: SearchHit
    text: str


def rare_terms(searcher: Any, text: str, count: int) -> list[str]:
    """The `count` indexed stems of `text` held by the fewest turns (rarest first)."""
    known: list[tuple[int, int, str]] = []
    for order, term in enumerate(dict.fromkeys(stems(text))):
        frequency = int(searcher.doc_frequency("text", term))
        if frequency > 0:
            known.append((frequency, order, term))
    known.sort()
    return [term for _, _, term in known[:count]]


def find_candidates(
    searcher: Any, bodies: Any, text: str, terms: int, limit: int
) -> list[CandidateTurn]:
    """The `limit` turns best matching the rarest `terms` stems of `text`, best first."""
    from whoosh.query import Or, Term

    from search_index.index.store import _hit

    chosen = rare_terms(searcher, text, terms)
    if not chosen or bodies is None:
        return []
    query = Or([Term("text", term) for term in chosen])
    found: list[CandidateTurn] = []
    for hit in searcher.search(query, limit=limit):
        body = bytes(bodies[hit.docnum]).decode("utf-8")
        found.append(
            CandidateTurn(hit=_hit(hit.fields(), float(hit.score or 0.0), "", ()), text=body)
        )
    return found
