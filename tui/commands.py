"""Command palette providers: jump to a question or a speaker, copy, change the view, export,
filter, mark.

Entries are prefixed by category (`jump to question:`, `jump to speaker:`, `jump to
briefing:`, `copy:`, `view:`, `export:`, `filter:`, `mark:`, `open:`) so that typing the
category narrows the palette to it. Questions and speakers are those of the briefing on
show (a library can hold thousands); `jump to briefing:` opens another one.

Every entry is a `PaletteRow` that posts an intent (`tui.messages.Intent`) to the screen,
which does the work exactly as the matching key would. A provider is a table: a fixed
`ROWS` tuple, or a `rows()` method that builds them from the screen on show. To add a
command, add a row; to add a category, add a provider and list it in a screen's
`COMMANDS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.message import Message

from tui import messages
from tui.protocols import LibraryBrowser, PressroomShell
from tui.view_model import (
    LIST_ORDER_NAMES,
    LIST_ORDERS,
    Outline,
    briefing_title,
    event_date,
    people_of,
)


@dataclass(frozen=True)
class PaletteRow:
    """A palette entry: its text, its help line, and the intent it posts when chosen."""

    text: str
    help: str
    intent: Callable[[], Message]
    """Makes the message to post (a new one each time: a message is delivered once)."""


class TableProvider(Provider):
    """A provider whose commands are rows of a table."""

    ROWS: ClassVar[tuple[PaletteRow, ...]] = ()
    """The rows of a provider whose commands never change."""

    def rows(self) -> Iterable[PaletteRow]:
        """The commands on offer (by default `ROWS`)."""
        return self.ROWS

    def _post(self, row: PaletteRow) -> Callable[[], object]:
        screen = self.screen
        return lambda: screen.post_message(row.intent())

    async def discover(self) -> Hits:
        """Every command, shown when the palette opens with nothing typed."""
        for row in self.rows():
            yield DiscoveryHit(Content(row.text), self._post(row), help=_plain(row.help))

    async def search(self, query: str) -> Hits:
        """Commands matching what was typed, best first."""
        matcher = self.matcher(query)
        for row in self.rows():
            score = matcher.match(row.text)
            if score > 0:
                yield Hit(
                    score, _highlight(matcher, row.text), self._post(row), help=_plain(row.help)
                )

    def browser(self) -> LibraryBrowser | None:
        """The screen on show, if it shows a library."""
        screen = self.screen
        return screen if isinstance(screen, LibraryBrowser) else None

    def current_outline(self) -> Outline | None:
        """The outline of the briefing on show, or None."""
        browser = self.browser()
        if browser is None or browser.library is None:
            return None
        return browser.library.outline(browser.current_transcript)


def _highlight(matcher: Matcher, text: str) -> Content:
    """`text` with the letters the query matched highlighted, never read as markup.

    `Matcher.highlight` parses its argument as Textual markup; these rows hold names,
    titles and questions from transcripts, where `[/]` is just text (and would crash it).
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _plain(help_text: str) -> Any:
    """A help line the palette shows as written (it holds roles and questions from
    transcripts): the palette reads a `str` as markup but takes a `Content` as it is."""
    return Content(help_text)


class QuestionCommands(TableProvider):
    """jump to question: a question of the briefing on show (or its opening or closing)."""

    def rows(self) -> Iterator[PaletteRow]:
        """One row per entry of the briefing on show."""
        outline = self.current_outline()
        for entry in () if outline is None else outline.entries:
            yield PaletteRow(
                f"jump to question: {entry.label}",
                entry.summary,
                partial(messages.JumpToEntry, entry.key),
            )


class SpeakerCommands(TableProvider):
    """jump to speaker: a speaker's turn, one row per question they answer in this briefing."""

    def rows(self) -> Iterator[PaletteRow]:
        """One row per (speaker, entry) of the briefing on show."""
        outline = self.current_outline()
        if outline is None:
            return
        transcript = outline.transcript
        for entry in outline.entries:
            seen: set[str] = set()
            for turn_index in entry.answer_turns:
                name = outline.turn(turn_index).speaker
                if name in seen:
                    continue
                seen.add(name)
                speaker = transcript.speaker(name)
                role = speaker.role if speaker is not None and speaker.role else ""
                yield PaletteRow(
                    f"jump to speaker: {name} → {entry.label}",
                    role or entry.summary,
                    partial(messages.JumpToEntry, entry.key, turn_index),
                )


class BriefingCommands(TableProvider):
    """jump to briefing: open another briefing of the library (by date and title)."""

    def rows(self) -> Iterator[PaletteRow]:
        """One row per loaded briefing, when there are several."""
        browser = self.browser()
        library = None if browser is None else browser.library
        if library is None or len(library.outlines) < 2:
            return
        for outline in library.outlines:
            first = outline.first_question
            if first is None:
                continue
            transcript = outline.transcript
            date = event_date(transcript) or transcript.id[:8]
            yield PaletteRow(
                f"jump to briefing: {date} {briefing_title(transcript)}",
                f"{len(outline.entries)} entries · {transcript.location or ''}".rstrip(" ·"),
                partial(messages.JumpToEntry, first),
            )


class CopyCommands(TableProvider):
    """copy: the passage, the answer or the figure, with a citation."""

    ROWS = (
        PaletteRow(
            "copy: paragraph with citation",
            "The current paragraph of the answer view (key c).",
            messages.CopyParagraph,
        ),
        PaletteRow(
            "copy: whole answer with citation",
            "Every answer turn on show (key C).",
            messages.CopyAnswer,
        ),
        PaletteRow(
            "copy: figure with citation",
            "The figure selected in the sidebar, with its sentence (key y).",
            messages.CopyFigure,
        ),
    )


#: The citation forms and what a copy becomes in each.
CITATION_FORMS = (
    ("plain", '"passage" — Speaker, role, event, place, date (file, turn N)'),
    ("markdown", "a Markdown blockquote ending with the attribution"),
)


class ViewCommands(TableProvider):
    """view: citation form, figures sidebar."""

    def rows(self) -> Iterator[PaletteRow]:
        """Citation forms and the sidebar toggle."""
        current = cast(PressroomShell, self.app).settings.citation_format
        for name, what in CITATION_FORMS:
            mark = " (in use)" if name == current else ""
            yield PaletteRow(
                f"view: citation format {name}{mark}",
                f"Copies become {what}; remembered for next time.",
                partial(messages.SetCitationFormat, name),
            )
        yield PaletteRow(
            "view: show or hide the figures sidebar",
            "The metrics sidebar (key f).",
            messages.ToggleFigures,
        )


class InsightCommands(TableProvider):
    """view: the figures ledger, speakers and outlets, keyword in context."""

    ROWS = (
        PaletteRow(
            "view: figures ledger",
            "Every figure across the library, grouped by measure (key L).",
            partial(messages.OpenInsight, "ledger"),
        ),
        PaletteRow(
            "view: speakers and outlets",
            "Turns and words by speaker, questions by outlet, who answered whom (key S).",
            partial(messages.OpenInsight, "stats"),
        ),
        PaletteRow(
            "view: keyword in context",
            "Every occurrence of a word or a phrase with aligned context (key K).",
            partial(messages.OpenInsight, "kwic"),
        ),
        PaletteRow(
            "check a quote…",
            "Paste a quote: the passage it came from, who said it, and every word and "
            "figure the quote gives otherwise (key Q).",
            messages.CheckQuote,
        ),
    )


class ExportCommands(TableProvider):
    """export: write the current view to a JSON, CSV or Markdown file and say where."""

    def rows(self) -> Iterator[PaletteRow]:
        """One row per format (into the current folder) and one that asks for a folder."""
        from search_index.insights.export import FORMAT_NAMES

        for fmt, name in FORMAT_NAMES.items():
            yield PaletteRow(
                f"export: current view as {name}",
                "Search hits, questions, ledger, statistics or KWIC lines as shown, "
                "into the current folder.",
                partial(messages.ExportView, fmt),
            )
        yield PaletteRow(
            "export: current view to a folder…",
            "Choose the folder and the format.",
            messages.ExportView,
        )


class MarkCommands(TableProvider):
    """mark: the paragraph, the answer or the figure; view: the marks; open: the source."""

    ROWS = (
        PaletteRow(
            "mark: current paragraph (or the range chosen)",
            "For the clip sheet; again to unmark (key m in the answer).",
            partial(messages.MarkPassage, "paragraph"),
        ),
        PaletteRow(
            "mark: whole answer",
            "Every answer turn on show (key m in the question list).",
            partial(messages.MarkPassage, "answer"),
        ),
        PaletteRow(
            "mark: selected figure",
            "With its sentence (key m in the figures sidebar).",
            partial(messages.MarkPassage, "figure"),
        ),
        PaletteRow(
            "view: marks (the clip sheet)",
            "Every mark with its citation: copy all, export, remove (key M).",
            messages.OpenMarks,
        ),
        PaletteRow(
            "open: transcript in the editor at this turn",
            "$VISUAL or $EDITOR; the app comes back where it was (key e).",
            messages.OpenSource,
        ),
    )


class FilterCommands(TableProvider):
    """filter: one person's questions, briefings by date, clear; view: the results' order.

    A row per person of the library is offered once something is typed (a large library
    has thousands of people: the palette opens on the other rows)."""

    def fixed_rows(self) -> Iterator[PaletteRow]:
        """The filters and the orders."""
        yield PaletteRow(
            "filter: a person…",
            "Choose an official, an outlet or a reporter (key p).",
            messages.FilterByPerson,
        )
        yield PaletteRow(
            "filter: briefings by date or title…",
            "date:2021-04, date:[2021-01 TO 2021-06], words of the title (key b).",
            messages.FilterBriefings,
        )
        yield PaletteRow(
            "filter: clear", "Every question of every briefing (key x).", messages.ClearFilters
        )
        for order in LIST_ORDERS:
            yield PaletteRow(
                f"view: results {LIST_ORDER_NAMES[order]}",
                "How search results and a person's questions are ordered (key o).",
                partial(messages.OrderList, order),
            )

    def rows(self) -> Iterator[PaletteRow]:
        """The filters and the orders, then a row per person of the library."""
        yield from self.fixed_rows()
        browser = self.browser()
        library = None if browser is None else browser.library
        if library is None:
            return
        for person in people_of(library):
            questions = "question" if person.questions == 1 else "questions"
            briefings = "briefing" if person.briefings == 1 else "briefings"
            yield PaletteRow(
                f"filter: {person.filter.describe()}",
                f"{person.questions} {questions} in {person.briefings} {briefings}",
                partial(messages.FilterByPerson, person.filter),
            )

    async def discover(self) -> Hits:
        """The filters and the orders (people are found by typing)."""
        for row in self.fixed_rows():
            yield DiscoveryHit(row.text, self._post(row), help=row.help)


class ClipSheetCommands(TableProvider):
    """copy: every mark; export: the clip sheet as Markdown or plain text (marks screen)."""

    ROWS = (
        PaletteRow(
            "copy: every mark with its citation",
            "The clip sheet in the citation form in use (key C).",
            messages.CopyClipSheet,
        ),
        PaletteRow(
            "export: clip sheet as Markdown",
            "pressroom-marks.md in the current folder.",
            partial(messages.WriteClipSheet, "markdown"),
        ),
        PaletteRow(
            "export: clip sheet as plain text",
            "pressroom-marks.txt in the current folder.",
            partial(messages.WriteClipSheet, "text"),
        ),
        PaletteRow(
            "export: clip sheet to a folder…",
            "Choose the folder and the form (key w).",
            messages.WriteClipSheet,
        ),
    )


#: The main screen's palette providers (a screen lists its own in `COMMANDS`).
MAIN_SCREEN_COMMANDS: set[type[Provider] | Callable[[], type[Provider]]] = {
    BriefingCommands,
    QuestionCommands,
    SpeakerCommands,
    CopyCommands,
    ViewCommands,
    InsightCommands,
    ExportCommands,
    MarkCommands,
    FilterCommands,
}
