"""`pressroom fetch`: against a local press office only; output, indexing, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.webserver import PressOffice, press_office
from tui.cli import main

FOLLOW = r"/(briefings|private)/.+\.html$"


@pytest.fixture(autouse=True)
def _no_real_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --into and --index-dir, nothing reaches the user's real data folder."""
    monkeypatch.setenv("PRESSROOM_INDEX_DIR", str(tmp_path / "default-index"))
    monkeypatch.setenv("PRESSROOM_LIBRARY_DIR", str(tmp_path / "default-library"))


@pytest.fixture()
def office() -> PressOffice:
    with press_office() as running:
        yield running  # type: ignore[misc]


def fetch(office: PressOffice, *extra: str) -> int:
    return main(
        ["fetch", office.url("/briefings/index.html"), "--follow", FOLLOW, "--delay", "0", *extra]
    )


def test_fetch_follows_keeps_indexes_and_says_what_happened(
    office: PressOffice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into, index = tmp_path / "library", tmp_path / "index"
    assert fetch(office, "--into", str(into), "--index-dir", str(index)) == 1
    captured = capsys.readouterr()
    out = " ".join(captured.out.split())
    assert "5 fetched, 0 unchanged, 2 skipped, 1 failed" in out
    assert "index: 5 added, 0 updated, 0 removed, 0 unchanged; it holds 39 turns" in out
    err = " ".join(captured.err.split())
    assert f"failed: {office.url('/briefings/missing.html')} — HTTP 404 Not Found" in err
    assert "skipped: " + office.url("/private/draft.html") + " — robots.txt forbids it" in err

    # The pages are searchable, and a quote from one cites its web address.
    assert (
        main(["quote", "We will keep liquidity ample.", "--index-dir", str(index), "--json"]) == 0
    )
    result = json.loads(capsys.readouterr().out)
    best = result["matches"][0]
    assert (best["speaker"], best["turn"], best["paragraph"]) == ("Zou Lan", 3, 1)
    assert best["source_url"] == office.url("/briefings/pboc-2023-04-20.html")
    assert best["citation"] == (
        '"We will keep liquidity ample" — Zou Lan, director of the Financial Market '
        "Department of the People's Bank of China, Press briefing on financial statistics "
        "for the first quarter, Beijing, 2023-04-20 (briefings_pboc-2023-04-20.html, turn 4; "
        f"{office.url('/briefings/pboc-2023-04-20.html')})"
    )
    # `pressroom cite` names the address too.
    page = into / f"127.0.0.1_{office.port}" / "briefings_pboc-2023-04-20.html"
    assert main(["cite", str(page), "--turn", "4"]) == 0
    url = office.url("/briefings/pboc-2023-04-20.html")
    assert capsys.readouterr().out.endswith(f"(briefings_pboc-2023-04-20.html, turn 4; {url})\n")


def test_a_second_fetch_finds_nothing_changed(
    office: PressOffice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    into, index = tmp_path / "library", tmp_path / "index"
    fetch(office, "--into", str(into), "--index-dir", str(index))
    capsys.readouterr()
    assert fetch(office, "--into", str(into), "--index-dir", str(index)) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "0 fetched, 5 unchanged, 2 skipped, 1 failed" in out
    assert "index: index up to date: 5 unchanged, nothing to do; it holds 39 turns" in out


def test_fetch_uses_the_default_library_folder(
    office: PressOffice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = office.url("/briefings/mfa-2023-03-14.html")
    assert main(["fetch", url, "--delay", "0"]) == 0
    kept = tmp_path / "default-library" / f"127.0.0.1_{office.port}"
    assert sorted(p.name for p in kept.iterdir()) == [
        "briefings_mfa-2023-03-14.html",
        "briefings_mfa-2023-03-14.html.source.json",
    ]
    assert (tmp_path / "default-index" / "manifest.json").is_file()
    out = " ".join(capsys.readouterr().out.split())
    assert "1 fetched, 0 unchanged, 0 skipped, 0 failed" in out


def test_since_stops_the_walk(
    office: PressOffice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--into", str(tmp_path / "lib"), "--index-dir", str(tmp_path / "ix")]
    assert fetch(office, "--since", "2023-01-01", *args) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "3 fetched, 0 unchanged, 0 skipped, 0 failed; 5 older link(s) not followed" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["fetch", "www.example.gov/briefing"], "'www.example.gov/briefing' is not a web address"),
        (["fetch", "ftp://example.gov/x"], "'ftp://example.gov/x' is not a web address"),
        (
            ["fetch", "http://127.0.0.1:9/", "--follow", "(unclosed"],
            "--follow '(unclosed' is not a valid pattern",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"pressroom: {message}")
    assert err.count("\n") == 1


def test_into_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("x")
    assert main(["fetch", "http://127.0.0.1:9/", "--into", str(file)]) == 2
    assert capsys.readouterr().err == f"pressroom: {file} is not a folder\n"


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--since", "April 2021"], "'April 2021' is not a date (YYYY-MM-DD)"),
        (["--delay", "-1"], "must be 0 or more"),
    ],
)
def test_bad_options_exit_2(
    option: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["fetch", "http://127.0.0.1:9/", *option])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
