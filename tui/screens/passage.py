"""What the ledger, statistics and keyword-in-context screens hand back: a passage to show."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text


@dataclass(frozen=True)
class Passage:
    """A place in a transcript: a turn, and optionally a span of its text to mark."""

    transcript_id: str
    turn: int
    start: int | None = None
    end: int | None = None


def clip(text: str, width: int) -> str:
    """`text` on one line, at most `width` characters (an ellipsis marks a cut)."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return flat[: max(width - 1, 0)].rstrip() + "…"


def marked_sentence(sentence: str, part: str) -> Text:
    """The sentence with the first occurrence of `part` in bold reverse."""
    text = Text(" ".join(sentence.split()))
    flat = " ".join(part.split())
    at = text.plain.find(flat) if flat else -1
    if at >= 0:
        text.stylize("bold reverse", at, at + len(flat))
    return text
