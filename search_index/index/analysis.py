"""The text analysis shared by indexing, querying, snippets and highlighting.

One tokenizer serves all four so that what is highlighted is exactly what was matched:
words are runs of letters and digits (a dot inside a number or an abbreviation is kept:
"56.18", "u.s"), lower-cased, common English words dropped, and the rest reduced to their
Porter stem ("patented" → "patent"). Positions count only the kept words, so a phrase query
skips stop words the same way in the index and in the query.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

#: A word: letters/digits, with inner dots kept ("56.18", "u.s").
WORD_RE = re.compile(r"\w+(?:\.?\w+)*")

#: Words too common to index (Whoosh's default English list).
STOP_WORDS: frozenset[str] = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "have",
        "if",
        "in",
        "is",
        "it",
        "may",
        "not",
        "of",
        "on",
        "or",
        "tbd",
        "that",
        "the",
        "this",
        "to",
        "us",
        "we",
        "when",
        "will",
        "with",
        "yet",
        "you",
        "your",
    )
)


class Token(NamedTuple):
    """A kept word of a text: its stem, lower-cased form and character span."""

    stem: str
    word: str
    start: int
    end: int


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of a lower-cased word (cached)."""
    from whoosh.lang.porter import stem as porter_stem

    return str(porter_stem(word))


def is_kept(word: str) -> bool:
    """Whether a lower-cased word is indexed: not a stop word, not a lone letter.

    The one rule for indexing, querying and highlighting alike (a digit alone is kept).
    """
    return word not in STOP_WORDS and (len(word) > 1 or word.isdigit())


def kept_words(text: str, pos: int = 0) -> Iterator[tuple[str, re.Match[str]]]:
    """The kept words of `text` from `pos` on, lower-cased, each with its match."""
    for match in WORD_RE.finditer(text, pos):
        word = match.group().lower()
        if is_kept(word):
            yield word, match


#: Each lower-cased word seen by `kept_stems`: its stem, or "" when it is not kept.
_TERMS: dict[str, str] = {}
#: Words `_TERMS` holds at most (it is emptied past it).
_TERMS_HELD = 200_000


def kept_stems(text: str) -> list[str]:
    """The stems of the kept words of `text`, in order (what indexing a turn's text
    needs): the stems of `tokenize(text)`, without their spans, about twice as fast."""
    terms = _TERMS
    found: list[str] = []
    append = found.append
    for match in WORD_RE.findall(text):
        word = match.lower()
        term = terms.get(word)
        if term is None:
            term = stem(word) if is_kept(word) else ""
            if len(terms) >= _TERMS_HELD:
                terms.clear()
            terms[word] = term
        if term:
            append(term)
    return found


def tokenize(text: str) -> list[Token]:
    """The kept words of `text` in order, each with its stem and character span."""
    tokens: list[Token] = []
    append = tokens.append
    for word, match in kept_words(text):
        append(Token(stem(word), word, match.start(), match.end()))
    return tokens


def stems(text: str) -> list[str]:
    """Just the stems of `tokenize(text)`: what a query word or phrase looks up."""
    return [token.stem for token in tokenize(text)]


def plain_words(text: str) -> list[str]:
    """Lower-cased words without stemming or stop words: how names are indexed."""
    return [match.group().lower() for match in WORD_RE.finditer(text)]
