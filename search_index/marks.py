"""Marks: passages a reader set aside (a paragraph, an answer, a figure, a range), kept per
library, to be cited together as a clip sheet.

A mark names its briefing by transcript id (the hash of its text, so re-indexing or moving
the file keeps it) and the marked text by turn and character span, with a copy of that text.
When the briefing is read again the mark is *resolved*: found where it was, found elsewhere
(the transcript was re-parsed into other turns, or its file was edited: the text is looked
for in the briefing with the same file name), or missing. A missing mark is kept and shown,
never dropped.

The marks of a library live in one JSON file, `marks/<library key>.json` in the folder of
the settings, the key being a hash of the library's paths::

    {"version": 1, "library": ["/abs/path", …],
     "marks": [{"transcript_id": "31a75f1c6b67cac6", "kind": "paragraph",
                "spans": [{"turn": 11, "start": 0, "end": 512, "text": "First, …"}],
                "figure": null, "source": "scio-2021-04-25-ipr-briefing.txt",
                "briefing": "2021-04-25 SCIO briefing on …", "speakers": ["Shen Changyu"],
                "marked_at": "2026-12-01T09:30:00Z"}, …]}

Entries this version cannot read are kept as they are and written back unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from search_index.citation import CitationFormat, cite_figure, cite_spans, find_turn, turn_number
from search_index.errors import InputError
from search_index.models import Transcript

MarkKind = Literal["paragraph", "answer", "figure", "range"]
"""What was marked: a paragraph, a whole answer, a figure (with its sentence), a range."""

MarkStatus = Literal["ok", "moved", "changed", "missing"]
"""Where a mark's text was found: where it was, elsewhere, not in its briefing any more,
or nowhere (its briefing is not in the library)."""

MARKS_FOLDER = "marks"
FILE_VERSION = 1

Span = tuple[int, int, int]
"""(turn index, start, end): characters `start:end` of a turn's text."""


class MarkSpan(BaseModel):
    """A marked stretch of one turn, with the text it held when it was marked."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    turn: int
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        """(turn, start, end)."""
        return (self.turn, self.start, self.end)


class Mark(BaseModel):
    """One marked passage of a briefing."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    transcript_id: str
    kind: MarkKind
    spans: tuple[MarkSpan, ...] = Field(min_length=1)
    """The marked text, turn by turn in reading order (for a figure: its sentence)."""
    figure: MarkSpan | None = None
    """For a figure: the figure itself, inside the sentence."""
    source: str = ""
    """The file the briefing was read from (shown when the briefing is missing)."""
    briefing: str = ""
    """The briefing's date and title when the mark was made."""
    speakers: tuple[str, ...] = ()
    """Who said the marked text, in order."""
    marked_at: str = ""
    """When the mark was made (ISO 8601, UTC)."""

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two marks the same mark."""
        figure = None if self.figure is None else self.figure.span
        return (self.transcript_id, self.kind, tuple(s.span for s in self.spans), figure)

    @property
    def excerpt(self) -> str:
        """The marked text as it was when marked (turns separated by a blank line)."""
        return "\n\n".join(span.text for span in self.spans)

    @property
    def turn(self) -> int:
        """The first marked turn."""
        return self.spans[0].turn


def briefing_name(transcript: Transcript) -> str:
    """A briefing's date and title (or file name) on one line."""
    title = " ".join((transcript.title or source_file_name(transcript.source)).split())
    date = transcript.date.isoformat() if transcript.date else None
    return f"{date} {title}" if date else title


def source_file_name(source: str) -> str:
    """The file name of a transcript's source, without folders."""
    return PurePath(source.replace("\\", "/")).name or source


def make_mark(
    transcript: Transcript,
    kind: MarkKind,
    spans: Sequence[Span],
    figure: Span | None = None,
    now: dt.datetime | None = None,
) -> Mark:
    """A mark of `spans` of `transcript` (InputError for a span outside a turn's text)."""
    marked = []
    speakers: list[str] = []
    for turn_index, start, end in spans:
        turn = find_turn(transcript, turn_index)
        if not 0 <= start < end <= len(turn.text):
            raise InputError(
                f"turn {turn_number(turn.index)} has no text from {start} to {end} to mark"
            )
        marked.append(MarkSpan(turn=turn_index, start=start, end=end, text=turn.text[start:end]))
        if turn.speaker not in speakers:
            speakers.append(turn.speaker)
    if not marked:
        raise InputError("nothing to mark")
    figure_span = None
    if figure is not None:
        turn = find_turn(transcript, figure[0])
        figure_span = MarkSpan(
            turn=figure[0], start=figure[1], end=figure[2], text=turn.text[figure[1] : figure[2]]
        )
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    return Mark(
        transcript_id=transcript.id,
        kind=kind,
        spans=tuple(marked),
        figure=figure_span,
        source=source_file_name(transcript.source),
        briefing=briefing_name(transcript),
        speakers=tuple(speakers),
        marked_at=when.isoformat().replace("+00:00", "Z"),
    )


# --- resolving a mark against the library ---------------------------------------------


@dataclass(frozen=True)
class ResolvedMark:
    """A mark and where its text is in the library as read now."""

    mark: Mark
    status: MarkStatus
    transcript: Transcript | None
    spans: tuple[Span, ...]
    """Where the text is now (the mark's own spans when it was not found)."""
    figure: Span | None = None

    @property
    def found(self) -> bool:
        """True when the marked text is in the library (where it was, or elsewhere)."""
        return self.status in ("ok", "moved") and self.transcript is not None

    @property
    def text(self) -> str:
        """The marked text (as it is now, or as it was when it cannot be found)."""
        if not self.found or self.transcript is None:
            return self.mark.excerpt
        turns = {turn.index: turn for turn in self.transcript.turns}
        return "\n\n".join(turns[t].text[start:end] for t, start, end in self.spans)

    @property
    def briefing(self) -> str:
        """The briefing's date and title (as read now, or as it was when marked)."""
        return self.mark.briefing if self.transcript is None else briefing_name(self.transcript)

    def describe_status(self) -> str:
        """Why a mark that was not found cannot be cited ("" when it was found)."""
        if self.status == "missing":
            return f"missing: {self.mark.source} is not in this library"
        if self.status == "changed":
            return f"changed: the marked text is no longer in {self.mark.source}"
        return ""


def _locate(span: MarkSpan, transcript: Transcript) -> Span | None:
    """Where `span`'s text is in `transcript`: where it was, else its first occurrence."""
    turns = {turn.index: turn for turn in transcript.turns}
    turn = turns.get(span.turn)
    if turn is not None and turn.text[span.start : span.end] == span.text:
        return span.span
    for candidate in transcript.turns:
        at = candidate.text.find(span.text)
        if at >= 0 and span.text:
            return (candidate.index, at, at + len(span.text))
    return None


def _locate_all(mark: Mark, transcript: Transcript) -> tuple[tuple[Span, ...], Span | None] | None:
    spans: list[Span] = []
    for span in mark.spans:
        found = _locate(span, transcript)
        if found is None:
            return None
        spans.append(found)
    figure: Span | None = None
    if mark.figure is not None:
        turn_index, start, end = spans[0]
        turn = find_turn(transcript, turn_index)
        at = turn.text.find(mark.figure.text, start, end)
        if at < 0:
            return None
        figure = (turn_index, at, at + len(mark.figure.text))
    return tuple(spans), figure


def resolve_mark(mark: Mark, transcripts: Mapping[str, Transcript]) -> ResolvedMark:
    """Find `mark` in `transcripts` (by id): where it was, moved, changed or missing."""
    own = tuple(span.span for span in mark.spans)
    own_figure = None if mark.figure is None else mark.figure.span
    transcript = transcripts.get(mark.transcript_id)
    if transcript is not None:
        located = _locate_all(mark, transcript)
        if located is None:
            return ResolvedMark(mark, "changed", transcript, own, own_figure)
        spans, figure = located
        status: MarkStatus = "ok" if spans == own and figure == own_figure else "moved"
        return ResolvedMark(mark, status, transcript, spans, figure)
    for candidate in transcripts.values():
        if source_file_name(candidate.source) != mark.source:
            continue
        located = _locate_all(mark, candidate)
        if located is not None:
            return ResolvedMark(mark, "moved", candidate, located[0], located[1])
    return ResolvedMark(mark, "missing", None, own, own_figure)


def resolve_marks(marks: Iterable[Mark], transcripts: Iterable[Transcript]) -> list[ResolvedMark]:
    """Every mark resolved against `transcripts`, in the order given."""
    by_id = {transcript.id: transcript for transcript in transcripts}
    return [resolve_mark(mark, by_id) for mark in marks]


def cite_mark(resolved: ResolvedMark, fmt: CitationFormat = "plain") -> str:
    """The marked text quoted and attributed (a figure: the figure, then its sentence).

    InputError when the mark's text cannot be found (a citation must quote the record).
    """
    transcript = resolved.transcript
    if not resolved.found or transcript is None:
        raise InputError(f"cannot cite this mark: {resolved.describe_status()}")
    if resolved.mark.kind == "figure" and resolved.figure is not None:
        turn_index, start, end = resolved.spans[0]
        turn = find_turn(transcript, turn_index)
        _, figure_start, figure_end = resolved.figure
        return cite_figure(
            turn.text[figure_start:figure_end], turn.text[start:end], transcript, turn, fmt
        )
    return cite_spans(transcript, resolved.spans, fmt)


# --- the store ---------------------------------------------------------------------------


def library_key(paths: Iterable[Path | str]) -> str:
    """A short stable name for a library: a hash of its resolved paths, sorted."""
    resolved = sorted({str(Path(path).expanduser().resolve()) for path in paths})
    return hashlib.sha256("\n".join(resolved).encode("utf-8")).hexdigest()[:16]


def marks_file(folder: Path, paths: Iterable[Path | str]) -> Path:
    """Where the marks of the library made of `paths` are kept, under `folder`."""
    return folder / MARKS_FOLDER / f"{library_key(paths)}.json"


class MarkStore:
    """The marks of one library, in the order they were made, saved to one JSON file."""

    def __init__(
        self,
        path: Path | None = None,
        library: Sequence[str] = (),
        marks: Iterable[Mark] = (),
    ) -> None:
        """A store saved to `path` (None: kept in memory only) for the library `library`."""
        self.path = path
        self.library = tuple(library)
        self._marks: list[Mark] = list(marks)
        self._unreadable: list[object] = []
        self.problem: str | None = None
        """Why the file could not be read, if it could not (it is kept aside on save)."""
        self._set_aside = False

    @classmethod
    def for_library(cls, folder: Path, paths: Sequence[Path | str]) -> MarkStore:
        """The marks of the library made of `paths`, kept under `folder`."""
        library = [str(Path(path).expanduser().resolve()) for path in paths]
        return cls.load(marks_file(folder, paths), library)

    @classmethod
    def load(cls, path: Path, library: Sequence[str] = ()) -> MarkStore:
        """The marks saved at `path` (none when the file does not exist yet)."""
        store = cls(path, library)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return store
        except (OSError, UnicodeDecodeError) as error:
            store.problem = f"the marks in {path} could not be read: {error}"
            store._set_aside = True
            return store
        try:
            data = json.loads(raw)
            entries = data["marks"]
            if not isinstance(entries, list):
                raise TypeError("marks is not a list")
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            store.problem = f"the marks in {path} could not be read ({error})"
            store._set_aside = True
            return store
        for entry in entries:
            try:
                store._marks.append(Mark.model_validate(entry))
            except ValidationError:
                store._unreadable.append(entry)
        return store

    @property
    def marks(self) -> tuple[Mark, ...]:
        """Every mark, oldest first."""
        return tuple(self._marks)

    def __len__(self) -> int:
        return len(self._marks)

    def contains(self, mark: Mark) -> bool:
        """True when the same passage is marked already."""
        return any(kept.key == mark.key for kept in self._marks)

    def add(self, mark: Mark) -> bool:
        """Keep `mark`; False when the same passage was marked already."""
        if self.contains(mark):
            return False
        self._marks.append(mark)
        return True

    def remove(self, mark: Mark) -> bool:
        """Forget `mark`; False when it was not kept."""
        before = len(self._marks)
        self._marks = [kept for kept in self._marks if kept.key != mark.key]
        return len(self._marks) < before

    def insert(self, position: int, mark: Mark) -> None:
        """Put `mark` back at `position` (undoing a removal)."""
        if not self.contains(mark):
            self._marks.insert(max(0, min(position, len(self._marks))), mark)

    def toggle(self, mark: Mark) -> bool:
        """Mark, or unmark when marked already; True when the passage is marked now."""
        if self.remove(mark):
            return False
        self._marks.append(mark)
        return True

    def save(self) -> Path | None:
        """Write the marks atomically; returns the file (None for a store kept in memory).

        An unreadable file found at load is kept beside it (`….unreadable.json`) first.
        Raises OSError when the file cannot be written.
        """
        if self.path is None:
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._set_aside and self.path.exists():
            os.replace(self.path, self.path.with_suffix(".unreadable.json"))
            self._set_aside = False
        payload = {
            "version": FILE_VERSION,
            "library": list(self.library),
            "marks": [mark.model_dump(mode="json") for mark in self._marks] + self._unreadable,
        }
        text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        handle, temporary = tempfile.mkstemp(prefix=".marks-", suffix=".json", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return self.path
