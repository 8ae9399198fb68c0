"""Every `--json` output and JSON export is byte for byte what the code before the fast
serializer wrote (`json.dumps(data, ensure_ascii=False, indent=2)` of the same data), on
the sample and on every fixture transcript, whole and streamed in small chunks.
(test_parse_output_bytes guards `pressroom parse` itself against stored digests.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

import pytest

from search_index import json_text
from search_index.insights import export
from tests.conftest import DATA
from tui.cli import main, output

SUFFIXES = {".txt", ".md", ".html", ".htm"}


def every_file(sample: Path) -> list[Path]:
    found = sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    return [sample, *found]


def old_dumps(data: Any) -> str:
    """What pressroom wrote before: Python's json module, indented."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def old_cell(cell: object) -> object:
    """A cell as the report writer made it before: a tuple as a list."""
    return list(cell) if isinstance(cell, tuple) else cell


def old_write_json_report(report: export.Report, out: TextIO) -> None:
    data = {
        "kind": report.kind,
        "title": report.title,
        "tables": {
            table.name: [
                {key: old_cell(value) for key, value in record.items()}
                for record in table.records()
            ]
            for table in report.tables
        },
    }
    out.write(old_dumps(data) + "\n")


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PRESSROOM_INDEX_DIR", str(tmp_path / "default-index"))
    monkeypatch.setenv("COLUMNS", "160")
    # Lists of more than three items are streamed three at a time, shorter ones written
    # whole: both ways are compared on every output.
    monkeypatch.setattr(json_text, "CHUNK", 3)
    monkeypatch.setattr(json_text, "STREAM_FROM", 3)


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


def test_parse_json_gives_the_same_bytes_for_every_file(
    sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli.inputs import read_transcript

    compared = 0
    for path in every_file(sample_file):
        code, out = run(capsys, ["parse", str(path), "--json"])
        if code != 0:
            continue
        expected = old_dumps(read_transcript(str(path)).to_json_dict()) + "\n"
        assert out == expected, path
        compared += 1
    assert compared >= 60


def test_figures_json_gives_the_same_bytes_for_every_file(
    sample_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared = 0
    figures = 0
    for path in every_file(sample_file):
        code, out = run(capsys, ["figures", str(path), "--json"])
        if code != 0:
            continue
        with monkeypatch.context() as old:
            old.setattr(output, "stream_json_list", lambda items: print(old_dumps(list(items))))
            assert run(capsys, ["figures", str(path), "--json"]) == (0, out), path
        figures += len(json.loads(out))
        compared += 1
    assert compared >= 60 and figures > 500


#: Each JSON export: its words before the library, and its options after it.
EXPORTS = [
    (["stats"], ["--json"]),
    (["stats"], ["--json", "--per-transcript"]),
    (["kwic", "patent"], ["--json"]),
    (["kwic", "financ*"], ["--json", "--width", "30"]),
    (["ledger"], ["--json"]),
    (["ledger"], ["--json", "--sort", "value", "--desc"]),
    (["export", "figures"], []),
    (["export", "exchanges"], ["--json"]),
]


@pytest.mark.parametrize("command", EXPORTS, ids=lambda c: " ".join(c[0] + c[1]))
def test_json_exports_give_the_same_bytes(
    command: tuple[list[str], list[str]],
    fixtures_library: Path,
    fixtures_index: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    head, options = command
    argv = [*head, str(fixtures_library), *options, "--index-dir", str(fixtures_index)]
    code, new = run(capsys, argv)
    assert code == 0
    written = tmp_path / "export.json"
    assert run(capsys, [*argv, "--output", str(written)])[0] == 0
    monkeypatch.setattr(export, "write_json_report", old_write_json_report)
    code, old = run(capsys, argv)
    assert code == 0
    assert new == old
    assert written.read_text(encoding="utf-8") == old
    assert len(new) > 1000


def test_search_and_quote_json_give_the_same_bytes(
    fixtures_index: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = ["--index-dir", str(fixtures_index)]
    commands = [
        ["search", "patent", "--json", "--limit", "50"],
        ["search", '"intellectual property"', "--json"],
        ["search", "nothingmatchesthis", "--json"],
        ["quote", "intellectual property protection", "--json"],
    ]
    new = [run(capsys, [*argv, *index]) for argv in commands]
    monkeypatch.setattr(output, "print_json", lambda data: print(old_dumps(data)))
    old = [run(capsys, [*argv, *index]) for argv in commands]
    assert new == old
    assert all(code == 0 for code, _out in new)
    assert new[0][1].count('"turn"') > 5 and new[2][1] == "[]\n"
