"""Grouping turns into question→answer exchanges, hand-offs included."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from search_index.models import Exchange, SpeakerKind, Turn

_HANDOFF = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Madam|Madame|Dr|Professor|Prof|Minister|Director|Commissioner)\.?\s+)"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"(?:\s*,[^.?!]{0,120}?,)?"
    r"\s+(?:will|would|is going to|can|could)\s+(?:\w+\s+)?"
    r"(?:answer|respond|take|address|reply|field|handle)",
)
#: A hand-off is a short turn; a long answer that mentions a colleague is not one.
_HANDOFF_MAX_CHARS = 400


def build_exchanges(
    turns: Sequence[Turn],
    kind_of: Callable[[str], SpeakerKind],
    resolve_surname: Callable[[str], str | None],
) -> tuple[Exchange, ...]:
    """Exchanges: a press turn, then every non-press, non-moderator turn up to the next one."""
    exchanges: list[Exchange] = []
    asker: str | None = None
    question_turn = -1
    answers: list[Turn] = []

    def close() -> None:
        if asker is None:
            return
        answered_by: list[str] = []
        for turn in answers:
            if turn.speaker not in answered_by:
                answered_by.append(turn.speaker)
        exchanges.append(
            Exchange(
                index=len(exchanges),
                asker=asker,
                question_turn=question_turn,
                answer_turns=tuple(turn.index for turn in answers),
                answered_by=tuple(answered_by),
                handoff_to=_handoff_target(answers, resolve_surname),
            )
        )

    for turn in turns:
        kind = kind_of(turn.speaker)
        if kind == SpeakerKind.PRESS:
            close()
            asker, question_turn, answers = turn.speaker, turn.index, []
        elif kind != SpeakerKind.MODERATOR and asker is not None:
            answers.append(turn)
    close()
    return tuple(exchanges)


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
