"""App-level messages: what the workers report, and the user's intents.

Workers post the dataclass messages at the top of this module (never touching widgets);
the main screen's `@on` handlers own every state change. Intents — copy this, jump there,
open that view — subclass `Intent`, so a key binding, the command palette and a test all
ask for the same thing in the same way. The main screen handles the intents about what it
shows; `ExportView` and `SetCitationFormat`, which concern the whole app, bubble up to the
App.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.message import Message

from tui.view_model import LibraryView, SearchOutcome

if TYPE_CHECKING:
    from search_index.clipsheet import SheetFormat
    from search_index.date_filter import BriefingFilter
    from search_index.figures import Figure
    from search_index.index import LibraryIndex
    from search_index.insights.export import ExportFormat
    from search_index.people import PersonFilter
    from tui.view_model import ListOrder

InsightView = Literal["ledger", "stats", "kwic"]
"""The across-the-library views: figures ledger, speakers and outlets, keyword in context."""


# --- worker reports -------------------------------------------------------------------


@dataclass
class LibraryLoaded(Message, bubble=False):
    """Transcripts were read and parsed (all of them, or the first ones of a large library)."""

    library: LibraryView
    problems: tuple[str, ...] = ()
    """One line per file that could not be read as a transcript."""
    done: int = 0
    """Files read so far."""
    total: int = 0
    """Files to read."""
    complete: bool = True
    """False while more files are still being read (the library grows)."""


@dataclass
class IndexProgressed(Message, bubble=False):
    """Indexing advanced: `done` of `total` files (progress messages replace each other)."""

    done: int
    total: int
    current: str = ""

    def can_replace(self, message: Message) -> bool:
        """A newer progress report makes a queued older one pointless."""
        return isinstance(message, IndexProgressed)


@dataclass
class IndexReady(Message, bubble=False):
    """The search index is open and up to date with the library."""

    index: LibraryIndex
    summary: str = ""
    notice: str | None = None
    """Something the user must hear once (e.g. that the index is a temporary one)."""
    temporary: Path | None = None
    """The temporary folder of an index for this session only (deleted on quitting)."""


@dataclass
class IndexFailed(Message, bubble=False):
    """The index could not be opened or updated; search is unavailable."""

    message: str


@dataclass
class FiguresFound(Message, bubble=False):
    """The figures of one transcript's turns, by turn index."""

    transcript_id: str
    figures: Mapping[int, tuple[Figure, ...]]


@dataclass
class SearchFinished(Message, bubble=False):
    """A query ran; `outcome.query` tells which (stale results are dropped)."""

    outcome: SearchOutcome


@dataclass
class SearchFailed(Message, bubble=False):
    """A query could not be run; `message` is its one-line explanation."""

    query: str
    message: str


@dataclass
class ClipboardToolFinished(Message, bubble=False):
    """The local clipboard tool ran (after the text was sent to the terminal, OSC 52)."""

    characters: int
    ok: bool
    tool: str
    error: str | None = None
    osc52: bool = True
    """Whether the terminal is believed to take OSC 52."""
    text: str = ""
    """What was copied (shown to select or save when nothing received it)."""


# --- user intents ---------------------------------------------------------------------


class Intent(Message):
    """Base class of the user's intents (what a key or a palette command asks for)."""


class CopyParagraph(Intent):
    """Copy the answer view's current paragraph with its citation."""


class CopyAnswer(Intent):
    """Copy the whole answer on show with its citation."""


class CopyFigure(Intent):
    """Copy the selected figure with its sentence and citation."""


@dataclass
class JumpToEntry(Intent):
    """Show an entry of the question list (and optionally a turn of it)."""

    entry_key: str
    turn: int | None = None


@dataclass
class SetCitationFormat(Intent):
    """Use (and remember) a citation form: "plain" or "markdown"."""

    citation_format: str


class ToggleFigures(Intent):
    """Show or hide the metrics sidebar."""


@dataclass
class OpenInsight(Intent):
    """Open the figures ledger, the speakers and outlets, or the keyword-in-context view."""

    view: InsightView


@dataclass
class ExportView(Intent):
    """Export the view on show in `export_format`, into the current folder; with None,
    ask for the folder and the format first."""

    export_format: ExportFormat | None = None


class CopySelection(Intent):
    """Copy the range chosen in the answer view (`v`) with its citation."""


class OpenSource(Intent):
    """Open the transcript on show in the user's editor at the current turn."""


MarkTarget = Literal["paragraph", "answer", "figure"]
"""What `m` marks: the current paragraph (or the range chosen), the answer, the figure."""


@dataclass
class MarkPassage(Intent):
    """Mark (or unmark) a passage for the clip sheet; None: what the focused pane shows."""

    target: MarkTarget | None = None


class OpenMarks(Intent):
    """Open the marks screen (the clip sheet)."""


class CheckQuote(Intent):
    """Open the quote check ("did they really say that?")."""


@dataclass
class FilterByPerson(Intent):
    """List only the questions of one person; None: ask which."""

    person: PersonFilter | None = None


@dataclass
class FilterBriefings(Intent):
    """Keep only the briefings a filter lets through; None: open the briefings screen."""

    briefings: BriefingFilter | None = None


class ClearFilters(Intent):
    """Drop the person and briefing filters."""


@dataclass
class OrderList(Intent):
    """Order the question list (best first, newest first, oldest first); None: the next."""

    order: ListOrder | None = None


class CopyClipSheet(Intent):
    """Copy every mark with its citation, in one go (the marks screen)."""


@dataclass
class WriteClipSheet(Intent):
    """Write the clip sheet into the current folder as "markdown" or "text"; None: ask
    for the folder and the form first (the marks screen)."""

    sheet_format: SheetFormat | None = None
