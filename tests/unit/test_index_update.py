"""Keeping the index in step with its files: incremental updates, recovery, concurrency."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from search_index.errors import IndexUnavailableError
from search_index.index import IndexProgress, IndexReport, LibraryIndex
from search_index.index.folder import STORE_NAME
from search_index.index.manifest import MANIFEST_NAME

BRIEFING = """\
Press briefing on {topic}
Beijing | {date}

Speakers:

Lin Qiao, spokesperson

Zhao Min:

Good afternoon. Questions on {topic}, please.

Reuters:

What is the ministry doing about {topic}?

Lin Qiao:

We are working hard on {topic} and will publish a {word} plan soon.
"""


def briefing(path: Path, topic: str, word: str = "detailed", date: str = "May 3, 2022") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(BRIEFING.format(topic=topic, word=word, date=date), encoding="utf-8")
    return path


@pytest.fixture()
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    briefing(root / "a.txt", "fisheries")
    briefing(root / "sub" / "b.txt", "railways")
    return root


def open_index(tmp_path: Path) -> LibraryIndex:
    return LibraryIndex.open(tmp_path / "index")


def total(index: LibraryIndex, query: str) -> int:
    return index.search(query).total


def generation(index_dir: Path) -> int:
    return int(json.loads((index_dir / MANIFEST_NAME).read_text())["generation"])


def test_add_change_and_remove_touch_only_those_files(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        report = index.update([lib])
        assert report.added == (lib / "a.txt", lib / "sub" / "b.txt")
        assert report.turns_indexed == 6
        assert report.summary() == "2 added, 0 updated, 0 removed, 0 unchanged"
        assert index.turn_count == 6

        briefing(lib / "c.md", "forestry")
        report = index.update([lib])
        assert (report.added, report.updated, report.removed) == ((lib / "c.md",), (), ())
        assert report.unchanged == (lib / "a.txt", lib / "sub" / "b.txt")
        assert report.turns_indexed == 3
        assert total(index, "forestry") == 3

        briefing(lib / "a.txt", "fisheries", word="bold")
        report = index.update([lib])
        assert report.updated == (lib / "a.txt",)
        assert report.turns_indexed == 3
        assert total(index, "bold") == 1
        assert total(index, "detailed") == 2
        assert index.turn_count == 9

        (lib / "sub" / "b.txt").unlink()
        report = index.update([lib])
        assert report.removed == (lib / "sub" / "b.txt",)
        assert report.turns_indexed == 0
        assert total(index, "railways") == 0
        assert index.turn_count == 6
        assert index.sources() == [lib / "a.txt", lib / "c.md"]


def test_an_unchanged_library_does_no_work_and_says_so(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])
        before = generation(tmp_path / "index")
        manifest_mtime = (tmp_path / "index" / MANIFEST_NAME).stat().st_mtime_ns
        steps: list[IndexProgress] = []
        report = index.update([lib], progress=steps.append)
        assert not report.changed
        assert report.turns_indexed == 0
        assert report.summary() == "index up to date: 2 unchanged, nothing to do"
        assert steps == [IndexProgress(files_done=0, files_total=0, turns_done=0)]
        assert generation(tmp_path / "index") == before
        assert (tmp_path / "index" / MANIFEST_NAME).stat().st_mtime_ns == manifest_mtime


def test_a_touched_but_identical_file_is_not_reindexed(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])
        before = generation(tmp_path / "index")
        os.utime(lib / "a.txt", ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
        report = index.update([lib])
        assert report.unchanged == (lib / "a.txt", lib / "sub" / "b.txt")
        assert not report.changed
        assert generation(tmp_path / "index") == before


def test_update_with_no_paths_rechecks_the_known_files(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib / "a.txt"])
        briefing(lib / "a.txt", "fisheries", word="bold")
        report = index.update([])
        assert report.updated == (lib / "a.txt",)
        assert index.roots() == [lib / "a.txt"]


def test_skipped_files_are_reported_with_reasons(tmp_path: Path, lib: Path) -> None:
    (lib / "notes.txt").write_text("Just some notes, no speakers.\n", encoding="utf-8")
    (lib / "empty.md").write_text("", encoding="utf-8")
    with open_index(tmp_path) as index:
        report = index.update([lib, lib / "missing"])
        assert report.skipped == (
            (lib / "missing", "no such file or folder"),
            (lib / "empty.md", "the file is empty"),
            (
                lib / "notes.txt",
                "no speaker turns found (expected lines such as 'Name:' before each turn)",
            ),
        )
        # Reported again next time, without re-reading them.
        again = index.update([lib])
        assert [path.name for path, _ in again.skipped] == ["empty.md", "notes.txt"]
        assert not again.changed


def test_a_file_that_stops_being_a_transcript_is_removed(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])
        (lib / "a.txt").write_text("nothing to see\n", encoding="utf-8")
        report = index.update([lib])
        assert report.removed == (lib / "a.txt",)
        assert report.skipped[0][0] == lib / "a.txt"
        assert total(index, "fisheries") == 0


def test_progress_is_reported_per_file(tmp_path: Path, lib: Path) -> None:
    steps: list[IndexProgress] = []
    with open_index(tmp_path) as index:
        index.update([lib], progress=steps.append)
    assert steps == [
        IndexProgress(files_done=0, files_total=2, turns_done=0, current=lib / "a.txt"),
        IndexProgress(files_done=1, files_total=2, turns_done=3, current=lib / "sub" / "b.txt"),
        IndexProgress(files_done=2, files_total=2, turns_done=6, current=None),
    ]


def test_cancel_keeps_the_files_done_and_the_rest_comes_next_time(
    tmp_path: Path, lib: Path
) -> None:
    cancel = threading.Event()

    def stop_after_first(step: IndexProgress) -> None:
        if step.files_done == 1:
            cancel.set()

    with open_index(tmp_path) as index:
        report = index.update([lib], progress=stop_after_first, cancel=cancel)
        assert report.cancelled
        assert report.added == (lib / "a.txt",)
        assert report.summary().endswith("(cancelled: the rest was left for the next run)")
        assert index.turn_count == 3
        report = index.update([lib])
        assert report.added == (lib / "sub" / "b.txt",)
        assert report.unchanged == (lib / "a.txt",)


# ---------------------------------------------------------------- recovery


def _segment_files(index_dir: Path, suffix: str) -> list[Path]:
    return sorted((index_dir / STORE_NAME).glob(f"*{suffix}"))


def test_a_truncated_segment_file_is_detected_and_rebuilt(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])
    (postings,) = _segment_files(tmp_path / "index", ".pst")
    with postings.open("r+b") as handle:
        handle.truncate(postings.stat().st_size // 2)
    with open_index(tmp_path) as index:
        assert index.notice == (
            f"the index at {tmp_path / 'index'} was damaged (file {postings.name} has the "
            "wrong size); rebuilt it from its 2 source file(s)"
        )
        assert index.recovery is not None
        assert index.recovery.added == (lib / "a.txt", lib / "sub" / "b.txt")
        assert total(index, "fisheries") == 3
        assert index.turn_count == 6
        report = index.update([lib])
        assert report.rebuilt
        assert report.rebuilt_message == index.notice
        assert report.unchanged == (lib / "a.txt", lib / "sub" / "b.txt")
    with open_index(tmp_path) as index:
        assert index.notice is None


def test_a_garbled_segment_file_is_detected_and_rebuilt(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])
    index_dir = tmp_path / "index"
    # Same size, garbage content, and no manifest to compare sizes with.
    (terms,) = _segment_files(index_dir, ".trm")
    terms.write_bytes(b"\xff" * terms.stat().st_size)
    manifest = json.loads((index_dir / MANIFEST_NAME).read_text())
    manifest["files"] = {}
    (index_dir / MANIFEST_NAME).write_text(json.dumps(manifest))
    with open_index(tmp_path) as index:
        assert index.notice is not None
        assert "was damaged" in index.notice
        assert index.notice.endswith("rebuilt it from its 2 source file(s)")
        assert total(index, "railways") == 3


def test_an_older_schema_version_is_rebuilt(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])
    path = tmp_path / "index" / MANIFEST_NAME
    manifest = json.loads(path.read_text())
    manifest["schema_version"] = 0
    path.write_text(json.dumps(manifest))
    with open_index(tmp_path) as index:
        assert index.notice == (
            f"the index at {tmp_path / 'index'} was built by an older version of pressroom "
            "(schema 0); rebuilt it from its 2 source file(s)"
        )
        assert total(index, "fisheries") == 3
    assert json.loads(path.read_text())["schema_version"] >= 1


def test_an_index_with_other_fields_is_rebuilt(tmp_path: Path, lib: Path) -> None:
    from whoosh import fields
    from whoosh.index import create_in

    with open_index(tmp_path) as index:
        index.update([lib])
    store = tmp_path / "index" / STORE_NAME
    shutil.rmtree(store)
    store.mkdir()
    old = create_in(str(store), fields.Schema(text=fields.TEXT(stored=True)), indexname="turns")
    writer = old.writer()
    writer.add_document(text="an old document")
    writer.commit()
    with open_index(tmp_path) as index:
        assert index.notice is not None
        assert "built with different fields" in index.notice
        assert total(index, "fisheries") == 3


def test_a_damaged_index_without_a_manifest_starts_empty_and_says_so(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    (index_dir / STORE_NAME).mkdir(parents=True)
    (index_dir / STORE_NAME / "_turns_3.toc").write_bytes(b"garbage")
    (index_dir / MANIFEST_NAME).write_text("{not json")
    with LibraryIndex.open(index_dir) as index:
        assert index.notice == (
            f"the index at {index_dir} was unreadable (IndexError) and listed no sources; "
            "started a new empty one: run `pressroom index PATH` to fill it"
        )
        assert index.turn_count == 0


def test_a_lost_manifest_is_rebuilt_from_the_index(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])
    (tmp_path / "index" / MANIFEST_NAME).unlink()
    with open_index(tmp_path) as index:
        assert index.notice is None
        assert index.sources() == [lib / "a.txt", lib / "sub" / "b.txt"]
        report = index.update([lib])
        assert report.unchanged == (lib / "a.txt", lib / "sub" / "b.txt")
        assert not report.changed


def test_a_crash_between_commit_and_manifest_is_reconciled(tmp_path: Path, lib: Path) -> None:
    index_dir = tmp_path / "index"
    with LibraryIndex.open(index_dir) as index:
        index.update([lib / "a.txt"])
        stale = (index_dir / MANIFEST_NAME).read_bytes()
        index.update([lib])
    (index_dir / MANIFEST_NAME).write_bytes(stale)  # as if the last manifest write was lost
    with LibraryIndex.open(index_dir) as index:
        assert index.notice is None
        assert index.sources() == [lib / "a.txt", lib / "sub" / "b.txt"]
        assert index.update([lib]).unchanged == (lib / "a.txt", lib / "sub" / "b.txt")


CRASH_SCRIPT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from search_index.index import LibraryIndex

    def die(step):
        if step.files_done == 1:
            os._exit(3)  # killed mid-update, before commit

    index = LibraryIndex.open(Path(sys.argv[1]))
    index.update([Path(sys.argv[2])], progress=die)
    """
)


def test_a_crash_mid_update_leaves_the_index_as_it_was(tmp_path: Path, lib: Path) -> None:
    index_dir = tmp_path / "index"
    with LibraryIndex.open(index_dir) as index:
        index.update([lib / "a.txt"])
    briefing(lib / "a.txt", "fisheries", word="bold")
    done = subprocess.run(
        [sys.executable, "-c", CRASH_SCRIPT, str(index_dir), str(lib)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3, done.stderr
    with LibraryIndex.open(index_dir) as index:
        assert index.notice is None
        assert total(index, "detailed") == 1  # the old a.txt is still there, whole
        assert total(index, "railways") == 0
        report = index.update([lib])
        assert report.updated == (lib / "a.txt",)
        assert report.added == (lib / "sub" / "b.txt",)
        assert total(index, "bold") == 1


# ---------------------------------------------------------------- concurrency


def test_a_second_update_waits_for_the_first_or_gives_up(tmp_path: Path, lib: Path) -> None:
    index_dir = tmp_path / "index"
    first, second = LibraryIndex.open(index_dir), LibraryIndex.open(index_dir)
    inside, release = threading.Event(), threading.Event()

    def hold(step: IndexProgress) -> None:
        if step.files_done == 1:
            inside.set()
            release.wait(10)

    outcome: dict[str, object] = {}
    worker = threading.Thread(
        target=lambda: outcome.setdefault("report", first.update([lib], progress=hold))
    )
    worker.start()
    assert inside.wait(10)
    with pytest.raises(IndexUnavailableError) as caught:
        second.update([lib], lock_timeout=0.2)
    assert str(caught.value) == (
        f"another pressroom process is updating the index at {index_dir}; "
        "waited 0.2 s, try again when it is done"
    )
    waiter = threading.Thread(
        target=lambda: outcome.setdefault("waited", second.update([lib], lock_timeout=30))
    )
    waiter.start()
    release.set()
    worker.join(30)
    waiter.join(30)
    report = outcome["waited"]
    assert isinstance(report, IndexReport)
    assert report.unchanged == (lib / "a.txt", lib / "sub" / "b.txt")
    assert second.turn_count == 6
    first.close()
    second.close()


def test_two_index_processes_at_once_both_land(tmp_path: Path) -> None:
    libs = []
    for n in range(2):
        root = tmp_path / f"lib{n}"
        for i in range(6):
            briefing(root / f"f{i}.txt", f"topic{n} number{i}")
        libs.append(root)
    index_dir = tmp_path / "index"
    env = {**os.environ, "PRESSROOM_INDEX_DIR": str(index_dir)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tui", "index", str(root)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for root in libs
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outputs
    with LibraryIndex.open(index_dir) as index:
        assert index.notice is None
        assert index.turn_count == 36
        assert total(index, "topic0") == 18
        assert total(index, "topic1") == 18


# ---------------------------------------------------------------- opening


def test_opening_a_missing_index_without_create(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailableError) as caught:
        LibraryIndex.open(tmp_path / "none", create=False)
    assert str(caught.value) == (
        f"no index at {tmp_path / 'none'}: build one with `pressroom index PATH`"
    )


def test_an_index_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(IndexUnavailableError, match="is not a folder"):
        LibraryIndex.open(tmp_path / "file")


def test_default_index_dir_honours_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search_index.index import default_index_dir

    monkeypatch.setenv("PRESSROOM_INDEX_DIR", str(tmp_path / "elsewhere"))
    assert default_index_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("PRESSROOM_INDEX_DIR")
    assert default_index_dir().parts[-2:] == ("pressroom", "index")


def test_a_search_hit_by_a_concurrent_commit_is_retried(
    tmp_path: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "index"
    reader, writer = LibraryIndex.open(index_dir), LibraryIndex.open(index_dir)
    writer.update([lib])
    assert total(reader, "fisheries") == 3
    briefing(lib / "a.txt", "fisheries", word="bold")
    writer.update([lib])  # reader's searcher is now stale
    real_run = LibraryIndex._run
    calls: list[int] = []

    def flaky(self: LibraryIndex, *args: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            raise FileNotFoundError("segment file removed by a merge")
        return real_run(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(LibraryIndex, "_run", flaky)
    assert total(reader, "bold") == 1
    assert len(calls) == 2
    reader.close()
    writer.close()


def test_a_search_error_on_an_unchanged_index_is_reported_in_one_line(
    tmp_path: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])

        def broken(self: LibraryIndex, *args: object) -> object:
            raise EOFError("truncated")

        monkeypatch.setattr(LibraryIndex, "_run", broken)
        with pytest.raises(IndexUnavailableError) as caught:
            index.search("fisheries")
        # Every file still matches its checksum: a failure, not damage (no rebuild promised).
        assert str(caught.value) == (
            f"searching the index at {tmp_path / 'index'} failed (EOFError: truncated)"
        )


def test_or_totals_are_exact_when_one_side_cannot_reach_the_top(tmp_path: Path) -> None:
    # Strong "alpha" turns fill the top hits at once; weak "beta" turns never could. Whoosh's
    # default collector then drops the beta branch and undercounts; ours counts them all.
    turns = []
    for i in range(60):
        turns.append(f"Zhao Min:\n\nalpha alpha alpha alpha number{i}\n")
        turns.append(f"Reuters:\n\nbeta {'filler words go here ' * 30} number{i}\n")
    text = "Press briefing on letters\nBeijing | May 3, 2022\n\n" + "\n".join(turns)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "letters.txt").write_text(text, encoding="utf-8")
    with open_index(tmp_path) as index:
        index.update([tmp_path / "lib"])
        assert index.turn_count == 120
        results = index.search("alpha OR beta", limit=5)
        assert results.total == 120
        assert len(results.hits) == 5
        assert index.search("alpha OR beta", limit=200).total == 120


def test_a_copy_of_an_indexed_file_is_skipped_until_the_original_goes(
    tmp_path: Path, lib: Path
) -> None:
    shutil.copy(lib / "a.txt", lib / "z-copy.txt")
    with open_index(tmp_path) as index:
        report = index.update([lib])
        assert report.added == (lib / "a.txt", lib / "sub" / "b.txt")
        assert report.skipped == ((lib / "z-copy.txt", f"same content as {lib / 'a.txt'}"),)
        assert total(index, "fisheries") == 3
        again = index.update([lib])
        assert not again.changed
        assert again.skipped == report.skipped
        (lib / "a.txt").unlink()
        report = index.update([lib])
        assert report.removed == (lib / "a.txt",)
        assert report.added == (lib / "z-copy.txt",)
        assert total(index, "fisheries") == 3


def test_a_file_edited_into_a_copy_of_another_loses_its_turns(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])
        shutil.copy(lib / "a.txt", lib / "sub" / "b.txt")
        report = index.update([lib])
        assert report.removed == (lib / "sub" / "b.txt",)
        assert report.skipped == ((lib / "sub" / "b.txt", f"same content as {lib / 'a.txt'}"),)
        assert total(index, "railways") == 0
        assert index.turn_count == 3


def test_a_big_update_runs_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search_index.index.writing as writing

    monkeypatch.setattr(writing, "PARALLEL_FILES", 5)
    root = tmp_path / "lib"
    for i in range(12):
        briefing(root / f"f{i:02d}.txt", f"topic{i} shared")
    (root / "f05.txt").write_text("no speakers in here\n", encoding="utf-8")
    (root / "f07.txt").write_bytes(b"\x00\x01binary\x00")
    steps: list[IndexProgress] = []
    with open_index(tmp_path) as index:
        report = index.update([root], progress=steps.append)
        assert set(report.added) == {root / f"f{i:02d}.txt" for i in range(12)} - {
            root / "f05.txt",
            root / "f07.txt",
        }
        assert sorted(report.skipped) == [
            (
                root / "f05.txt",
                "no speaker turns found (expected lines such as 'Name:' before each turn)",
            ),
            (root / "f07.txt", "not a text file (binary data)"),
        ]
        assert report.turns_indexed == 30
        assert index.turn_count == 30
        assert total(index, "shared") == 30
        assert steps[-1].files_done == steps[-1].files_total == 12
        assert steps[-1].turns_done == 30
        assert [s.files_done for s in steps] == sorted(s.files_done for s in steps)
        # A change afterwards is a small update, done in-process.
        briefing(root / "f00.txt", "topic0 shared", word="bold")
        assert index.update([root]).updated == (root / "f00.txt",)
        assert total(index, "bold") == 1


def test_cancelling_a_big_update_keeps_what_the_workers_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search_index.index.writing as writing

    monkeypatch.setattr(writing, "PARALLEL_FILES", 5)
    monkeypatch.setattr(writing, "FILES_PER_JOB", 1)  # at most 8 jobs queue up at once
    root = tmp_path / "lib"
    for i in range(40):
        briefing(root / f"f{i:02d}.txt", f"topic{i}")
    cancel = threading.Event()

    def stop_early(step: IndexProgress) -> None:
        if step.files_done >= 1:
            cancel.set()

    with open_index(tmp_path) as index:
        report = index.update([root], progress=stop_early, cancel=cancel)
        assert report.cancelled
        # Whatever the workers had been handed is finished and kept; nothing is half-done.
        assert 1 <= len(report.added) < 40
        assert index.turn_count == 3 * len(report.added)
        rest = index.update([root])
        assert len(rest.added) == 40 - len(report.added)
        assert set(rest.unchanged) == set(report.added)
        assert index.turn_count == 120


# ---------------------------------------------------------------- drift


def test_hits_keep_their_snippets_after_an_incremental_update(tmp_path: Path, lib: Path) -> None:
    # Index one file, search; index a second file into the same index, search again.
    with open_index(tmp_path) as index:
        index.update([lib / "a.txt"])
        first = index.search("detailed")
        assert [hit.snippet != "" for hit in first.hits] == [True]
    with open_index(tmp_path) as index:
        index.update([lib / "sub" / "b.txt"])
        again = index.search("detailed")
        assert again.total == 2
        assert sorted(hit.snippet for hit in again.hits) == [
            "We are working hard on fisheries and will publish a detailed plan soon.",
            "We are working hard on railways and will publish a detailed plan soon.",
        ]
        assert all(hit.matches for hit in again.hits)


def test_a_file_replaced_by_a_folder_takes_its_turns_with_it(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])
        (lib / "a.txt").unlink()
        briefing(lib / "a.txt" / "inside.txt", "forestry")
        report = index.update([lib])
        assert report.removed == (lib / "a.txt",)
        assert report.added == (lib / "a.txt" / "inside.txt",)
        assert total(index, "fisheries") == 0
        assert total(index, "forestry") == 3
        assert index.sources() == [lib / "a.txt" / "inside.txt", lib / "sub" / "b.txt"]


def _overwrite_same_size(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(0, len(data), 7):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def test_update_finds_a_same_size_overwrite_and_rebuilds(tmp_path: Path, lib: Path) -> None:
    with open_index(tmp_path) as index:
        index.update([lib])
    (postings,) = _segment_files(tmp_path / "index", ".pst")
    _overwrite_same_size(postings)
    with open_index(tmp_path) as index:
        assert index.notice is None  # sizes match: opening cannot tell
        report = index.update([lib])
        assert report.rebuilt
        assert report.rebuilt_message == (
            f"the index at {tmp_path / 'index'} was damaged (file {postings.name} changed on "
            "disk); rebuilt it from its 2 source file(s)"
        )
        assert report.unchanged == (lib / "a.txt", lib / "sub" / "b.txt")
        assert total(index, "fisheries") == 3
        assert total(index, "railways") == 3
        assert not index.update([lib]).rebuilt


def test_a_search_that_meets_damage_says_so_and_the_next_opening_rebuilds(
    tmp_path: Path, lib: Path
) -> None:
    index_dir = tmp_path / "index"
    with open_index(tmp_path) as index:
        index.update([lib])
    (postings,) = _segment_files(index_dir, ".pst")
    _overwrite_same_size(postings)
    with open_index(tmp_path) as index, pytest.raises(IndexUnavailableError) as caught:
        for word in ("fisheries", "railways", "detailed", "plan", "ministry", "questions"):
            index.search(word)
    assert str(caught.value) == (
        f"the index at {index_dir} is damaged (file {postings.name} changed on disk): it is "
        "rebuilt the next time it is opened (run `pressroom index`)"
    )
    with open_index(tmp_path) as index:
        assert index.notice == (
            f"the index at {index_dir} was damaged (file {postings.name} changed on disk); "
            "rebuilt it from its 2 source file(s)"
        )
        assert total(index, "fisheries") == 3
    assert not (index_dir / "damaged").exists()


def test_a_damaged_index_without_its_manifest_is_rebuilt_from_its_own_source_list(
    tmp_path: Path, lib: Path
) -> None:
    index_dir = tmp_path / "index"
    with open_index(tmp_path) as index:
        index.update([lib])
    (index_dir / MANIFEST_NAME).unlink()
    (index_dir / "damaged").write_text("damaged (found by a search)\n")
    with open_index(tmp_path) as index:
        assert index.notice == (
            f"the index at {index_dir} was damaged (found by a search); "
            "rebuilt it from its 2 source file(s)"
        )
        assert index.turn_count == 6


# ---------------------------------------------------------------- a full disk


def store_listing(index_dir: Path) -> list[str]:
    """The store's files, but Whoosh's write lock (made again by each writer)."""
    return sorted(p.name for p in (index_dir / STORE_NAME).iterdir() if "WRITELOCK" not in p.name)


def test_a_full_disk_changes_nothing_and_leaves_no_partial_files(
    tmp_path: Path, lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from whoosh.filedb.structfile import StructFile

    index_dir = tmp_path / "index"
    with open_index(tmp_path) as index:
        index.update([lib / "a.txt"])
    before = store_listing(index_dir)
    real_write = StructFile.write
    written = [0]

    def fills_up(self: StructFile, data: bytes) -> object:
        written[0] += len(data)
        if written[0] > 2_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(StructFile, "write", fills_up)
    for n in range(6):
        briefing(lib / f"more{n}.txt", f"topic{n}")
    with open_index(tmp_path) as index:
        with pytest.raises(IndexUnavailableError) as caught:
            index.update([lib])
        assert str(caught.value) == (
            f"no space left on the disk of the index at {index_dir}: nothing was changed; "
            "free some space and run `pressroom index` again"
        )
        assert store_listing(index_dir) == before
        assert index.turn_count == 3
        monkeypatch.setattr(StructFile, "write", real_write)  # space freed
        report = index.update([lib])
        assert len(report.added) == 7
        assert index.turn_count == 24


def test_what_a_killed_update_left_is_cleaned_up_by_the_next(tmp_path: Path, lib: Path) -> None:
    index_dir = tmp_path / "index"
    with open_index(tmp_path) as index:
        index.update([lib])
    store = index_dir / STORE_NAME
    live = store_listing(index_dir)
    (store / "turns_0123456789abcdef.pst").write_bytes(b"half a segment")
    (store / "turns_0123456789abcdef._text_len.col").write_bytes(b"x")
    (store / "turns.tmp").mkdir()
    (store / "turns.tmp" / "run1.tmp").write_bytes(b"sort run")
    (index_dir / ".manifest-abc.tmp").write_bytes(b"{")
    (store / "notes-of-mine.txt").write_text("not pressroom's: stays")
    with open_index(tmp_path) as index:
        assert not index.update([lib]).changed
    assert store_listing(index_dir) == sorted([*live, "notes-of-mine.txt"])
    assert not (index_dir / ".manifest-abc.tmp").exists()
