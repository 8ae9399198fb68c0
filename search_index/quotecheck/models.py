"""What a quote check returns: the passages a quote came from and how the quote differs."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from search_index.models import SpeakerKind

DifferenceKind = Literal["left out", "added", "changed"]
"""How the quote differs from the record at one place."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class WordDifference(_Frozen):
    """One place where the quote's words differ from the record's."""

    kind: DifferenceKind = Field(
        description="'left out': record words the quote lacks; 'added': quote words the "
        "record lacks; 'changed': quote words standing where the record says others."
    )
    quote: str = Field(default="", description="The quote's words here ('' when left out).")
    record: str = Field(default="", description="The record's words here ('' when added).")
    start: int = Field(
        description="Offset in the passage of the record's words (for 'added': where the "
        "quote's words would go)."
    )
    end: int = Field(description="Offset just past the record's words in the passage.")
    marked: bool = Field(
        default=False, description="Left out where the quote marks an omission ('…')."
    )
    joined: bool = Field(
        default=False,
        description="Left out between two sentences the quote joins without marking it.",
    )

    def describe(self) -> str:
        """One line, e.g. `changed: "281" (record: "218")`."""
        if self.kind == "left out":
            how = " (marked by an ellipsis)" if self.marked else ""
            if self.joined:
                how = " (between two sentences the quote joins)"
            return f'left out{how}: "{self.record}"'
        if self.kind == "added":
            return f'added: "{self.quote}"'
        return f'changed: "{self.quote}" (record: "{self.record}")'


class FigureDifference(_Frozen):
    """A figure the quote gives otherwise than the record (or that the record lacks)."""

    quote: str = Field(description="The figure as the quote writes it.")
    record: str | None = Field(
        default=None, description="The figure the record has in its place, None if none."
    )

    def describe(self) -> str:
        """`quote: 281 billion yuan — record: 218 billion yuan`."""
        record = self.record if self.record is not None else "not in the record"
        return f"quote: {self.quote} — record: {record}"


class QuoteMatch(_Frozen):
    """A passage of the record the quote may come from, and how the quote differs from it."""

    passage: str = Field(description="The record's exact words, from the first matched word.")
    start: int = Field(description="Offset of the passage in its turn's text.")
    end: int = Field(description="Offset just past the passage in its turn's text.")
    score: float = Field(description="Word-level similarity of quote and passage, 0–100.")
    speaker: str
    role: str | None = None
    speaker_kind: SpeakerKind
    title: str
    date: dt.date | None = None
    location: str | None = None
    source: str = Field(description="Path of the transcript file.")
    source_url: str | None = Field(default=None, description="Where the file was fetched from.")
    transcript: str = Field(description="Id of the transcript.")
    turn: int = Field(description="The turn, numbered as citations and `pressroom cite` do.")
    paragraph: int = Field(description="Paragraph of the turn the passage starts in, from 1.")
    last_paragraph: int = Field(description="Paragraph it ends in (the same for most).")
    differences: tuple[WordDifference, ...] = ()
    figures: tuple[FigureDifference, ...] = Field(
        default=(), description="Every figure (or number) the quote gives otherwise."
    )
    citation: str = Field(description="The passage quoted and attributed (plain form).")
    citation_markdown: str = Field(description="The same in the Markdown form.")

    @property
    def exact(self) -> bool:
        """Whether the quote gives the passage word for word."""
        return not self.differences

    def whereabouts(self) -> list[str]:
        """Briefing, date and place in it, as a person reads them (turns from 1)."""
        from search_index.citation import turn_number

        where = [self.title]
        if self.date is not None:
            where.append(self.date.isoformat())
        paragraphs = (
            f"paragraph {self.paragraph}"
            if self.paragraph == self.last_paragraph
            else f"paragraphs {self.paragraph}–{self.last_paragraph}"
        )
        where.append(f"turn {turn_number(self.turn)}, {paragraphs}")
        return where

    def cited(self, fmt: str) -> str:
        """The citation in the form `fmt` ("plain" or "markdown")."""
        return self.citation_markdown if fmt == "markdown" else self.citation

    def to_json_dict(self) -> dict[str, object]:
        """The JSON form (one item of `pressroom quote --json`)."""
        data = self.model_dump(mode="json")
        data["differences"] = [
            {**d.model_dump(mode="json"), "line": d.describe()} for d in self.differences
        ]
        data["figures"] = [
            {**f.model_dump(mode="json"), "line": f.describe()} for f in self.figures
        ]
        return data


class QuoteCheck(_Frozen):
    """The answer to "did they really say that?"."""

    quote: str
    threshold: float = Field(description="Lowest score that counts as a match.")
    matches: tuple[QuoteMatch, ...] = Field(
        default=(), description="Passages scoring at least the threshold, best first."
    )
    nearest: tuple[QuoteMatch, ...] = Field(
        default=(), description="When nothing matches: the closest passages, best first."
    )
    note: str | None = Field(default=None, description="Why nothing could be looked up, if so.")

    @property
    def found(self) -> bool:
        """Whether some passage matches the quote."""
        return bool(self.matches)

    def to_json_dict(self) -> dict[str, object]:
        """The JSON contract of `pressroom quote --json`."""
        return {
            "quote": self.quote,
            "found": self.found,
            "threshold": self.threshold,
            "matches": [m.to_json_dict() for m in self.matches],
            "nearest": [m.to_json_dict() for m in self.nearest],
            "note": self.note,
        }
