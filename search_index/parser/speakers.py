"""Stage 6: who is who: roster matching, label variants, readable names, and the hints a
label or the roster gives about each speaker's part."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from search_index.models import Speaker, SpeakerKind
from search_index.parser.label_text import (
    ANONYMOUS_NAME,
    Q_LABELS,
    TITLE_WORDS,
    has_office_word,
    is_moderator_word,
    is_press_word,
    label_parts,
    looks_like_outlet,
    strip_honorific,
)
from search_index.parser.names import display_name
from search_index.parser.roles import Hint, SpeakerHint
from search_index.parser.roster import RosterEntry

#: Labels compared pairwise for variants (misspellings, initials, abbreviations): the most
#: used ones. Every pair is a fuzzy match; a briefing has a few dozen distinct labels, and
#: a thousand took half a minute. Labels written alike but for case, spaces and
#: punctuation merge however many there are.
MAX_COMPARED_LABELS = 200


class SpeakerResolver:
    """Maps labels to canonical speaker names.

    Roster names win ("MR. SHEN" → "Shen Changyu" by surname); ALL-CAPS labels get a readable
    form; obvious variants of one label merge into its fullest, most used form: initials
    ("FM" → "FOREIGN MINISTER"), abbreviations ("REPTR" → "REPORTER"), misspellings
    ("FOREIGN MINSTER"), and pairs the text itself links ("FM (cont):").
    """

    def __init__(
        self, roster: Sequence[RosterEntry], spellings: dict[str, str] | None = None
    ) -> None:
        self._roster = list(roster)
        self._spellings = spellings or {}
        self._by_key = {entry.name.lower(): entry for entry in roster}
        self._canonical: dict[str, str] = {}
        self._resolved: dict[str, str] = {}
        self.notes: dict[str, str] = {}

    def learn(
        self,
        labels: Sequence[str],
        same_speaker: Iterable[tuple[str, str]] = (),
        garbled: Mapping[str, str] | None = None,
    ) -> None:
        """Decide canonical names for the labels of one transcript (in order of use).

        `garbled` maps labels the OCR garbled to the label each stands for ("PMK" → "PM"):
        they name that label's speaker and never give a speaker its name.
        """
        garbled = garbled or {}
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        bases: dict[str, str] = {}
        # Each distinct label once, in order of first use, with how often it is used.
        for position, (label, uses) in enumerate(Counter(labels).items()):
            if label in garbled:
                continue
            parts = label_parts(label)
            name = bases.get(parts.name)
            if name is None:
                name = bases[parts.name] = self._base(parts.name)
            if parts.note:
                self.notes.setdefault(name, parts.note)
            counts[name] += uses
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
        by_letters: dict[str, str] = {}
        for name in free:  # written alike but for case, spaces and punctuation
            letters = _letters(name)
            if letters:
                union(name, by_letters.setdefault(letters, name))
        compared = free
        if len(free) > MAX_COMPARED_LABELS:  # the most used ones, in order of first use
            most_used = sorted(free, key=lambda n: (-counts[n], first_seen[n]))
            kept = set(most_used[:MAX_COMPARED_LABELS])
            compared = [name for name in free if name in kept]
        for i, a in enumerate(compared):
            for b in compared[i + 1 :]:
                if _variants(a, b):
                    union(a, b)
        for a, b in _surnames(free):
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
        for label, meant in garbled.items():
            base = self._base(label_parts(meant).name)
            self._canonical[self._base(label_parts(label).name)] = self._canonical.get(base, base)

    def canonical(self, label: str) -> str:
        """The speaker name a label refers to (worked out once per distinct label)."""
        found = self._resolved.get(label)
        if found is None:
            name = self._base(label_parts(label).name)
            found = self._resolved[label] = self._canonical.get(name, name)
        return found

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
        if name.lower().strip(". ") in Q_LABELS:
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
        return display_name(name, self._spellings)

    def labels_of(self, name: str) -> list[str]:
        """The label names that resolve to the speaker `name`."""
        return [base for base, canonical in self._canonical.items() if canonical == name]

    def hint(self, name: str) -> SpeakerHint:
        """What the roster or the speaker's labels say about the part they play."""
        entry = self.roster_entry(name)
        if entry is not None:
            hint = Hint.MODERATOR if entry.kind == SpeakerKind.MODERATOR else Hint.OFFICIAL
            return SpeakerHint(hint, "roster")
        labels = self.labels_of(name) or [name]
        note = self.note(name)
        if any(is_press_word(label) for label in labels) or name == ANONYMOUS_NAME:
            return SpeakerHint(Hint.PRESS, "label")
        if any(looks_like_outlet(label) for label in labels) or (
            note is not None and looks_like_outlet(note)
        ):
            return SpeakerHint(Hint.PRESS, "label")
        if any(is_moderator_word(label) for label in labels):
            return SpeakerHint(Hint.MODERATOR, "label")
        if any(has_office_word(label) for label in labels):
            return SpeakerHint(Hint.OFFICIAL, "label")
        return SpeakerHint(Hint.NONE)


def _surnames(names: Sequence[str]) -> list[tuple[str, str]]:
    """ "Shorten" and "Bill Shorten": a one-word label that is the last name of exactly one
    fuller label is that person."""
    fuller: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = strip_honorific(name).split()
        if len(words) >= 2:
            fuller[words[-1].lower()].append(name)
    pairs = []
    for name in names:
        words = strip_honorific(name).split()
        if len(words) == 1 and words[0].lower() not in TITLE_WORDS:
            matches = fuller.get(words[0].lower(), [])
            if len(matches) == 1:
                pairs.append((name, matches[0]))
    return pairs


@lru_cache(maxsize=4096)
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
    if len(ls) >= 6:
        matcher = SequenceMatcher(None, ls, ll)
        # the quick ratios are upper bounds of ratio(), far cheaper to compute
        if (
            matcher.real_quick_ratio() >= 0.9
            and matcher.quick_ratio() >= 0.9
            and matcher.ratio() >= 0.9
        ):
            return True  # a misspelling
    single = len(short.split()) == 1 and len(long_.split()) == 1
    if single and len(ls) >= 3 and len(ll) >= 6 and len(ls) <= 0.75 * len(ll) and ls[0] == ll[0]:
        letters = iter(ll)
        return all(ch in letters for ch in ls)  # an abbreviation: Reptr / Reporter
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
