"""Finding calendar dates in header lines ("April 25, 2021", "25 April 2021", "2021-04-25")."""

from __future__ import annotations

import datetime as dt
import re

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
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日"),
)


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first calendar date in `text` with its (start, end) span, or None."""
    found: list[tuple[int, int, dt.date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
            try:
                date = dt.date(int(match.group("year")), month, int(match.group("day")))
            except ValueError:
                continue
            found.append((match.start(), match.end(), date))
            break
    if not found:
        return None
    start, end, date = min(found)
    return date, start, end


def parse_date(text: str) -> dt.date | None:
    """The first calendar date in `text`, or None."""
    found = find_date(text)
    return found[0] if found else None
