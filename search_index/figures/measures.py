"""What a figure is a quantity of: the unit written after it, or the noun it counts.

Two stages of reading a figure: `read_unit` (percent, currency, time or measurement unit,
and a rate "per 10,000 people") and `read_counted_noun` ("31,300 [trademark infringement]
cases"; a spelled number with neither unit nor noun, or a capitalised name before a bare
number, is turned away).
"""

from __future__ import annotations

import re

from search_index.figures.noun_phrases import counted_noun, is_plural_noun
from search_index.figures.patterns import DIGITS, PERCENT_RE
from search_index.figures.reading import REJECT, NotAFigure, Reading, skip_space
from search_index.figures.rejections import names_number
from search_index.figures.units import (
    CURRENCY_SUFFIXES,
    MEASURE_UNITS,
    PERCENT_UNITS,
    TIME_ADJECTIVES,
    TIME_UNITS,
    alternation,
    normalise_key,
)

_CUR_SUFFIX_RE = re.compile(rf"\s+(?:{alternation(CURRENCY_SUFFIXES)})\b", re.IGNORECASE)
_TIME_RE = re.compile(
    rf"\s+(?:(?:{alternation(TIME_ADJECTIVES)})\s+)?(?P<u>{alternation(TIME_UNITS)})\b(?!-)",
    re.IGNORECASE,
)
_MEASURE_RE = re.compile(rf"\s*(?:{alternation(MEASURE_UNITS)})\b(?!-)", re.IGNORECASE)
_PER_RE = re.compile(rf"\s+per\s+(?P<n>{DIGITS})\s+(?P<noun>[A-Za-z]+)")
#: "per" first, its word boundary checked after: a literal start the regex engine finds fast.
PER_DENOMINATOR_RE = re.compile(rf"per(?<=\bper)\s+({DIGITS})\s+[A-Za-z]")


def read_unit(r: Reading) -> NotAFigure | None:
    """The unit after the number: "%", "percentage points", "yuan", "months", "tonnes"; and
    a rate's denominator ("15.8 per 10,000 people", "3 cases per day" is read with the noun).
    A currency read before the number is the unit unless a percent follows."""
    text = r.text
    r.unit = r.currency
    pct = PERCENT_RE.match(text, r.pos)
    if pct:
        r.unit = PERCENT_UNITS[normalise_key(pct.group())]
        r.kind = "percent"
        r.pos = pct.end()
    elif r.currency is None and (cur_suffix := _CUR_SUFFIX_RE.match(text, r.pos)):
        r.unit = r.paragraph.currency(CURRENCY_SUFFIXES[normalise_key(cur_suffix.group())])
        r.pos = cur_suffix.end()
    elif r.currency is None and (time_unit := _time_unit(text, r.pos)):
        r.unit = TIME_UNITS[time_unit.group("u").lower()]
        r.kind = "duration"
        r.pos = time_unit.end()
    elif (
        r.currency is None
        and (measure := _MEASURE_RE.match(text, r.pos))
        and (measure.group().strip() or not r.is_word)
    ):
        r.unit = MEASURE_UNITS[normalise_key(measure.group())]
        r.pos = measure.end()
    per = _PER_RE.match(text, r.pos)
    if per and r.kind != "duration":
        per_unit = f"per {per.group('n')} {per.group('noun')}"
        r.unit = f"{r.unit} {per_unit}" if r.unit else per_unit
        r.kind = "rate"
        r.pos = per.end()
    return None


def _time_unit(text: str, pos: int) -> re.Match[str] | None:
    """The time unit at `pos` ("five months", "30 seconds"), unless it is the ordinal
    "second" before a plural noun: "500,000 second doses" counts doses."""
    match = _TIME_RE.match(text, pos)
    if match is None or match.group("u").lower() != "second":
        return match
    following = _NEXT_WORD_RE.match(text, match.end())
    return None if following and is_plural_noun(following.group(1)) else match


_NEXT_WORD_RE = re.compile(r"[ \t\u00a0]+([A-Za-z][\w'’\-]*)")


def read_counted_noun(r: Reading) -> NotAFigure | None:
    """The plural noun a unitless number counts, which becomes its unit and label.

    A slash fraction needs a unit or "of" ("1/4 percent", "1/3 of"); a spelled number needs
    a unit or noun ("one window" and "one of the" are no figures); a bare number or count
    right after a capitalised word is a name ("Channel 12", "Boeing 737 jets").
    """
    text = r.text
    r.counted_end = r.pos
    fraction_only = r.is_wfrac or r.is_vulgar or r.is_afrac
    if r.is_afrac and r.unit is None and not text.startswith("of", skip_space(text, r.pos)):
        return REJECT  # "4/25" is no figure without a unit: only "1/4 percent", "1/3 of"
    if r.unit is None and not fraction_only:
        noun = counted_noun(
            text, r.pos, min(len(text), r.pos + 160), singular_ok=r.value == 1 and r.low is None
        )
        if noun is not None and not is_plural_noun(noun.head) and r.value != 1:
            noun = None
        if noun is not None:
            r.unit = noun.head
            r.kind = "count"
            r.counted = True
            r.counted_end = noun.end
            r.counted_phrase = noun.phrase
            per_after = _PER_RE.match(text, noun.end)
            if per_after:
                r.unit = f"{r.unit} per {per_after.group('n')} {per_after.group('noun')}"
                r.kind = "rate"
    if r.is_word and r.unit is None:
        return REJECT
    if r.is_word and r.value == 1 and r.kind == "count":
        return REJECT  # "one window", "one of the"
    if (
        (r.unit is None or (r.counted and not r.is_word))
        and r.currency is None
        and r.scale == 1.0
        and names_number(r.paragraph, r.fig_start)
    ):
        return REJECT
    return None
