"""Stage 9: the header of a briefing, read line by line: title, date, place, opening speech.

Each header line is first cleaned of what is never part of a title (record ids, URLs,
breadcrumbs, date ranges, "Surname, Given" lines, "E&OE", dot leaders), and its date and
clock time are read and taken out. The title is the first line that names the event
("Press Briefing by…", "DOORSTOP INTERVIEW, SYDNEY"), a letterhead or a bare "TRANSCRIPT"
giving way to it, with the lines that wrap it. The date comes from a "Date:" field, else the
first dated header line or field; numeric dates are read in the order the document's other
dates show. The place comes from a field, a "Via Teleconference" line, the place of a
dateline ("Beijing | 10 a.m. April 25, 2021"), the lines standing just before the date or
clock time ("Aboard Air Force One" / "En Route New York, New York"; a "Press Briefing Room"
is a place, not an event), or what follows the event in the title ("DOORSTOP - PARLIAMENT
HOUSE - CANBERRA"; in a title from a field or the file's metadata, only when no header
line gives the place). Header lines that read as speech are an unlabelled opening statement.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from search_index.models import DocumentField
from search_index.parser.dates import DayMonthOrder, FoundDate, find_dated
from search_index.parser.label_text import has_office_word
from search_index.parser.lines import Line
from search_index.parser.roster import RosterEntry

_CLOCK = (
    r"\b\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)(?=\W|$)(?:\s+[A-Z]{2,4}\b)?"
    r"|\b\d{1,2}:\d\d\b(?:\s+[A-Z]{2,4}\b)?"
)
_TIME = re.compile(_CLOCK, re.IGNORECASE)
_TIME_LINE = re.compile(rf"^(?:{_CLOCK})\W*$", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b,?", re.IGNORECASE
)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_NOISE = re.compile(
    r"\bE\s?&\s?[OE]\s?[EO]\b[\W]*|\bPROOF(?: COPY| ONLY)?\b|[.…_]{4,}|-{4,}", re.IGNORECASE
)
# A short phrase naming a place: "Washington, D.C.", "James S. Brady Press Briefing Room".
_PLACE = re.compile(r"^[A-Z][^!?:;|]{1,58}[A-Za-z.]$")
_VIA = re.compile(
    r"^(?:via|by)\s+(?:teleconference|telephone|phone|video(?:conference)?|zoom|webex|"
    r"conference call|video link)\b",
    re.IGNORECASE,
)
#: Words that name a press event; "transcript" alone names only the document.
_EVENT = re.compile(
    r"\b(?:briefing|conference|remarks|statement|call|interview|gaggle|doorstop|"
    r"media availability|q&a|town hall|address|speech|hearing|summit|availability|"
    r"teleconference|readout|session)\b",
    re.IGNORECASE,
)
# A room or hall named after what is held in it ("James S. Brady Press Briefing Room",
# "Media Centre"): a venue, not an event.
_VENUE = re.compile(
    r"\b(?:press|media|briefing|conference|news)\s+(?:room|hall|centre|center|suite|"
    r"theat(?:re|er)|auditorium)\b",
    re.IGNORECASE,
)
# A person's style in a letterhead: "THE HON. MALCOLM TURNBULL MP".
_LETTERHEAD = re.compile(r"\b(?:the hon\.?|hon\.|mp|mhr|mla|senator|the right honourable)\b", re.I)
_TRANSCRIPT = re.compile(r"\btranscript\b", re.IGNORECASE)
_ID = re.compile(r"^(?:[A-Za-z]{0,6}[\s#:.-]*)?[\d][\d\s/_.#-]*$")
_URL = re.compile(r"https?://|www\.|\.html?\b|\.aspx?\b|\.pdf\b", re.IGNORECASE)
_BREADCRUMB = re.compile(r"\s>\s.*\s>\s|^you are here\b", re.IGNORECASE)
_DATE_RANGE = re.compile(r"\d{4,8}\s*[-–—]\s*\d{4,8}|\d\s*[-–—]\s*\d{1,2}[/.]\d")
_SURNAME_GIVEN = re.compile(r"^[A-Z][A-Za-z'’-]+,\s+[A-Z][a-z'’-]+(?:\s+[A-Z]\.?)?$")
_MARKING = re.compile(r"^(?:unclassified|classified|official|sensitive|embargoed.*)$", re.I)
_CONNECTOR_END = re.compile(r"\b(?:of|with|and|by|for|on|at|the|to|in)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s{2,}|\s[-–—|]\s|,\s*")
_SPEECH_START = re.compile(
    r"^(?:good (?:morning|afternoon|evening|day)|thank you|thanks|welcome|ladies and gentlem[ae]n|"
    r"hello|hi,? everyone|friends from the media|dear friends|colleagues)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|us)\b")
_PLACE_FIELDS = frozenset({"venue", "location", "place"})
_DATE_FIELDS = frozenset({"date", "time", "release date", "dateline"})
_TITLE_FIELDS = frozenset({"title", "event"})


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


@dataclass
class _Read:
    """One header line as read: its text without noise, date and clock time."""

    text: str
    rest: str
    dated: FoundDate | None = None
    clock: bool = False
    rejected: bool = False


def parse_header(
    lines: list[Line],
    fields: list[DocumentField],
    roster: list[RosterEntry],
    evidence: list[str],
    known_title: str | None = None,
) -> Header:
    """Read the header from its lines (roster and field lines already taken out).

    `evidence` is other text of the document that can settle the day/month order of a
    numeric date; `known_title` a title the file's metadata gives (front matter, HTML).
    """
    header = Header(roster=list(roster), title=known_title)
    texts = [_MARKDOWN_HEADING.sub("", line.text).strip() for line in lines]
    order = DayMonthOrder.from_evidence([*texts, *(f.value for f in fields), *evidence])
    speech_from = _speech_start(texts)
    if speech_from is not None:
        header.speech = list(lines[speech_from:])
        texts = texts[:speech_from]
    _read_fields(header, fields, order)
    read = [_read(text, order) for text in texts]
    if header.date is None:
        for line in read:
            if line.dated is not None:
                _set_date(header, line.dated, line.text)
                break
    if header.date is None:
        for found in fields:
            dated = find_dated(found.value, order)
            if dated is not None:
                _set_date(header, dated, found.value)
                break
    title_lines = _title_lines(read) if header.title is None else []
    if title_lines:
        header.title = " ".join(" ".join(read[i].rest.split()) for i in title_lines)
        header.title = header.title.strip(" ,;-–—")
    if header.location is None:
        title = "  ".join(read[i].rest for i in title_lines) if title_lines else header.title or ""
        header.location = _place(read, title_lines, title)
    return header


def _read(text: str, order: DayMonthOrder) -> _Read:
    cleaned = _trim(_NOISE.sub(" ", text))
    line = _Read(text=text, rest=cleaned)
    whole_date = find_dated(cleaned, order)
    if whole_date is not None and not _trim(
        cleaned[: whole_date.start] + cleaned[whole_date.end :]
    ):
        line.dated = whole_date  # "14/02/2031" is a date, not a record id
        line.rest = ""
        return line
    if (
        not cleaned
        or _ID.match(cleaned)
        or _URL.search(cleaned)
        or _BREADCRUMB.search(cleaned)
        or _SURNAME_GIVEN.match(cleaned)
        or _MARKING.match(cleaned)
    ):
        line.rejected = True
        return line
    if _DATE_RANGE.search(cleaned):
        line.rejected = True
        return line
    line.clock = bool(_TIME_LINE.match(cleaned))
    line.dated = find_dated(cleaned, order)
    rest = cleaned
    if line.dated is not None:
        rest = rest[: line.dated.start] + "  " + rest[line.dated.end :]
    if line.dated is not None or line.clock:
        rest = _WEEKDAY.sub("  ", _TIME.sub("  ", rest))
    line.rest = _trim(rest)
    return line


def _trim(text: str) -> str:
    """Without surrounding spaces, commas and dashes, and a full stop unless it ends an
    abbreviation ("Washington, D.C.")."""
    text = text.strip(" ,;|-–—")
    while text.endswith(".") and not re.search(r"\b(?:[A-Za-z]\.){2,}$", text):
        text = text[:-1].rstrip(" ,;|-–—")
    return text


def _read_fields(header: Header, fields: list[DocumentField], order: DayMonthOrder) -> None:
    for found in fields:
        name = found.name.lower()
        if name in _DATE_FIELDS and header.date is None:
            dated = find_dated(found.value, order)
            if dated is not None:
                _set_date(header, dated, found.value)
        elif name in _PLACE_FIELDS and header.location is None and found.value:
            header.location = found.value
        elif name in _TITLE_FIELDS and header.title is None and found.value:
            header.title = found.value
        elif name == "transcript" and header.title is None and _names_event(found.value):
            header.title = f"{found.name}: {found.value}"


def _set_date(header: Header, dated: FoundDate, text: str) -> None:
    header.date = dated.date
    if dated.assumed_order:
        header.warnings.append(
            f"date {text.strip()!r} read day first: nothing in the document shows the order"
        )


def _speech_start(texts: list[str]) -> int | None:
    """Where an unlabelled opening statement starts among the header lines, if anywhere."""
    for position, text in enumerate(texts):
        if not text:
            continue
        if _SPEECH_START.match(text):
            return position
        window = text
        for following in texts[position + 1 : position + 4]:
            if not following or len(window) > 300:
                break
            window += " " + following
        if len(_FIRST_PERSON.findall(window)) >= 2 and len(text.split()) >= 4:
            return position
    return None


def _title_lines(read: list[_Read]) -> list[int]:
    """The header lines that make the title: the first naming the event, and its wraps."""
    usable = [
        i for i, line in enumerate(read) if not line.rejected and line.rest and not _dateline(line)
    ]
    events = [i for i in usable if _names_event(read[i].rest) and not _prose(read[i].rest)]
    transcripts = [i for i in usable if _TRANSCRIPT.search(read[i].rest)]
    if events:
        start = events[0]
    elif transcripts:
        start = transcripts[0]
    elif usable:
        start = usable[0]
    else:
        return []
    chosen = [start]
    # A title wrapped before its event word: "TRANSCRIPT of" / "THE HON PETER COSTELLO MP
    # Treasurer" / "Doorstop" (blank lines between).
    earlier = [i for i in usable if i < start and read[i].dated is None][-2:]
    for index, line in enumerate(earlier):
        if _CONNECTOR_END.search(read[line].rest):
            chosen = [*earlier[index:], start]
            break
    position = chosen[-1] + 1
    while position < len(read) and read[position].rest and not read[position].rejected:
        previous, text = read[chosen[-1]], read[position].rest
        wraps = (
            text[:1].islower()
            or bool(_CONNECTOR_END.search(previous.rest))
            or previous.text.rstrip().endswith(("-", "–", "—", ",", "&"))
        )
        if previous.dated is not None or not (wraps or _completes(read, chosen, text)):
            break
        chosen.append(position)
        position += 1
    return chosen


def _dateline(line: _Read) -> bool:
    """ "Frankfurt am Main, 30 April 2026": a place and a date, which names no event (a
    dateline is never the title)."""
    return line.dated is not None and is_place(line.rest)


def _completes(read: list[_Read], chosen: list[int], text: str) -> bool:
    """A short line naming the event that the title so far lacks ("Doorstop").

    Asked only of a line that does not wrap the one before: testing the whole title at
    every wrapped line made a header of thousands of short lines quadratic."""
    return (
        len(text.split()) <= 3
        and _names_event(text)
        and not _names_event(" ".join(read[i].rest for i in chosen))
    )


def _names_event(text: str) -> bool:
    """Whether `text` names a press event ("Press Briefing by…"); a venue named after one
    ("Press Briefing Room") does not."""
    return _EVENT.search(_VENUE.sub(" ", text)) is not None


def _prose(text: str) -> bool:
    """A sentence of a description, not a title ("The SCIO held a press conference…")."""
    return text.endswith(".") and len(text.split()) > 12


def _place(read: list[_Read], title_lines: list[int], title: str) -> str | None:
    """The event's place from the header lines; `title` is the title as read. A title read
    from the header's lines is trusted before the lines around the date; one from a field
    or the file's metadata (a page's headline) only when no header line gives the place."""
    for line in read:
        if not line.rejected and _VIA.match(line.rest):
            return line.rest
    for position, line in enumerate(read):
        dateline = line.dated is not None and line.rest and position not in title_lines
        if dateline and is_place(line.rest):
            return _case_place(_first_part(line.rest))
    found = _place_in_title(title) if title_lines else None
    if found:
        return found
    for position, line in enumerate(read):
        if line.dated is not None or line.clock:
            above = _places_above(read, position, title_lines)
            if above:
                return above
    if title_lines:
        after = title_lines[-1] + 1
        while after < len(read) and read[after].rejected:
            after += 1
        if after < len(read) and read[after].dated is None and is_place(read[after].rest):
            return _case_place(read[after].rest)
        return None
    return _place_in_title(title)


def _places_above(read: list[_Read], position: int, title_lines: list[int]) -> str | None:
    """The place lines standing just above a date or clock line, joined ("Aboard Air Force
    One, En Route New York, New York")."""
    found: list[str] = []
    above = position - 1
    while above >= 0 and above not in title_lines:
        line = read[above]
        if not line.text:
            above -= 1
            continue
        if line.rejected or not line.rest or line.dated is not None or line.clock:
            break
        if not is_place(line.rest):
            break
        found.insert(0, _case_place(line.rest))
        above -= 1
    return ", ".join(found) if found else None


def is_place(text: str) -> bool:
    """Whether `text` reads as the name of a place ("Washington, D.C.", "Moscow"): short,
    capitalised, naming no event, document, office or person's style."""
    return (
        not _TRANSCRIPT.search(text)
        and not _LETTERHEAD.search(text)
        and len(text) <= 60
        and bool(_PLACE.match(text))
        and not _SURNAME_GIVEN.match(text)
        and not has_office_word(text)
        and len(text.split()) <= 7
        and not _names_event(text)
    )


def _first_part(text: str) -> str:
    """ "Beijing | Xinhua" → "Beijing": a dateline's place is its first part."""
    return re.split(r"\s*[|]\s*|\s{2,}", text)[0].strip(" ,")


def _place_in_title(text: str) -> str | None:
    """What follows the event in the title: "DOORSTOP INTERVIEW, SYDNEY" → "Sydney",
    "TRANSCRIPT OF DOORSTOP - PARLIAMENT HOUSE - CANBERRA" → "Parliament House, Canberra",
    "Press Conference - India" → "India"."""
    parts = [part.strip(" ,.") for part in _SEPARATORS.split(text)]
    parts = [part for part in parts if part]
    events = [i for i, part in enumerate(parts) if _names_event(part)]
    if not events:
        return None
    places = [part for part in parts[events[-1] + 1 :] if is_place(part)]
    if not places or len(places) != len(parts) - events[-1] - 1 - _roles(parts, events[-1]):
        return None
    return ", ".join(_case_place(part) for part in places)


def _roles(parts: list[str], event: int) -> int:
    """How many parts after the event name an office ("PREMIER OF VICTORIA")."""
    return sum(1 for part in parts[event + 1 :] if has_office_word(part))


def _case_place(place: str) -> str:
    """ "PORT ALDER" → "Port Alder"; places written in mixed case stay as they are."""
    letters = [ch for ch in place if ch.isalpha()]
    if len(letters) < 3 or not all(ch.isupper() for ch in letters):
        return place
    small = {"of", "the", "and", "de", "on", "upon"}
    return " ".join(
        word
        if "." in word
        else (word.lower() if index and word.lower() in small else word[:1] + word[1:].lower())
        for index, word in enumerate(place.split())
    )
