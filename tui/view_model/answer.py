"""What the answer view and the metrics sidebar compute: figures and spans per paragraph.

Figures are described by `FigureLike`, the parts of `search_index.figures.Figure` the app
shows, so that the app starts without importing the extractor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from search_index.models import Turn
from tui.view_model.outline import Entry


@dataclass(frozen=True)
class Passage:
    """A place in a transcript: a turn, and optionally a span of its text to mark.

    What the ledger, statistics and keyword-in-context screens hand back when they close
    on a row, for the answer view to show.
    """

    transcript_id: str
    turn: int
    start: int | None = None
    end: int | None = None


class FigureLike(Protocol):
    """The parts of a `search_index.figures.Figure` the app shows."""

    @property
    def turn(self) -> int:
        """Index of the turn the figure was found in."""

    @property
    def start(self) -> int:
        """Offset of the figure's first character in the turn's text."""

    @property
    def end(self) -> int:
        """Offset just past the figure in the turn's text."""

    @property
    def text(self) -> str:
        """The figure as written, e.g. "218 billion yuan"."""

    @property
    def kind(self) -> str:
        """amount, count, percent, rate, duration, change or rank."""

    @property
    def label(self) -> str | None:
        """What is counted or measured, e.g. "concrete measures"."""

    @property
    def sentence(self) -> str:
        """The sentence the figure appears in."""

    @property
    def value(self) -> float:
        """The normalised value (the midpoint for a range)."""

    @property
    def unit(self) -> str | None:
        """The unit of `value`: a currency code, "%", or what is counted."""

    @property
    def qualifier(self) -> str | None:
        """ ">=", "~" or "<=" when the figure is "at least", "about" or "up to" a value."""


FiguresByTurn = Mapping[int, tuple[FigureLike, ...]]
"""A transcript's figures, by the index of the turn they were found in."""


def entry_figures(entry: Entry, by_turn: FiguresByTurn) -> list[FigureLike]:
    """The figures in the turns `entry` shows, in reading order."""
    return [figure for turn in entry.turns for figure in by_turn.get(turn, ())]


def paragraph_spans(turn: Turn, spans: Iterable[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """`spans` (offsets into the turn's text) split per paragraph, as paragraph offsets.

    A span crossing a paragraph break is cut at the break.
    """
    offsets = turn.paragraph_offsets()
    result: list[list[tuple[int, int]]] = [[] for _ in offsets]
    for start, end in spans:
        for number, (p_start, p_end) in enumerate(offsets):
            low, high = max(start, p_start), min(end, p_end)
            if low < high:
                result[number].append((low - p_start, high - p_start))
    return result


def paragraph_of(turn: Turn, offset: int) -> int:
    """The number (from 0) of the paragraph of `turn` holding the character at `offset`."""
    for number, (_start, end) in enumerate(turn.paragraph_offsets()):
        if offset < end:
            return number
    return max(len(turn.paragraphs) - 1, 0)
