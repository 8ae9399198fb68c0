"""Command palette providers: jump to a question or a speaker, copy, change the view.

Entries are prefixed by category (`jump to question:`, `jump to speaker:`, `jump to
briefing:`, `copy:`, `view:`) so that typing the category narrows the palette to it.
Questions and speakers are those of the briefing on show (a library can hold thousands);
`jump to briefing:` opens another one. Each
command posts a `tui.messages.Command` to the main screen, which does the work exactly as
the matching key would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.message import Message

from tui import messages

if TYPE_CHECKING:
    from tui.screens.main import MainScreen
    from tui.view_model import Outline

Row = tuple[str, str, Message]
"""A palette entry: its text, its help line and the message it posts."""


class _MainScreenProvider(Provider):
    """A provider whose commands come from a table built off the main screen's state."""

    def _main(self) -> MainScreen | None:
        from tui.screens.main import MainScreen

        screen = self.screen
        return screen if isinstance(screen, MainScreen) else None

    def rows(self, screen: MainScreen) -> Iterator[Row]:
        """The commands on offer."""
        raise NotImplementedError

    def _post(self, message: Message) -> Callable[[], object]:
        screen = self.screen
        return partial(screen.post_message, message)

    async def discover(self) -> Hits:
        """Every command, shown when the palette opens with nothing typed."""
        screen = self._main()
        if screen is None:
            return
        for text, help_text, message in self.rows(screen):
            yield DiscoveryHit(Content(text), self._post(message), help=_plain(help_text))

    async def search(self, query: str) -> Hits:
        """Commands matching what was typed, best first."""
        screen = self._main()
        if screen is None:
            return
        matcher = self.matcher(query)
        for text, help_text, message in self.rows(screen):
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, _highlight(matcher, text), self._post(message), help=_plain(help_text)
                )


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


def _current_outline(screen: MainScreen) -> Outline | None:
    """The outline of the briefing on show."""
    library = screen.library
    if library is None or screen.current_transcript is None:
        return None
    return library.outline(screen.current_transcript)


class QuestionCommands(_MainScreenProvider):
    """jump to question: a question of the briefing on show (or its opening or closing)."""

    def rows(self, screen: MainScreen) -> Iterator[Row]:
        """One row per entry of the briefing on show."""
        outline = _current_outline(screen)
        if outline is None:
            return
        for entry in outline.entries:
            yield (
                f"jump to question: {entry.label}",
                entry.summary,
                messages.JumpToEntry(entry.key),
            )


class SpeakerCommands(_MainScreenProvider):
    """jump to speaker: a speaker's turn, one row per question they answer in this briefing."""

    def rows(self, screen: MainScreen) -> Iterator[Row]:
        """One row per (speaker, entry) of the briefing on show."""
        outline = _current_outline(screen)
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
                yield (
                    f"jump to speaker: {name} → {entry.label}",
                    role or entry.summary,
                    messages.JumpToEntry(entry.key, turn_index),
                )


class BriefingCommands(_MainScreenProvider):
    """jump to briefing: open another briefing of the library (by date and title)."""

    def rows(self, screen: MainScreen) -> Iterator[Row]:
        """One row per loaded briefing, when there are several."""
        library = screen.library
        if library is None or len(library.outlines) < 2:
            return
        for outline in library.outlines:
            if not outline.entries:
                continue
            transcript = outline.transcript
            date = transcript.date.isoformat() if transcript.date else transcript.id[:8]
            title = " ".join((transcript.title or transcript.source).split())
            first = next((e for e in outline.entries if e.kind == "exchange"), outline.entries[0])
            yield (
                f"jump to briefing: {date} {title}",
                f"{len(outline.entries)} entries · {transcript.location or ''}".rstrip(" ·"),
                messages.JumpToEntry(first.key),
            )


class CopyCommands(_MainScreenProvider):
    """copy: the passage, the answer or the figure, with a citation."""

    def rows(self, screen: MainScreen) -> Iterator[Row]:
        """The three copy commands."""
        yield (
            "copy: paragraph with citation",
            "The current paragraph of the answer view (key c).",
            messages.CopyParagraph(),
        )
        yield (
            "copy: whole answer with citation",
            "Every answer turn on show (key C).",
            messages.CopyAnswer(),
        )
        yield (
            "copy: figure with citation",
            "The figure selected in the sidebar, with its sentence (key y).",
            messages.CopyFigure(),
        )


class ViewCommands(_MainScreenProvider):
    """view: citation form, figures sidebar."""

    def rows(self, screen: MainScreen) -> Iterator[Row]:
        """Citation forms and the sidebar toggle."""
        current = screen.pressroom.settings.citation_format
        for name, what in (
            ("plain", '"passage" — Speaker, role, event, place, date (file, turn N)'),
            ("markdown", "a Markdown blockquote ending with the attribution"),
        ):
            mark = " (in use)" if name == current else ""
            yield (
                f"view: citation format {name}{mark}",
                f"Copies become {what}; remembered for next time.",
                messages.SetCitationFormat(name),
            )
        yield (
            "view: show or hide the figures sidebar",
            "The metrics sidebar (key f).",
            messages.ToggleFigures(),
        )


class _CallbackProvider(Provider):
    """A provider over a table of (text, help, callback) rows for the screen in use."""

    def callback_rows(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """The commands on offer."""
        raise NotImplementedError

    async def discover(self) -> Hits:
        """Every command, shown when the palette opens with nothing typed."""
        for text, help_text, callback in self.callback_rows():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands matching what was typed, best first."""
        matcher = self.matcher(query)
        for text, help_text, callback in self.callback_rows():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)


class ExportCommands(_CallbackProvider):
    """export: write the current view to a JSON, CSV or Markdown file and say where."""

    def callback_rows(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """One row per format (into the current folder) and one that asks for a folder."""
        from tui.screens.export import FORMAT_NAMES, ask_and_export, export_view

        screen = self.screen
        for fmt, name in FORMAT_NAMES.items():
            yield (
                f"export: current view as {name}",
                "Search hits, questions, ledger, statistics or KWIC lines as shown, "
                "into the current folder.",
                partial(export_view, screen, fmt),
            )
        yield (
            "export: current view to a folder…",
            "Choose the folder and the format.",
            partial(ask_and_export, screen),
        )


class InsightCommands(_CallbackProvider):
    """view: the figures ledger, speakers and outlets, keyword in context."""

    def callback_rows(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """The three across-the-library screens."""
        from tui.screens.insights import open_insight

        screen = self.screen
        yield (
            "view: figures ledger",
            "Every figure across the library, grouped by measure (key L).",
            partial(open_insight, screen, "ledger"),
        )
        yield (
            "view: speakers and outlets",
            "Turns and words by speaker, questions by outlet, who answered whom (key S).",
            partial(open_insight, screen, "stats"),
        )
        yield (
            "view: keyword in context",
            "Every occurrence of a word or a phrase with aligned context (key K).",
            partial(open_insight, screen, "kwic"),
        )
