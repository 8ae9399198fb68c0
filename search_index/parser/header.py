"""Stage 9: the header of a briefing, read line by line: title, date, place, opening speech.

The title is the first header line that names the event ("Press Briefing by…", "Transcript
of… Call"), with the lines that wrap it; record ids, URLs, date ranges and "Surname, Given"
lines are never part of it. The date comes from a "Date:" field, a dateline or any dated
header line, numeric dates read in the order the document's other dates show. The place
comes from a field, a dateline ("Beijing | 10 a.m. April 25, 2021", "BEIJING, April 25 —"),
a line of its own before the dateline ("James S. Brady Press Briefing Room", "Via
Teleconference") or the end of a title such as "PRESS CONFERENCE, CIVIC CENTRE, PORT ALDER".
Header lines that read as speech are an unlabelled opening statement.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from search_index.models import DocumentField
from search_index.parser.dates import DayMonthOrder, find_date_without_year, find_dated
from search_index.parser.lines import Line, unfinished
from search_index.parser.roster import RosterEntry

_TIME = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)(?=\s|$|[,|])|\b\d{1,2}:\d\d\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b,?", re.IGNORECASE
)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
# A short line naming a place: "Washington, D.C.", "James S. Brady Press Briefing Room".
_PLACE_LINE = re.compile(r"^[A-Z][^!?:;]{1,58}[A-Za-z.]$")
_VIA = re.compile(
    r"^(?:via|by)\s+(?:teleconference|telephone|phone|video(?:conference)?|zoom|"
    r"webex|conference call|video link)\b",
    re.IGNORECASE,
)
# Words that name a press event: a header line holding one is the title.
_EVENT = re.compile(
    r"\b(?:briefing|conference|remarks|statement|call|interview|gaggle|doorstop|transcript|"
    r"media availability|q&a|town hall|address|speech|hearing|meeting|summit|"
    r"availability|teleconference|readout|session)\b",
    re.IGNORECASE,
)
_EVENT_START = re.compile(
    r"^(?:joint\s+)?(?:press conference|news conference|press briefing|briefing|doorstop|"
    r"press call|media conference|interview|transcript|remarks)\b",
    re.IGNORECASE,
)
# Never a title: record ids, URLs, date ranges, "Surname, Given".
_ID = re.compile(r"^(?:[A-Za-z]{0,6}[\s#:.-]*)?[\d][\d\s/_.#-]*$")
_URL = re.compile(r"https?://|www\.|\.html?\b|\.aspx?\b|\.pdf\b", re.IGNORECASE)
_DATE_RANGE = re.compile(r"\d{4,8}\s*[-–—]\s*\d{4,8}|\d\s*[-–—]\s*\d{1,2}[/.]\d")
_SURNAME_GIVEN = re.compile(r"^[A-Z][A-Za-z'’-]+,\s+[A-Z][a-z'’-]+(?:\s+[A-Z]\.?)?$")
_SPEECH_START = re.compile(
    r"^(?:good (?:morning|afternoon|evening|day)|thank you|thanks|welcome|ladies and gentlemen|"
    r"hello|hi,? everyone|friends from the media|dear friends|colleagues)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|us)\b")
_PLACE_FIELDS = frozenset({"venue", "location", "place"})
_TITLE_FIELDS = frozenset({"title", "event"})
_DATE_FIELDS = frozenset({"date", "time", "release date", "dateline"})


@dataclass
class Header:
    """What the lines before the first turn say about the event."""

    title: str | None = None
    date: dt.date | None = None
    location: str | None = None
    roster: list[RosterEntry] = field(default_factory=list)
    #: Header lines that are an unlabelled opening statement.
    speech: list[Line] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_header(
    lines: list[Line],
    fields: list[DocumentField],
    roster: list[RosterEntry],
    evidence: list[str],
) -> Header:
    """Read the header from its lines (roster and field lines already taken out).

    `evidence` is other text of the document (fields, the first turns) that can settle the
    day/month order of a numeric date.
    """
    header = Header(roster=list(roster))
    texts = [_MARKDOWN_HEADING.sub("", line.text) for line in lines]
    order = DayMonthOrder.from_evidence([*texts, *(f.value for f in fields), *evidence])
    speech_from = _speech_start(lines, texts)
    if speech_from is not None:
        header.speech = [line for line in lines[speech_from:]]
        texts = texts[:speech_from]
    _read_fields(header, fields, order)
    title_at = _title_line(texts) if header.title is None else None
    if title_at is not None:
        title = [texts[title_at]]
        position = title_at + 1
        while position < len(texts) and texts[position] and _wraps(title[-1], texts[position]):
            title.append(texts[position])
            position += 1
        header.title = " ".join(title)
        used = set(range(title_at, position))
    else:
        used = set()
    _read_dates_and_places(header, texts, used, order)
    if header.location is None and header.title and _EVENT_START.match(header.title):
        header.location = _place_from_title(header.title)
    return header


def _read_fields(header: Header, fields: list[DocumentField], order: DayMonthOrder) -> None:
    for found in fields:
        name = found.name.lower()
        if name in _DATE_FIELDS and header.date is None:
            dated = find_dated(found.value, order)
            if dated is not None:
                header.date = dated.date
                _warn_order(header, dated.assumed_order, found.value)
        elif name in _PLACE_FIELDS and header.location is None and found.value:
            header.location = found.value
        elif name in _TITLE_FIELDS and header.title is None and found.value:
            header.title = found.value


def _speech_start(lines: list[Line], texts: list[str]) -> int | None:
    """Where an unlabelled opening statement starts among the header lines, if anywhere."""
    block_start = 0
    for position, text in enumerate(texts):
        if not text:
            block_start = position + 1
            continue
        if _SPEECH_START.match(text):
            return position
        if position == block_start:
            block = []
            for following in texts[position:]:
                if not following:
                    break
                block.append(following)
            if len(_FIRST_PERSON.findall(" ".join(block))) >= 2:
                return position
    return None


def _acceptable_title(text: str) -> bool:
    if not text or len(text) > 300:
        return False
    if _ID.match(text) or _URL.search(text) or _DATE_RANGE.search(text):
        return False
    if _SURNAME_GIVEN.match(text) or _is_dateline(text):
        return False
    return not _VIA.match(text)


def _title_line(texts: list[str]) -> int | None:
    """The first acceptable header line naming the event, else the first acceptable line."""
    first: int | None = None
    for position, text in enumerate(texts):
        if not _acceptable_title(text):
            continue
        if first is None:
            first = position
        if _EVENT.search(text) and not (text.endswith(".") and len(text.split()) > 12):
            return position
    return first


def _wraps(previous: str, text: str) -> bool:
    """True when `text` continues a title line that was wrapped."""
    if not _acceptable_title(text):
        return False
    return text[:1].islower() or (unfinished(previous) and previous.endswith((",", "-", "&")))


def _read_dates_and_places(
    header: Header, texts: list[str], used: set[int], order: DayMonthOrder
) -> None:
    place_line: str | None = None
    for position, text in enumerate(texts):
        if not text or position in used:
            continue
        if _DATE_RANGE.search(text):
            place_line = None
            continue
        if _VIA.match(text):
            header.location = header.location or text
            continue
        dated = find_dated(text, order)
        if dated is not None and _is_dateline(text):
            if header.date is None:
                header.date = dated.date
                _warn_order(header, dated.assumed_order, text)
            place = _dateline_place(text, dated.start, dated.end)
            if header.location is None:
                header.location = place or place_line
            continue
        if dated is not None and header.date is None:
            header.date = dated.date
            _warn_order(header, dated.assumed_order, text)
            continue
        no_year = find_date_without_year(text)
        if no_year is not None and header.location is None and no_year[2] > 0:
            place = _case_place(text[: no_year[2]].strip(" ,.-—–|"))
            if place and _PLACE_LINE.match(place):
                header.location = place
            continue
        place_line = text if _is_place_line(text) and position > 0 else None


def _is_place_line(text: str) -> bool:
    return (
        len(text) <= 60
        and bool(_PLACE_LINE.match(text))
        and not _SURNAME_GIVEN.match(text)
        and not _ID.match(text)
    )


def _is_dateline(line: str) -> bool:
    """A line that gives a date and at most a place ("Beijing | 10 a.m. April 25, 2021")."""
    found = find_dated(line)
    if found is None:
        return False
    return len(_place_part(line, found.start, found.end)) <= 40


def _place_part(line: str, start: int, end: int) -> str:
    rest = line[:start] + " " + line[end:]
    rest = _WEEKDAY.sub(" ", _TIME.sub(" ", rest))
    return " ".join(rest.replace("|", " ").split()).strip(" ,.-—–")


def _dateline_place(line: str, start: int, end: int) -> str | None:
    rest = line[:start] + " " + line[end:]
    rest = _WEEKDAY.sub(" ", _TIME.sub(" ", rest))
    parts = [part.strip(" ,.-—–") for part in re.split(r"[|—–]|\s-\s", rest)]
    places = [part for part in parts if part and not part.isdigit() and len(part) <= 60]
    return _case_place(places[0]) if places else None


def _case_place(place: str) -> str:
    """ "PORT ALDER" → "Port Alder"; places written in mixed case stay as they are."""
    letters = [ch for ch in place if ch.isalpha()]
    if len(letters) < 3 or not all(ch.isupper() for ch in letters):
        return place
    return " ".join(word if "." in word else word[:1] + word[1:].lower() for word in place.split())


def _place_from_title(title: str) -> str | None:
    """ "PRESS CONFERENCE, CIVIC CENTRE, PORT ALDER" → "Port Alder", "Press Conference -
    India" → "India"."""
    parts = [part.strip() for part in re.split(r",|\s[-–—]\s", title)]
    if len(parts) < 2:
        return None
    place = parts[-1]
    if not _PLACE_LINE.match(place) or find_dated(place) or len(place.split()) > 5:
        return None
    return _case_place(place)


def _warn_order(header: Header, assumed: bool, text: str) -> None:
    if assumed:
        header.warnings.append(
            f"date {text.strip()!r} read day first: nothing in the document shows the order"
        )
