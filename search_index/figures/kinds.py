"""The kinds of figure and the qualifiers a figure may carry, as types and as lists.

Kept apart from the models so that the command line can offer the kinds as choices without
loading the extractor or pydantic.
"""

from __future__ import annotations

from typing import Literal, get_args

FigureKind = Literal["amount", "count", "percent", "rate", "duration", "change", "rank"]
Qualifier = Literal[">=", "~", "<="]

#: Every kind of figure, in the order `FigureKind` lists them.
KINDS: tuple[FigureKind, ...] = get_args(FigureKind)
#: Every qualifier: more than (">="), about ("~"), up to ("<=").
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
