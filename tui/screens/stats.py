"""The speakers and outlets screen (key S): who spoke how much, who asked, who answered.

The left tables count turns and words by speaker and questions by outlet (with who
answered them), across the library or for one briefing. Enter on a speaker or an outlet
filters the question list on the right to the questions that speaker answered (or that
outlet asked); `a` lists every question again; Enter on a question goes to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Select, Static

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
from tui.screens.tables import BatchFiller, clip
from tui.view_model import Passage


class StatsScreen(Screen[Passage | None]):
    """Turns and words by speaker, questions by outlet, and who answered whom."""

    DEFAULT_CSS = """
    StatsScreen #stats-top { height: 3; padding: 0 1; }
    StatsScreen #stats-scope { width: 60; }
    StatsScreen #stats-summary { width: 1fr; padding: 1 1 0 1; color: $text-muted; }
    StatsScreen #stats-left { width: 1fr; }
    StatsScreen #stats-right { width: 1fr; }
    StatsScreen DataTable { height: 1fr; border: round $foreground 25%; }
    StatsScreen DataTable:focus { border: round $accent; }
    StatsScreen #stats-filter { height: 1; padding: 0 1; color: $text-accent; }
    """

    COMMANDS = {ExportCommands}  # noqa: RUF012

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
question goes to it. Pick one briefing or the whole library at the top.
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
        self._question_filler = BatchFiller(self)

    def compose(self) -> ComposeResult:
        """Scope picker, facet tables, question list."""
        yield Header()
        with Horizontal(id="stats-top"):
            yield Select[str]([], prompt="All briefings", id="stats-scope")
            yield Static("counting…", id="stats-summary")
        with Horizontal():
            with Vertical(id="stats-left"):
                yield DataTable(id="stats-speakers", cursor_type="row")
                yield DataTable(id="stats-outlets", cursor_type="row")
            with Vertical(id="stats-right"):
                yield Static("All questions", id="stats-filter", markup=False)
                yield DataTable(id="stats-questions", cursor_type="row")
        yield Footer()

    def _table(self, name: str) -> DataTable[str | Text]:
        return self.query_one(f"#stats-{name}", DataTable)

    def on_mount(self) -> None:
        """Set up the tables and start counting."""
        self.title = "Speakers and outlets"
        self.sub_title = f"{len(self.transcripts)} briefings"
        speakers = self._table("speakers")
        speakers.border_title = "Speakers"
        for label, width in (("Speaker", 24), ("Kind", 9), ("Turns", 6), ("Words", 8)):
            speakers.add_column(label, width=width)
        outlets = self._table("outlets")
        outlets.border_title = "Outlets"
        for label, width in (("Outlet", 22), ("Questions", 9), ("Answered by", 36)):
            outlets.add_column(label, width=width)
        questions = self._table("questions")
        questions.border_title = "Questions"
        for label, width in (
            ("Briefing", 10),
            ("#", 2),
            ("Asked by", 18),
            ("Answered by", 22),
            ("Question", 60),
        ):
            questions.add_column(label, width=width)
        speakers.focus()
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
            summary = f"{per.turns} turns · {per.words:,} words · {per.questions} questions"
        else:
            self.speakers, self.outlets, answers = stats.speakers, stats.outlets, stats.answers
            summary = (
                f"{len(stats.transcripts)} briefings · {stats.turns} turns · "
                f"{stats.words:,} words · {stats.questions} questions"
            )
        self.query_one("#stats-summary", Static).update(summary)
        speakers = self._table("speakers")
        speakers.clear()
        for s in self.speakers:
            speakers.add_row(
                Text(clip(s.speaker, 24)),
                s.kind,
                Text(str(s.turns), justify="right"),
                Text(f"{s.words:,}", justify="right"),
            )
        outlets = self._table("outlets")
        outlets.clear()
        for o in self.outlets:
            outlets.add_row(
                Text(clip(o.outlet, 22)),
                Text(str(o.questions), justify="right"),
                Text(clip(_answered(o.outlet, answers), 36)),
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
        self._question_filler.fill(self._table("questions"), len(rows), self._question_cells)
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
            Text(str(row.number), justify="right"),
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

    @on(DataTable.RowSelected, "#stats-speakers")
    def _speaker_selected(self, event: DataTable.RowSelected) -> None:
        """Only the questions this speaker answered (or, for an outlet, asked)."""
        if 0 <= event.cursor_row < len(self.speakers):
            self.filter_by_speaker(self.speakers[event.cursor_row].speaker)

    @on(DataTable.RowSelected, "#stats-outlets")
    def _outlet_selected(self, event: DataTable.RowSelected) -> None:
        """Only the questions this outlet asked."""
        if 0 <= event.cursor_row < len(self.outlets):
            self.filter_by_outlet(self.outlets[event.cursor_row].outlet)

    @on(DataTable.RowSelected, "#stats-questions")
    def _question_selected(self, event: DataTable.RowSelected) -> None:
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

    def export_report(self) -> Report | None:
        """The counts of the scope and the question list as shown."""
        if self.stats is None:
            return None
        chosen = [t for t in self.transcripts if self.scope is None or t.id == self.scope]
        counts = stats_report(library_stats(chosen))
        questions = exchanges_report(self.questions).tables
        return Report("stats", counts.title, (*counts.tables, *questions))


def _answered(outlet: str, answers: Sequence[AnswerStat]) -> str:
    return ", ".join(
        f"{a.answered_by} ×{a.questions}" if a.questions > 1 else a.answered_by
        for a in answers
        if a.outlet == outlet
    )
