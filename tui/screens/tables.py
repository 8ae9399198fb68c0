"""Helpers for the ledger, statistics and keyword-in-context tables: clipping and marking
text."""

from __future__ import annotations

from rich.text import Text


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
