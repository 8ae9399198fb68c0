"""Briefing dates as filters, and the orders briefings are listed in.

One date syntax serves the query language (`date:2021-04`, `date:[2021-01-01 TO
2021-06-30]`) and the briefing picker's filter: a period is a year, a month or a day
(`2021`, `2021-04`, `2021-04-25`); a range joins two periods with `TO` or `..`, either end
open (`*` or nothing). `BriefingFilter` is the picker's filter: `date:` terms and words that
must all appear in a briefing's title, place, date or file name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal, Protocol, TypeVar, get_args

from search_index.errors import QueryError
from search_index.models import Transcript

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_NOT_A_DATE = "date:{value} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"
_NO_DATES = "date:[{value}] has no dates (use date:[2021-01-01 TO 2021-06-30])"


@dataclass(frozen=True)
class DateRange:
    """The days from `start` to `end`, both included; either end may be open (None)."""

    start: dt.date | None
    end: dt.date | None

    def contains(self, date: dt.date | None) -> bool:
        """True when `date` falls in the range (an undated briefing falls in none)."""
        if date is None:
            return False
        return (self.start is None or date >= self.start) and (self.end is None or date <= self.end)

    def describe(self) -> str:
        """The range as a person reads it: "2021-04-01 to 2021-04-30", "from 2021-05-01"."""
        if self.start is not None and self.end is not None:
            if self.start == self.end:
                return self.start.isoformat()
            return f"{self.start.isoformat()} to {self.end.isoformat()}"
        if self.start is not None:
            return f"from {self.start.isoformat()}"
        assert self.end is not None
        return f"until {self.end.isoformat()}"

    def intersect(self, other: DateRange) -> DateRange:
        """The days in both ranges (QueryError when there are none)."""
        starts = [day for day in (self.start, other.start) if day is not None]
        ends = [day for day in (self.end, other.end) if day is not None]
        start = max(starts) if starts else None
        end = min(ends) if ends else None
        if start is not None and end is not None and start > end:
            raise QueryError(f"the dates {self.describe()} and {other.describe()} do not overlap")
        return DateRange(start, end)


def date_period(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day of YYYY, YYYY-MM or YYYY-MM-DD (QueryError otherwise)."""
    match = _DATE_RE.match(value.strip())
    if not match:
        raise QueryError(_NOT_A_DATE.format(value=value))
    year = int(match.group(1))
    try:
        if match.group(3):
            day = dt.date(year, int(match.group(2)), int(match.group(3)))
            return day, day
        if match.group(2):
            month = int(match.group(2))
            first = dt.date(year, month, 1)
            following = dt.date(year + (month == 12), month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        raise QueryError(_NOT_A_DATE.format(value=value)) from None


def parse_date_range(value: str) -> DateRange:
    """The range written inside `date:[…]`: "2021-01-01 TO 2021-06-30", "2021-05 TO *",
    "2021-01..2021-03", or one period; an unclosed "2021-01-01 TO" is open-ended."""
    parts = re.split(r"\s+TO\s+|\s+to\s+|\s*\.\.\s*", f" {value} ", maxsplit=1)
    if len(parts) == 1:
        single = value.replace("TO", "").replace("to", "").strip()
        if not single or single == "*":
            raise QueryError(_NO_DATES.format(value=value))
        first, last = date_period(single)
        if value.strip().upper().endswith("TO"):
            return DateRange(first, None)
        return DateRange(first, last)
    low, high = parts[0].strip(), parts[1].strip()
    start = None if low in ("", "*") else date_period(low)[0]
    end = None if high in ("", "*") else date_period(high)[1]
    if start is None and end is None:
        raise QueryError(_NO_DATES.format(value=value))
    if start is not None and end is not None and start > end:
        raise QueryError(f"date:[{value}] ends before it starts")
    return DateRange(start, end)


def parse_date_value(value: str) -> DateRange:
    """What follows `date:` — a period ("2021-04") or a range ("[2021-01 TO 2021-06]")."""
    text = value.strip()
    if text[:1] in "[{":
        closer = "]" if text[0] == "[" else "}"
        return parse_date_range(text[1:].removesuffix(closer))
    if ".." in text:
        return parse_date_range(text)
    first, last = date_period(text)
    return DateRange(first, last)


# --- the briefing picker's filter ------------------------------------------------------

#: `date:` and its value: a bracketed range (closed or not), a quoted value, or a word.
_DATE_TERM = re.compile(r"""\bdate:(\[[^\]]*\]?|\{[^}]*\}?|"[^"]*"?|\S*)""", re.IGNORECASE)


@dataclass(frozen=True)
class BriefingFilter:
    """Which briefings to list: within `dates` (if given) and holding every one of `words`
    in their title, place, date or file name (case is ignored)."""

    text: str = ""
    """The filter as typed, spaces tidied."""
    dates: DateRange | None = None
    words: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> BriefingFilter:
        """The filter written in `text`, e.g. "date:2021-04 ipr" (QueryError for a bad date)."""
        dates: DateRange | None = None
        for match in _DATE_TERM.finditer(text):
            raw = match.group(1).strip('"')
            if not raw.strip("[]{} "):
                raise QueryError(
                    "date: needs a date (e.g. date:2021-04 or date:[2021-01 TO 2021-06])"
                )
            found = parse_date_value(raw)
            dates = found if dates is None else dates.intersect(found)
        rest = _DATE_TERM.sub(" ", text)
        words = tuple(word.casefold() for word in rest.split())
        return cls(" ".join(text.split()), dates, words)

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every briefing through."""
        return self.dates is None and not self.words

    def matches(self, transcript: Transcript) -> bool:
        """True when `transcript` passes the filter."""
        if self.dates is not None and not self.dates.contains(transcript.date):
            return False
        if not self.words:
            return True
        haystack = " ".join(
            part
            for part in (
                transcript.title,
                transcript.location,
                transcript.date.isoformat() if transcript.date else None,
                PurePath(transcript.source.replace("\\", "/")).name,
            )
            if part
        ).casefold()
        return all(word in haystack for word in self.words)

    def describe(self) -> str:
        """The filter as the status line shows it: the dates in words, then the words."""
        parts = [] if self.dates is None else [f"dated {self.dates.describe()}"]
        if self.words:
            parts.append("“" + " ".join(self.words) + "”")
        return " ".join(parts) if parts else "all briefings"


# --- the orders briefings are listed in ------------------------------------------------

BriefingOrder = Literal["newest", "oldest", "title"]
"""Newest first, oldest first (undated briefings last in both), or by title."""

BRIEFING_ORDERS: tuple[BriefingOrder, ...] = get_args(BriefingOrder)

ORDER_NAMES: dict[BriefingOrder, str] = {
    "newest": "newest first",
    "oldest": "oldest first",
    "title": "by title",
}


class _Dated(Protocol):
    @property
    def transcript(self) -> Transcript: ...


D = TypeVar("D", bound=_Dated)


def briefing_sort_key(transcript: Transcript, order: BriefingOrder) -> tuple[object, ...]:
    """The key `sort_briefings` sorts by; file name breaks ties, then the id."""
    name = PurePath(transcript.source.replace("\\", "/")).name.casefold()
    title = (transcript.title or name).casefold()
    date = transcript.date
    if order == "title":
        return (title, name, transcript.id)
    if order == "newest":
        ordinal = -date.toordinal() if date is not None else 0
        return (date is None, ordinal, name, transcript.id)
    ordinal = date.toordinal() if date is not None else 0
    return (date is None, ordinal, name, transcript.id)


def sort_briefings(items: Sequence[D], order: BriefingOrder) -> list[D]:
    """`items` (anything with a `transcript`) in `order`."""
    return sorted(items, key=lambda item: briefing_sort_key(item.transcript, order))


def next_order(order: BriefingOrder) -> BriefingOrder:
    """The order after `order`, round the cycle newest → oldest → title."""
    return BRIEFING_ORDERS[(BRIEFING_ORDERS.index(order) + 1) % len(BRIEFING_ORDERS)]
