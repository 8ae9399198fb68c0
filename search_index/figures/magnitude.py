"""How big a figure is: its currency, value and scale, and whether it is a year or a range.

Two stages of reading a figure: `read_currency_and_scale` ("US$3.2 billion", "minus 0.5",
"1.5m people") and `read_year_or_range` (years are passed over; "110-120 million" becomes a
range with its midpoint as value).
"""

from __future__ import annotations

import re
from decimal import Decimal

from search_index.figures.noun_phrases import counted_noun
from search_index.figures.number_words import (
    VULGAR_FRACTIONS,
    parse_spelled,
    parse_word_fraction,
)
from search_index.figures.patterns import (
    ASCII_FRACTION,
    CUR_ALT,
    CUR_PRE_RE,
    DIGITS,
    PERCENT_RE,
    SHORT_SCALE_RE,
    VULGAR,
)
from search_index.figures.reading import (
    REJECT,
    NotAFigure,
    Reading,
    glued_unit,
    is_year,
    last_word,
    previous_word,
)
from search_index.figures.units import CURRENCY_PREFIXES, SCALES, word_set

_LONG_SCALE_RE = re.compile(r"\s+(thousand|million|billion|trillion|hundred)\b", re.IGNORECASE)
_PCT_SIGN_RE = re.compile(r"[ \u00a0]?%")
_MINUS_RE = re.compile(r"(?<![A-Za-z])minus\s+\Z", re.IGNORECASE)
_RANGE_RE = re.compile(
    rf"(?:[ \t]?[-–—][ \t]?|\s+to\s+|\s+and\s+)"
    rf"(?P<cur>{CUR_ALT})?[ \t]?(?P<num>{ASCII_FRACTION}|{DIGITS}{VULGAR}?"
    r"|[A-Za-z]+(?:-[A-Za-z]+)?\b)",
    re.IGNORECASE,
)
_YEAR_PREPOSITIONS = word_set(
    "in since by from to until till through before after of year during between and or "
    "early late mid end start beginning around fiscal"
)
_YEAR_TAIL_RE = re.compile(r"(?:[-–—/]\d{2,4}\b|\s+(?:to|and|through)\s+\d{4}\b)")
_DETERMINER_AFTER_RE = re.compile(r"\s+(?:the|a|an|its|their|this|that|our)\b")
_DASHES = frozenset({"-", "–", "—"})


def num_value(token: str) -> float:
    """The value of a number core: digits, a slash or vulgar fraction, or a spelled number.

    Raises ValueError for a word that is no number.
    """
    token = token.strip()
    frac = 0.0
    if token and token[-1] in VULGAR_FRACTIONS:
        frac = VULGAR_FRACTIONS[token[-1]]
        token = token[:-1]
    if not token:
        return frac
    if "/" in token:
        numerator, denominator = token.split("/")
        return int(numerator) / int(denominator)
    if token[0] in "-−":
        return -num_value(token[1:])
    if token[0].isdigit():
        return float(token.replace(",", "")) + frac
    return parse_spelled(token) + frac


def scaled(value: float, token: str, scale: float) -> float:
    """`value` times `scale`, computed in decimal so that "56.18 million" is exactly 56180000."""
    if scale == 1.0:
        return value
    digits = token.strip().replace(",", "").replace("−", "-")
    if digits and digits.lstrip("-")[:1].isdigit() and digits[-1].isdigit() and "/" not in digits:
        return float(Decimal(digits) * Decimal(int(scale)))
    return value * scale


def _counts_people_or_things(text: str, pos: int) -> bool:
    """Whether a plural counted noun follows `pos` ("5m people", not "100m sprint")."""
    noun = counted_noun(text, pos, min(len(text), pos + 80), partitive=False)
    return noun is not None and text[pos : pos + 1].isspace()


def read_currency_and_scale(r: Reading) -> NotAFigure | None:
    """The currency before the number, "minus", the value, and a scale after it.

    "$", "US$", "RMB ", "$ 2.7 billion"; "3.2bn", "$5m", "1.5m people", "two million".
    Letters glued to a number that are no scale or unit ("100m sprint") turn it away, as
    does a hyphenated compound ("a 10-year plan").
    """
    text, start, end = r.text, r.start, r.end
    cur_match = CUR_PRE_RE.search(text, max(0, start - 6), start)
    r.currency = (
        r.paragraph.currency(CURRENCY_PREFIXES[cur_match.group().strip()]) if cur_match else None
    )
    r.fig_start = cur_match.start() if cur_match else start
    r.last_before = last_word(text, r.fig_start)
    minus = r.last_before == "minus" and _MINUS_RE.search(
        text, max(0, r.fig_start - 8), r.fig_start
    )
    if minus and not r.spelled:
        r.negative = True
        r.fig_start = minus.start()
        r.last_before = last_word(text, r.fig_start)
    if r.is_wfrac:
        r.value = parse_word_fraction(r.match.group("num"), r.match.group("den"))
        nxt = text[end : end + 4].lstrip().lower()
        if "-" not in r.token and not nxt.startswith("of"):
            return REJECT
    else:
        try:
            r.value = num_value(r.token)
        except ValueError:
            return REJECT
    after = text[end : end + 1]
    short = SHORT_SCALE_RE.match(text, end)
    currency_free_short = bool(
        short
        and not r.currency
        and not short.group(1)
        and not r.is_word
        and _counts_people_or_things(text, short.end())
    )  # "1.5m people": millions of a counted noun
    if short and not r.is_word and (short.group(1) or r.currency or currency_free_short):
        r.scale = SCALES[(short.group(1) or short.group(2)).lower()]
        r.pos = short.end()
    elif after.isalpha() and not r.spelled:
        if not glued_unit(text, end):
            return REJECT
    elif (
        after == "-"
        and text[end + 1 : end + 2].isalpha()
        and not r.is_wfrac
        and not text[end + 1 : end + 9].lower().startswith(("percent", "per cent"))
    ):
        return REJECT  # "a 10-year plan", "COVID-19-related"
    if r.scale == 1.0:
        long_scale = _LONG_SCALE_RE.match(text, r.pos)
        if long_scale:
            r.scale = SCALES[long_scale.group(1).lower()]
            r.pos = long_scale.end()
    return None


def read_year_or_range(r: Reading) -> NotAFigure | None:
    """Pass over a year ("in 2021", "2020/21", "2019 to 2021"); read a range ("110-120
    million", "between 5 and 7 percent"); then apply the scale and the sign to the value."""
    if (
        not r.is_word
        and r.currency is None
        and r.scale == 1.0
        and is_year(r.token)
        and not PERCENT_RE.match(r.text, r.pos)
        and _is_a_year(r)
    ):
        tail = _YEAR_TAIL_RE.match(r.text, r.pos)
        return NotAFigure(skip_to=tail.end() if tail else r.end)
    stop = _read_range(r)
    if stop is not None:
        return stop
    if r.low is None:
        r.value = scaled(r.value, r.token, r.scale)
    if r.negative and r.value > 0:
        r.value = -r.value
    return None


def _is_a_year(r: Reading) -> bool:
    """Whether a four-digit number from 1800 to 2100 is a year rather than a count.

    Most years follow "in", "since", "by"… or touch what follows; otherwise a year is one
    with no counted noun after it, or with a noun phrase that goes on ("the 2021 summit
    runs"), or one followed by an article ("in 2021 the…").
    """
    text, pos = r.text, r.pos
    if r.word_before in _YEAR_PREPOSITIONS or not text[pos : pos + 1].isspace():
        return True
    noun = counted_noun(text, pos, min(len(text), pos + 120), partitive=False)
    return noun is None or bool(
        _DETERMINER_AFTER_RE.match(text[noun.end : noun.end + 8])
        or len(noun.phrase.split()) > 1  # "the 2021 summit runs": a year and a verb
    )


def _read_range(r: Reading) -> NotAFigure | None:
    """A second number after a dash, "to" or "and" makes the figure a range (or, for two
    years, a year range to pass over)."""
    text = r.text
    pct_glued = _PCT_SIGN_RE.match(text, r.pos)
    range_pos = pct_glued.end() if pct_glued else r.pos
    rng = _RANGE_RE.match(text, range_pos)
    if not rng or r.is_wfrac:
        return None
    connector = text[range_pos : rng.start("num")].strip(" \t$¥€£").lower()
    prev = r.word_before if r.fig_start == r.start else previous_word(text, r.fig_start).lower()
    ok = connector in _DASHES or (connector == "to" and prev != "from")
    if connector == "and":
        ok = prev == "between"
    if connector in _DASHES and text[range_pos : range_pos + 1].isspace():
        ok = ok and text[rng.start("num") - 1].isspace()
    second = rng.group("num")
    if ok and is_year(r.token) and is_year(second) and r.currency is None:
        return NotAFigure(skip_to=rng.end())
    if not ok or r.is_word == second[0].isdigit():
        return None
    try:
        high_value = num_value(second)
    except ValueError:
        high_value = -1.0
    npos = rng.end()
    high_scale = 1.0
    short2 = SHORT_SCALE_RE.match(text, npos)
    if short2 and (short2.group(1) or r.currency):
        high_scale = SCALES[(short2.group(1) or short2.group(2)).lower()]
        npos = short2.end()
    else:
        long2 = _LONG_SCALE_RE.match(text, npos)
        if long2:
            high_scale = SCALES[long2.group(1).lower()]
            npos = long2.end()
    if high_value < 0 or text[npos : npos + 1].isalpha() or text[npos : npos + 1] in {"-", "/"}:
        return None
    low_scale = r.scale if r.scale != 1.0 else high_scale
    high_scale = high_scale if high_scale != 1.0 else r.scale
    low = scaled(r.value, r.token, low_scale)
    high = scaled(high_value, second, high_scale)
    if low < high:
        r.low, r.high = low, high
        r.value = float((Decimal(repr(low)) + Decimal(repr(high))) / 2)
        r.scale = 1.0
        r.pos = npos
    return None
