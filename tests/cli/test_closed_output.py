"""`pressroom … | head`: output whose reader has gone ends the command quietly.

Each output path (Rich tables, JSON, CSV, Markdown, plain text, help) is run in a child
process whose standard output is a pipe already closed at the reading end, so that the
first write, or the flush at exit, fails with EPIPE as it does under `| head -1` once head
has its line. The command must stop at once with exit 0 and say nothing: no traceback, no
"Exception ignored" or "Broken pipe" line, no exit 1 or 120.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.support.webserver import press_office
from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
#: How long to wait before calling the child hung (not a speed check).
PATIENCE = 120.0
QUOTE = "Mr. Yu will answer this question."


def _environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PRESSROOM_INDEX_DIR": str(home / "index"),
        "PRESSROOM_LIBRARY_DIR": str(home / "library"),
        "PYTHONPATH": str(ROOT),
        "COLUMNS": "120",
    }


def _start(arguments: Sequence[str], home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", *arguments],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(home),
        cwd=home,
    )


def _finish(child: subprocess.Popen[bytes]) -> tuple[int, str]:
    assert child.stderr is not None
    error = child.stderr.read().decode("utf-8", "replace")
    return child.wait(timeout=PATIENCE), error


def closed_output(arguments: Sequence[str], home: Path) -> tuple[int, str]:
    """Exit code and standard error of `pressroom ARGUMENTS…` writing into a closed pipe."""
    child = _start(arguments, home)
    assert child.stdout is not None
    child.stdout.close()
    return _finish(child)


def first_line(arguments: Sequence[str], home: Path) -> tuple[str, int, str]:
    """`pressroom ARGUMENTS… | head -1`: the line read, exit code and standard error."""
    child = _start(arguments, home)
    assert child.stdout is not None
    line = child.stdout.readline().decode("utf-8")
    child.stdout.close()
    code, error = _finish(child)
    return line, code, error


def _long_briefing(sample_file: Path) -> str:
    """The sample with its turns said fifteen times over (126 questions, 670 KB): its
    summary at 120 columns (75 KB) and its JSON (1.4 MB) overfill a pipe (64 KB)."""
    text = sample_file.read_text(encoding="utf-8")
    turns = text[text.index("\nShen Changyu:") :]
    return text + turns * 14


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, sample_file: Path) -> Path:
    """A user's folders: an index of the sample and the MFA briefing, and a long briefing."""
    root = tmp_path_factory.mktemp("home")
    library = root / "transcripts"
    library.mkdir()
    shutil.copy(sample_file, library / sample_file.name)
    mfa = ROOT / "tests" / "data" / "library" / "2021" / "mfa-2021-06-15-briefing.txt"
    shutil.copy(mfa, library / mfa.name)
    (root / "long.txt").write_text(_long_briefing(sample_file), encoding="utf-8")
    assert main(["index", "--index-dir", str(root / "index"), str(library)]) == 0
    return root


SAMPLE = "transcripts/scio-2021-04-25-ipr-briefing.txt"
LONG = "long.txt"

#: One command per way of writing: each Rich table, JSON (whole and streamed), CSV, the
#: insights' rendered formats (one writer for stats, ledger, kwic and export), plain text.
OUTPUT_PATHS = {
    "parse table": ["parse", SAMPLE],
    "parse json": ["parse", "--json", SAMPLE],
    "search table": ["search", "patent"],
    "search json": ["search", "--json", "patent"],
    "cite plain": ["cite", SAMPLE, "--turn", "8"],
    "quote table": ["quote", QUOTE],
    "quote json": ["quote", "--json", QUOTE],
    "ledger table": ["ledger"],
    "ledger csv": ["ledger", "--csv"],
    "stats table": ["stats"],
    "stats markdown": ["stats", "--markdown"],
    "kwic table": ["kwic", "patent"],
    "figures table": ["figures", SAMPLE],
    "figures json": ["figures", "--json", SAMPLE],
    "figures csv": ["figures", "--csv", SAMPLE],
    "index table": ["index", "transcripts"],
    "help": ["--help"],
}


@pytest.mark.parametrize("arguments", OUTPUT_PATHS.values(), ids=OUTPUT_PATHS.keys())
def test_a_closed_output_ends_the_command_quietly(arguments: list[str], home: Path) -> None:
    assert closed_output(arguments, home) == (0, "")


def test_fetch_table_into_a_closed_output(home: Path, tmp_path: Path) -> None:
    with press_office() as office:
        arguments = [
            "fetch",
            office.url("/briefings/index.html"),
            "--follow",
            r"/briefings/.+\.html$",
            "--delay",
            "0",
            "--into",
            str(tmp_path / "library"),
            "--index-dir",
            str(tmp_path / "index"),
        ]
        failed = office.url("/briefings/missing.html")
        skipped = office.url("/briefings/about.html")
        assert closed_output(arguments, home) == (
            0,
            f"failed: {failed} — HTTP 404 Not Found\n"
            f"skipped: {skipped} — not a transcript (no speaker turns found)\n",
        )


@pytest.mark.parametrize("json", [False, True], ids=["table", "json"])
def test_parse_into_head_1(home: Path, json: bool) -> None:
    """The summary and the JSON of a long briefing are far bigger than a pipe holds, so
    pressroom is still writing when the reader leaves."""
    line, code, error = first_line(["parse", *(["--json"] if json else []), LONG], home)
    expected = "{" if json else "SCIO briefing on implementing the Outline"
    assert (line.startswith(expected), code, error) == (True, 0, "")
