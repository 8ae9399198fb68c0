"""What searching and indexing return: plain pydantic models, free of any Whoosh type."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field

from search_index.models import FrozenModel, SpeakerKind


class SearchHit(FrozenModel):
    """One matching speaker turn."""

    transcript: str = Field(description="Id of the transcript the turn belongs to.")
    title: str
    date: dt.date | None = None
    source: str = Field(description="Path of the transcript's source file.")
    turn: int = Field(description="Index of the turn within its transcript.")
    speaker: str
    speaker_kind: SpeakerKind
    exchange: int | None = Field(default=None, description="Index of the exchange, if any.")
    asker: str | None = Field(default=None, description="Who asked the exchange's question.")
    score: float
    snippet: str = Field(default="", description="Plain text around the best matches.")
    matches: tuple[tuple[int, int], ...] = Field(
        default=(), description="Character spans [start, end) of the matched words in snippet."
    )

    def to_json_dict(self) -> dict[str, object]:
        """One hit in the JSON contract of `pressroom search --json`."""
        data = self.model_dump(mode="json")
        data["matches"] = [list(span) for span in self.matches]
        return data


class SearchResults(FrozenModel):
    """The answer to one query."""

    query: str
    hits: tuple[SearchHit, ...] = ()
    total: int = Field(default=0, description="How many turns match in all (≥ len(hits)).")
    note: str | None = Field(
        default=None, description="What was repaired in the query, as one line, if anything."
    )
    partial: bool = Field(
        default=False,
        description="The search ran out of time: the hits are the best of the turns looked "
        "at so far, and `total` counts only those.",
    )


class IndexProgress(FrozenModel):
    """Where an index update is: reported after each file."""

    files_done: int
    files_total: int
    turns_done: int
    current: Path | None = None


class IndexReport(FrozenModel):
    """What an index update did."""

    added: tuple[Path, ...] = ()
    updated: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()
    unchanged: tuple[Path, ...] = ()
    skipped: tuple[tuple[Path, str], ...] = ()
    skipped_before: tuple[Path, ...] = Field(
        default=(),
        description="The skipped files an earlier update already skipped for the same reason.",
    )
    turns_indexed: int = Field(default=0, description="Turns written by this update.")
    rebuilt: bool = Field(default=False, description="The index was found damaged or old.")
    rebuilt_message: str | None = None
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """Whether the update wrote anything."""
        return bool(self.added or self.updated or self.removed or self.rebuilt)

    def summary(self) -> str:
        """One line: counts of each outcome, or that nothing needed doing."""
        if not self.changed:
            base = f"index up to date: {len(self.unchanged)} unchanged, nothing to do"
        else:
            base = (
                f"{len(self.added)} added, {len(self.updated)} updated, "
                f"{len(self.removed)} removed, {len(self.unchanged)} unchanged"
            )
        if self.skipped:
            base += f", {len(self.skipped)} skipped"
        if self.cancelled:
            base += " (cancelled: the rest was left for the next run)"
        return base
