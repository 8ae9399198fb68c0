"""The pressroom App: a thin shell that holds the settings and the clipboard, and pushes the
main screen.

Everything app-wide lives here so any screen can use it: the citation form chosen (the
`SetCitationFormat` intent), copying text to the clipboard (`copy_text`), exporting the
current view (the `ExportView` intent), and the library's marks and the search history
(saved beside the settings: `save_marks`, `remember_query`). Intents that no screen
handles bubble up to the App, which handles these two.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState

from search_index.history import SearchHistory
from search_index.marks import MarkStore
from search_index.settings import Settings, save_settings
from tui import messages
from tui.clipboard import NOTHING_COPIED, copied_message, run_clipboard_tool
from tui.protocols import PressroomShell
from tui.screens.main import MainScreen


@dataclass(frozen=True)
class ClipboardOptions:
    """How copies reach the clipboard: OSC 52 (unless the terminal ignores it) and a tool."""

    osc52: bool = True
    tool: tuple[str, ...] | None = None


class PressroomApp(App[int]):
    """Read, search and quote press-conference transcripts.

    The screens use it as a `tui.protocols.PressroomShell`.
    """

    TITLE = "pressroom"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        sources: Sequence[Path],
        *,
        index_dir: Path | None = None,
        settings: Settings | None = None,
        settings_path: Path | None = None,
        clipboard: ClipboardOptions | None = None,
        marks: MarkStore | None = None,
        search_history: SearchHistory | None = None,
    ) -> None:
        """An app over `sources` (files and folders of transcripts).

        `index_dir` is where the search index lives (None: the user data folder);
        `settings_path` is where choices are saved (None: the user config folder);
        `marks` and `search_history` default to ones kept in memory only.
        """
        super().__init__()
        self.sources = list(sources)
        self.index_dir = index_dir
        self.settings = settings if settings is not None else Settings()
        self.settings_path = settings_path
        self.clipboard_options = clipboard if clipboard is not None else ClipboardOptions()
        self.marks = marks if marks is not None else MarkStore()
        self.search_history = search_history if search_history is not None else SearchHistory()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification, its text as written: never read as markup.

        Notifications carry file names, transcript titles and error messages, in which
        `[/]` or `[link=…]` are just characters; `markup` is accepted and ignored.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        """Show the main screen (and say so when the saved marks could not be read)."""
        self.push_screen(MainScreen(self.sources, self.index_dir))
        if self.marks.problem:
            self.notify(
                f"{self.marks.problem}; it will be kept aside", severity="warning", markup=False
            )

    @on(messages.SetCitationFormat)
    def _citation_format_chosen(self, event: messages.SetCitationFormat) -> None:
        """Use and remember the citation form chosen in the palette."""
        self.set_citation_format(event.citation_format)

    def set_citation_format(self, name: str) -> None:
        """Use the citation form `name` from now on and remember it."""
        from search_index.citation import check_format
        from search_index.errors import PressroomError

        try:
            chosen = check_format(name)
        except PressroomError as error:
            self.notify(str(error), severity="error")
            return
        self.settings = self.settings.model_copy(update={"citation_format": chosen})
        try:
            save_settings(self.settings, self.settings_path)
        except OSError as error:
            self.notify(
                f"Citations are {chosen} for now, but the choice could not be saved: "
                f"{error.strerror or error}",
                severity="warning",
            )
            return
        self.notify(f"Citations are now {chosen}.")

    # --- marks and search history ---------------------------------------------------------

    def save_marks(self) -> bool:
        """Write the marks to their file; says why not (and returns False) when it cannot."""
        try:
            self.marks.save()
        except OSError as error:
            self.notify(
                f"The marks could not be saved: {error.strerror or error}",
                severity="error",
                timeout=8,
                markup=False,
            )
            return False
        return True

    def remember_query(self, query: str) -> None:
        """Put `query` first in the search history and save it (quietly: a history that
        cannot be saved only lasts the session)."""
        if self.search_history.record(query):
            with suppress(OSError):
                self.search_history.save()

    # --- the clipboard -----------------------------------------------------------------

    def copy_text(self, text: str) -> None:
        """Put `text` on the clipboard (OSC 52 and the local tool) and say so."""
        if not text:
            self.notify("Nothing to copy.", severity="warning")
            return
        options = self.clipboard_options
        self.copy_to_clipboard(text)
        if options.tool is not None:
            self.run_clipboard_tool(options.tool, text, options.osc52)
        if options.osc52:
            self.notify(copied_message(text))
        elif options.tool is None:
            self.notify(NOTHING_COPIED, severity="error", timeout=10)

    @work(thread=True, exit_on_error=False, group="clipboard", description="clipboard tool")
    def run_clipboard_tool(self, command: tuple[str, ...], text: str, osc52: bool) -> None:
        """Hand `text` to the local clipboard tool too."""
        result = run_clipboard_tool(command, text)
        self.post_message(
            messages.ClipboardToolFinished(len(text), result.ok, result.tool, result.error, osc52)
        )

    @on(messages.ClipboardToolFinished)
    def _clipboard_tool_finished(self, event: messages.ClipboardToolFinished) -> None:
        """Report how the local clipboard tool did."""
        if event.ok:
            if not event.osc52:
                self.notify(copied_message(event.characters))
        elif event.osc52:
            self.notify(
                f"The terminal got the text, but {event.error}", severity="warning", timeout=8
            )
        else:
            self.notify(f"Nothing could be copied: {event.error}", severity="error", timeout=10)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Report a clipboard tool that crashed, in one line."""
        if event.state == WorkerState.ERROR:
            self.notify(f"Copying failed: {event.worker.error}", severity="error", timeout=8)

    # --- exporting ---------------------------------------------------------------------

    @on(messages.ExportView)
    def _export_view(self, event: messages.ExportView) -> None:
        """Export the view on show (asking for a folder and format when none is given)."""
        from tui.screens.export import ask_and_export, export_view

        if event.export_format is None:
            ask_and_export(self.screen)
        else:
            export_view(self.screen, event.export_format)


if TYPE_CHECKING:

    def _is_a_shell(app: PressroomApp) -> PressroomShell:
        """Never called: mypy checks here that the App is what the screens take it for."""
        return app
