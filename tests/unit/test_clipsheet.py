"""The clip sheet: every mark cited, by briefing in reading order, the missing ones listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search_index.clipsheet import (
    clip_sheet,
    clip_sheet_report,
    sheet_format_for,
    sheet_order,
    write_clip_sheet,
)
from search_index.errors import InputError
from search_index.insights.export import render
from search_index.library import iter_library
from search_index.marks import Mark, make_mark, resolve_marks
from search_index.models import Transcript

EVENT_2021 = "SCIO briefing on building China's strength in intellectual property"
EVENT_2020 = "SCIO briefing on intellectual property protection in 2019"
SHEN = "Shen Changyu, head of the National Intellectual Property Administration (NIPA)"


@pytest.fixture(scope="module")
def briefings() -> tuple[Transcript, Transcript]:
    folder = Path(__file__).parents[1] / "data" / "insights_library"
    found = [step.transcript for step in iter_library([folder]) if step.transcript is not None]
    older, newer = sorted(found, key=lambda t: t.date or 0)
    return older, newer


@pytest.fixture()
def marks(briefings: tuple[Transcript, Transcript]) -> list[Mark]:
    older, newer = briefings
    return [
        make_mark(newer, "range", [(2, 0, 20)]),  # made first, read later
        make_mark(older, "paragraph", [(1, 0, 184)]),
        make_mark(newer, "paragraph", [(1, 0, 10)]),
    ]


def test_the_plain_sheet_cites_by_briefing_in_reading_order(
    briefings: tuple[Transcript, Transcript], marks: list[Mark]
) -> None:
    older, newer = briefings
    text = clip_sheet(resolve_marks(marks, [older, newer]), "text")
    assert text == (
        "Clip sheet\n"
        "\n"
        f"2020-04-24 {EVENT_2020}\n"
        "\n"
        f'"{older.turns[1].text}" — {SHEN}, {EVENT_2020}, Beijing, 2020-04-24 '
        "(scio-2020-04-24-ipr.txt, turn 2, paragraph 1)\n"
        "\n"
        f"2021-04-25 {EVENT_2021}\n"
        "\n"
        f'"Thank you." — {SHEN}, {EVENT_2021}, Beijing, 2021-04-25 '
        "(scio-2021-04-25-ipr.txt, turn 2, paragraph 1)\n"
        "\n"
        f'"Now the floor is ope" — Xing Huina, spokesperson of the SCIO, {EVENT_2021}, '
        "Beijing, 2021-04-25 (scio-2021-04-25-ipr.txt, turn 3, paragraph 1)\n"
    )


def test_the_markdown_sheet_lists_what_is_missing_last(
    briefings: tuple[Transcript, Transcript], marks: list[Mark]
) -> None:
    _older, newer = briefings
    resolved = resolve_marks(marks, [newer])
    assert [m.status for m in sheet_order(resolved)] == ["ok", "ok", "missing"]
    text = clip_sheet(resolved, "markdown")
    lines = text.split("\n")
    assert lines[:4] == ["# Clip sheet", "", f"## 2021-04-25 {EVENT_2021}", ""]
    assert lines[4:7] == [
        "> Thank you.",
        ">",
        f"> — {SHEN}, {EVENT_2021}, Beijing, 2021-04-25 "
        "(scio-2021-04-25-ipr.txt, turn 2, paragraph 1)",
    ]
    assert "## Not found in the library" in lines
    assert lines[-2] == (
        "- missing: scio-2020-04-24-ipr.txt is not in this library "
        f"(2020-04-24 {EVENT_2020}, turn 2): “Thank you. In 2019, the total amount of patent and "
        "trademark pledge financing reached 151.5 billion yuan, a year-on-year increase of "
        "23.8%. We handled 42,000 patent infringement cases.”"
    )
    assert text.endswith("cases.”\n")


def test_no_marks_make_an_empty_sheet() -> None:
    assert clip_sheet([], "markdown") == ""
    assert sheet_format_for("markdown") == "markdown"
    assert sheet_format_for("plain") == "text"


def test_the_marks_export_as_a_table(
    briefings: tuple[Transcript, Transcript], marks: list[Mark]
) -> None:
    _older, newer = briefings
    report = clip_sheet_report(resolve_marks(marks, [newer]))
    data = json.loads(render(report, "json"))
    rows = data["tables"]["marks"]
    assert [(r["status"], r["date"], r["turn"], r["kind"]) for r in rows] == [
        ("ok", "2021-04-25", 1, "paragraph"),
        ("ok", "2021-04-25", 2, "range"),
        ("missing", None, 1, "paragraph"),
    ]
    assert rows[0]["citation"].startswith('"Thank you." — Shen Changyu')
    assert rows[2]["citation"] is None
    assert rows[2]["text"].startswith("Thank you. In 2019")


def test_a_sheet_is_written_beside_earlier_ones(tmp_path: Path) -> None:
    first = write_clip_sheet("# Clip sheet\n", "markdown", tmp_path)
    second = write_clip_sheet("# Clip sheet\n", "markdown", tmp_path)
    text = write_clip_sheet("Clip sheet\n", "text", tmp_path)
    assert [first.name, second.name, text.name] == [
        "pressroom-marks.md",
        "pressroom-marks-2.md",
        "pressroom-marks.txt",
    ]
    assert first.read_text(encoding="utf-8") == "# Clip sheet\n"
    with pytest.raises(InputError, match="does not exist"):
        write_clip_sheet("x", "text", tmp_path / "nowhere" / "sheet.txt")
