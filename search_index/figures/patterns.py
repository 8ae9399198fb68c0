"""Regular expressions more than one stage of reading a figure uses, compiled at import."""

from __future__ import annotations

import re

from search_index.figures.number_words import VULGAR_CHARS
from search_index.figures.units import CURRENCY_PREFIXES, PERCENT_UNITS, alternation

#: Digits with thousands separators or none, and decimals: "1,234,567", "2.25", "42".
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d+)(?:\.\d+)?"
VULGAR = f"[{VULGAR_CHARS}]"
#: "1/4", "2/3": a small fraction written with a slash, not a date or a score.
ASCII_FRACTION = r"(?<![\w/.])[1-9]/(?:[2-9]|1[0-6])(?![\w/])"
#: A currency written before a number ("$", "US$", "RMB"); letters only after a non-letter.
CUR_ALT = (
    rf"(?:(?<![A-Za-z])(?:{alternation(frozenset(c for c in CURRENCY_PREFIXES if c[0].isalpha()))})"
    rf"|{alternation(frozenset(c for c in CURRENCY_PREFIXES if not c[0].isalpha()))})"
)
#: A currency right before a number, at the end of the searched span ("US$", "RMB ").
CUR_PRE_RE = re.compile(rf"{CUR_ALT}[ \t\u00a0]?\Z")
#: A short scale glued to or right after a number: "3.2bn", "5 mln", "$5m", "40k".
SHORT_SCALE_RE = re.compile(r"[ \u00a0]?(bn|bln|mn|mln|tn|trn)\b|(m|k)\b")
#: A percent sign or word after a number: "11.6%", "2.25 percent", "25 basis points".
PERCENT_RE = re.compile(
    rf"[ \t\u00a0]?%|\s+(?:{alternation(frozenset(k for k in PERCENT_UNITS if k != '%'))})\b",
    re.IGNORECASE,
)
