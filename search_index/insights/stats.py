"""Facets of a library: turns and words by speaker, questions by outlet, who answered whom.

Every count is given per transcript and across the library. Across the library a speaker or
an outlet is the same when its name is the same. A *question* is a press exchange; an
official *answered* an outlet when they spoke in the answer turns of a question that outlet
asked (a hand-off counts for both the official who handed on and the one who answered).
Words are runs of letters and digits, with inner hyphens, apostrophes and dots kept, and
commas between digits ("year-on-year", "China's", "56.18" and "42,000" are one word each).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search_index.models import Transcript

WORD_RE = re.compile(r"\w+(?:(?:['’.\-]|(?<=\d),(?=\d))\w+)*")

#: The kind of a speaker the transcript does not describe (`SpeakerKind.OTHER`): named
#: here so that counting kept statistics needs no model.
OTHER_KIND = "other"

#: How many words of a question the question rows keep in `summary`.
SUMMARY_WORDS = 14


def count_words(text: str) -> int:
    """How many words `text` has (see the module docstring)."""
    return len(WORD_RE.findall(text))


@dataclass(frozen=True, slots=True)
class SpeakerStat:
    """How much one speaker said."""

    speaker: str
    kind: str
    turns: int
    words: int
    transcripts: int = 1
    """In how many transcripts the speaker has a turn."""


@dataclass(frozen=True, slots=True)
class OutletStat:
    """How many questions one outlet asked."""

    outlet: str
    questions: int
    transcripts: int = 1


@dataclass(frozen=True, slots=True)
class AnswerStat:
    """How many of an outlet's questions one official answered."""

    outlet: str
    answered_by: str
    questions: int


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """One press question: who asked it, who answered, where it is."""

    transcript_id: str
    title: str
    date: dt.date | None
    number: int
    """1 for the transcript's first question."""
    asker: str
    answered_by: tuple[str, ...]
    handoff_to: str | None
    question_turn: int
    answer_turns: tuple[int, ...]
    summary: str
    """The first words of the question."""
    question: str


@dataclass(frozen=True, slots=True)
class TranscriptStats:
    """The facets of one transcript."""

    transcript_id: str
    title: str
    date: dt.date | None
    source: str
    turns: int
    words: int
    speakers: tuple[SpeakerStat, ...]
    """Most words first."""
    outlets: tuple[OutletStat, ...]
    """Most questions first, then by name."""
    answers: tuple[AnswerStat, ...]
    """By outlet (most questions first), then by count."""

    @property
    def questions(self) -> int:
        """How many press questions the transcript has."""
        return sum(outlet.questions for outlet in self.outlets)


@dataclass(frozen=True, slots=True)
class LibraryStats:
    """The facets of every transcript, and the same counts across the library."""

    transcripts: tuple[TranscriptStats, ...]
    """In order of date (undated last), then title."""
    speakers: tuple[SpeakerStat, ...]
    outlets: tuple[OutletStat, ...]
    answers: tuple[AnswerStat, ...]

    @property
    def turns(self) -> int:
        """Turns in the whole library."""
        return sum(t.turns for t in self.transcripts)

    @property
    def words(self) -> int:
        """Words in the whole library."""
        return sum(t.words for t in self.transcripts)

    @property
    def questions(self) -> int:
        """Press questions in the whole library."""
        return sum(t.questions for t in self.transcripts)

    def transcript(self, transcript_id: str) -> TranscriptStats | None:
        """The stats of one transcript, or None."""
        for stats in self.transcripts:
            if stats.transcript_id == transcript_id:
                return stats
        return None


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _title(transcript: Transcript) -> str:
    return transcript.title or _file_name(transcript.source)


def _sorted_speakers(stats: Iterable[SpeakerStat]) -> tuple[SpeakerStat, ...]:
    return tuple(sorted(stats, key=lambda s: (-s.words, -s.turns, s.speaker.casefold())))


def _sorted_outlets(stats: Iterable[OutletStat]) -> tuple[OutletStat, ...]:
    return tuple(sorted(stats, key=lambda s: (-s.questions, s.outlet.casefold())))


def _sorted_answers(
    stats: Iterable[AnswerStat], outlet_order: Sequence[OutletStat]
) -> tuple[AnswerStat, ...]:
    rank = {outlet.outlet: number for number, outlet in enumerate(outlet_order)}
    return tuple(
        sorted(
            stats,
            key=lambda a: (rank.get(a.outlet, len(rank)), -a.questions, a.answered_by.casefold()),
        )
    )


@dataclass(frozen=True, slots=True)
class TranscriptCounts:
    """What the statistics count in one transcript, unsorted: the index keeps it with the
    transcript's parse (`search_index.index.parsed`), so that `stats` need not read the
    turns again. Every tuple is in order of first appearance."""

    turns: int
    speakers: tuple[tuple[str, str, int, int], ...]
    """(speaker, kind, turns, words) of each speaker with a turn."""
    asked: tuple[tuple[str, int], ...]
    """(outlet, questions) of each outlet that asked."""
    answered: tuple[tuple[str, str, int], ...]
    """(outlet, official, questions) of each official who answered an outlet."""

    def is_consistent(self) -> bool:
        """Whether the counts have their shape and agree with each other: names and kinds
        are text, as many turns as the speakers have, no count below one (words: zero), no
        name twice, every answered outlet one that asked."""
        try:
            names = {name for name, kind, turns, words in self.speakers}
            outlets = {outlet for outlet, _n in self.asked}
            answered = {(outlet, official) for outlet, official, _n in self.answered}
            return (
                _counts(self.turns)
                and _counts(*(c for _s, _k, turns, words in self.speakers for c in (turns, words)))
                and _texts(*names, *(s[1] for s in self.speakers), *outlets)
                and _texts(*(official for _o, official in answered))
                and self.turns == sum(s[2] for s in self.speakers)
                and all(s[2] > 0 for s in self.speakers)
                and _counts(*(n for _o, n in self.asked), *(n for _o, _a, n in self.answered))
                and all(n > 0 for _o, n in self.asked)
                and all(n > 0 for _o, _a, n in self.answered)
                and len(names) == len(self.speakers)
                and len(outlets) == len(self.asked)
                and len(answered) == len(self.answered)
                and {outlet for outlet, _a in answered} <= outlets
            )
        except (TypeError, ValueError):  # not of the shape: a tuple too short or too long
            return False


def _counts(*values: object) -> bool:
    return all(type(value) is int and value >= 0 for value in values)


def _texts(*values: object) -> bool:
    return all(type(value) is str for value in values)


def transcript_counts(transcript: Transcript) -> TranscriptCounts:
    """The counts of one transcript (see `TranscriptCounts`)."""
    turns: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for turn in transcript.turns:
        turns[turn.speaker] += 1
        words[turn.speaker] += count_words(turn.text)
    kinds = {speaker.name: speaker.kind.value for speaker in transcript.speakers}
    asked: Counter[str] = Counter(exchange.asker for exchange in transcript.exchanges)
    answered: Counter[tuple[str, str]] = Counter(
        (exchange.asker, official)
        for exchange in transcript.exchanges
        for official in dict.fromkeys(exchange.answered_by)
    )
    return TranscriptCounts(
        turns=len(transcript.turns),
        speakers=tuple(
            (name, kinds.get(name, OTHER_KIND), turns[name], words[name]) for name in turns
        ),
        asked=tuple(asked.items()),
        answered=tuple((outlet, official, n) for (outlet, official), n in answered.items()),
    )


def stats_of_counts(
    counts: TranscriptCounts,
    transcript_id: str,
    title: str | None,
    date: dt.date | None,
    source: str,
) -> TranscriptStats:
    """The facets of the transcript `transcript_id` (titled `title`, or named after its
    `source` file when it has none) from its counts."""
    speakers = _sorted_speakers(
        SpeakerStat(name, kind, turns, words) for name, kind, turns, words in counts.speakers
    )
    outlets = _sorted_outlets(OutletStat(name, count) for name, count in counts.asked)
    answers = _sorted_answers(
        (AnswerStat(outlet, official, n) for outlet, official, n in counts.answered), outlets
    )
    return TranscriptStats(
        transcript_id=transcript_id,
        title=title or _file_name(source),
        date=date,
        source=source,
        turns=counts.turns,
        words=sum(s[3] for s in counts.speakers),
        speakers=speakers,
        outlets=outlets,
        answers=answers,
    )


def transcript_stats(transcript: Transcript) -> TranscriptStats:
    """The facets of one transcript."""
    return stats_of_counts(
        transcript_counts(transcript),
        transcript.id,
        transcript.title,
        transcript.date,
        transcript.source,
    )


def library_stats(transcripts: Sequence[Transcript]) -> LibraryStats:
    """The facets of each transcript and across all of them (same id counted once)."""
    seen: set[str] = set()
    per: list[TranscriptStats] = []
    for transcript in transcripts:
        if transcript.id not in seen:
            seen.add(transcript.id)
            per.append(transcript_stats(transcript))
    return combined_stats(per)


def combined_stats(transcripts: Iterable[TranscriptStats]) -> LibraryStats:
    """The library's facets from those of its transcripts (same id counted once)."""
    per: list[TranscriptStats] = []
    seen: set[str] = set()
    for stats in transcripts:
        if stats.transcript_id not in seen:
            seen.add(stats.transcript_id)
            per.append(stats)
    per.sort(key=lambda t: (t.date or dt.date.max, t.title.casefold(), t.transcript_id))

    turns: Counter[str] = Counter()
    words: Counter[str] = Counter()
    present: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    asked: Counter[str] = Counter()
    asked_in: Counter[str] = Counter()
    answered: Counter[tuple[str, str]] = Counter()
    for stats in per:
        for speaker in stats.speakers:
            turns[speaker.speaker] += speaker.turns
            words[speaker.speaker] += speaker.words
            present[speaker.speaker] += 1
            kinds.setdefault(speaker.speaker, Counter())[speaker.kind] += 1
        for outlet in stats.outlets:
            asked[outlet.outlet] += outlet.questions
            asked_in[outlet.outlet] += 1
        for answer in stats.answers:
            answered[(answer.outlet, answer.answered_by)] += answer.questions

    def kind_of(name: str) -> str:
        # The kind most transcripts give the speaker; "other" only if nothing else.
        counts = kinds[name]
        best = sorted(counts, key=lambda k: (k == OTHER_KIND, -counts[k], k))
        return best[0]

    speakers = _sorted_speakers(
        SpeakerStat(name, kind_of(name), turns[name], words[name], present[name]) for name in turns
    )
    outlets = _sorted_outlets(
        OutletStat(name, count, asked_in[name]) for name, count in asked.items()
    )
    answers = _sorted_answers((AnswerStat(o, a, n) for (o, a), n in answered.items()), outlets)
    return LibraryStats(tuple(per), speakers, outlets, answers)


def question_rows(
    transcripts: Sequence[Transcript],
    speaker: str | None = None,
    outlet: str | None = None,
) -> list[QuestionRow]:
    """Every press question, optionally only those `outlet` asked and/or `speaker` answered.

    `speaker` also matches the outlet that asked, so choosing a journalist's outlet from
    the speaker facet lists its questions. Rows come in order of date, then transcript,
    then question number.
    """
    rows: list[QuestionRow] = []
    seen: set[str] = set()
    for transcript in transcripts:
        if transcript.id in seen:
            continue
        seen.add(transcript.id)
        turns = {turn.index: turn for turn in transcript.turns}
        exchanges = sorted(transcript.exchanges, key=lambda e: e.question_turn)
        for number, exchange in enumerate(exchanges, start=1):
            if outlet is not None and exchange.asker != outlet:
                continue
            if (
                speaker is not None
                and speaker not in exchange.answered_by
                and speaker != exchange.asker
            ):
                continue
            question = turns.get(exchange.question_turn)
            text = question.text if question is not None else ""
            words = text.split()
            summary = " ".join(words[:SUMMARY_WORDS])
            if len(words) > SUMMARY_WORDS:
                summary = summary.rstrip(",;:") + "…"
            rows.append(
                QuestionRow(
                    transcript_id=transcript.id,
                    title=_title(transcript),
                    date=transcript.date,
                    number=number,
                    asker=exchange.asker,
                    answered_by=tuple(exchange.answered_by),
                    handoff_to=exchange.handoff_to,
                    question_turn=exchange.question_turn,
                    answer_turns=tuple(exchange.answer_turns),
                    summary=summary,
                    question=text,
                )
            )
    rows.sort(key=lambda r: (r.date or dt.date.max, r.title.casefold(), r.transcript_id, r.number))
    return rows
