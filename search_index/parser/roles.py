"""Stage 7: what part each speaker plays, decided from what they do in the conversation.

Press speakers ask; officials answer the questions; the moderator speaks in short turns
between an answer and the next question, calling on a reporter or an outlet, opening and
closing. A label's words ("MODERATOR", "Chair", "JOURNALIST", an outlet's name) and the
header's roster are hints: behaviour overrules a title word (a chair who answers every
question is an official), while a word for an unnamed questioner ("Q", "RPTR") or an
outlet's name always marks the press.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache

from search_index.models import SpeakerKind
from search_index.parser.label_text import one_edit_apart
from search_index.parser.turn_acts import (
    Call,
    NameCheck,
    addresses_official,
    asks,
    asks_back,
    asks_to_repeat,
    call_in,
    checks_the_line,
    cut_off,
    is_bid,
    is_courtesy,
    is_vocative_handoff,
    is_wordless,
    only_yes_or_no,
    self_introduction,
    sentences,
    unheard,
    words,
)

_CHAIRING = (
    "give the floor",
    "time for questions",
    "raise your hand",
    "indicate the media",
    "next question",
    "last question",
    "questions, please",
    "take your questions",
    "take questions",
    "open the floor",
    "open it up",
    "first question",
    "more question",
    "time for",
    "last reporter",
    "final question",
    "final reporter",
    "last one",
    "call on",
    "welcome back",
    "for joining",
)
_CLOSING = (
    "time constraints",
    "not able to get to",
    "have to land",
    "have to go",
    "got to go",
    "have to wrap",
    "out of time",
    "concludes",
    "conclude today",
    "that's all for today",
    "that's all we have",
    "that's all the time",
    "this is the end",
    "goodbye",
    "adjourned",
    "that ends",
    "end of the briefing",
    "thank you all",
)


_NOTES = re.compile(r"\s*\([^()]{1,40}\)")


_CLOSING_PHRASE = re.compile("|".join(map(re.escape, _CLOSING)), re.IGNORECASE)
_CHAIRING_PHRASE = re.compile("|".join(map(re.escape, _CHAIRING + _CLOSING)), re.IGNORECASE)


@lru_cache(maxsize=1 << 15)
def _closing(text: str) -> bool:
    return bool(_CLOSING_PHRASE.search(text))


@lru_cache(maxsize=1 << 15)
def _chairing(text: str) -> bool:
    return bool(_CHAIRING_PHRASE.search(text))


#: How many turns a word must open to be a common opening ("Well, …").
_COMMON_OPENER = 5
_FIRST_WORD = re.compile(r"\s*([A-Za-z]+)\b")

#: How many words a second speaker's turn after an answer needs to count as answering too.
_SECOND_ANSWER = 15

#: A turn this short that calls on someone does nothing else (a chair's turn).
_SHORT_TURN = 40


class Hint(StrEnum):
    """What a label or the roster says a speaker is (before behaviour is seen)."""

    PRESS = "press"
    """A word for a questioner or an outlet's name: decisive."""
    OFFICIAL = "official"
    MODERATOR = "moderator"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class SpeakerHint:
    """A hint and where it comes from ("roster", "label")."""

    hint: Hint
    source: str = ""


@dataclass
class Evidence:
    """What one speaker did over the whole conversation."""

    turns: int = 0
    asks: int = 0
    answers: int = 0
    chairs: int = 0
    introduces: int = 0
    words: int = 0


class TurnReader:
    """The acts of each turn, read once and cached (turns are read by several stages)."""

    def __init__(self, texts: Sequence[str], names: NameCheck) -> None:
        #: Turn texts without short bracketed notes ("(As interpreted.)"), for reading acts.
        self.texts = [_NOTES.sub("", text).strip() if "(" in text else text for text in texts]
        self.names = names
        self.known_outlets: set[str] = set()
        self._calls: dict[tuple[str, bool, bool], Call | None] = {}
        self._answers: dict[tuple[str, bool], bool] = {}
        self._intros: dict[str, tuple[str, str] | None] = {}

    @cached_property
    def _openers(self) -> frozenset[str]:
        """Words that open many turns ("well", "look")."""
        counts: Counter[str] = Counter()
        for text in self.texts:
            match = _FIRST_WORD.match(text)
            if match is not None:
                counts[match.group(1).lower()] += 1
        return frozenset(word for word, count in counts.items() if count >= _COMMON_OPENER)

    def common_opener(self, word: str) -> bool:
        """True for a word that opens many turns, or a near miss of one ("Wlell")."""
        key = word.lower()
        return any(key == common or one_edit_apart(key, common) for common in self._openers)

    def word_count(self, index: int) -> int:
        """How many words turn `index` has."""
        return self.word_counts[index]

    @cached_property
    def word_counts(self) -> list[int]:
        """How many words each turn has."""
        return [len(words(text)) for text in self.texts]

    def call(self, index: int, chairing: bool, between: bool = False) -> Call | None:
        """Whom turn `index` calls on at its end (see `turn_acts.call_in`; worked out once
        per distinct text)."""
        key = (self.texts[index], chairing, between)
        if key not in self._calls:
            self._calls[key] = call_in(
                self.texts[index], self.names, self.known_outlets, chairing, between
            )
        return self._calls[key]

    def is_call_only(self, index: int) -> bool:
        """A short turn that only calls on someone ("Yes, Edie.", "Okay, the Daily Ledger.")."""
        return self.word_count(index) <= 12 and self.call(index, chairing=True) is not None

    def chairs(self, index: int) -> bool:
        """True when a turn uses a chair's phrases (gives the floor, closes the briefing)."""
        return _chairing(self.texts[index])

    def answers(self, index: int, speakers: Sequence[str], after_question: bool) -> bool:
        """True when a turn after a question says something of substance: not a hand-over
        to the colleague who speaks next, and see `_says_something` (worked out once per
        distinct text: short turns recur)."""
        if _hands_over(self, index, speakers):
            return False
        if (
            after_question
            and only_yes_or_no(self.texts[index])
            and self._puts_a_question(index - 1)
        ):
            return True  # "Yes." to "You learnt of this today?" (to "Mr. President?": the floor)
        key = (self.texts[index], after_question)
        found = self._answers.get(key)
        if found is None:
            found = self._answers[key] = self._says_something(index, after_question)
        return found

    def _puts_a_question(self, index: int) -> bool:
        """A question that can be answered yes or no: more than a form of address."""
        asked = self.texts[index]
        if unheard(asked):
            return True
        return asks(asked) and self.word_count(index) >= 3 and not addresses_official(asked)

    def _call_in(self, text: str, between: bool) -> Call | None:
        key = (text, True, between)
        if key not in self._calls:
            self._calls[key] = call_in(text, self.names, self.known_outlets, True, between)
        return self._calls[key]

    def introduction(self, index: int) -> tuple[str, str] | None:
        """The self-introduction opening turn `index` (see `turn_acts.self_introduction`)."""
        text = self.texts[index]
        if text not in self._intros:
            self._intros[text] = self_introduction(text, self.names)
        return self._intros[text]

    def _says_something(self, index: int, after_question: bool) -> bool:
        """Not only thanks, a call on the next reporter, a chair's phrases, a request to
        repeat, or a short question put back ("Why doesn't everybody holler at once?"). A
        turn that does not directly follow the question and chairs must say more than a few
        words besides."""
        text = self.texts[index]
        if asks_to_repeat(text):
            return False
        if self.word_count(index) > _SHORT_TURN:
            return True
        if cut_off(text) and self.word_count(index) <= 3:
            return False  # "I —": the official was cut off before saying anything
        between = not after_question
        said = sentences(text)
        left = [
            sentence
            for sentence in said
            if not (is_courtesy(sentence) or _chairing(sentence))
            and self._call_in(sentence, between) is None
        ]
        if not left or asks_back(" ".join(left)):
            return False
        # A chair's turn with a few words around the chairing is no answer; so is a turn
        # closing the briefing, wherever it stands.
        few = len(left) < len(said) and len(words(" ".join(left))) < 8
        return not (few and (between or _closing(text)))


@dataclass
class Roles:
    """Kinds per speaker, the evidence behind them and the warnings on weak decisions."""

    kinds: dict[str, SpeakerKind]
    evidence: dict[str, Evidence]
    warnings: list[str] = field(default_factory=list)

    def principal(self, excluding: str | None = None) -> str | None:
        """The official who answers the most questions (`excluding` one name: the speaker of
        unlabelled turns, who is not a person yet)."""
        officials = [
            (ev.answers, -order, name)
            for order, (name, ev) in enumerate(self.evidence.items())
            if self.kinds.get(name) == SpeakerKind.OFFICIAL and ev.answers and name != excluding
        ]
        return max(officials)[2] if officials else None


def decide_roles(
    speakers: Sequence[str], reader: TurnReader, hints: Mapping[str, SpeakerHint]
) -> Roles:
    """Kinds for the speaker of each turn (`speakers[i]` spoke `reader.texts[i]`)."""
    evidence: dict[str, Evidence] = {}
    counts = reader.word_counts
    for index, name in enumerate(speakers):
        ev = evidence.get(name)
        if ev is None:
            ev = evidence[name] = Evidence()
        ev.turns += 1
        ev.words += counts[index]
    press = _press(speakers, reader, hints, evidence)
    _count_answers_and_chairing(speakers, reader, press, evidence)
    roles = Roles(kinds={}, evidence=evidence)
    for name, ev in evidence.items():
        if name in press:
            roles.kinds[name] = SpeakerKind.PRESS
            continue
        roles.kinds[name] = _kind(name, ev, hints.get(name, SpeakerHint(Hint.NONE)), roles)
    return roles


def _press(
    speakers: Sequence[str],
    reader: TurnReader,
    hints: Mapping[str, SpeakerHint],
    evidence: dict[str, Evidence],
) -> set[str]:
    """Speakers marked as press by their label, or who mostly ask questions others answer."""
    press = {name for name, hint in hints.items() if hint.hint == Hint.PRESS}
    chairs = {name for name, hint in hints.items() if hint.hint == Hint.MODERATOR}
    asking: dict[str, int] = {}
    telling: dict[str, int] = {}
    for index, name in enumerate(speakers):
        if name in press or name in chairs:
            continue
        text = reader.texts[index]
        if is_courtesy(text) or is_wordless(text):
            continue
        following = speakers[index + 1] if index + 1 < len(speakers) else None
        introduced = reader.introduction(index) is not None
        if introduced:
            evidence[name].introduces += 1
        if (
            (asks(text) or introduced)
            and following is not None
            and following != name
            and not asks_to_repeat(text)
            and not reader.is_call_only(index)
            and not _hands_over(reader, index, speakers)
        ):
            asking[name] = asking.get(name, 0) + 1
        else:
            telling[name] = telling.get(name, 0) + 1
    names_given: set[str] = set()
    for index, name in enumerate(speakers):
        if name in press or name in asking:
            intro = reader.introduction(index)
            if intro is not None:
                names_given.add(intro[0])
    # A reporter who introduced himself under "Question:" and is later labelled by name.
    press |= {name for name in evidence if name in names_given}
    for name, count in asking.items():
        hint = hints.get(name, SpeakerHint(Hint.NONE)).hint
        if hint == Hint.OFFICIAL and not evidence[name].introduces:
            continue
        if count > telling.get(name, 0):
            evidence[name].asks = count
            press.add(name)
    return press


def _hands_over(reader: TurnReader, index: int, speakers: Sequence[str]) -> bool:
    following = speakers[index + 1] if index + 1 < len(speakers) else None
    if following is None or following == speakers[index] or reader.word_counts[index] > 8:
        return False
    return is_vocative_handoff(reader.texts[index], following)


def _count_answers_and_chairing(
    speakers: Sequence[str], reader: TurnReader, press: set[str], evidence: dict[str, Evidence]
) -> None:
    """Answers: the first substantive turn of each speaker after a question. Chairing: calls
    on a reporter, and short turns just before a question that answer nothing."""
    answered: set[str] = set()
    question_open = False
    counts = reader.word_counts
    for index, name in enumerate(speakers):
        text = reader.texts[index]
        if name in press:
            if not (is_courtesy(text) or is_bid(text) or checks_the_line(text)):
                question_open = True
                answered = set()
            continue
        ev = evidence[name]
        previous = speakers[index - 1] if index else None
        after_question = (
            previous in press
            and not is_bid(reader.texts[index - 1])
            and not is_courtesy(reader.texts[index - 1])
        )
        next_is_press = index + 1 < len(speakers) and speakers[index + 1] in press
        # The first to speak after the question answers it; who speaks after an answer
        # answers too only at some length (a colleague adding to it, not a chair calling
        # the next reporter).
        later_but_short = bool(answered) and counts[index] < _SECOND_ANSWER
        if (
            question_open
            and name not in answered
            and not later_but_short
            and reader.answers(index, speakers, after_question)
        ):
            answered.add(name)
            ev.answers += 1
            if next_is_press and reader.call(index, chairing=False) is not None:
                ev.chairs += 1
            continue
        if counts[index] <= _SHORT_TURN and (next_is_press or reader.chairs(index)):
            ev.chairs += 1


def _kind(name: str, ev: Evidence, hint: SpeakerHint, roles: Roles) -> SpeakerKind:
    if hint.hint == Hint.MODERATOR:
        if ev.answers >= 2 and ev.answers > ev.chairs:
            roles.warnings.append(
                f"{name}: typed official although the {hint.source} says chair: answers "
                f"{ev.answers} questions"
            )
            return SpeakerKind.OFFICIAL
        return SpeakerKind.MODERATOR
    if hint.hint == Hint.OFFICIAL:
        if ev.answers == 0 and ev.chairs >= 2 and ev.chairs * 2 >= ev.turns:
            roles.warnings.append(
                f"{name}: typed moderator although the {hint.source} suggests an official: "
                f"answers no question and calls on reporters {ev.chairs} times"
            )
            return SpeakerKind.MODERATOR
        return SpeakerKind.OFFICIAL
    if ev.answers and ev.answers >= ev.chairs:
        return SpeakerKind.OFFICIAL
    if ev.chairs:
        return SpeakerKind.MODERATOR
    if ev.words >= 80:
        roles.warnings.append(
            f"{name}: typed official from a statement alone (answers no question)"
        )
        return SpeakerKind.OFFICIAL
    return SpeakerKind.OTHER
