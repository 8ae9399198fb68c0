"""The command-line front end: a bare path opens the app, as `pressroom open PATH` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import build_parser, main


def test_every_subcommand_is_registered() -> None:
    _, commands = build_parser()
    assert commands == {
        "open",
        "parse",
        "figures",
        "index",
        "search",
        "cite",
        "quote",
        "fetch",
        "ledger",
        "stats",
        "kwic",
        "export",
    }


def test_a_bare_path_means_open(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "briefing.txt"
    assert main([str(missing)]) == 2
    assert capsys.readouterr().err.strip() == f"pressroom: {missing}: no such file or folder"
