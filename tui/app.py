"""The pressroom App: a thin shell that holds the settings and pushes the main screen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel

from search_index.settings import Settings, save_settings
from tui.screens.main import MainScreen


@dataclass(frozen=True)
class ClipboardOptions:
    """How copies reach the clipboard: OSC 52 (unless the terminal ignores it) and a tool."""

    osc52: bool = True
    tool: tuple[str, ...] | None = None


class PressroomApp(App[int]):
    """Read, search and quote press-conference transcripts."""

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
    ) -> None:
        """An app over `sources` (files and folders of transcripts).

        `index_dir` is where the search index lives (None: the user data folder);
        `settings_path` is where choices are saved (None: the user config folder).
        """
        super().__init__()
        self.sources = list(sources)
        self.index_dir = index_dir
        self.settings = settings if settings is not None else Settings()
        self.settings_path = settings_path
        self.clipboard_options = clipboard if clipboard is not None else ClipboardOptions()

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
        """Show the main screen."""
        self.push_screen(MainScreen(self.sources, self.index_dir))

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
