"""The marks screen (key M): every mark of the library with its citation — the clip sheet.

The list shows each mark (what, who, which briefing and turn, its first words) in the clip
sheet's order; below it (beside it in a wide terminal), the citation of the mark under the
cursor, exactly as it will be copied. Marks whose briefing is not in the library, or whose
text is no longer in it, are listed in red with the reason, never dropped.

Keys: Enter goes to the mark, `c` copies its citation, `C` copies every mark in one go,
`d` removes it (`u` puts it back), `w` writes the clip sheet to a file (Markdown or plain
text), Esc goes back. The palette adds the clip sheet's exports, and "export: current
view" writes the marks as a table (JSON, CSV, Markdown).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from search_index.citation import CitationFormat
from search_index.clipsheet import (
    SHEET_FORMATS,
    SHEET_NAMES,
    SheetFormat,
    clip_sheet,
    clip_sheet_report,
    sheet_format_for,
    write_clip_sheet,
)
from search_index.errors import PressroomError
from search_index.marks import Mark, ResolvedMark, cite_mark, resolve_marks
from search_index.models import Transcript
from tui import messages
from tui.commands import ClipSheetCommands, ExportCommands
from tui.protocols import PressroomShell, ReportBuilder
from tui.view_model import MarkRow, Passage, mark_rows

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


def mark_prompt(number: int, row: MarkRow) -> Content:
    """A mark's three lines: number, kind and speakers; briefing and turn; first words."""
    head = Content.assemble((f"{number:>2} ", "bold $text-accent"), (row.title, "bold"))
    if row.problem:
        where = Content.styled(f"   {row.problem}", "$text-error")
    else:
        where = Content.styled(f"   {row.where}", "$text-muted")
    excerpt = Content.styled(f"   {row.excerpt}", "italic" if row.problem else "")
    return Content("\n").join([head, where, excerpt])


class MarkList(OptionList):
    """The marks, one three-line row each."""

    DEFAULT_CSS = """
    MarkList {
        height: 1fr;
        border: round $foreground 25%;
        border-title-color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    MarkList:focus {
        border: round $accent;
        border-title-color: $text-accent;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to", id="marks-go", tooltip="Show the marked passage."),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
    ]


class MarksScreen(Screen[Passage | None]):
    """The marks of the library, each with its citation: go to, copy, remove, export."""

    DEFAULT_CSS = """
    MarksScreen #marks-summary {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    MarksScreen #marks-body {
        layout: vertical;
        height: 1fr;
    }
    MarksScreen.-wide #marks-body {
        layout: horizontal;
    }
    MarksScreen #marks-citation {
        height: 9;
        border: round $foreground 25%;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    MarksScreen.-wide #marks-citation {
        height: 1fr;
        width: 1fr;
    }
    MarksScreen.-wide MarkList {
        width: 1fr;
    }
    MarksScreen #marks-empty {
        padding: 1 2;
        color: $text-muted;
    }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012

    COMMANDS = {ClipSheetCommands, ExportCommands}  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="marks-back", tooltip="Back to the briefing."),
        Binding("c", "copy_mark", "Copy", id="marks-copy", tooltip="Copy this mark, cited."),
        Binding(
            "C",
            "copy_all",
            "Copy all",
            id="marks-copy-all",
            tooltip="Copy every mark with its citation in one go.",
        ),
        Binding("d,delete", "remove", "Remove", id="marks-remove", tooltip="Remove this mark."),
        Binding("u", "undo", "Undo", id="marks-undo", tooltip="Put back the mark removed last."),
        Binding(
            "w",
            "write_sheet",
            "Write sheet",
            id="marks-write",
            tooltip="Write the clip sheet to a file: Markdown or plain text.",
        ),
    ]

    HELP = """
## Marks (the clip sheet)

Every mark of this library, by briefing in reading order, with the citation of the mark
under the cursor. Marks whose briefing is not in the library are listed in red, not lost.

- **Enter** goes to the mark; **c** copies it with its citation; **C** copies every mark
- **d** removes the mark, **u** puts it back; **w** writes the clip sheet to a file
- **Ctrl+P**: `export: clip sheet as Markdown / plain text`, `export: current view` (a table)
"""

    def __init__(self, transcripts: Sequence[Transcript], *, complete: bool = True) -> None:
        """The marks of the app's library, resolved against `transcripts` (`complete`:
        False while the library is still being read)."""
        super().__init__()
        self.transcripts = list(transcripts)
        self.complete = complete
        self.rows: list[MarkRow] = []
        self._removed: list[tuple[int, Mark]] = []

    @property
    def pressroom(self) -> PressroomShell:
        """The app, as a screen uses it."""
        return cast(PressroomShell, self.app)

    @property
    def citation_format(self) -> CitationFormat:
        """The citation form in use."""
        return self.pressroom.settings.citation_format

    def compose(self) -> ComposeResult:
        """Summary line, the list and the citation of the mark under the cursor."""
        yield Header()
        yield Static("", id="marks-summary")
        with Container(id="marks-body"):
            yield MarkList(id="marks-list")
            with VerticalScroll(id="marks-citation"):
                yield Static("", id="marks-citation-text", markup=False)
        yield Footer()

    @property
    def mark_list(self) -> MarkList:
        """The list of marks."""
        return self.query_one(MarkList)

    def on_mount(self) -> None:
        """List the marks."""
        self.title = "Marks"
        self.sub_title = "the clip sheet"
        self.mark_list.border_title = "Marks"
        self.query_one("#marks-citation").border_title = "Citation"
        self.refresh_marks()
        self.mark_list.focus()

    # --- what is shown -----------------------------------------------------------------

    def resolved(self) -> list[ResolvedMark]:
        """Every mark, found in the library or not."""
        return resolve_marks(self.pressroom.marks.marks, self.transcripts)

    def refresh_marks(self, keep: int | None = None) -> None:
        """List the marks again (the cursor at `keep`, or where it was)."""
        position = self.mark_list.highlighted if keep is None else keep
        self.rows = mark_rows(self.resolved())
        self.mark_list.set_options(
            Option(mark_prompt(number, row), id=f"mark-{number}")
            for number, row in enumerate(self.rows, start=1)
        )
        if self.rows:
            self.mark_list.highlighted = max(0, min(position or 0, len(self.rows) - 1))
        self._show_summary()
        self._show_citation()
        self.refresh_bindings()

    def _show_summary(self) -> None:
        count = len(self.rows)
        missing = sum(1 for row in self.rows if row.problem)
        parts = [f"{count} mark" + ("" if count == 1 else "s")]
        if missing:
            parts.append(f"{missing} not found")
        parts.append(f"citations {self.citation_format}")
        if not self.complete:
            parts.append(
                "still reading the library: marks in briefings not read yet show as missing"
            )
        if not count:
            parts = ["No marks yet: press m on a paragraph, an answer or a figure to mark it."]
        self.query_one("#marks-summary", Static).update(" · ".join(parts))

    @property
    def current(self) -> MarkRow | None:
        """The mark under the cursor, or None."""
        index = self.mark_list.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index]

    def _show_citation(self) -> None:
        row = self.current
        text = self.query_one("#marks-citation-text", Static)
        if row is None:
            text.update("")
        elif row.problem:
            text.update(Content(f"Cannot be cited — {row.problem}.\n\nAs marked:\n{row.excerpt}"))
        else:
            text.update(Content(cite_mark(row.resolved, self.citation_format)))

    @on(OptionList.OptionHighlighted, "#marks-list")
    def _highlighted(self) -> None:
        """Show the citation of the mark under the cursor."""
        self._show_citation()

    @on(OptionList.OptionSelected, "#marks-list")
    def _selected(self) -> None:
        """Enter on a mark: go to it."""
        self.action_go_to()

    # --- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys for a mark only when there is one; undo only after a removal."""
        if action in ("copy_mark", "remove"):
            return True if self.current is not None else None
        if action in ("copy_all", "write_sheet"):
            return True if self.rows else None
        if action == "undo":
            return bool(self._removed)
        return True

    def action_close(self) -> None:
        """Back to the briefing."""
        self.dismiss(None)

    def action_go_to(self) -> None:
        """Close on the marked passage (the briefing shows it)."""
        row = self.current
        if row is None:
            return
        resolved = row.resolved
        if not resolved.found or resolved.transcript is None:
            self.notify(f"Cannot go there: {row.problem}.", severity="warning", markup=False)
            return
        turn, start, end = resolved.figure or resolved.spans[0]
        self.dismiss(Passage(resolved.transcript.id, turn, start, end))

    def action_copy_mark(self) -> None:
        """Copy the mark under the cursor with its citation."""
        row = self.current
        if row is None:
            return
        try:
            text = cite_mark(row.resolved, self.citation_format)
        except PressroomError as error:
            self.notify(f"Nothing to copy: {error}", severity="warning", markup=False)
            return
        self.pressroom.copy_text(text)

    @on(messages.CopyClipSheet)
    def action_copy_all(self) -> None:
        """Copy every mark with its citation, in the citation form in use."""
        if not self.rows:
            self.notify("Nothing to copy: there are no marks.", severity="warning")
            return
        sheet = clip_sheet(self.resolved(), sheet_format_for(self.citation_format))
        self.pressroom.copy_text(sheet)

    def action_remove(self) -> None:
        """Remove the mark under the cursor (`u` puts it back)."""
        row = self.current
        if row is None:
            return
        store = self.pressroom.marks
        position = store.marks.index(row.resolved.mark)
        store.remove(row.resolved.mark)
        self._removed.append((position, row.resolved.mark))
        self.pressroom.save_marks()
        self.refresh_marks()
        self.notify("Mark removed (u puts it back).")

    def action_undo(self) -> None:
        """Put back the mark removed last."""
        if not self._removed:
            return
        position, mark = self._removed.pop()
        self.pressroom.marks.insert(position, mark)
        self.pressroom.save_marks()
        self.refresh_marks()
        self.notify("Mark put back.")

    @on(messages.WriteClipSheet)
    def _write_clip_sheet(self, event: messages.WriteClipSheet) -> None:
        """Write the clip sheet as the palette asked."""
        if event.sheet_format is None:
            self.action_write_sheet()
        else:
            self.write_sheet(event.sheet_format, Path.cwd())

    def action_write_sheet(self) -> None:
        """Ask for a folder and a form, then write the clip sheet there."""
        from tui.screens.export import ExportScreen

        def chosen(choice: tuple[Path, str] | None) -> None:
            if choice is not None:
                folder, name = choice
                fmt: SheetFormat = "text" if name == "text" else "markdown"
                self.write_sheet(fmt, folder)

        formats = [(SHEET_NAMES[fmt], fmt) for fmt in SHEET_FORMATS]
        prompt = "Write the clip sheet into the folder:"
        self.app.push_screen(ExportScreen(formats=formats, prompt=prompt), callback=chosen)

    def write_sheet(self, fmt: SheetFormat, folder: Path) -> Path | None:
        """Write the clip sheet in `fmt` into `folder` and say where."""
        if not self.rows:
            self.notify("Nothing to write: there are no marks.", severity="warning")
            return None
        try:
            path = write_clip_sheet(clip_sheet(self.resolved(), fmt), fmt, folder)
        except PressroomError as error:
            self.notify(f"Nothing written: {error}", severity="error", timeout=8, markup=False)
            return None
        count = len(self.rows)
        noun = "mark" if count == 1 else "marks"
        self.notify(
            f"Wrote {count} {noun} ({SHEET_NAMES[fmt]}) to {path}", title="Clip sheet", markup=False
        )
        return path

    def report_builder(self) -> ReportBuilder | None:
        """What "export: current view" writes: the marks as a table."""
        if not self.rows:
            return None
        return partial(clip_sheet_report, self.resolved(), self.citation_format)


def open_marks(main: MainScreen) -> None:
    """Open the marks screen over the main screen's library; a mark chosen there is shown in
    the main screen's panes, and the marks removed there leave the answer view."""

    def closed(passage: Passage | None) -> None:
        main.answer_view.refresh_marked()  # marks may have been removed
        main.panes.show_passage(passage)

    transcripts = () if main.library is None else main.library.transcripts
    screen = MarksScreen(transcripts, complete=not main.reading_library)
    main.app.push_screen(screen, callback=closed)
