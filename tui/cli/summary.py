"""A readable Rich summary of a parsed transcript."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from search_index.models import Transcript
from tui.cli.output import console as rich_console
from tui.cli.output import print_streamed


def print_summary(transcript: Transcript, console: Console | None = None) -> None:
    """Print header, speakers and a table of exchanges."""
    console = console or rich_console()
    title = transcript.title or "(untitled briefing)"
    console.print(Text(title, style="bold"))
    facts = [
        transcript.date.isoformat() if transcript.date else "date unknown",
        transcript.location or "place unknown",
        f"{len(transcript.turns)} turns",
        f"{len(transcript.exchanges)} questions",
    ]
    console.print(Text(" · ".join(facts), style="dim"))
    console.print(Text(f"source: {transcript.source}  id: {transcript.id}", style="dim"))
    for warning in transcript.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))

    speakers = Table(title="Speakers", title_justify="left", expand=False)
    speakers.add_column("Name", style="bold")
    speakers.add_column("Kind")
    speakers.add_column("Role", overflow="fold")
    speakers.add_column("Turns", justify="right")
    counts = Counter(turn.speaker for turn in transcript.turns)
    for speaker in transcript.speakers:
        speakers.add_row(
            Text(speaker.name),
            speaker.kind.value,
            Text(speaker.role or ""),
            str(counts[speaker.name]),
        )
    print_streamed(console, speakers)

    exchanges = Table(title="Questions", title_justify="left", expand=False)
    exchanges.add_column("#", justify="right")
    exchanges.add_column("Asked by")
    exchanges.add_column("Question", overflow="fold", max_width=60)
    exchanges.add_column("Answered by")
    exchanges.add_column("Turns")
    for exchange in transcript.exchanges:
        question = transcript.turns[exchange.question_turn].text
        first_words = question if len(question) <= 90 else question[:89].rstrip() + "…"
        answered = ", ".join(exchange.answered_by) or "(no answer)"
        if exchange.handoff_to:
            answered += f"  (handed to {exchange.handoff_to})"
        turns = ", ".join(str(i) for i in (exchange.question_turn, *exchange.answer_turns))
        exchanges.add_row(
            str(exchange.index + 1), Text(exchange.asker), Text(first_words), Text(answered), turns
        )
    print_streamed(console, exchanges)
