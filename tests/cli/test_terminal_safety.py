"""Transcripts never drive the terminal: no control character and no markup in any output.

A crafted library (tests/support/hostile.py) carries ESC sequences by every route past the
decoder — HTML character references, YAML escapes, a file name — and Rich markup as plain
text. Every command and output format is run over it; what it prints must hold no control
character but newline and tab, and the markup must be shown as written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.hostile import (
    HOSTILE_NAME,
    LINK,
    controls_in,
    markup_briefing,
    write_hostile_library,
)
from tui.cli import main


@pytest.fixture()
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The crafted library; wide tables, and user folders redirected into tmp."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("PRESSROOM_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.chdir(tmp_path)
    return write_hostile_library(tmp_path / "library")


def run(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(arguments)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_clean(code: int, out: str, err: str) -> None:
    assert "Traceback" not in err
    assert controls_in(out) == []
    assert controls_in(err) == []
    assert code == 0, err


# --- escape sequences ----------------------------------------------------------------


def test_cite_prints_no_clipboard_write(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's case: this turn made `cite` print a whole OSC 52 clipboard write."""
    code, out, err = run(["cite", str(library / HOSTILE_NAME), "--turn", "1"], capsys)
    assert_clean(code, out, err)
    assert out == (
        '"The trade talks resume next week. Will the minister attend?]52;c;SGFja2Vk" — AFP, '
        "Foreign Ministry Spokesperson's Regular Press Conference]0;PWNED on May 2, 2024, "
        "2024-05-02 (brief]0;PWNEDing.html, turn 1)\n"
    )


def test_cite_markdown_and_front_matter(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        ["cite", str(library / HOSTILE_NAME), "--turn", "2", "--format", "markdown"], capsys
    )
    assert_clean(code, out, err)
    assert out.splitlines()[0] == "> The minister will lead]52;c;SGFja2Vk the delegation."
    code, out, err = run(["cite", str(library / "ecb-escaped.md"), "--turn", "0"], capsys)
    assert_clean(code, out, err)
    assert out.endswith(
        " — President Lagarde, Monetary policy ]0;PWNED press conference ]52;c;SGFja2Vk, "
        "Frankfurt2J am Main, 2024-06-06 (ecb-escaped.md, turn 0)\n"
    )


FILES = (HOSTILE_NAME, "ecb-escaped.md", "mfa-markup.txt")


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize(
    "command",
    [
        ["parse"],
        ["parse", "--json"],
        ["figures"],
        ["figures", "--json"],
        ["figures", "--csv"],
    ],
    ids=lambda c: " ".join(c),
)
def test_one_file_commands(
    library: Path, capsys: pytest.CaptureFixture[str], command: list[str], name: str
) -> None:
    code, out, err = run([command[0], str(library / name), *command[1:]], capsys)
    assert_clean(code, out, err)


@pytest.mark.parametrize(
    "command",
    [
        ["stats", "--per-transcript"],
        ["ledger"],
        ["kwic", "minister"],
        ["kwic", "report"],
        ["export", "figures"],
        ["export", "exchanges"],
    ],
    ids=lambda c: " ".join(c),
)
@pytest.mark.parametrize("fmt", [None, "json", "csv", "markdown"])
def test_library_commands(
    library: Path, capsys: pytest.CaptureFixture[str], command: list[str], fmt: str | None
) -> None:
    if fmt is None and command[0] == "export":
        fmt = "json"
    flags = [] if fmt is None else [f"--{fmt}"]
    code, out, err = run([*command, str(library), *flags], capsys)
    assert_clean(code, out, err)
    assert out.strip()


def test_index_and_search(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = str(tmp_path / "index")
    code, out, err = run(["index", str(library), "--index-dir", index], capsys)
    assert_clean(code, out, err)
    assert "brief]0;PWNEDing.html" in out
    for command in (
        ["search", "minister", "--index-dir", index],
        ["search", "minister", "--index-dir", index, "--json"],
        ["export", "search", "minister", "--index-dir", index, "--csv"],
        ["export", "search", "minister", "--index-dir", index, "--markdown"],
        ["ledger", "--index-dir", index],
    ):
        code, out, err = run(command, capsys)
        assert_clean(code, out, err)
        assert out.strip()


def test_file_names_in_notes_and_errors(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = library / "notes\x1b]0;PWNED\x07.txt"
    bad.write_text("No speaker here, only prose.\n", encoding="utf-8")
    code, out, err = run(["stats", str(library)], capsys)
    assert_clean(code, out, err)
    assert err == (
        f"pressroom: skipped {library}/notes]0;PWNED.txt: no speaker turns found "
        "(expected lines such as 'Name:' before each turn)\n"
    )
    code, out, err = run(["parse", str(bad)], capsys)
    assert (code, out, controls_in(err)) == (2, "", [])
    assert err.startswith(f"pressroom: {library}/notes]0;PWNED.txt: no speaker turns found")
    code, out, err = run(["index", str(library), "--index-dir", str(tmp_path / "ix")], capsys)
    assert_clean(code, out, err)
    assert f"skipped {library}/notes]0;PWNED.txt: no speaker turns found" in out
    code, out, err = run(
        ["export", "figures", str(library), "--output", str(tmp_path / "out\x1b[2J.json")], capsys
    )
    assert_clean(code, out, err)
    assert out.endswith(f" to {tmp_path}/out[2J.json\n")


# --- markup --------------------------------------------------------------------------


@pytest.fixture()
def briefing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The MFA briefing with Rich markup injected, alone in a folder; wide tables."""
    monkeypatch.setenv("COLUMNS", "200")
    folder = tmp_path / "markup"
    folder.mkdir()
    path = folder / "mfa-markup.txt"
    path.write_text(markup_briefing(), encoding="utf-8")
    return path


def test_parse_shows_markup_as_written(briefing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["parse", str(briefing)], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Foreign [/] Ministry Spokesperson's Regular Press Conference"
    assert "│ Wang Lin │ official │ spokesperson [/] of the Ministry of Foreign Affairs │" in out
    assert "│ 2 │ Afp [/]  │ What is the ministry's response to the report on" in out
    assert f"│ 1 │ Reuters  │ {LINK} more details  │" in out


def test_parse_writes_no_hyperlink_to_a_terminal(
    briefing: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With colours forced on (as in a terminal), the link tag is text, not an OSC 8 link."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    code, out, _ = run(["parse", str(briefing)], capsys)
    assert code == 0
    assert "\x1b[" in out  # styled output, as a terminal gets it
    assert "\x1b]8;" not in out
    assert "[link=https://evil.example]" in out


def test_figures_table_shows_markup(briefing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["figures", str(briefing)], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0].rstrip() == (
        "8 figures in Foreign [/] Ministry Spokesperson's Regular Press Conference"
    )


def test_stats_table_shows_markup(briefing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["stats", str(briefing.parent), "--per-transcript"], capsys)
    assert (code, err) == (0, "")
    assert "│ Afp [/]  │ press    │           1 │     1 │    11 │" in out
    assert "Foreign [/] Ministry Spokesperson's Regular Press Conference (2023-03-14)" in out


def test_ledger_table_shows_markup(briefing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["ledger", str(briefing.parent)], capsys)
    assert (code, err) == (0, "")
    assert "│ Wang Lin │ Foreign [/] Ministry         │    0 │" in out


def test_kwic_shows_markup(briefing: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["kwic", "report", str(briefing.parent)], capsys)
    assert (code, err) == (0, "")
    assert "   3 Afp [/]  " in out
