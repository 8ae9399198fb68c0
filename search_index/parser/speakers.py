"""Deciding who is who: roster matching, label variants, outlets, and how people speak."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from search_index.models import Speaker, SpeakerKind
from search_index.parser.header import RosterEntry
from search_index.parser.labels import (
    ANONYMOUS_NAME,
    ANONYMOUS_QUESTION,
    TITLE_WORDS,
    display_name,
    label_parts,
    looks_like_outlet,
    strip_honorific,
)

_MODERATOR_WORDS = ("moderator", "chairperson", "chair", "host", "presider", "mc", "the moderator")
_PRESS_WORDS = ("q", "question", "reporter", "reptr", "journalist", "press", "audience")
#: Press labels that name no one: their exchanges look for the reporter's name in the text.
ANONYMOUS_PRESS = frozenset({"q", "question", "reporter", "journalist", "audience", "reptr"})
_CLOSING = ("concludes", "conclude today", "that's all", "this is the end", "goodbye", "adjourned")
_CHAIRING = (
    "give the floor",
    "time for questions",
    "raise your hand",
    "indicate the media",
    "next question",
    "last question",
    "questions, please",
)


@dataclass
class RawTurn:
    """A turn as segmented, before speakers are resolved."""

    label: str
    line_start: int
    line_end: int
    paragraphs: list[str]


class SpeakerResolver:
    """Maps labels to canonical speaker names.

    Roster names win ("MR. SHEN" → "Shen Changyu" by surname); ALL-CAPS labels get a readable
    form; obvious variants of one label merge into its fullest, most used form: initials
    ("FM" → "FOREIGN MINISTER"), abbreviations ("REPTR" → "REPORTER"), misspellings
    ("FOREIGN MINSTER"), and pairs the text itself links ("FM (cont):").
    """

    def __init__(self, roster: Sequence[RosterEntry]) -> None:
        self._roster = list(roster)
        self._by_key = {entry.name.lower(): entry for entry in roster}
        self._canonical: dict[str, str] = {}
        self.notes: dict[str, str] = {}

    def learn(self, labels: Sequence[str], same_speaker: Iterable[tuple[str, str]] = ()) -> None:
        """Decide canonical names for the labels of one transcript (in order of use)."""
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        for position, label in enumerate(labels):
            parts = label_parts(label)
            name = self._base(parts.name)
            if parts.note:
                self.notes.setdefault(name, parts.note)
            counts[name] += 1
            first_seen.setdefault(name, position)
        parent: dict[str, str] = {name: name for name in counts}

        def find(name: str) -> str:
            while parent[name] != name:
                parent[name] = parent[parent[name]]
                name = parent[name]
            return name

        def union(a: str, b: str) -> None:
            parent[find(a)] = find(b)

        free = [name for name in counts if not self._is_fixed(name)]
        for i, a in enumerate(free):
            for b in free[i + 1 :]:
                if _variants(a, b):
                    union(a, b)
        for a, b in same_speaker:
            base_a, base_b = self._base(a), self._base(b)
            if base_a in parent and base_b in parent:
                union(base_a, base_b)
        groups: dict[str, list[str]] = defaultdict(list)
        for name in counts:
            groups[find(name)].append(name)
        for members in groups.values():
            fixed = [m for m in members if self._is_fixed(m)]
            if fixed:
                best = fixed[0]
            else:
                longest = max(len(m) for m in members)
                full = [m for m in members if len(m) >= 0.8 * longest]
                best = min(full, key=lambda m: (-counts[m], first_seen[m]))
            for member in members:
                self._canonical[member] = best

    def canonical(self, label: str) -> str:
        """The speaker name a label refers to."""
        name = self._base(label_parts(label).name)
        return self._canonical.get(name, name)

    def note(self, name: str) -> str | None:
        """The bracketed note ("Reuters") a label carried for this speaker, if any."""
        for base, canonical in self._canonical.items():
            if canonical == name and base in self.notes:
                return self.notes[base]
        return self.notes.get(name)

    def roster_entry(self, name: str) -> RosterEntry | None:
        """The roster entry for a canonical name."""
        return self._by_key.get(name.lower())

    def by_surname(self, surname: str) -> str | None:
        """The one roster person whose family or given name is `surname`."""
        key = surname.lower()
        hits = [
            entry.name
            for entry in self._roster
            if key in {part.lower() for part in entry.name.split()}
        ]
        return hits[0] if len(hits) == 1 else None

    def _is_fixed(self, name: str) -> bool:
        return name.lower() in self._by_key or name == ANONYMOUS_NAME

    def _base(self, name: str) -> str:
        """Roster name, the anonymous questioner, or the readable form of a label."""
        if name.lower().strip(". ") in ANONYMOUS_QUESTION:
            return ANONYMOUS_NAME
        bare = strip_honorific(name)
        entry = self._by_key.get(bare.lower())
        if entry is not None:
            return entry.name
        words = [w for w in re.findall(r"[\w'’-]+", bare) if w.lower() not in TITLE_WORDS]
        if words and (len(words) < len(bare.split()) or bare != name):
            hits = {self.by_surname(word) for word in words} - {None}
            if len(hits) == 1:
                return hits.pop() or name
        return display_name(name)


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _variants(a: str, b: str) -> bool:
    """True when two labels are obviously the same speaker written two ways."""
    la, lb = _letters(a), _letters(b)
    if not la or not lb:
        return False
    if la == lb:
        return True
    short, long_ = (a, b) if len(la) <= len(lb) else (b, a)
    ls, ll = _letters(short), _letters(long_)
    words = [w for w in re.findall(r"[A-Za-z]+", long_)]
    if 2 <= len(ls) <= 4 and len(words) >= 2 and ls == "".join(w[0].lower() for w in words):
        return True  # initials: FM / Foreign Minister
    if len(ls) >= 6 and SequenceMatcher(None, ls, ll).ratio() >= 0.9:
        return True  # a misspelling
    single = len(short.split()) == 1 and len(long_.split()) == 1
    if single and len(ls) >= 3 and len(ll) >= 6 and len(ls) <= 0.75 * len(ll) and ls[0] == ll[0]:
        letters = iter(ll)
        return all(ch in letters for ch in ls)  # an abbreviation: Reptr / Reporter
    return False


def classify_speakers(
    turns: Sequence[tuple[str, str]], resolver: SpeakerResolver
) -> dict[str, SpeakerKind]:
    """Kinds for each speaker name, from (speaker, text) pairs in order.

    The roster decides first; then labels that name an outlet or a questioner are press,
    labels that name a chair are moderators; then the way a speaker talks: one who asks
    questions that others answer is press, one who opens, hands over and closes is the
    moderator, and one who answers is an official.
    """
    kinds: dict[str, SpeakerKind] = {}
    texts: dict[str, list[str]] = defaultdict(list)
    order: list[str] = []
    for name, text in turns:
        if name not in texts:
            order.append(name)
        texts[name].append(text)
    for name in order:
        entry = resolver.roster_entry(name)
        lowered = name.lower().strip(" .")
        note = resolver.note(name)
        if entry is not None:
            kinds[name] = entry.kind
        elif lowered in _PRESS_WORDS or lowered.startswith(("q ", "question ")):
            kinds[name] = SpeakerKind.PRESS
        elif any(lowered == word or lowered.startswith(word + " ") for word in _MODERATOR_WORDS):
            kinds[name] = SpeakerKind.MODERATOR
        elif looks_like_outlet(name) or (note is not None and looks_like_outlet(note)):
            kinds[name] = SpeakerKind.PRESS
    undecided = [name for name in order if name not in kinds]
    for name in undecided:
        said = texts[name]
        questions = sum(1 for text in said if "?" in text)
        chairing = sum(
            1 for text in said if any(phrase in text.lower() for phrase in _CHAIRING + _CLOSING)
        )
        if questions and questions >= len(said) / 2 and chairing == 0:
            kinds[name] = SpeakerKind.PRESS
        elif chairing:
            kinds[name] = SpeakerKind.MODERATOR
    for name in undecided:
        if name not in kinds:
            answers = _answers_someone(name, turns, kinds)
            kinds[name] = SpeakerKind.OFFICIAL if answers else SpeakerKind.OTHER
    return kinds


def _answers_someone(
    name: str, turns: Sequence[tuple[str, str]], kinds: dict[str, SpeakerKind]
) -> bool:
    """True when the speaker talks after a press question and before the chair takes over."""
    asked = False
    for speaker, _text in turns:
        kind = kinds.get(speaker)
        if kind == SpeakerKind.PRESS:
            asked = True
        elif kind == SpeakerKind.MODERATOR:
            asked = False
        elif speaker == name and asked:
            return True
    return False


def build_speakers(
    order: Sequence[str],
    kinds: dict[str, SpeakerKind],
    resolver: SpeakerResolver,
    roster: Sequence[RosterEntry],
    aliases: dict[str, set[str]],
    outlets: dict[str, str] | None = None,
) -> tuple[Speaker, ...]:
    """Speaker models: roster people first (in roster order), then others as they speak."""
    outlets = outlets or {}
    speakers: list[Speaker] = []
    seen: set[str] = set()
    for entry in roster:
        speakers.append(
            Speaker(
                name=entry.name,
                role=entry.role,
                kind=kinds.get(entry.name, entry.kind),
                aliases=tuple(sorted(aliases.get(entry.name, set()) - {entry.name})),
            )
        )
        seen.add(entry.name)
    for name in order:
        if name in seen:
            continue
        seen.add(name)
        kind = kinds.get(name, SpeakerKind.OTHER)
        note = resolver.note(name)
        outlet = outlets.get(name)
        role = None
        if note is not None:
            if kind == SpeakerKind.PRESS:
                outlet = outlet or note
            else:
                role = note
        if kind == SpeakerKind.PRESS and outlet is None and looks_like_outlet(name):
            outlet = name
        speakers.append(
            Speaker(
                name=name,
                role=role,
                kind=kind,
                aliases=tuple(sorted(aliases.get(name, set()) - {name})),
                outlet=outlet,
            )
        )
    return tuple(speakers)
