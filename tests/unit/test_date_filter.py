"""Dates as filters: periods and ranges (shared with the query language), the briefing
picker's filter, and the orders briefings are listed in."""

from __future__ import annotations

import datetime as dt

import pytest

from search_index.date_filter import (
    BriefingFilter,
    DateRange,
    date_period,
    next_order,
    parse_date_range,
    parse_date_value,
    sort_briefings,
)
from search_index.errors import QueryError
from search_index.index import parse_query
from search_index.index.query import DateIn
from search_index.models import Transcript

D = dt.date


def briefing(
    source: str, date: dt.date | None, title: str | None = None, place: str | None = None
) -> Transcript:
    return Transcript(
        id=source[:16].ljust(16, "0"), source=source, title=title, date=date, location=place
    )


def test_periods_are_a_year_a_month_or_a_day() -> None:
    assert date_period("2021") == (D(2021, 1, 1), D(2021, 12, 31))
    assert date_period("2021-04") == (D(2021, 4, 1), D(2021, 4, 30))
    assert date_period("2020-02") == (D(2020, 2, 1), D(2020, 2, 29))
    assert date_period("2021-12") == (D(2021, 12, 1), D(2021, 12, 31))
    assert date_period(" 2021-04-25 ") == (D(2021, 4, 25), D(2021, 4, 25))


@pytest.mark.parametrize("bad", ["April", "2021-13", "2021-02-30", "21-04", ""])
def test_a_period_that_is_no_date_is_explained(bad: str) -> None:
    with pytest.raises(QueryError, match=r"is not a date \(use YYYY-MM-DD, YYYY-MM or YYYY\)"):
        date_period(bad)


def test_ranges_join_two_periods_either_end_open() -> None:
    assert parse_date_range("2021-01-01 TO 2021-06-30") == DateRange(D(2021, 1, 1), D(2021, 6, 30))
    assert parse_date_range("2021-01 to 2021-03") == DateRange(D(2021, 1, 1), D(2021, 3, 31))
    assert parse_date_range("2021-01..2021-03") == DateRange(D(2021, 1, 1), D(2021, 3, 31))
    assert parse_date_range("2021-05 TO *") == DateRange(D(2021, 5, 1), None)
    assert parse_date_range("* TO 2021") == DateRange(None, D(2021, 12, 31))
    assert parse_date_range("2021-01-01 TO") == DateRange(D(2021, 1, 1), None)
    with pytest.raises(QueryError, match="ends before it starts"):
        parse_date_range("2021-06 TO 2021-01")
    with pytest.raises(QueryError, match="has no dates"):
        parse_date_range("* TO *")


def test_the_query_language_reads_dates_the_same_way() -> None:
    assert parse_query("date:2021-04").node == DateIn(D(2021, 4, 1), D(2021, 4, 30))
    assert parse_query("date:[2021-05 TO *]").node == DateIn(D(2021, 5, 1), None)
    with pytest.raises(QueryError, match="date:April is not a date"):
        parse_query("date:April")


def test_a_date_value_is_a_period_or_a_bracketed_range() -> None:
    assert parse_date_value("2021-04") == DateRange(D(2021, 4, 1), D(2021, 4, 30))
    assert parse_date_value("[2021-01 TO 2021-06]") == DateRange(D(2021, 1, 1), D(2021, 6, 30))
    assert parse_date_value("[2021-01 TO 2021-06") == DateRange(D(2021, 1, 1), D(2021, 6, 30))
    assert parse_date_value("2021-01..2021-02") == DateRange(D(2021, 1, 1), D(2021, 2, 28))


def test_a_range_contains_its_ends_and_no_undated_briefing() -> None:
    april = DateRange(D(2021, 4, 1), D(2021, 4, 30))
    assert april.contains(D(2021, 4, 1)) and april.contains(D(2021, 4, 30))
    assert not april.contains(D(2021, 5, 1))
    assert not april.contains(None)
    assert DateRange(D(2021, 5, 1), None).contains(D(2030, 1, 1))
    assert april.describe() == "2021-04-01 to 2021-04-30"
    assert DateRange(D(2021, 5, 1), None).describe() == "from 2021-05-01"
    assert DateRange(None, D(2021, 5, 1)).describe() == "until 2021-05-01"
    assert DateRange(D(2021, 5, 1), D(2021, 5, 1)).describe() == "2021-05-01"


LIBRARY = [
    briefing("mfa-2023-03-14-regular.txt", D(2023, 3, 14), "Regular Press Conference", "Beijing"),
    briefing("pboc-2023-04-20.txt", D(2023, 4, 20), "Financial statistics", "Beijing"),
    briefing("scio-2021-04-25-ipr.txt", D(2021, 4, 25), "SCIO briefing on IPR", "Beijing"),
    briefing("undated.txt", None, "Doorstop", "Canberra"),
]


def names(items: list[Transcript]) -> list[str]:
    return [item.source for item in items]


def test_the_picker_filter_takes_dates_and_words() -> None:
    april_2023 = BriefingFilter.parse("date:2023-04")
    assert april_2023.dates == DateRange(D(2023, 4, 1), D(2023, 4, 30))
    assert names([t for t in LIBRARY if april_2023.matches(t)]) == ["pboc-2023-04-20.txt"]
    spring = BriefingFilter.parse("date:[2023-03 TO 2023-04] regular")
    assert spring.words == ("regular",)
    assert names([t for t in LIBRARY if spring.matches(t)]) == ["mfa-2023-03-14-regular.txt"]
    open_ended = BriefingFilter.parse("DATE:[2022 TO *]")
    assert names([t for t in LIBRARY if open_ended.matches(t)]) == [
        "mfa-2023-03-14-regular.txt",
        "pboc-2023-04-20.txt",
    ]
    # words match the title, the place, the date and the file name, ignoring case
    assert names([t for t in LIBRARY if BriefingFilter.parse("CANBERRA").matches(t)]) == [
        "undated.txt"
    ]
    assert names([t for t in LIBRARY if BriefingFilter.parse("ipr 2021-04").matches(t)]) == [
        "scio-2021-04-25-ipr.txt"
    ]
    assert BriefingFilter.parse("  ").is_empty
    assert all(BriefingFilter.parse("").matches(t) for t in LIBRARY)


def test_the_picker_filter_describes_itself_and_refuses_bad_dates() -> None:
    both = BriefingFilter.parse("date:2021-04  IPR")
    assert both.text == "date:2021-04 IPR"
    assert both.describe() == "dated 2021-04-01 to 2021-04-30 “ipr”"
    assert BriefingFilter.parse("").describe() == "all briefings"
    with pytest.raises(QueryError, match="date:2021-13 is not a date"):
        BriefingFilter.parse("date:2021-13")
    with pytest.raises(QueryError, match="date: needs a date"):
        BriefingFilter.parse("date:")
    with pytest.raises(QueryError, match="do not overlap"):
        BriefingFilter.parse("date:2021 date:2022")
    narrowed = BriefingFilter.parse("date:2021 date:2021-04")
    assert narrowed.dates == DateRange(D(2021, 4, 1), D(2021, 4, 30))


class Item:
    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript


def test_briefings_sort_newest_or_oldest_first_undated_last_or_by_title() -> None:
    items = [Item(t) for t in LIBRARY]
    newest = [item.transcript.source for item in sort_briefings(items, "newest")]
    assert newest == [
        "pboc-2023-04-20.txt",
        "mfa-2023-03-14-regular.txt",
        "scio-2021-04-25-ipr.txt",
        "undated.txt",
    ]
    oldest = [item.transcript.source for item in sort_briefings(items, "oldest")]
    assert oldest == [
        "scio-2021-04-25-ipr.txt",
        "mfa-2023-03-14-regular.txt",
        "pboc-2023-04-20.txt",
        "undated.txt",
    ]
    by_title = [item.transcript.title for item in sort_briefings(items, "title")]
    assert by_title == [
        "Doorstop",
        "Financial statistics",
        "Regular Press Conference",
        "SCIO briefing on IPR",
    ]
    assert [next_order("newest"), next_order("oldest"), next_order("title")] == [
        "oldest",
        "title",
        "newest",
    ]


def test_same_day_briefings_are_ordered_by_file_name() -> None:
    a = Item(briefing("b-morning.txt", D(2021, 4, 25)))
    b = Item(briefing("a-evening.txt", D(2021, 4, 25)))
    assert [i.transcript.source for i in sort_briefings([a, b], "newest")] == [
        "a-evening.txt",
        "b-morning.txt",
    ]
