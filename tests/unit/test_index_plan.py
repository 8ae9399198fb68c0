"""The update plan, without Whoosh: what an update must do, given the manifest and the files."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from search_index.index.manifest import Manifest, SourceEntry, file_digest
from search_index.index.plan import plan_update
from search_index.library import SAME_CONTENT


def entry_of(path: Path, **changes: object) -> SourceEntry:
    stat = path.stat()
    fields: dict[str, object] = {
        "hash": file_digest(path),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "turns": 3,
    }
    fields.update(changes)
    return SourceEntry.model_validate(fields)


def manifest_of(*entries: tuple[Path, SourceEntry]) -> Manifest:
    return Manifest(schema_version=1, sources={str(p): e for p, e in entries})


def test_new_files_are_work_and_join_the_roots(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A:\n\none\n")
    (tmp_path / "b.md").write_text("B:\n\ntwo\n")
    plan = plan_update(manifest_of(), [tmp_path, tmp_path / "missing"])
    assert [(w.order, w.path.name, w.was_indexed) for w in plan.work] == [
        (0, "a.txt", False),
        (1, "b.md", False),
    ]
    assert plan.work[0].digest == hashlib.sha256(b"A:\n\none\n").hexdigest()
    assert plan.skipped == [(tmp_path / "missing", "no such file or folder")]
    assert plan.manifest.roots == [str(tmp_path)]
    assert plan.deletions == []
    assert plan.writes


def test_unchanged_touched_changed_and_removed(tmp_path: Path) -> None:
    same, touched, changed, gone = (tmp_path / f"{n}.txt" for n in "stcg")
    for path in (same, touched, changed, gone):
        path.write_text(f"{path.stem}:\n\ntext\n")
    manifest = manifest_of(*((p, entry_of(p)) for p in (same, touched, changed, gone)))
    os.utime(touched, ns=(1, 1))
    changed.write_text("c:\n\nnew text\n")
    gone.unlink()
    plan = plan_update(manifest, [tmp_path])
    assert plan.unchanged == [same, touched]
    assert [w.path for w in plan.work] == [changed]
    assert plan.work[0].was_indexed
    assert plan.removed == [gone]
    assert plan.deletions == [str(changed), str(gone)]
    # The touched file's new time is remembered, so it is not hashed again.
    assert plan.manifest.sources[str(touched)].mtime_ns == 1
    assert str(gone) not in plan.manifest.sources
    # The input manifest is left alone.
    assert str(gone) in manifest.sources


def test_a_copy_is_skipped_and_an_indexed_copy_loses_its_turns(tmp_path: Path) -> None:
    original, copy = tmp_path / "a.txt", tmp_path / "b.txt"
    original.write_text("A:\n\nsame\n")
    copy.write_text("B:\n\nother\n")
    manifest = manifest_of((original, entry_of(original)), (copy, entry_of(copy)))
    copy.write_text("A:\n\nsame\n")
    plan = plan_update(manifest, [tmp_path])
    assert plan.unchanged == [original]
    assert plan.skipped == [(copy, f"{SAME_CONTENT}{original}")]
    assert plan.removed == [copy]
    assert plan.deletions == [str(copy)]
    assert plan.work == []


def test_nothing_to_do_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A:\n\none\n")
    plan = plan_update(manifest_of((tmp_path / "a.txt", entry_of(tmp_path / "a.txt"))), [])
    assert plan.unchanged == [tmp_path / "a.txt"]
    assert not plan.writes


def test_planning_does_not_load_whoosh(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A:\n\none\n")
    code = (
        "import sys; from pathlib import Path; "
        "from search_index.index.manifest import Manifest; "
        "from search_index.index.plan import plan_update; "
        f"plan = plan_update(Manifest(schema_version=1), [Path({str(tmp_path)!r})]); "
        "print(len(plan.work), sorted(m for m in sys.modules if m.startswith('whoosh')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1 []"


def test_a_file_replaced_by_a_folder_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A:\n\none\n")
    manifest = manifest_of((path, entry_of(path)))
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("B:\n\ntwo\n")
    plan = plan_update(manifest, [tmp_path])
    assert plan.removed == [path]
    assert plan.deletions == [str(path)]
    assert plan.skipped == []
    assert [w.path for w in plan.work] == [path / "inside.txt"]
    assert str(path) not in plan.manifest.sources


def test_an_indexed_file_that_cannot_be_read_any_more_loses_its_turns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search_index.index.plan as plan_module

    path = tmp_path / "a.txt"
    path.write_text("A:\n\none\n")
    manifest = manifest_of((path, entry_of(path)))
    path.write_text("A:\n\nchanged\n")

    def unreadable(target: Path) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(plan_module, "file_digest", unreadable)
    plan = plan_update(manifest, [tmp_path])
    assert plan.skipped == [(path, "cannot be read (Permission denied)")]
    assert plan.removed == [path]
    assert plan.deletions == [str(path)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX links and pipes")
def test_broken_links_and_pipes_are_listed_not_read(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    plan = plan_update(manifest_of(), [tmp_path])
    assert plan.skipped == [
        (tmp_path / "dangling.txt", "a broken link (nothing is at the path it points to)"),
        (tmp_path / "pipe.txt", "not a regular file (a named pipe); only files are read"),
        (tmp_path / "zero.txt", "not a regular file (a character device); only files are read"),
    ]
    assert plan.work == []
