"""Helpers for the ledger, statistics and keyword-in-context tables: clipping and marking
text, and filling a long table a batch at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from rich.text import Text
from textual.message_pump import MessagePump
from textual.widgets import DataTable


def clip(text: str, width: int) -> str:
    """`text` on one line, at most `width` characters (an ellipsis marks a cut)."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return flat[: max(width - 1, 0)].rstrip() + "…"


def marked_sentence(sentence: str, part: str) -> Text:
    """The sentence with the first occurrence of `part` in bold reverse."""
    text = Text(" ".join(sentence.split()))
    flat = " ".join(part.split())
    at = text.plain.find(flat) if flat else -1
    if at >= 0:
        text.stylize("bold reverse", at, at + len(flat))
    return text


def _as_text(cells: Sequence[Any]) -> list[Any]:
    """A row's cells with each string made a `Text`: DataTable reads a string as markup,
    and these hold names, titles and sentences from transcripts."""
    return [Text(cell) if isinstance(cell, str) else cell for cell in cells]


class BatchFiller:
    """Fills a DataTable a batch at a time, so that a long table never freezes the screen.

    A DataTable takes ~0.2 ms a row: 25,000 ledger rows would block the UI for five
    seconds. The first rows go in at once, the rest in timer callbacks; a newer `fill`
    abandons an older one that is still going.
    """

    def __init__(self, owner: MessagePump, first: int = 200, batch: int = 250) -> None:
        """A filler whose timers belong to `owner` (the screen)."""
        self.owner = owner
        self.first = first
        self.batch = batch
        self.generation = 0

    def fill(
        self, table: DataTable[Any], count: int, make_row: Callable[[int], Sequence[Any]]
    ) -> None:
        """Clear `table`'s rows and add `make_row(i)` for i in 0…count-1."""
        self.generation += 1
        generation = self.generation
        table.clear()

        def add(start: int, end: int) -> None:
            table.add_rows(_as_text(make_row(number)) for number in range(start, end))

        def more(start: int) -> None:
            if generation != self.generation or not table.is_attached:
                return
            end = min(start + self.batch, count)
            add(start, end)
            if end < count:
                self.owner.set_timer(0.01, partial(more, end))

        add(0, min(self.first, count))
        if count > self.first:
            self.owner.set_timer(0.01, partial(more, self.first))
