"""One number being read into a figure: the state the stages share, and their results.

`extract.read_figure` passes a `Reading` through the stages in order (rejections, currency
and scale, year or range, unit, counted noun, qualifier, change). Each stage reads outwards
from the number, fills in what it found, and returns None to go on or a `NotAFigure` to stop.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from search_index.figures.draft import Draft
from search_index.figures.models import FigureKind, Qualifier
from search_index.figures.sentences import sentence_at, sentence_spans
from search_index.figures.units import MEASURE_UNITS, UNNAMED_DOLLAR


@dataclass(frozen=True, slots=True)
class NotAFigure:
    """The number read is no figure.

    `skip_to` is where reading resumes when the number belongs to a longer span that holds
    no figure either (a year range, "2020-21", "2019 to 2021"); None resumes at the next
    number.
    """

    skip_to: int | None = None


#: The usual verdict of a stage that turns a number away.
REJECT = NotAFigure()


class Paragraph:
    """One paragraph being read: its text, its sentences, and what is worked out once for all
    its numbers."""

    __slots__ = ("_openings", "dollar", "sentences", "text")

    def __init__(self, text: str, dollar: str | None = None) -> None:
        self.text = text
        #: The currency a bare "$" or "dollars" stands for here; None leaves it "$".
        self.dollar = dollar
        self.sentences = sentence_spans(text)
        self._openings: list[int] | None = None

    def currency(self, code: str) -> str:
        """The currency `code` (from the word lists) means here: a bare dollar is the
        document's dollar when it has one."""
        if code == UNNAMED_DOLLAR and self.dollar is not None:
            return self.dollar
        return code

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence that holds `offset` (or the nearest one before it)."""
        return sentence_at(self.sentences, offset)

    def opens_sentence(self, offset: int) -> bool:
        """Whether only spaces, quotes and brackets stand between `offset` and the start of
        its sentence ("The" in '“The 300 delegates'), in constant time."""
        if self._openings is None:
            self._openings = [_opening(self.text, s0, s1) for s0, s1 in self.sentences]
        if not self.sentences:
            return True
        i = max(bisect_right(self.sentences, (offset, _INFINITY)) - 1, 0)
        return offset <= self._openings[i]


#: What may stand before a sentence's first word ("“The…", "(Some…").
_OPENING_MARKS = frozenset(" \"'“‘(")
_INFINITY = 1 << 62


def _opening(text: str, start: int, end: int) -> int:
    """The first offset of `text[start:end]` that is not an opening mark (or `end`)."""
    while start < end and text[start] in _OPENING_MARKS:
        start += 1
    return start


@dataclass(slots=True)
class Reading:
    """What is known about one number so far; offsets are within one paragraph's `text`."""

    paragraph: Paragraph
    text: str
    match: re.Match[str]
    #: The number core as matched ("1,234.5", "forty-two", "two-thirds", "½").
    start: int
    end: int
    token: str
    is_word: bool
    is_wfrac: bool
    is_vulgar: bool
    is_afrac: bool
    #: The lower-cased word right before the number core, read once by the rejections.
    word_before: str = ""
    currency: str | None = None
    #: Where the figure's text starts: the number, or the currency or "minus" before it.
    fig_start: int = 0
    #: The lower-cased word before `fig_start` (kept in step with it).
    last_before: str = ""
    negative: bool = False
    value: float = 0.0
    scale: float = 1.0
    #: How far the figure's text reaches so far.
    pos: int = 0
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    kind: FigureKind = "amount"
    counted: bool = False
    #: Where the counted noun ends (the number's end when there is none).
    counted_end: int = 0
    counted_phrase: str | None = None
    qualifier: Qualifier | None = None
    #: Where a qualifier written before the figure starts ("more than "), if there is one.
    qualifier_start: int | None = None

    @classmethod
    def of(cls, paragraph: Paragraph, match: re.Match[str]) -> Reading:
        """The reading of the number core `match` in `paragraph`, before any stage has run."""
        start, end = match.span()
        found = match.lastgroup  # the outermost group of the core's kind
        return cls(
            paragraph=paragraph,
            text=paragraph.text,
            match=match,
            start=start,
            end=end,
            token=match.group(),
            is_word=found in _WORD_GROUPS,
            is_wfrac=found == "wfrac",
            is_vulgar=found == "vulgar",
            is_afrac=found == "afrac",
            fig_start=start,
            pos=end,
        )

    @property
    def spelled(self) -> bool:
        """Whether the number is spelled out: a number word or a word fraction."""
        return self.is_word or self.is_wfrac

    def draft(self) -> Draft:
        """The figure read, as a draft to be labelled: its text ends before any white space,
        and an amount of places ("moved up 3 places") is a rank."""
        end = self.pos
        while end > self.fig_start and self.text[end - 1] in SPACE:
            end -= 1
        kind = self.kind
        if kind == "amount" and self.unit in _RANK_UNITS:
            kind = "rank"
        return Draft(
            start=self.fig_start,
            end=end,
            value=self.value,
            low=self.low,
            high=self.high,
            unit=self.unit,
            kind=kind,
            qualifier=self.qualifier,
            label=self.counted_phrase,
            counted=self.counted,
        )


_WORD_GROUPS = frozenset({"word", "aword", "halfa"})
SPACE = frozenset(" \t\u00a0\n")
_RANK_UNITS = frozenset({"places", "slots", "spots", "positions", "notches"})
#: Possessive: the word's characters are never a space or tab, so giving some back cannot help.
PREV_WORD_RE = re.compile(r"([A-Za-z][\w.'’\-]*+)[ \t]\Z")
_GLUED_WORD_RE = re.compile(r"[A-Za-z]+")


def last_word(text: str, end: int) -> str:
    """The lower-cased word that ends just before the white space before `end`, or ""."""
    if end == 0 or not text[end - 1].isspace():
        return ""
    words = text[max(0, end - 24) : end].split()
    return words[-1].lower() if words else ""


def previous_word(text: str, start: int) -> str:
    """The word right before `start`, separated from it by one space or tab, or ""."""
    if start == 0 or text[start - 1] not in " \t":
        return ""  # `PREV_WORD_RE` wants a space or tab right before `start`
    match = PREV_WORD_RE.search(text, max(0, start - 40), start)
    return match.group(1) if match else ""


def skip_space(text: str, pos: int) -> int:
    """The first offset at or after `pos` that is not white space."""
    while pos < len(text) and text[pos] in SPACE:
        pos += 1
    return pos


def is_year(token: str) -> bool:
    """Whether `token` is a four-digit year from 1800 to 2100."""
    return token.isdigit() and len(token) == 4 and 1800 <= int(token) <= 2100


def glued_unit(text: str, end: int) -> bool:
    """Whether the letters glued to a number ending at `end` are a unit ("5km", "30kg")."""
    glued = _GLUED_WORD_RE.match(text, end)
    return glued is not None and glued.group().lower() in MEASURE_UNITS
