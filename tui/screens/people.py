"""The people finder (key p): choose an official, an outlet or a reporter, and the question
list keeps only their questions, across the briefings (with the search, if one is on).

Typing narrows the list (any part of a name, or a role: "official", "outlet", "asker");
each row says how many questions the person had a part in, in how many briefings. The
first row, "Everyone", drops the person filter. The people of a large library take a
while to gather (every exchange of every briefing), so the finder opens at once and lists
them from a thread worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.worker import Worker, WorkerState

from search_index.people import ROLE_WORDS, Person, PersonFilter
from tui.screens.finder import FinderRows, FinderScreen
from tui.view_model import LibraryView, people_of

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

#: The role as the list shows it, and the words that find it.
ROLE_LABELS = {"official": "official", "outlet": "outlet", "asker": "reporter"}
#: The finder's status while the people are being gathered.
LISTING = "Listing the people of the briefings…"


@dataclass(frozen=True)
class PersonChoice:
    """What the finder returns: a person to filter to, or None for everyone."""

    person: PersonFilter | None


@dataclass(frozen=True)
class PersonRow:
    """A person as the finder lists them: the row, and the words that find it."""

    person: Person
    prompt: Content
    haystack: str


def person_prompt(person: Person) -> Content:
    """A person's row: role, name, then how many questions in how many briefings."""
    questions = "question" if person.questions == 1 else "questions"
    briefings = "briefing" if person.briefings == 1 else "briefings"
    return Content.assemble(
        (f"{ROLE_LABELS[person.role]:<9}", "$text-muted"),
        (person.name, "bold"),
        (f"  {person.questions} {questions} in {person.briefings} {briefings}", "$text-muted"),
    )


def person_rows(people: Sequence[Person]) -> list[PersonRow]:
    """The finder's rows for `people`, made once (not per keystroke)."""
    return [
        PersonRow(
            person,
            person_prompt(person),
            " ".join(
                (person.name, person.role, ROLE_LABELS[person.role], ROLE_WORDS[person.role])
            ).casefold(),
        )
        for person in people
    ]


def matches(row: PersonRow, words: Sequence[str]) -> bool:
    """True when every word is in the person's name, role or role words."""
    return all(word in row.haystack for word in words)


class PeopleScreen(FinderScreen[PersonChoice]):
    """Choose whose questions the question list keeps."""

    PROMPT = "List only the questions answered by an official, or asked by an outlet or a reporter:"
    PLACEHOLDER = "Type a name, an outlet, or official / outlet / reporter…"

    @dataclass
    class Listed(Message):
        """The people of the library, gathered by the worker."""

        rows: list[PersonRow]

    def __init__(self, library: LibraryView, current: PersonFilter | None) -> None:
        """A finder over the people of `library` (`people_of`); `current` is the filter in
        use."""
        super().__init__()
        self.library = library
        self.current = current
        self.rows: list[PersonRow] | None = None
        """Every person's row, once the worker has gathered them."""
        self.listed: list[Person | None] = []

    def on_mount(self) -> None:
        """Gather the people in the background (the finder shows meanwhile)."""
        self.list_people()

    @work(thread=True, exclusive=True, exit_on_error=False, group="people")
    def list_people(self) -> None:
        """The people of the library, with their rows (in a thread)."""
        self.post_message(self.Listed(person_rows(people_of(self.library))))

    @on(Listed)
    def _listed(self, event: Listed) -> None:
        """List the people, narrowed by what was typed meanwhile."""
        self.rows = event.rows
        self.refilter(self.box.value, first=True)

    @on(Worker.StateChanged)
    def _listing_failed(self, event: Worker.StateChanged) -> None:
        """Say why there is nobody to list, in the status line."""
        if event.state == WorkerState.ERROR:
            self.set_status(f"The people could not be listed: {event.worker.error}", error=True)

    def rows_for(self, text: str) -> FinderRows:
        """Everyone (when nothing is typed), then the people matching the words typed."""
        if self.rows is None:
            self.listed = []
            return FinderRows([], LISTING)
        words = text.casefold().split()
        found = [row for row in self.rows if matches(row, words)]
        self.listed = ([] if words else [None]) + [row.person for row in found]
        rows = ([] if words else [Content.styled("Everyone (no person filter)", "italic")]) + [
            row.prompt for row in found
        ]
        status = f"{len(found)} of {len(self.rows)} {'person' if len(self.rows) == 1 else 'people'}"
        if not self.rows:
            status = "No questions were recognised in these briefings."
        return FinderRows(rows, status)

    def start_row(self) -> int:
        """The person filtered to now, if any."""
        for row, person in enumerate(self.listed):
            if person is not None and person.filter == self.current:
                return row
        return 0

    def pick(self, row: int | None) -> None:
        """Close on the person chosen (or on everyone); nothing while none is listed."""
        if row is None or not 0 <= row < len(self.listed):
            return
        person = self.listed[row]
        self.dismiss(PersonChoice(None if person is None else person.filter))


def choose_person(main: MainScreen) -> None:
    """Open the people finder over the main screen's library; the question list then keeps
    the questions of the person chosen."""
    library = main.library
    if library is None or not library.outlines:
        main.notify("No briefings are loaded yet.", severity="warning")
        return

    def chosen(choice: PersonChoice | None) -> None:
        if choice is not None:
            main.set_scope(main.panes.scope.with_person(choice.person))

    main.app.push_screen(PeopleScreen(library, main.panes.scope.person), callback=chosen)
