"""The issue's small inputs with huge costs, through the real command in a capped process.

Each ran for minutes, hung or ate gigabytes: a named pipe and a link to /dev/zero in a
library (`index`, `stats`), a YAML alias bomb, front matter and HTML nested thousands
deep, a symbolic link loop. Each now ends with a result or a one-line reason; the child's
memory is capped so that a regression fails instead of taking the machine down.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.support.bounded import run_pressroom
from tests.support.hostile import alias_bomb


@pytest.fixture()
def odd_library(tmp_path: Path, data_dir: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "mfa.txt").write_bytes((data_dir / "app" / "mfa-2023-03-14-regular.txt").read_bytes())
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop.txt").symlink_to("loop.txt")
    return folder


SKIPPED = [
    "skipped {folder}/loop.txt: a symbolic link loop",
    "skipped {folder}/pipe.txt: not a regular file (a named pipe); only files are read",
    "skipped {folder}/zero.txt: not a regular file (a character device); only files are read",
]


def test_stats_skips_pipes_devices_and_loops(odd_library: Path, tmp_path: Path) -> None:
    result = run_pressroom(["stats", str(odd_library)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "pressroom: " + line.format(folder=odd_library) for line in SKIPPED
    ]
    assert result.stdout.startswith("1 transcript · 6 turns")


def test_index_skips_pipes_and_devices(odd_library: Path, tmp_path: Path) -> None:
    result = run_pressroom(["index", str(odd_library), "--index-dir", "ix"], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for line in SKIPPED:  # the link loop too, as stats lists it
        assert line.format(folder=odd_library) in lines
    assert "1 added, 0 updated, 0 removed, 0 unchanged, 3 skipped" in result.stdout


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("pipe.txt", "not a regular file (a named pipe); only files are read"),
        ("zero.txt", "not a regular file (a character device); only files are read"),
        ("loop.txt", "a symbolic link loop"),
    ],
)
def test_parse_refuses_a_special_file(
    odd_library: Path, tmp_path: Path, name: str, reason: str
) -> None:
    result = run_pressroom(["parse", str(odd_library / name)], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"pressroom: {odd_library / name}: {reason}\n"


def test_an_alias_bomb_parses_without_its_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_text(alias_bomb(), encoding="utf-8")
    result = run_pressroom(["parse", "--json", str(path)], tmp_path)
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["title"] is None
    assert parsed["warnings"][0] == "front matter ignored: it uses a YAML alias (*a)"
    assert len(parsed["turns"]) == 2


def test_front_matter_nested_ten_thousand_deep(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text(
        "---\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n---\n\n**A:** Hello?\n\n**B:** Yes.\n",
        encoding="utf-8",
    )
    result = run_pressroom(["parse", "--json", str(path)], tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = json.loads(result.stdout)["warnings"]
    assert warnings[0] == "front matter ignored: nested more than 16 levels deep"


def test_an_invalid_front_matter_date_is_a_warning(tmp_path: Path, data_dir: Path) -> None:
    text = (data_dir / "formats" / "ecb-press-conference.md").read_text(encoding="utf-8")
    path = tmp_path / "ecb.md"
    path.write_text(text.replace("2024-06-06", "2021-13-45"), encoding="utf-8")
    result = run_pressroom(["parse", str(path)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [
        "Monetary policy press conference",
        "date unknown · Frankfurt am Main · 3 turns · 1 questions",
        f"source: {path}  id: 5d7eecc9adb932a8",
        "warning: front matter date '2021-13-45' is not a calendar date: ignored",
        "warning: no date found in the header",
    ]


def test_html_nested_60000_deep_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    body = "<div>" * 60_000 + "<p>MODERATOR: Hello?</p><p>Reporter: Yes.</p>" + "</div>" * 60_000
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    assert path.stat().st_size == 660_071
    result = run_pressroom(["parse", str(path)], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"pressroom: {path}: the HTML is nested more than 512 elements deep "
        "(no web page is; this one cannot be read)\n"
    )
