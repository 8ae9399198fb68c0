"""Deciding who is who: roster matching, outlets, and how unlisted speakers speak."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from search_index.models import Speaker, SpeakerKind
from search_index.parser.header import RosterEntry
from search_index.parser.labels import looks_like_outlet, strip_honorific

_MODERATOR_WORDS = ("moderator", "chairperson", "chair", "host", "presider", "mc")
_PRESS_WORDS = ("q", "question", "reporter", "reptr", "journalist", "press", "audience")
_CLOSING = ("concludes", "conclude today", "that's all", "this is the end", "goodbye", "adjourned")
_CHAIRING = (
    "give the floor",
    "time for questions",
    "raise your hand",
    "indicate the media",
    "next question",
    "last question",
    "please go ahead",
)


@dataclass
class RawTurn:
    """A turn as segmented, before speakers are resolved."""

    label: str
    line_start: int
    line_end: int
    paragraphs: list[str]


class SpeakerResolver:
    """Maps labels to canonical speaker names using the header roster."""

    def __init__(self, roster: Sequence[RosterEntry]) -> None:
        self._roster = list(roster)
        self._by_key = {entry.name.lower(): entry for entry in roster}

    def canonical(self, label: str) -> str:
        """The roster name a label refers to, or the label itself."""
        bare = strip_honorific(label)
        key = bare.lower()
        if key in self._by_key:
            return self._by_key[key].name
        return bare if bare else label

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
        if entry is not None:
            kinds[name] = entry.kind
        elif lowered in _PRESS_WORDS or lowered.startswith(("q ", "question ")):
            kinds[name] = SpeakerKind.PRESS
        elif any(lowered == word or lowered.startswith(word + " ") for word in _MODERATOR_WORDS):
            kinds[name] = SpeakerKind.MODERATOR
        elif looks_like_outlet(name):
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
    previous: str | None = None
    for speaker, _text in turns:
        if speaker == name and previous is not None and kinds.get(previous) == SpeakerKind.PRESS:
            return True
        previous = speaker
    return False


def build_speakers(
    order: Sequence[str],
    kinds: dict[str, SpeakerKind],
    resolver: SpeakerResolver,
    roster: Sequence[RosterEntry],
    aliases: dict[str, set[str]],
) -> tuple[Speaker, ...]:
    """Speaker models: roster people first (in roster order), then others as they speak."""
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
        speakers.append(
            Speaker(
                name=name,
                role=None,
                kind=kinds.get(name, SpeakerKind.OTHER),
                aliases=tuple(sorted(aliases.get(name, set()) - {name})),
            )
        )
    return tuple(speakers)
