"""A finder: a modal with a filter box over a list, narrowed as you type.

The people and briefings screens are finders. Typing filters the list; Up/Down (or j/k in
the list) move in it while the box keeps the focus; Enter picks the row under the cursor;
Esc closes without choosing. A subclass says what the rows are (`rows_for`) and what a
pick returns (`pick`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

T = TypeVar("T")


@dataclass(frozen=True)
class FinderRows:
    """What a filter text lists: the rows, a status line, and an error (the text is bad)."""

    rows: Sequence[Content]
    status: str = ""
    error: str = ""


class FinderBox(Input):
    """The filter box (Enter picks the row under the list's cursor)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Choose", id="finder-pick", tooltip="Choose the row."),
    ]


class FinderList(OptionList):
    """The finder's rows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Choose", id="finder-choose", tooltip="Choose the row."),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]


class FinderScreen(ModalScreen[T | None], Generic[T]):
    """A filter box over a list; Enter picks a row, Esc closes."""

    DEFAULT_CSS = """
    FinderScreen {
        align: center middle;
    }
    FinderScreen #finder {
        width: 90%;
        max-width: 120;
        height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FinderScreen #finder-prompt {
        height: auto;
        color: $text-muted;
    }
    FinderScreen #finder-status {
        height: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    FinderScreen #finder-status.-error {
        color: $text-error;
    }
    FinderScreen FinderList {
        height: 1fr;
        border: none;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="finder-close"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
    ]

    PROMPT = ""
    PLACEHOLDER = ""

    def __init__(self, text: str = "") -> None:
        """A finder whose box starts with `text`."""
        super().__init__()
        self.initial_text = text

    def compose(self) -> ComposeResult:
        """Prompt, filter box, status line, the list, the footer."""
        with Vertical(id="finder"):
            yield Static(self.PROMPT, id="finder-prompt", markup=False)
            yield FinderBox(
                self.initial_text,
                placeholder=self.PLACEHOLDER,
                id="finder-box",
                select_on_focus=False,
            )
            yield Static("", id="finder-status", markup=False)
            yield FinderList(id="finder-list")
            yield Footer()

    @property
    def box(self) -> FinderBox:
        """The filter box."""
        return self.query_one(FinderBox)

    @property
    def row_list(self) -> FinderList:
        """The list of rows."""
        return self.query_one(FinderList)

    def on_mount(self) -> None:
        """List the rows for the text in the box; the box has the focus."""
        self.refilter(self.initial_text, first=True)
        self.box.focus()

    # --- to be given by a subclass ----------------------------------------------------------

    def rows_for(self, text: str) -> FinderRows:
        """The rows `text` lists (and remember what each row stands for)."""
        raise NotImplementedError

    def start_row(self) -> int:
        """The row the cursor starts on when the finder opens."""
        return 0

    def pick(self, row: int | None) -> None:
        """Row `row` (None: no row) was chosen: dismiss with what it stands for."""
        raise NotImplementedError

    # --- behaviour -------------------------------------------------------------------------

    def refilter(self, text: str, *, first: bool = False) -> None:
        """List the rows for `text`, the cursor on the first (or the start row)."""
        found = self.rows_for(text)
        self.row_list.set_options(Option(row) for row in found.rows)
        if found.rows:
            start = self.start_row() if first else 0
            self.row_list.highlighted = max(0, min(start, len(found.rows) - 1))
        self.set_status(found.error or found.status, error=bool(found.error))

    def set_status(self, text: str, *, error: bool = False) -> None:
        """Show `text` in the status line (in the error colour for an error)."""
        status = self.query_one("#finder-status", Static)
        status.update(text)
        status.set_class(error, "-error")

    @on(Input.Changed, "#finder-box")
    def _box_changed(self, event: Input.Changed) -> None:
        """Narrow the list as the text changes."""
        event.stop()
        self.refilter(event.value)

    @on(Input.Submitted, "#finder-box")
    def _box_submitted(self, event: Input.Submitted) -> None:
        """Enter in the box picks the row under the cursor."""
        event.stop()
        self.action_pick()

    @on(OptionList.OptionSelected, "#finder-list")
    def _row_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a row picks it."""
        event.stop()
        self.pick(event.option_index)

    def action_move(self, step: int) -> None:
        """Move the list's cursor (the box keeps the focus)."""
        rows = self.row_list
        if rows.option_count == 0:
            return
        current = rows.highlighted if rows.highlighted is not None else -1
        rows.highlighted = max(0, min(current + step, rows.option_count - 1))

    def action_pick(self) -> None:
        """Pick the row under the cursor."""
        self.pick(self.row_list.highlighted)

    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
