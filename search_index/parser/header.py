"""The header of a briefing: title, dateline, rosters of speakers and chair, the date block."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from search_index.models import SpeakerKind
from search_index.parser.dates import find_date
from search_index.parser.labels import (
    OTHER_HEADINGS,
    ROSTER_HEADINGS,
    is_name_like,
    normalise_label,
    strip_honorific,
)

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
_ROSTER_ENTRY = re.compile(
    r"^(?P<name>[^,(—–]+?)\s*(?:(?P<sep>,|—|–|\s-\s)\s*(?P<role>.+)|\((?P<bracketed>[^()]+)\))$"
)


@dataclass
class RosterEntry:
    """A person named in a header list."""

    name: str
    role: str | None
    kind: SpeakerKind


@dataclass
class Header:
    """What the lines before the first turn say about the event."""

    title: str | None = None
    date: dt.date | None = None
    location: str | None = None
    roster: list[RosterEntry] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    #: Header blocks that are neither title, dateline nor lists: (line number, text) pairs.
    description_blocks: list[list[tuple[int, str]]] = field(default_factory=list)

    def add_person(self, name: str, role: str | None, kind: SpeakerKind) -> None:
        """Add a roster entry, merging repeats of one person and keeping the fuller role."""
        key = name.lower()
        for entry in self.roster:
            if entry.name.lower() == key:
                if role and (entry.role is None or len(role) > len(entry.role)):
                    entry.role = role
                return
        self.roster.append(RosterEntry(name=name, role=role, kind=kind))


def parse_header(blocks: list[list[tuple[int, str]]]) -> Header:
    """Read the header from its blank-line-separated blocks of (line number, text)."""
    header = Header()
    section: str | None = None
    dateline_seen = False
    block_date: dt.date | None = None
    for index, numbered in enumerate(blocks):
        lines = [_MARKDOWN_HEADING.sub("", text) for _, text in numbered]
        heading = normalise_label(lines[0]).lower()
        if heading in ROSTER_HEADINGS or heading in OTHER_HEADINGS:
            section = heading
            lines = lines[1:]
        elif ":" in lines[0]:
            # "Date: April 25, 2021" or "Speakers: Shen Changyu, …" on one line.
            head, _, rest = lines[0].partition(":")
            if head.strip().lower() in ROSTER_HEADINGS or head.strip().lower() in OTHER_HEADINGS:
                section = head.strip().lower()
                lines = [rest.strip(), *lines[1:]] if rest.strip() else lines[1:]
        if not lines:
            continue
        if section in ROSTER_HEADINGS:
            kind = SpeakerKind(ROSTER_HEADINGS[section])
            if all(_add_roster_line(header, line, kind) for line in lines):
                continue
            section = None
        elif section in {"date", "time"}:
            found = find_date(" ".join(lines))
            if found and block_date is None:
                block_date = found[0]
            section = None
            continue
        elif section in {"venue", "location", "place"}:
            header.location = header.location or " ".join(lines)
            section = None
            continue
        elif section is not None:
            section = None
            continue
        if index == 0 and header.title is None:
            title_lines: list[str] = []
            for line in lines:
                if not dateline_seen and _is_dateline(line):
                    _read_dateline(header, line)
                    dateline_seen = True
                    if (
                        header.location is None
                        and len(title_lines) >= 2
                        and _PLACE_LINE.match(title_lines[-1])
                    ):
                        header.location = title_lines.pop()
                else:
                    title_lines.append(line)
            header.title = " ".join(title_lines) or None
            continue
        if not dateline_seen and len(lines) == 1 and _is_dateline(lines[0]):
            _read_dateline(header, lines[0])
            dateline_seen = True
            continue
        header.description.extend(lines)
        header.description_blocks.append(numbered[len(numbered) - len(lines) :])
    if block_date is not None:
        header.date = block_date
    if header.date is None:
        for line in header.description:
            found = find_date(line)
            if found:
                header.date = found[0]
                break
    return header


def _add_roster_line(header: Header, line: str, kind: SpeakerKind) -> bool:
    match = _ROSTER_ENTRY.match(line)
    if match:
        name = strip_honorific(match.group("name").strip())
        written = match.group("role") or match.group("bracketed") or ""
        role: str | None = written.strip().rstrip(".;") or None
    else:
        name, role = strip_honorific(line.strip().rstrip(".;")), None
    if not is_name_like(name) or len(name.split()) > 5:
        return False
    header.add_person(name, role, kind)
    return True


def _is_dateline(line: str) -> bool:
    """A line that gives a date and at most a place ("Beijing | 10 a.m. April 25, 2021")."""
    found = find_date(line)
    if found is None:
        return False
    return len(_place_part(line, found[1], found[2])) <= 40


def _place_part(line: str, start: int, end: int) -> str:
    rest = line[:start] + " " + line[end:]
    rest = _WEEKDAY.sub(" ", _TIME.sub(" ", rest))
    return " ".join(rest.replace("|", " ").split()).strip(" ,.-—–")


def _read_dateline(header: Header, line: str) -> None:
    found = find_date(line)
    if found is None:
        return
    date, start, end = found
    header.date = header.date or date
    rest = line[:start] + " " + line[end:]
    rest = _WEEKDAY.sub(" ", _TIME.sub(" ", rest))
    parts = [part.strip(" ,.-—–") for part in re.split(r"[|—–]|\s-\s", rest)]
    places = [part for part in parts if part and not part.isdigit() and len(part) <= 60]
    if places and header.location is None:
        header.location = places[0]
