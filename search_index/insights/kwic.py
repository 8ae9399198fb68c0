"""Keyword in context: every occurrence of a term or phrase, with aligned context.

Occurrences are found with the search index's own analysis (`match_spans`), so "patented"
finds "patent", "patents" and "patented" exactly as a search would; a phrase matches its
words in order, stop words skipped. Context never crosses a turn; whitespace (paragraph
breaks included) is shown as single spaces, and a context cut inside a word is cut back to
the word boundary and marked with "…".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from search_index.errors import QueryError
from search_index.models import Transcript

#: Characters of context on each side by default.
DEFAULT_WIDTH = 40
#: The narrowest and widest context accepted.
MIN_WIDTH, MAX_WIDTH = 5, 500

SpanFinder = Callable[[str, str], Sequence[tuple[int, int]]]
"""`match_spans(query, text)`: where a query's words occur in a text."""

_SPACE_RE = re.compile(r"\s+")
_WILDCARD = re.compile(r"[*?]")
_PATTERN_RE = re.compile(r"[\w.*?]+")


@dataclass(frozen=True, slots=True)
class KwicLine:
    """One occurrence of the term with the text on either side."""

    transcript_id: str
    title: str
    date: dt.date | None
    source: str
    turn: int
    speaker: str
    start: int
    end: int
    """Span of the occurrence in the turn's text."""
    left: str
    """Context before the occurrence, at most `width` characters, unpadded."""
    match: str
    right: str
    """Context after the occurrence, at most `width` characters, unpadded."""


@dataclass(frozen=True, slots=True)
class Kwic:
    """The concordance of one term."""

    term: str
    query: str
    """The search query the term was turned into."""
    width: int
    lines: tuple[KwicLine, ...]

    @property
    def match_width(self) -> int:
        """The widest occurrence (the keyword column's width)."""
        return max((len(line.match) for line in self.lines), default=0)

    def aligned(self, line: KwicLine) -> str:
        """`line` as "<left, right-aligned>  <match, padded>  <right>", all columns aligned."""
        return (
            f"{line.left:>{self.width}}  {line.match:<{self.match_width}}  "
            f"{line.right:<{self.width}}"
        ).rstrip()

    def aligned_lines(self) -> list[str]:
        """Every line, aligned (see `aligned`)."""
        return [self.aligned(line) for line in self.lines]


def term_query(term: str) -> str:
    """The search query for a term: its words as a quoted phrase, or the one word.

    The term is taken literally: quotes, brackets, colons and other query syntax are
    ignored, so "figure:yuan" looks for the words "figure yuan". A single word with * or ?
    is a wildcard pattern, as in search. Raises QueryError when the term has no searchable
    word (empty, punctuation only, or only common words such as "the").
    """
    from search_index.index.analysis import WORD_RE, stems

    raw = term.strip()
    if _PATTERN_RE.fullmatch(raw) and _WILDCARD.search(raw):
        if not _WILDCARD.sub("", raw).strip("*?"):
            raise QueryError(f"{raw!r} matches everything: add some letters")
        return raw.lower()
    words = [match.group() for match in WORD_RE.finditer(raw)]
    if not words:
        raise QueryError("nothing to look for: give a word or a phrase")
    phrase = " ".join(words)
    if not stems(phrase):
        raise QueryError(
            f"{phrase!r} has no searchable words (common words such as 'the' are not indexed)"
        )
    return f'"{phrase}"' if len(words) > 1 else phrase


def _squash(text: str) -> str:
    """`text` with each run of whitespace as one space: what `_SPACE_RE.sub(" ", text)`
    gives (str.split's whitespace is the regex's), made by split and join, a few times
    quicker."""
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    before = " " if text[0].isspace() else ""
    after = " " if text[-1].isspace() else ""
    return f"{before}{inner}{after}"


def left_context(text: str, start: int, width: int) -> str:
    """Up to `width` characters before `start`, whitespace squashed, cut at a word boundary."""
    reach = 4 * width + 8
    window = _squash(text[max(0, start - reach) : start]).lstrip()
    cut = start > reach
    if len(window) <= (width - 1 if cut else width):
        return "…" + window if cut else window
    keep = window[-(width - 1) :]
    dropped = window[: len(window) - len(keep)]
    if dropped[-1:].isalnum() and keep[:1].isalnum():
        # Cut inside a word: leave the rest of it out.
        space = keep.find(" ")
        keep = keep[space + 1 :] if space >= 0 else ""
    return "…" + keep.lstrip()


def right_context(text: str, end: int, width: int) -> str:
    """Up to `width` characters after `end`, whitespace squashed, cut at a word boundary."""
    reach = 4 * width + 8
    window = _squash(text[end : end + reach]).rstrip()
    cut = end + reach < len(text)
    if len(window) <= (width - 1 if cut else width):
        return window + "…" if cut else window
    keep = window[: width - 1]
    rest = window[len(keep) :]
    if rest[:1].isalnum() and keep[-1:].isalnum():
        space = keep.rfind(" ")
        keep = keep[:space] if space >= 0 else ""
    return keep.rstrip() + "…"


def kwic(
    transcripts: Sequence[Transcript],
    term: str,
    width: int = DEFAULT_WIDTH,
    span_finder: SpanFinder | None = None,
) -> Kwic:
    """Every occurrence of `term` in `transcripts`, by transcript (date, title) and position.

    `span_finder` defaults to the search index's `match_spans`. Raises QueryError for a
    term with nothing to look for and InputError for a width outside 5…500.
    """
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        from search_index.errors import InputError

        raise InputError(f"context width must be between {MIN_WIDTH} and {MAX_WIDTH}, not {width}")
    query = term_query(term)
    if span_finder is None:
        from search_index.index import match_spans

        span_finder = match_spans
    ordered = sorted(
        {t.id: t for t in transcripts}.values(),
        key=lambda t: (t.date or dt.date.max, (t.title or t.source).casefold(), t.id),
    )
    lines: list[KwicLine] = []
    for transcript in ordered:
        title = transcript.title or transcript.source.replace("\\", "/").rsplit("/", 1)[-1]
        for turn in transcript.turns:
            for start, end in span_finder(query, turn.text):
                lines.append(
                    KwicLine(
                        transcript_id=transcript.id,
                        title=title,
                        date=transcript.date,
                        source=transcript.source,
                        turn=turn.index,
                        speaker=turn.speaker,
                        start=start,
                        end=end,
                        left=left_context(turn.text, start, width),
                        match=_squash(turn.text[start:end]),
                        right=right_context(turn.text, end, width),
                    )
                )
    return Kwic(term=term, query=query, width=width, lines=tuple(lines))
