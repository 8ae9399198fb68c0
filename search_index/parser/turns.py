"""Stage 5: raw turns (a label and paragraphs of text) from the lines and accepted labels.

Every line from the first turn on goes to exactly one turn, or is metadata (a roster or a
field) or a translator's credit; a line holding labels inside it is cut at them, so no text
is duplicated or dropped. Hard-wrapped lines are joined into paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from search_index.parser.furniture import is_credit_paragraph, strip_stage_directions
from search_index.parser.label_styles import Decisions
from search_index.parser.label_text import label_key, label_parts
from search_index.parser.lines import TERMINAL, Line

if TYPE_CHECKING:
    from search_index.parser.unlabelled import Inferred

_SPACES = re.compile(r"\s{2,}")
#: The first letters of a credit ("Translated by …": see `is_credit_paragraph`).
_CREDIT_START = frozenset("TtEeCcPpIi")


@dataclass(slots=True)
class RawTurn:
    """A turn as segmented, before speakers are resolved."""

    label: str
    line_start: int
    line_end: int
    paragraphs: list[str]
    #: Stage directions standing alone in the turn ("(inaudible)"): its text if it has no other.
    directions: list[str] = field(default_factory=list)


@dataclass
class Turns:
    """The raw turns of a document and what segmenting learned on the way."""

    turns: list[RawTurn] = field(default_factory=list)
    #: Pairs of labels the text shows to be one speaker ("FM (cont):" after "FOREIGN MINISTER:").
    same_speaker: list[tuple[str, str]] = field(default_factory=list)
    #: Labels the OCR garbled → the label each stands for ("PMK" → "PM").
    garbled: dict[str, str] = field(default_factory=dict)
    wrap_width: int | None = None
    #: (line number, text) of credits left out of the turns.
    credits: list[tuple[int, str]] = field(default_factory=list)
    #: Questions printed without labels, found by `unlabelled` (None: not such a document).
    inferred: Inferred | None = None


def build_turns(lines: list[Line], decisions: Decisions) -> Turns:
    """Cut the lines from `decisions.first_turn` on into raw turns."""
    result = Turns(garbled=decisions.garbled)
    body = lines[decisions.first_turn :]
    result.wrap_width = _wrap_width(
        [
            len(line.text)
            for offset, line in enumerate(body)
            if line.text and decisions.first_turn + offset not in decisions.labels
        ]
    )
    current: RawTurn | None = None
    block: list[Line] = []

    def flush() -> None:
        if current is None or not block:
            block.clear()
            return
        if len(block) == 1:  # (most blocks: one line, one paragraph)
            paragraphs = [_SPACES.sub(" ", block[0].text)]
        else:
            paragraphs = paragraphs_of([line.text for line in block], result.wrap_width)
        for paragraph in paragraphs:
            if paragraph[:1] in _CREDIT_START and is_credit_paragraph(paragraph):
                result.credits.append((block[0].number, paragraph))
                continue
            current.paragraphs.append(paragraph)
            current.line_end = block[-1].number
        block.clear()

    def start(label: str, number: int) -> None:
        nonlocal current
        if block:
            flush()
        parts = label_parts(label)
        if parts.continued and current is not None:
            previous = label_parts(current.label).name
            if label_key(parts.name) != label_key(previous):
                result.same_speaker.append((parts.name, previous))
            return
        if current is not None and (current.paragraphs or current.directions):
            _finish(current, result)
        name = parts.name if parts.continued else label
        current = RawTurn(name, number, number, [])

    for index in range(decisions.first_turn, len(lines)):
        line = lines[index]
        if not line.text or index in decisions.metadata_lines:
            flush()
            continue
        first: tuple[str | None, int, int]  # (label, text from, text to)
        labelled = decisions.labels.get(index)
        if labelled is not None:
            first = (labelled[0], len(line.text) - len(labelled[1]), len(line.text))
        elif decisions.header_tail is not None and index == decisions.first_turn:
            first = (None, 0, 0)  # the line's start belongs to the header
        else:
            first = (None, 0, len(line.text))
        splits = decisions.splits.get(index)
        pieces: list[tuple[str | None, int, int]] = [first]
        if splits is not None:
            for split in splits:
                label, begin, _ = pieces[-1]
                pieces[-1] = (label, begin, split.start)
                pieces.append((split.label, split.rest, len(line.text)))
        for label, begin, end in pieces:
            if label is not None:
                start(label, line.number)
            piece = line.text[begin:end].strip()
            starts_turn = current is not None and not current.paragraphs and not block
            text = strip_stage_directions(piece, keep_leading_gap=starts_turn)
            if text and not text[0].isalnum() and not any(ch.isalnum() for ch in text):
                text = piece  # "(inaudible)." says more than "."
            if text:
                block.append(Line(line.number, text))
            elif piece and current is not None:
                current.directions.append(piece)
                current.line_end = line.number
    flush()
    _finish(current, result)
    return result


def _finish(turn: RawTurn | None, result: Turns) -> None:
    """Keep a finished turn; one that says only "(inaudible)" keeps that as its text."""
    if turn is None:
        return
    if not turn.paragraphs and turn.directions:
        turn.paragraphs.append(" ".join(turn.directions))
    if turn.paragraphs:
        result.turns.append(turn)


def _wrap_width(lengths: list[int]) -> int | None:
    """The width text was hard-wrapped at, or None for one-paragraph-per-line text."""
    if len(lengths) < 5:
        return None
    ordered = sorted(lengths)
    p90 = ordered[int(len(ordered) * 0.9)]
    return p90 if p90 <= 120 else None


def paragraphs_of(lines: list[str], wrap_width: int | None) -> list[str]:
    """Join the lines of one block into paragraphs, undoing hard wrapping."""
    if len(lines) == 1:
        return [_SPACES.sub(" ", lines[0])]
    paragraphs: list[str] = []
    current = lines[0]
    previous = lines[0]
    for line in lines[1:]:
        wrapped = not previous.endswith(TERMINAL) or line[:1].islower()
        if wrap_width is not None and len(previous) >= 0.75 * wrap_width:
            wrapped = True
        if wrapped:
            joiner = "" if previous.endswith("-") and line[:1].islower() else " "
            current = current + joiner + line
        else:
            paragraphs.append(_SPACES.sub(" ", current))
            current = line
        previous = line
    paragraphs.append(_SPACES.sub(" ", current))
    return paragraphs
