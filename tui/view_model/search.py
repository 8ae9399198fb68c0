"""A search's outcome mapped onto the question list: which entries, which words, in order.

Search hits come from the index as (transcript, turn) pairs; the app shows entries. The
functions here group the hits by entry (best first), find every occurrence of the query's
terms in the turns an entry shows (so that what is highlighted and what `n`/`N` visit
agree), and say what the question list and the status line show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from tui.view_model.briefings import LibraryView, briefing_label
from tui.view_model.outline import Entry


@dataclass(frozen=True)
class Match:
    """One occurrence of a search term in a turn, in the order `n` visits them."""

    entry_key: str
    turn: int
    start: int
    end: int


@dataclass(frozen=True)
class EntryHits:
    """An entry that has search hits, with how many matched terms the answer view shows."""

    entry_key: str
    count: int


@dataclass(frozen=True, repr=False)
class SearchOutcome:
    """What a query found, mapped onto the library's entries."""

    query: str
    entries: tuple[EntryHits, ...]
    """Entries with hits, best first."""
    matches: tuple[Match, ...]
    """Every highlighted term, entry by entry in the order of `entries`, then in reading order."""
    spans: Mapping[tuple[str, int], tuple[tuple[int, int], ...]]
    """Highlight spans per (transcript id, turn index), as offsets into the turn's text."""
    first: int | None
    """The match Enter goes to: the first of the best entry in reading order (its question
    first, then the answers), or None when nothing is highlighted."""
    total_hits: int
    note: str | None = None
    """What was repaired in the query, if anything (the index's note)."""
    partial: bool = False
    """The search stopped at its time limit: these are the best hits of the turns it
    looked at, not of the whole library."""

    def __repr__(self) -> str:
        return f"SearchOutcome({self.query!r}, {len(self.matches)} matches)"

    @property
    def is_empty(self) -> bool:
        """True when nothing in the library matched."""
        return not self.entries

    def spans_for(self, entry: Entry) -> dict[int, tuple[tuple[int, int], ...]]:
        """The highlight spans in the turns `entry` shows, by turn index."""
        return {
            turn: self.spans[(entry.transcript_id, turn)]
            for turn in entry.turns
            if (entry.transcript_id, turn) in self.spans
        }


SpanFinder = Callable[[str, str], Sequence[tuple[int, int]]]
"""`match_spans(query, text)`: where a query's terms occur in a text."""


@dataclass(frozen=True)
class HitRef:
    """The parts of a search hit the app needs: where it is."""

    transcript: str
    turn: int


def map_hits(
    library: LibraryView,
    query: str,
    hits: Sequence[HitRef],
    match_spans: SpanFinder,
    total_hits: int | None = None,
    note: str | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    partial: bool = False,
) -> SearchOutcome | None:
    """Group `hits` (best first) by entry and find every term occurrence to highlight.

    Hits in transcripts or turns the library does not show are ignored. Within an entry
    every shown turn is scanned (not only the hit turns), so that what is highlighted and
    what `n`/`N` visit agree. `note` and `partial` are the index's word on the search (a
    repaired query, a search stopped at its time limit). Returns None as soon as
    `cancelled()` says the result is no longer wanted (a newer query superseded this one).
    """
    ranked: list[str] = []
    for hit in hits:
        outline = library.find_transcript(hit.transcript)
        if outline is None:
            continue
        key = outline.entry_of_turn.get(hit.turn)
        if key is None:
            continue
        if key not in ranked:
            ranked.append(key)
    spans: dict[tuple[str, int], tuple[tuple[int, int], ...]] = {}
    matches: list[Match] = []
    entry_hits: list[EntryHits] = []
    for key in ranked:
        if cancelled is not None and cancelled():
            return None
        entry = library.entry(key)
        if entry is None:  # pragma: no cover - keys come from the library itself
            continue
        outline = library.outline(entry.transcript_id)
        assert outline is not None
        count = 0
        for turn_index in entry.turns:
            found = tuple(sorted(match_spans(query, outline.turn(turn_index).text)))
            if not found:
                continue
            spans[(entry.transcript_id, turn_index)] = found
            for start, end in found:
                matches.append(Match(key, turn_index, start, end))
            count += len(found)
        entry_hits.append(EntryHits(key, count or 1))
    return SearchOutcome(
        query=query,
        entries=tuple(entry_hits),
        matches=tuple(matches),
        spans=spans,
        first=0 if matches else None,
        total_hits=len(hits) if total_hits is None else total_hits,
        note=note,
        partial=partial,
    )


EntryGroups = list[tuple[str | None, list[Entry]]]
"""Entries under optional headings, as the question list shows them."""


def group_hits(library: LibraryView, outcome: SearchOutcome) -> EntryGroups:
    """The entries with hits, as the question list shows them.

    In a library of several briefings there is one group per briefing (headed by its
    date and title), in the order of each briefing's best hit; otherwise one group.
    """
    entries = [library.entry(item.entry_key) for item in outcome.entries]
    listed = [entry for entry in entries if entry is not None]
    if len(library.outlines) <= 1:
        return [(None, listed)]
    by_briefing: dict[str, list[Entry]] = {}
    for entry in listed:
        by_briefing.setdefault(entry.transcript_id, []).append(entry)
    groups: EntryGroups = []
    for transcript_id, mine in by_briefing.items():
        outline = library.outline(transcript_id)
        if outline is not None:
            groups.append((briefing_label(outline), mine))
    return groups


#: What the status line adds for a search stopped at its time limit.
PARTIAL_NOTE = "partial: stopped at the time limit"
#: What the app says once of such a search (the CLI says it on standard error).
PARTIAL_NOTICE = (
    "The search stopped at its time limit: these are the best hits of the turns it looked "
    "at, not of the whole library."
)


def outcome_summary(outcome: SearchOutcome, position: int | None) -> list[str]:
    """What the status line says of a search: where `n` is, or how much was found.

    For example ["3/23"], ["23 matches in 4 questions · Enter, n/N"] or ["no hits"],
    then `PARTIAL_NOTE` for a search stopped at its time limit, then the search's note
    (what was repaired in the query) if it has one.
    """
    parts: list[str] = []
    if outcome.is_empty:
        parts.append("no hits")
    elif position is not None:
        parts.append(f"{position + 1}/{len(outcome.matches)}")
    else:
        total = len(outcome.matches)
        noun = "match" if total == 1 else "matches"
        places = len(outcome.entries)
        where = "question" if places == 1 else "questions"
        parts.append(f"{total} {noun} in {places} {where} · Enter, n/N")
    if outcome.partial:
        parts.append(PARTIAL_NOTE)
    if outcome.note:
        parts.append(outcome.note)
    return parts
