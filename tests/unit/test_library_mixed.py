"""A folder library mixing formats, with one file that is not a transcript.

The folder is laid out in tmp_path from the format fixtures and the one non-transcript in
tests/data/mixed/, so no fixture is kept twice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from search_index.library import load_library


def test_mixed_folder_loads_transcripts_and_lists_the_rest(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "library"
    (folder / "2024").mkdir(parents=True)
    shutil.copy(data_dir / "formats" / "mfa-briefing.html", folder / "2024" / "mfa-2024-05-02.html")
    shutil.copy(
        data_dir / "formats" / "ecb-press-conference.md", folder / "2024" / "ecb-2024-06-06.md"
    )
    shutil.copy(data_dir / "budget-inline-wrapped.txt", folder / "budget-2024-03-14.txt")
    shutil.copy(data_dir / "mixed" / "reading-notes.md", folder / "reading-notes.md")
    result = load_library([folder])
    loaded = sorted(
        (Path(t.source).relative_to(folder).as_posix(), len(t.exchanges))
        for t in result.transcripts
    )
    assert loaded == [
        ("2024/ecb-2024-06-06.md", 1),
        ("2024/mfa-2024-05-02.html", 2),
        ("budget-2024-03-14.txt", 2),
    ]
    assert [(path.relative_to(folder).as_posix(), reason) for path, reason in result.skipped] == [
        (
            "reading-notes.md",
            "no speaker turns found (expected lines such as 'Name:' before each turn)",
        )
    ]
