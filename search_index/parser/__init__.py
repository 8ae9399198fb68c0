"""Parsing transcripts into the typed model.

`load_transcript(path)` reads and decodes a file; `parse_text(text, source)` parses text
already in memory. Both raise `InputError` / `NotATranscriptError` with one-line messages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from search_index.decoding import decode_bytes, read_text
from search_index.errors import NotATranscriptError
from search_index.models import Speaker, SpeakerKind, Transcript, Turn
from search_index.parser.exchanges import build_exchanges
from search_index.parser.header import parse_header
from search_index.parser.segment import segment
from search_index.parser.speakers import SpeakerResolver, build_speakers, classify_speakers

__all__ = ["load_transcript", "parse_bytes", "parse_text"]


def load_transcript(path: Path | str) -> Transcript:
    """Read, decode and parse a transcript file."""
    decoded = read_text(path)
    return parse_text(decoded.text, source=str(path), encoding=decoded.encoding)


def parse_bytes(data: bytes, source: str) -> Transcript:
    """Decode and parse raw bytes (e.g. standard input)."""
    decoded = decode_bytes(data, name=source)
    return parse_text(decoded.text, source=source, encoding=decoded.encoding)


def parse_text(text: str, source: str, encoding: str | None = None) -> Transcript:
    """Parse a briefing's text into a `Transcript`.

    Raises `NotATranscriptError` when no speaker labels are found: pressroom does not guess
    at who said what.
    """
    first_pass = segment(text)
    header = parse_header(first_pass.header_blocks)
    roster_names = {entry.name for entry in header.roster}
    segmented = segment(text, known_names=roster_names) if roster_names else first_pass
    if not segmented.turns:
        raise NotATranscriptError(
            f"{source}: no speaker turns found (expected lines such as 'Name:' before each turn)"
        )
    resolver = SpeakerResolver(header.roster)
    names = [resolver.canonical(raw.label) for raw in segmented.turns]
    aliases: dict[str, set[str]] = {}
    for name, raw in zip(names, segmented.turns, strict=True):
        aliases.setdefault(name, set()).add(raw.label)
    kinds = classify_speakers(
        [
            (name, " ".join(raw.paragraphs))
            for name, raw in zip(names, segmented.turns, strict=True)
        ],
        resolver,
    )
    turns = tuple(
        Turn(
            index=index,
            speaker=name,
            text="\n\n".join(raw.paragraphs),
            paragraphs=tuple(raw.paragraphs),
            line_start=raw.line_start,
            line_end=raw.line_end,
        )
        for index, (name, raw) in enumerate(zip(names, segmented.turns, strict=True))
    )
    order = list(dict.fromkeys(names))
    speakers = build_speakers(order, kinds, resolver, header.roster, aliases)
    spoken = set(names)
    speakers = tuple(s for s in speakers if s.name in spoken or s.kind != SpeakerKind.OTHER)
    kind_by_name = {speaker.name: speaker.kind for speaker in speakers}
    exchanges = build_exchanges(
        turns, lambda name: kind_by_name.get(name, SpeakerKind.OTHER), resolver.by_surname
    )
    warnings: list[str] = []
    if header.date is None:
        warnings.append("no date found in the header")
    if not any(speaker.kind == SpeakerKind.PRESS for speaker in speakers):
        warnings.append("no press questions recognised")
    return Transcript(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        source=source,
        title=header.title,
        date=header.date,
        location=header.location,
        speakers=_ordered(speakers),
        turns=turns,
        exchanges=exchanges,
        encoding=encoding,
        warnings=tuple(warnings),
    )


def _ordered(speakers: tuple[Speaker, ...]) -> tuple[Speaker, ...]:
    return speakers
