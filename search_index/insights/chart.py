"""A small terminal chart of a measure's series (plotext), as plain or ANSI-coloured text."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from search_index.insights.ledger import Measure, SeriesPoint

#: plotext keeps one global figure: charts are drawn one at a time.
_PLOT_LOCK = threading.Lock()

_SCALES: tuple[tuple[float, str], ...] = (
    (1e12, "trillions"),
    (1e9, "billions"),
    (1e6, "millions"),
    (1e3, "thousands"),
)


def value_scale(values: Sequence[float]) -> tuple[float, str]:
    """A divisor and its name that keep the largest value readable (1, "" for small ones)."""
    top = max((abs(v) for v in values), default=0.0)
    for divisor, name in _SCALES:
        if top >= divisor:
            return divisor, name
    return 1.0, ""


def chart_title(measure: Measure, scale_name: str) -> str:
    """ "<label> (<unit>, <scale>)", leaving out what is empty."""
    parts = [p for p in (measure.unit, scale_name) if p]
    return f"{measure.label} ({', '.join(parts)})" if parts else measure.label


def series_chart(measure: Measure, width: int = 64, height: int = 14, colour: bool = False) -> str:
    """The measure's dated values as a chart: a dot per value, a line through the dates.

    When several values were quoted on one date, all are dots and the line goes through
    the last of them (in reading order). Returns "" for a measure with no series.
    """
    points: tuple[SeriesPoint, ...] = measure.series
    if not points:
        return ""
    import plotext as plt  # type: ignore[import-untyped]

    divisor, scale_name = value_scale([p.value for p in points])
    dates = [p.date.isoformat() for p in points]
    values = [p.value / divisor for p in points]
    # The line joins the last value quoted on each date; every value is a dot.
    last = {p.date.isoformat(): p.value / divisor for p in points}
    with _PLOT_LOCK:
        plt.clear_figure()
        plt.date_form("Y-m-d")
        plt.plotsize(max(width, 20), max(height, 6))
        plt.theme("clear")
        plt.plot(list(last), list(last.values()), marker="braille")
        plt.scatter(dates, values, marker="●")
        distinct = sorted(set(dates))
        if len(distinct) <= 6:
            plt.xticks(distinct)
        plt.title(chart_title(measure, scale_name))
        text: str = plt.build()
        plt.clear_figure()
    if not colour:
        text = plt.uncolorize(text)
    return "\n".join(line.rstrip() for line in text.splitlines())
