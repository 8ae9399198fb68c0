"""What the app's parts rely on of each other, as protocols, so they need not import each
other: the screens and the palette never import the App, the palette and the export code
never import a screen.

- `PressroomShell`: what a screen or a palette provider uses of the App (`PressroomApp`).
- `LibraryBrowser`: a screen that shows a library's briefings (the main screen); the
  palette's jump commands work on any such screen.
- `Exportable`: a screen whose view "export: current view" can write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from search_index.citation import CitationFormat
    from search_index.history import SearchHistory
    from search_index.insights.export import Report
    from search_index.marks import MarkStore
    from search_index.settings import Settings
    from tui.view_model import LibraryView


class PressroomShell(Protocol):
    """The App as the screens see it: the user's settings, the clipboard, the marks and
    the search history."""

    @property
    def settings(self) -> Settings:
        """The user's choices (citation form…)."""

    def copy_text(self, text: str) -> None:
        """Put `text` on the clipboard and say so."""

    def copy_cited(self, cite: Callable[[CitationFormat], str | None], missing: str) -> None:
        """Copy what `cite` gives in the user's citation form, or say why there is nothing."""

    @property
    def marks(self) -> MarkStore:
        """The marks of the library (the clip sheet)."""

    def save_marks(self) -> bool:
        """Save the marks; False (the user told why) when they could not be saved."""

    @property
    def search_history(self) -> SearchHistory:
        """Earlier queries, newest first."""

    def remember_query(self, query: str) -> None:
        """Add `query` to the search history and keep it."""


@runtime_checkable
class LibraryBrowser(Protocol):
    """A screen showing the briefings of a library (the main screen)."""

    @property
    def library(self) -> LibraryView | None:
        """The loaded briefings (None while none is)."""

    @property
    def current_transcript(self) -> str | None:
        """The id of the briefing on show."""


ReportBuilder = Callable[[], "Report"]
"""Builds the report of what a screen showed; called in a thread worker, so it must not
touch widgets (it is given what it needs when it is made)."""


@runtime_checkable
class Exportable(Protocol):
    """A screen whose view can be exported."""

    def report_builder(self) -> ReportBuilder | None:
        """What the screen shows, as a function that builds its report (None when it shows
        nothing); building a report can take a while (a search, counts over the library),
        so it runs in a worker."""
