"""What the screens show, computed without Textual: question-list entries and search matches.

The app turns each transcript into an *outline* — one entry for the opening remarks, one
per press exchange, one for the closing — and maps search hits onto those entries. Keeping
this here (plain data, no widgets) lets the workers compute it off the UI thread and the
tests check it directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from search_index.models import Exchange, SpeakerKind, Transcript, Turn

EntryKind = Literal["opening", "exchange", "closing", "briefing"]

#: How many words of a question the question list shows.
FIRST_WORDS = 12


@dataclass(frozen=True)
class Entry:
    """One row of the question list: the opening remarks, a press exchange or the closing."""

    key: str
    """Stable id, unique in a library: `<transcript id>/<kind>[/<exchange number>]`."""
    transcript_id: str
    kind: EntryKind
    number: int | None
    """The exchange's number as the list shows it (1 for the first question)."""
    title: str
    """The outlet that asked, or "Opening remarks" / "Closing"."""
    summary: str
    """The first words of the question (or of the first turn)."""
    question_turn: int | None
    answer_turns: tuple[int, ...]
    """Turns that answer the question (for opening/closing: every turn of the entry)."""
    turns: tuple[int, ...]
    """Every turn the answer view shows for this entry, in order."""
    speakers: tuple[str, ...] = ()
    """Who speaks in the answer turns, each once, in order."""
    question_turns: tuple[int, ...] = ()
    """Every turn of the question, a restated one included (empty for opening/closing)."""
    asker: str | None = None
    """Who asked, when the text names them ("Peter" for an anonymous "Q")."""

    @property
    def label(self) -> str:
        """The entry's one-line name, e.g. "5 China Financial and Economic News"."""
        return self.title if self.number is None else f"{self.number} {self.title}"


@dataclass(frozen=True, repr=False)
class Outline:
    """The entries of one transcript, in the order of the briefing."""

    transcript: Transcript
    entries: tuple[Entry, ...]
    turns: Mapping[int, Turn] = field(default_factory=dict)
    entry_of_turn: Mapping[int, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Outline({self.transcript.id!r}, {len(self.entries)} entries)"

    def turn(self, index: int) -> Turn:
        """The turn numbered `index`."""
        return self.turns[index]

    def entry(self, key: str) -> Entry | None:
        """The entry called `key`, or None."""
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    """The first `count` words of `text`, with an ellipsis when some were cut."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]).rstrip(",;:") + "…"


def _speakers_of(turns: Iterable[Turn]) -> tuple[str, ...]:
    seen: list[str] = []
    for turn in turns:
        if turn.speaker not in seen:
            seen.append(turn.speaker)
    return tuple(seen)


def _question_turns(exchange: Exchange) -> tuple[int, ...]:
    """The exchange's question turns (models from before `question_turns` give the first)."""
    return exchange.question_turns or (exchange.question_turn,)


def build_outline(transcript: Transcript) -> Outline:
    """The question-list entries of `transcript`.

    Turns before the first question form "Opening remarks", turns after the last answer
    form "Closing"; a turn between two exchanges that belongs to neither (a moderator's
    "next question") is shown with the exchange before it. A transcript without exchanges
    becomes one "Briefing" entry holding every turn.
    """
    turns = {turn.index: turn for turn in transcript.turns}
    order = [turn.index for turn in transcript.turns]
    tid = transcript.id
    entries: list[Entry] = []
    owner: dict[int, str] = {}

    def add(entry: Entry) -> None:
        entries.append(entry)
        for index in entry.turns:
            owner.setdefault(index, entry.key)

    exchanges = sorted(transcript.exchanges, key=lambda exchange: exchange.question_turn)
    if not exchanges:
        if order:
            first = turns[order[0]]
            add(
                Entry(
                    key=f"{tid}/briefing",
                    transcript_id=tid,
                    kind="briefing",
                    number=None,
                    title="Briefing",
                    summary=first_words(first.text),
                    question_turn=None,
                    answer_turns=tuple(order),
                    turns=tuple(order),
                    speakers=_speakers_of(turns[i] for i in order),
                )
            )
        return Outline(transcript, tuple(entries), turns, owner)

    in_exchange = {
        index
        for exchange in exchanges
        for index in (*_question_turns(exchange), *exchange.answer_turns)
    }
    first_question = exchanges[0].question_turn
    opening = [index for index in order if index < first_question]
    if opening:
        add(
            Entry(
                key=f"{tid}/opening",
                transcript_id=tid,
                kind="opening",
                number=None,
                title="Opening remarks",
                summary=first_words(turns[opening[0]].text),
                question_turn=None,
                answer_turns=tuple(opening),
                turns=tuple(opening),
                speakers=_speakers_of(turns[i] for i in opening),
            )
        )
    last_turn = max(max((ex.question_turn, *ex.answer_turns)) for ex in exchanges)
    for number, exchange in enumerate(exchanges, start=1):
        following = exchanges[number].question_turn if number < len(exchanges) else last_turn + 1
        shown = [*_question_turns(exchange), *exchange.answer_turns]
        shown += [
            index
            for index in order
            if exchange.question_turn < index < following
            and index not in in_exchange
            and index not in shown
        ]
        shown.sort()
        question = turns.get(exchange.question_turn)
        add(
            Entry(
                key=f"{tid}/q{number}",
                transcript_id=tid,
                kind="exchange",
                number=number,
                title=exchange.asker,
                summary=first_words(question.text) if question else "",
                question_turn=exchange.question_turn,
                answer_turns=tuple(exchange.answer_turns),
                turns=tuple(i for i in shown if i in turns),
                speakers=_speakers_of(turns[i] for i in exchange.answer_turns if i in turns),
                question_turns=_question_turns(exchange),
                asker=exchange.asker,
            )
        )
    closing = [index for index in order if index > last_turn]
    if closing:
        add(
            Entry(
                key=f"{tid}/closing",
                transcript_id=tid,
                kind="closing",
                number=None,
                title="Closing",
                summary=first_words(turns[closing[0]].text),
                question_turn=None,
                answer_turns=tuple(closing),
                turns=tuple(closing),
                speakers=_speakers_of(turns[i] for i in closing),
            )
        )
    return Outline(transcript, tuple(entries), turns, owner)


@dataclass(frozen=True, repr=False)
class Library:
    """Every loaded transcript with its outline, in the order they were opened."""

    outlines: tuple[Outline, ...]
    _by_id: dict[str, Outline] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((outline.transcript.id, outline) for outline in self.outlines)

    def __repr__(self) -> str:
        return f"Library({len(self.outlines)} transcripts)"

    @property
    def transcripts(self) -> tuple[Transcript, ...]:
        """The loaded transcripts."""
        return tuple(outline.transcript for outline in self.outlines)

    def outline(self, transcript_id: str) -> Outline | None:
        """The outline of the transcript with id `transcript_id`, or None."""
        return self._by_id.get(transcript_id)

    def entry(self, key: str) -> Entry | None:
        """The entry called `key` in any transcript, or None."""
        transcript_id = key.split("/", 1)[0]
        outline = self.outline(transcript_id)
        return None if outline is None else outline.entry(key)

    def find_transcript(self, reference: str) -> Outline | None:
        """The outline whose transcript id or source (full path or file name) is `reference`."""
        found = self._by_id.get(reference)
        if found is not None:
            return found
        for outline in self.outlines:
            transcript = outline.transcript
            if reference in (transcript.id, transcript.source):
                return outline
        for outline in self.outlines:
            source = outline.transcript.source.replace("\\", "/")
            if source.rsplit("/", 1)[-1] == reference.replace("\\", "/").rsplit("/", 1)[-1]:
                return outline
        return None


def build_library(transcripts: Sequence[Transcript]) -> Library:
    """A library of `transcripts`, each with its outline; duplicates (same id) kept once."""
    seen: set[str] = set()
    outlines = []
    for transcript in transcripts:
        if transcript.id in seen:
            continue
        seen.add(transcript.id)
        outlines.append(build_outline(transcript))
    return Library(tuple(outlines))


@dataclass(frozen=True)
class Match:
    """One occurrence of a search term in a turn, in the order `n` visits them."""

    entry_key: str
    turn: int
    start: int
    end: int


@dataclass(frozen=True)
class EntryHits:
    """An entry that has search hits, with how many matched terms the answer view shows."""

    entry_key: str
    count: int


@dataclass(frozen=True, repr=False)
class SearchOutcome:
    """What a query found, mapped onto the library's entries."""

    query: str
    entries: tuple[EntryHits, ...]
    """Entries with hits, best first."""
    matches: tuple[Match, ...]
    """Every highlighted term, entry by entry in the order of `entries`, then in reading order."""
    spans: Mapping[tuple[str, int], tuple[tuple[int, int], ...]]
    """Highlight spans per (transcript id, turn index), as offsets into the turn's text."""
    first: int | None
    """The match Enter goes to: the first in the best hit by an official, else the first."""
    total_hits: int
    note: str | None = None

    def __repr__(self) -> str:
        return f"SearchOutcome({self.query!r}, {len(self.matches)} matches)"

    @property
    def is_empty(self) -> bool:
        """True when nothing in the library matched."""
        return not self.entries


SpanFinder = Callable[[str, str], Sequence[tuple[int, int]]]
"""`match_spans(query, text)`: where a query's terms occur in a text."""


@dataclass(frozen=True)
class HitRef:
    """The parts of a search hit the app needs: where it is and whether an official said it."""

    transcript: str
    turn: int
    by_official: bool


def map_hits(
    library: Library,
    query: str,
    hits: Sequence[HitRef],
    match_spans: SpanFinder,
    total_hits: int | None = None,
    note: str | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SearchOutcome | None:
    """Group `hits` (best first) by entry and find every term occurrence to highlight.

    Hits in transcripts or turns the library does not show are ignored. Within an entry
    every shown turn is scanned (not only the hit turns), so that what is highlighted and
    what `n`/`N` visit agree. Returns None as soon as `cancelled()` says the result is no
    longer wanted (a newer query superseded this one).
    """
    ranked: list[str] = []
    first_official: dict[str, int] = {}
    for hit in hits:
        outline = library.find_transcript(hit.transcript)
        if outline is None:
            continue
        key = outline.entry_of_turn.get(hit.turn)
        if key is None:
            continue
        if key not in ranked:
            ranked.append(key)
        if hit.by_official and key not in first_official:
            first_official[key] = hit.turn
    spans: dict[tuple[str, int], tuple[tuple[int, int], ...]] = {}
    matches: list[Match] = []
    entry_hits: list[EntryHits] = []
    first: int | None = None
    for rank, key in enumerate(ranked):
        if cancelled is not None and cancelled():
            return None
        entry = library.entry(key)
        if entry is None:  # pragma: no cover - keys come from the library itself
            continue
        outline = library.outline(entry.transcript_id)
        assert outline is not None
        count = 0
        for turn_index in entry.turns:
            found = tuple(sorted(match_spans(query, outline.turn(turn_index).text)))
            if not found:
                continue
            spans[(entry.transcript_id, turn_index)] = found
            if rank == 0 and first is None and turn_index == first_official.get(key):
                first = len(matches)
            for start, end in found:
                matches.append(Match(key, turn_index, start, end))
            count += len(found)
        entry_hits.append(EntryHits(key, count or 1))
    if first is None and matches:
        first = 0
    return SearchOutcome(
        query=query,
        entries=tuple(entry_hits),
        matches=tuple(matches),
        spans=spans,
        first=first,
        total_hits=len(hits) if total_hits is None else total_hits,
        note=note,
    )


def is_official(kind: str | SpeakerKind | None) -> bool:
    """True for an official's turn: the answers a journalist usually quotes."""
    return kind is not None and str(kind) == SpeakerKind.OFFICIAL.value


class FigureLike(Protocol):
    """The parts of a `search_index.figures.Figure` the app shows."""

    @property
    def turn(self) -> int:
        """Index of the turn the figure was found in."""

    @property
    def start(self) -> int:
        """Offset of the figure's first character in the turn's text."""

    @property
    def end(self) -> int:
        """Offset just past the figure in the turn's text."""

    @property
    def text(self) -> str:
        """The figure as written, e.g. "218 billion yuan"."""

    @property
    def kind(self) -> str:
        """amount, count, percent, rate, duration, change or rank."""

    @property
    def label(self) -> str | None:
        """What is counted or measured, e.g. "concrete measures"."""

    @property
    def sentence(self) -> str:
        """The sentence the figure appears in."""


def paragraph_spans(turn: Turn, spans: Iterable[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """`spans` (offsets into the turn's text) split per paragraph, as paragraph offsets.

    A span crossing a paragraph break is cut at the break.
    """
    offsets = turn.paragraph_offsets()
    result: list[list[tuple[int, int]]] = [[] for _ in offsets]
    for start, end in spans:
        for number, (p_start, p_end) in enumerate(offsets):
            low, high = max(start, p_start), min(end, p_end)
            if low < high:
                result[number].append((low - p_start, high - p_start))
    return result


def paragraph_of(turn: Turn, offset: int) -> int:
    """The number (from 0) of the paragraph of `turn` holding the character at `offset`."""
    for number, (_start, end) in enumerate(turn.paragraph_offsets()):
        if offset < end:
            return number
    return max(len(turn.paragraphs) - 1, 0)
