"""Stage 8: turns with roles → question→answer exchanges.

A press question opens an exchange; the officials who speak after it answer it, up to the
next question. An inaudible question ("(inaudible)", "..") that an official takes up is one;
a question nobody takes up is none. Not every press turn is a question: a courtesy ("Thank
you.") opens nothing, a restatement after "Sorry, what was the question?" stays in its
exchange, and so does the second part of a question the official only acknowledged. Not
every turn after a question is an answer: a turn that only hands over to a colleague ("Dr.
Oyelaran?"), only calls the next reporter ("Yes, Edie.") or puts a short question back
answers nothing. A question the moderator
reads out is an exchange of its own, asked by the outlet named or by the moderator.

Askers: a named press label; else the reporter's self-introduction ("Tomas McAllister with
Harbor Radio"); else the name the chair called ("Our first question will go to Pia with the
Coast Herald"); else, for a follow-up straight after the answer with no one called in
between, the reporter of the exchange before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from search_index.models import Exchange, SpeakerKind, Turn
from search_index.parser.label_text import TITLE_WORDS
from search_index.parser.lines import unfinished
from search_index.parser.roles import TurnReader
from search_index.parser.turn_acts import (
    Call,
    addressed_office,
    addresses_official,
    announces_more,
    asks,
    asks_back,
    asks_to_repeat,
    checks_the_line,
    clarifies,
    continues_sentence,
    cut_off,
    echoes,
    handoff_statement,
    interrupted,
    is_banter,
    is_bid,
    is_courtesy,
    is_vocative_handoff,
    last_sentence,
    name_words,
    plausible_follow_up,
    presses,
    read_question,
    read_question_asker,
    replies,
    reporter_addressed,
    says_it_follows_up,
    says_yes_or_no,
    unheard,
    words,
)

#: The fields every exchange is built with (one set shared by all of them).
_EXCHANGE_FIELDS = frozenset(Exchange.model_fields)

#: A hand-off is a short turn; a long answer that mentions a colleague is not one.
_HANDOFF_MAX_CHARS = 400


@dataclass
class _Open:
    asker: str
    outlet: str | None
    question_turns: list[int]
    answers: list[Turn] = field(default_factory=list)
    handoff_turns: list[Turn] = field(default_factory=list)
    follow_up_of: int | None = None
    anonymous: bool = False
    carried: bool = False
    #: An official called the next reporter before anyone answered: the question is dropped.
    floor_moved: bool = False
    #: A short question the official put back ("In their spending?"): part of a
    #: clarification loop if the reporter replies, else no answer.
    asked_back: Turn | None = None
    #: Read out by the moderator: its asker is no one in the room to follow up.
    read_out: bool = False
    #: The question's text so far and how many question turns it joins (see `asked`).
    _asked: tuple[int, str] = (0, "")
    #: How many answers `answered_at_length` has read, and whether one said more than five
    #: words.
    _read: int = 0
    _at_length: bool = False

    def answered_at_length(self) -> bool:
        """True when an answer so far says more than five words (answers are only ever
        added, so each is read once)."""
        if not self._at_length:
            for answer in self.answers[self._read :]:
                if len(words(answer.text)) > 5:
                    self._at_length = True
                    break
            self._read = len(self.answers)
        return self._at_length

    def asked(self, turns: Sequence[Turn]) -> str:
        """The question turns' texts joined by spaces, joined again only when a turn was
        added (a question that runs on over many turns is not joined at every turn)."""
        count, text = self._asked
        if count != len(self.question_turns):
            text = " ".join(turns[index].text for index in self.question_turns)
            self._asked = (len(self.question_turns), text)
        return text


@dataclass
class ExchangeResult:
    """The exchanges and the askers that were only assumed."""

    exchanges: tuple[Exchange, ...]
    carried: list[int] = field(default_factory=list)
    #: Exchanges whose asker only the answer names ("Fatima, if you've seen…").
    named_in_answer: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Speakers:
    """What the exchange stage needs to know about speakers."""

    kind_of: Callable[[str], SpeakerKind]
    anonymous: Callable[[str], bool]
    outlet_of: Callable[[str], str | None]
    resolve_surname: Callable[[str], str | None]


def build_exchanges(turns: Sequence[Turn], reader: TurnReader, who: Speakers) -> ExchangeResult:
    """Group turns into exchanges (see the module doc)."""
    state = _State(turns, reader, who)
    for position, turn in enumerate(turns):
        kind = state.kinds[position]
        if kind == SpeakerKind.PRESS:
            state.press_turn(turn)
        elif kind == SpeakerKind.MODERATOR:
            state.moderator_turn(turn, position)
        else:
            state.official_turn(turn, position)
    state.close()
    return ExchangeResult(
        exchanges=tuple(state.result),
        carried=state.carried,
        named_in_answer=state.named_in_answer,
    )


class _State:
    """The exchange being built, the last one answered, and the last call on a reporter."""

    def __init__(self, turns: Sequence[Turn], reader: TurnReader, who: Speakers) -> None:
        self.turns = turns
        self.reader = reader
        self.who = who
        self.names = [turn.speaker for turn in turns]
        #: The kind of each turn's speaker (asked once per speaker).
        kind_of = {name: who.kind_of(name) for name in dict.fromkeys(self.names)}
        self.kinds = [kind_of[name] for name in self.names]
        self.result: list[Exchange] = []
        self.carried: list[int] = []
        self.named_in_answer: list[int] = []
        self.current: _Open | None = None
        #: The last exchange with answers, its index, and whether only bids for the floor
        #: came after its last answer.
        self.answered: _Open | None = None
        self.answered_index = -1
        self.only_bids_since = False
        self.bids = 0
        #: The last call on a reporter since the last question.
        self.call: Call | None = None

    def close(self) -> None:
        current = self.current
        if current is None or not current.answers:
            return  # a question nobody takes up belongs to no exchange
        answered_by: list[str] = []
        for turn in current.answers:
            if turn.speaker not in answered_by:
                answered_by.append(turn.speaker)
        if current.anonymous:
            named = reporter_addressed(
                current.answers[0].text, self.reader.names, self.reader.common_opener
            )
            if named is not None and not any(named in name.split() for name in self.names):
                current.asker, current.anonymous = named, False
                self.named_in_answer.append(len(self.result))
        if current.carried:
            self.carried.append(len(self.result))
        self.answered, self.answered_index = current, len(self.result)
        self.result.append(
            Exchange.model_construct(
                _EXCHANGE_FIELDS,  # type: ignore[arg-type]
                index=len(self.result),
                asker=current.asker,
                outlet=current.outlet,
                question_turn=current.question_turns[0],
                question_turns=tuple(current.question_turns),
                answer_turns=tuple(turn.index for turn in current.answers),
                answered_by=tuple(answered_by),
                handoff_to=_handoff_target(current, self.who.resolve_surname),
                follow_up_of=current.follow_up_of,
            )
        )

    def press_turn(self, turn: Turn) -> None:
        previous = self.turns[turn.index - 1] if turn.index else None
        current = self.current
        if current is not None and current.asked_back is not None:
            if previous is current.asked_back and replies(turn.text):
                current.answers.append(current.asked_back)  # a clarification loop
                current.asked_back = None
                current.question_turns.append(turn.index)
                return
            current.asked_back = None
        if current is not None and (
            _interjects(current, turn, previous, self.turns)
            or _continues_question(
                current, turn, previous, self.reader, self.turns, self.who.anonymous
            )
        ):
            current.question_turns.append(turn.index)
            return
        if is_courtesy(turn.text) or checks_the_line(turn.text):
            return
        if is_banter(turn.text) and not self._confirmed(turn):
            return
        had_answers = current is not None and bool(current.answers)
        self.close()
        if had_answers:
            self.only_bids_since, self.bids = True, 0
        dropped = current if current is not None and not current.answers else None
        self.current = self._open(turn, dropped)
        if is_bid(turn.text):
            self.bids += 1
        else:
            self.only_bids_since = False
        self.call = None

    def moderator_turn(self, turn: Turn, position: int) -> None:
        following = self.turns[position + 1] if position + 1 < len(self.turns) else None
        if _reads_question(turn, following, self._kind_after(position)) and not self._press_next(
            position
        ):
            self.close()
            asked = read_question_asker(turn.text, self.reader.names, self.reader.known_outlets)
            self.current = _Open(
                asker=asked.name or asked.outlet or turn.speaker,
                outlet=asked.outlet,
                question_turns=[turn.index],
                read_out=True,
            )
            self.call = None
            return
        self.only_bids_since = False
        self.call = self.reader.call(turn.index, chairing=True, between=True) or self.call

    def official_turn(self, turn: Turn, position: int) -> None:
        current = self.current
        following = self.turns[position + 1] if position + 1 < len(self.turns) else None
        previous = self.turns[position - 1] if position else None
        after_question = (
            previous is not None
            and self.kinds[position - 1] == SpeakerKind.PRESS
            and not is_bid(previous.text)
            and not is_courtesy(previous.text)
        )
        if current is None:
            if self._press_next(position):
                self.call = (
                    self.reader.call(turn.index, chairing=_short(turn), between=True) or self.call
                )
            return
        asked = self.turns[current.question_turns[-1]].text
        if asks_to_repeat(turn.text) or _clarifying(self.reader, turn, asked):
            current.answers.append(turn)  # the loop stays in its exchange
            return
        if _question_cut_off(current, self.turns) and self.reader.call(turn.index, chairing=True):
            self.call = self.reader.call(turn.index, chairing=True)
            current.floor_moved = True
            return  # the floor moves on: the cut-off question is not taken up
        if _hands_over(turn, following, self._kind_after(position)):
            current.handoff_turns.append(turn)
            return
        if (
            after_question
            and asks_back(turn.text)
            and self._press_next(position)
            and self.reader.call(turn.index, chairing=False) is None
        ):
            current.asked_back = turn
            return
        if not self.reader.answers(turn.index, self.names, after_question):
            self.only_bids_since = False
            call = self.reader.call(turn.index, chairing=True, between=not after_question)
            self.call = call or self.call
            return
        current.answers.append(turn)
        if self._press_next(position):
            self.call = self.reader.call(turn.index, chairing=False)

    def _confirmed(self, turn: Turn) -> bool:
        """A remark an official confirms or denies straight away ("After you returned from
        New Zealand." — "Yes. They were trying…"): it was put as a question."""
        following = self.turns[turn.index + 1] if turn.index + 1 < len(self.turns) else None
        return (
            following is not None
            and self.kinds[turn.index + 1] == SpeakerKind.OFFICIAL
            and says_yes_or_no(following.text)
        )

    def _press_next(self, position: int) -> bool:
        return position + 1 < len(self.kinds) and self.kinds[position + 1] == SpeakerKind.PRESS

    def _kind_after(self, position: int) -> SpeakerKind | None:
        """The kind of the next turn's speaker (None after the last turn)."""
        return self.kinds[position + 1] if position + 1 < len(self.kinds) else None

    def _open(self, turn: Turn, dropped: _Open | None) -> _Open:
        """The exchange a press question opens: its asker, outlet, what it follows up."""
        who, reader, call = self.who, self.reader, self.call
        outlet = who.outlet_of(turn.speaker)
        intro = reader.introduction(turn.index)
        answered = self.answered
        if not who.anonymous(turn.speaker):
            if intro is not None and intro[0] == turn.speaker and outlet is None:
                outlet = intro[1] or None
            if outlet is None and call is not None and call.name is None and call.outlet:
                outlet = call.outlet
            opened = _Open(turn.speaker, outlet, [turn.index])
        elif intro is not None:
            opened = _Open(intro[0], intro[1] or None, [turn.index])
        elif call is not None and call.named:
            opened = _Open(call.name or call.outlet or turn.speaker, call.outlet, [turn.index])
        elif dropped is not None and not dropped.anonymous and call is None:
            # The reporter given the floor was cut off and tries again.
            opened = _Open(dropped.asker, dropped.outlet, [turn.index])
        elif (
            answered is not None
            and not answered.anonymous
            and not answered.read_out
            and call is None
            and self.only_bids_since
            and not unheard(turn.text)
            # After other voices bid for the floor, only a question that says it follows up.
            and (not self.bids or says_it_follows_up(turn.text))
            and (
                plausible_follow_up(turn.text)
                or _turns_to_the_other_leader(answered, turn, self.turns)
                or (
                    announces_more(self.turns[answered.question_turns[0]].text)
                    and not addresses_official(turn.text)
                )
            )
        ):
            opened = _Open(answered.asker, answered.outlet, [turn.index], carried=True)
        else:
            opened = _Open(turn.speaker, outlet, [turn.index], anonymous=True)
        if opened.outlet:
            reader.known_outlets.add(opened.outlet)
        if (
            answered is not None
            and not opened.anonymous
            and not answered.anonymous
            and opened.asker == answered.asker
            and self.only_bids_since
            and (call is None or not call.named)
        ):
            opened.follow_up_of = self.answered_index
        return opened


def _short(turn: Turn) -> bool:
    return len(turn.text) <= 240


def _turns_to_the_other_leader(answered: _Open, turn: Turn, turns: Sequence[Turn]) -> bool:
    """At a joint press conference a reporter puts one question to each leader: a question
    that addresses another office than the one before, with no call between, is the same
    reporter's ("Thank you, Mr. President. …" then "Mr. Prime Minister, …")."""
    before = addressed_office(turns[answered.question_turns[0]].text)
    now = addressed_office(turn.text)
    return before is not None and now is not None and before != now


def _continues_question(
    current: _Open,
    turn: Turn,
    previous: Turn | None,
    reader: TurnReader,
    turns: Sequence[Turn],
    anonymous: Callable[[str], bool],
) -> bool:
    """A press turn that goes on with the open question: the same reporter again before
    anyone answered, a restatement after the official asked what was meant, or the second
    part of a question the official only acknowledged ("Yes.")."""
    if previous is None:
        return False
    asker = turns[current.question_turns[-1]].speaker
    asked = current.asked(turns)
    if (
        not current.answers
        and turn.speaker == asker
        and (
            continues_sentence(turn.text) or (cut_off(asked) and len(echoes(turn.text, asked)) >= 2)
        )
    ):
        return True  # the same question picked up again after an interruption
    if current.floor_moved:
        return False
    if not current.answers:
        if turn.speaker != asker:
            return False
        if is_bid(asked):
            return False  # a bid for the floor gives way to the question that follows
        if current.question_turns[-1] == previous.index:  # (they rise: the last one)
            # The same reporter again; several anonymous voices in a row are several
            # reporters, and only the one an official takes up asks the question (a remark
            # that asks nothing, "(Inaudible) do that.", leaves the question standing).
            return not anonymous(turn.speaker) or (asks(asked) and not asks(turn.text))
        if asks_back(previous.text) and clarifies(previous.text):
            return True
        return not (asks(asked) or unheard(asked))
    last = current.answers[-1]
    if last.index != previous.index:
        return False
    if asks_to_repeat(last.text) or _clarifying(reader, last, asked):
        return True
    if turn.speaker == asker and presses(turn.text):
        return True
    if turn.speaker != asker:
        return False
    if current.answered_at_length():
        return False  # more than an acknowledgement ("Yes.") between the parts
    if reader.call(last.index, chairing=False) is not None or unheard(asked):
        return False
    return not asks(asked) or cut_off(asked)


def _clarifying(reader: TurnReader, turn: Turn, asked: str) -> bool:
    """An official asking what the question meant (a call on someone, "James?", is not)."""
    return clarifies(turn.text, asked) and reader.call(turn.index, chairing=False) is None


def _interjects(current: _Open, turn: Turn, previous: Turn | None, turns: Sequence[Turn]) -> bool:
    """A press interjection into an answer cut off mid-sentence, which the same official then
    picks up: it stays in the exchange."""
    if previous is None or not current.answers or previous is not current.answers[-1]:
        return False
    following = turns[turn.index + 1] if turn.index + 1 < len(turns) else None
    if following is None or following.speaker != previous.speaker:
        return False
    if continues_sentence(following.text):
        # "… in a series of" / "We don't have the full text..." / "and he hopes it will be
        # the first step.": the answer broke off (in a dash, or mid-sentence) and goes on.
        return cut_off(previous.text) or unfinished(previous.text)
    # An answer cut off that the official picks up in the same words ("the best option
    # right now is for —" / "For a short term?" / "The best option right now is for
    # Congress…"). One that only trailed off ("…on a considerable area....") was finished: a
    # question put then ("Less ruthless, shall we say?") is a new one.
    broken = interrupted(previous.text) if asks(turn.text) else cut_off(previous.text)
    return broken and len(echoes(last_sentence(previous.text), following.text[:200])) >= 2


def _question_cut_off(current: _Open, turns: Sequence[Turn]) -> bool:
    return not current.answers and cut_off(turns[current.question_turns[-1]].text)


def _hands_over(turn: Turn, following: Turn | None, following_kind: SpeakerKind | None) -> bool:
    """A turn that only hands over to the colleague who speaks next ("Dr. Oyelaran?")."""
    if following is None or following.speaker == turn.speaker:
        return False
    if following_kind not in {SpeakerKind.OFFICIAL, SpeakerKind.OTHER}:
        return False
    if is_vocative_handoff(turn.text, following.speaker):
        return True
    # "Well, look, Mark's closer to Fiji than I am. But I can -": a short turn, broken off,
    # that names the colleague who then answers.
    if not cut_off(turn.text) or len(words(turn.text)) > 15:
        return False
    said = {word.lower().removesuffix("'s").removesuffix("’s") for word in words(turn.text)}
    return bool((name_words(following.speaker) - TITLE_WORDS) & said)


def _reads_question(turn: Turn, following: Turn | None, following_kind: SpeakerKind | None) -> bool:
    if following is None or following_kind != SpeakerKind.OFFICIAL:
        return False
    return read_question(turn.text)


def _handoff_target(current: _Open, resolve_surname: Callable[[str], str | None]) -> str | None:
    later = [turn.speaker for turn in current.answers]
    if current.handoff_turns:
        first = current.handoff_turns[0]
        others = [name for name in later if name != first.speaker]
        return others[0] if others else None
    if len(current.answers) < 2:
        return None
    first = current.answers[0]
    if len(first.text) > _HANDOFF_MAX_CHARS:
        return None
    named = handoff_statement(first.text)
    if named is None:
        return None
    others = [name for name in later[1:] if name != first.speaker]
    for candidate in (named, *named.split()):
        resolved = resolve_surname(candidate)
        if resolved is not None and resolved in others:
            return resolved
    return others[0] if others else None
