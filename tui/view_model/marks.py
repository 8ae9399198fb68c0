"""Marks as the app makes and lists them: what `m` marks in each pane, and the marks
screen's rows.

`m` marks the current paragraph (or the range being chosen), the whole answer, or the
figure selected (with its sentence); the spans computed here are what
`search_index.marks.make_mark` records. The marks screen lists marks in the clip sheet's
order (by briefing, in reading order, the missing ones last), each with where it is from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from search_index.citation import turn_number
from search_index.clipsheet import sheet_order
from search_index.marks import ResolvedMark, Span
from tui.view_model.answer import FigureLike
from tui.view_model.outline import Entry, Outline

#: How each kind of mark is named in the list.
KIND_NAMES = {
    "paragraph": "paragraph",
    "answer": "answer",
    "figure": "figure",
    "range": "range",
}


def paragraph_target(outline: Outline, turn: int, paragraph: int) -> list[Span]:
    """The span of paragraph `paragraph` (from 0) of `turn`."""
    start, end = outline.turn(turn).paragraph_offsets()[paragraph]
    return [(turn, start, end)]


def answer_target(outline: Outline, entry: Entry) -> list[Span]:
    """Every answer turn of `entry`, whole (turns without text are left out)."""
    spans = []
    for turn_index in entry.answer_turns:
        text = outline.turn(turn_index).text
        if text.strip():
            spans.append((turn_index, 0, len(text)))
    return spans


def figure_target(outline: Outline, figure: FigureLike) -> tuple[Span, Span]:
    """The sentence a figure is in (the span quoted) and the figure's own span."""
    text = outline.turn(figure.turn).text
    sentence = figure.sentence
    start = -1
    search_from = max(0, figure.end - len(sentence))
    while sentence:
        at = text.find(sentence, search_from)
        if at < 0 or at > figure.start:
            break
        if at + len(sentence) >= figure.end:
            start = at
            break
        search_from = at + 1
    if start < 0:  # the sentence is not verbatim in the text: quote the figure's paragraph
        for low, high in outline.turn(figure.turn).paragraph_offsets():
            if low <= figure.start < high:
                return (figure.turn, low, high), (figure.turn, figure.start, figure.end)
        start, end = figure.start, figure.end
    else:
        end = start + len(sentence)
    return (figure.turn, start, end), (figure.turn, figure.start, figure.end)


@dataclass(frozen=True)
class MarkRow:
    """One mark as the marks screen lists it."""

    resolved: ResolvedMark
    title: str
    """Kind and speakers, e.g. "paragraph · Shen Changyu"."""
    where: str
    """The turn and the briefing, e.g. "turn 11 · 2021-04-25 SCIO briefing…"."""
    excerpt: str
    """The marked text on one line."""
    problem: str
    """Why the mark cannot be cited ("" when it can)."""


def mark_rows(resolved: Sequence[ResolvedMark]) -> list[MarkRow]:
    """The marks in the clip sheet's order, as the marks screen lists them."""
    rows = []
    for item in sheet_order(resolved):
        mark = item.mark
        title = KIND_NAMES[mark.kind]
        if mark.kind == "figure" and mark.figure is not None:
            title += f" {' '.join(mark.figure.text.split())}"
        if mark.speakers:
            title += " · " + ", ".join(mark.speakers)
        turns = sorted({turn_number(turn) for turn, _, _ in item.spans})
        place = f"turn {turns[0]}" if len(turns) == 1 else f"turns {turns[0]}–{turns[-1]}"
        rows.append(
            MarkRow(
                resolved=item,
                title=title,
                where=f"{place} · {item.briefing}",
                excerpt=" ".join(item.text.split()),
                problem=item.describe_status(),
            )
        )
    return rows
