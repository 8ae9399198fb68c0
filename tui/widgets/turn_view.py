"""One turn in the answer view: the speaker's heading, then each paragraph with its number.

A turn is one widget that renders its own lines (Textual's line API), not a widget per
paragraph: the answer view changes with every move through the questions, and laying out
and styling three widgets per paragraph cost more than the rest of the move. The paragraph
numbers stand in a gutter, counted from 1 as citations count them; a bar beside the
current paragraph marks what `c` copies, and a green bar on the right a marked paragraph
(`m`). Lines are wrapped once per width and kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

#: Columns before a paragraph's text: the number (3), the bar (1) and a space.
GUTTER = 5
BAR = "▌"
#: The bar in the last column beside a marked paragraph.
MARKED_BAR = "▐"


@dataclass(frozen=True)
class _Line:
    """A line of the turn: a heading line, a paragraph line (`paragraph` ≥ 0), or blank."""

    paragraph: int
    """-1 for the heading, -2 for a blank line, else the paragraph's index in the turn."""
    first: bool
    """The paragraph's first line (which shows its number)."""
    text: Strip


class TurnView(Widget):
    """A speaker's heading, then the paragraphs of their turn, numbered in a gutter."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "turn-view--heading",
        "turn-view--gutter",
        "turn-view--bar",
        "turn-view--current",
        "turn-view--marked",
    }

    DEFAULT_CSS = """
    TurnView {
        height: auto;
        margin: 1 0 0 0;
        & > .turn-view--heading { color: $text-primary; }
        &.-question > .turn-view--heading { color: $text-accent; }
        &.-moderator > .turn-view--heading { color: $text-secondary; }
        & > .turn-view--gutter { color: $text-muted; }
        & > .turn-view--bar { color: $foreground 30%; }
        &.-active > .turn-view--bar { color: $accent; }
        &.-active > .turn-view--current { background: $boost; }
        & > .turn-view--marked { color: $success; }
    }
    """

    def __init__(self, heading: Content, paragraphs: Sequence[Content], classes: str) -> None:
        """A turn headed `heading` with `paragraphs`; `classes` say the speaker's kind
        ("-official", "-press", "-moderator"…) and "-question" for a question."""
        super().__init__(classes=classes)
        self.heading = heading
        self.paragraphs = list(paragraphs)
        self.current: int | None = None
        """The index of the current paragraph in this turn, or None."""
        self.marked: frozenset[int] = frozenset()
        """The indices of the paragraphs that are marked (for the clip sheet)."""
        self._lines: tuple[int, list[_Line], list[int]] = (-1, [], [])

    def show(self, heading: Content, paragraphs: Sequence[Content], classes: str) -> None:
        """Show another turn in this widget (cheaper than mounting a new one)."""
        self.heading = heading
        self.paragraphs = list(paragraphs)
        self.current = None
        self.marked = frozenset()
        active = self.has_class("-active")
        self.set_classes(classes)
        self.set_class(active, "-active")
        self._changed()

    def set_paragraph(self, index: int, content: Content) -> None:
        """Show paragraph `index` styled otherwise (a figure, a match, the mark)."""
        if not content.is_same(self.paragraphs[index]):
            self.paragraphs[index] = content
            self._changed()

    def set_current(self, index: int | None) -> None:
        """Put the bar beside paragraph `index` (None: no paragraph of this turn is current)."""
        if index != self.current:
            self.current = index
            self.refresh()

    def set_marked(self, indices: set[int]) -> None:
        """Show the bar of a marked paragraph beside the paragraphs `indices`."""
        if indices != self.marked:
            self.marked = frozenset(indices)
            self.refresh()

    def paragraph_top(self, index: int) -> int:
        """The line paragraph `index` starts on, within this turn."""
        return self._layout(self.size.width)[2][index]

    def _changed(self) -> None:
        self._lines = (-1, [], [])
        self.refresh(layout=True)

    # --- lines ---------------------------------------------------------------------------

    def _layout(self, width: int) -> tuple[int, list[_Line], list[int]]:
        """Every line of the turn at `width`, and the line each paragraph starts on."""
        if self._lines[0] == width:
            return self._lines
        lines: list[_Line] = []
        heading_style = self.get_visual_style("turn-view--heading")
        for strip in self._wrap(self.heading, width - 2, heading_style):
            lines.append(_Line(-1, False, strip))
        starts: list[int] = []
        for index, paragraph in enumerate(self.paragraphs):
            starts.append(len(lines))
            for number, strip in enumerate(self._wrap(paragraph, width - GUTTER - 1)):
                lines.append(_Line(index, number == 0, strip))
            lines.append(_Line(-2, False, Strip.blank(0)))
        self._lines = (width, lines, starts)
        return self._lines

    def _wrap(self, content: Content, width: int, style: object = None) -> list[Strip]:
        base = self.visual_style if style is None else style
        return Visual.to_strips(self, content, max(width, 1), None, base, pad=True)  # type: ignore[arg-type]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the turn takes at `width`."""
        return len(self._layout(width)[1])

    def render_line(self, y: int) -> Strip:
        """Line `y`: the heading, or a paragraph line behind its gutter."""
        width = self.size.width
        base = self.rich_style
        lines = self._layout(width)[1]
        if not 0 <= y < len(lines):
            return Strip.blank(width, base)
        line = lines[y]
        pad = Segment(" ", base)
        if line.paragraph == -1:
            return Strip([pad, *line.text, pad]).adjust_cell_length(width, base)
        if line.paragraph == -2:
            return Strip.blank(width, base)
        current = line.paragraph == self.current
        gutter = self.get_component_rich_style("turn-view--gutter")
        number = f"{line.paragraph + 1:>3}" if line.first else "   "
        bar_style = self.get_component_rich_style("turn-view--bar")
        text = line.text
        if current:
            highlight = self.get_component_rich_style("turn-view--current", partial=True)
            text = text.apply_style(highlight)
        segments = [
            Segment(number, base + gutter),
            Segment(BAR if current else " ", base + bar_style),
            pad,
            *text,
        ]
        strip = Strip(segments).adjust_cell_length(width - 1, base)
        if line.paragraph in self.marked:
            marked_style = base + self.get_component_rich_style("turn-view--marked")
            return Strip([*strip, Segment(MARKED_BAR, marked_style)], width)
        return strip.adjust_cell_length(width, base)
