"""A range chosen in the answer view, a sentence or a paragraph at a time.

The selection has an *anchor* (where `v` was pressed) and a *cursor* that `j`/`k` move one
unit on or back; everything from the one to the other is selected, whichever comes first.
The unit is the sentence or the paragraph, and switching keeps the selection's extent: from
sentences to paragraphs each end grows to its paragraph; from paragraphs to sentences the
range keeps its first and last sentence. The selected range is given as (turn, start, end)
spans, one per turn, which `search_index.citation.cite_spans` quotes exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.view_model.outline import Entry, Outline

SelectionUnit = Literal["sentence", "paragraph"]


@dataclass(frozen=True)
class TextUnit:
    """A sentence or a paragraph: characters `start:end` of paragraph `paragraph` of `turn`."""

    turn: int
    paragraph: int
    """Number of the paragraph in its turn, from 0."""
    start: int
    end: int


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    from search_index.figures.sentences import sentence_spans

    return sentence_spans(text)


def entry_units(outline: Outline, entry: Entry, unit: SelectionUnit) -> list[TextUnit]:
    """Every sentence or paragraph of the turns `entry` shows, in reading order."""
    units: list[TextUnit] = []
    for turn_index in entry.turns:
        turn = outline.turn(turn_index)
        offsets = turn.paragraph_offsets()
        if unit == "paragraph":
            units += [
                TextUnit(turn_index, number, start, end)
                for number, (start, end) in enumerate(offsets)
                if turn.text[start:end].strip()
            ]
            continue
        for start, end in _sentence_spans(turn.text):
            number = next(
                (n for n, (low, high) in enumerate(offsets) if low <= start < high),
                len(offsets) - 1,
            )
            units.append(TextUnit(turn_index, number, start, end))
    return units


class RangeSelection:
    """The range being chosen in an entry, by sentence or by paragraph."""

    def __init__(
        self,
        outline: Outline,
        entry: Entry,
        turn: int,
        paragraph: int,
        unit: SelectionUnit = "sentence",
    ) -> None:
        """A selection of the first `unit` of paragraph `paragraph` of `turn`."""
        self.outline = outline
        self.entry = entry
        self.unit: SelectionUnit = unit
        self._units: dict[SelectionUnit, list[TextUnit]] = {}
        units = self.units
        start = next(
            (n for n, u in enumerate(units) if u.turn == turn and u.paragraph >= paragraph),
            next((n for n, u in enumerate(units) if u.turn == turn), 0),
        )
        self.anchor = start
        self.cursor = start

    @property
    def units(self) -> list[TextUnit]:
        """The units the selection moves by, in reading order."""
        if self.unit not in self._units:
            self._units[self.unit] = entry_units(self.outline, self.entry, self.unit)
        return self._units[self.unit]

    @property
    def is_empty(self) -> bool:
        """True when the entry has no text to select."""
        return not self.units

    @property
    def selected(self) -> list[TextUnit]:
        """The selected units, in reading order."""
        low, high = sorted((self.anchor, self.cursor))
        return self.units[low : high + 1]

    @property
    def cursor_unit(self) -> TextUnit | None:
        """The unit the cursor is on (the answer view keeps it in sight)."""
        units = self.units
        return units[self.cursor] if units else None

    def move(self, step: int) -> bool:
        """Move the cursor `step` units (negative: back); False at either end."""
        target = max(0, min(self.cursor + step, len(self.units) - 1))
        moved = target != self.cursor
        self.cursor = target
        return moved

    def switch_unit(self) -> SelectionUnit:
        """Select by paragraph instead of sentence, or the other way; returns the new unit."""
        old = self.units
        if not old:
            self.unit = "paragraph" if self.unit == "sentence" else "sentence"
            return self.unit
        forward = self.cursor >= self.anchor
        anchor, cursor = old[self.anchor], old[self.cursor]
        self.unit = "paragraph" if self.unit == "sentence" else "sentence"
        self.anchor = self._index_in(anchor, first=forward)
        self.cursor = self._index_in(cursor, first=not forward)
        return self.unit

    def _index_in(self, unit: TextUnit, *, first: bool) -> int:
        """The unit of the new kind at `unit`: the first (or last) one in its paragraph."""
        inside = [
            n
            for n, candidate in enumerate(self.units)
            if candidate.turn == unit.turn and candidate.paragraph == unit.paragraph
        ]
        if not inside:
            return 0
        return inside[0] if first else inside[-1]

    def spans(self) -> list[tuple[int, int, int]]:
        """The selected text as (turn, start, end), one span per turn, in reading order."""
        spans: list[tuple[int, int, int]] = []
        for unit in self.selected:
            if spans and spans[-1][0] == unit.turn:
                turn, start, _end = spans[-1]
                spans[-1] = (turn, start, unit.end)
            else:
                spans.append((unit.turn, unit.start, unit.end))
        return spans

    def describe(self) -> str:
        """What is selected, e.g. "3 sentences" or "2 paragraphs in 2 turns"."""
        count = len(self.selected)
        noun = self.unit if count == 1 else f"{self.unit}s"
        turns = len(self.spans())
        where = f" in {turns} turns" if turns > 1 else ""
        return f"{count} {noun}{where}"
