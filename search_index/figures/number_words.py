"""Spelled-out English numbers ("two", "twenty-five", "one hundred and six") and fractions."""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
#: Denominators of spelled fractions ("two-thirds", "a quarter").
FRACTION_WORDS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
#: Unicode vulgar fractions.
VULGAR_FRACTIONS: dict[str, float] = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
}
#: Spelled ordinals used for ranks ("ranking first").
ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}


def _cased(words: list[str]) -> str:
    """An alternation of `words` as written in lower, Title or UPPER case (longest first).

    Spelling the cases out, rather than matching case-insensitively, keeps the scan fast.
    """
    forms = [f for w in sorted(words, key=len, reverse=True) for f in (w, w.title(), w.upper())]
    return "|".join(forms)


_UNIT_ALT = _cased(list(UNITS))
_TENS_ALT = _cased(list(TENS))
_BELOW_100 = rf"(?:(?:{_TENS_ALT})(?:[-\s](?:{_UNIT_ALT}))?|(?:{_UNIT_ALT}))"
#: A spelled number from one to 999 ("seven", "forty-two", "two hundred and five").
WORD_NUMBER = (
    rf"(?:(?:{_BELOW_100}|[aA])\s+(?:hundred|Hundred)(?:\s+(?:and\s+)?{_BELOW_100})?"
    rf"|{_BELOW_100})"
)
WORD_NUMBER_RE = re.compile(rf"\b{WORD_NUMBER}\b")
_FRACTION_DEN_ALT = "|".join(sorted(FRACTION_WORDS, key=len, reverse=True))
#: A spelled fraction ("two-thirds", "one quarter", "three-fifths").
WORD_FRACTION_RE = re.compile(rf"\b(?P<num>{_UNIT_ALT}|[aA])[-\s](?P<den>{_FRACTION_DEN_ALT})\b")
VULGAR_CHARS = "".join(VULGAR_FRACTIONS)
_TOKEN_RE = re.compile(r"[a-z]+")
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
#: A half after a spelled whole number: "two and a half" is 2.5.
AND_A_HALF = r"\s+(?:and|AND)\s+(?:a|A)\s+(?:half|HALF)\b"
#: Half before a scale word: "half a billion" is 0.5 billion (the scale is read after it).
HALF_A = rf"(?:[hH]alf|HALF)\s+(?:an?|AN?)(?=\s+(?i:{_SCALE_WORDS})\b)"
_AND_A_HALF_RE = re.compile(rf"{AND_A_HALF}\Z")
_HALF_A_RE = re.compile(r"half\s+an?", re.IGNORECASE)


def parse_word_number(words: str) -> int:
    """The value of a spelled number matched by `WORD_NUMBER_RE` ("forty-two" → 42).

    Raises ValueError for text that is not a spelled number.
    """
    total = 0
    current = 0
    seen = False
    for token in _TOKEN_RE.findall(words.lower()):
        if token == "and":
            continue
        if token == "a":
            current += 1
            seen = True
        elif token in UNITS:
            current += UNITS[token]
            seen = True
        elif token in TENS:
            current += TENS[token]
            seen = True
        elif token == "hundred":
            current = max(current, 1) * 100
        else:
            raise ValueError(f"not a number word: {token!r}")
    if not seen:
        raise ValueError(f"no number in {words!r}")
    total += current
    return total


def parse_spelled(words: str) -> float:
    """The value of a spelled number, halves included: "two and a half" → 2.5, "half a"
    (before a scale word) → 0.5, "forty-two" → 42.

    Raises ValueError for text that is not a spelled number.
    """
    if _HALF_A_RE.fullmatch(words):
        return 0.5
    half = _AND_A_HALF_RE.search(words)
    if half is not None:
        return parse_word_number(words[: half.start()]) + 0.5
    return float(parse_word_number(words))


def parse_word_fraction(numerator: str, denominator: str) -> float:
    """The value of a spelled fraction ("two", "thirds" → 0.666…)."""
    num = 1 if numerator.lower() == "a" else UNITS[numerator.lower()]
    return num / FRACTION_WORDS[denominator.lower()]
