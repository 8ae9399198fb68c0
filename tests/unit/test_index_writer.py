"""TurnWriter writes the very segment Whoosh's own SegmentWriter writes: the same bytes in
every file, for real transcripts, when its pool spills runs to disk, and when a commit
merges older segments into it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from search_index.index.documents import turn_documents
from search_index.index.parsed import turn_figures
from search_index.index.schema import build_schema
from search_index.index.whoosh_writing import TurnWriter
from search_index.parser import load_transcript

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def documents(sample_file: Path) -> list[dict[str, Any]]:
    """One document per turn of the sample and of the real-world transcripts."""
    files = [sample_file, *sorted((DATA / "realworld").glob("*.txt"))]
    docs: list[dict[str, Any]] = []
    for path in files:
        transcript = load_transcript(path)
        figures, _whole = turn_figures(transcript)
        docs.extend(turn_documents(transcript, str(path), "0" * 64, figures))
    assert len(docs) > 500  # enough for posting lists of several blocks (128 each)
    return docs


def segment_files(folder: Path) -> dict[str, bytes]:
    """The bytes of each file of the index's segments, named without the segment's id."""
    ix = whoosh_index.open_dir(str(folder))
    found: dict[str, bytes] = {}
    for number, segment in enumerate(ix._segments()):
        for name in sorted(segment.list_files(ix.storage)):
            suffix = name[len(segment.make_filename("")) :]
            found[f"{number}{suffix}"] = (folder / name).read_bytes()
    ix.close()
    return found


Writer = Callable[..., Any]


def build(
    folder: Path, writer: Writer, batches: list[list[dict[str, Any]]], **options: Any
) -> dict[str, bytes]:
    """Write each batch as a segment; more than one are then merged into one by a last
    commit (through the writer's pool). The segments' files."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    for batch in batches:
        w = writer(ix, compound=False, **options)
        for doc in batch:
            w.add_document(**doc)
        w.commit(merge=False)
    if len(batches) > 1:
        writer(ix, compound=False, **options).commit(optimize=True)
    ix.close()
    return segment_files(folder)


@pytest.fixture(scope="module")
def whoosh_files(
    tmp_path_factory: pytest.TempPathFactory, documents: list[dict[str, Any]]
) -> dict[str, bytes]:
    """The segment Whoosh's own writer writes of every document."""
    return build(tmp_path_factory.mktemp("writer") / "whoosh", SegmentWriter, [documents])


def test_same_segment_bytes(
    tmp_path: Path, documents: list[dict[str, Any]], whoosh_files: dict[str, bytes]
) -> None:
    assert len(whoosh_files) >= 8
    assert build(tmp_path / "turns", TurnWriter, [documents]) == whoosh_files


def test_same_bytes_when_spilling_to_disk(
    tmp_path: Path, documents: list[dict[str, Any]], whoosh_files: dict[str, bytes]
) -> None:
    # A budget of about 200 KB: the pool writes sorted runs to disk and merges them.
    assert build(tmp_path / "turns", TurnWriter, [documents], limitmb=0.2) == whoosh_files


def test_same_bytes_after_merging_segments(tmp_path: Path, documents: list[dict[str, Any]]) -> None:
    thirds = [documents[k:300:3] for k in range(3)]
    merged = build(tmp_path / "turns", TurnWriter, thirds)
    assert len(merged) >= 8
    assert merged == build(tmp_path / "whoosh", SegmentWriter, thirds)
