"""Parsing transcripts into the typed model.

`load_transcript(path)` reads and decodes a file (plain text, Markdown or a saved HTML page);
`parse_bytes(data, source)` does the same for bytes (standard input); `parse_text(text,
source)` parses plain text already in memory. All raise `InputError` /
`NotATranscriptError` with one-line messages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from search_index.errors import NotATranscriptError
from search_index.models import Exchange, Speaker, SpeakerKind, Transcript, Turn
from search_index.parser.decoding import DecodedText, decode_bytes, read_text
from search_index.parser.exchanges import build_exchanges
from search_index.parser.frontmatter import split_front_matter, strip_markdown
from search_index.parser.header import parse_header
from search_index.parser.html import html_to_text, looks_like_html
from search_index.parser.opening import opening_turn
from search_index.parser.segment import label_lines, segment
from search_index.parser.speakers import SpeakerResolver, build_speakers, classify_speakers

__all__ = ["load_transcript", "parse_bytes", "parse_document", "parse_text"]


def load_transcript(path: Path | str) -> Transcript:
    """Read, decode and parse a transcript file."""
    return _parse_decoded(read_text(path), source=str(path))


def parse_bytes(data: bytes, source: str) -> Transcript:
    """Decode and parse raw bytes (e.g. standard input); the format is sniffed."""
    return _parse_decoded(decode_bytes(data, name=source), source=source)


_REPAIRED = "mojibake repaired (the text had been decoded with the wrong encoding)"


def _parse_decoded(decoded: DecodedText, source: str) -> Transcript:
    transcript = parse_document(
        decoded.text, source=source, encoding=decoded.encoding, suffix=Path(source).suffix
    )
    if decoded.repaired:
        return transcript.model_copy(update={"warnings": (*transcript.warnings, _REPAIRED)})
    return transcript


def parse_document(
    text: str, source: str, encoding: str | None = None, suffix: str = ""
) -> Transcript:
    """Parse text in any supported format: HTML pages, Markdown with front matter, plain text."""
    suffix = suffix.lower()
    if suffix in {".html", ".htm"} or looks_like_html(text):
        page = html_to_text(text, source)
        transcript = parse_text(page.text, source=source, encoding=encoding)
        update: dict[str, object] = {}
        if page.title:
            update["title"] = page.title
        if page.date and transcript.date is None:
            update["date"] = page.date
            update["warnings"] = _without(transcript.warnings, _NO_DATE)
        return transcript.model_copy(update=update) if update else transcript
    meta, body = split_front_matter(text)
    if meta is not None or suffix in {".md", ".markdown"}:
        transcript = parse_text(strip_markdown(body), source=source, encoding=encoding)
        if meta is None:
            return transcript
        update = {}
        if meta.title:
            update["title"] = meta.title
        warnings = transcript.warnings
        if meta.date:
            update["date"] = meta.date
            warnings = _without(warnings, _NO_DATE)
        if meta.location:
            update["location"] = meta.location
        if meta.warnings or warnings != transcript.warnings:
            update["warnings"] = (*meta.warnings, *warnings)
        return transcript.model_copy(update=update) if update else transcript
    return parse_text(text, source=source, encoding=encoding)


_NO_DATE = "no date found in the header"


def _without(warnings: tuple[str, ...], warning: str) -> tuple[str, ...]:
    return tuple(w for w in warnings if w != warning)


def parse_text(text: str, source: str, encoding: str | None = None) -> Transcript:
    """Parse a briefing's plain text into a `Transcript`.

    Raises `NotATranscriptError` when no speaker labels are found: pressroom does not guess
    at who said what.
    """
    lines = label_lines(text)
    first_pass = segment(lines)
    header = parse_header(first_pass.header_blocks)
    roster_names = {entry.name for entry in header.roster}
    segmented = segment(lines, known_names=roster_names) if roster_names else first_pass
    if not segmented.turns:
        raise NotATranscriptError(
            f"{source}: no speaker turns found (expected lines such as 'Name:' before each turn)"
        )
    raw_turns = list(segmented.turns)
    opening = opening_turn(header, [raw.label for raw in raw_turns], segmented.wrap_width)
    if opening is not None:
        raw_turns.insert(0, opening)
    resolver = SpeakerResolver(header.roster)
    resolver.learn([raw.label for raw in raw_turns], segmented.same_speaker)
    names = [resolver.canonical(raw.label) for raw in raw_turns]
    aliases: dict[str, set[str]] = {}
    for name, raw in zip(names, raw_turns, strict=True):
        aliases.setdefault(name, set()).add(raw.label)
    kinds = classify_speakers(
        [(name, " ".join(raw.paragraphs)) for name, raw in zip(names, raw_turns, strict=True)],
        resolver,
    )
    if opening is not None and kinds.get(names[0]) == SpeakerKind.OTHER:
        kinds[names[0]] = SpeakerKind.OFFICIAL
    turns = tuple(
        Turn(
            index=index,
            speaker=name,
            text="\n\n".join(raw.paragraphs),
            paragraphs=tuple(raw.paragraphs),
            line_start=raw.line_start,
            line_end=raw.line_end,
        )
        for index, (name, raw) in enumerate(zip(names, raw_turns, strict=True))
    )
    order = list(dict.fromkeys(names))
    speakers = build_speakers(order, kinds, resolver, header.roster, aliases)
    spoken = set(names)
    speakers = tuple(s for s in speakers if s.name in spoken or s.kind != SpeakerKind.OTHER)
    by_name = {speaker.name: speaker for speaker in speakers}
    exchanges = build_exchanges(
        turns,
        lambda name: by_name[name].kind if name in by_name else SpeakerKind.OTHER,
        resolver.by_surname,
        lambda name: by_name[name].outlet if name in by_name else None,
    )
    speakers = _with_learned_outlets(speakers, exchanges)
    warnings: list[str] = []
    if header.date is None:
        warnings.append(_NO_DATE)
    if not any(speaker.kind == SpeakerKind.PRESS for speaker in speakers):
        warnings.append("no press questions recognised")
    return Transcript(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        source=source,
        title=header.title,
        date=header.date,
        location=header.location,
        speakers=speakers,
        turns=turns,
        exchanges=exchanges,
        encoding=encoding,
        warnings=tuple(warnings),
    )


def _with_learned_outlets(
    speakers: tuple[Speaker, ...], exchanges: tuple[Exchange, ...]
) -> tuple[Speaker, ...]:
    """Give named press speakers the outlet they introduced themselves with."""
    learned = {e.asker: e.outlet for e in exchanges if e.outlet}
    return tuple(
        s.model_copy(update={"outlet": learned[s.name]})
        if s.kind == SpeakerKind.PRESS and s.outlet is None and s.name in learned
        else s
        for s in speakers
    )
