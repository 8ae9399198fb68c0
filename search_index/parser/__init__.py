"""Parsing transcripts into the typed model.

`load_transcript(path)` reads and decodes a file (plain text, Markdown or a saved HTML page);
`parse_bytes(data, source)` does the same for bytes (standard input); `parse_text(text,
source)` parses plain text already in memory (its stages are in `pipeline`). All raise
`InputError` / `NotATranscriptError` with one-line messages.
"""

from __future__ import annotations

from pathlib import Path

from search_index.models import Transcript
from search_index.parser.decoding import DecodedText, decode_bytes, read_text
from search_index.parser.frontmatter import split_front_matter, strip_markdown
from search_index.parser.header import is_place
from search_index.parser.html import html_to_text, looks_like_html
from search_index.parser.pipeline import NO_DATE, parse_text

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
        transcript = parse_text(page.text, source=source, encoding=encoding, title=page.title)
        update: dict[str, object] = {}
        if page.title:
            update["title"] = page.title
        if page.date and transcript.date is None:
            update["date"] = page.date
            update["warnings"] = _without(transcript.warnings, NO_DATE)
        if page.place and is_place(page.place):
            update["location"] = page.place
        return transcript.model_copy(update=update) if update else transcript
    meta, body = split_front_matter(text)
    if meta is not None or suffix in {".md", ".markdown"}:
        transcript = parse_text(
            strip_markdown(body),
            source=source,
            encoding=encoding,
            title=meta.title if meta is not None else None,
        )
        if meta is None:
            return transcript
        update = {}
        if meta.title:
            update["title"] = meta.title
        warnings = transcript.warnings
        if meta.date:
            update["date"] = meta.date
            warnings = _without(warnings, NO_DATE)
        if meta.location:
            update["location"] = meta.location
        if meta.warnings or warnings != transcript.warnings:
            update["warnings"] = (*meta.warnings, *warnings)
        return transcript.model_copy(update=update) if update else transcript
    return parse_text(text, source=source, encoding=encoding)


def _without(warnings: tuple[str, ...], warning: str) -> tuple[str, ...]:
    return tuple(w for w in warnings if w != warning)
