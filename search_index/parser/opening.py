"""An opening statement printed with no label: whose it is.

The title may say ("Remarks by Governor Andrew Bailey at…"); else the roster's one official;
else the principal, the official who answers the questions. With none of these the turn is
kept under "Unnamed speaker" and a warning says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search_index.models import SpeakerKind
from search_index.parser.header import Header
from search_index.parser.label_text import TITLE_WORDS, label_parts, strip_honorific
from search_index.parser.names import display_name
from search_index.parser.turns import RawTurn, paragraphs_of

#: The label an opening statement carries until its speaker is decided.
UNNAMED = "Unnamed speaker"

_BY = re.compile(
    r"\b(?:remarks|statement|briefing|press briefing|press conference|speech|address|"
    r"interview|opening statement)\s+(?:of|by)\s+(?P<who>.+?)"
    r"(?:\s+(?:at|on|in|before|to|after|during|following|with)\b|[,:(]|$)",
    re.IGNORECASE,
)


def opening_turn(header: Header, wrap_width: int | None) -> RawTurn | None:
    """The header's unlabelled opening statement as a turn (its speaker not yet decided)."""
    if not header.speech:
        return None
    paragraphs: list[str] = []
    block: list[str] = []
    for line in header.speech:
        if line.text:
            block.append(line.text)
        elif block:
            paragraphs.extend(paragraphs_of(block, wrap_width))
            block = []
    if block:
        paragraphs.extend(paragraphs_of(block, wrap_width))
    if not paragraphs:
        return None
    numbers = [line.number for line in header.speech if line.text]
    return RawTurn(
        label=UNNAMED, line_start=numbers[0], line_end=numbers[-1], paragraphs=paragraphs
    )


def named_speaker(header: Header, labels: Sequence[str]) -> str | None:
    """The speaker the header names for the opening: "Remarks by X", or the one official."""
    if header.title:
        match = _BY.search(header.title)
        if match:
            who = match.group("who").strip()
            wanted = _words(who)
            for label in labels:
                if wanted & _words(label_parts(label).name):
                    return label
            return display_name(strip_honorific(who))
    officials = [entry.name for entry in header.roster if entry.kind == SpeakerKind.OFFICIAL]
    if len(officials) == 1:
        return officials[0]
    return None


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w'’-]+", name)} - TITLE_WORDS
