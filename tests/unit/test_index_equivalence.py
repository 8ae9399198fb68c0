"""After any sequence of updates, searches equal a fresh build's: hits, totals, scores, snippets.

The library is made of pieces of the real sample briefing; the steps are what users do to
a library (add, edit, delete, copy a file, put a folder in a file's place, break a file).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_index.index import LibraryIndex
from search_index.models import Transcript

NAMES = ("a.txt", "b.txt", "c.md", "d.txt")
QUERIES = (
    "patent",
    '"intellectual property"',
    "copyright OR trademark",
    "pat*",
    "protection -patent",
    "speaker:shen",
    "kind:press financing",
    "figure:percent",
)


@pytest.fixture(scope="module")
def versions(sample_transcript: Transcript) -> list[str]:
    """Small briefings, each a run of the sample's real turns."""
    turns = sample_transcript.turns
    texts = []
    for k in range(5):
        chosen = turns[3 * k : 3 * k + 5]
        body = "\n".join(f"{turn.speaker}:\n\n{turn.text}\n" for turn in chosen)
        texts.append(f"Briefing part {k}\nBeijing | April 25, 2021\n\n{body}")
    return texts


Step = tuple[str, int, int]  # (action, file, version or other file)

steps = st.tuples(
    st.sampled_from(["write", "write", "delete", "copy", "folder", "break"]),
    st.integers(0, len(NAMES) - 1),
    st.integers(0, 4),
)


def apply(lib: Path, step: Step, versions: list[str]) -> None:
    action, which, other = step
    path = lib / NAMES[which]
    if path.is_dir():
        shutil.rmtree(path)
    if action == "write":
        path.write_text(versions[other], encoding="utf-8")
    elif action == "delete":
        path.unlink(missing_ok=True)
    elif action == "copy":
        source = lib / NAMES[other % len(NAMES)]
        if source.is_file() and source != path:
            shutil.copy(source, path)
    elif action == "folder":
        path.unlink(missing_ok=True)
        (path / "inside.txt").parent.mkdir()
        (path / "inside.txt").write_text(versions[other], encoding="utf-8")
    elif action == "break":
        path.write_text("Notes, no speakers here.\n", encoding="utf-8")


def answers(index: LibraryIndex) -> dict[str, object]:
    found: dict[str, object] = {}
    for query in QUERIES:
        results = index.search(query, limit=1000, snippets=1000)
        hits = sorted(
            ((-hit.score, hit.source, hit.turn), hit.model_dump()) for hit in results.hits
        )
        found[query] = (results.total, [hit for _key, hit in hits])
    return found


def fresh_answers(lib: Path, where: Path) -> dict[str, object]:
    shutil.rmtree(where, ignore_errors=True)
    with LibraryIndex.open(where) as fresh:
        fresh.update([lib])
        return answers(fresh)


def check_sequence(tmp: Path, sequence: list[Step], versions: list[str]) -> None:
    lib = tmp / "lib"
    shutil.rmtree(tmp, ignore_errors=True)
    lib.mkdir(parents=True)
    for which in range(2):
        apply(lib, ("write", which, which), versions)
    with LibraryIndex.open(tmp / "updated") as updated:
        updated.update([lib])
        for step in sequence:
            apply(lib, step, versions)
            updated.update([lib])
            assert answers(updated) == fresh_answers(lib, tmp / "fresh"), sequence


FIXED: list[list[Step]] = [
    [("write", 0, 3)],  # an edit: the old turns are deleted, scores must not notice
    [("delete", 1, 0), ("write", 2, 1)],
    [("folder", 0, 4), ("write", 3, 2)],
    [("copy", 1, 0), ("delete", 0, 0)],  # the copy takes the original's place
    [("break", 0, 0), ("write", 0, 0)],
    [("write", 2, 2), ("write", 2, 3), ("write", 2, 4), ("delete", 2, 0)],
]


@pytest.mark.parametrize("sequence", FIXED, ids=[str(i) for i in range(len(FIXED))])
def test_fixed_sequences_equal_a_fresh_build(
    tmp_path: Path, versions: list[str], sequence: list[Step]
) -> None:
    check_sequence(tmp_path, sequence, versions)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("sequences")


@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(sequence=st.lists(steps, min_size=1, max_size=3))
def test_any_sequence_equals_a_fresh_build(
    scratch: Path, versions: list[str], sequence: list[Step]
) -> None:
    check_sequence(scratch / "run", sequence, versions)
