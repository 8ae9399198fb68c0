"""pressroom never deletes or overwrites what it did not create in an index folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main


def foreign_folder(tmp_path: Path) -> tuple[Path, Path]:
    """The issue's reproduction: mkdir -p D/whoosh/src; echo x > D/whoosh/src/notes.txt."""
    index_dir = tmp_path / "D"
    notes = index_dir / "whoosh" / "src" / "notes.txt"
    notes.parent.mkdir(parents=True)
    notes.write_text("x\n")
    return index_dir, notes


@pytest.mark.parametrize(
    "command",
    [["search", "growth"], ["stats"], ["index"], ["index", "{library}"]],
    ids=["search", "stats", "index", "index-path"],
)
def test_a_folder_that_is_not_pressroom_s_is_refused_and_left_alone(
    tmp_path: Path, library_dir: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    index_dir, notes = foreign_folder(tmp_path)
    args = [part.format(library=library_dir) for part in command]
    assert main([*args, "--index-dir", str(index_dir)]) == 2
    assert capsys.readouterr().err == (
        f"pressroom: {index_dir} is not empty and is not a pressroom index folder: pressroom "
        "will not write into it; give a new or empty folder (--index-dir)\n"
    )
    assert notes.read_text() == "x\n"
    assert sorted(p.relative_to(index_dir).as_posix() for p in index_dir.rglob("*")) == [
        "whoosh",
        "whoosh/src",
        "whoosh/src/notes.txt",
    ]


def test_an_empty_folder_becomes_an_index(
    tmp_path: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "empty"
    index_dir.mkdir()
    assert main(["index", str(library_dir / "2021"), "--index-dir", str(index_dir)]) == 0
    assert (index_dir / "manifest.json").is_file()
    capsys.readouterr()
    assert main(["search", "squatting", "--index-dir", str(index_dir)]) == 0


def test_a_rebuild_keeps_other_files_in_the_store_folder(
    tmp_path: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = tmp_path / "index"
    assert main(["index", str(library_dir / "2021"), "--index-dir", str(index_dir)]) == 0
    stray = index_dir / "whoosh" / "my-notes.txt"
    stray.write_text("mine\n")
    manifest = index_dir / "manifest.json"
    data = json.loads(manifest.read_text())
    data["schema_version"] = 0  # built by an older pressroom: rebuilt on opening
    manifest.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["search", "squatting", "--index-dir", str(index_dir)]) == 0
    assert "rebuilt it from its 1 source file(s)" in capsys.readouterr().err
    assert stray.read_text() == "mine\n"
