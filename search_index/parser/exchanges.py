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
from search_index.parser.roles import TurnReader
from search_index.parser.turn_acts import (
    Call,
    addressed_office,
    asks,
    asks_back,
    asks_to_repeat,
    clarifies,
    cut_off,
    handoff_statement,
    is_courtesy,
    is_vocative_handoff,
    plausible_follow_up,
    read_question,
    read_question_asker,
    self_introduction,
    unheard,
    words,
)

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


@dataclass
class ExchangeResult:
    """The exchanges and the askers that were only assumed."""

    exchanges: tuple[Exchange, ...]
    carried: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Speakers:
    """What the exchange stage needs to know about speakers."""

    kind_of: Callable[[str], SpeakerKind]
    anonymous: Callable[[str], bool]
    outlet_of: Callable[[str], str | None]
    resolve_surname: Callable[[str], str | None]


def build_exchanges(turns: Sequence[Turn], reader: TurnReader, who: Speakers) -> ExchangeResult:
    """Group turns into exchanges (see the module doc)."""
    result: list[Exchange] = []
    carried: list[int] = []
    current: _Open | None = None
    call: Call | None = None  # the last call on a reporter since the last question
    names = [turn.speaker for turn in turns]

    def close() -> None:
        if current is None or not current.answers:
            return  # a question nobody takes up belongs to no exchange
        answered_by: list[str] = []
        for turn in current.answers:
            if turn.speaker not in answered_by:
                answered_by.append(turn.speaker)
        if current.carried:
            carried.append(len(result))
        result.append(
            Exchange(
                index=len(result),
                asker=current.asker,
                outlet=current.outlet,
                question_turn=current.question_turns[0],
                question_turns=tuple(current.question_turns),
                answer_turns=tuple(turn.index for turn in current.answers),
                answered_by=tuple(answered_by),
                handoff_to=_handoff_target(current, who.resolve_surname),
                follow_up_of=current.follow_up_of,
            )
        )

    for position, turn in enumerate(turns):
        kind = who.kind_of(turn.speaker)
        previous = turns[position - 1] if position else None
        if kind == SpeakerKind.PRESS:
            if is_courtesy(turn.text):
                continue
            if current is not None and _continues_question(
                current, turn, previous, reader, turns, who.anonymous
            ):
                current.question_turns.append(turn.index)
                continue
            opened = _open(turn, turns, current, call, reader, who, len(result))
            close()
            current = opened
            call = None
            continue
        following = turns[position + 1] if position + 1 < len(turns) else None
        next_is_press = following is not None and who.kind_of(following.speaker) == (
            SpeakerKind.PRESS
        )
        if kind == SpeakerKind.MODERATOR:
            if _reads_question(turn, following, who) and not next_is_press:
                close()
                asked = read_question_asker(turn.text, reader.names, reader.known_outlets)
                current = _Open(
                    asker=asked.name or asked.outlet or turn.speaker,
                    outlet=asked.outlet,
                    question_turns=[turn.index],
                )
                call = None
                continue
            call = reader.call(turn.index, chairing=True) or call
            continue
        if current is None:
            if next_is_press:
                call = reader.call(turn.index, chairing=_short(turn)) or call
            continue
        if asks_to_repeat(turn.text) or clarifies(turn.text):
            current.answers.append(turn)  # the loop stays in its exchange
            continue
        if _question_cut_off(current, turns) and reader.call(turn.index, chairing=True):
            call = reader.call(turn.index, chairing=True)
            current.floor_moved = True
            continue  # the floor moves on: the cut-off question is not taken up
        if _hands_over(turn, following, who):
            current.handoff_turns.append(turn)
            continue
        if next_is_press and _short(turn) and not reader.answers(turn.index, names):
            call = reader.call(turn.index, chairing=True) or call
            continue
        current.answers.append(turn)
        if next_is_press:
            call = reader.call(turn.index, chairing=False)
    close()
    return ExchangeResult(exchanges=tuple(result), carried=carried)


def _short(turn: Turn) -> bool:
    return len(turn.text) <= 240


def _open(
    turn: Turn,
    turns: Sequence[Turn],
    current: _Open | None,
    call: Call | None,
    reader: TurnReader,
    who: Speakers,
    count: int,
) -> _Open:
    """The exchange a press question opens: its asker, outlet, and what it follows up."""
    previous = turns[turn.index - 1] if turn.index else None
    outlet = who.outlet_of(turn.speaker)
    intro = self_introduction(turn.text, reader.names)
    if not who.anonymous(turn.speaker):
        if intro is not None and intro[0] == turn.speaker and outlet is None:
            outlet = intro[1]
        if outlet is None and call is not None and call.name is None and call.outlet:
            outlet = call.outlet
        opened = _Open(turn.speaker, outlet, [turn.index])
    elif intro is not None:
        opened = _Open(intro[0], intro[1], [turn.index])
    elif call is not None and call.named:
        opened = _Open(call.name or call.outlet or turn.speaker, call.outlet, [turn.index])
    else:
        opened = _Open(turn.speaker, outlet, [turn.index], anonymous=True)
        if (
            current is not None
            and not current.anonymous
            and call is None
            and _directly_after_answer(current, previous)
            and (plausible_follow_up(turn.text) or _turns_to_the_other_leader(current, turn, turns))
        ):
            opened = _Open(current.asker, current.outlet, [turn.index], carried=True)
    if opened.outlet:
        reader.known_outlets.add(opened.outlet)
    if (
        current is not None
        and current.answers
        and not opened.anonymous
        and not current.anonymous
        and opened.asker == current.asker
        and (call is None or not call.named)
    ):
        opened.follow_up_of = count
    return opened


def _turns_to_the_other_leader(current: _Open, turn: Turn, turns: Sequence[Turn]) -> bool:
    """At a joint press conference a reporter puts one question to each leader: a question
    that addresses another office than the one before, with no call between, is the same
    reporter's ("Thank you, Mr. President. …" then "Mr. Prime Minister, …")."""
    before = addressed_office(turns[current.question_turns[0]].text)
    now = addressed_office(turn.text)
    return before is not None and now is not None and before != now


def _directly_after_answer(current: _Open, previous: Turn | None) -> bool:
    """True when the previous turn is the open exchange's last answer (no one came between)."""
    return bool(current.answers) and previous is not None and previous is current.answers[-1]


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
    if previous is None or current.floor_moved:
        return False
    asker = turns[current.question_turns[-1]].speaker
    asked = " ".join(turns[index].text for index in current.question_turns)
    if not current.answers:
        if turn.speaker != asker:
            return False
        if previous.index in current.question_turns:
            # The same reporter again; several anonymous voices in a row are several
            # reporters, and only the one an official takes up asks the question.
            return not anonymous(turn.speaker)
        if asks_back(previous.text) and clarifies(previous.text):
            return True
        return not (asks(asked) or unheard(asked))
    last = current.answers[-1]
    if last.index != previous.index:
        return False
    if asks_to_repeat(last.text) or clarifies(last.text):
        return True
    if turn.speaker != asker:
        return False
    if any(len(words(answer.text)) > 12 for answer in current.answers):
        return False
    if reader.call(last.index, chairing=False) is not None or unheard(asked):
        return False
    return not asks(asked) or cut_off(asked)


def _question_cut_off(current: _Open, turns: Sequence[Turn]) -> bool:
    return not current.answers and cut_off(turns[current.question_turns[-1]].text)


def _hands_over(turn: Turn, following: Turn | None, who: Speakers) -> bool:
    """A turn that only hands over to the colleague who speaks next ("Dr. Oyelaran?")."""
    if following is None or following.speaker == turn.speaker:
        return False
    if who.kind_of(following.speaker) not in {SpeakerKind.OFFICIAL, SpeakerKind.OTHER}:
        return False
    colleague = {word.lower() for word in words(following.speaker)}
    return is_vocative_handoff(turn.text, colleague)


def _reads_question(turn: Turn, following: Turn | None, who: Speakers) -> bool:
    if following is None or who.kind_of(following.speaker) != SpeakerKind.OFFICIAL:
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
