"""The figures ledger: grouping by measure, merging near-identical labels, rows, series."""

from __future__ import annotations

import datetime as dt

import pytest

from search_index.errors import InputError
from search_index.insights.chart import series_chart, value_scale
from search_index.insights.ledger import (
    UNLABELLED,
    Ledger,
    build_ledger,
    format_value,
    label_terms,
    period_of,
    similarity,
)
from search_index.library import load_library
from tests.support.insights import LIBRARY, figure, transcript


@pytest.fixture(scope="module")
def fixture_ledger() -> Ledger:
    """The ledger of the two fixture briefings, with the real figures extractor."""
    return build_ledger(load_library([LIBRARY]).transcripts)


def test_label_terms_use_the_search_stems_and_drop_framing_words() -> None:
    assert label_terms("patent and trademark pledge financing") == {
        "patent",
        "trademark",
        "pledg",
        "financ",
    }
    assert label_terms("pledge financing of patents and trademarks") == label_terms(
        "the total amount of patent and trademark pledge financing"
    )
    assert label_terms("exports in 2020") == {"export"}
    assert label_terms("total") == {"total"}
    assert label_terms(None) == frozenset()
    assert similarity(frozenset({"a", "b"}), frozenset({"a", "b", "c", "d"})) == 0.5


def test_the_same_measure_in_two_dated_briefings_is_one_series(fixture_ledger: Ledger) -> None:
    measure = fixture_ledger.measure("CNY:financ+patent+pledg+trademark")
    assert measure is not None
    assert measure.label == "patent and trademark pledge financing"
    assert measure.labels == (
        "patent and trademark pledge financing",
        "pledge financing of patents and trademarks",
    )
    assert [(r.date, r.value, r.text, r.speaker, r.turn) for r in measure.rows] == [
        (dt.date(2020, 4, 24), 151.5e9, "151.5 billion yuan", "Shen Changyu", 1),
        (dt.date(2021, 4, 25), 218e9, "218 billion yuan", "Shen Changyu", 1),
    ]
    assert [r.period for r in measure.rows] == ["2019", "2020"]
    assert [r.title for r in measure.rows] == [
        "SCIO briefing on intellectual property protection in 2019",
        "SCIO briefing on building China's strength in intellectual property",
    ]
    assert measure.has_series
    assert [(p.date, p.value) for p in measure.series] == [
        (dt.date(2020, 4, 24), 151.5e9),
        (dt.date(2021, 4, 25), 218e9),
    ]
    assert [m.key for m in fixture_ledger.series] == ["CNY:financ+patent+pledg+trademark"]


def test_fixture_ledger_measures_and_row_spans(fixture_ledger: Ledger) -> None:
    assert len(fixture_ledger) == 6
    assert [(m.label, m.unit, len(m.rows)) for m in fixture_ledger.measures] == [
        ("invention patents", "patents", 1),
        ("patent and trademark pledge financing", "%", 1),
        ("patent and trademark pledge financing", "CNY", 2),
        ("patent infringement cases", "cases", 1),
        ("small enterprises", "enterprises", 1),
    ]
    # Every row points at its passage.
    transcripts = {t.id: t for t in load_library([LIBRARY]).transcripts}
    for row in fixture_ledger.rows():
        text = transcripts[row.transcript_id].turns[row.turn].text
        assert text[row.start : row.end] == row.text


def test_sorting_by_value_date_and_speaker(fixture_ledger: Ledger) -> None:
    by_value = [(r.unit, r.value) for r in fixture_ledger.rows("value")]
    assert by_value == [
        ("%", 23.8),
        ("CNY", 151.5e9),
        ("CNY", 218e9),
        ("cases", 42000.0),
        ("enterprises", 6000.0),
        ("patents", 530000.0),
    ]
    assert [r.value for r in fixture_ledger.rows("value", descending=True)][:2] == [
        530000.0,
        6000.0,
    ]
    assert [r.date.isoformat() for r in fixture_ledger.rows("date") if r.date] == [
        "2020-04-24",
        "2020-04-24",
        "2020-04-24",
        "2020-04-24",
        "2021-04-25",
        "2021-04-25",
    ]
    assert [r.speaker for r in fixture_ledger.rows("speaker")] == [
        "He Zhimin",
        "Shen Changyu",
        "Shen Changyu",
        "Shen Changyu",
        "Shen Changyu",
        "Shen Changyu",
    ]
    with pytest.raises(InputError, match="cannot sort by 'size'"):
        fixture_ledger.rows("size")  # type: ignore[arg-type]


def test_filters_by_unit_kind_speaker_and_measure_text(fixture_ledger: Ledger) -> None:
    assert [r.value for r in fixture_ledger.filter(unit="cny").rows()] == [151.5e9, 218e9]
    assert [r.text for r in fixture_ledger.filter(kind="change").rows()] == ["23.8%"]
    assert [r.text for r in fixture_ledger.filter(speaker="he zhimin").rows()] == ["6,000"]
    assert len(fixture_ledger.filter(text="trademarks")) == 3
    assert len(fixture_ledger.filter(unit="USD")) == 0
    assert fixture_ledger.units == ("%", "CNY", "cases", "enterprises", "patents")
    assert fixture_ledger.kinds == ("amount", "change", "count")


def test_near_identical_labels_merge_but_different_measures_stay_apart() -> None:
    first = transcript("a", dt.date(2020, 1, 1), [("Shen", "x")])
    second = transcript("b", dt.date(2021, 1, 1), [("Shen", "x")])
    third = transcript("c", None, [("Shen", "x")])
    figures = {
        "a": [
            figure("patent and trademark pledge financing", 1e9),
            figure("intellectual property pledge financing", 2e9),
            figure("value added of national patent-intensive industries", 3e12),
        ],
        "b": [
            figure("pledge financing of patents and trademarks", 4e9),
            figure("national patent and trademark pledge financing", 5e9),
            figure("added-value of China's patent-intensive industries", 6e12),
            figure("pledge financing of patents and trademarks", 7.0, unit="%", kind="change"),
            figure(None, 8.0, unit="cases", kind="count"),
        ],
        "c": [figure("pledge financing", 9e9), figure(None, 10.0, unit="cases", kind="count")],
    }
    ledger = build_ledger([first, second, third, first], lambda t: figures[t.id])
    summary = [(m.label, m.unit, [r.value for r in m.rows]) for m in ledger.measures]
    assert summary == [
        ("added-value of China's patent-intensive industries", "CNY", [3e12, 6e12]),
        ("intellectual property pledge financing", "CNY", [2e9]),
        ("patent and trademark pledge financing", "CNY", [1e9, 4e9, 5e9]),
        ("pledge financing", "CNY", [9e9]),
        ("pledge financing of patents and trademarks", "%", [7.0]),
        (UNLABELLED, "cases", [8.0, 10.0]),
    ]
    # Equally used labels: the shortest is shown.
    assert ledger.measures[2].labels == (
        "patent and trademark pledge financing",
        "pledge financing of patents and trademarks",
        "national patent and trademark pledge financing",
    )
    # Undated rows and unlabelled measures never make a series.
    assert [m.label for m in ledger.series] == [
        "added-value of China's patent-intensive industries",
        "patent and trademark pledge financing",
    ]
    assert ledger.measures[3].dates == ()
    assert not ledger.measures[-1].has_series


def test_period_is_the_year_nearest_the_figure_in_its_sentence() -> None:
    sentence = "In 2019, pledge financing reached 151.5 billion yuan, up from 2018."
    at = sentence.index("151.5")
    assert period_of(sentence, at, at + 18) == "2019"
    later = "Exports reached $8.68 billion in 2020, and 2021 will see more."
    at = later.index("$8.68")
    assert period_of(later, at, at + 13) == "2020"
    span = "During the 13th Five-Year Plan period (2016-2020), exports grew by 12%."
    at = span.index("12%")
    assert period_of(span, at, at + 3) == "2016-2020"
    assert period_of("It reached 10,000 people and 2,020 cases.", 11, 17) is None
    assert period_of("A total of 2020 cases.", 11, 15) is None


def test_format_value_and_chart() -> None:
    assert format_value(218e9, "CNY") == "218 bn CNY"
    assert format_value(84.85e9, "CNY") == "84.85 bn CNY"
    assert format_value(43.9, "%") == "43.9%"
    assert format_value(42000, "cases") == "42,000 cases"
    assert format_value(1.6e12, "USD") == "1.6 tn USD"
    assert format_value(0.5, None) == "0.5"
    assert value_scale([151.5e9, 218e9]) == (1e9, "billions")
    assert value_scale([3.0]) == (1.0, "")


def test_series_chart_is_plain_text_with_title_dates_and_values(fixture_ledger: Ledger) -> None:
    measure = fixture_ledger.series[0]
    chart = series_chart(measure, width=60, height=12)
    lines = chart.splitlines()
    assert "patent and trademark pledge financing (CNY, billions)" in lines[0]
    assert "\x1b" not in chart
    assert "2020-04-24" in chart and "2021-04-25" in chart
    assert "218.0" in chart and "151.5" in chart
    assert len(lines) == 12
    assert series_chart(fixture_ledger.measures[0]) == ""


def test_progress_and_cancel() -> None:
    import threading

    transcripts = load_library([LIBRARY]).transcripts
    seen: list[tuple[int, int]] = []
    ledger = build_ledger(transcripts, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    assert len(ledger) == 6
    stop = threading.Event()

    def halt(done: int, total: int) -> None:
        stop.set()

    partial = build_ledger(transcripts, progress=halt, cancel=stop)
    assert {row.transcript_id for row in partial.rows()} == {transcripts[0].id}
