"""Cutting normalised text into a header and labelled turns of paragraphs."""

from __future__ import annotations

from dataclasses import dataclass, field

from search_index.parser.artefacts import is_artefact_line, is_credit_paragraph
from search_index.parser.labels import (
    is_heading,
    is_name_like,
    looks_like_outlet,
    normalise_label,
    split_label,
    strip_honorific,
)
from search_index.parser.speakers import RawTurn

_TERMINAL = (".", "?", "!", ":", '"', "”", "’", ")", "]", "…", "。", "？", "！")


@dataclass
class Segmented:
    """The header's blocks of lines and the turns that follow it."""

    header_blocks: list[list[str]] = field(default_factory=list)
    turns: list[RawTurn] = field(default_factory=list)
    colonless_labels: int = 0


@dataclass
class _Line:
    number: int
    text: str
    label: str | None = None
    rest: str = ""


def segment(text: str, known_names: set[str] | None = None) -> Segmented:
    """Split text into header blocks and raw turns.

    A turn starts at a line that holds only a label and a colon ("Shen Changyu:"); at a line
    holding only a known speaker's name or an outlet's name without the colon ("ThePaper.cn");
    or, in documents that put labels inline, at "Label: first words…".
    """
    lines = [_Line(number, line.strip()) for number, line in enumerate(text.split("\n"), start=1)]
    for line in lines:
        if line.text and is_artefact_line(line.text):
            line.text = ""
    label_only = 0
    inline: dict[str, int] = {}
    for line in lines:
        if not line.text:
            continue
        found = split_label(line.text)
        if found is None:
            continue
        label, rest = found
        line.label, line.rest = normalise_label(label), rest
        if rest:
            inline[line.label] = inline.get(line.label, 0) + 1
        else:
            label_only += 1
    known = {_key(name) for name in known_names or set()}
    known |= {_key(line.label) for line in lines if line.label and not line.rest}
    inline_style = label_only < 2
    for line in lines:
        if line.label and line.rest and not (inline_style or _key(line.label) in known):
            line.label, line.rest = None, ""

    start = _first_turn(lines)
    result = Segmented()
    result.header_blocks = _blocks([line.text for line in lines[:start]])
    if start >= len(lines):
        return result
    body_lengths = [len(line.text) for line in lines[start:] if line.text and not line.label]
    wrap_width = _wrap_width(body_lengths)
    current: RawTurn | None = None
    block: list[_Line] = []

    def flush() -> None:
        if current is None or not block:
            block.clear()
            return
        for paragraph in _paragraphs([line.text for line in block], wrap_width):
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
        colonless = (
            line.label is None
            and previous_blank
            and _is_colonless_label(line.text, known)
            and _has_body_after(lines, index)
        )
        if line.label or colonless:
            flush()
            if current is not None and current.paragraphs:
                result.turns.append(current)
            label = line.label if line.label else normalise_label(line.text)
            current = RawTurn(
                label=label, line_start=line.number, line_end=line.number, paragraphs=[]
            )
            result.colonless_labels += int(colonless)
            if line.rest:
                block.append(_Line(line.number, line.rest))
            previous_blank = not line.rest
            continue
        block.append(line)
        previous_blank = False
    flush()
    if current is not None and current.paragraphs:
        result.turns.append(current)
    return result


def _key(name: str) -> str:
    return strip_honorific(normalise_label(name)).lower()


def _first_turn(lines: list[_Line]) -> int:
    for index, line in enumerate(lines):
        if (
            line.label
            and not is_heading(line.label)
            and (line.rest or _has_body_after(lines, index))
        ):
            return index
    return len(lines)


def _has_body_after(lines: list[_Line], index: int) -> bool:
    for line in lines[index + 1 : index + 40]:
        if line.text:
            return line.label is None
    return False


def _is_colonless_label(text: str, known: set[str]) -> bool:
    if len(text) > 60 or (text.endswith((".", ",", ";")) and not looks_like_outlet(text)):
        return False
    if not is_name_like(text) or is_heading(text):
        return False
    return _key(text) in known or (looks_like_outlet(text) and len(text.split()) <= 6)


def _blocks(texts: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for text in texts:
        if text:
            current.append(text)
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


def _paragraphs(lines: list[str], wrap_width: int | None) -> list[str]:
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
