"""Helpers the insights tests share: the two-briefing fixture library and hand-made models."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from search_index.figures.models import Figure
from search_index.models import Exchange, Speaker, SpeakerKind, Transcript, Turn

LIBRARY = Path(__file__).parent.parent / "data" / "insights_library"
OLDER = LIBRARY / "scio-2020-04-24-ipr.txt"
NEWER = LIBRARY / "scio-2021-04-25-ipr.txt"


def turn(index: int, speaker: str, text: str) -> Turn:
    """A one-paragraph turn."""
    return Turn(
        index=index,
        speaker=speaker,
        text=text,
        paragraphs=tuple(text.split("\n\n")),
        line_start=index + 1,
        line_end=index + 1,
    )


def transcript(
    tid: str,
    date: dt.date | None,
    turns: list[tuple[str, str]],
    exchanges: tuple[Exchange, ...] = (),
    speakers: tuple[Speaker, ...] = (),
) -> Transcript:
    """A hand-made transcript."""
    return Transcript(
        id=tid,
        source=f"{tid}.txt",
        title=f"Briefing {tid}",
        date=date,
        speakers=speakers,
        turns=tuple(turn(i, who, text) for i, (who, text) in enumerate(turns)),
        exchanges=exchanges,
    )


def figure(
    label: str | None,
    value: float,
    unit: str | None = "CNY",
    kind: str = "amount",
    turn_index: int = 0,
    start: int = 0,
) -> Figure:
    """A hand-made figure."""
    return Figure(
        turn=turn_index,
        start=start,
        end=start + 3,
        text=str(value),
        value=value,
        unit=unit,
        label=label,
        kind=kind,  # type: ignore[arg-type]
        sentence="s",
        sentence_start=0,
        sentence_end=1,
    )


OFFICIAL = SpeakerKind.OFFICIAL
PRESS = SpeakerKind.PRESS
