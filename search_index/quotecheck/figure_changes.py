"""Figures a quote gives otherwise than the record: "quote: 281 billion yuan — record: 218…".

The figure extractor reads both sides; the word alignment says which record words stand
where each of the quote's figures is. A figure differs when its value, range, unit or
qualifier ("more than", "about") does. Numbers the extractor does not take for figures
(years, ordinals, a bare "14") are compared as words, so that no changed number goes
unmentioned.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from search_index.figures import Figure, extract_figures_from_text
from search_index.quotecheck.align import Block
from search_index.quotecheck.models import FigureDifference
from search_index.quotecheck.words import Word, has_digit


def figure_changes(
    quote: str,
    quote_words: Sequence[Word],
    record: str,
    record_words: Sequence[Word],
    blocks: Sequence[Block],
) -> list[FigureDifference]:
    """Every figure or number of the quote that the record gives otherwise, in quote order."""
    found: list[tuple[int, FigureDifference]] = []
    covered: set[int] = set()  # quote words already spoken for by a figure
    record_figures = _figures(record)
    for figure in _figures(quote):
        words = [
            i for i, w in enumerate(quote_words) if w.start < figure.end and w.end > figure.start
        ]
        if not words:
            continue
        covered.update(words)
        kinds = {block.kind for i in words if (block := _block_of(blocks, i)) is not None}
        span = _record_span(blocks, words, record_words)
        counterpart = _figure_in(record_figures, span) if span is not None else None
        if counterpart is not None:
            if not _same(figure, counterpart):
                found.append(
                    (words[0], FigureDifference(quote=figure.text, record=counterpart.text))
                )
        elif kinds - {"equal"}:
            other = record[span[0] : span[1]] if span is not None else None
            found.append((words[0], FigureDifference(quote=figure.text, record=other)))
    for block in blocks:
        if block.kind not in {"changed", "added"}:
            continue
        indices = [i for i in range(block.q0, block.q1) if i not in covered]
        if not any(has_digit(quote_words[i].norm) for i in indices):
            continue
        said = _text(quote, quote_words, block.q0, block.q1)
        if block.kind == "added":
            found.append((block.q0, FigureDifference(quote=said, record=None)))
        else:
            other = _text(record, record_words, block.r0, block.r1)
            found.append((block.q0, FigureDifference(quote=said, record=other)))
    found.sort(key=lambda item: item[0])
    return [difference for _, difference in found]


def _figures(text: str) -> list[Figure]:
    try:
        return extract_figures_from_text(text)
    except Exception:  # a figure bug must not stop a quote check
        return []


def _block_of(blocks: Sequence[Block], quote_word: int) -> Block | None:
    for block in blocks:
        if block.q0 <= quote_word < block.q1:
            return block
    return None


def _record_span(
    blocks: Sequence[Block], quote_indices: Sequence[int], record_words: Sequence[Word]
) -> tuple[int, int] | None:
    """Character span of the record words standing where the quote words are."""
    starts: list[int] = []
    ends: list[int] = []
    for i in quote_indices:
        block = _block_of(blocks, i)
        if block is None or block.r1 <= block.r0:
            continue
        if block.kind == "equal":
            j = block.r0 + (i - block.q0)
            starts.append(record_words[j].start)
            ends.append(record_words[j].end)
        else:
            starts.append(record_words[block.r0].start)
            ends.append(record_words[block.r1 - 1].end)
    if not starts:
        return None
    return min(starts), max(ends)


def _figure_in(figures: Sequence[Figure], span: tuple[int, int]) -> Figure | None:
    for figure in figures:
        if figure.start < span[1] and figure.end > span[0]:
            return figure
    return None


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _same(a: Figure, b: Figure) -> bool:
    return (
        _close(a.value, b.value)
        and _close(a.low, b.low)
        and _close(a.high, b.high)
        and a.unit == b.unit
        and a.qualifier == b.qualifier
    )


def _text(text: str, words: Sequence[Word], first: int, last: int) -> str:
    if last <= first:
        return ""
    return " ".join(text[words[first].start : words[last - 1].end].split())
