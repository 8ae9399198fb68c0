"""Opening the Whoosh index of an index folder: checking it, creating it, reconciling it.

`open_checked` says whether the folder holds a usable index (`Fresh`: none yet;
`Damaged`: one that must be rebuilt, with a phrase saying why); `create_index` starts an
empty one. The manifest is reconciled with the index on the way: the index rules.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any

from search_index.index.folder import (
    INDEX_NAME,
    STORE_NAME,
    clear_damage_mark,
    clear_store,
    damage_mark,
    file_checksum,
    store_checksums,
    store_files,
    store_stamps,
)
from search_index.index.manifest import (
    RACY_NS,
    Manifest,
    ManifestError,
    SourceEntry,
    load_manifest,
    save_manifest,
    settled,
)


class Damaged(Exception):
    """The index cannot be used as it is: carries a phrase saying why."""


class Fresh(Exception):
    """There is no index yet."""


def schema_version() -> int:
    """The version of the schema this code builds."""
    from search_index.index.schema import SCHEMA_VERSION

    return SCHEMA_VERSION


def create_index(index_dir: Path, manifest: Manifest) -> tuple[Any, Manifest]:
    """A new empty index (replacing the one in the store folder) and its manifest.

    The manifest is written first: it marks the folder as pressroom's (folder.py). Of the
    store folder's files, only the old index's are deleted.
    """
    from whoosh.index import create_in

    from search_index.index.schema import build_schema

    save_manifest(
        index_dir, manifest.model_copy(update={"generation": -1, "files": {}, "checksums": {}})
    )
    clear_store(index_dir)
    store = index_dir / STORE_NAME
    store.mkdir(parents=True, exist_ok=True)
    ix = create_in(str(store), build_schema(), indexname=INDEX_NAME)
    manifest = manifest.model_copy(deep=True)
    record_store(index_dir, manifest, ix.latest_generation())
    save_manifest(index_dir, manifest)
    clear_damage_mark(index_dir)
    return ix, manifest


def record_store(index_dir: Path, manifest: Manifest, generation: int) -> None:
    """Note the generation and each store file's size, checksum and stamp in `manifest`."""
    manifest.generation = generation
    manifest.files = store_files(index_dir)
    manifest.checksums = store_checksums(index_dir, manifest.files, manifest.checksums)
    stamps = store_stamps(index_dir, manifest.files)
    # Wait out the clock's tick of the newest write (at most RACY_NS), so that the next
    # check can trust every stamp.
    newest = max((mtime for _size, mtime in stamps.values()), default=0)
    if newest % 1_000_000_000:
        time.sleep(max(0, newest + RACY_NS - time.time_ns()) / 1e9)
    manifest.stamped_ns = time.time_ns()
    manifest.stamps = store_stamps(index_dir, manifest.files)


def _stamp_holds(manifest: Manifest, name: str, stat: os.stat_result) -> bool:
    """Whether the file is as it was when its checksum was last found right."""
    stamp = manifest.stamps.get(name)
    if stamp is None or tuple(stamp) != (stat.st_size, stat.st_mtime_ns):
        return False
    return settled(stat.st_mtime_ns, manifest.stamped_ns)


def live_segments(ix: Any) -> set[str]:
    """The ids of the segments the index's current table of contents lists."""
    return {segment.segment_id() for segment in ix._segments()}


def verify_store(index_dir: Path, manifest: Manifest, full: bool = False) -> bool:
    """Compare every store file with the checksum the manifest recorded for it: Damaged if
    one is missing or changed (a same-size overwrite, say).

    A file whose size and modification time are still those stamped when its checksum was
    last found right is not read again (an overwrite changes the time), unless `full`.
    Returns whether the stamps are worth renewing: some file had to be read, and was right.
    """
    store = index_dir / STORE_NAME
    read = False
    for name, expected in sorted(manifest.checksums.items()):
        try:
            stat = os.stat(store / name)
            if not full and _stamp_holds(manifest, name, stat):
                continue
            found = file_checksum(store / name)
        except FileNotFoundError:
            raise Damaged(f"damaged (file {name} is missing)") from None
        except OSError as error:
            raise Damaged(f"damaged (file {name} cannot be read: {error.strerror})") from None
        if found != expected:
            raise Damaged(f"damaged (file {name} changed on disk)")
        read = True
    return read


def renew_stamps(index_dir: Path, manifest: Manifest, since_ns: int) -> None:
    """Stamp the store files anew after `verify_store` found them right (`since_ns`: when
    it started, so that a write while it read is not taken for the checked content)."""
    stamps = store_stamps(index_dir, manifest.checksums)
    # A file whose time moved past the start of the check was written meanwhile: unstamped.
    manifest.stamps = {name: s for name, s in stamps.items() if s[1] <= since_ns}
    manifest.stamped_ns = since_ns


def open_checked(index_dir: Path) -> tuple[Any, Manifest]:
    """Open the index and check it can be used: Fresh if none, Damaged if not usable."""
    from whoosh.index import EmptyIndexError, exists_in, open_dir

    from search_index.index.schema import build_schema, schema_signature

    store = index_dir / STORE_NAME
    marked = damage_mark(index_dir)
    if marked is not None:
        raise Damaged(marked)
    try:
        manifest: Manifest | None = load_manifest(index_dir)
        manifest_problem = None
    except ManifestError as error:
        manifest, manifest_problem = None, str(error)
    try:
        present = store.is_dir() and exists_in(str(store), indexname=INDEX_NAME)
    except Exception as error:
        raise Damaged(f"unreadable ({type(error).__name__})") from None
    if not present:
        if manifest is None and manifest_problem is None:
            raise Fresh()
        raise Damaged("missing its data files")
    version = schema_version()
    if manifest is not None and manifest.schema_version != version:
        older = "an older" if manifest.schema_version < version else "a newer"
        raise Damaged(f"built by {older} version of pressroom (schema {manifest.schema_version})")
    try:
        ix = open_dir(str(store), indexname=INDEX_NAME)
    except EmptyIndexError:
        raise Damaged("missing its table of contents") from None
    except Exception as error:
        raise Damaged(f"unreadable ({type(error).__name__})") from None
    if schema_signature(ix.schema) != schema_signature(build_schema()):
        raise Damaged("built with different fields (an older version of pressroom)")
    generation = ix.latest_generation()
    if manifest is not None and manifest.generation == generation:
        _check_sizes(index_dir, manifest)
    _check_readable(ix)
    if manifest is None or manifest.generation != generation:
        # Crash between commit and manifest write, or a lost manifest: the index rules.
        manifest = manifest_from_index(ix, manifest)
        record_store(index_dir, manifest, generation)
        with contextlib.suppress(OSError):
            save_manifest(index_dir, manifest)
    return ix, manifest


def _check_sizes(index_dir: Path, manifest: Manifest) -> None:
    on_disk = store_files(index_dir)
    for name, size in manifest.files.items():
        if name.endswith(".toc") or name.endswith("LOCK"):
            continue
        if name not in on_disk:
            raise Damaged(f"damaged (file {name} is missing)")
        if on_disk[name] != size:
            raise Damaged(f"damaged (file {name} has the wrong size)")


def _check_readable(ix: Any) -> None:
    """Read the first and last documents and the source list: Damaged if they fail."""
    try:
        with ix.searcher() as searcher:
            count = searcher.doc_count_all()
            if count:
                searcher.stored_fields(0)
                searcher.stored_fields(count - 1)
            list(searcher.lexicon("source_state"))
    except Exception as error:
        raise Damaged(f"damaged ({type(error).__name__})") from None


def surviving_manifest(index_dir: Path) -> Manifest | None:
    """What can still be known of a damaged index's sources: its manifest, or else the
    source list in whatever of the index can still be read (None if nothing can)."""
    from whoosh.index import open_dir

    try:
        manifest = load_manifest(index_dir)
    except ManifestError:
        manifest = None
    if manifest is not None:
        return manifest
    try:
        ix = open_dir(str(index_dir / STORE_NAME), indexname=INDEX_NAME)
        return manifest_from_index(ix, None)
    except Exception:  # damaged beyond reading: nothing survives
        return None


def manifest_from_index(ix: Any, old: Manifest | None) -> Manifest:
    """The manifest as the index's lexicon tells it; old entries it lacks become pending."""
    sources: dict[str, SourceEntry] = {}
    with ix.searcher() as searcher:
        for raw in searcher.lexicon("source_state"):
            text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
            digest, _, src = text.partition("\t")
            before = old.sources.get(src) if old else None
            if before is not None and before.hash == digest:
                sources[src] = before
            else:
                sources[src] = SourceEntry(hash=digest)
    if old is not None:
        for src, entry in old.sources.items():
            if src not in sources:
                # Known but not in the index: skipped files stay as they were; files
                # that should be there are redone by the next update.
                sources[src] = entry if entry.skipped else SourceEntry(hash=None)
    return Manifest(
        schema_version=schema_version(),
        generation=ix.latest_generation(),
        roots=old.roots if old else [],
        sources=sources,
    )
