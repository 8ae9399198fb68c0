"""`pressroom parse` (the summary tables) writes exactly the bytes it always wrote, coloured too.

The expected outputs in tests/data/parse-output were written by the summary as one Rich
print per table, before the tables were streamed; plain (a pipe) and coloured (a terminal)
at 100 columns. The long briefing (the sample's turns said fifteen times over, 126
questions) is checked by the size and digest of its 80 KB summary.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tui.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"
EXPECTED = DATA / "parse-output"

FILES = {
    "sample": Path("assets") / "scio-2021-04-25-ipr-briefing.txt",
    "kremlin": DATA / "realworld" / "kremlin-2012-12-20-putin-news-conference.html",
    "awkward-cells": EXPECTED / "awkward-cells.txt",
}


def summary(
    path: Path, colour: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    """What `pressroom parse PATH` writes at 100 columns, to a terminal or a pipe."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setenv("COLORTERM", "truecolor")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    capsys.readouterr()
    assert main(["parse", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def long_briefing(tmp_path: Path) -> Path:
    text = FILES["sample"].read_text(encoding="utf-8")
    turns = text[text.index("\nShen Changyu:") :]
    path = tmp_path / "long.txt"
    path.write_text(text + turns * 14, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _from_the_project_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary names its source as given: relative to the project folder."""
    monkeypatch.chdir(Path(__file__).resolve().parents[2])


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("name", FILES)
def test_summary_bytes(
    name: str,
    colour: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = FILES[name]
    shown = path.relative_to(Path(__file__).resolve().parents[2]) if path.is_absolute() else path
    out = summary(shown, colour, monkeypatch, capsys)
    expected = EXPECTED / f"{name}.{'colour' if colour else 'plain'}.out"
    assert out == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("colour", "size", "digest"),
    [
        (False, 79_649, "3f0496da11ca732ffb30ff52dfeafdad66672f8c9e627263c6dc996722331c4b"),
        (True, 80_289, "affb1b204f899167aa200bb611bfb2765fa3549304c54777853e66100cbe12c3"),
    ],
    ids=["plain", "colour"],
)
def test_long_summary_bytes(
    colour: bool,
    size: int,
    digest: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    long_briefing(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = summary(Path("long.txt"), colour, monkeypatch, capsys).encode("utf-8")
    assert (len(out), hashlib.sha256(out).hexdigest()) == (size, digest)
