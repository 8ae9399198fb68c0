"""Stage 3: every place a speaker label could start, with what it looks like.

One pass over the lines. A candidate is only a possibility: `label_styles` decides, over the
whole document, which candidates are labels. Forms:

- ``q``: the anonymous question mark ("Q", "Q.", "Q:", "Q   Will fees rise?");
- ``colon``: "Label: rest" or a line holding only "Label:" (also "MAYOR:-", "Label：");
- ``stop``: a label ending in a full stop: ALL CAPS ("CHAIR ODUYA.  Good afternoon.") or
  capitalised words ("The President. First I have…");
- ``dash``: "Journalist- Mr Minister, …" (a label only where the document also writes the
  name with a colon);
- ``bare``: a short line that could be a label without a colon ("ThePaper.cn", "Speakers");
- mid-line colons: "…a good one JOURNALIST: So there…", kept as `MidColon` with the words
  before the colon, since which of those words form the label depends on the labels the
  document already uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from search_index.parser.label_text import (
    CONTINUATION_MARK,
    capitalised,
    is_honorific,
    is_name_like,
    looks_like_outlet,
)
from search_index.parser.lines import Line, unfinished

_Q = re.compile(r"^Q(?:\s*[.:：]\s*|\s{2,}|\s+(?=[A-Z“\"‘'(—–-])|$)")
_STOP = re.compile(r"^(?P<label>[A-Z][A-Z'’.\- ]{0,60}?[A-Z])\.(?:\s+(?P<rest>\S.*))?$")
# "The President. First I have…", "Secretary Baker. Well, …": two to six capitalised words.
_ABBREVIATED = r"(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Sen|Rep|Gov|Lt|Col|[A-Z])\."
_TITLE_STOP = re.compile(
    rf"^(?P<label>(?:{_ABBREVIATED}|[A-Z][\w'’-]*)"
    rf"(?:\s+(?:{_ABBREVIATED}|[A-Z][\w'’-]*|of|the|and|for|de|van|von|der)){{1,5}})"
    r"(?<!\.)\.(?:\s+(?P<rest>\S.*))?$"
)
# "Journalist- Mr Minister, …", "Downer – I did.": a dash after a short name.
_DASH = re.compile(r"^(?P<label>[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3})\s?[-–—]\s+(?P<rest>\S.*)$")
_COLON_DECORATION = re.compile(r"^[-–—]+(?=\s|$)")
_DASHES = frozenset("-–—")
_COLON = re.compile(r"[:：]")
#: Up to six words before a mid-line colon, each with where it starts.
_WORD_BEFORE = re.compile(r"\S+")
_MAX_LABEL = 80
#: What a turn never starts with, but a quoted label in prose goes on with: “RICE:”), …
_CLOSING = frozenset("”’)],;")


@dataclass(slots=True)
class Candidate:
    """A possible label at the start of a line."""

    index: int
    """Position of the line in the list of lines."""
    label: str
    rest: str
    form: str
    continues: bool
    """The line before (no blank between) stops mid-sentence: this line may continue it."""
    after_blank: bool


@dataclass(slots=True)
class MidColon:
    """A colon inside a line, after some text: the end of a label wrapped into the line."""

    index: int
    colon: int
    """Offset of the colon in the line's text."""
    starts: tuple[int, ...]
    """Offsets where the last one to six words before the colon start, nearest first."""


@dataclass
class Candidates:
    """All candidates of a document, in line order."""

    at_start: list[Candidate]
    mid_line: list[MidColon]


def find_candidates(lines: list[Line]) -> Candidates:
    """Candidates at line starts and at mid-line colons (one pass over the lines)."""
    at_start: list[Candidate] = []
    mid_line: list[MidColon] = []
    previous = ""
    for index, line in enumerate(lines):
        text = line.text
        if not text:
            previous = ""
            continue
        continues = mid_sentence(previous)
        found = _at_start(index, text, continues, not previous)
        if found is not None:
            at_start.append(found)
        search_from = len(text) - len(found.rest) if found is not None else 0
        if ":" in text[search_from:] or "：" in text[search_from:]:
            mid_line.extend(_mid_colons(index, text, search_from))
        previous = text
    return Candidates(at_start, mid_line)


_JOINING = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by"}
)


def mid_sentence(text: str) -> bool:
    """True when a line stops mid-sentence: on a lower-case word, a comma or a hyphen (a
    title or a date line that ends without a full stop is not a sentence)."""
    if not unfinished(text):
        return False
    last = text.rsplit(None, 1)[-1]
    return last[-1:] in ",-" or last[:1].islower() or last.lower() in _JOINING


def _at_start(index: int, text: str, continues: bool, after_blank: bool) -> Candidate | None:
    first = text[0]
    if first == "Q":
        match = _Q.match(text)
        if match:
            return Candidate(index, "Q", text[match.end() :].strip(), "q", continues, after_blank)
    if not capitalised(first):
        return None
    colon = _first_colon(text)
    if colon > 0:
        label = " ".join(text[:colon].split())
        rest = text[colon + 1 :].strip()
        clock = label[-1:].isdigit() and rest[:1].isdigit()  # "16:00"
        quoted = rest[:1] in _CLOSING  # "(“Ms. Psaki:”, “RICE:”)": labels quoted in prose
        if not clock and not quoted and could_be_label(label):
            if rest[:1] in _DASHES:
                rest = _COLON_DECORATION.sub("", rest).strip()
            return Candidate(index, label, rest, "colon", continues, after_blank)
    dash = _DASH.match(text)
    if dash:
        label, rest = dash.group("label"), dash.group("rest")
        return Candidate(index, label, rest, "dash", continues, after_blank)
    if len(text) > 1:
        caps = text[1].isupper() or text[1] in ".'’"
        match = (_STOP if caps else _TITLE_STOP).match(text)
        if match and _ends_a_label(match.group("label"), match.group("rest") or ""):
            label = " ".join(match.group("label").split())
            rest = (match.group("rest") or "").strip()
            mark = CONTINUATION_MARK.match(rest)
            if mark is not None:  # "PM. ( Contd.) …": the label repeated over a page break
                label, rest = f"{label} {mark.group().strip()}", rest[mark.end() :]
            return Candidate(index, label, rest, "stop", continues, after_blank)
    if len(text) <= 60 and _bare_label(text):
        return Candidate(index, text, "", "bare", continues, after_blank)
    return None


#: Words that end in a full stop without ending a label ("On Nov. 30", "St. Louis").
_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vol",
        "inc",
        "co",
        "corp",
        "ltd",
        "st",
        "ave",
        "mt",
        "ft",
    ]
)


def _ends_a_label(label: str, rest: str) -> bool:
    """The full stop after `label` ends a label, not an abbreviation ("Mr.", "Nov.")."""
    last = label.rsplit(None, 1)[-1]
    if is_honorific(last) or last.lower() in _ABBREVIATIONS:
        return False
    return not rest[:1].isdigit()


def _bare_label(text: str) -> bool:
    if text.endswith((",", ";", "?", "!")):
        return False
    if text.endswith(".") and not looks_like_outlet(text):
        return False
    return is_name_like(text)


@lru_cache(maxsize=4096)
def could_be_label(label: str) -> bool:
    """Name-like enough to be a label somewhere (commas allowed: "Official Spokesperson, …")."""
    return is_name_like(label, commas=True)


def _first_colon(text: str) -> int:
    match = _COLON.search(text, 0, _MAX_LABEL + 1)
    return match.start() if match else -1


def _mid_colons(index: int, text: str, start: int) -> list[MidColon]:
    found: list[MidColon] = []
    for match in _COLON.finditer(text, start):
        colon = match.start()
        after = text[colon + 1 : colon + 4].lstrip(" -–—")
        if after and not (capitalised(after[0]) or after[0] in "“\"‘'.…—–("):
            continue
        before = text[max(start, colon - _MAX_LABEL) : colon]
        if not before or before[-1].isspace() or before[-1].isdigit():
            continue
        base = colon - len(before)
        words = [(base + m.start(), m.group()) for m in _WORD_BEFORE.finditer(before)]
        starts = tuple(offset for offset, _ in reversed(words[-6:]) if offset > start)
        if starts:
            found.append(MidColon(index, colon, starts))
    return found
