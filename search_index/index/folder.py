"""The index folder: what pressroom keeps in it, and under which names.

<index folder>/
    manifest.json   which sources the index holds (manifest.py)
    update.lock     held for the whole of an update (lock.py)
    whoosh/         Whoosh's files of the index named "turns"
    piped/          transcripts read from standard input (library.py)
"""

from __future__ import annotations

from pathlib import Path

#: Sub-folder of the index directory holding Whoosh's files.
STORE_NAME = "whoosh"
#: The name of the index inside the store (Whoosh allows several per folder).
INDEX_NAME = "turns"


def store_files(index_dir: Path) -> dict[str, int]:
    """The size of each of Whoosh's data files, by name."""
    store = index_dir / STORE_NAME
    return {
        entry.name: entry.stat().st_size
        for entry in sorted(store.iterdir(), key=lambda e: e.name)
        if entry.is_file() and not entry.name.endswith("LOCK") and not entry.name.startswith(".")
    }
