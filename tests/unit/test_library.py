"""Collecting transcript files from files and folders, and loading them into a library."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from search_index.errors import InputError
from search_index.library import collect_sources, load_library


@pytest.fixture()
def tree(tmp_path: Path, data_dir: Path, sample_file: Path) -> Path:
    shutil.copytree(data_dir / "library", tmp_path / "lib")
    lib = tmp_path / "lib"
    shutil.copy(sample_file, lib / "b-sample.txt")
    (lib / "a.HTM").write_text("<p>Xing Huina: Hello.</p>", encoding="utf-8")
    (lib / "c.html").write_text("<p>Nothing here</p>", encoding="utf-8")
    (lib / "image.png").write_bytes(b"\x89PNG")
    (lib / "data.json").write_text("{}", encoding="utf-8")
    (lib / ".hidden.txt").write_text("Xing Huina: hidden", encoding="utf-8")
    (lib / ".git").mkdir()
    (lib / ".git" / "notes.txt").write_text("Xing Huina: hidden", encoding="utf-8")
    (lib / "2021" / "zz").mkdir()
    (lib / "2021" / "zz" / "deep.md").write_text("Xing Huina: deep", encoding="utf-8")
    return lib


def test_collect_sources_walks_folders_in_a_stable_order(tree: Path) -> None:
    found = collect_sources([tree])
    assert [p.relative_to(tree).as_posix() for p in found] == [
        "a.HTM",
        "b-sample.txt",
        "c.html",
        "notes.md",
        "2021/broken.txt",
        "2021/mfa-2021-06-15-briefing.txt",
        "2021/zz/deep.md",
    ]


def test_collect_sources_takes_named_files_as_they_are_and_once(tree: Path) -> None:
    found = collect_sources([tree / "data.json", tree / "2021", tree / "2021" / "broken.txt"])
    assert [p.relative_to(tree).as_posix() for p in found] == [
        "data.json",
        "2021/broken.txt",
        "2021/mfa-2021-06-15-briefing.txt",
        "2021/zz/deep.md",
    ]


def test_collect_sources_rejects_a_missing_path(tree: Path) -> None:
    with pytest.raises(InputError) as caught:
        collect_sources([tree, tree / "missing"])
    assert str(caught.value) == f"{tree / 'missing'}: no such file or folder"


def test_load_library_returns_transcripts_and_reasons(tree: Path) -> None:
    loaded = load_library([tree / "b-sample.txt", tree / "2021", tree / "notes.md", tree / "gone"])
    assert [t.title for t in loaded.transcripts] == [
        "SCIO briefing on implementing the Outline of the 14th Five-Year Plan and accelerating "
        "the building of China's strength in intellectual property",
        "Regular press conference of the Ministry of Foreign Affairs on trade and technology",
        None,
    ]
    assert [len(t.turns) for t in loaded.transcripts] == [25, 6, 1]
    assert loaded.skipped == [
        (tree / "gone", "no such file or folder"),
        (tree / "2021" / "broken.txt", "not a text file (binary data)"),
        (
            tree / "notes.md",
            "no speaker turns found (expected lines such as 'Name:' before each turn)",
        ),
    ]
    assert not loaded.cancelled


def test_load_library_stops_when_cancelled(tree: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    loaded = load_library([tree], cancel=cancel)
    assert loaded.cancelled
    assert loaded.transcripts == []
