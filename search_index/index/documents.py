"""What is indexed of one transcript file: a Whoosh document per speaker turn.

`index_file` is the unit of work of an update, run in-process or in a worker process
(`parallel.py`): it parses a file, extracts the figures of its turns, keeps both in the
index folder (`parsed.py`: or loads them from there, when a rebuild finds them), adds the
turns to a writer, and says what it found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from search_index.errors import PressroomError
from search_index.models import SpeakerKind, Transcript

if TYPE_CHECKING:
    from search_index.figures.models import Figure
    from search_index.index.parsed import ParsedStore


@dataclass(frozen=True)
class FileOutcome:
    """What indexing one file gave: its transcript and turn count, or why it was skipped."""

    order: int
    key: str
    transcript: str | None = None
    turns: int = 0
    reason: str | None = None


def index_file(
    writer: Any, order: int, key: str, path: Path, digest: str, store: ParsedStore
) -> FileOutcome:
    """Parse `path` (or load it from `store`) and add one document per turn to `writer`."""
    from search_index.library import skip_reason

    try:
        transcript, figures = _parsed(store, key, path, digest)
    except PressroomError as error:
        return FileOutcome(order, key, reason=skip_reason(error, path))
    except Exception as error:  # a parser bug must not stop the whole library
        detail = " ".join(str(error).split())[:120]
        return FileOutcome(
            order, key, reason=f"the parser failed ({type(error).__name__}: {detail})"
        )
    count = 0
    for doc in turn_documents(transcript, key, digest, figures):
        writer.add_document(**doc)
        count += 1
    return FileOutcome(order, key, transcript=transcript.id, turns=count)


def _parsed(
    store: ParsedStore, key: str, path: Path, digest: str
) -> tuple[Transcript, list[list[Figure]]]:
    """The transcript of `path` and the figures of each turn: kept ones if the store has
    them, else parsed and extracted now, and kept."""
    from search_index.index.parsed import turn_figures
    from search_index.parser import load_transcript

    kept = store.read(digest, key, figures=True)
    if kept is not None and kept.figures is not None:
        by_turn: dict[int, list[Figure]] = {turn.index: [] for turn in kept.transcript.turns}
        for figure in kept.figures:
            by_turn[figure.turn].append(figure)
        return kept.transcript, list(by_turn.values())
    transcript = load_transcript(path)
    figures, whole = turn_figures(transcript)
    if whole:
        store.write(digest, key, transcript, [f for turn in figures for f in turn])
    return transcript, figures


def turn_documents(
    transcript: Transcript,
    source: str,
    digest: str,
    figures: Sequence[Sequence[Figure]],
) -> Iterable[dict[str, Any]]:
    """The Whoosh documents (one per turn) of a transcript read from `source`; `figures`
    are those of each turn, in turn order."""
    from search_index.index.schema import figure_words

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
    for position, turn in enumerate(transcript.turns):
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
        words = figure_words(figures[position])
        if words:
            doc["figures"] = words
        yield doc
