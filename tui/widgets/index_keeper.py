"""The index keeper: the indexing progress bar, and the index it brings up.

`start` runs `jobs.update_index` in a thread worker of the keeper: the index is opened (a
damaged one is rebuilt) and brought up to date with the library's files, or, when the
index folder cannot be used, a temporary index is built for the session. The keeper
handles what the job posts for what it owns — the bar, the index, why there is none, the
notices said once — and tells the screen in its own messages (`Progressed`, `Ready`,
`Failed`), on which the screen updates the search bar and runs a query typed meanwhile.
A temporary index is deleted when the keeper goes (the app is closing).
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.message import Message
from textual.widgets import ProgressBar

from tui import jobs, messages

if TYPE_CHECKING:
    from search_index.index import LibraryIndex


class IndexKeeper(ProgressBar):
    """Shows indexing progress (only while indexing) and holds the library's index."""

    @dataclass
    class Progressed(Message):
        """Indexing has done `done` of `total` files."""

        keeper: IndexKeeper
        done: int
        total: int

        @property
        def control(self) -> IndexKeeper:
            """The keeper the message came from."""
            return self.keeper

    @dataclass
    class Ready(Message):
        """The index is up to date: searches can run (`IndexKeeper.index`)."""

        keeper: IndexKeeper

        @property
        def control(self) -> IndexKeeper:
            """The keeper the message came from."""
            return self.keeper

    @dataclass
    class Failed(Message):
        """There is no index to search, for the reason `message` gives."""

        keeper: IndexKeeper
        message: str

        @property
        def control(self) -> IndexKeeper:
            """The keeper the message came from."""
            return self.keeper

    def __init__(self, index_dir: Path | None, *, id: str | None = None) -> None:
        """A keeper of the index in `index_dir` (None: the user's default folder)."""
        super().__init__(show_eta=False, id=id)
        self.index_dir = index_dir
        self.index: LibraryIndex | None = None
        """The index, once opened and up to date."""
        self.error: str | None = None
        """Why there is no index (it could not be opened or built), or None."""
        self.temporary: Path | None = None
        """The folder of a temporary index (the index folder could not be used), or None."""

    def on_mount(self) -> None:
        """Hidden until indexing reports progress."""
        self.display = False

    def start(self, sources: Sequence[Path]) -> None:
        """Open the index and bring it up to date with `sources`, in the background."""
        jobs.start(self, "index", jobs.update_index, self.index_dir, list(sources))

    def stop(self) -> None:
        """Cancel indexing (the app is closing)."""
        self.workers.cancel_group(self, "index")

    def failed(self, message: str) -> None:
        """Indexing could not finish (the job said why, or its worker crashed): keep why
        and hide the bar."""
        self.error = message
        self.display = False

    @on(messages.IndexProgressed)
    def _progressed(self, event: messages.IndexProgressed) -> None:
        """Show how far indexing is."""
        self.display = True
        self.update(total=max(event.total, 1), progress=event.done)
        self.post_message(self.Progressed(self, event.done, event.total))

    @on(messages.IndexReady)
    def _ready(self, event: messages.IndexReady) -> None:
        """Keep the index; say once if it is temporary or was rebuilt."""
        self.index = event.index
        self.error = None
        self.temporary = event.temporary
        self.display = False
        if event.notice:
            self.notify(event.notice, title="Temporary index", severity="warning", timeout=12)
        if event.index.notice:  # the index was damaged or outdated, and rebuilt
            self.notify(event.index.notice, title="Index rebuilt", severity="warning", timeout=12)
        # The index lives as long as the app: keep the collector from re-scanning it.
        gc.freeze()
        self.post_message(self.Ready(self))

    @on(messages.IndexFailed)
    def _failed(self, event: messages.IndexFailed) -> None:
        """Search is unavailable: say why once."""
        self.failed(event.message)
        self.notify(event.message, title="Search unavailable", severity="error", timeout=10)
        self.post_message(self.Failed(self, event.message))

    def on_unmount(self) -> None:
        """Delete a temporary index (the app is closing)."""
        if self.temporary is not None:
            if self.index is not None:
                self.index.close()
            shutil.rmtree(self.temporary, ignore_errors=True)
