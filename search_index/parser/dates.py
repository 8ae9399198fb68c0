"""Finding calendar dates in header lines: in words ("April 25, 2021", "25 April 2021"), ISO
("2021-04-25"), Chinese ("2021年4月25日") and numeric ("14/02/2031", "02.14.2031").

A numeric date whose day and month could be swapped ("03/04/2031") takes its order from the
document's other evidence (`DayMonthOrder`); with none, day first is assumed and said so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日"),
)
#: "14/02/2031", "02.14.2031", "14-02-2031": two numbers that are day and month in some order.
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)"
    r"(?![\d/.-]|\.\d)"
)
#: A day and month in words without a year ("April 25", "25 April").
_NO_YEAR = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+\d)", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s+\d)", re.IGNORECASE),
)


@dataclass(frozen=True, slots=True)
class DayMonthOrder:
    """How numeric dates in one document are written: day first, month first, or unknown."""

    day_first: bool | None = None

    @classmethod
    def from_evidence(cls, texts: list[str]) -> DayMonthOrder:
        """Decide from numeric dates that cannot be swapped ("14/02") and dates in words that
        repeat a numeric one ("14 February 2031" beside "14/02/2031")."""
        worded = {date for text in texts for date in _worded_dates(text)}
        votes = 0
        for text in texts:
            for match in _NUMERIC.finditer(text):
                a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
                if a > 12 >= b:
                    votes += 1
                elif b > 12 >= a:
                    votes -= 1
                else:
                    day_first = _valid(year, b, a)
                    month_first = _valid(year, a, b)
                    if day_first in worded and month_first not in worded:
                        votes += 1
                    elif month_first in worded and day_first not in worded:
                        votes -= 1
        return cls(day_first=None if votes == 0 else votes > 0)


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _worded_dates(text: str) -> list[dt.date]:
    found = []
    for pattern in _PATTERNS[:2]:
        for match in pattern.finditer(text):
            date = _valid(
                int(match.group("year")),
                MONTHS[match.group("month").lower()],
                int(match.group("day")),
            )
            if date is not None:
                found.append(date)
    return found


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a line, where it stands, and whether its day/month order was a guess."""

    date: dt.date
    start: int
    end: int
    assumed_order: bool = False


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first calendar date in `text` with its (start, end) span, or None."""
    found = find_dated(text)
    return None if found is None else (found.date, found.start, found.end)


def find_dated(text: str, order: DayMonthOrder | None = None) -> FoundDate | None:
    """The first calendar date in `text`, numeric ones read in the document's `order`."""
    found: list[FoundDate] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
            date = _valid(int(match.group("year")), month, int(match.group("day")))
            if date is not None:
                found.append(FoundDate(date, match.start(), match.end()))
                break
    for match in _NUMERIC.finditer(text):
        numeric = _numeric(match, order or DayMonthOrder())
        if numeric is not None:
            found.append(numeric)
            break
    if not found:
        return None
    return min(found, key=lambda f: f.start)


def _numeric(match: re.Match[str], order: DayMonthOrder) -> FoundDate | None:
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    if a > 12 or b > 12:
        day, month = (a, b) if a > 12 else (b, a)
        date = _valid(year, month, day)
        return None if date is None else FoundDate(date, match.start(), match.end())
    day_first = True if order.day_first is None else order.day_first
    day, month = (a, b) if day_first else (b, a)
    date = _valid(year, month, day)
    if date is None:
        return None
    assumed = order.day_first is None and a != b
    return FoundDate(date, match.start(), match.end(), assumed_order=assumed)


def find_date_without_year(text: str) -> tuple[int, int, int, int] | None:
    """(month, day, start, end) of a date in words with no year ("BEIJING, April 25 —")."""
    for pattern in _NO_YEAR:
        match = pattern.search(text)
        if match and 1 <= int(match.group("day")) <= 31:
            return MONTHS[match.group("month").lower()], int(match.group("day")), *match.span()
    return None


def parse_date(text: str) -> dt.date | None:
    """The first calendar date in `text`, or None."""
    found = find_dated(text)
    return found.date if found else None
