"""The typed model of a press briefing: speakers, turns and question→answer exchanges."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from search_index.controls import without_controls


class SpeakerKind(StrEnum):
    """What part a speaker plays in a briefing."""

    OFFICIAL = "official"
    MODERATOR = "moderator"
    PRESS = "press"
    OTHER = "other"


class FrozenModel(BaseModel):
    """The base of the domain's models: immutable, and free of control characters.

    Every string a model is built with (turn text, names, roles, titles, front matter,
    warnings, file names) has its control characters removed, newline and tab aside: this
    is the one place text read from a file is made safe to print to a terminal.
    `model_copy(update=…)` validates the new values too (pydantic's does not). Text that
    pressroom itself cleaned and kept (the index's parsed transcripts, checked by their
    checksums) is validated with the context `CLEANED` and not cleaned again.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _without_controls(cls, value: Any, info: ValidationInfo) -> Any:
        if info.context is not None and info.context.get("cleaned") is True:
            return value
        return _clean(value)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy of the model with the fields in `update` replaced (and validated)."""
        copied = super().model_copy(deep=deep)
        if not update:
            return copied
        return self.model_validate({**dict(copied), **update})


#: The validation context of models read back from what pressroom kept after cleaning them.
CLEANED: Mapping[str, Any] = {"cleaned": True}


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return without_controls(value)
    if isinstance(value, tuple):
        if value and isinstance(value[0], BaseModel):
            # A tuple of models (a field typed so holds nothing else): each cleaned its own
            # strings when it was built. Not walked: a transcript holds 400,000 turns.
            return value
        return tuple(_clean(item) for item in value)
    return value


class Speaker(FrozenModel):
    """A person or outlet that speaks in a briefing."""

    name: str
    role: str | None = None
    kind: SpeakerKind = SpeakerKind.OTHER
    aliases: tuple[str, ...] = Field(
        default=(), description="Other labels the transcript uses for this speaker."
    )
    outlet: str | None = Field(
        default=None, description="The news organisation a press speaker works for, if named."
    )


class Turn(FrozenModel):
    """One speaker's uninterrupted contribution."""

    index: int
    speaker: str
    text: str = Field(description="The body without its label; paragraphs joined by a blank line.")
    paragraphs: tuple[str, ...]
    line_start: int = Field(description="1-based line of the turn's label in the source text.")
    line_end: int = Field(description="1-based last line of the turn's body in the source text.")

    def paragraph_offsets(self) -> list[tuple[int, int]]:
        """Character spans (start, end) of each paragraph within `text`."""
        spans: list[tuple[int, int]] = []
        pos = 0
        for para in self.paragraphs:
            spans.append((pos, pos + len(para)))
            pos += len(para) + 2
        return spans


class Exchange(FrozenModel):
    """A press question and every official turn that answers it."""

    index: int
    asker: str = Field(
        description="Who asked: the outlet or reporter named by the label, by the moderator "
        '("Go ahead, Peter") or by the reporter\'s own introduction.'
    )
    outlet: str | None = Field(default=None, description="The asker's news organisation.")
    question_turn: int
    question_turns: tuple[int, ...] = Field(
        default=(), description="Every turn of the question, a restated one included."
    )
    answer_turns: tuple[int, ...]
    answered_by: tuple[str, ...] = Field(
        description="Speakers of the answer turns, in order of first appearance, each once."
    )
    handoff_to: str | None = Field(
        default=None, description="Who the first answerer handed the question to, if anyone."
    )
    follow_up_of: int | None = Field(
        default=None, description="The exchange this one follows up (same reporter again)."
    )


class DocumentField(FrozenModel):
    """A field of the document ("Subject: harbour upgrade.", "Photo Caption: …"): metadata
    that belongs to no turn."""

    name: str
    value: str
    line: int = Field(description="1-based line of the field in the source text.")


class Transcript(FrozenModel):
    """A parsed briefing."""

    id: str = Field(description="Stable id: the first 16 hex digits of the content's SHA-256.")
    source: str
    source_url: str | None = Field(
        default=None, description="The web address the file was fetched from, if it was."
    )
    title: str | None = None
    date: dt.date | None = None
    location: str | None = None
    speakers: tuple[Speaker, ...] = ()
    turns: tuple[Turn, ...] = ()
    exchanges: tuple[Exchange, ...] = ()
    encoding: str | None = Field(default=None, description="The encoding the source was read in.")
    fields: tuple[DocumentField, ...] = Field(
        default=(), description="Document fields (subject, captions, notes) kept out of turns."
    )
    warnings: tuple[str, ...] = Field(
        default=(),
        description="What the parser inferred on weak evidence or could not find, one line each.",
    )

    def speaker(self, name: str) -> Speaker | None:
        """The speaker called `name`, or None."""
        for speaker in self.speakers:
            if speaker.name == name:
                return speaker
        return None

    def exchange_of_turn(self, turn_index: int) -> Exchange | None:
        """The exchange a turn belongs to (as question or answer), or None."""
        for exchange in self.exchanges:
            if turn_index == exchange.question_turn or turn_index in exchange.answer_turns:
                return exchange
        return None

    def to_json_dict(self) -> dict[str, object]:
        """The JSON contract of `pressroom parse --json`."""
        return self.model_dump(mode="json")
