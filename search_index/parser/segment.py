"""Cutting normalised text into a header and labelled turns of paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search_index.parser.artefacts import (
    is_artefact_line,
    is_credit_paragraph,
    strip_stage_directions,
)
from search_index.parser.labels import (
    MIDLINE_LABEL,
    LabelMatch,
    find_label,
    is_heading,
    is_name_like,
    label_parts,
    looks_like_outlet,
    normalise_label,
    strip_honorific,
)
from search_index.parser.speakers import RawTurn

_TERMINAL = (".", "?", "!", ":", '"', "”", "’", ")", "]", "…", "。", "？", "！")

_CAPS_COLON = re.compile(r"[A-Z.'’-][A-Z.]\s?:\s")

#: A numbered line of the header.
HeaderLine = tuple[int, str]


@dataclass
class Segmented:
    """The header's blocks of lines and the turns that follow it."""

    header_blocks: list[list[HeaderLine]] = field(default_factory=list)
    turns: list[RawTurn] = field(default_factory=list)
    #: Pairs of labels the text shows to be one speaker ("FM (cont):" after "FOREIGN MINISTER:").
    same_speaker: list[tuple[str, str]] = field(default_factory=list)
    wrap_width: int | None = None


@dataclass
class LabelledLine:
    """A numbered, stripped line of the source and the label found at its start, if any."""

    number: int
    text: str
    match: LabelMatch | None = None


def label_lines(text: str) -> list[LabelledLine]:
    """Number the lines of `text`, blank out page furniture and find candidate labels."""
    lines = _numbered_lines(text)
    for line in lines:
        line.match = find_label(line.text) if line.text else None
    return _split_midline_labels(lines)


def segment(lines: list[LabelledLine], known_names: set[str] | None = None) -> Segmented:
    """Split labelled lines (see `label_lines`) into header blocks and raw turns.

    A turn starts at a line that holds only a label and a colon ("Shen Changyu:"); at a line
    holding only a known speaker's or an outlet's name without the colon ("ThePaper.cn"); at
    an anonymous question mark ("Q", "Q:", "Q."); at an ALL-CAPS label ending in a full stop
    ("GOVERNOR BAILEY.") where the text uses that style; or, in documents that put labels
    inline, at "Label: first words…" — also when OCR has wrapped it into the middle of a line.
    """
    matches = _accepted(lines, known_names or set())
    start = _first_turn(lines, matches)
    result = Segmented()
    result.header_blocks = _blocks([(line.number, line.text) for line in lines[:start]])
    if start >= len(lines):
        return result
    body_lengths = [
        len(line.text)
        for line, match in zip(lines[start:], matches[start:], strict=True)
        if line.text and not match
    ]
    result.wrap_width = _wrap_width(body_lengths)
    known = {_key(name) for name in known_names or set()}
    known |= {_key(match.label) for match in matches if match and not match.rest}

    current: RawTurn | None = None
    block: list[LabelledLine] = []

    def flush() -> None:
        if current is None or not block:
            block.clear()
            return
        for paragraph in paragraphs_of([line.text for line in block], result.wrap_width):
            if not is_credit_paragraph(paragraph):
                current.paragraphs.append(paragraph)
                current.line_end = block[-1].number
        block.clear()

    previous_blank = True
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.text:
            flush()
            previous_blank = True
            continue
        match = matches[index]
        if (
            match is None
            and previous_blank
            and _is_colonless_label(line.text, known)
            and _has_body_after(lines, matches, index)
        ):
            match = LabelMatch(normalise_label(line.text), "", "colonless")
        if match is not None:
            flush()
            parts = label_parts(match.label)
            if parts.continued and current is not None:
                if _key(parts.name) != _key(label_parts(current.label).name):
                    result.same_speaker.append((parts.name, label_parts(current.label).name))
            else:
                if current is not None and current.paragraphs:
                    result.turns.append(current)
                current = RawTurn(
                    label=match.label if not parts.continued else parts.name,
                    line_start=line.number,
                    line_end=line.number,
                    paragraphs=[],
                )
            rest = strip_stage_directions(match.rest)
            if rest:
                block.append(LabelledLine(line.number, rest))
            previous_blank = not rest
            continue
        cleaned = strip_stage_directions(line.text)
        if cleaned:
            block.append(LabelledLine(line.number, cleaned))
        previous_blank = False
    flush()
    if current is not None and current.paragraphs:
        result.turns.append(current)
    return result


def _numbered_lines(text: str) -> list[LabelledLine]:
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped and is_artefact_line(stripped):
            stripped = ""
        lines.append(LabelledLine(number, stripped))
    return lines


def _is_caps(label: str) -> bool:
    letters = [ch for ch in label if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _split_midline_labels(lines: list[LabelledLine]) -> list[LabelledLine]:
    """Break lines where OCR wrapped an ALL-CAPS "LABEL:" into the middle of the line."""
    caps_starts = {
        _key(line.match.label)
        for line in lines
        if line.match and line.match.style == "colon" and _is_caps(line.match.label)
    }
    if len(caps_starts) < 1:
        return lines
    result: list[LabelledLine] = []
    for line in lines:
        if (
            not line.text
            or not _CAPS_COLON.search(line.text)
            or not MIDLINE_LABEL.search(line.text)
        ):
            result.append(line)
            continue
        pieces = MIDLINE_LABEL.split(line.text)
        head, tail = pieces[0], pieces[1:]
        kept = [head]
        for piece in tail:
            found = find_label(piece)
            if (
                found
                and found.style == "colon"
                and _is_caps(found.label)
                and (_key(found.label) in caps_starts or len(found.label.split()) >= 2)
            ):
                kept.append(piece)
                continue
            kept[-1] = kept[-1] + " " + piece
        first = True
        for piece in kept:
            new = LabelledLine(line.number, piece.strip())
            new.match = line.match if first else find_label(new.text)
            result.append(new)
            first = False
    return result


def _accepted(lines: list[LabelledLine], known_names: set[str]) -> list[LabelMatch | None]:
    """The label matches the document's own style supports, one entry per line."""
    known = {_key(name) for name in known_names}
    label_only = [
        line.match
        for line in lines
        if line.match and line.match.style == "colon" and not line.match.rest
    ]
    known |= {_key(match.label) for match in label_only}
    inline_style = len(label_only) < 2
    stops = sum(1 for line in lines if line.match and line.match.style == "stop")
    accepted: list[LabelMatch | None] = []
    for line in lines:
        match = line.match
        keep = match is not None
        if match is not None and match.style == "colon" and match.rest:
            parts = label_parts(match.label)
            keep = (
                inline_style
                or _key(parts.name) in known
                or _is_caps(parts.name)
                or bool(parts.note)
            )
        elif match is not None and match.style == "stop":
            keep = stops >= 3 or _key(match.label) in known
        accepted.append(match if keep else None)
    return accepted


def _key(name: str) -> str:
    return strip_honorific(normalise_label(name)).lower()


def _first_turn(lines: list[LabelledLine], matches: list[LabelMatch | None]) -> int:
    for index, match in enumerate(matches):
        if (
            match
            and not is_heading(match.label)
            and (match.rest or _has_body_after(lines, matches, index))
        ):
            return index
    return len(lines)


def _has_body_after(
    lines: list[LabelledLine], matches: list[LabelMatch | None], index: int
) -> bool:
    for position in range(index + 1, min(index + 40, len(lines))):
        if lines[position].text:
            return matches[position] is None
    return False


def _is_colonless_label(text: str, known: set[str]) -> bool:
    if len(text) > 60 or (text.endswith((".", ",", ";")) and not looks_like_outlet(text)):
        return False
    if not is_name_like(text) or is_heading(text):
        return False
    return _key(text) in known or (looks_like_outlet(text) and len(text.split()) <= 6)


def _blocks(lines: list[HeaderLine]) -> list[list[HeaderLine]]:
    blocks: list[list[HeaderLine]] = []
    current: list[HeaderLine] = []
    for number, text in lines:
        if text:
            current.append((number, text))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _wrap_width(lengths: list[int]) -> int | None:
    """The width text was hard-wrapped at, or None for one-paragraph-per-line text."""
    if len(lengths) < 5:
        return None
    ordered = sorted(lengths)
    p90 = ordered[int(len(ordered) * 0.9)]
    return p90 if p90 <= 120 else None


def paragraphs_of(lines: list[str], wrap_width: int | None) -> list[str]:
    """Join the lines of one block into paragraphs, undoing hard wrapping."""
    paragraphs: list[str] = []
    current = lines[0]
    previous = lines[0]
    for line in lines[1:]:
        wrapped = not previous.endswith(_TERMINAL) or line[:1].islower()
        if wrap_width is not None and len(previous) >= 0.75 * wrap_width:
            wrapped = True
        if wrapped:
            joiner = "" if previous.endswith("-") and line[:1].islower() else " "
            current = current + joiner + line
        else:
            paragraphs.append(current)
            current = line
        previous = line
    paragraphs.append(current)
    return paragraphs
