"""Stage 5b: a question-and-answer section printed without labels for the questions.

Some publishers print a press conference's questions as plain paragraphs (a copy of the
ECB's press conference page keeps no trace of the bold type that marked them) and label an
answer only where two officials share it ("President:", "Vice-President:"). Read as they
stand, every question would be the words of the official before it.

The section is recognised from the whole document, never from one paragraph: no label of
the document names a questioner (no "Q", "QUESTION", "JOURNALIST" or reporter); the opening
statement hands over to questions (a separator line such as "* * *" after it, or a last
sentence such as "We are now ready to take your questions."); the paragraph that follows
asks, and so do others after it. Then each run of paragraphs that ask is a press turn
(the anonymous questioner), a run that answers after it is a turn of the principal (left
unnamed here, like an unlabelled opening statement, until the roles show who answers), and
a paragraph that answers after a labelled answer goes on with that official. Paragraphs
are only regrouped: every word stays, in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from search_index.parser.label_text import ANONYMOUS_NAME, is_press_word, label_parts
from search_index.parser.lines import Line
from search_index.parser.opening import UNNAMED
from search_index.parser.turn_acts import asks, last_sentence
from search_index.parser.turns import RawTurn

#: A last sentence that hands the floor to the press ("We are now ready to take your
#: questions.", "I'm happy to answer any questions.", "Let's open it up for questions.").
_INVITES = re.compile(
    r"\b(?:take|taking|answer|answering|welcome)\s+(?:your|any|some|a few|the)?\s*questions\b"
    r"|\bopen (?:it|the floor|things) (?:up )?(?:to|for) (?:your )?questions\b"
    r"|^(?:questions and answers|q\s*&\s*a)\W*$",
    re.IGNORECASE,
)
#: The fewest questions that make a section (one could be a rhetorical paragraph).
_MIN_QUESTIONS = 2


@dataclass(frozen=True)
class Inferred:
    """What the stage inferred, for the transcript's warning."""

    questions: int
    answers: int
    first_line: int
    last_line: int


def split_unlabelled_questions(
    turns: list[RawTurn], lines: Sequence[Line], separated: Sequence[str]
) -> Inferred | None:
    """Regroup `turns` in place when the document prints its questions without labels.

    `lines` are the document's lines (for the line numbers of the new turns); `separated`
    the text of each line that stands just before a separator line. Returns what was
    inferred, or None when the document is not of that kind (nothing is changed).
    """
    labels = {turn.label for turn in turns if turn.label != UNNAMED}
    if not labels or any(is_press_word(label_parts(label).name) for label in labels):
        return None
    start = _section_start(turns, separated)
    if start is None:
        return None
    at, first = start
    paragraphs = [
        (index, position, paragraph)
        for index in range(at, len(turns))
        for position, paragraph in enumerate(turns[index].paragraphs)
        if index > at or position >= first
    ]
    asking = [
        (index, position)
        for index, position, paragraph in paragraphs
        if (position > 0 or turns[index].label == UNNAMED) and asks(paragraph)
    ]
    if len(asking) < _MIN_QUESTIONS or asking[0] != (at, first):
        return None
    regrouped = _regroup(turns, at, first, set(asking), lines)
    turns[at:] = regrouped
    section = regrouped[1:] if first else regrouped
    questions = [turn for turn in section if turn.label == ANONYMOUS_NAME]
    return Inferred(
        questions=len(questions),
        answers=sum(1 for turn in section if turn.label == UNNAMED),
        first_line=questions[0].line_start,
        last_line=section[-1].line_end,
    )


def _section_start(turns: list[RawTurn], separated: Sequence[str]) -> tuple[int, int] | None:
    """(turn, paragraph) where the questions start: after the first paragraph that invites
    them or that a separator line follows."""
    before_separator = {" ".join(text.split()) for text in separated}
    for index, turn in enumerate(turns):
        for position, paragraph in enumerate(turn.paragraphs[:-1]):
            ends = any(paragraph.endswith(text) for text in before_separator)
            if ends or _INVITES.search(last_sentence(paragraph)):
                return index, position + 1
    return None


def _regroup(
    turns: list[RawTurn], at: int, first: int, asking: set[tuple[int, int]], lines: Sequence[Line]
) -> list[RawTurn]:
    """The turns from `turns[at]` on, cut where the speaker changes."""
    spans = _paragraph_lines(turns[at:], lines)
    out: list[RawTurn] = []
    if first:
        head = turns[at]
        out.append(
            RawTurn(
                label=head.label,
                line_start=head.line_start,
                line_end=spans[0][first - 1][1],
                paragraphs=head.paragraphs[:first],
            )
        )
    current: RawTurn | None = None
    for offset, turn in enumerate(turns[at:]):
        index = at + offset
        for position, paragraph in enumerate(turn.paragraphs):
            if index == at and position < first:
                continue
            begin, end = spans[offset][position]
            labelled = position == 0 and turn.label != UNNAMED
            if labelled:
                speaker = turn.label
            elif (index, position) in asking:
                speaker = ANONYMOUS_NAME
            elif current is not None and current.label != ANONYMOUS_NAME:
                speaker = current.label
            else:
                speaker = UNNAMED
            if current is not None and current.label == speaker and not labelled:
                current.paragraphs.append(paragraph)
                current.line_end = end
                continue
            current = RawTurn(label=speaker, line_start=begin, line_end=end, paragraphs=[paragraph])
            out.append(current)
    return out


def _paragraph_lines(
    turns: Sequence[RawTurn], lines: Sequence[Line]
) -> list[list[tuple[int, int]]]:
    """The first and last line of each paragraph of each turn (a paragraph begins with the
    words of its first line and ends on the last line with text before the next one)."""
    text_of = {line.number: " ".join(line.text.split()) for line in lines if line.text}
    found: list[list[tuple[int, int]]] = []
    for turn in turns:
        starts = [turn.line_start]
        number = turn.line_start + 1
        for paragraph in turn.paragraphs[1:]:
            while number < turn.line_end:
                text = text_of.get(number, "")
                if text and paragraph.startswith(text[:60]):
                    break
                number += 1
            starts.append(min(number, turn.line_end))
            number += 1
        spans: list[tuple[int, int]] = []
        for position, begin in enumerate(starts):
            end = starts[position + 1] - 1 if position + 1 < len(starts) else turn.line_end
            while end > begin and end not in text_of:
                end -= 1
            spans.append((begin, max(begin, end)))
        found.append(spans)
    return found
