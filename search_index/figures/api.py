"""Figures of turns and transcripts, and how to show a figure's normalised value."""

from __future__ import annotations

from collections.abc import Iterator

from search_index.figures.currency import implied_dollar
from search_index.figures.extract import extract_figures_from_text, iter_figures_from_text
from search_index.figures.models import Figure
from search_index.models import Transcript, Turn

__all__ = [
    "extract_figures",
    "extract_figures_from_text",
    "figures_of_transcript",
    "format_value",
    "implied_dollar",
    "iter_figures",
]


def extract_figures(turn: Turn, dollar: str | None = None) -> list[Figure]:
    """Every figure in `turn`'s text, sorted by start offset within that text.

    `dollar` is the currency a bare "$" stands for in the turn's transcript
    (`implied_dollar(transcript)`); None leaves it "$". `figures_of_transcript` passes it.
    """
    return extract_figures_from_text(turn.text, turn=turn.index, dollar=dollar)


def iter_figures(transcript: Transcript) -> Iterator[Figure]:
    """Every figure of every turn of `transcript`, in turn order, one turn at a time; a bare
    "$" is the dollar the transcript implies (`implied_dollar`)."""
    dollar = implied_dollar(transcript)
    for turn in transcript.turns:
        yield from iter_figures_from_text(turn.text, turn.index, dollar)


def figures_of_transcript(transcript: Transcript) -> list[Figure]:
    """Every figure of every turn of `transcript`, in turn order (see `iter_figures`)."""
    return list(iter_figures(transcript))


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text


def format_value(figure: Figure) -> str:
    """The normalised value for display.

    "≥ 18,000,000,000 CNY", "11.6 %", "110,000,000–120,000,000 USD", "~0.666667", "#14".
    """
    if figure.low is not None and figure.high is not None:
        number = f"{_number(figure.low)}–{_number(figure.high)}"
    else:
        number = _number(figure.value)
    if figure.kind == "rank":
        return f"#{number}"
    qualifier = {">=": "≥ ", "<=": "≤ ", "~": "~"}.get(figure.qualifier or "", "")
    unit = f" {figure.unit}" if figure.unit else ""
    return f"{qualifier}{number}{unit}"
