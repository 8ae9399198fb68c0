"""The help screen: every key, the query syntax and notes on the pane in focus.

The help is Markdown rendered by Rich once per width into lines (`MarkdownLines`), not
Textual's Markdown widget, which builds a widget per block and table cell (two thirds of
a second to open on a loaded machine). The main screen builds the help screen once and
shows it again, with the notes on the pane in focus updated.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from rich.markdown import Markdown
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

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


class MarkdownLines(Widget):
    """Markdown as Rich renders it, kept as lines for the width it was last shown at."""

    DEFAULT_CSS = """
    MarkdownLines { height: auto; }
    """

    def __init__(self, markdown: str, *, id: str | None = None) -> None:
        """A block showing `markdown`."""
        super().__init__(id=id)
        self.markdown = markdown
        self._lines: tuple[int, list[Strip]] = (-1, [])

    def update(self, markdown: str) -> None:
        """Show other Markdown."""
        self.markdown = markdown
        self._lines = (-1, [])
        self.refresh(layout=True)

    def _rendered(self, width: int) -> list[Strip]:
        if self._lines[0] != width:
            console = self.app.console
            options = console.options.update_width(max(width, 1))
            lines = console.render_lines(Markdown(self.markdown), options, pad=True)
            self._lines = (width, [Strip(line, width) for line in lines])
        return self._lines[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the Markdown takes at `width`."""
        return len(self._rendered(width))

    def render_line(self, y: int) -> Strip:
        """Line `y` of the rendered Markdown."""
        lines = self._rendered(self.size.width)
        return lines[y] if 0 <= y < len(lines) else Strip.blank(self.size.width)


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
    HelpScreen.-no-context #help-context {
        display: none;
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
        self.set_class(not context, "-no-context")

    def compose(self) -> ComposeResult:
        """The context notes first, then the whole help."""
        with Vertical(id="help-dialog"):
            with VerticalScroll(id="help-body"):
                yield MarkdownLines(self.context or "", id="help-context")
                yield MarkdownLines(help_text(), id="help-text")
            yield Static("Esc to close · j/k, g/G to scroll", id="help-hint")

    def show_context(self, context: str | None) -> None:
        """Show the notes on another pane (when the screen is shown again)."""
        if context != self.context:
            self.context = context
            self.set_class(not context, "-no-context")
            if self.is_mounted:
                self.query_one("#help-context", MarkdownLines).update(context or "")
        if self.is_mounted:
            self.query_one("#help-body", VerticalScroll).scroll_home(animate=False)

    def on_mount(self) -> None:
        """Focus the text so the scrolling keys work."""
        self.query_one("#help-body").focus()

    def on_screen_resume(self) -> None:
        """Shown again: the text takes the keys."""
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


#: The name the help screen is installed under: built once, shown again.
HELP_SCREEN = "pressroom-help"


def show_help(screen: Screen[Any]) -> None:
    """Show the help over `screen`, with notes on the pane in focus (the help screen is
    built the first time and shown again after)."""
    app = screen.app
    context = pane_help(screen.focused, screen)
    if app.is_screen_installed(HELP_SCREEN):
        help_screen = app.get_screen(HELP_SCREEN)
        assert isinstance(help_screen, HelpScreen)
        help_screen.show_context(context)
    else:
        app.install_screen(HelpScreen(context), HELP_SCREEN)
    app.push_screen(HELP_SCREEN)
