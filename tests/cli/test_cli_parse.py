"""`pressroom parse`: the JSON contract and the readable summary."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main


def test_parse_json_contract(sample_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(sample_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"title", "date", "location", "source", "speakers", "turns", "exchanges"} <= set(data)
    assert data["date"] == "2021-04-25"
    assert data["location"] == "Beijing"
    assert data["source"] == str(sample_file)
    assert data["speakers"][1] == {
        "name": "He Zhimin",
        "role": "deputy commissioner of the China National Intellectual Property Administration",
        "kind": "official",
        "aliases": [],
        "outlet": None,
    }
    assert len(data["turns"]) == 25
    turn = data["turns"][8]
    assert {k: turn[k] for k in ("index", "speaker", "text")} == {
        "index": 8,
        "speaker": "Shen Changyu",
        "text": "Mr. Yu will answer this question.",
    }
    assert data["exchanges"][4] == {
        "index": 4,
        "asker": "Phoenix TV",
        "outlet": "Phoenix TV",
        "question_turn": 12,
        "question_turns": [12],
        "answer_turns": [13, 14],
        "answered_by": ["Shen Changyu", "He Zhimin"],
        "handoff_to": "He Zhimin",
        "follow_up_of": None,
    }


def test_parse_summary(
    sample_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "220")
    assert main(["parse", str(sample_file)]) == 0
    out = capsys.readouterr().out
    assert "2021-04-25 · Beijing · 25 turns · 9 questions" in out
    assert "Xinhua News Agency" in out
    assert "(handed to He Zhimin)" in out


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("pressroom 0.1.0 (Textual 8.")


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["parse", "--bogus"])
    assert exit_info.value.code == 2


def test_parse_reads_standard_input(sample_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "parse", "-", "--json"],
        input=sample_file.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == "<stdin>"
    assert len(data["exchanges"]) == 9


def test_parse_reads_html_from_standard_input(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "parse", "-", "--json"],
        input=(data_dir / "formats" / "mfa-briefing.html").read_bytes(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == "2024-05-02"
    assert [e["asker"] for e in data["exchanges"]] == ["AFP", "Bloomberg"]


def test_parse_empty_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "parse", "-"],
        input=b"",
        capture_output=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "pressroom: <stdin>: the file is empty"


def test_cite_reads_standard_input(sample_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "cite", "-", "--turn", "9", "--format", "plain"],
        input=sample_file.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith(
        '"Mr. Yu will answer this question." — Shen Changyu, commissioner of the China '
        "National Intellectual Property Administration"
    )


def test_parse_shows_the_warnings(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "220")
    name = str(data_dir / "whole-document" / "outlook-call-page-header.txt")
    assert main(["parse", name]) == 0
    out = capsys.readouterr().out
    assert (
        "warning: Chair Oduya: typed official although the label says chair: answers 2 "
        "questions" in out
    )
    assert main(["parse", name, "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["warnings"] == [
        "Chair Oduya: typed official although the label says chair: answers 2 questions"
    ]
    assert captured.err == (
        "pressroom: warning: Chair Oduya: typed official although the label says chair: "
        "answers 2 questions\n"
    )


def test_parse_json_of_the_sample_has_no_warnings(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(sample_file), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["warnings"] == []
    assert captured.err == ""
