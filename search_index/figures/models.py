"""The `Figure` model: one quantity quoted in a turn, with its span, value and meaning."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from search_index.figures.kinds import FigureKind, Qualifier
from search_index.figures.units import MONEY_UNITS

__all__ = ["Figure", "FigureKind", "Qualifier"]


class Figure(BaseModel):
    """A quantity as written in a turn, normalised.

    `text` is exactly `turn.text[start:end]`: the number with its scale word, currency,
    percent sign or time unit ("18 billion yuan", "$1.6 trillion", "11.6%", "31,300",
    "two months"). A counted noun is not part of the span; it becomes the `unit`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    turn: int = Field(description="Index of the turn the figure was found in.")
    start: int = Field(description="Offset of the first character within the turn text.")
    end: int = Field(description="Offset just past the last character within the turn text.")
    text: str = Field(description="The quantity as written.")
    value: float = Field(description="Normalised value; the midpoint for a range.")
    low: float | None = Field(default=None, description="Lower end of a range, else None.")
    high: float | None = Field(default=None, description="Upper end of a range, else None.")
    unit: str | None = Field(
        default=None,
        description="CNY, USD, EUR…, '$' (dollars of a country the document does not name), "
        "'%', 'percentage points', 'basis points', 'months', 'per 10,000 people', or the "
        "counted noun ('cases'); None when nothing is given.",
    )
    label: str | None = Field(
        default=None, description="Short noun phrase for what the figure measures."
    )
    qualifier: Qualifier | None = Field(
        default=None, description="'>=' (more than…), '~' (about…), '<=' (up to…) or None."
    )
    kind: FigureKind
    sentence: str = Field(
        description="The sentence the figure came from (a sentence of more than 1,000 "
        "characters comes in pieces, cut at clause breaks)."
    )
    sentence_start: int = Field(description="Offset of the sentence within the turn text.")
    sentence_end: int = Field(description="Offset just past the sentence within the turn text.")

    @property
    def is_money(self) -> bool:
        """Whether the figure is a sum of money: its unit is a currency code (CNY, USD…) or
        "$", dollars of a country the document does not name."""
        return self.unit in MONEY_UNITS

    @property
    def is_range(self) -> bool:
        """Whether the figure is a range with a low and a high end."""
        return self.low is not None and self.high is not None
