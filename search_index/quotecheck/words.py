"""Words as a quote check compares them, and a quote cut into the pieces aligned one by one.

A word keeps its character span in the text it comes from; its comparison form is
case-folded, with typographic apostrophes made plain and the thousands separators of a
number dropped ("1,000" and "1000" are the same word). Every word counts, the small ones
included: "will" for "would" is a change a reader must see.

A quote is cut where it marks an omission ("…", "...", "[…]") and between its
sentences: each piece is aligned with the record on its own, so that a quote joining two
sentences of an answer still finds both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

#: A word: letters and digits, with inner apostrophes, hyphens, dots and commas kept
#: ("China's", "Five-Year", "11.6", "31,300"), and the currency sign before a number or
#: the percent sign after it ("$1.6", "43.9%"): a passage never loses them.
WORD_RE = re.compile(r"[$€£¥]?\w+(?:['’.,\-]\w+)*%?")
#: An omission marked in a quote: an ellipsis, three or more dots, or either in brackets.
ELLIPSIS_RE = re.compile(r"\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\.(?:\s?\.)*")
#: Where one sentence ends and the next begins (checked against abbreviations below).
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]*[A-Z0-9])")
#: Words ending in a dot that do not end a sentence.
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "st", "no", "nos", "vol", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.g", "i.e", "etc", "vs",
})  # fmt: skip
#: A piece shorter than this many words is joined to its neighbour (it would align anywhere).
MIN_PIECE_WORDS = 4


class Word(NamedTuple):
    """A word of a text: its comparison form and its character span."""

    norm: str
    start: int
    end: int


def normalise(word: str) -> str:
    """The comparison form of a word."""
    folded = word.casefold().replace("’", "'")
    if folded[:1].isdigit() and "," in folded:
        folded = folded.replace(",", "")
    return folded


def words_of(text: str) -> list[Word]:
    """Every word of `text`, in order."""
    return [Word(normalise(m.group()), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def norms_of(text: str) -> list[str]:
    """The comparison forms of `words_of(text)`, found about three times faster.

    Case-folding the whole text first tokenises it the same way for all but a few exotic
    letters; a caller that needs the spans too checks the two agree (`words_of`).
    """
    folded = WORD_RE.findall(text.casefold().replace("’", "'"))
    return [w.replace(",", "") if "," in w and w[:1].isdigit() else w for w in folded]


def has_digit(word: str) -> bool:
    """Whether a word holds a digit (a number, a year, "14th")."""
    return any(char.isdigit() for char in word)


@dataclass(frozen=True)
class Piece:
    """Consecutive quote words aligned with the record as one.

    `first` and `last` index the quote's words; `after_ellipsis` says the quote marks an
    omission before this piece.
    """

    first: int
    last: int
    after_ellipsis: bool


def sentence_breaks(text: str) -> list[int]:
    """Where each sentence of `text` after the first begins (just past its end mark)."""
    breaks: list[int] = []
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].rsplit(None, 1)
        word = before[-1].casefold().rstrip(".") if before else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        breaks.append(match.start() + 1)
    return breaks


def pieces_of(text: str, words: list[Word]) -> list[Piece]:
    """The quote's words cut at omissions and sentence ends; short pieces joined."""
    if not words:
        return []
    ellipses = [m.start() for m in ELLIPSIS_RE.finditer(text)]
    cuts: list[tuple[int, bool]] = [(at, True) for at in ellipses]
    cuts += [(at, False) for at in sentence_breaks(text)]
    cuts.sort()
    pieces: list[Piece] = []
    first = 0
    marked = False
    for at, is_ellipsis in cuts:
        last = first
        while last < len(words) and words[last].start < at:
            last += 1
        if last > first:
            pieces.append(Piece(first, last, marked))
            first = last
            marked = is_ellipsis
        else:
            marked = marked or is_ellipsis
    if first < len(words):
        pieces.append(Piece(first, len(words), marked))
    return _join_short(pieces)


def _join_short(pieces: list[Piece]) -> list[Piece]:
    """Join pieces of fewer than MIN_PIECE_WORDS words to a neighbour (not across "…")."""
    changed = True
    while changed and len(pieces) > 1:
        changed = False
        for i, piece in enumerate(pieces):
            if piece.last - piece.first >= MIN_PIECE_WORDS:
                continue
            after = pieces[i + 1] if i + 1 < len(pieces) else None
            before = pieces[i - 1] if i > 0 else None
            if after is not None and not after.after_ellipsis:
                pieces[i : i + 2] = [Piece(piece.first, after.last, piece.after_ellipsis)]
            elif before is not None and not piece.after_ellipsis:
                pieces[i - 1 : i + 1] = [Piece(before.first, piece.last, before.after_ellipsis)]
            else:
                continue
            changed = True
            break
    return pieces
