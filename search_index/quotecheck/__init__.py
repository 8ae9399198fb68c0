"""Quote check: "did they really say that?"

`QuoteChecker(index).check(quote)` (or `check_quote(index, quote)`) finds the passages of
the library a quote may come from — even when it is cut short, leaves words out (with or
without "…"), changes a few, or joins two sentences of one answer — and says, word by
word, how the quote differs from each, calling out every figure it gives otherwise.
"""

from __future__ import annotations

from search_index.quotecheck.check import (
    MATCH_THRESHOLD,
    QuoteChecker,
    check_quote,
    clean_quote,
)
from search_index.quotecheck.marking import MarkedSpan, marked_passage
from search_index.quotecheck.models import (
    DifferenceKind,
    FigureDifference,
    QuoteCheck,
    QuoteMatch,
    WordDifference,
)

__all__ = [
    "MATCH_THRESHOLD",
    "DifferenceKind",
    "FigureDifference",
    "MarkedSpan",
    "QuoteCheck",
    "QuoteChecker",
    "QuoteMatch",
    "WordDifference",
    "check_quote",
    "clean_quote",
    "marked_passage",
]
