"""Find the figures in a turn: every quoted quantity with its span, value, unit and label.

A focused extractor: one pass of precompiled regular expressions over the text, after the
spans that hold no figures (dates, clock times, numbered names, list markers, page numbers,
caption counters) have been marked. Each number is then read outwards in stages, each in
its own module (see `read_figure`); labels are chosen last, for the whole paragraph. See
docs/figures.md for how it compares with libraries.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import chain

from search_index.figures.cores import could_hold_figures, number_cores, rank_matches
from search_index.figures.draft import Draft
from search_index.figures.label_choice import assign_labels
from search_index.figures.magnitude import read_currency_and_scale, read_year_or_range
from search_index.figures.measures import PER_DENOMINATOR_RE, read_counted_noun, read_unit
from search_index.figures.models import Figure
from search_index.figures.modifiers import carries_change, read_change, read_qualifier
from search_index.figures.number_words import ORDINAL_WORDS
from search_index.figures.reading import NotAFigure, Paragraph, Reading
from search_index.figures.rejections import reject_non_figures
from search_index.figures.sentences import sentence_at
from search_index.figures.traps import trap_spans

#: The stages of reading one number, in order; each returns None to go on.
STAGES: tuple[Callable[[Reading], NotAFigure | None], ...] = (
    reject_non_figures,
    read_currency_and_scale,
    read_year_or_range,
    read_unit,
    read_counted_noun,
    read_qualifier,
    read_change,
)


def read_figure(paragraph: Paragraph, match: re.Match[str]) -> Draft | NotAFigure:
    """The draft figure for the number core `match`, or why it is none."""
    reading = Reading.of(paragraph, match)
    for stage in STAGES:
        stop = stage(reading)
        if stop is not None:
            return stop
    return reading.draft()


def _in_spans(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect_right(starts, start) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1]:
            return True
    return False


_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\u00a0]*\n")


def iter_figures_from_text(text: str, turn: int = 0, dollar: str | None = None) -> Iterator[Figure]:
    """Every figure in `text`, by start offset, one paragraph read at a time.

    `turn` is stored on each figure. `dollar` is the currency a bare "$" or "dollars"
    stands for (the document's, see `currency.implied_dollar`); None leaves it "$".
    Paragraphs (separated by blank lines) are read one by one: no figure, unit, label or
    sentence reaches across a paragraph break.
    """
    if not could_hold_figures(text):
        return
    start = 0
    for brk in chain(_PARAGRAPH_BREAK_RE.finditer(text), (None,)):
        end = brk.start() if brk else len(text)
        if end > start:
            yield from _paragraph_figures(text[start:end], start, turn, dollar)
        if brk:
            start = brk.end()


def extract_figures_from_text(text: str, turn: int = 0, dollar: str | None = None) -> list[Figure]:
    """Every figure in `text`, sorted by start offset (see `iter_figures_from_text`)."""
    return list(iter_figures_from_text(text, turn, dollar))


def _paragraph_figures(text: str, base: int, turn: int, dollar: str | None) -> Iterator[Figure]:
    """The figures of one paragraph, with offsets shifted by `base`.

    Figures of one sentence share one copy of its text.
    """
    drafts, sentences = _drafts(text, dollar)
    sentence_texts: dict[tuple[int, int], str] = {}
    for d in drafts:
        s0, s1 = sentence_at(sentences, d.start)
        sentence = sentence_texts.get((s0, s1))
        if sentence is None:
            sentence = sentence_texts[(s0, s1)] = text[s0:s1]
        yield Figure(
            turn=turn,
            start=base + d.start,
            end=base + d.end,
            text=text[d.start : d.end],
            value=d.value,
            low=d.low,
            high=d.high,
            unit=d.unit,
            label=d.label,
            qualifier=d.qualifier,
            kind=d.kind,
            sentence=sentence,
            sentence_start=base + s0,
            sentence_end=base + s1,
        )


def _drafts(text: str, dollar: str | None) -> tuple[list[Draft], list[tuple[int, int]]]:
    """The labelled drafts of one paragraph's figures, and its sentence spans."""
    cores = number_cores(text)
    ranks_found = rank_matches(text)
    if not cores and not ranks_found:
        return [], []  # most paragraphs of a briefing hold no number at all
    traps = trap_spans(text)
    denominators = [m.span(1) for m in PER_DENOMINATOR_RE.finditer(text)]
    ranks: list[Draft] = []
    trap_starts = [s for s, _ in traps]
    for match in ranks_found:
        group = "a" if match.group("a") else "b" if match.group("b") else "c"
        span = match.span(group)
        if group == "b" and _in_spans(traps, trap_starts, *span):
            continue
        raw = match.group("n1") or match.group("n2")
        word = match.group("w") or match.group("w2")
        value = float(raw) if raw else float(ORDINAL_WORDS[word.lower()])
        ranks.append(Draft(span[0], span[1], value, None, None, None, "rank", None, None))
        traps.append(span)
    traps.sort()
    starts = [s for s, _ in traps]
    blocked = sorted(traps + denominators)
    blocked_starts = [s for s, _ in blocked]
    paragraph = Paragraph(text, dollar)
    drafts: list[Draft] = list(ranks)
    consumed = 0
    for match in cores:
        start, end = match.span()
        if start < consumed or _in_spans(blocked, blocked_starts, start, end):
            continue
        draft = read_figure(paragraph, match)
        if isinstance(draft, NotAFigure):
            if draft.skip_to is not None:
                consumed = draft.skip_to
            continue
        if _in_spans(traps, starts, draft.start, draft.end):
            continue
        if drafts and carries_change(text, drafts[-1], draft):
            draft.kind = "change"
        drafts.append(draft)
        consumed = draft.end
    drafts.sort(key=lambda d: d.start)
    assign_labels(text, drafts, paragraph.sentences)
    return drafts, paragraph.sentences
