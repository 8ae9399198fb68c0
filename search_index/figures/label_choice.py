"""Which label each figure of a paragraph gets: the rules that pick among the noun phrases
`noun_phrases` reads (counted noun, "of" phrase, modified noun, subject), or the label of the
figure before it in the sentence."""

from __future__ import annotations

import re

from search_index.figures.draft import Draft
from search_index.figures.noun_phrases import (
    Subject,
    clean_label,
    is_plural_noun,
    noun_after,
    of_phrase,
    subject_before,
)
from search_index.figures.sentences import sentence_at
from search_index.figures.units import QUALIFIER_BEFORE_RE

_DETERMINER_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:the|a|an|its|their|his|her|our|this|that|[A-Za-z]+'s)\s+\Z", re.IGNORECASE
)
_QUESTION_RE = re.compile(
    r"^(?:can|could|would|will|do|does|did|is|are|was|were|what|how|why|when)\b", re.IGNORECASE
)
_ADVERBIAL_TIME_RE = re.compile(
    r"\b(?:over|for|in|within|during|after|before|past|next|last|recent|first|coming|of)"
    r"(?:\s+the)?(?:\s+(?:past|next|last|first|coming|recent))?\s+\Z",
    re.IGNORECASE,
)
_MEASURE_WORDS = frozenset(
    {"value", "total value", "turnover", "output", "amount", "total amount", "sales", "revenue"}
)


def assign_labels(text: str, drafts: list[Draft], sentences: list[tuple[int, int]]) -> None:
    """Fill in each draft's label from its sentence; figures with none inherit a neighbour's."""
    for i, d in enumerate(drafts):
        s0, s1 = sentence_at(sentences, d.start)
        prev = drafts[i - 1] if i and drafts[i - 1].start >= s0 else None
        if d.counted:
            d.label = d.label or d.unit  # the counted noun phrase, read with the figure
            continue
        if d.kind == "percent" or (d.unit is None and d.kind == "amount"):
            phrase = of_phrase(text, d.end, s1)
            if phrase:
                d.label = phrase
                continue
        clause_start = max(s0, prev.end if prev else s0)
        qualifier_start = d.start
        qmatch = None
        if d.qualifier is not None:
            qmatch = QUALIFIER_BEFORE_RE.search(text, max(0, d.start - 20), d.start)
        if qmatch:
            qualifier_start = qmatch.start()
        if d.kind == "duration" and _ADVERBIAL_TIME_RE.search(
            text, max(0, qualifier_start - 30), qualifier_start
        ):
            continue  # "over the next five years": when, not what
        if d.kind in {"amount", "change"} and d.unit is not None:
            determined = _DETERMINER_BEFORE_RE.search(
                text, max(0, qualifier_start - 12), qualifier_start
            )
            modified = noun_after(text, d.end, s1, determined=determined is not None)
            if modified is None and d.kind == "amount":
                modified = of_phrase(text, d.end, s1) if text.startswith(" of ", d.end) else None
            if modified:
                d.label = modified
                continue
        subject = subject_before(text, clause_start, qualifier_start, after_figure=prev is not None)
        if subject.per_phrase and d.kind in {"amount", "count"} and d.unit is None:
            d.kind = "rate"
            d.unit = subject.per_phrase
        if subject.label and _QUESTION_RE.match(subject.label):
            subject = Subject(label=None, per_phrase=subject.per_phrase)
        if subject.agent and d.unit is not None and d.kind == "amount":
            purpose = noun_after(text, d.end, s1, determined=False, preposition=True)
            if purpose:  # "the bank will add 200 billion yuan in relending quotas"
                d.label = purpose
                continue
        if subject.label:
            d.label = subject.label
            if d.label.lower() in _MEASURE_WORDS and prev is not None and prev.counted:
                d.label = f"{d.label} of {prev.label}"
            if d.unit is None and d.kind == "amount" and any(map(is_plural_noun, d.label.split())):
                number_of = re.search(
                    r"\bnumber\s+of\s+" + re.escape(d.label.split()[0]),
                    text[clause_start:qualifier_start],
                    re.IGNORECASE,
                )
                if number_of and d.value == int(d.value):
                    d.kind = "count"
                    d.unit = _head_of(d.label)
            continue
        if d.unit is not None and d.kind in {"amount", "change"}:
            purpose = noun_after(text, d.end, s1, determined=False, preposition=True)
            if purpose:
                d.label = purpose  # "$2.5 billion for bridge repairs", "in new purchases"
                continue
        if prev is not None and prev.label and subject.inherit:
            d.label = prev.label
    for d in drafts:
        if d.label is not None:
            d.label = clean_label(d.label) or None


def _head_of(label: str) -> str:
    """The head noun of a label: its first plural word ("registrations for X" → registrations)."""
    for word in label.split():
        if is_plural_noun(word):
            return word if word.isupper() else word.lower()
    last = label.split()[-1]
    return last if last.isupper() else last.lower()
