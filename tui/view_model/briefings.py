"""The briefings the app has loaded, each with its outline, and how they are named.

`LibraryReader` is how the app reads a library: the domain's `iter_library` steps, each
transcript outlined as it arrives, every skipped file listed in one line. `LibraryView`
is what the screens look things up in. The labels (a briefing's name in the picker and
in search results, the header's title) are computed here so they can be tested plainly.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from search_index.controls import without_controls
from search_index.library import LoadStep, iter_library
from search_index.models import Transcript
from tui.view_model.outline import Entry, Outline, build_outline

if TYPE_CHECKING:
    from search_index.index.parsed import ParsedLookup

#: The longest briefing title the picker and the search results show.
LABEL_TITLE_WIDTH = 60
#: The skipped files a notification names before "…".
SKIPPED_NAMED = 3


@dataclass(frozen=True, repr=False)
class LibraryView:
    """Every loaded transcript with its outline, in the order they were opened."""

    outlines: tuple[Outline, ...]
    _by_id: dict[str, Outline] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((outline.transcript.id, outline) for outline in self.outlines)

    def __repr__(self) -> str:
        return f"LibraryView({len(self.outlines)} transcripts)"

    @property
    def transcripts(self) -> tuple[Transcript, ...]:
        """The loaded transcripts."""
        return tuple(outline.transcript for outline in self.outlines)

    def outline(self, transcript_id: str | None) -> Outline | None:
        """The outline of the transcript with id `transcript_id`, or None."""
        return None if transcript_id is None else self._by_id.get(transcript_id)

    def entry(self, key: str) -> Entry | None:
        """The entry called `key` in any transcript, or None."""
        transcript_id = key.split("/", 1)[0]
        outline = self.outline(transcript_id)
        return None if outline is None else outline.entry(key)

    def find_transcript(self, reference: str) -> Outline | None:
        """The outline whose transcript id or source (full path or file name) is `reference`."""
        found = self._by_id.get(reference)
        if found is not None:
            return found
        for outline in self.outlines:
            transcript = outline.transcript
            if reference in (transcript.id, transcript.source):
                return outline
        for outline in self.outlines:
            source = outline.transcript.source.replace("\\", "/")
            if source.rsplit("/", 1)[-1] == reference.replace("\\", "/").rsplit("/", 1)[-1]:
                return outline
        return None


class LibraryReader:
    """Reads a library for the app: each transcript outlined, each skipped file listed.

    Iterate `read()` to read the files one at a time (the domain's `iter_library` steps);
    between two steps, `view()` is the library read so far and `problems` says, one line
    per file, what was skipped and why.
    """

    def __init__(self, paths: Sequence[Path], parsed: ParsedLookup | None = None) -> None:
        """A reader of the transcripts under `paths` (files and folders); files the index
        holds are loaded as kept there (`parsed`) rather than parsed again."""
        self.paths = list(paths)
        self.parsed = parsed
        self.outlines: list[Outline] = []
        self.problems: list[str] = []
        self.done = 0
        """Files read so far."""
        self.total = 0
        """Files to read (known once the first step is out)."""

    def read(self, cancel: threading.Event | None = None) -> Iterator[LoadStep]:
        """Read the files, yielding after each (stops before the next once `cancel` is set)."""
        for step in iter_library(self.paths, cancel, parsed=self.parsed):
            self.done, self.total = step.done, step.total
            if step.transcript is not None:
                self.outlines.append(build_outline(step.transcript))
            else:
                self.problems.append(f"{step.path.name or step.path}: {step.skipped}")
            yield step

    @property
    def complete(self) -> bool:
        """True once every file has been read."""
        return self.done >= self.total

    def view(self) -> LibraryView:
        """The library read so far."""
        return LibraryView(tuple(self.outlines))


def briefing_title(transcript: Transcript) -> str:
    """A briefing's title on one line, or its file name when it has none."""
    return " ".join((transcript.title or Path(transcript.source).name).split())


def event_date(transcript: Transcript) -> str | None:
    """The briefing's date as YYYY-MM-DD, or None."""
    return None if transcript.date is None else transcript.date.isoformat()


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, in the plural unless there is one: "1 briefing", "1,234 words"."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def briefing_label(outline: Outline) -> str:
    """A briefing's name in the picker and over its search hits: date, then title."""
    transcript = outline.transcript
    title = briefing_title(transcript)
    if len(title) > LABEL_TITLE_WIDTH:
        title = title[: LABEL_TITLE_WIDTH - 1].rstrip() + "…"
    date = event_date(transcript)
    return f"{date} {title}" if date else title


def header_titles(transcript: Transcript, width: int) -> tuple[str, str]:
    """The header's title and subtitle for a screen `width` columns wide.

    The subtitle is the date and place; the title is shortened to leave it room.
    """
    sub_title = " · ".join(part for part in (event_date(transcript), transcript.location) if part)
    title = briefing_title(transcript)
    room = max(width - 30 - len(sub_title), 16)
    if len(title) > room:
        title = title[: room - 1].rstrip(" ,;:") + "…"
    return title, sub_title


def skipped_note(problems: Sequence[str]) -> str:
    """The notification for files left out: how many, and the first few with their reasons."""
    count = len(problems)
    noun = "file" if count == 1 else "files"
    detail = "; ".join(problems[:SKIPPED_NAMED]) + ("; …" if count > SKIPPED_NAMED else "")
    return f"{count} {noun} skipped: {without_controls(detail)}"  # file names may hold escapes
