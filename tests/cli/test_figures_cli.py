"""`pressroom figures`: JSON, CSV and the Rich table; bad files give one line and exit 2."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from search_index.figures import figures_of_transcript
from search_index.models import Transcript
from tui.cli import main
from tui.cli.figures_cmd import CSV_COLUMNS, LABEL_MIN_WIDTH, column_widths


def test_json(sample_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", str(sample_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 99
    assert {"turn", "start", "end", "text", "value", "unit", "label", "kind"} <= set(data[0])
    first = data[0]
    assert {k: first[k] for k in ("turn", "speaker", "text", "value", "unit", "kind")} == {
        "turn": 1,
        "speaker": "Shen Changyu",
        "text": "10",
        "value": 10.0,
        "unit": "provinces",
        "kind": "count",
    }
    money = next(d for d in data if d["text"] == "18 billion yuan")
    assert (money["value"], money["unit"], money["kind"]) == (1.8e10, "CNY", "amount")
    conversion = next(d for d in data if d["text"] == "$13.07 billion")
    assert (conversion["value"], conversion["unit"], conversion["turn"]) == (1.307e10, "USD", 21)
    assert conversion["label"] == "pledge financing of patents and trademarks"
    question = next(d for d in data if d["text"] == "12 per 10,000 people")
    assert (question["speaker"], question["kind"]) == ("Guangming Daily", "rate")


def test_json_is_what_json_dumps_writes(
    sample_file: Path, sample_transcript: Transcript, capsys: pytest.CaptureFixture[str]
) -> None:
    """Streamed through pydantic's serializer, the output keeps every byte it had."""
    assert main(["figures", str(sample_file), "--json"]) == 0
    rows = []
    for figure in figures_of_transcript(sample_transcript):
        data = figure.model_dump(mode="json", exclude={"sentence_start", "sentence_end"})
        data["speaker"] = sample_transcript.turns[figure.turn].speaker
        rows.append({key: data[key] for key in CSV_COLUMNS})
    assert capsys.readouterr().out == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def test_json_kind_filter(sample_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", str(sample_file), "--json", "--kind", "percent"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["text"] for d in data] == ["11.6%", "7.39%", "36%", "67.7%", "11.6%"]
    assert {d["unit"] for d in data} == {"%"}


def test_csv(sample_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures", str(sample_file), "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 99
    assert list(rows[0]) == [
        "turn",
        "speaker",
        "start",
        "end",
        "text",
        "value",
        "low",
        "high",
        "unit",
        "qualifier",
        "kind",
        "label",
        "sentence",
    ]
    over = next(r for r in rows if r["text"] == "42,000")
    assert (over["qualifier"], over["unit"], over["low"]) == (">=", "rulings", "")
    assert over["label"] == "administrative adjudication rulings"
    assert over["sentence"].startswith("Over 42,000 administrative adjudication rulings")


def test_table(
    sample_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["figures", str(sample_file)]) == 0
    out = capsys.readouterr().out
    assert "99 figures in SCIO briefing" in out
    for heading in ("Speaker", "Figure", "Normalised value", "Label"):
        assert heading in out
    line = next(x for x in out.splitlines() if "31,300" in x)
    assert "31,300 cases" in line and "trademark infringement cases" in line
    assert "Shen Changyu" in out and "Guangming Daily" in out
    money = next(x for x in out.splitlines() if "18 billion yuan" in x)
    assert "18,000,000,000 CNY" in money
    assert "≥ 42,000 rulings" in out


def _table_cells(out: str, column: str) -> list[str]:
    """The cells of `column` in a printed table, one per figure, wrapped lines rejoined."""
    header = next(line for line in out.splitlines() if "┃" in line and "Label" in line)
    names = [name.strip() for name in header.split("┃")]
    at, value_at = names.index(column), names.index("Normalised value")
    cells: list[str] = []
    for line in out.splitlines():
        if "│" not in line:
            continue
        parts = [part.strip() for part in line.split("│")]
        if parts[value_at]:
            cells.append(parts[at])
        elif parts[at]:
            cells[-1] = f"{cells[-1]} {parts[at]}".strip()
    return cells


@pytest.mark.parametrize("width", [80, 60])
def test_table_in_a_narrow_terminal_keeps_every_label(
    sample_file: Path,
    sample_transcript: Transcript,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    width: int,
) -> None:
    """Issue 11: at 80 columns the label ("what it measures") had no width at all."""
    monkeypatch.setenv("COLUMNS", str(width))
    assert main(["figures", str(sample_file)]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= width
    labels = [figure.label or "" for figure in figures_of_transcript(sample_transcript)]
    assert _table_cells(out, "Label") == labels
    assert "pledge financing of patents and trademarks" in labels
    assert "18,000,000,000 CNY" in _table_cells(out, "Normalised value")
    header = next(line for line in out.splitlines() if "┃" in line and "Label" in line)
    if width == 80:  # the kind goes first; the speaker and the figure wrap
        assert [n.strip() for n in header.split("┃")[1:-1]] == [
            "Speaker",
            "Figure",
            "Normalised value",
            "Label",
        ]
        assert "Shen" in out and "Changyu" in out
    else:  # then the figure as written, then the speaker
        assert [n.strip() for n in header.split("┃")[1:-1]] == ["Normalised value", "Label"]


def test_column_widths_leave_out_the_least_useful_columns_first() -> None:
    cells = {
        "Speaker": ["Shen Changyu"],
        "Figure": ["18 billion yuan"],
        "Normalised value": ["18,000,000,000 CNY"],
        "Label": ["patent and trademark pledge financing"],
        "Kind": ["amount"],
    }
    assert column_widths(cells, 200) == {
        "Speaker": 12,
        "Figure": 15,
        "Normalised value": 18,
        "Label": 37,
        "Kind": 6,
    }
    narrow = column_widths(cells, 80)
    assert list(narrow) == ["Speaker", "Figure", "Normalised value", "Label", "Kind"]
    assert sum(narrow.values()) + 3 * 5 + 1 == 80
    assert narrow["Label"] >= LABEL_MIN_WIDTH
    # The least widths: speaker 10, figure 10, value 18, label 20, kind 6, and the borders.
    assert list(column_widths(cells, 80)) == [*cells]
    assert list(column_widths(cells, 79)) == ["Speaker", "Figure", "Normalised value", "Label"]
    assert list(column_widths(cells, 71)) == ["Speaker", "Figure", "Normalised value", "Label"]
    assert list(column_widths(cells, 70)) == ["Speaker", "Normalised value", "Label"]
    assert list(column_widths(cells, 58)) == ["Speaker", "Normalised value", "Label"]
    assert list(column_widths(cells, 57)) == ["Normalised value", "Label"]
    tiny = column_widths(cells, 30)
    assert tiny == {"Normalised value": 10, "Label": LABEL_MIN_WIDTH}


def test_table_without_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "quiet.txt"
    path.write_text(
        "Briefing on nothing\n\nMODERATOR:\n\nGood morning.\n\nREPORTER:\n\nAny news?\n\n"
        "MODERATOR:\n\nNone today. Thank you.\n",
        encoding="utf-8",
    )
    assert main(["figures", str(path)]) == 0
    assert "No figures in" in capsys.readouterr().out
    assert main(["figures", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_table_of_one_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "one.txt"
    path.write_text("Briefing\n\nMINISTER:\n\nWe hired 300 nurses.\n", encoding="utf-8")
    assert main(["figures", str(path)]) == 0
    assert "1 figure in Briefing" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["missing", "folder", "binary"])
def test_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    if kind == "missing":
        path = tmp_path / "nope.txt"
    elif kind == "folder":
        path = tmp_path
    else:
        path = tmp_path / "image.txt"
        path.write_bytes(bytes(range(256)) * 8)
    assert main(["figures", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pressroom: ")
    assert "Traceback" not in captured.err


def test_json_and_csv_exclude_each_other(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["figures", str(sample_file), "--json", "--csv"])
    assert exit_info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_standard_input(
    sample_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(sample_file.read_bytes()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["figures", "-", "--json", "--kind", "rank"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["text"], d["value"]) for d in data] == [("first", 1.0), ("14th place", 14.0)]


def test_kind_choices_are_the_figure_kinds() -> None:
    """`--kind` offers exactly the kinds of `FigureKind`, and offering them loads neither the
    extractor nor pydantic (the command line starts quickly)."""
    code = (
        "import sys, typing, tui.cli\n"
        "from tui.cli import figures_cmd\n"
        "tui.cli.build_parser()\n"
        "print(sorted(m for m in sys.modules if m.startswith('pydantic') "
        "or m == 'search_index.figures.extract'))\n"
        "from search_index.figures.models import FigureKind\n"
        "print(figures_cmd.KINDS == typing.get_args(FigureKind))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines() == ["[]", "True"], result.stderr
