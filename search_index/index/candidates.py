"""Turns that share a passage's rarest words: what a quote check aligns the quote with.

A quote may be cut short, have words left out or changed, so a phrase query would miss
it. Its rarest indexed words identify it. Two cheap lookups find the candidates:

* the words held by few turns (at most `rare_share` of them), OR-ed and ranked by BM25F:
  a name, a number or an unusual word pins a passage down in a few hundred postings;
* the turns holding all of a few of the quote's rarest words taken from all along it,
  read in index order and cut off early (no scoring, blocks skipped): what identifies a
  quote made only of common words, since its words together are rare even when each
  alone is not. When one of them is a word the quote changed, leaving each out in turn
  finds the passage, so that is tried when few turns hold them all.

Both stay cheap on a large library: neither reads a common word's whole posting list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from search_index.index.analysis import stems
from search_index.index.hits import SearchHit

#: A word held by at most this share of the turns (or RARE_FLOOR turns) counts as rare.
RARE_SHARE = 0.002
RARE_FLOOR = 20
#: The quote is cut into this many stretches, and this many of each one's rarest words
#: are looked up together.
SPREAD_PARTS = 3
SPREAD_EACH = 2
#: Postings the "together" lookups may read (about 50 ms of Whoosh's decoding).
POSTINGS_BUDGET = 20_000
#: Turns taken from each phrase lookup.
PHRASE_HITS = 10
#: Fewer turns than this holding all of them: look again without each word in turn.
FEW = 5


class CandidateTurn(BaseModel):
    """A turn that may hold a passage: where it is, and its whole text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    hit: SearchHit
    text: str


def rare_terms(searcher: Any, text: str, count: int) -> list[str]:
    """The `count` indexed stems of `text` held by the fewest turns (rarest first)."""
    return [term for _, _, term in sorted(_known(searcher, text))[:count]]


def _known(searcher: Any, text: str) -> list[tuple[int, int, str]]:
    """(turns holding it, position, stem) of each distinct stem of `text` in the index."""
    known: list[tuple[int, int, str]] = []
    for order, term in enumerate(dict.fromkeys(stems(text))):
        frequency = int(searcher.doc_frequency("text", term))
        if frequency > 0:
            known.append((frequency, order, term))
    return known


def spread_terms(known: list[tuple[int, int, str]], parts: int, each: int) -> list[str]:
    """The `each` rarest stems of each of `parts` stretches of the text, in text order.

    Taken from all along the quote, they hold together only where the whole passage is,
    where the rarest words overall may all sit in one sentence found in many turns.
    """
    in_order = sorted(known, key=lambda item: item[1])
    size = max(1, -(-len(in_order) // parts))
    chosen: list[tuple[int, str]] = []
    for first in range(0, len(in_order), size):
        stretch = sorted(in_order[first : first + size])[:each]
        chosen.extend((order, term) for _, order, term in stretch)
    return [term for _, term in sorted(chosen)]


def find_candidates(
    searcher: Any,
    bodies: Any,
    text: str,
    terms: int,
    limit: int,
    phrases: Sequence[str] = (),
) -> list[CandidateTurn]:
    """Up to `limit` turns likely to hold `text`, the likeliest first (see the module).

    Each of `phrases` (a few words of the text, where two of its sentences meet, say) is
    looked up as a phrase first: the turns where those words are side by side.
    """
    from whoosh.query import And, Or, Phrase, Term

    known = _known(searcher, text)
    if not known or bodies is None:
        return []
    order: dict[int, float] = {}
    frequency_of = {term: frequency for frequency, _, term in known}
    for phrase in phrases:
        words = stems(phrase)
        if len(words) < 2 or len(order) >= limit or not all(w in frequency_of for w in words):
            continue
        if min(frequency_of[w] for w in words) > POSTINGS_BUDGET // 4:
            continue  # common words all: too dear to look up side by side
        matcher = Phrase("text", words).matcher(searcher)
        for docnum in _first_ids(matcher, min(PHRASE_HITS, limit - len(order))):
            order.setdefault(docnum, 0.0)

    def all_of(group: list[str], room: int) -> int:
        if not group or room <= 0:
            return 0
        query = And([Term("text", t) for t in group]) if len(group) > 1 else Term("text", group[0])
        added = 0
        for docnum in _first_ids(query.matcher(searcher), room):
            if docnum not in order:
                order[docnum] = 0.0
                added += 1
        return added

    spread = _affordable(spread_terms(known, SPREAD_PARTS, SPREAD_EACH), frequency_of)
    together = all_of(spread, limit)
    total = max(1, int(searcher.doc_count()))
    cap = max(RARE_FLOOR, int(total * RARE_SHARE))
    rare = [term for frequency, _, term in sorted(known)[:terms] if frequency <= cap]
    if rare and len(order) < limit:
        query = Or([Term("text", t) for t in rare])
        for hit in searcher.search(query, limit=limit - len(order)):
            order.setdefault(hit.docnum, float(hit.score or 0.0))
    cost = sum(frequency_of[term] for term in spread)
    if together < FEW and len(spread) > 2 and cost <= POSTINGS_BUDGET // 2:
        # A word the quote changed may be among those chosen: try without each in turn.
        for left_out in range(len(spread)):
            all_of(spread[:left_out] + spread[left_out + 1 :], min(FEW, limit - len(order)))
    return [_candidate(searcher, bodies, docnum, score) for docnum, score in order.items()]


def _affordable(terms: list[str], frequency_of: dict[str, int]) -> list[str]:
    """The rarest of `terms` (in their order) whose postings fit POSTINGS_BUDGET; two at least.

    Whoosh decodes postings in Python (a few microseconds each): on a large library a
    lookup of many common words together can read hundreds of thousands of them.
    """
    kept: set[str] = set()
    total = 0
    for term in sorted(terms, key=frequency_of.__getitem__):
        if len(kept) >= 2 and total + frequency_of[term] > POSTINGS_BUDGET:
            break
        kept.add(term)
        total += frequency_of[term]
    return [term for term in terms if term in kept]


def _first_ids(matcher: Any, count: int) -> Iterable[int]:
    """The first `count` document numbers a matcher gives (in index order)."""
    taken = 0
    while taken < count and matcher.is_active():
        yield matcher.id()
        taken += 1
        matcher.next()


def _candidate(searcher: Any, bodies: Any, docnum: int, score: float) -> CandidateTurn:
    from search_index.index.searching import to_hit

    body = bytes(bodies[docnum]).decode("utf-8")
    return CandidateTurn(hit=to_hit(searcher.stored_fields(docnum), score, "", ()), text=body)
