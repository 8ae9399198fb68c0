"""Turns that share a passage's rarest words: what a quote check aligns the quote with.

A quote may be cut short, have words left out or changed, so a phrase query would miss
it. Its rarest indexed words identify it. Three cheap lookups find the candidates:

* the turns holding the most of the quote's words and sentence seams (its phrases where
  two sentences meet): the turns of the rarest one, narrowed to a few hundred by the
  others in turn (a word no turn holds with them is passed over), then ranked by how
  many of the rest each holds. When even the best lacks one, the rarest may be a word
  the quote changed (a number held by other turns): it is done again without it. This
  finds a quote made only of common words (its words together are rare even when each
  alone is not), and the one turn of many that repeat its sentences told apart by a
  number or by which sentence follows which;
* the words held by few turns (at most `rare_share` of them), OR-ed and ranked by BM25F:
  a name, a number or an unusual word pins a passage down in a few hundred postings;
* when few turns hold the rarest words, the turns holding all but one of a few of them
  taken from all along the quote (one of them may be a word the quote changed).

All stay cheap on a large library: no lookup reads more than POSTINGS_BUDGET postings
of one word, and the narrowed turns are checked by skipping to each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

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
#: Words and phrases `narrow` tries at most, and how many times it starts again.
NARROW_STEPS = 16
NARROW_ROUNDS = 3
#: Turns `narrow` counts the constraints of (narrowed to at most this many first).
NARROW_POOL = 200
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
    from whoosh.query import And, Or, Term

    known = _known(searcher, text)
    if not known or bodies is None:
        return []
    order: dict[int, float] = {}
    frequency_of = {term: frequency for frequency, _, term in known}

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
    narrowed = narrow(searcher, _constraints(phrases, spread, known, frequency_of), limit)
    for docnum in narrowed:
        order.setdefault(docnum, 0.0)
    total = max(1, int(searcher.doc_count()))
    cap = max(RARE_FLOOR, int(total * RARE_SHARE))
    rare = [term for frequency, _, term in sorted(known)[:terms] if frequency <= cap]
    if rare and len(order) < limit:
        query = Or([Term("text", t) for t in rare])
        for hit in searcher.search(query, limit=limit - len(order)):
            order.setdefault(hit.docnum, float(hit.score or 0.0))
    cost = sum(frequency_of[term] for term in spread)
    if len(narrowed) < FEW and len(spread) > 2 and cost <= POSTINGS_BUDGET // 2:
        # A word the quote changed may be among the rarest: try without each in turn.
        for left_out in range(len(spread)):
            all_of(spread[:left_out] + spread[left_out + 1 :], min(FEW, limit - len(order)))
    return [_candidate(searcher, bodies, docnum, score) for docnum, score in order.items()]


class _Constraint(NamedTuple):
    """A word, or words side by side, that the quote's turn holds; and how many turns hold
    it at most (a phrase: its rarest word's)."""

    query: Any
    frequency: int


def _constraints(
    phrases: Sequence[str],
    spread: list[str],
    known: list[tuple[int, int, str]],
    frequency_of: dict[str, int],
) -> list[_Constraint]:
    """What `narrow` tries to hold together, surest first: the phrases (all of whose words
    the index knows, not all common), the spread words, then the other words by rarity."""
    from whoosh.query import Phrase, Term

    out: list[_Constraint] = []
    for phrase in phrases:
        words = stems(phrase)
        if len(words) < 2 or not all(w in frequency_of for w in words):
            continue
        rarest = min(frequency_of[w] for w in words)
        if rarest > POSTINGS_BUDGET // 4:
            continue  # common words all: too dear to look up side by side
        out.append(_Constraint(Phrase("text", words), rarest))
    out += [_Constraint(Term("text", term), frequency_of[term]) for term in spread]
    taken = set(spread)
    out += [
        _Constraint(Term("text", term), frequency)
        for frequency, _, term in sorted(known)
        if term not in taken
    ]
    return out[:NARROW_STEPS]


def narrow(searcher: Any, constraints: list[_Constraint], limit: int) -> list[int]:
    """The turns holding the most of `constraints` (see `_narrow_once`), best held first.

    When even the best of them lacks a constraint, the rarest one they all hold may be a
    word the quote changed (a number, say): the narrowing is done again without it
    (NARROW_ROUNDS at most), and the turns of every round are given, those holding more
    constraints first (2 × `limit` at most).
    """
    support: dict[int, int] = {}
    excluded: set[int] = set()
    for _ in range(NARROW_ROUNDS):
        start, held = _narrow_once(searcher, constraints, limit, excluded)
        for docnum, count in held:
            support[docnum] = max(support.get(docnum, 0), count)
        tried = len(constraints) - len(excluded)
        if start is None or (held and held[0][1] >= tried):
            break
        excluded.add(start)
    return sorted(support, key=lambda docnum: -support[docnum])[: 2 * limit]


def _narrow_once(
    searcher: Any, constraints: list[_Constraint], limit: int, excluded: set[int]
) -> tuple[int | None, list[tuple[int, int]]]:
    """The turns of the rarest constraint (not excluded, held by some turn), narrowed to
    NARROW_POOL by the others in order (each keeps the turns that hold it, unless none
    does); then each turn counts the constraints it holds.

    Returns the starting constraint and up to `limit` (turn, constraints held), most held
    first (index order among equals).
    """
    tried = sorted(
        (n for n in range(len(constraints)) if n not in excluded),
        key=lambda n: constraints[n].frequency,
    )
    ids: list[int] = []
    start: int | None = None
    for number in tried:
        ids = list(_first_ids(constraints[number].query.matcher(searcher), POSTINGS_BUDGET))
        if ids:
            start = number
            break
        excluded.add(number)  # a phrase the quote broke, a word it changed
    if start is None:
        return None, []
    held_by = dict.fromkeys(ids, 1)
    for number in (n for n in range(len(constraints)) if n not in excluded and n != start):
        held = _holding(searcher, constraints[number], ids)
        if len(ids) > NARROW_POOL:
            if held:
                ids = held
                held_by = {docnum: held_by[docnum] + 1 for docnum in ids}
            continue
        for docnum in held:
            held_by[docnum] += 1
    ranked = sorted(ids, key=lambda docnum: -held_by[docnum])[:limit]
    return start, [(docnum, held_by[docnum]) for docnum in ranked]


def _holding(searcher: Any, constraint: _Constraint, ids: list[int]) -> list[int]:
    """Those of `ids` (ascending) whose turns hold `constraint`: its postings read whole
    when there are few of them, else skipped to each id."""
    matcher = constraint.query.matcher(searcher)
    if constraint.frequency <= 4 * len(ids):
        held = set(_first_ids(matcher, constraint.frequency + 1))
        return [docnum for docnum in ids if docnum in held]
    out: list[int] = []
    for docnum in ids:
        if not matcher.is_active():
            break
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
            if not matcher.is_active():
                break
        if matcher.id() == docnum:
            out.append(docnum)
    return out


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
