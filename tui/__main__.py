"""Entry point: `pressroom` and `python -m tui`, and the `make_app` factory."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli import main as cli_main

if TYPE_CHECKING:
    from tui.app import ClipboardOptions, PressroomApp


def make_app(
    paths: Sequence[Path] | None = None,
    *,
    index_dir: Path | None = None,
    settings_path: Path | None = None,
    clipboard: ClipboardOptions | None = None,
) -> PressroomApp:
    """Build the app over `paths` (files and folders; None: the bundled sample briefing).

    `index_dir` and `settings_path` default to the user's data and config folders (the
    library's marks and the search history are kept beside the settings); `clipboard`
    defaults to OSC 52 plus the local clipboard tool, if one is found.
    """
    from search_index.history import HISTORY_FILE, SearchHistory
    from search_index.marks import MarkStore
    from search_index.sample import sample_path
    from search_index.settings import load_settings, settings_folder
    from tui.app import ClipboardOptions, PressroomApp
    from tui.clipboard import find_clipboard_tool, terminal_accepts_osc52

    sources = [sample_path()] if not paths else [Path(path) for path in paths]
    if clipboard is None:
        clipboard = ClipboardOptions(osc52=terminal_accepts_osc52(), tool=find_clipboard_tool())
    folder = settings_folder(settings_path)
    return PressroomApp(
        sources,
        index_dir=index_dir,
        settings=load_settings(settings_path),
        settings_path=settings_path,
        clipboard=clipboard,
        marks=MarkStore.for_library(folder, sources),
        search_history=SearchHistory.load(folder / HISTORY_FILE),
    )


def main() -> None:
    """Console-script entry point."""
    sys.exit(cli_main())


if __name__ == "__main__":
    main()
