"""The sections of an entry of the kept parse (`parsed.py`): how each is made from a parsed
transcript and read back.

Three sections, in order: `stats` (the counts `pressroom stats` makes of the transcript,
the speaker of each turn, its id, title and date: JSON), `transcript` (pydantic JSON of the
`Transcript`) and `figures` (pydantic JSON of its figures). What an entry holds was
validated when it was written and its checksum holds when it is read, so it is read back
without validating again: `built` makes each model as pydantic's `model_construct` would.
Counts that disagree with each other or with the turns' speakers are not trusted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

    from search_index.figures.models import Figure
    from search_index.insights.stats import TranscriptCounts
    from search_index.models import Transcript

    _Model = TypeVar("_Model", bound=BaseModel)


@cache
def figures_adapter() -> Any:
    from pydantic import TypeAdapter

    from search_index.figures.models import Figure

    return TypeAdapter(tuple[Figure, ...])


def sections_of(transcript: Transcript, figures: Sequence[Figure]) -> list[tuple[str, bytes]]:
    """The sections of the entry of `transcript` and its `figures`, named, in order."""
    from search_index.insights.stats import transcript_counts

    kept = transcript.model_copy(update={"source_url": None})  # read from beside the file
    counts = transcript_counts(transcript)
    stats = {
        "id": transcript.id,
        "title": transcript.title,
        "date": transcript.date.isoformat() if transcript.date is not None else None,
        "turns": counts.turns,
        "speakers": counts.speakers,
        "asked": counts.asked,
        "answered": counts.answered,
        "turn_speakers": [(turn.index, turn.speaker) for turn in transcript.turns],
    }
    sections: list[tuple[str, bytes]] = [
        ("stats", json.dumps(stats, ensure_ascii=False, separators=(",", ":")).encode("utf-8")),
        ("transcript", kept.model_dump_json().encode("utf-8")),
        ("figures", figures_adapter().dump_json(tuple(figures))),
    ]
    return sections


@dataclass(frozen=True)
class KeptStats:
    """The statistics section of an entry: the transcript's id, title and date, and its
    counts (see `search_index.insights.stats.TranscriptCounts`)."""

    transcript_id: str
    title: str | None
    date: dt.date | None
    counts: TranscriptCounts
    turn_speakers: tuple[tuple[int, str], ...]
    """(index, speaker) of each turn, in order."""


@dataclass(frozen=True)
class KeptFigures:
    """What the ledger reads of a kept transcript: its statistics section (for the
    speakers of its turns and their kinds) and its figures, each as the dictionary of
    its fields (not made a `Figure`); `source` is the file as the reader names it."""

    stats: KeptStats
    source: str
    figures: list[dict[str, Any]]

    @property
    def transcript_id(self) -> str:
        """The id of the kept transcript."""
        return self.stats.transcript_id


def stats_of(body: bytes) -> KeptStats | None:
    from search_index.insights.stats import TranscriptCounts

    data = json.loads(body)
    counts = TranscriptCounts(
        turns=data["turns"],
        speakers=tuple(map(tuple, data["speakers"])),
        asked=tuple(map(tuple, data["asked"])),
        answered=tuple(map(tuple, data["answered"])),
    )
    turn_speakers = tuple((index, speaker) for index, speaker in data["turn_speakers"])
    if not counts.is_consistent() or not _speakers_agree(counts, turn_speakers):
        return None  # damaged past its checksum: not trusted
    date = data["date"]
    return KeptStats(
        transcript_id=data["id"],
        title=data["title"],
        date=None if date is None else dt.date.fromisoformat(date),
        counts=counts,
        turn_speakers=turn_speakers,
    )


def _speakers_agree(counts: TranscriptCounts, turn_speakers: Sequence[tuple[int, str]]) -> bool:
    """Whether each turn's speaker agrees with the counts: as many turns each, every turn
    index a whole number and given once."""
    from collections import Counter

    indexes = {index for index, _speaker in turn_speakers}
    return (
        len(indexes) == len(turn_speakers)
        and all(type(index) is int for index in indexes)
        and Counter(speaker for _index, speaker in turn_speakers)
        == {name: turns for name, _kind, turns, _words in counts.speakers}
    )


def built(model: type[_Model], values: dict[str, Any]) -> _Model:
    """The model `model` of `values` as pressroom wrote them (every field, each of its
    type), not validated again: what pydantic's `model_construct` makes of them, made
    directly for a plain model (no aliases, extras or post-init: `plain`), a few times
    quicker. (An entry written by other models is of another code version: never read.)"""
    if not plain(model):
        return model.model_construct(**values)
    built = model.__new__(model)
    _setattr(built, "__dict__", values)
    _setattr(built, "__pydantic_fields_set__", set(values))
    _setattr(built, "__pydantic_extra__", None)
    _setattr(built, "__pydantic_private__", None)
    return built


_setattr = object.__setattr__


@cache
def field_names(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(model.model_fields)


@cache
def plain(model: type[BaseModel]) -> bool:
    """Whether `model_construct` of `model` does no more than `built` does by hand."""
    return (
        not model.__pydantic_post_init__
        and not model.__pydantic_root_model__
        and model.model_config.get("extra") != "allow"
        and all(
            field.alias is None and field.validation_alias is None
            for field in model.model_fields.values()
        )
    )


def transcript_of(body: bytes) -> Transcript:
    """The transcript kept as `body` (its pydantic JSON), built without validating again:
    lists become the models' tuples, the date a date, a speaker's kind its enum."""
    from pydantic_core import from_json

    from search_index.models import (
        DocumentField,
        Exchange,
        Speaker,
        SpeakerKind,
        Transcript,
        Turn,
    )

    data = from_json(body)
    date = data["date"]
    data["date"] = None if date is None else dt.date.fromisoformat(date)
    data["speakers"] = tuple(
        built(Speaker, {**s, "kind": SpeakerKind(s["kind"]), "aliases": tuple(s["aliases"])})
        for s in data["speakers"]
    )
    data["turns"] = tuple(
        built(Turn, {**t, "paragraphs": tuple(t["paragraphs"])}) for t in data["turns"]
    )
    data["exchanges"] = tuple(
        built(
            Exchange,
            {
                **e,
                "question_turns": tuple(e["question_turns"]),
                "answer_turns": tuple(e["answer_turns"]),
                "answered_by": tuple(e["answered_by"]),
            },
        )
        for e in data["exchanges"]
    )
    data["fields"] = tuple(built(DocumentField, f) for f in data["fields"])
    data["warnings"] = tuple(data["warnings"])
    if data.keys() != field_names(Transcript):
        raise ValueError("not the fields of a transcript")
    return built(Transcript, data)


def figures_of(body: bytes) -> tuple[Figure, ...]:
    """The figures kept as `body`, built without validating again."""
    from pydantic_core import from_json

    from search_index.figures.models import Figure

    return tuple(built(Figure, f) for f in from_json(body))
