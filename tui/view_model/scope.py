"""What the question list is narrowed to: one person, some briefings, and an order.

A `ListScope` combines with the search: with a query active, only the hits in scope are
listed (and `n`/`N` visit only theirs); without one, a person filter lists that person's
questions across the briefings in scope, grouped by briefing, and a briefing filter alone
narrows the picker. The order puts search results best first (the default) or by date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, get_args

from search_index.date_filter import BriefingFilter, BriefingOrder, briefing_sort_key
from search_index.models import Exchange
from search_index.people import Person, PersonFilter, library_people
from tui.view_model.briefings import LibraryView, briefing_label
from tui.view_model.outline import Entry, Outline
from tui.view_model.search import EntryGroups, SearchOutcome

ListOrder = Literal["relevance", "newest", "oldest"]
"""Best hits first (a search), or by the briefing's date, newest or oldest first."""

LIST_ORDERS: tuple[ListOrder, ...] = get_args(ListOrder)
LIST_ORDER_NAMES: dict[ListOrder, str] = {
    "relevance": "best first",
    "newest": "newest first",
    "oldest": "oldest first",
}


@dataclass(frozen=True)
class ListScope:
    """The person and the briefings the question list keeps, and its order."""

    person: PersonFilter | None = None
    briefings: BriefingFilter | None = None
    order: ListOrder = "relevance"

    @property
    def filters_briefings(self) -> bool:
        """True when some briefings are left out."""
        return self.briefings is not None and not self.briefings.is_empty

    @property
    def is_filtered(self) -> bool:
        """True when a person or a briefing filter is on."""
        return self.person is not None or self.filters_briefings

    def includes_briefing(self, outline: Outline) -> bool:
        """True when the briefing passes the briefing filter."""
        return self.briefings is None or self.briefings.matches(outline.transcript)

    def with_person(self, person: PersonFilter | None) -> ListScope:
        """This scope with another person filter (None: any person)."""
        return replace(self, person=person)

    def with_briefings(self, briefings: BriefingFilter | None) -> ListScope:
        """This scope with another briefing filter (None or empty: every briefing)."""
        kept = None if briefings is None or briefings.is_empty else briefings
        return replace(self, briefings=kept)

    def with_order(self, order: ListOrder) -> ListScope:
        """This scope in another order."""
        return replace(self, order=order)

    def cleared(self) -> ListScope:
        """No filters (the order stays)."""
        return ListScope(order=self.order)

    def describe(self) -> str:
        """The filters and the order in words, for the status line ("" when nothing is on)."""
        parts = []
        if self.person is not None:
            parts.append(self.person.describe())
        if self.briefings is not None and not self.briefings.is_empty:
            parts.append(self.briefings.describe())
        if self.order != "relevance":
            parts.append(LIST_ORDER_NAMES[self.order])
        return " · ".join(parts)


def next_list_order(order: ListOrder) -> ListOrder:
    """The order after `order`: best first → newest first → oldest first → best first."""
    return LIST_ORDERS[(LIST_ORDERS.index(order) + 1) % len(LIST_ORDERS)]


def _exchanges_by_question(outline: Outline) -> dict[int, Exchange]:
    return {exchange.question_turn: exchange for exchange in outline.transcript.exchanges}


def entries_in_scope(outline: Outline, scope: ListScope) -> list[Entry]:
    """The entries of one briefing the scope keeps (all of them without a person filter)."""
    if not scope.includes_briefing(outline):
        return []
    person = scope.person
    if person is None:
        return list(outline.entries)
    exchanges = _exchanges_by_question(outline)
    kept = []
    for entry in outline.entries:
        exchange = None if entry.question_turn is None else exchanges.get(entry.question_turn)
        if exchange is not None and person.matches(exchange):
            kept.append(entry)
    return kept


def briefings_in_scope(library: LibraryView, scope: ListScope) -> list[Outline]:
    """The briefings the briefing filter keeps, in the library's order."""
    return [outline for outline in library.outlines if scope.includes_briefing(outline)]


def _date_order(outlines: Sequence[Outline], order: ListOrder) -> list[Outline]:
    by_date: BriefingOrder = "oldest" if order == "oldest" else "newest"
    return sorted(outlines, key=lambda outline: briefing_sort_key(outline.transcript, by_date))


def browse_groups(library: LibraryView, scope: ListScope) -> EntryGroups:
    """A person's questions across the briefings in scope, grouped under each briefing's
    date and title, by date (newest first unless the scope says oldest); in a library of
    one briefing, one group without a heading (as search results are)."""
    groups: EntryGroups = []
    for outline in _date_order(briefings_in_scope(library, scope), scope.order):
        entries = entries_in_scope(outline, scope)
        if entries:
            heading = briefing_label(outline) if len(library.outlines) > 1 else None
            groups.append((heading, entries))
    return groups


def scoped_outcome(outcome: SearchOutcome, library: LibraryView, scope: ListScope) -> SearchOutcome:
    """`outcome` with only the entries in scope (and their matches and highlights)."""
    if not scope.is_filtered:
        return outcome
    kept_keys: set[str] = set()
    allowed: dict[str, set[str]] = {}
    for item in outcome.entries:
        entry = library.entry(item.entry_key)
        if entry is None:
            continue
        if entry.transcript_id not in allowed:
            outline = library.outline(entry.transcript_id)
            keep = [] if outline is None else entries_in_scope(outline, scope)
            allowed[entry.transcript_id] = {kept.key for kept in keep}
        if item.entry_key in allowed[entry.transcript_id]:
            kept_keys.add(item.entry_key)
    matches = tuple(match for match in outcome.matches if match.entry_key in kept_keys)
    first: int | None = None
    if outcome.first is not None and outcome.matches[outcome.first] in matches:
        first = matches.index(outcome.matches[outcome.first])
    elif matches:
        first = 0
    return SearchOutcome(
        query=outcome.query,
        entries=tuple(item for item in outcome.entries if item.entry_key in kept_keys),
        matches=matches,
        spans=outcome.spans,
        first=first,
        total_hits=outcome.total_hits,
        note=outcome.note,
        partial=outcome.partial,
    )


def order_groups(groups: EntryGroups, library: LibraryView, order: ListOrder) -> EntryGroups:
    """Search results grouped by briefing, the groups in `order` (as they are for
    "relevance"); by date, each briefing's entries come in reading order."""
    if order == "relevance":
        return groups

    placed: list[tuple[Outline, str | None, list[Entry]]] = []
    for heading, entries in groups:
        outline = library.outline(entries[0].transcript_id) if entries else None
        if outline is not None:
            placed.append((outline, heading, entries))
    by_date: BriefingOrder = "oldest" if order == "oldest" else "newest"
    placed.sort(key=lambda group: briefing_sort_key(group[0].transcript, by_date))
    ordered: EntryGroups = []
    for outline, heading, entries in placed:
        position = {entry.key: n for n, entry in enumerate(outline.entries)}
        ordered.append((heading, sorted(entries, key=lambda e: position.get(e.key, 0))))
    return ordered


_people_of: tuple[LibraryView, list[Person]] | None = None


def people_of(library: LibraryView) -> list[Person]:
    """The people of `library`'s exchanges (`library_people`), computed once per library."""
    global _people_of
    if _people_of is None or _people_of[0] is not library:
        _people_of = (library, library_people(library.transcripts))
    return _people_of[1]
