"""The routine check of the index's files: a stat each while their size and time are those
stamped when their checksums were last found right; a full read when not, or when asked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from search_index.index import LibraryIndex
from search_index.index import opening as opening_module
from search_index.index.folder import STORE_NAME
from search_index.index.manifest import load_manifest
from search_index.index.opening import Damaged, verify_store

BRIEFING = """\
Press briefing on {topic}
Beijing | May 3, 2022

Zhao Min:

Good afternoon. Questions on {topic}, please.

Reuters:

What is the ministry doing about {topic}?

Lin Qiao:

We are working hard on {topic} and will publish a plan soon.
"""


@pytest.fixture()
def index_dir(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir()
    for topic in ("fisheries", "railways"):
        (lib / f"{topic}.txt").write_text(BRIEFING.format(topic=topic), encoding="utf-8")
    where = tmp_path / "index"
    with LibraryIndex.open(where) as index:
        index.update([lib])
    return where


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The store files read in full from now on."""
    read: list[str] = []
    real = opening_module.file_checksum

    def counted(path: Path) -> int:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(opening_module, "file_checksum", counted)
    return read


def age(index_dir: Path, seconds: int = 60) -> None:
    """Make every store file look written `seconds` ago (as after a while)."""
    for file in (index_dir / STORE_NAME).iterdir():
        stat = file.stat()
        os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 1_000_000_000))


def test_an_unchanged_index_is_checked_by_stat_alone_once_stamped(
    index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(index_dir)  # its files' times moved: the next check reads them, then stamps them
    read = reads(monkeypatch)
    with LibraryIndex.open(index_dir) as index:
        index.update([])
    manifest = load_manifest(index_dir)
    assert manifest is not None
    assert sorted(read) == sorted(manifest.checksums)
    assert sorted(manifest.stamps) == sorted(manifest.checksums)
    read.clear()
    with LibraryIndex.open(index_dir) as index:
        assert not index.update([]).changed
    assert read == []


def test_a_same_size_overwrite_changes_the_time_and_is_read_and_found(
    index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(index_dir)
    with LibraryIndex.open(index_dir) as index:
        index.update([])
    manifest = load_manifest(index_dir)
    assert manifest is not None
    assert verify_store(index_dir, manifest) is False  # all stamped: nothing read
    (postings,) = (index_dir / STORE_NAME).glob("*.pst")
    data = bytearray(postings.read_bytes())
    data[len(data) // 2] ^= 0x5A
    postings.write_bytes(bytes(data))
    with pytest.raises(Damaged, match=f"file {postings.name} changed on disk"):
        verify_store(index_dir, manifest)


def test_an_overwrite_that_keeps_the_time_is_found_by_a_full_check(index_dir: Path) -> None:
    age(index_dir)
    with LibraryIndex.open(index_dir) as index:
        index.update([])
    manifest = load_manifest(index_dir)
    assert manifest is not None
    (postings,) = (index_dir / STORE_NAME).glob("*.pst")
    stat = postings.stat()
    data = bytearray(postings.read_bytes())
    data[len(data) // 2] ^= 0x5A
    postings.write_bytes(bytes(data))
    os.utime(postings, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert verify_store(index_dir, manifest) is False  # the stamp holds: not read
    with pytest.raises(Damaged, match="changed on disk"):
        verify_store(index_dir, manifest, full=True)


def test_a_file_written_just_before_its_stamp_is_read_again(index_dir: Path) -> None:
    manifest = load_manifest(index_dir)
    assert manifest is not None
    name = sorted(manifest.checksums)[0]
    size, mtime = manifest.stamps[name]
    # Stamped within the clock's tick of its last write: a write in the same tick after
    # the stamp would keep the time, so the stamp is not trusted.
    tick = opening_module.RACY_NS
    assert verify_store(index_dir, manifest.model_copy(update={"stamped_ns": mtime + tick - 1}))
    latest = max(stamp[1] for stamp in manifest.stamps.values())
    assert not verify_store(index_dir, manifest.model_copy(update={"stamped_ns": latest + tick}))
    # A file system that keeps whole seconds gets two seconds of margin.
    file = index_dir / STORE_NAME / name
    whole = mtime - mtime % 1_000_000_000
    os.utime(file, ns=(whole, whole))
    coarse = manifest.model_copy(update={"stamps": {**manifest.stamps, name: (size, whole)}})
    second = 1_000_000_000
    assert verify_store(index_dir, coarse.model_copy(update={"stamped_ns": whole + second}))
    assert not verify_store(
        index_dir, coarse.model_copy(update={"stamped_ns": max(latest + tick, whole + 2 * second)})
    )
