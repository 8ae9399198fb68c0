"""Lists of people under a heading ("Speakers", "Chairperson:", "MODERATOR:"): who they are.

A heading followed by a list of names is a roster; the same word followed by prose is a
speaker's turn. `roster_entry` tells the two apart one line at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search_index.models import SpeakerKind
from search_index.parser.label_text import is_heading, is_name_like, strip_honorific

_ENTRY = re.compile(
    r"^(?P<name>[^,(—–:]+?)\s*(?:(?P<sep>,|—|–|\s-\s)\s*(?P<role>.+)|\((?P<bracketed>[^()]+)\))$"
)
_SENTENCE_BREAK = re.compile(r"[.?!]\s+[A-Z]|[?!]")
_HONORIFIC_START = re.compile(r"^(?:mr|mrs|ms|dr|prof|h\.\s?e)\.?\s", re.IGNORECASE)


@dataclass
class RosterEntry:
    """A person named in a header list."""

    name: str
    role: str | None
    kind: SpeakerKind


def roster_entry(line: str) -> tuple[str, str | None] | None:
    """(name, role) when a line names a person ("Li Wei, spokesperson"), else None."""
    text = line.strip().rstrip(".;")
    if not text or text.endswith((":", "：")) or is_heading(text):
        return None
    match = _ENTRY.match(text)
    if match:
        written_name = match.group("name").strip()
        role_text = match.group("role") or match.group("bracketed") or ""
        role: str | None = role_text.strip().rstrip(".;") or None
    else:
        written_name, role = text, None
    if role is not None and _SENTENCE_BREAK.search(role):
        return None  # "Hi, all. Thanks for joining." is prose, not a name and a role
    name = strip_honorific(written_name)
    words = name.split()
    if not is_name_like(name) or len(words) > 5:
        return None
    if len(words) < 2 and not _HONORIFIC_START.match(written_name):
        return None  # one word ("Hi", "Thanks") names no one in a list of people
    return name, role


def add_person(roster: list[RosterEntry], name: str, role: str | None, kind: SpeakerKind) -> None:
    """Add a roster entry, merging repeats of one person and keeping the fuller role."""
    key = name.lower()
    for entry in roster:
        if entry.name.lower() == key:
            if role and (entry.role is None or len(role) > len(entry.role)):
                entry.role = role
            return
    roster.append(RosterEntry(name=name, role=role, kind=kind))
