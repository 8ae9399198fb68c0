"""`pressroom quote`: what a person reads, the JSON contract, standard input, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tui.cli import main

CHANGED = (
    "In 2020, the total amount of national patent and trademark pledge financing reached "
    "281 billion yuan"
)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, sample_file: Path) -> Path:
    folder = tmp_path_factory.mktemp("quote-cli-index")
    assert main(["index", str(sample_file), "--index-dir", str(folder)]) == 0
    return folder


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_changed_figure_is_shown_on_its_own_line(
    index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["quote", CHANGED, "--index-dir", str(index_dir), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    lines = [line.strip() for line in out.splitlines()]
    assert lines[0] == "1 passage match"
    assert flat(out).startswith(
        "1 passage match 1. score 93.8 · Shen Changyu, commissioner of the China National "
        "Intellectual Property Administration SCIO briefing on implementing the Outline"
    )
    assert "2021-04-25 · turn 12, paragraph 2 · " in flat(out)
    assert "reached 218{quote: 281} billion yuan" in flat(out)
    assert 'changed: "281" (record: "218")' in lines
    assert "figure — quote: 281 billion yuan — record: 218 billion yuan" in lines


def test_json_gives_every_part(index_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["quote", CHANGED, "--index-dir", str(index_dir), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["found"] is True
    assert [(m["turn"], m["paragraph"]) for m in data["matches"]] == [(11, 2), (1, 6)]
    assert data["matches"][0]["figures"][0]["line"] == (
        "quote: 281 billion yuan — record: 218 billion yuan"
    )


def test_the_quote_can_come_from_standard_input_in_another_encoding(
    index_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    quote = "“Innovation is inseparable from the protection of IPR and financial support.”"
    stdin = io.TextIOWrapper(io.BytesIO(quote.encode("cp1252")), encoding="cp1252")
    monkeypatch.setattr("sys.stdin", stdin)
    capsys.readouterr()
    assert main(["quote", "-", "--index-dir", str(index_dir), "--json", "--limit", "1"]) == 0
    [match] = json.loads(capsys.readouterr().out)["matches"]
    assert match["passage"] == (
        "Innovation is inseparable from the protection of IPR and financial support"
    )
    assert match["differences"] == []


def test_no_match_exits_1_and_lists_the_nearest(
    index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    quote = "The trademark office will double its budget for patent examiners"
    assert main(["quote", quote, "--index-dir", str(index_dir)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Not found: no passage scores 65 or more.\nThe nearest passages:\n1. ")
    assert main(["quote", quote, "--index-dir", str(index_dir), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["found"], data["matches"]) == (False, [])
    assert len(data["nearest"]) == 3


def test_a_quote_without_words_exits_2(index_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["quote", " … ", "--index-dir", str(index_dir)]) == 2
    assert capsys.readouterr().err == "pressroom: the quote has no words to look for\n"


def test_no_index_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quote", "anything at all", "--index-dir", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"pressroom: no index at {tmp_path / 'none'}: build one with `pressroom index PATH`\n"
    )
