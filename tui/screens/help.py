"""The help screen: every key, the query syntax and notes on the pane in focus."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Markdown, Static

HELP_FILE = Path(__file__).resolve().parent.parent / "help.md"


@lru_cache(maxsize=1)
def help_text() -> str:
    """The help Markdown shipped with the app."""
    return HELP_FILE.read_text(encoding="utf-8")


def pane_help(focused: Widget | None, screen: DOMNode) -> str | None:
    """The notes on the pane in focus: the `HELP` of the focused widget or of the nearest
    of its containers that has one (only the app's own widgets count, not Textual's)."""
    node: DOMNode | None = focused
    while node is not None and node is not screen:
        notes = type(node).HELP
        if notes and type(node).__module__.startswith("tui."):
            return notes
        node = node.parent
    return None


class HelpScreen(ModalScreen[None]):
    """A modal with the help text; Esc, q, ? or F1 closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen #help-dialog {
        width: 90%;
        max-width: 110;
        height: 90%;
        border: thick $primary;
        background: $surface;
    }
    HelpScreen #help-body {
        height: 1fr;
        padding: 0 1;
    }
    HelpScreen #help-context {
        border-bottom: solid $foreground 25%;
        margin-bottom: 1;
    }
    HelpScreen #help-hint {
        height: 1;
        color: $text-muted;
        text-align: center;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close", id="close-help"),
        Binding("down,j", "scroll('down')", "Down", show=False),
        Binding("up,k", "scroll('up')", "Up", show=False),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
        Binding("home,g", "scroll('home')", "Top", show=False),
        Binding("end,G", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, context: str | None = None) -> None:
        """A help screen; `context` is Markdown about the pane that had the focus."""
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        """The context notes first, then the whole help."""
        with Vertical(id="help-dialog"):
            with VerticalScroll(id="help-body"):
                if self.context:
                    yield Markdown(self.context, id="help-context")
                yield Markdown(help_text(), id="help-text")
            yield Static("Esc to close · j/k to scroll", id="help-hint")

    def on_mount(self) -> None:
        """Focus the text so the scrolling keys work."""
        self.query_one("#help-body").focus()

    def action_scroll(self, how: str) -> None:
        """Scroll the help text."""
        body = self.query_one("#help-body", VerticalScroll)
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }[how](animate=False)

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)
