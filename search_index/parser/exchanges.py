"""Grouping turns into question→answer exchanges: hand-offs, restated questions, follow-ups,
and the names of reporters whom the label leaves anonymous ("Q")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from search_index.models import Exchange, SpeakerKind, Turn
from search_index.parser.labels import looks_like_outlet
from search_index.parser.speakers import ANONYMOUS_PRESS

_HANDOFF = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Madam|Madame|Dr|Professor|Prof|Minister|Director|Commissioner)\.?\s+)"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"(?:\s*,[^.?!]{0,120}?,)?"
    r"\s+(?:will|would|is going to|can|could)\s+(?:\w+\s+)?"
    r"(?:answer|respond|take|address|reply|field|handle|add|supplement|elaborate|brief)",
)
#: A hand-off is a short turn; a long answer that mentions a colleague is not one.
_HANDOFF_MAX_CHARS = 400
_REPEAT = re.compile(
    r"\b(?:repeat (?:that|the question|your question|it)|say (?:that|it) again|"
    r"(?:didn't|did not|couldn't|could not) (?:catch|hear)|pardon\?|come again\?)",
    re.IGNORECASE,
)
_NAME = r"(?P<name>(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)?)"
_CALLS = (
    re.compile(
        r"(?:go ahead|yes|please|next|okay|ok|all right|sure|over to you)\s*,?\s+"
        + _NAME
        + r"\s*[.!?]?\s*$",
        re.IGNORECASE,
    ),
    re.compile(_NAME + r"\s*,\s*(?:go ahead|please|you're next|your question)\s*[.!]?\s*$"),
    re.compile(r"(?:^|[.!?]\s+)" + _NAME + r"\s*\?\s*$"),
)
_NOT_NAMES = frozenset(
    {
        "thank",
        "thanks",
        "okay",
        "yes",
        "please",
        "everyone",
        "all",
        "sir",
        "madam",
        "there",
        "right",
        "sure",
        "again",
        "next",
        "here",
        "now",
        "the",
        "you",
        "that",
        "this",
        "anyone",
        "question",
        "questions",
        "go",
        "ahead",
    }
)
_SELF_INTRO = re.compile(
    r"^(?:(?:hi|hello|yes|good (?:morning|afternoon|evening)|thank you|thanks)[^.!?]{0,40}"
    r"[.!,]\s*)?(?:(?:I'm|I am|this is|my name is)\s+)?"
    r"(?P<name>[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){1,2})"
    r"(?:\s*,\s*|\s+(?:from|with|of)\s+)(?P<outlet>(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})"
    r"\s*[.,:;]",
    re.IGNORECASE,
)


@dataclass
class _Open:
    asker: str
    outlet: str | None
    question_turns: list[int]
    answers: list[Turn] = field(default_factory=list)
    follow_up_of: int | None = None
    anonymous: bool = False


def build_exchanges(
    turns: Sequence[Turn],
    kind_of: Callable[[str], SpeakerKind],
    resolve_surname: Callable[[str], str | None],
    outlet_of: Callable[[str], str | None] = lambda name: None,
) -> tuple[Exchange, ...]:
    """Exchanges: a press turn, then every non-press, non-moderator turn up to the next one.

    A press turn does not open a new exchange when it restates a question the official asked
    to hear again, or continues a question no one has answered yet.
    """
    exchanges: list[Exchange] = []
    current: _Open | None = None

    def close() -> None:
        if current is None:
            return
        answered_by: list[str] = []
        for turn in current.answers:
            if turn.speaker not in answered_by:
                answered_by.append(turn.speaker)
        exchanges.append(
            Exchange(
                index=len(exchanges),
                asker=current.asker,
                outlet=current.outlet,
                question_turn=current.question_turns[0],
                question_turns=tuple(current.question_turns),
                answer_turns=tuple(turn.index for turn in current.answers),
                answered_by=tuple(answered_by),
                handoff_to=_handoff_target(current.answers, resolve_surname),
                follow_up_of=current.follow_up_of,
            )
        )

    for position, turn in enumerate(turns):
        kind = kind_of(turn.speaker)
        if kind == SpeakerKind.PRESS:
            previous = turns[position - 1] if position else None
            if current is not None and _continues_question(current, turn, previous):
                current.question_turns.append(turn.index)
                continue
            asker, outlet, anonymous = _asker(turn, previous, outlet_of)
            follow_up: int | None = None
            if current is not None:
                same = asker == current.asker and (not anonymous or not current.anonymous)
                carried = (
                    anonymous
                    and asker == turn.speaker
                    and not current.anonymous
                    and _directly_after_answer(current, previous)
                )
                if carried:
                    asker, outlet, anonymous = current.asker, current.outlet, False
                    same = True
                if same and current.answers:
                    follow_up = len(exchanges)
            close()
            current = _Open(
                asker, outlet, [turn.index], follow_up_of=follow_up, anonymous=anonymous
            )
        elif kind != SpeakerKind.MODERATOR and current is not None:
            current.answers.append(turn)
    close()
    return tuple(exchanges)


def _directly_after_answer(current: _Open, previous: Turn | None) -> bool:
    """True when the previous turn is the open exchange's last answer (no one came between)."""
    return bool(current.answers) and previous is not None and previous is current.answers[-1]


def _continues_question(current: _Open, turn: Turn, previous: Turn | None) -> bool:
    if previous is None:
        return False
    if not current.answers:
        return turn.speaker == previous.speaker
    last = current.answers[-1]
    return (
        last.index == previous.index and len(last.text) <= 300 and bool(_REPEAT.search(last.text))
    )


def _asker(
    turn: Turn, previous: Turn | None, outlet_of: Callable[[str], str | None]
) -> tuple[str, str | None, bool]:
    """(asker, outlet, still anonymous) for a press turn."""
    outlet = outlet_of(turn.speaker)
    if turn.speaker.lower() not in ANONYMOUS_PRESS:
        if outlet is None and looks_like_outlet(turn.speaker):
            outlet = turn.speaker
        if outlet is None:
            intro = _SELF_INTRO.match(turn.text)
            if intro and intro.group("name") == turn.speaker:
                outlet = _clean_outlet(intro.group("outlet"))
        return turn.speaker, outlet, False
    intro = _SELF_INTRO.match(turn.text)
    if intro and intro.group("name").split()[0].lower() not in _NOT_NAMES:
        return intro.group("name"), _clean_outlet(intro.group("outlet")), False
    if previous is not None:
        called = _called_name(previous.text)
        if called:
            return called, None, False
    return turn.speaker, outlet, True


def _clean_outlet(text: str) -> str:
    text = text.strip().rstrip(".,;:")
    return text[4:] if text.lower().startswith("the ") else text


def _called_name(text: str) -> str | None:
    """The reporter a moderator or official calls on at the end of a turn."""
    tail = text.strip()[-120:]
    for pattern in _CALLS:
        match = pattern.search(tail)
        if match:
            name = match.group("name").strip()
            if (
                name.split()[-1].lower() not in _NOT_NAMES
                and name.split()[0].lower() not in _NOT_NAMES
            ):
                return name
    return None


def _handoff_target(
    answers: Sequence[Turn], resolve_surname: Callable[[str], str | None]
) -> str | None:
    if len(answers) < 2:
        return None
    first = answers[0]
    if len(first.text) > _HANDOFF_MAX_CHARS:
        return None
    match = _HANDOFF.search(first.text)
    if match is None:
        return None
    later = [turn.speaker for turn in answers[1:] if turn.speaker != first.speaker]
    named = match.group("name")
    for candidate in (named, *named.split()):
        resolved = resolve_surname(candidate)
        if resolved is not None and resolved in later:
            return resolved
    return later[0] if later else None
