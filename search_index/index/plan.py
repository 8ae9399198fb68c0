"""The update plan: which sources are unchanged, changed, copies of another, or gone.

Pure bookkeeping over the manifest and the files themselves (their stat and content hash):
no Whoosh here. `plan_update` says what an update must do; `writing.py` does it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from search_index.index.manifest import Manifest, SourceEntry, file_digest, stat_holds
from search_index.library import SAME_CONTENT, gather_sources
from search_index.parser.decoding import special_file_reason, unreadable_reason


@dataclass(frozen=True)
class Work:
    """A file to (re-)index: its place in the plan, key, path, content hash and stat."""

    order: int
    key: str
    path: Path
    digest: str
    size: int
    mtime_ns: int
    entry: SourceEntry | None

    @property
    def was_indexed(self) -> bool:
        """Whether the index holds turns of an earlier version of the file."""
        return self.entry is not None and self.entry.skipped is None


@dataclass
class UpdatePlan:
    """What an update must do, and the manifest as it stands before the work is done."""

    manifest: Manifest
    work: list[Work] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    #: Sources whose turns must go before anything is added (gone, copies, changed).
    deletions: list[str] = field(default_factory=list)
    #: When the plan began, before any file was looked at (ns): the `seen_ns` of the
    #: sizes and times it records.
    seen_ns: int = field(default_factory=time.time_ns)

    @property
    def writes(self) -> bool:
        """Whether the index itself changes (else at most the manifest does)."""
        return bool(self.work or self.deletions)


def absolute(path: Path) -> Path:
    """`path` made absolute without resolving links: the key a source is known by."""
    return Path(os.path.abspath(path))


def plan_update(manifest: Manifest, paths: Sequence[Path]) -> UpdatePlan:
    """Compare the files under `paths`, and every source the manifest knows, with it.

    Unchanged files cost a stat(); a file whose size or time changed, or was written too
    shortly before they were last taken to vouch for it (`stat_holds`), is hashed and
    only re-indexed if its content did. A file with the content of another indexed file is a
    copy: skipped, and its own turns (if any) go.
    """
    plan = UpdatePlan(manifest.model_copy(deep=True))
    found, missing = gather_sources(paths)
    for path in paths:
        key = str(absolute(path))
        if key not in plan.manifest.roots and path.exists():
            plan.manifest.roots.append(key)
    plan.skipped.extend((path, "no such file or folder") for path in missing)
    candidates = {str(absolute(p)): absolute(p) for p in found}
    for src in plan.manifest.sources:
        candidates.setdefault(src, Path(src))
    # Which source holds each indexed content: a second copy of a file is not indexed.
    owners = {
        entry.hash: src
        for src, entry in plan.manifest.sources.items()
        if entry.skipped is None and entry.hash is not None
    }
    stale: list[Path] = []  # copies whose turns go, though the file stays
    for key, path in candidates.items():
        _plan_one(plan, owners, stale, key, path)
    plan.removed.extend(stale)
    return plan


def _plan_one(
    plan: UpdatePlan,
    owners: dict[str, str],
    stale: list[Path],
    key: str,
    path: Path,
) -> None:
    manifest = plan.manifest
    entry = manifest.sources.get(key)
    stat, problem = _regular_file(path)
    if stat is None:
        # Gone, or no file to read any more (a folder in its place, a broken link): what
        # was indexed of it goes; what is still there is listed with the reason.
        if entry is not None:
            _forget(plan, key, path)
        if problem is not None:
            plan.skipped.append((path, problem))
        return
    duplicate = entry is not None and (entry.skipped or "").startswith(SAME_CONTENT)
    if entry is not None and not duplicate and stat_holds(entry, stat.st_size, stat.st_mtime_ns):
        _keep(plan, path, entry)
        return
    try:
        digest = file_digest(path)
    except OSError as error:
        plan.skipped.append((path, f"cannot be read ({error.strerror})"))
        if entry is not None:  # what cannot be read is not searchable either
            _forget(plan, key, path)
        return
    if entry is not None and entry.hash == digest and not duplicate:
        manifest.sources[key] = entry.model_copy(
            update={"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "seen_ns": plan.seen_ns}
        )
        _keep(plan, path, entry)
        return
    owner = owners.get(digest)
    if owner is not None and owner != key and Path(owner).exists():
        reason = f"{SAME_CONTENT}{owner}"
        plan.skipped.append((path, reason))
        if entry is not None and entry.skipped is None:
            plan.deletions.append(key)
            stale.append(path)
        manifest.sources[key] = SourceEntry(
            hash=digest,
            size=stat.st_size,
            mtime_ns=stat.st_mtime_ns,
            seen_ns=plan.seen_ns,
            skipped=reason,
        )
        return
    owners[digest] = key
    work = Work(len(plan.work), key, path, digest, stat.st_size, stat.st_mtime_ns, entry)
    if work.was_indexed:
        plan.deletions.append(key)  # a changed file's old turns go; its new ones come
    plan.work.append(work)


def _regular_file(path: Path) -> tuple[os.stat_result | None, str | None]:
    """The stat of `path` if it is a regular file (links followed); else why it is not."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return None, "a broken link (nothing is at the path it points to)"
        return None, None
    except OSError as error:
        return None, unreadable_reason(error)
    if S_ISREG(stat.st_mode):
        return stat, None
    # None for a folder in a file's place: its files are found by the walk.
    return None, special_file_reason(stat.st_mode)


def _forget(plan: UpdatePlan, key: str, path: Path) -> None:
    plan.removed.append(path)
    gone = plan.manifest.sources.pop(key)
    if gone.skipped is None:
        plan.deletions.append(key)


def _keep(plan: UpdatePlan, path: Path, entry: SourceEntry) -> None:
    if entry.skipped is not None:
        plan.skipped.append((path, entry.skipped))
    else:
        plan.unchanged.append(path)
