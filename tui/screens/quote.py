"""The quote check screen: paste a quote, see where it came from and how it differs.

The quote is checked as it is pasted or typed (a moment after the last change) or at
once with ctrl+r. The passages it may come from are listed best first; the highlighted
one is shown with the differences marked (words left out underlined, words changed
reversed with the quote's words beside them, words only the quote has in ⟨+…⟩) and every
figure the quote gives otherwise on its own line. `c` copies the record's exact words
with their citation; Enter goes to the passage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from search_index.citation import turn_number
from search_index.errors import PressroomError
from search_index.quotecheck import QuoteCheck, QuoteChecker, QuoteMatch
from tui.quote_text import marked_text
from tui.screens.tables import clip
from tui.view_model import Passage

if TYPE_CHECKING:
    from search_index.index import LibraryIndex

#: Pause after the last change to the quote before it is checked (seconds).
CHECK_DEBOUNCE = 0.4
#: Passages listed.
RESULT_LIMIT = 5

_SPAN_STYLES = {"left out": "underline", "changed": "bold reverse", "added": "bold italic"}


def record_text(match: QuoteMatch) -> Text:
    """The passage with its differences marked, then the changed figures and the source."""
    text = Text()
    head = f"{match.speaker}, {match.role}" if match.role else match.speaker
    text.append(head, style="bold")
    where = match.whereabouts()
    text.append("\n" + " · ".join(where), style="dim")
    text.append("\n" + (match.source_url or match.source), style="dim")
    text.append(f"\nscore {match.score:g}\n\n")
    text.append(marked_text(match, _SPAN_STYLES, ("⟨", "⟩")))
    text.append("\n")
    if match.exact:
        text.append("\nThe quote gives these words exactly.")
    for figure in match.figures:
        text.append(f"\n⚠ {figure.describe()}", style="bold")
    for difference in match.differences:
        text.append(f"\n{difference.describe()}")
    return text


def result_label(match: QuoteMatch) -> str:
    """One line of the results list."""
    when = match.date.isoformat() if match.date else "undated"
    what = "exact" if match.exact else f"{len(match.differences)} diff."
    if match.figures:
        what += f", {len(match.figures)} figure{'s' if len(match.figures) != 1 else ''}!"
    place = f"t{turn_number(match.turn)} ¶{match.paragraph}"
    return f"{match.score:5.1f}  {clip(match.speaker, 16)} · {when} · {place} · {what}"


def open_quote_check(main: Any, quote: str = "") -> None:
    """Push the quote check over the main screen (or say why it cannot open yet).

    The main screen's key and palette entry call this; a passage chosen there is shown
    in the main screen's panes (`main.panes.show_passage`).
    """
    index = getattr(main, "index", None)
    if index is None:
        main.notify(
            "The search index is not ready yet: a quote check needs it.", severity="warning"
        )
        return
    main.app.push_screen(QuoteScreen(index, quote), callback=main.panes.show_passage)


class QuoteScreen(Screen[Passage | None]):
    """Check a quote against the library: "did they really say that?"."""

    DEFAULT_CSS = """
    QuoteScreen #quote-text { height: 7; border: round $foreground 25%; }
    QuoteScreen #quote-text:focus { border: round $accent; }
    QuoteScreen #quote-status { height: 1; padding: 0 1; color: $text-muted; }
    QuoteScreen #quote-status.-error { color: $text-error; }
    QuoteScreen #quote-body { height: 1fr; }
    QuoteScreen #quote-results { width: 68; height: 1fr; border: round $foreground 25%; }
    QuoteScreen #quote-results:focus { border: round $accent; }
    QuoteScreen #quote-record-pane { width: 1fr; height: 1fr; border: round $foreground 25%; }
    QuoteScreen #quote-record { padding: 0 1; }
    QuoteScreen.-narrow #quote-text { height: 5; }
    QuoteScreen.-narrow #quote-body { layout: vertical; }
    QuoteScreen.-narrow #quote-results { width: 1fr; height: 7; }
    QuoteScreen.-narrow #quote-record-pane { width: 1fr; }
    """

    NARROW_BELOW = 130
    """Under this many columns the results sit above the record, one line each; from it,
    beside the record in a column wide enough for a line each (they wrapped over three
    lines at 80 columns, and over two at 160)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="quote-back", tooltip="Back to the briefing."),
        Binding("ctrl+r", "check", "Check", id="quote-check", tooltip="Check the quote now."),
        Binding(
            "c",
            "copy",
            "Copy record",
            id="quote-copy",
            tooltip="Copy the record's exact words with their citation.",
        ),
        Binding("slash", "edit", "Edit quote", id="quote-edit", show=False),
    ]

    HELP = """
## Check a quote

Paste the quote into the box: it is checked a moment later (or at once with **ctrl+r**),
even cut short, with words left out (with or without "…"), a few words changed or two
sentences joined. The passages it may come from are listed best first, with their
score (100: word for word). The highlighted one shows the record's words: left out by
the quote underlined, changed ones reversed with the quote's words beside them in ⟨…⟩,
and every figure the quote gives otherwise on its own line. **c** copies the record's
exact words with their citation; **Enter** goes to the passage; **/** edits the quote.
"""

    @dataclass
    class Checked(Message):
        """A quote was checked (in a worker)."""

        quote: str
        result: QuoteCheck

    @dataclass
    class Failed(Message):
        """A quote could not be checked; `message` says why in one line."""

        quote: str
        message: str

    def __init__(self, index: LibraryIndex, quote: str = "") -> None:
        """A quote check over `index`, starting with `quote` if one is given."""
        super().__init__()
        self.checker = QuoteChecker(index)
        self.initial_quote = quote
        self.result: QuoteCheck | None = None
        self.shown: tuple[QuoteMatch, ...] = ()
        self._pending = ""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Quote box, status, results and the record."""
        yield Header()
        yield TextArea(self.initial_quote, id="quote-text", soft_wrap=True, show_line_numbers=False)
        yield Static("Paste or type a quote.", id="quote-status")
        with Horizontal(id="quote-body"):
            yield OptionList(id="quote-results")
            with VerticalScroll(id="quote-record-pane"):
                yield Static("", id="quote-record")
        yield Footer()

    @property
    def quote_box(self) -> TextArea:
        """Where the quote is pasted."""
        return self.query_one("#quote-text", TextArea)

    @property
    def results(self) -> OptionList:
        """The passages found."""
        return self.query_one("#quote-results", OptionList)

    @property
    def selected(self) -> QuoteMatch | None:
        """The highlighted passage, if any."""
        index = self.results.highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        return self.shown[index]

    def on_mount(self) -> None:
        """Check the initial quote, or wait for one."""
        self.title = "Check a quote"
        self.sub_title = "did they really say that?"
        self.quote_box.focus()
        if self.initial_quote.strip():
            self.action_check()

    def on_resize(self, event: events.Resize) -> None:
        """Results above the record in a narrow terminal, beside it in a wide one."""
        self.set_class(event.size.width < self.NARROW_BELOW, "-narrow")

    @on(TextArea.Changed, "#quote-text")
    def _quote_changed(self) -> None:
        """Check the quote a moment after the last change."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_DEBOUNCE, self.action_check)

    def action_check(self) -> None:
        """Check the quote now."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        quote = self.quote_box.text.strip()
        if not quote or quote == self._pending:
            return
        self._pending = quote
        self._status("checking…")
        self.check(quote)

    @work(thread=True, exclusive=True, exit_on_error=False, group="quote")
    def check(self, quote: str) -> None:
        """Check the quote against the library (a thread: the index is read)."""
        try:
            result = self.checker.check(quote, limit=RESULT_LIMIT)
        except PressroomError as error:
            self.post_message(self.Failed(quote, str(error)))
            return
        self.post_message(self.Checked(quote, result))

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        """Show the passages (stale results are dropped)."""
        if event.quote != self._pending:
            return
        self.show_result(event.result)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        """Say why the quote cannot be checked."""
        if event.quote == self._pending:
            self.result = None
            self.shown = ()
            self.results.clear_options()
            self.query_one("#quote-record", Static).update("")
            self._status(event.message, error=True)

    def show_result(self, result: QuoteCheck) -> None:
        """List the passages found (or the nearest) and show the best."""
        self.result = result
        self.shown = result.matches or result.nearest
        results = self.results
        results.clear_options()
        results.add_options(Option(result_label(m)) for m in self.shown)
        if result.found:
            count = len(result.matches)
            self._status(f"{count} passage{'s' if count != 1 else ''} match — best first")
        elif self.shown:
            self._status(
                f"Not found: no passage scores {result.threshold:g} or more. The nearest:",
                error=True,
            )
        else:
            self._status(
                f"Not found: {result.note or 'no passage is anything like it'}.", error=True
            )
        if self.shown:
            results.highlighted = 0
        self._show(self.selected)
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted, "#quote-results")
    def _highlighted(self) -> None:
        """Show the highlighted passage."""
        self._show(self.selected)

    @on(OptionList.OptionSelected, "#quote-results")
    def _chosen(self) -> None:
        """Go to the passage in the briefing."""
        match = self.selected
        if match is not None:
            self.dismiss(Passage(match.transcript, match.turn, match.start, match.end))

    def _show(self, match: QuoteMatch | None) -> None:
        record = self.query_one("#quote-record", Static)
        record.update(record_text(match) if match is not None else "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Copying needs a passage."""
        if action == "copy":
            return self.selected is not None
        return True

    def action_copy(self) -> None:
        """Copy the highlighted record's exact words with their citation."""
        match = self.selected
        if match is None:
            self.notify("Nothing to copy: no passage is shown.", severity="warning")
            return
        app: Any = self.app  # the PressroomApp: its settings and its copy path
        app.copy_text(match.cited(app.settings.citation_format))

    def action_edit(self) -> None:
        """Back to the quote box."""
        self.quote_box.focus()

    def action_close(self) -> None:
        """Back to the briefing."""
        self.dismiss(None)

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#quote-status", Static)
        status.set_class(error, "-error")
        status.update(text)
