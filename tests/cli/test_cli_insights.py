"""`pressroom ledger`, `stats`, `kwic` and `export`: inputs, formats, files and bad input."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.support.insights import LIBRARY
from tui.cli import main


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of a copy of the fixture library (built once for the module)."""
    root = tmp_path_factory.mktemp("insights-cli")
    library = root / "library"
    shutil.copytree(LIBRARY, library)
    target = root / "index"
    assert main(["index", str(library), "--index-dir", str(target)]) == 0
    return target


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never touch the user's real index: the default points into tmp_path.
    monkeypatch.setenv("PRESSROOM_INDEX_DIR", str(tmp_path / "default-index"))
    monkeypatch.setenv("COLUMNS", "160")


def _out(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out


def test_ledger_json_from_paths(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ledger", str(LIBRARY), "--json"]) == 0
    data = json.loads(_out(capsys))
    assert data["kind"] == "ledger"
    pledge = [
        (r["date"], r["value"], r["label"])
        for r in data["tables"]["ledger"]
        if r["measure"] == "CNY:financ+patent+pledg+trademark"
    ]
    assert pledge == [
        ("2020-04-24", 151.5e9, "patent and trademark pledge financing"),
        ("2021-04-25", 218e9, "pledge financing of patents and trademarks"),
    ]


def test_ledger_from_the_index_matches_paths(
    index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ledger", "--index-dir", str(index_dir), "--csv", "--sort", "value"]) == 0
    from_index = list(csv.DictReader(io.StringIO(_out(capsys))))
    assert main(["ledger", str(LIBRARY), "--format", "csv", "--sort", "value"]) == 0
    from_paths = list(csv.DictReader(io.StringIO(_out(capsys))))
    assert [r["value"] for r in from_index] == [
        "23.8",
        "151500000000",
        "218000000000",
        "42000",
        "6000",
        "530000",
    ]
    assert [(r["value"], r["transcript_id"]) for r in from_index] == [
        (r["value"], r["transcript_id"]) for r in from_paths
    ]


def test_ledger_table_filters_and_chart(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ledger", str(LIBRARY), "--unit", "CNY"]) == 0
    out = _out(capsys)
    assert "2 figures in 1 measures" in out
    assert "151.5 bn CNY" in out and "218 bn CNY" in out
    assert "patent and trademark pledge financing (CNY, billions)" in out
    assert "2020-04-24" in out
    assert main(["ledger", str(LIBRARY), "--kind", "count", "--no-chart"]) == 0
    out = _out(capsys)
    assert "3 figures in 3 measures" in out
    assert "(CNY, billions)" not in out
    assert main(["ledger", str(LIBRARY), "--series", "--markdown"]) == 0
    out = _out(capsys)
    assert out.count("| CNY:financ+patent+pledg+trademark |") == 2
    assert main(["ledger", str(LIBRARY), "--unit", "USD"]) == 0
    assert "no figures match" in _out(capsys)


def test_stats_markdown_and_table(index_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--index-dir", str(index_dir), "--markdown"]) == 0
    out = _out(capsys)
    assert "## Questions by outlet (library)" in out
    assert "| China Daily | 2 | 3 |" in out
    assert "| China Daily | Shen Changyu | 2 |" in out
    assert main(["stats", str(LIBRARY), "--per-transcript"]) == 0
    out = _out(capsys)
    assert "2 transcripts · 19 turns · 211 words · 5 questions" in out
    assert "Shen Changyu ×2, He Zhimin ×1, Yu Cike ×1" in out
    assert "SCIO briefing on intellectual property protection in 2019 (2020-04-24)" in out


def test_kwic_table_and_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kwic", "pledge financing", str(LIBRARY), "--width", "20"]) == 0
    out = _out(capsys)
    assert "7 occurrences of pledge financing" in out
    assert "…and trademark   pledge financing   reached 151.5…" in out
    assert main(["kwic", "patents", str(LIBRARY), "--format", "json"]) == 0
    data = json.loads(_out(capsys))
    assert len(data["tables"]["kwic"]) == 13
    assert main(["kwic", "zebra", str(LIBRARY)]) == 0
    assert "no occurrences of zebra" in _out(capsys)


def test_output_file_says_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "ledger.md"
    assert main(["ledger", str(LIBRARY), "-o", str(target)]) == 0
    assert _out(capsys).strip() == f"wrote ledger (markdown, 6 rows) to {target}"
    assert target.read_text(encoding="utf-8").startswith("# Figures ledger\n")
    assert main(["stats", str(LIBRARY), "--csv", "-o", str(tmp_path)]) == 0
    assert _out(capsys).strip().endswith(f"to {tmp_path / 'pressroom-stats.csv'}")


def test_export_figures_exchanges_and_search(
    index_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "figures", str(LIBRARY)]) == 0
    figures = json.loads(_out(capsys))["tables"]["figures"]
    assert [f["text"] for f in figures] == [
        "151.5 billion yuan",
        "23.8%",
        "42,000",
        "6,000",
        "218 billion yuan",
        "530,000",
    ]
    assert main(["export", "exchanges", str(LIBRARY), "--outlet", "China Daily", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(_out(capsys))))
    assert [(r["number"], r["answered_by"]) for r in rows] == [
        ("1", "Shen Changyu; He Zhimin"),
        ("1", "Yu Cike"),
        ("3", "Shen Changyu"),
    ]
    assert main(["export", "search", "pledge", "financing", "--index-dir", str(index_dir)]) == 0
    hits = json.loads(_out(capsys))["tables"]["hits"]
    assert len(hits) == 7
    assert [h["rank"] for h in hits] == list(range(1, 8))
    assert {h["speaker"] for h in hits} == {
        "Shen Changyu",
        "China Daily",
        "He Zhimin",
        "Phoenix TV",
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ledger", "{missing}"], "missing: no such file or folder"),
        (["stats", "{notes}"], "notes.md: no speaker turns found"),
        (["kwic", "patent", "{emptydir}"], "no transcript could be read from"),
        (["stats"], "no index at"),
        (["kwic", "the", "{lib}"], "'the' has no searchable words"),
        (["kwic", "  ", "{lib}"], "nothing to look for"),
        (["ledger", "{lib}", "--format", "xml"], "unknown export format 'xml'"),
        (["ledger", "{lib}", "--sort", "value", "-o", "{missing}/out.csv"], "does not exist"),
        (["ledger", "{empty}"], "holds no transcripts"),
    ],
)
def test_bad_input_is_one_line(
    argv: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    empty = tmp_path / "empty-index"
    if "{empty}" in argv:
        assert main(["index", "--index-dir", str(empty)]) in (0, 2)
        capsys.readouterr()
        argv = ["ledger", "--index-dir", str(empty)]
    (tmp_path / "notes.md").write_text("Just some notes.\n", encoding="utf-8")
    (tmp_path / "emptydir").mkdir()
    filled = [
        a.replace("{missing}", str(tmp_path / "missing"))
        .replace("{lib}", str(LIBRARY))
        .replace("{notes}", str(tmp_path / "notes.md"))
        .replace("{emptydir}", str(tmp_path / "emptydir"))
        for a in argv
    ]
    assert main(filled) == 2
    err = capsys.readouterr().err
    assert err.startswith("pressroom: ")
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_bad_width_is_rejected(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["kwic", "patent", str(LIBRARY), "--width", "2"])
    assert caught.value.code == 2
    assert "must be between 5 and 500" in capsys.readouterr().err


def test_kwic_without_a_term_names_only_the_term(capsys: pytest.CaptureFixture[str]) -> None:
    # PATH is optional (the index's transcripts are used): only TERM is missing.
    with pytest.raises(SystemExit) as caught:
        main(["kwic"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.endswith("pressroom kwic: error: the following arguments are required: TERM\n")


@pytest.mark.parametrize(
    "command",
    [
        ["stats", "LIBRARY", "--json"],
        ["kwic", "patent", "LIBRARY", "--json"],
        ["ledger", "LIBRARY", "--json"],
        ["export", "figures", "LIBRARY"],
        ["export", "exchanges", "LIBRARY"],
    ],
    ids=["stats", "kwic", "ledger", "export-figures", "export-exchanges"],
)
def test_a_file_that_crashes_the_parser_is_skipped_not_fatal(
    command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import search_index.library

    real_load = search_index.library.load_one
    crashing = LIBRARY / "scio-2020-04-24-ipr.txt"

    def load_one(path: Path) -> object:
        if path == crashing:
            raise RecursionError("maximum recursion depth exceeded")
        return real_load(path)

    monkeypatch.setattr(search_index.library, "load_one", load_one)
    code = main([str(LIBRARY) if word == "LIBRARY" else word for word in command])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err == (
        f"pressroom: skipped {crashing}: "
        "could not be parsed: RecursionError: maximum recursion depth exceeded\n"
    )
    assert "2020-04-24" not in captured.out
    assert "2021-04-25" in captured.out
