"""The index folder: what pressroom keeps in it, and the rule that it touches nothing else.

    <index folder>/
        manifest.json           which sources the index holds (manifest.py); written first,
                                it marks the folder as pressroom's
        update.lock             held for the whole of an update (lock.py)
        whoosh/                 Whoosh's files of the index named "turns"
        parsed/                 each indexed transcript parsed, with its figures, by
                                content hash (parsed.py)
        piped/                  transcripts read from standard input (library.py)
        damaged                 left by a search that found the index damaged

pressroom writes only into a folder that is new, empty or already its own (`claim`), and
deletes only the files Whoosh writes for the "turns" index (`clear_store`, `clean_store`) and
its own entries in `parsed/` (`ParsedStore.prune`: the contents the index no longer holds,
and entries left half-written).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import zlib
from collections.abc import Iterable
from pathlib import Path

from search_index.errors import IndexUnavailableError
from search_index.index.lock import LOCK_NAME, TAKEOVER_NAME
from search_index.index.manifest import MANIFEST_NAME

#: Sub-folder of the index directory holding Whoosh's files.
STORE_NAME = "whoosh"
#: The name of the index inside the store (Whoosh allows several per folder).
INDEX_NAME = "turns"
#: Left by a search that found the index damaged: the next opening rebuilds it.
DAMAGE_NAME = "damaged"
#: Sub-folder of the parsed transcripts: `<content sha256>.parsed` files (parsed.py), and
#: the temporary names they are written under.
PARSED_NAME = "parsed"
PARSED_ENTRY = re.compile(r"^([0-9a-f]{64})\.parsed$")
PARSED_TEMPORARY = re.compile(r"^\.[0-9a-f]{64}\.[A-Za-z0-9_]+\.tmp$")
#: What pressroom itself puts at the top of an index folder.
OWN_NAMES = frozenset(
    {MANIFEST_NAME, LOCK_NAME, TAKEOVER_NAME, STORE_NAME, "piped", DAMAGE_NAME, PARSED_NAME}
)
_OWN_TEMPORARY = re.compile(r"^\.manifest-.*\.tmp$")
#: Whoosh's names for the files of the "turns" index: tables of contents, segment files,
#: its write lock and its folder of temporary files.
_TOC = re.compile(rf"^_{INDEX_NAME}_([0-9]+)\.toc$")
_SEGMENT = re.compile(rf"^({INDEX_NAME}_[0-9a-z]+)\.[A-Za-z0-9_.]+$")
_WHOOSH_OTHER = frozenset({f"{INDEX_NAME}_WRITELOCK", f"{INDEX_NAME}.tmp"})


def is_whoosh_file(name: str) -> bool:
    """Whether `name` is one Whoosh gives a file of the "turns" index."""
    return bool(_TOC.match(name) or _SEGMENT.match(name)) or name in _WHOOSH_OTHER


def claim(index_dir: Path, create: bool = True) -> None:
    """Make sure pressroom may write in `index_dir`, creating it if need be (and `create`).

    A new or empty folder becomes pressroom's; one holding a manifest or a Whoosh index of
    pressroom's is already; any other folder is refused with IndexUnavailableError, so that
    nothing pressroom did not create is ever overwritten or deleted.
    """
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexUnavailableError(f"{index_dir} is not a folder")
    if index_dir.is_dir() and not is_own(index_dir):
        raise IndexUnavailableError(
            f"{index_dir} is not empty and is not a pressroom index folder: pressroom will "
            "not write into it; give a new or empty folder (--index-dir)"
        )
    if not create:
        return
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise IndexUnavailableError(
            f"cannot create the index folder {index_dir}: {error.strerror}"
        ) from None


def is_own(index_dir: Path) -> bool:
    """Whether `index_dir` is pressroom's: it holds a manifest, a pressroom Whoosh index,
    or nothing but names pressroom gives (an empty folder among them)."""
    try:
        names = os.listdir(index_dir)
    except OSError:
        return False
    if MANIFEST_NAME in names:
        return True
    store = index_dir / STORE_NAME
    try:
        stored = os.listdir(store) if store.is_dir() else []
    except OSError:
        stored = []
    if any(_TOC.match(name) for name in stored):
        return True
    return (
        all(name in OWN_NAMES or _OWN_TEMPORARY.match(name) for name in names)
        and all(is_whoosh_file(name) for name in stored)
        and all(
            PARSED_ENTRY.match(name) or PARSED_TEMPORARY.match(name)
            for name in _listed(index_dir / PARSED_NAME)
        )
    )


def _listed(folder: Path) -> list[str]:
    try:
        return os.listdir(folder) if folder.is_dir() else []
    except OSError:
        return []


def store_files(index_dir: Path) -> dict[str, int]:
    """The size of each of Whoosh's data files, by name."""
    store = index_dir / STORE_NAME
    return {
        entry.name: entry.stat().st_size
        for entry in sorted(store.iterdir(), key=lambda e: e.name)
        if entry.is_file() and is_whoosh_file(entry.name) and not entry.name.endswith("LOCK")
    }


def file_checksum(path: Path) -> int:
    """The CRC-32 of a file's content (read in pieces)."""
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def store_checksums(index_dir: Path, names: Iterable[str], known: dict[str, int]) -> dict[str, int]:
    """The CRC-32 of each named store file; Whoosh never rewrites a file under the same
    name, so a checksum in `known` is taken as it is."""
    store = index_dir / STORE_NAME
    return {name: known[name] if name in known else file_checksum(store / name) for name in names}


def store_stamps(index_dir: Path, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    """The size and modification time (ns) of each named store file that is there."""
    store = index_dir / STORE_NAME
    stamps: dict[str, tuple[int, int]] = {}
    for name in names:
        with contextlib.suppress(OSError):
            stat = os.stat(store / name)
            stamps[name] = (stat.st_size, stat.st_mtime_ns)
    return stamps


def mark_damaged(index_dir: Path, why: str) -> None:
    """Leave word that the index is damaged, so that the next opening rebuilds it."""
    with contextlib.suppress(OSError):  # a read-only folder: the next update finds it
        (index_dir / DAMAGE_NAME).write_text(why + "\n", encoding="utf-8")


def damage_mark(index_dir: Path) -> str | None:
    """What `mark_damaged` left, if anything."""
    try:
        return (index_dir / DAMAGE_NAME).read_text(encoding="utf-8").strip() or "damaged"
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return "damaged"


def clear_damage_mark(index_dir: Path) -> None:
    """Forget the damage (the index was rebuilt)."""
    with contextlib.suppress(FileNotFoundError):
        (index_dir / DAMAGE_NAME).unlink()


def clear_store(index_dir: Path) -> None:
    """Delete every file of the "turns" index (and nothing else) from the store folder."""
    store = index_dir / STORE_NAME
    if not store.is_dir():
        return
    for name in os.listdir(store):
        if is_whoosh_file(name):
            _delete(store / name)


def clean_store(index_dir: Path, live: set[str]) -> list[str]:
    """Delete what an interrupted update left: segment files of no segment in `live` (the
    current table of contents), older tables of contents, Whoosh's temporary folder and
    write lock, half-written manifests. Returns the names deleted. Call only while holding
    the update lock (no other writer can be at work then)."""
    store = index_dir / STORE_NAME
    deleted: list[str] = []
    with contextlib.suppress(OSError):
        for name in os.listdir(index_dir):
            if _OWN_TEMPORARY.match(name) and _delete(index_dir / name):
                deleted.append(name)
    if not store.is_dir():
        return deleted
    tocs = sorted((int(m.group(1)), name) for name in os.listdir(store) if (m := _TOC.match(name)))
    latest = tocs[-1][1] if tocs else None
    for name in sorted(os.listdir(store)):
        segment = _SEGMENT.match(name)
        stale = (
            (segment is not None and segment.group(1) not in live)
            or (_TOC.match(name) is not None and name != latest)
            or name in _WHOOSH_OTHER
        )
        if stale and _delete(store / name):
            deleted.append(name)
    return deleted


def _delete(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        return False
    except OSError:  # open elsewhere (Windows) or read-only: left for next time
        return False
    return True
