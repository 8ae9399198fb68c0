"""A table that renders only the rows on screen: the ledger's 25,000 figures cost what 40 do.

Textual's `DataTable` keeps every row as cells of its own (adding 25,000 takes half a second
of CPU, and PageDown walks them); here a table is a row count and a function that gives a
row's cells when the row comes into view. Rows are rendered once and cached until the
table is refilled. The header stays at the top; columns have fixed widths, and the least
needed ones (lowest `priority`) are left out when the table is narrower than all of them.

Keys: ↓/j and ↑/k move, PageDown/PageUp a screen, Home/g and End/G to the ends, ←/→
scroll sideways, Enter chooses the row. A click moves the cursor (a second click on the
row chooses it); a click on a heading announces it (the ledger sorts by it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cell = str | Text
"""A cell: plain text, or Rich text with its own styles and justification."""


@dataclass(frozen=True)
class Column:
    """A column: its key, heading and width; `priority` says what to leave out first."""

    key: str
    label: str
    width: int
    justify: Literal["left", "right"] = "left"
    priority: int = 0
    """Columns of the lowest priority are left out first when the table is too narrow."""


#: Spaces on each side of a cell.
PADDING = 1


class VirtualTable(ScrollView, can_focus=True):
    """Rows computed when they are shown, with a row cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--even-row",
    }

    DEFAULT_CSS = """
    VirtualTable {
        height: 1fr;
        background: $surface;
        color: $foreground;
        & > .virtual-table--header { text-style: bold; background: $panel; }
        & > .virtual-table--even-row { background: $surface-lighten-1 50%; }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .virtual-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "to_end(0)", "First row", show=False),
        Binding("end,G", "to_end(1)", "Last row", show=False),
        Binding("right", "scroll_right", "Scroll right", show=False),
        Binding("left", "scroll_left", "Scroll left", show=False),
        Binding("enter", "select", "Choose", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, init=False, always_update=True)
    """The row under the cursor (0 when the table is empty)."""

    @dataclass
    class RowHighlighted(Message):
        """The cursor moved onto a row."""

        table: VirtualTable
        cursor_row: int

        @property
        def control(self) -> VirtualTable:
            """The table the message came from."""
            return self.table

    @dataclass
    class RowSelected(Message):
        """Enter (or a second click) on a row."""

        table: VirtualTable
        cursor_row: int

        @property
        def control(self) -> VirtualTable:
            """The table the message came from."""
            return self.table

    @dataclass
    class HeaderSelected(Message):
        """A click on a column's heading."""

        table: VirtualTable
        column_key: str

        @property
        def control(self) -> VirtualTable:
            """The table the message came from."""
            return self.table

    def __init__(self, *, zebra_stripes: bool = False, id: str | None = None) -> None:
        """An empty table (give it columns, then rows)."""
        super().__init__(id=id)
        self.zebra_stripes = zebra_stripes
        self.columns: list[Column] = []
        self._row_count = 0
        self._cells: Callable[[int], Sequence[Cell]] = lambda _row: ()
        self._lines: dict[int, Strip] = {}
        self._shown: list[Column] = []

    # --- content -----------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows the table has."""
        return self._row_count

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Use `columns` (the rows are rendered again)."""
        self.columns = list(columns)
        self._fit()

    def show_rows(
        self, count: int, cells: Callable[[int], Sequence[Cell]], cursor: int = 0
    ) -> None:
        """Show `count` rows, row `i` being `cells(i)`, with the cursor on row `cursor`."""
        self._row_count = count
        self._cells = cells
        self._lines.clear()
        self._resize()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self.cursor_row = max(0, min(cursor, count - 1))

    def clear(self) -> None:
        """Show no rows."""
        self.show_rows(0, lambda _row: ())

    def get_row_at(self, row: int) -> Sequence[Cell]:
        """The cells of `row` (all columns, shown or not)."""
        if not 0 <= row < self._row_count:
            raise IndexError(f"no row {row}")
        return self._cells(row)

    # --- layout ------------------------------------------------------------------------

    def on_resize(self) -> None:
        """Fit the columns to the new width."""
        self._fit()

    def _fit(self) -> None:
        """Show the columns that fit the width, the most needed first (and at least one);
        they keep their order."""
        room = self.scrollable_content_region.width or self.size.width
        chosen: set[str] = set()
        used = 0
        for column in sorted(self.columns, key=lambda column: -column.priority):
            needed = column.width + 2 * PADDING
            if not chosen or not room or used + needed <= room:
                chosen.add(column.key)
                used += needed
        self._shown = [column for column in self.columns if column.key in chosen]
        self._lines.clear()
        self._resize()
        self.refresh()

    def _resize(self) -> None:
        self.virtual_size = Size(_width(self._shown), self._row_count + 1)

    # --- rendering ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """The header on the first line, then the rows from the scroll position (a row's
        cells are given for every column, in order; those not shown are skipped)."""
        width = self.scrollable_content_region.width
        scroll_x = int(self.scroll_x)
        if y == 0:
            strip = self._header()
        else:
            row = int(self.scroll_y) + y - 1
            if row >= self._row_count:
                return Strip.blank(width, self.rich_style)
            strip = self._row(row)
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _header(self) -> Strip:
        style = self.rich_style + self.get_component_rich_style("virtual-table--header")
        cells = [Text(column.label, justify=column.justify) for column in self._shown]
        return self._strip(cells, style)

    def _row(self, row: int) -> Strip:
        line = self._lines.get(row)
        if line is None:
            values = dict(zip((c.key for c in self.columns), self._cells(row), strict=False))
            cells = [_text(values.get(column.key, ""), column) for column in self._shown]
            base = self.rich_style
            if self.zebra_stripes and row % 2:
                base += self.get_component_rich_style("virtual-table--even-row")
            line = self._lines[row] = self._strip(cells, base)
        if row == self.cursor_row:
            cursor = self.get_component_rich_style("virtual-table--cursor")
            line = Strip(Segment.apply_style(line, post_style=cursor), line.cell_length)
        return line

    def _strip(self, cells: list[Text], style: Style) -> Strip:
        """One line: each cell cut or padded to its column's width, with padding."""
        console = self.app.console
        segments: list[Segment] = []
        for cell, column in zip(cells, self._shown, strict=True):
            text = cell.copy()
            text.truncate(column.width, overflow="ellipsis")
            room = column.width - text.cell_len
            if (text.justify or column.justify) == "right":
                text.pad_left(room)
            else:
                text.pad_right(room)
            pad = Segment(" " * PADDING, style)
            segments.append(pad)
            segments.extend(Segment.apply_style(text.render(console), style))
            segments.append(pad)
        return Strip(segments, _width(self._shown))

    # --- the cursor --------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        """Redraw the two rows, keep the cursor in view, announce the move."""
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()
        if self._row_count:
            self.post_message(self.RowHighlighted(self, new))

    def _refresh_row(self, row: int) -> None:
        y = row - int(self.scroll_y) + 1
        if 1 <= y < self.size.height:
            self.refresh_line(y)

    @property
    def _page(self) -> int:
        """Rows on one screen."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = int(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + self._page:
            self.scroll_to(y=self.cursor_row - self._page + 1, animate=False, immediate=True)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on `row` (kept within the table)."""
        if self._row_count:
            self.cursor_row = max(0, min(row, self._row_count - 1))

    def action_cursor(self, step: int) -> None:
        """Move the cursor `step` rows."""
        self.move_cursor(self.cursor_row + step)

    def action_page(self, pages: int) -> None:
        """Move the cursor a screen down (1) or up (-1), the rows scrolling with it."""
        target = self.cursor_row + pages * self._page
        self.scroll_to(y=int(self.scroll_y) + pages * self._page, animate=False, immediate=True)
        self.move_cursor(target)

    def action_to_end(self, last: int) -> None:
        """Move the cursor to the first row (0) or the last (1)."""
        self.move_cursor(self._row_count - 1 if last else 0)

    def action_select(self) -> None:
        """Choose the row under the cursor."""
        if self._row_count:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        """A click on a heading announces it; on a row, moves the cursor or chooses."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = offset.x + int(self.scroll_x)
            for column in self._shown:
                x -= column.width + 2 * PADDING
                if x < 0:
                    self.post_message(self.HeaderSelected(self, column.key))
                    return
            return
        row = int(self.scroll_y) + offset.y - 1
        if not 0 <= row < self._row_count:
            return
        if row == self.cursor_row:
            self.action_select()
        else:
            self.move_cursor(row)


def _width(columns: Sequence[Column]) -> int:
    return sum(column.width + 2 * PADDING for column in columns)


def _text(cell: Cell, column: Column) -> Text:
    """A cell as Rich text on one line (a string's spaces and line breaks as single spaces)."""
    if isinstance(cell, Text):
        return cell
    return Text(" ".join(str(cell).split()), justify=column.justify)
