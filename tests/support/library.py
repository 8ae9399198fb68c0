"""The library as the app reads it, for tests of what the screens compute."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tui.view_model import LibraryReader, LibraryView


def library_view(paths: Sequence[Path]) -> LibraryView:
    """The library the app shows for `paths`, read by the app's own reader."""
    reader = LibraryReader(paths)
    for _step in reader.read():
        pass
    return reader.view()
