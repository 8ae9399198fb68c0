"""Collecting transcript files from files and folders, and loading them into a library."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from search_index.library import (
    LoadStep,
    crash_reason,
    gather_sources,
    iter_library,
    load_library,
)
from search_index.models import Transcript


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


def test_gather_sources_walks_folders_in_a_stable_order(tree: Path) -> None:
    found, missing = gather_sources([tree])
    assert missing == []
    assert [p.relative_to(tree).as_posix() for p in found] == [
        "a.HTM",
        "b-sample.txt",
        "c.html",
        "notes.md",
        "2021/broken.txt",
        "2021/mfa-2021-06-15-briefing.txt",
        "2021/zz/deep.md",
    ]


def test_gather_sources_takes_named_files_as_they_are_and_once(tree: Path) -> None:
    found, _missing = gather_sources(
        [tree / "data.json", tree / "2021", tree / "2021" / "broken.txt"]
    )
    assert [p.relative_to(tree).as_posix() for p in found] == [
        "data.json",
        "2021/broken.txt",
        "2021/mfa-2021-06-15-briefing.txt",
        "2021/zz/deep.md",
    ]


def test_a_missing_path_is_listed_first_with_its_reason(tree: Path) -> None:
    steps = list(iter_library([tree / "notes.md", tree / "missing"]))
    assert steps[0] == LoadStep(tree / "missing", 0, 1, skipped="no such file or folder")
    assert [(step.path, step.done, step.total) for step in steps[1:]] == [(tree / "notes.md", 1, 1)]


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


def test_iter_library_reports_every_file_as_it_is_read(tree: Path) -> None:
    (tree / "2021" / "zz" / "deep.md").unlink()
    (tree / "data.json").unlink()
    steps = [
        (
            step.path.relative_to(tree).as_posix(),
            step.done,
            step.total,
            None if step.transcript is None else len(step.transcript.turns),
            step.skipped,
        )
        for step in iter_library([tree])
    ]
    no_turns = "no speaker turns found (expected lines such as 'Name:' before each turn)"
    assert steps == [
        ("a.HTM", 1, 6, 1, None),
        ("b-sample.txt", 2, 6, 25, None),
        ("c.html", 3, 6, None, no_turns),
        ("notes.md", 4, 6, None, no_turns),
        ("2021/broken.txt", 5, 6, None, "not a text file (binary data)"),
        ("2021/mfa-2021-06-15-briefing.txt", 6, 6, 6, None),
    ]


def test_a_file_that_crashes_the_parser_is_skipped_and_the_rest_load(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search_index.library

    real_load = search_index.library.load_one

    def load_one(path: Path) -> Transcript:
        if path.name == "b-sample.txt":
            raise ValueError("month must be in 1..12\n  at line 3")
        return real_load(path)

    monkeypatch.setattr(search_index.library, "load_one", load_one)
    loaded = load_library([tree / "b-sample.txt", tree / "2021"])
    assert [len(t.turns) for t in loaded.transcripts] == [6, 1]
    assert loaded.skipped == [
        (
            tree / "b-sample.txt",
            "could not be parsed: ValueError: month must be in 1..12 at line 3",
        ),
        (tree / "2021" / "broken.txt", "not a text file (binary data)"),
    ]


def test_crash_reasons_are_one_short_line() -> None:
    assert crash_reason(RecursionError()) == "could not be parsed: RecursionError"
    long = crash_reason(KeyError("x" * 500))
    assert long == "could not be parsed: KeyError: '" + "x" * 158 + "…"


def test_a_second_copy_of_a_transcript_is_skipped(tree: Path) -> None:
    copy = tree / "2021" / "zz" / "copy-of-sample.txt"
    shutil.copy(tree / "b-sample.txt", copy)
    loaded = load_library([tree / "b-sample.txt", copy])
    assert [t.source for t in loaded.transcripts] == [str(tree / "b-sample.txt")]
    assert loaded.skipped == [(copy, f"same content as {tree / 'b-sample.txt'}")]
