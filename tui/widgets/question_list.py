"""The question list: opening remarks, one row per press exchange, closing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.view_model import Entry


def entry_prompt(entry: Entry, hits: int | None = None) -> Content:
    """The two-line row of an entry: number and outlet, then the question's first words."""
    if entry.number is None:
        head = Content.styled(entry.title, "bold $text-secondary")
    else:
        head = Content.assemble((f"{entry.number:>2} ", "bold $text-accent"), (entry.title, "bold"))
    summary = Content("   ")
    if hits is not None:
        noun = "hit" if hits == 1 else "hits"
        summary = summary.append(Content.styled(f"{hits} {noun} ", "bold $text-warning"))
    summary = summary.append(Content.styled(entry.summary, "$text-muted"))
    return Content("\n").join([head, summary])


class QuestionList(OptionList):
    """The entries of the briefing on show, or the entries with search hits."""

    DEFAULT_CSS = """
    QuestionList {
        height: 1fr;
        max-height: 100%;
        border: round $foreground 25%;
        border-title-color: $text-muted;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    QuestionList:focus {
        border: round $accent;
        border-title-color: $text-accent;
    }
    QuestionList > .option-list--option {
        padding: 0 0 0 0;
    }
    """

    HELP = """
## Question list

One row per press question, with the opening remarks first and the closing last.
While a search is active, only questions with hits are listed, best first, with their
number of hits.

- **j / k / ↑ / ↓** move; **PgDn / PgUp** a page; **g / G** or **Home / End** the ends
- **Enter** opens the answer (focus moves to it)
- **m** marks the whole answer for the clip sheet (again: unmarks it); **M** lists the marks
- **p** lists only one person's questions, across the briefings; **b** filters the
  briefings by date (`date:2021-04`); **o** orders the results by date; **x** clears
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    @dataclass
    class EntryHighlighted(Message):
        """The cursor moved onto an entry (the answer view follows it)."""

        question_list: QuestionList
        entry_key: str

        @property
        def control(self) -> QuestionList:
            """The question list the message came from."""
            return self.question_list

    @dataclass
    class EntryOpened(Message):
        """Enter was pressed on an entry."""

        question_list: QuestionList
        entry_key: str

        @property
        def control(self) -> QuestionList:
            """The question list the message came from."""
            return self.question_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """A question list with no entries yet."""
        super().__init__(id=id, classes=classes)
        self._keys: list[str | None] = []

    @property
    def entry_keys(self) -> list[str]:
        """The keys of the listed entries, top to bottom."""
        return [key for key in self._keys if key is not None]

    @property
    def highlighted_key(self) -> str | None:
        """The key of the entry under the cursor, or None."""
        if self.highlighted is None or self.highlighted >= len(self._keys):
            return None
        return self._keys[self.highlighted]

    def show_entries(
        self,
        groups: Sequence[tuple[str | None, Sequence[Entry]]],
        hits: Mapping[str, int] | None = None,
        select: str | None = None,
    ) -> None:
        """List `groups` of entries (each under an optional heading) and put the cursor on
        `select` (or the first entry); the move is announced like any other."""
        options: list[Option] = []
        self._keys = []
        for heading, entries in groups:
            if heading is not None:
                options.append(
                    Option(Content.styled(heading, "bold reverse $text-primary"), disabled=True)
                )
                self._keys.append(None)
            for entry in entries:
                count = None if hits is None else hits.get(entry.key)
                options.append(Option(entry_prompt(entry, count), id=entry.key))
                self._keys.append(entry.key)
        self.set_options(options)
        target = select if select in self._keys else None
        if target is None:
            target = next((key for key in self._keys if key is not None), None)
        self.highlighted = None if target is None else self._keys.index(target)

    def move_to(self, entry_key: str) -> bool:
        """Put the cursor on `entry_key`; False when it is not listed."""
        if entry_key not in self._keys:
            return False
        self.highlighted = self._keys.index(entry_key)
        return True

    @on(OptionList.OptionHighlighted)
    def _announce_highlight(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is None or event.option_index != self.highlighted:
            return  # stale: the cursor has moved on since
        self.post_message(self.EntryHighlighted(self, event.option.id))

    @on(OptionList.OptionSelected)
    def _announce_open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.EntryOpened(self, event.option.id))
