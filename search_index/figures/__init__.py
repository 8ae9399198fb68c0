"""Figures quoted in briefings: extraction, normalisation and labelling.

`extract_figures(turn)` returns every quantity an official quoted — "18 billion yuan",
"11.6% of GDP", "31,300 trademark infringement cases" — with its span in the turn's text,
normalised value and unit, what it measures, and the sentence it came from.
"""

from __future__ import annotations

from search_index.figures.api import (
    extract_figures,
    extract_figures_from_text,
    figures_of_transcript,
    format_value,
)
from search_index.figures.models import Figure, FigureKind, Qualifier
from search_index.figures.units import CURRENCY_CODES

__all__ = [
    "CURRENCY_CODES",
    "Figure",
    "FigureKind",
    "Qualifier",
    "extract_figures",
    "extract_figures_from_text",
    "figures_of_transcript",
    "format_value",
]
