"""A transcript's outline: the question list's entries and the turns each one shows.

The app turns each transcript into an *outline* — one entry for the opening remarks, one
per press exchange, one for the closing — so that a question, its answers and what the
moderator said around them are shown together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from search_index.models import Exchange, Transcript, Turn

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

    @property
    def first_question(self) -> str | None:
        """The key of the entry a briefing opens on: its first press question, else its
        first entry (None for a briefing without turns)."""
        for entry in self.entries:
            if entry.kind == "exchange":
                return entry.key
        return self.entries[0].key if self.entries else None


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


def _last_turn(exchanges: Sequence[Exchange]) -> int:
    """The last turn any exchange holds (its question or an answer)."""
    return max(max((ex.question_turn, *ex.answer_turns)) for ex in exchanges)


#: The entries that are a run of turns outside any exchange: their key part and title.
_RUNS: Mapping[EntryKind, str] = {
    "opening": "Opening remarks",
    "closing": "Closing",
    "briefing": "Briefing",
}


def _run_entry(
    transcript_id: str, kind: EntryKind, indices: Sequence[int], turns: Mapping[int, Turn]
) -> Entry:
    """An entry showing the turns `indices` as they are (opening, closing or a briefing)."""
    return Entry(
        key=f"{transcript_id}/{kind}",
        transcript_id=transcript_id,
        kind=kind,
        number=None,
        title=_RUNS[kind],
        summary=first_words(turns[indices[0]].text),
        question_turn=None,
        answer_turns=tuple(indices),
        turns=tuple(indices),
        speakers=_speakers_of(turns[i] for i in indices),
    )


def _exchange_entries(
    transcript_id: str,
    exchanges: Sequence[Exchange],
    order: Sequence[int],
    turns: Mapping[int, Turn],
) -> list[Entry]:
    """One entry per exchange (sorted by question), each with the stray turns after it."""
    in_exchange = {
        index
        for exchange in exchanges
        for index in (*_question_turns(exchange), *exchange.answer_turns)
    }
    last_turn = _last_turn(exchanges)
    entries: list[Entry] = []
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
        entries.append(
            Entry(
                key=f"{transcript_id}/q{number}",
                transcript_id=transcript_id,
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
    return entries


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
    exchanges = sorted(transcript.exchanges, key=lambda exchange: exchange.question_turn)
    entries: list[Entry] = []
    if not exchanges:
        if order:
            entries.append(_run_entry(tid, "briefing", order, turns))
    else:
        opening = [index for index in order if index < exchanges[0].question_turn]
        if opening:
            entries.append(_run_entry(tid, "opening", opening, turns))
        entries += _exchange_entries(tid, exchanges, order, turns)
        last = _last_turn(exchanges)
        closing = [index for index in order if index > last]
        if closing:
            entries.append(_run_entry(tid, "closing", closing, turns))
    owner: dict[int, str] = {}
    for entry in entries:
        for index in entry.turns:
            owner.setdefault(index, entry.key)
    return Outline(transcript, tuple(entries), turns, owner)
