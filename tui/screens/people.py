"""The people finder (key p): choose an official, an outlet or a reporter, and the question
list keeps only their questions, across the briefings (with the search, if one is on).

Typing narrows the list (any part of a name, or a role: "official", "outlet", "asker");
each row says how many questions the person had a part in, in how many briefings. The
first row, "Everyone", drops the person filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content

from search_index.people import ROLE_WORDS, Person, PersonFilter
from tui.screens.finder import FinderRows, FinderScreen

#: The role as the list shows it, and the words that find it.
ROLE_LABELS = {"official": "official", "outlet": "outlet", "asker": "reporter"}


@dataclass(frozen=True)
class PersonChoice:
    """What the finder returns: a person to filter to, or None for everyone."""

    person: PersonFilter | None


def person_prompt(person: Person) -> Content:
    """A person's row: role, name, then how many questions in how many briefings."""
    questions = "question" if person.questions == 1 else "questions"
    briefings = "briefing" if person.briefings == 1 else "briefings"
    return Content.assemble(
        (f"{ROLE_LABELS[person.role]:<9}", "$text-muted"),
        (person.name, "bold"),
        (f"  {person.questions} {questions} in {person.briefings} {briefings}", "$text-muted"),
    )


def matches(person: Person, words: Sequence[str]) -> bool:
    """True when every word is in the person's name, role or role words."""
    haystack = " ".join(
        (person.name, person.role, ROLE_LABELS[person.role], ROLE_WORDS[person.role])
    ).casefold()
    return all(word in haystack for word in words)


class PeopleScreen(FinderScreen[PersonChoice]):
    """Choose whose questions the question list keeps."""

    PROMPT = "List only the questions answered by an official, or asked by an outlet or a reporter:"
    PLACEHOLDER = "Type a name, an outlet, or official / outlet / reporter…"

    def __init__(self, people: Sequence[Person], current: PersonFilter | None) -> None:
        """A finder over `people` (`library_people`); `current` is the filter in use."""
        super().__init__()
        self.people = list(people)
        self.current = current
        self.listed: list[Person | None] = []

    def rows_for(self, text: str) -> FinderRows:
        """Everyone (when nothing is typed), then the people matching the words typed."""
        words = text.casefold().split()
        self.listed = [] if words else [None]
        self.listed += [person for person in self.people if matches(person, words)]
        rows = [
            Content.styled("Everyone (no person filter)", "italic")
            if person is None
            else person_prompt(person)
            for person in self.listed
        ]
        shown = sum(1 for person in self.listed if person is not None)
        status = f"{shown} of {len(self.people)} people"
        if not self.people:
            status = "No questions were recognised in these briefings."
        return FinderRows(rows, status)

    def start_row(self) -> int:
        """The person filtered to now, if any."""
        for row, person in enumerate(self.listed):
            if person is not None and person.filter == self.current:
                return row
        return 0

    def pick(self, row: int | None) -> None:
        """Close on the person chosen (or on everyone)."""
        if row is None or not 0 <= row < len(self.listed):
            return
        person = self.listed[row]
        self.dismiss(PersonChoice(None if person is None else person.filter))
