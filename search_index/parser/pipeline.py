"""Plain text → `Transcript`, stage by stage.

2 `lines`: numbered lines, page furniture out · 3 `candidates`: every place a label could
start · 4 `label_styles`: which are labels, rosters, fields · 5 `turns`: raw turns · 9
`header`: title, date, place, opening speech · 6 `speakers`: one person per set of labels,
readable names · 7 `roles`: kinds from behaviour · 8 `exchanges`: questions, answers,
askers. Each stage decides over the whole document; weak decisions become warnings.
"""

from __future__ import annotations

import hashlib
import re

from search_index.controls import without_controls
from search_index.errors import NotATranscriptError
from search_index.models import DocumentField, Exchange, Speaker, SpeakerKind, Transcript, Turn
from search_index.parser.candidates import find_candidates
from search_index.parser.exchanges import Speakers, build_exchanges
from search_index.parser.header import Header, parse_header
from search_index.parser.label_styles import decide_labels
from search_index.parser.label_text import is_press_word
from search_index.parser.lines import Line, read_lines
from search_index.parser.names import ambiguous_words, body_spellings
from search_index.parser.opening import UNNAMED, named_speaker, opening_turn
from search_index.parser.roles import Hint, SpeakerHint, TurnReader, decide_roles
from search_index.parser.speakers import SpeakerResolver, build_speakers
from search_index.parser.turn_acts import NameCheck
from search_index.parser.turns import RawTurn, Turns, build_turns

NO_DATE = "no date found in the header"
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’]+\b")


class _Vocabulary:
    """Whether the document uses a word in lower case (for "an ordinary word is no name").

    The first few words are looked up in the text one by one; past that the document's
    lower-case words are read once, a chunk at a time (a list of every word of a large file
    would double its memory).
    """

    _LOOKUPS = 16

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: set[str] | None = None
        self._seen: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        if self._words is not None:
            return word in self._words
        found = self._seen.get(word)
        if found is None:
            if len(self._seen) >= self._LOOKUPS:
                self._words = self._read_all()
                return word in self._words
            pattern = re.compile(r"\b" + re.escape(word) + r"\b")
            found = self._seen[word] = pattern.search(self._text) is not None
        return found

    def _read_all(self) -> set[str]:
        words: set[str] = set()
        text, size, start = self._text, 1 << 20, 0
        while start < len(text):
            end = text.find(" ", min(start + size, len(text)))
            end = len(text) if end < 0 else end
            words.update(_LOWER_WORD.findall(text, start, end))
            start = end
        return words


def parse_text(
    text: str, source: str, encoding: str | None = None, title: str | None = None
) -> Transcript:
    """Parse a briefing's plain text into a `Transcript`.

    `title` is the title the file's metadata gives (front matter, an HTML page), if any.

    Raises `NotATranscriptError` when no speaker labels are found: pressroom does not guess
    at who said what.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    # Turns and exchanges are built without validation (for speed), so the text they are
    # cut from is made free of control characters here, once (see `search_index.controls`).
    text = without_controls(text)
    title = None if title is None else without_controls(title)
    segmented, header, fields, label_warnings = _segment(text, source, title)
    raw_turns: list[RawTurn] = list(segmented.turns)
    opening = opening_turn(header, segmented.wrap_width)
    if opening is not None:
        raw_turns.insert(0, opening)

    labels = [raw.label for raw in raw_turns if raw.label != UNNAMED]
    spellings = body_spellings(ambiguous_words(set(labels)), text)
    resolver = SpeakerResolver(header.roster, spellings)
    resolver.learn(labels, segmented.same_speaker)
    names = [
        UNNAMED if raw.label == UNNAMED else resolver.canonical(raw.label) for raw in raw_turns
    ]
    texts = ["\n\n".join(raw.paragraphs) for raw in raw_turns]

    reader = TurnReader(texts, NameCheck(_Vocabulary(text)))
    hints = {name: resolver.hint(name) for name in dict.fromkeys(names) if name != UNNAMED}
    hints[UNNAMED] = SpeakerHint(Hint.NONE)
    roles = decide_roles(names, reader, hints)
    kinds = {name: kind for name, kind in roles.kinds.items() if name != UNNAMED}
    warnings: list[str] = [*label_warnings, *header.warnings]

    if opening is not None:
        chosen = named_speaker(header, labels)
        if chosen is not None:
            chosen = resolver.canonical(chosen)
        elif roles.principal is not None:
            chosen = roles.principal
            warnings.append(
                f"opening statement (lines {opening.line_start}–{opening.line_end}) has no "
                f"label: given to {chosen}, who answers the questions"
            )
        else:
            chosen = UNNAMED
            warnings.append(
                f"opening statement (lines {opening.line_start}–{opening.line_end}) has no "
                "label and no speaker could be inferred"
            )
        names[0] = chosen
        if kinds.get(chosen, SpeakerKind.OTHER) == SpeakerKind.OTHER:
            kinds[chosen] = SpeakerKind.OFFICIAL
    warnings.extend(roles.warnings)

    # The parser's own values, already of the right types: no validation per turn.
    turns = tuple(
        Turn.model_construct(
            index=index,
            speaker=name,
            text=texts[index],
            paragraphs=tuple(raw.paragraphs),
            line_start=raw.line_start,
            line_end=raw.line_end,
        )
        for index, (name, raw) in enumerate(zip(names, raw_turns, strict=True))
    )
    aliases: dict[str, set[str]] = {}
    for name, raw in zip(names, raw_turns, strict=True):
        aliases.setdefault(name, set()).add(raw.label)
    order = list(dict.fromkeys(names))
    speakers = build_speakers(order, kinds, resolver, header.roster, aliases)
    spoken = set(names)
    speakers = tuple(s for s in speakers if s.name in spoken or s.kind != SpeakerKind.OTHER)
    by_name = {speaker.name: speaker for speaker in speakers}
    found = build_exchanges(
        turns,
        reader,
        Speakers(
            kind_of=lambda name: by_name[name].kind if name in by_name else SpeakerKind.OTHER,
            anonymous=_Anonymous(resolver),
            outlet_of=lambda name: by_name[name].outlet if name in by_name else None,
            resolve_surname=resolver.by_surname,
        ),
    )
    speakers = _with_learned_outlets(speakers, found.exchanges)
    if found.carried:
        numbers = ", ".join(str(index + 1) for index in found.carried)
        warnings.append(
            f"asker of question{'s' if len(found.carried) > 1 else ''} {numbers} carried from "
            "the question before (a follow-up: no one was called in between)"
        )
    if found.named_in_answer:
        numbers = ", ".join(str(index + 1) for index in found.named_in_answer)
        plural = "s" if len(found.named_in_answer) > 1 else ""
        warnings.append(
            f"asker of question{plural} {numbers} named only by the answer addressing them"
        )
    if header.date is None:
        warnings.insert(0, NO_DATE)
    if not any(speaker.kind == SpeakerKind.PRESS for speaker in speakers):
        warnings.append("no press questions recognised")
    return Transcript(
        id=digest,
        source=source,
        title=header.title,
        date=header.date,
        location=header.location,
        speakers=speakers,
        turns=turns,
        exchanges=found.exchanges,
        encoding=encoding,
        fields=tuple(fields),
        warnings=tuple(warnings),
    )


def _segment(
    text: str, source: str, title: str | None
) -> tuple[Turns, Header, list[DocumentField], list[str]]:
    """Stages 2–5 and 9: the raw turns, the header, the fields and the label warnings.

    The lines, candidates and label decisions go out of scope here, before the speakers and
    the model are built (they are the biggest structures of a large file).
    """
    lines = read_lines(text)
    candidates = find_candidates(lines.lines)
    decisions = decide_labels(lines.lines, candidates)
    segmented = build_turns(lines.lines, decisions)
    if not segmented.turns:
        raise NotATranscriptError(
            f"{source}: no speaker turns found (expected lines such as 'Name:' before each turn)"
        )
    header_lines = [
        line
        for index, line in enumerate(lines.lines[: decisions.first_turn])
        if index not in decisions.metadata_lines
    ]
    if decisions.header_tail is not None and decisions.header_tail.text:
        header_lines.append(decisions.header_tail)
    # A clock line ("1:23 P.M. EDT") is no speech, but in the header it marks where the
    # place lines above it end.
    first_number = (
        lines.lines[decisions.first_turn].number
        if decisions.first_turn < len(lines.lines)
        else len(text)
    )
    clocks = [
        Line(number, removed)
        for number, removed, kind in lines.removed
        if kind == "time" and number < first_number
    ]
    if clocks:
        header_lines = sorted([*header_lines, *clocks], key=lambda line: line.number)
    evidence = [" ".join(raw.paragraphs)[:2000] for raw in segmented.turns[:3]]
    header = parse_header(header_lines, decisions.fields, decisions.roster, evidence, title)
    return segmented, header, decisions.fields, decisions.warnings


class _Anonymous:
    """Whether a press speaker's labels name no one ("Q", "RPTR"), decided once per name."""

    def __init__(self, resolver: SpeakerResolver) -> None:
        self._resolver = resolver
        self._known: dict[str, bool] = {}

    def __call__(self, name: str) -> bool:
        found = self._known.get(name)
        if found is None:
            labels = self._resolver.labels_of(name) or [name]
            found = self._known[name] = any(is_press_word(label) for label in labels)
        return found


def _with_learned_outlets(
    speakers: tuple[Speaker, ...], exchanges: tuple[Exchange, ...]
) -> tuple[Speaker, ...]:
    """Give named press speakers the outlet they introduced themselves with."""
    learned = {e.asker: e.outlet for e in exchanges if e.outlet}
    return tuple(
        s.model_copy(update={"outlet": learned[s.name]})
        if s.kind == SpeakerKind.PRESS and s.outlet is None and s.name in learned
        else s
        for s in speakers
    )
