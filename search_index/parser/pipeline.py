"""Plain text → `Transcript`, stage by stage.

2 `lines`: numbered lines, page furniture out · 3 `candidates`: every place a label could
start · 4 `label_styles`: which are labels, rosters, fields · 5 `turns`: raw turns · 9
`header`: title, date, place, opening speech · 6 `speakers`: one person per set of labels,
readable names · 7 `roles`: kinds from behaviour · 8 `exchanges`: questions, answers,
askers. Each stage decides over the whole document; weak decisions become warnings.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager

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
from search_index.parser.unlabelled import Inferred, split_unlabelled_questions

NO_DATE = "no date found in the header"

#: The fields every turn is built with (one set shared by all turns: a model's own set of
#: six names costs more memory than its text on a transcript of short turns).
_TURN_FIELDS = frozenset(Turn.model_fields)


class _Vocabulary:
    """Whether the document uses a word in lower case (for "an ordinary word is no name"):
    the word standing on its own (`\\bword\\b`) anywhere in the text.

    The first few words are looked up one by one: the word followed by a word boundary,
    which the regular expression engine finds by scanning for the word's letters, and the
    boundary before it checked at each place found (a pattern that starts with `\\b` is
    tried at every position of the text: two seconds on a 10 MB file for each word it does
    not find). Past that, the document's distinct words (maximal runs of word characters:
    exactly what `\\b…\\b` delimits) are read once, a chunk of the text at a time (a list
    of every word of a large file would double its memory).
    """

    _LOOKUPS = 16

    def __init__(self, text: str) -> None:
        self._text = text
        self._seen: dict[str, bool] = {}
        self._words: set[str] | None = None

    def __call__(self, word: str) -> bool:
        found = self._seen.get(word)
        if found is None:
            if _WORD_RUN.fullmatch(word) is not None and len(self._seen) >= self._LOOKUPS:
                if self._words is None:
                    self._words = self._read_words()
                found = word in self._words
            else:
                found = self._stands_alone(word)
            self._seen[word] = found
        return found

    def _stands_alone(self, word: str) -> bool:
        if not word:
            return False
        text = self._text
        starts_with_word_char = _word_char(word[0])
        for match in re.finditer(re.escape(word) + r"\b", text):
            at = match.start()
            before_is_word_char = at > 0 and _word_char(text[at - 1])
            if before_is_word_char != starts_with_word_char:
                return True
        return False

    def _read_words(self) -> set[str]:
        words: set[str] = set()
        text, size, start = self._text, 1 << 20, 0
        while start < len(text):
            end = _WHITESPACE.search(text, min(start + size, len(text)))
            stop = len(text) if end is None else end.start()
            words.update(_WORD_RUN.findall(text, start, stop))
            start = stop if stop > start else len(text)
        return words


_WORD_RUN = re.compile(r"\w+")
_WHITESPACE = re.compile(r"\s")


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def parse_text(
    text: str, source: str, encoding: str | None = None, title: str | None = None
) -> Transcript:
    """Parse a briefing's plain text into a `Transcript`.

    `title` is the title the file's metadata gives (front matter, an HTML page), if any.

    Raises `NotATranscriptError` when no speaker labels are found: pressroom does not guess
    at who said what.
    """
    with _collector_paused():
        return _parse(text, source, encoding, title)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a transcript is parsed.

    Parsing builds millions of small objects and no reference cycles; each collection would
    walk all of them again (a quarter of the time on a file of short turns). It is turned
    back on afterwards, unless it was off before (by the caller or another parse).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(text: str, source: str, encoding: str | None, title: str | None) -> Transcript:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    # Turns and exchanges are built without validation (for speed), so the text they are
    # cut from is made free of control characters here, once (see `search_index.controls`).
    text = without_controls(text)
    title = None if title is None else without_controls(title)
    raw_turns, segmented, header, fields, label_warnings = _segment(text, source, title)
    opening = raw_turns[0] if raw_turns[0].label == UNNAMED else None

    labels = [raw.label for raw in raw_turns if raw.label != UNNAMED]
    spellings = body_spellings(ambiguous_words(set(labels)), text)
    resolver = SpeakerResolver(header.roster, spellings)
    resolver.learn(labels, segmented.same_speaker, segmented.garbled)
    canonical = {label: resolver.canonical(label) for label in dict.fromkeys(labels)}
    canonical[UNNAMED] = UNNAMED
    names = [canonical[raw.label] for raw in raw_turns]
    texts = ["\n\n".join(raw.paragraphs) for raw in raw_turns]

    reader = TurnReader(texts, NameCheck(_Vocabulary(text)))
    hints = {name: resolver.hint(name) for name in dict.fromkeys(names) if name != UNNAMED}
    hints[UNNAMED] = SpeakerHint(Hint.NONE)
    roles = decide_roles(names, reader, hints)
    kinds = {name: kind for name, kind in roles.kinds.items() if name != UNNAMED}
    warnings: list[str] = [*label_warnings, *header.warnings]

    if opening is not None or segmented.inferred is not None:
        chosen = named_speaker(header, labels) if opening is not None else None
        principal = roles.principal(excluding=UNNAMED)
        if chosen is not None:
            chosen = resolver.canonical(chosen)
        elif principal is not None:
            chosen = principal
            if opening is not None:
                warnings.append(
                    f"opening statement (lines {opening.line_start}–{opening.line_end}) has no "
                    f"label: given to {chosen}, who answers the questions"
                )
        else:
            chosen = UNNAMED
            if opening is not None:
                warnings.append(
                    f"opening statement (lines {opening.line_start}–{opening.line_end}) has no "
                    "label and no speaker could be inferred"
                )
        if segmented.inferred is not None:
            warnings.append(_inferred_warning(segmented.inferred, chosen))
        names = [chosen if name == UNNAMED else name for name in names]
        if kinds.get(chosen, SpeakerKind.OTHER) == SpeakerKind.OTHER:
            kinds[chosen] = SpeakerKind.OFFICIAL
    warnings.extend(roles.warnings)

    # The parser's own values, already of the right types: no validation per turn.
    turns = _trusted_turns(names, texts, raw_turns)
    aliases: dict[str, set[str]] = {}
    for name, label in dict.fromkeys(zip(names, (raw.label for raw in raw_turns), strict=True)):
        aliases.setdefault(name, set()).add(label)
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


_new_turn = Turn.__new__
_set = object.__setattr__


def _trusted_turns(
    names: list[str], texts: list[str], raw_turns: list[RawTurn]
) -> tuple[Turn, ...]:
    """The turns from the parser's own values (every field, of the right type), set as
    `Turn.model_construct` sets them but without its per-field loop: on a file of short
    turns that loop cost more than cutting the turns (a test holds such turns equal to
    validated ones)."""
    turns: list[Turn] = []
    new, set_, fields = _new_turn, _set, _TURN_FIELDS
    for index, (name, raw) in enumerate(zip(names, raw_turns, strict=True)):
        turn = new(Turn)
        set_(
            turn,
            "__dict__",
            {
                "index": index,
                "speaker": name,
                "text": texts[index],
                "paragraphs": tuple(raw.paragraphs),
                "line_start": raw.line_start,
                "line_end": raw.line_end,
            },
        )
        set_(turn, "__pydantic_fields_set__", fields)
        set_(turn, "__pydantic_extra__", None)
        set_(turn, "__pydantic_private__", None)
        turns.append(turn)
    return tuple(turns)


def _segment(
    text: str, source: str, title: str | None
) -> tuple[list[RawTurn], Turns, Header, list[DocumentField], list[str]]:
    """Stages 2–5 and 9: the raw turns (an unlabelled opening statement first, questions
    printed without labels cut out of the answers), the header, the fields and the label
    warnings.

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
    raw_turns: list[RawTurn] = list(segmented.turns)
    opening = opening_turn(header, segmented.wrap_width)
    if opening is not None:
        raw_turns.insert(0, opening)
    separated = [
        kept.text
        for kept in _lines_before(
            lines.lines, [n for n, _, kind in lines.removed if kind == "separator"]
        )
    ]
    segmented.inferred = split_unlabelled_questions(raw_turns, lines.lines, separated)
    return raw_turns, segmented, header, decisions.fields, decisions.warnings


def _lines_before(lines: list[Line], numbers: list[int]) -> list[Line]:
    """The last line with text before each of the given line numbers."""
    found: list[Line] = []
    position = 0
    previous: Line | None = None
    for number in sorted(numbers):
        while position < len(lines) and lines[position].number < number:
            if lines[position].text:
                previous = lines[position]
            position += 1
        if previous is not None:
            found.append(previous)
    return found


def _inferred_warning(inferred: Inferred, answerer: str) -> str:
    """The warning that says who was taken to speak where no label says so."""
    return (
        f"questions printed without labels (lines {inferred.first_line}–{inferred.last_line}):"
        f" {inferred.questions} paragraphs that ask read as the press's questions, "
        f"{inferred.answers} unlabelled answers given to {answerer}; speakers inferred"
    )


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
