"""Stage 2: the text as numbered lines, page furniture taken out and recorded.

Every line keeps its source line number. Furniture found line by line (`furniture`) and
running headers and footers found over the whole document (a line that recurs, digits aside,
next to page markers or inside sentences) are removed; where they cut a sentence in two, the
blank lines around them go too, so the sentence reads on. Nothing else is dropped, and every
removal is recorded with its reason.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from search_index.parser.furniture import ends_end_line, furniture_kind

#: Characters that end a sentence (or a quotation or bracket).
TERMINAL = (".", "?", "!", ":", '"', "”", "’", ")", "]", "…", "。", "？", "！")
#: …and the dashes that mark an interrupted one.
_INTERRUPTED = ("—", "–", "--")
_FINISHED = TERMINAL + _INTERRUPTED
_DIGITS = re.compile(r"\d+")


@dataclass(slots=True)
class Line:
    """A stripped line of the source and its 1-based line number ("" for a blank line)."""

    number: int
    text: str


@dataclass
class Lines:
    """The document's lines with furniture removed, and what was removed and why."""

    lines: list[Line]
    #: (line number, text, reason) of every line taken out.
    removed: list[tuple[int, str, str]] = field(default_factory=list)


def unfinished(text: str) -> bool:
    """True when a line stops mid-sentence (no closing punctuation)."""
    stripped = text.rstrip()
    return bool(stripped) and not stripped.endswith(_FINISHED)


def read_lines(text: str) -> Lines:
    """Number the lines of `text` and take out page furniture (see the module doc)."""
    raw = [line.strip() for line in text.split("\n")]
    kinds: list[str | None] = [furniture_kind(line) if line else None for line in raw]
    _mark_end_tails(raw, kinds)
    _mark_running_lines(raw, kinds)
    result = Lines(lines=[])
    index = 0
    while index < len(raw):
        if kinds[index] is None:
            result.lines.append(Line(index + 1, raw[index]))
            index += 1
            continue
        run_end = index
        while run_end < len(raw) and (kinds[run_end] is not None or not raw[run_end]):
            if kinds[run_end] is not None:
                result.removed.append((run_end + 1, raw[run_end], kinds[run_end] or ""))
            run_end += 1
        _close_gap(result.lines, raw, index, run_end, kinds)
        index = run_end
    return result


def _close_gap(
    kept: list[Line], raw: list[str], start: int, end: int, kinds: list[str | None]
) -> None:
    """After removing raw[start:end], keep at most one blank line, none mid-sentence."""
    blank_in_gap = any(not raw[i] and kinds[i] is None for i in range(start, end))
    while kept and not kept[-1].text:
        kept.pop()
        blank_in_gap = True
    if not kept:
        return
    previous = kept[-1].text
    following = raw[end] if end < len(raw) else ""
    mid_sentence = unfinished(previous) and (
        not blank_in_gap
        or following[:1].islower()
        or previous.endswith(",")
        or previous.rsplit(None, 1)[-1].lower() in _JOINING_WORDS
    )
    if blank_in_gap and not mid_sentence:
        kept.append(Line(start + 1, ""))


_JOINING_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by"}
)


def _mark_end_tails(raw: list[str], kinds: list[str | None]) -> None:
    for index, kind in enumerate(kinds):
        if kind != "end":
            continue
        follow = index + 1
        while follow < len(raw) and raw[follow] and ends_end_line(raw[follow]):
            kinds[follow] = "end"
            follow += 1


def _mark_running_lines(raw: list[str], kinds: list[str | None]) -> None:
    """Running headers and footers: lines that recur next to page numbers or mid-sentence.

    Only numbered pages have running headers: a web page's break tags do not count.
    """
    places: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(raw):
        if not line or kinds[index] is not None or len(line) > 120:
            continue
        if line.endswith((":", ".", "?", "!")) and "page" not in line.lower():
            continue
        if len(line) < 8:
            continue
        places[_DIGITS.sub("#", " ".join(line.lower().split()))].append(index)
    for indexes in places.values():
        if len(indexes) < 2:
            continue
        near_page = sum(1 for index in indexes if _near_page_marker(raw, kinds, index))
        cutting = sum(1 for index in indexes if _cuts_sentence(raw, index))
        if near_page >= 2 or (len(indexes) >= 3 and cutting >= 1) or _numbers_pages(raw, indexes):
            for index in indexes:
                kinds[index] = "running header"


#: The fewest lines a page of a transcript holds (a footer recurs no more often).
_PAGE_LINES = 8


def _numbers_pages(raw: list[str], indexes: list[int]) -> bool:
    """True when the line ends in a number that counts up by one ("Inquiries: (02) 6277 7500
    1", "… 2", "… 3"): a footer carrying the page number."""
    if any(b - a < _PAGE_LINES for a, b in pairwise(indexes)):
        return False  # a page holds more lines than that
    for index in indexes:
        before = next((raw[i] for i in range(index - 1, -1, -1) if raw[i]), "")
        if before.endswith((":", "：")) and len(before) <= 80:
            return False  # the words under a label ("Zhao Min:") are speech
    numbers = []
    for index in indexes:
        found = _DIGITS.findall(raw[index])
        if not found or not raw[index].rstrip().endswith(found[-1]):
            return False
        numbers.append(int(found[-1]))
    return len(numbers) >= 2 and all(b == a + 1 for a, b in pairwise(numbers))


def _near_page_marker(raw: list[str], kinds: list[str | None], index: int) -> bool:
    for step in (-1, 1):
        seen = 0
        position = index + step
        while 0 <= position < len(raw) and seen < 2:
            if raw[position]:
                if kinds[position] == "page":
                    return True
                seen += 1
            position += step
    return False


def _cuts_sentence(raw: list[str], index: int) -> bool:
    before = next((raw[i] for i in range(index - 1, -1, -1) if raw[i]), "")
    after = next((raw[i] for i in range(index + 1, len(raw)) if raw[i]), "")
    return unfinished(before) and after[:1].islower()
