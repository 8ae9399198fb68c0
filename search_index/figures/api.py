"""Figures of turns and transcripts, and how to show a figure's normalised value."""

from __future__ import annotations

from search_index.figures.extract import extract_figures_from_text
from search_index.figures.models import Figure
from search_index.models import Transcript, Turn

__all__ = ["extract_figures", "extract_figures_from_text", "figures_of_transcript", "format_value"]


def extract_figures(turn: Turn) -> list[Figure]:
    """Every figure in `turn`'s text, sorted by start offset within that text."""
    return extract_figures_from_text(turn.text, turn=turn.index)


def figures_of_transcript(transcript: Transcript) -> list[Figure]:
    """Every figure of every turn of `transcript`, in turn order."""
    figures: list[Figure] = []
    for turn in transcript.turns:
        figures.extend(extract_figures(turn))
    return figures


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
