"""The passage dialog: what was to be copied, when nothing could receive it.

When the terminal ignores clipboard requests (OSC 52) and no clipboard tool took the text,
the copy is not lost: the dialog shows it in a read-only text area, where it can be
selected (mouse, or Shift with the arrow keys) and copied by the terminal itself, and
offers to write it to a file (never replacing one). Esc closes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, TextArea

from search_index.errors import PressroomError

#: The file name a passage is saved under in a folder ("-2", "-3"… rather than replacing).
PASSAGE_FILE = "pressroom-passage.txt"


class PassageDialog(ModalScreen[Path | None]):
    """The text of a copy that nothing received, to select or save; returns the file written."""

    DEFAULT_CSS = """
    PassageDialog { align: center middle; }
    PassageDialog > Vertical {
        width: 90%; max-width: 100; height: 90%; max-height: 30;
        padding: 0 1; border: round $warning; background: $panel;
    }
    PassageDialog #passage-why { color: $text-warning; margin: 0 0 1 0; }
    PassageDialog #passage-text { height: 1fr; }
    PassageDialog #passage-error { color: $text-error; height: auto; }
    PassageDialog Horizontal { height: auto; margin: 1 0 0 0; }
    PassageDialog #passage-file { width: 1fr; }
    PassageDialog Button { margin: 0 0 0 1; min-width: 8; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="passage-close"),
    ]

    def __init__(self, text: str, why: str, folder: Path | None = None) -> None:
        """A dialog showing `text`, saying `why` it could not be copied; files go into
        `folder` (default: the current folder) unless another path is typed."""
        super().__init__()
        self.text = text
        self.why = why
        self.folder = Path.cwd() if folder is None else folder

    def compose(self) -> ComposeResult:
        """Why, the text, the file to save to, the buttons."""
        with Vertical():
            yield Label(f"Nothing was copied. {self.why}", id="passage-why", markup=False)
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="passage-text")
            yield Label("", id="passage-error", markup=False)
            with Horizontal():
                yield Input(str(self.folder / PASSAGE_FILE), id="passage-file")
                yield Button("Save", variant="primary", id="passage-save")
                yield Button("Close", id="passage-no")

    def on_mount(self) -> None:
        """Start in the text, all of it selected, ready to be copied by the terminal."""
        area = self.query_one(TextArea)
        area.focus()
        area.select_all()

    @on(Input.Submitted, "#passage-file")
    @on(Button.Pressed, "#passage-save")
    def _save(self) -> None:
        """Write the text to the file (or into the folder) typed, then close."""
        from search_index.insights.export import write_text

        raw = self.query_one("#passage-file", Input).value.strip()
        target = Path(raw).expanduser() if raw else self.folder
        try:
            path = write_text(self.text + "\n", target, PASSAGE_FILE, overwrite=False)
        except PressroomError as error:
            self.query_one("#passage-error", Label).update(str(error))
            return
        count = len(self.text)
        self.notify(f"Saved {count} character{'s' if count != 1 else ''} to {path}", markup=False)
        self.dismiss(path)

    @on(Button.Pressed, "#passage-no")
    def action_close(self) -> None:
        """Close without saving."""
        self.dismiss(None)
