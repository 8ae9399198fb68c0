"""A matched passage cut into spans to show: the same as the quote, left out, changed, added.

The app and `pressroom quote` style these spans each their own way; what the spans are is
decided once, here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from search_index.quotecheck.models import QuoteMatch

SpanKind = Literal["same", "left out", "changed", "added"]


@dataclass(frozen=True)
class MarkedSpan:
    """A stretch of the passage (empty for words only the quote has) and how it compares."""

    text: str
    kind: SpanKind
    quote: str = ""
    """The quote's words here, for a changed or an added span."""
    marked: bool = False
    """Left out where the quote marks the omission ("…")."""


def marked_passage(match: QuoteMatch) -> list[MarkedSpan]:
    """The passage from start to end as spans; the added words where the quote has them."""
    passage = match.passage
    spans: list[MarkedSpan] = []
    position = 0
    for difference in sorted(match.differences, key=lambda d: (d.start, d.end)):
        start = max(difference.start, position)
        if start > position:
            spans.append(MarkedSpan(passage[position:start], "same"))
            position = start
        if difference.kind == "added":
            spans.append(MarkedSpan("", "added", difference.quote))
            continue
        end = max(difference.end, position)
        spans.append(
            MarkedSpan(passage[position:end], difference.kind, difference.quote, difference.marked)
        )
        position = end
    if position < len(passage):
        spans.append(MarkedSpan(passage[position:], "same"))
    return spans
