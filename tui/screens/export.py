"""Export the current view: what each screen exports, the file it goes to, and a folder prompt.

A screen that can export is `Exportable` (`tui.protocols`): its `export_report()` says
what it shows (the ledger, statistics and keyword-in-context screens their tables; the
main screen the hits of the active search, or else the questions of the briefing on show).
Files are written into the current folder (or a chosen one) as `pressroom-<view>.<ext>`,
never replacing an earlier export.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Select

from search_index.errors import PressroomError
from search_index.insights.export import (
    FORMAT_NAMES,
    FORMATS,
    ExportFormat,
    Report,
    check_format,
    write_report,
)
from tui.protocols import Exportable
from tui.view_model import LibraryView, SearchOutcome, briefing_title

if TYPE_CHECKING:
    from search_index.index import LibraryIndex

#: Hits the main screen's search export asks of the index.
SEARCH_EXPORT_LIMIT = 1000


def browsing_report(
    library: LibraryView | None,
    outcome: SearchOutcome | None,
    index: LibraryIndex | None,
    transcript_id: str | None,
) -> Report | None:
    """The main screen's view: the active search's hits, else the briefing's questions."""
    from search_index.insights.export import exchanges_report, search_report
    from search_index.insights.stats import question_rows

    if library is None:
        return None
    if outcome is not None and index is not None:
        results = index.search(
            outcome.query, limit=SEARCH_EXPORT_LIMIT, snippets=SEARCH_EXPORT_LIMIT
        )
        return search_report(outcome.query, results.hits)
    outline = library.outline(transcript_id)
    if outline is None:
        return None
    transcript = outline.transcript
    title = f"Questions: {briefing_title(transcript)}"
    return exchanges_report(question_rows([transcript]), title=title)


def current_report(screen: Screen[Any]) -> Report | None:
    """What "export current view" writes for `screen`, or None when it shows nothing."""
    return screen.export_report() if isinstance(screen, Exportable) else None


def export_view(screen: Screen[Any], fmt: ExportFormat, folder: Path | None = None) -> Path | None:
    """Write the screen's view in `fmt` into `folder` (default: the current folder).

    Says where it went (or why not) in a notification; returns the file written.
    """
    try:
        report = current_report(screen)
    except PressroomError as error:
        screen.notify(f"Nothing exported: {error}", severity="error")
        return None
    if report is None:
        screen.notify("Nothing to export yet.", severity="warning")
        return None
    target = Path.cwd() if folder is None else folder
    try:
        path = write_report(report, fmt, target, overwrite=False)
    except PressroomError as error:
        screen.notify(f"Nothing exported: {error}", severity="error", timeout=8)
        return None
    rows = sum(len(table.rows) for table in report.tables)
    noun = "row" if rows == 1 else "rows"
    screen.notify(
        f"Exported {report.title} ({rows} {noun}, {FORMAT_NAMES[fmt]}) to {path}",
        title="Exported",
        timeout=8,
    )
    return path


class ExportScreen(ModalScreen[tuple[Path, str] | None]):
    """Ask for a folder and a format; returns them, or None when cancelled.

    The formats offered are the export formats unless others are given (the clip sheet
    is written as Markdown or plain text), as (name, value) pairs, the first preselected.
    """

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 72; height: auto; padding: 1 2;
        border: round $accent; background: $panel;
    }
    ExportScreen Label { margin: 0 0 1 0; }
    ExportScreen #export-error { color: $text-error; height: auto; margin: 0; }
    ExportScreen Horizontal { height: auto; margin: 1 0 0 0; }
    ExportScreen #export-format { width: 1fr; }
    ExportScreen Button { margin: 0 0 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export-cancel"),
    ]

    def __init__(
        self,
        folder: Path | None = None,
        *,
        formats: Sequence[tuple[str, str]] | None = None,
        prompt: str = "Export the current view into the folder:",
    ) -> None:
        """A prompt that starts at `folder` (default: the current folder)."""
        super().__init__()
        self.folder = Path.cwd() if folder is None else folder
        self.formats = list(formats or [(FORMAT_NAMES[fmt], fmt) for fmt in FORMATS])
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        """Folder box, format picker, buttons."""
        with Vertical():
            yield Label(self.prompt)
            yield Input(str(self.folder), id="export-folder")
            yield Label("", id="export-error", markup=False)
            with Horizontal():
                yield Select[str](
                    self.formats,
                    value=self.formats[0][1],
                    allow_blank=False,
                    id="export-format",
                )
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-no")

    def on_mount(self) -> None:
        """Start in the folder box."""
        self.query_one("#export-folder", Input).focus()

    @on(Input.Submitted, "#export-folder")
    @on(Button.Pressed, "#export-ok")
    def _submit(self) -> None:
        """Check the folder and return the choice."""
        raw = self.query_one("#export-folder", Input).value.strip()
        folder = Path(raw).expanduser() if raw else Path.cwd()
        if not folder.is_dir():
            self.query_one("#export-error", Label).update(f"{folder} is not a folder")
            return
        value = self.query_one("#export-format", Select).value
        self.dismiss((folder, value if isinstance(value, str) else self.formats[0][1]))

    @on(Button.Pressed, "#export-no")
    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)


def ask_and_export(screen: Screen[Any]) -> None:
    """Ask for a folder and a format, then export the screen's view there."""

    def chosen(choice: tuple[Path, str] | None) -> None:
        if choice is not None:
            export_view(screen, check_format(choice[1]), choice[0])

    screen.app.push_screen(ExportScreen(), callback=chosen)
