"""Exports: every view in JSON, CSV and Markdown, parsed back and compared."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from search_index.errors import InputError
from search_index.index.hits import SearchHit
from search_index.insights.export import (
    Report,
    check_format,
    exchanges_report,
    figures_report,
    kwic_report,
    ledger_report,
    render,
    search_report,
    stats_report,
    text_cell,
    write_report,
)
from search_index.insights.kwic import kwic
from search_index.insights.ledger import build_ledger
from search_index.insights.stats import library_stats, question_rows
from search_index.library import load_library
from search_index.models import SpeakerKind, Transcript
from tests.support.insights import LIBRARY


@pytest.fixture(scope="module")
def transcripts() -> list[Transcript]:
    return load_library([LIBRARY]).transcripts


def _hits() -> list[SearchHit]:
    return [
        SearchHit(
            transcript="ebf0baf403123dea",
            title="SCIO briefing | IP",
            date=dt.date(2021, 4, 25),
            source="a.txt",
            turn=1,
            speaker="Shen Changyu",
            speaker_kind=SpeakerKind.OFFICIAL,
            exchange=None,
            score=3.14159,
            snippet="the pledge financing\nof patents",
        ),
        SearchHit(
            transcript="eec9c2b625d1a530",
            title="Older",
            date=None,
            source="b.txt",
            turn=5,
            speaker="He Zhimin",
            speaker_kind=SpeakerKind.OFFICIAL,
            exchange=0,
            asker="China Daily",
            score=1.0,
            snippet="Pledge financing helped",
        ),
    ]


@pytest.fixture(scope="module")
def reports(transcripts: list[Transcript]) -> dict[str, Report]:
    ledger = build_ledger(transcripts)
    return {
        "ledger": ledger_report(ledger),
        "figures": figures_report(ledger.rows()),
        "stats": stats_report(library_stats(transcripts)),
        "exchanges": exchanges_report(question_rows(transcripts)),
        "kwic": kwic_report(kwic(transcripts, "pledge financing", width=20)),
        "search": search_report("pledge financing", _hits()),
    }


def _json_value(cell: object) -> object:
    return list(cell) if isinstance(cell, tuple) else cell


def _markdown_tables(text: str) -> list[list[list[str]]]:
    """Pipe tables of a Markdown text, each a list of rows of unescaped cells."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
            row = [cell.strip().replace("\\|", "|").replace("\\\\", "\\") for cell in cells]
            if current is None:
                current = []
                tables.append(current)
            if not all(set(cell) <= {"-"} and cell for cell in row):
                current.append(row)
        else:
            current = None
    return tables


KINDS = ("ledger", "figures", "stats", "exchanges", "kwic", "search")


@pytest.mark.parametrize("kind", KINDS)
def test_json_round_trip(reports: dict[str, Report], kind: str) -> None:
    report = reports[kind]
    data = json.loads(render(report, "json"))
    assert data["kind"] == report.kind
    assert data["title"] == report.title
    assert list(data["tables"]) == [table.name for table in report.tables]
    for table in report.tables:
        expected = [{k: _json_value(v) for k, v in r.items()} for r in table.records()]
        assert data["tables"][table.name] == expected


@pytest.mark.parametrize("kind", KINDS)
def test_csv_round_trip(reports: dict[str, Report], kind: str) -> None:
    report = reports[kind]
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    if len(report.tables) == 1:
        table = report.tables[0]
        expected = [{k: text_cell(v) for k, v in r.items()} for r in table.records()]
        assert rows == expected
    else:
        for table in report.tables:
            mine = [row for row in rows if row["table"] == table.name]
            assert len(mine) == len(table.rows)
            for got, record in zip(mine, table.records(), strict=True):
                assert {k: got[k] for k in record} == {k: text_cell(v) for k, v in record.items()}


@pytest.mark.parametrize("kind", KINDS)
def test_markdown_round_trip(reports: dict[str, Report], kind: str) -> None:
    report = reports[kind]
    text = render(report, "markdown")
    assert text.startswith(f"# {report.title}\n")
    tables = _markdown_tables(text)
    non_empty = [table for table in report.tables if table.rows]
    assert len(tables) == len(non_empty)
    for parsed, table in zip(tables, non_empty, strict=True):
        assert parsed[0] == list(table.columns)
        assert parsed[1:] == [[" ".join(text_cell(c).split()) for c in row] for row in table.rows]
    if len(report.tables) > 1:
        for table in report.tables:
            assert f"## {table.title}" in text


def test_exact_values_survive_each_format(reports: dict[str, Report]) -> None:
    ledger = reports["ledger"]
    as_json = json.loads(render(ledger, "json"))["tables"]["ledger"]
    pledge = [r for r in as_json if r["measure"] == "CNY:financ+patent+pledg+trademark"]
    assert [(r["value"], r["date"], r["text"], r["low"]) for r in pledge] == [
        (151500000000.0, "2020-04-24", "151.5 billion yuan", None),
        (218000000000.0, "2021-04-25", "218 billion yuan", None),
    ]
    as_csv = list(csv.DictReader(io.StringIO(render(ledger, "csv"))))
    pledge_csv = [r for r in as_csv if r["measure"] == "CNY:financ+patent+pledg+trademark"]
    assert [(r["value"], r["date"], r["low"]) for r in pledge_csv] == [
        ("151500000000", "2020-04-24", ""),
        ("218000000000", "2021-04-25", ""),
    ]
    assert float(pledge_csv[0]["value"]) == 151.5e9
    exchanges = list(csv.DictReader(io.StringIO(render(reports["exchanges"], "csv"))))
    assert exchanges[0]["answered_by"] == "Shen Changyu; He Zhimin"
    assert exchanges[0]["answer_turns"] == "4; 5"
    stats = list(csv.DictReader(io.StringIO(render(reports["stats"], "csv"))))
    assert stats[0] == {
        "table": "speakers",
        "speaker": "Shen Changyu",
        "kind": "official",
        "transcripts": "2",
        "turns": "5",
        "words": "83",
        "outlet": "",
        "questions": "",
        "answered_by": "",
        "transcript_id": "",
        "title": "",
        "date": "",
    }
    search = json.loads(render(reports["search"], "json"))["tables"]["hits"]
    assert [(h["rank"], h["exchange"], h["score"]) for h in search] == [
        (1, None, 3.1416),
        (2, 1, 1.0),
    ]
    markdown = render(reports["search"], "markdown")
    assert "| SCIO briefing \\| IP |" in markdown
    assert "the pledge financing of patents" in markdown


def test_check_format() -> None:
    assert check_format("JSON") == "json"
    assert check_format("md") == "markdown"
    with pytest.raises(InputError, match="unknown export format 'xml'"):
        check_format("xml")


def test_write_report_names_files_and_never_replaces_in_a_folder(
    tmp_path: Path, reports: dict[str, Report]
) -> None:
    report = reports["kwic"]
    first = write_report(report, "csv", tmp_path)
    second = write_report(report, "csv", tmp_path)
    assert (first.name, second.name) == ("pressroom-kwic.csv", "pressroom-kwic-2.csv")
    assert first.read_text(encoding="utf-8") == render(report, "csv")
    named = write_report(report, "markdown", tmp_path / "out.md")
    assert named == tmp_path / "out.md"
    assert write_report(report, "markdown", tmp_path / "out.md") == tmp_path / "out.md"
    with pytest.raises(InputError, match="does not exist"):
        write_report(report, "json", tmp_path / "missing" / "x.json")


def test_empty_tables_export_cleanly() -> None:
    report = kwic_report(kwic([], "patent"))
    assert json.loads(render(report, "json"))["tables"] == {"kwic": []}
    assert render(report, "csv").splitlines() == [
        "transcript_id,title,date,turn,speaker,start,end,left,match,right"
    ]
    assert render(report, "markdown") == "# Keyword in context: patent\n\n_(none)_\n"
