"""What is indexed of one transcript file: a Whoosh document per speaker turn.

`index_file` is the unit of work of an update, run in-process or in a worker process
(`parallel.py`): it parses a file and adds its turns to a writer, and says what it found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search_index.errors import PressroomError
from search_index.models import SpeakerKind, Transcript


@dataclass(frozen=True)
class FileOutcome:
    """What indexing one file gave: its transcript and turn count, or why it was skipped."""

    order: int
    key: str
    transcript: str | None = None
    turns: int = 0
    reason: str | None = None


def index_file(writer: Any, order: int, key: str, path: Path, digest: str) -> FileOutcome:
    """Parse `path` and add one document per turn to `writer`."""
    from search_index.library import load_one, skip_reason

    try:
        transcript = load_one(path)
    except PressroomError as error:
        return FileOutcome(order, key, reason=skip_reason(error, path))
    except Exception as error:  # a parser bug must not stop the whole library
        detail = " ".join(str(error).split())[:120]
        return FileOutcome(
            order, key, reason=f"the parser failed ({type(error).__name__}: {detail})"
        )
    count = 0
    for doc in turn_documents(transcript, key, digest):
        writer.add_document(**doc)
        count += 1
    return FileOutcome(order, key, transcript=transcript.id, turns=count)


def turn_documents(transcript: Transcript, source: str, digest: str) -> Iterable[dict[str, Any]]:
    """The Whoosh documents (one per turn) of a transcript read from `source`."""
    title = transcript.title or Path(source).stem
    when = dt.datetime.combine(transcript.date, dt.time.min) if transcript.date else None
    by_turn: dict[int, tuple[int, str, str]] = {}
    for exchange in transcript.exchanges:
        # asker: and outlet: match the reporter's name and their outlet alike.
        names = exchange.asker
        if exchange.outlet and exchange.outlet != exchange.asker:
            names = f"{exchange.asker} ; {exchange.outlet}"
        entry = (exchange.index, exchange.asker, names)
        for index in (exchange.question_turn, *exchange.question_turns, *exchange.answer_turns):
            by_turn[index] = entry
    kinds = {s.name: s for s in transcript.speakers}
    state = f"{digest}\t{source}"
    for turn in transcript.turns:
        speaker = kinds.get(turn.speaker)
        names = " ; ".join((turn.speaker, *(speaker.aliases if speaker else ())))
        doc: dict[str, Any] = {
            "transcript": transcript.id,
            "title": title,
            "source": source,
            "source_state": state,
            "turn": turn.index,
            "speaker": turn.speaker,
            "speaker_text": names,
            "kind": (speaker.kind if speaker else SpeakerKind.OTHER).value,
            "text": turn.text,
            "body": turn.text.encode("utf-8"),
        }
        if when is not None:
            doc["date"] = when
        in_exchange = by_turn.get(turn.index)
        if in_exchange is not None:
            doc["exchange"], doc["asker"], doc["asker_text"] = in_exchange
        if turn.text:
            doc["figures"] = turn.text
        yield doc
