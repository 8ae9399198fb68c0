"""The metrics sidebar: every figure in what the answer view shows."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.view_model import FigureLike
from tui.widgets.answer_view import figure_style


def format_value(value: float | None, unit: str | None) -> str:
    """A figure's normalised value for the sidebar, e.g. "218,000,000,000 CNY", "43.9%"."""
    if value is None:
        return ""
    if not math.isfinite(value):
        number = str(value)
    elif value == int(value) and abs(value) < 1e18:
        number = f"{int(value):,}"
    else:
        number = f"{value:,.6f}".rstrip("0").rstrip(".")
    if not unit:
        return number
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}"


QUALIFIER_WORDS = {">=": "at least", "~": "about", "<=": "up to"}


def figure_prompt(figure: FigureLike) -> Content:
    """A figure's row: as written (styled by kind) and its kind, then value and label."""
    head = Content.assemble(
        (" ".join(figure.text.split()), figure_style(figure.kind)),
        (f"  {figure.kind}", "$text-muted"),
    )
    unit = figure.unit
    value = format_value(figure.value, unit)
    if value and figure.qualifier in QUALIFIER_WORDS:
        value = f"{QUALIFIER_WORDS[figure.qualifier]} {value}"
    details = [value] if value else []
    label = figure.label or ""
    if label and label != unit:
        details.append(label)
    if not details:
        return head
    return Content("\n").join([head, Content.styled(" · ".join(details), "$text-muted")])


def figure_id(figure: FigureLike) -> str:
    """A stable option id for a figure: its turn and offsets."""
    return f"f{figure.turn}-{figure.start}-{figure.end}"


class FigureList(OptionList):
    """The figures as a navigable list."""

    DEFAULT_CSS = """
    FigureList {
        height: auto;
        max-height: 100%;
        border: none;
        padding: 0;
    }
    FigureList:focus {
        border: none;
        background-tint: $foreground 0%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class MetricsSidebar(Vertical):
    """Figures in the answer on show: quantity, normalised value and label."""

    DEFAULT_CSS = """
    MetricsSidebar {
        width: 34;
        height: 1fr;
        border: round $foreground 25%;
        border-title-color: $text-muted;
    }
    MetricsSidebar:focus-within {
        border: round $accent;
        border-title-color: $text-accent;
    }
    MetricsSidebar #figures-empty {
        color: $text-muted;
        padding: 0 1;
    }
    MetricsSidebar.-empty FigureList {
        display: none;
    }
    """

    HELP = """
## Metrics sidebar

Every figure in the answer on show — amounts of money, counts, percentages, rates,
durations, changes and ranks — with its normalised value and what it measures.

- **j / k / ↓ / ↑** move (**g / G** the first / last); the answer view scrolls to the
  figure and marks it
- **Enter** jumps to the figure in the answer view
- **y** copies the figure with its sentence and citation
- **m** marks the figure (with its sentence) for the clip sheet; again: unmarks it
"""

    @dataclass
    class FigureChosen(Message):
        """A figure was selected (cursor moved onto it, or Enter)."""

        sidebar: MetricsSidebar
        figure: FigureLike
        jump: bool
        """True for Enter / click: focus should move to the answer view."""

        @property
        def control(self) -> MetricsSidebar:
            """The sidebar the message came from."""
            return self.sidebar

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        """An empty sidebar."""
        super().__init__(id=id, classes=classes)
        self._figures: list[FigureLike] = []
        self.border_title = "Figures"

    def compose(self) -> ComposeResult:
        """The figure list and a line for when there are none."""
        yield FigureList(id="figure-list")
        yield Static("", id="figures-empty")

    @property
    def figures(self) -> list[FigureLike]:
        """The listed figures, in reading order."""
        return list(self._figures)

    @property
    def selected(self) -> FigureLike | None:
        """The figure under the cursor, or None."""
        figure_list = self.query_one(FigureList)
        index = figure_list.highlighted
        if index is None or not 0 <= index < len(self._figures):
            return None
        return self._figures[index]

    def show_figures(self, figures: Sequence[FigureLike] | None, pending: str = "") -> None:
        """List `figures`; None means they are still being found (`pending` says so)."""
        figure_list = self.query_one(FigureList)
        empty = self.query_one("#figures-empty", Static)
        self._figures = list(figures or ())
        options: list[Option | None] = []
        for figure in self._figures:
            if options:
                options.append(None)  # a faint rule between figures
            options.append(Option(figure_prompt(figure), id=figure_id(figure)))
        figure_list.set_options(options)
        figure_list.highlighted = 0 if self._figures else None
        if figures is None:
            empty.update(pending or "Finding figures…")
        elif not self._figures:
            empty.update("No figures in this answer.")
        else:
            empty.update("")
        count = len(self._figures)
        self.border_title = f"Figures ({count})" if figures is not None else "Figures"
        self.set_class(not self._figures, "-empty")

    def select_first(self) -> None:
        """Put the cursor on the first figure."""
        if self._figures:
            self.query_one(FigureList).highlighted = 0

    @on(OptionList.OptionHighlighted, "#figure-list")
    def _figure_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        figure_list = self.query_one(FigureList)
        if not figure_list.has_focus or event.option_index != figure_list.highlighted:
            return
        if 0 <= event.option_index < len(self._figures):
            self.post_message(self.FigureChosen(self, self._figures[event.option_index], False))

    @on(OptionList.OptionSelected, "#figure-list")
    def _figure_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._figures):
            self.post_message(self.FigureChosen(self, self._figures[event.option_index], True))
