"""An opening statement printed with no label: the speaker comes from the header."""

from __future__ import annotations

import re
from collections.abc import Sequence

from search_index.models import SpeakerKind
from search_index.parser.header import Header
from search_index.parser.labels import TITLE_WORDS, display_name, label_parts, strip_honorific
from search_index.parser.segment import paragraphs_of
from search_index.parser.speakers import RawTurn

_SPEECH_START = re.compile(
    r"^(?:good (?:morning|afternoon|evening)|thank you|thanks|welcome|ladies and gentlemen|"
    r"hello|friends from the media|dear friends|colleagues)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|us)\b")
_BY = re.compile(
    r"\b(?:remarks|statement|briefing|press briefing|press conference|speech|address|"
    r"interview|opening statement)\s+(?:of|by)\s+(?P<who>.+?)"
    r"(?:\s+(?:at|on|in|before|to|after|during|following|with)\b|[,:(]|$)",
    re.IGNORECASE,
)


def opening_turn(header: Header, labels: Sequence[str], wrap_width: int | None) -> RawTurn | None:
    """The unlabelled opening statement in the header's last blocks, if they are speech."""
    blocks = header.description_blocks
    for position, block in enumerate(blocks):
        text = " ".join(line for _, line in block)
        if _SPEECH_START.match(text) or len(_FIRST_PERSON.findall(text)) >= 2:
            speech = blocks[position:]
            break
    else:
        return None
    paragraphs: list[str] = []
    for block in speech:
        paragraphs.extend(paragraphs_of([line for _, line in block], wrap_width))
    return RawTurn(
        label=_speaker(header, labels),
        line_start=speech[0][0][0],
        line_end=speech[-1][-1][0],
        paragraphs=paragraphs,
    )


def _speaker(header: Header, labels: Sequence[str]) -> str:
    who = None
    if header.title:
        match = _BY.search(header.title)
        if match:
            who = match.group("who").strip()
    if who:
        wanted = _words(who)
        for label in labels:
            if wanted & _words(label_parts(label).name):
                return label
        return display_name(strip_honorific(who))
    officials = [entry.name for entry in header.roster if entry.kind == SpeakerKind.OFFICIAL]
    if len(officials) == 1:
        return officials[0]
    return "Unnamed speaker"


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w'’-]+", name)} - TITLE_WORDS
