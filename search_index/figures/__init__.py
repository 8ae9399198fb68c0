"""Figures quoted in briefings: extraction, normalisation and labelling.

`extract_figures(turn)` returns every quantity an official quoted — "18 billion yuan",
"11.6% of GDP", "31,300 trademark infringement cases" — with its span in the turn's text,
normalised value and unit, what it measures, and the sentence it came from.

The names below are loaded on first use, so that importing a light module of this package
(`figures.kinds`, for the command line's choices) does not load the extractor and pydantic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from search_index.figures.api import (
        extract_figures,
        extract_figures_from_text,
        figures_of_transcript,
        format_value,
        implied_dollar,
        iter_figures,
    )
    from search_index.figures.kinds import KINDS, FigureKind, Qualifier
    from search_index.figures.models import Figure
    from search_index.figures.units import CURRENCY_CODES, UNNAMED_DOLLAR

__all__ = [
    "CURRENCY_CODES",
    "KINDS",
    "UNNAMED_DOLLAR",
    "Figure",
    "FigureKind",
    "Qualifier",
    "extract_figures",
    "extract_figures_from_text",
    "figures_of_transcript",
    "format_value",
    "implied_dollar",
    "iter_figures",
]

#: Which module of this package holds each public name.
_HOMES = {
    "CURRENCY_CODES": "units",
    "KINDS": "kinds",
    "Figure": "models",
    "FigureKind": "kinds",
    "Qualifier": "kinds",
    "extract_figures": "api",
    "extract_figures_from_text": "api",
    "figures_of_transcript": "api",
    "format_value": "api",
    "implied_dollar": "api",
    "iter_figures": "api",
    "UNNAMED_DOLLAR": "units",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
