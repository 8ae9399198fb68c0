"""The speakers and outlets screen (key S): who spoke how much, who asked, who answered.

The left tables count turns and words by speaker and questions by outlet (with who
answered them), across the library or for one briefing. Enter on a speaker or an outlet
filters the question list on the right to the questions that speaker answered (or that
outlet asked); `a` lists every question again; Enter on a question goes to it.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Select, Static

from search_index.insights.export import Report, exchanges_report, stats_report
from search_index.insights.stats import (
    AnswerStat,
    LibraryStats,
    OutletStat,
    QuestionRow,
    SpeakerStat,
    library_stats,
    question_rows,
)
from search_index.models import Transcript
from tui.commands import ExportCommands
from tui.protocols import ReportBuilder
from tui.screens.tables import clip
from tui.view_model import Passage, counted
from tui.widgets import Column, VirtualTable

_SPEAKER_COLUMNS = (
    Column("speaker", "Speaker", 24, priority=9),
    Column("kind", "Kind", 9, priority=5),
    Column("turns", "Turns", 6, "right", priority=7),
    Column("words", "Words", 8, "right", priority=6),
)
_OUTLET_COLUMNS = (
    Column("outlet", "Outlet", 22, priority=9),
    Column("questions", "Questions", 9, "right", priority=8),
    Column("answered", "Answered by", 36, priority=7),
)
_QUESTION_COLUMNS = (
    Column("date", "Briefing", 10, priority=6),
    Column("number", "#", 2, "right", priority=7),
    Column("asker", "Asked by", 18, priority=8),
    Column("answered", "Answered by", 22, priority=5),
    Column("question", "Question", 60, priority=9),
)


class StatsScreen(Screen[Passage | None]):
    """Turns and words by speaker, questions by outlet, and who answered whom."""

    DEFAULT_CSS = """
    StatsScreen #stats-top { height: 3; padding: 0 1; }
    StatsScreen #stats-scope { width: 60; }
    StatsScreen.-narrow #stats-scope { width: 1fr; }
    StatsScreen.-narrow #stats-summary { display: none; }
    StatsScreen.-one-briefing #stats-top { display: none; }
    StatsScreen #stats-summary { width: 1fr; padding: 1 1 0 1; color: $text-muted; }
    StatsScreen #stats-left { width: 1fr; }
    StatsScreen #stats-right { width: 1fr; }
    StatsScreen VirtualTable { height: 1fr; border: round $foreground 25%; }
    StatsScreen VirtualTable:focus { border: round $accent; }
    StatsScreen #stats-filter { height: 1; padding: 0 1; color: $text-accent; }
    """

    COMMANDS = {ExportCommands}  # noqa: RUF012

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="stats-back", tooltip="Back to the briefing."),
        Binding(
            "a",
            "all_questions",
            "All questions",
            id="stats-all",
            tooltip="Stop filtering the question list.",
        ),
    ]

    HELP = """
## Speakers and outlets

Turns and words by speaker, questions by outlet and who answered them. **Enter** on a
speaker or an outlet lists only their questions; **a** lists all again; **Enter** on a
question goes to it. Pick one briefing or the whole library at the top. **Tab** goes from
table to table; **j / k**, **PgDn / PgUp**, **g / G** move.
"""

    @dataclass
    class Counted(Message):
        """The statistics were computed in a worker."""

        stats: LibraryStats
        questions: list[QuestionRow]

    def __init__(self, transcripts: Sequence[Transcript]) -> None:
        """Statistics over `transcripts` (counted in a worker once the screen shows)."""
        super().__init__()
        self.transcripts = list(transcripts)
        self.stats: LibraryStats | None = None
        self.all_questions: list[QuestionRow] = []
        self.scope: str | None = None
        """The id of the briefing the tables count, or None for the whole library."""
        self.speaker_filter: str | None = None
        self.outlet_filter: str | None = None
        self.speakers: tuple[SpeakerStat, ...] = ()
        self.outlets: tuple[OutletStat, ...] = ()
        self.questions: list[QuestionRow] = []

    def compose(self) -> ComposeResult:
        """Scope picker, facet tables, question list."""
        yield Header()
        with Horizontal(id="stats-top"):
            yield Select[str]([], prompt="All briefings", id="stats-scope")
            yield Static("counting…", id="stats-summary")
        with Horizontal():
            with Vertical(id="stats-left"):
                yield VirtualTable(id="stats-speakers")
                yield VirtualTable(id="stats-outlets")
            with Vertical(id="stats-right"):
                yield Static("All questions", id="stats-filter", markup=False)
                yield VirtualTable(id="stats-questions")
        yield Footer()

    def _table(self, name: str) -> VirtualTable:
        return self.query_one(f"#stats-{name}", VirtualTable)

    def on_mount(self) -> None:
        """Set up the tables and start counting."""
        self.title = "Speakers and outlets"
        self.sub_title = counted(len(self.transcripts), "briefing")
        for name, columns in (
            ("speakers", _SPEAKER_COLUMNS),
            ("outlets", _OUTLET_COLUMNS),
            ("questions", _QUESTION_COLUMNS),
        ):
            table = self._table(name)
            table.border_title = name.capitalize()
            table.set_columns(columns)
        self._table("speakers").focus()
        self.count()

    @work(thread=True, exclusive=True, exit_on_error=False, group="stats")
    def count(self) -> None:
        """Count everything once."""
        self.post_message(
            self.Counted(library_stats(self.transcripts), question_rows(self.transcripts))
        )

    @on(Counted)
    def _counted(self, event: Counted) -> None:
        """Offer the briefings as scopes and fill the tables."""
        self.stats = event.stats
        self.all_questions = event.questions
        gc.freeze()  # counted once, kept as long as the screen: not for the collector to scan
        picker = self.query_one("#stats-scope", Select)
        if len(event.stats.transcripts) > 1:
            picker.set_options(
                (
                    Text(clip(f"{t.date.isoformat() if t.date else '—'} {t.title}", 56)),
                    t.transcript_id,
                )
                for t in event.stats.transcripts
            )
        else:
            picker.display = False
            self.add_class("-one-briefing")  # the header says what the summary would
        self.refresh_tables()

    # --- filling ---------------------------------------------------------------------

    def refresh_tables(self) -> None:
        """Refill the facet tables for the scope, then the question list."""
        stats = self.stats
        if stats is None:
            return
        per = stats.transcript(self.scope) if self.scope else None
        if per is not None:
            self.speakers, self.outlets, answers = per.speakers, per.outlets, per.answers
            counts = [(per.turns, "turn"), (per.words, "word"), (per.questions, "question")]
        else:
            self.speakers, self.outlets, answers = stats.speakers, stats.outlets, stats.answers
            counts = [
                (len(stats.transcripts), "briefing"),
                (stats.turns, "turn"),
                (stats.words, "word"),
                (stats.questions, "question"),
            ]
        summary = " · ".join(counted(count, noun) for count, noun in counts)
        self.query_one("#stats-summary", Static).update(summary)
        self.sub_title = summary
        speakers, outlets = self.speakers, self.outlets
        self._table("speakers").show_rows(
            len(speakers),
            lambda n: (
                clip(speakers[n].speaker, 24),
                speakers[n].kind,
                str(speakers[n].turns),
                f"{speakers[n].words:,}",
            ),
        )
        self._table("outlets").show_rows(
            len(outlets),
            lambda n: (
                clip(outlets[n].outlet, 22),
                str(outlets[n].questions),
                clip(_answered(outlets[n].outlet, answers), 36),
            ),
        )
        self.refresh_questions()

    def refresh_questions(self) -> None:
        """Refill the question list for the scope and the chosen speaker or outlet."""
        rows = [
            row
            for row in self.all_questions
            if (self.scope is None or row.transcript_id == self.scope)
            and (self.outlet_filter is None or row.asker == self.outlet_filter)
            and (
                self.speaker_filter is None
                or self.speaker_filter in row.answered_by
                or self.speaker_filter == row.asker
            )
        ]
        self.questions = rows
        self._table("questions").show_rows(len(rows), self._question_cells)
        if self.speaker_filter is not None:
            kinds = {s.speaker: s.kind for s in self.speakers}
            verb = "asked" if kinds.get(self.speaker_filter) == "press" else "answered"
            label = f"Questions {self.speaker_filter} {verb}"
        elif self.outlet_filter is not None:
            label = f"Questions {self.outlet_filter} asked"
        else:
            label = "All questions"
        self.query_one("#stats-filter", Static).update(f"{label} ({len(rows)}) · a: all")

    def _question_cells(self, number: int) -> tuple[str | Text, ...]:
        row = self.questions[number]
        return (
            row.date.isoformat() if row.date else "—",
            str(row.number),
            clip(row.asker, 18),
            clip(", ".join(row.answered_by) or "(no answer)", 22),
            clip(row.summary, 60),
        )

    # --- events ----------------------------------------------------------------------

    @on(Select.Changed, "#stats-scope")
    def _scope_changed(self, event: Select.Changed) -> None:
        """Count one briefing, or the whole library."""
        self.scope = event.value if isinstance(event.value, str) else None
        self.speaker_filter = self.outlet_filter = None
        self.refresh_tables()

    @on(VirtualTable.RowSelected, "#stats-speakers")
    def _speaker_selected(self, event: VirtualTable.RowSelected) -> None:
        """Only the questions this speaker answered (or, for an outlet, asked)."""
        if 0 <= event.cursor_row < len(self.speakers):
            self.filter_by_speaker(self.speakers[event.cursor_row].speaker)

    @on(VirtualTable.RowSelected, "#stats-outlets")
    def _outlet_selected(self, event: VirtualTable.RowSelected) -> None:
        """Only the questions this outlet asked."""
        if 0 <= event.cursor_row < len(self.outlets):
            self.filter_by_outlet(self.outlets[event.cursor_row].outlet)

    @on(VirtualTable.RowSelected, "#stats-questions")
    def _question_selected(self, event: VirtualTable.RowSelected) -> None:
        """Go to the question."""
        if 0 <= event.cursor_row < len(self.questions):
            row = self.questions[event.cursor_row]
            self.dismiss(Passage(row.transcript_id, row.question_turn))

    def filter_by_speaker(self, name: str) -> None:
        """List the questions `name` answered (or asked)."""
        self.speaker_filter, self.outlet_filter = name, None
        self.refresh_questions()

    def filter_by_outlet(self, name: str) -> None:
        """List the questions the outlet `name` asked."""
        self.speaker_filter, self.outlet_filter = None, name
        self.refresh_questions()

    def action_all_questions(self) -> None:
        """List every question of the scope again."""
        self.speaker_filter = self.outlet_filter = None
        self.refresh_questions()

    def action_close(self) -> None:
        """Back to the briefing."""
        self.dismiss(None)

    def report_builder(self) -> ReportBuilder | None:
        """The counts of the scope and the question list as shown."""
        if self.stats is None:
            return None
        chosen = [t for t in self.transcripts if self.scope is None or t.id == self.scope]
        return partial(_stats_report, chosen, list(self.questions))


def _stats_report(transcripts: Sequence[Transcript], questions: Sequence[QuestionRow]) -> Report:
    """The counts over `transcripts`, then the `questions` listed."""
    counts = stats_report(library_stats(transcripts))
    listed = exchanges_report(questions).tables
    return Report("stats", counts.title, (*counts.tables, *listed))


def _answered(outlet: str, answers: Sequence[AnswerStat]) -> str:
    return ", ".join(
        f"{a.answered_by} ×{a.questions}" if a.questions > 1 else a.answered_by
        for a in answers
        if a.outlet == outlet
    )
