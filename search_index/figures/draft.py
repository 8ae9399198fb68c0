"""A figure while it is being read: mutable, before it becomes a `Figure`."""

from __future__ import annotations

from dataclasses import dataclass

from search_index.figures.models import FigureKind, Qualifier


@dataclass
class Draft:
    """The parts of a figure found so far; offsets are within one paragraph."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    unit: str | None
    kind: FigureKind
    qualifier: Qualifier | None
    label: str | None
    counted: bool = False
