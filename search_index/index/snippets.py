"""Snippets: a short window of a turn around its best matches, with the matches' offsets."""

from __future__ import annotations

import re

#: Characters of text a snippet shows (about two lines of a wide terminal).
SNIPPET_WIDTH = 220
#: How far before the first match a snippet may start, looking for a sentence start.
_LEAD = 70
_SENTENCE_START = re.compile(r"(?:[.!?;]\s+|\n)")
_SPACE = re.compile(r"\s+")


def make_snippet(
    text: str, spans: list[tuple[int, int]], width: int = SNIPPET_WIDTH
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet of `text` that shows most of `spans`, and their offsets in it.

    The window starts at a sentence start shortly before its first match where there is
    one, never cuts a word or a match, collapses runs of white space (paragraph breaks
    included) to one space, and is marked with "…" where text was cut.
    """
    if not text:
        return "", ()
    if not spans:
        start, end = 0, _word_end(text, min(len(text), width))
        return _render(text, start, end, [])
    best, best_count = 0, 0
    right = 0
    for i, (s, _e) in enumerate(spans):
        right = max(right, i)
        while right + 1 < len(spans) and spans[right + 1][1] <= s + width - _LEAD // 2:
            right += 1
        if right - i + 1 > best_count:
            best, best_count = i, right - i + 1
    anchor = spans[best][0]
    reach = min(_LEAD, width // 3)
    start = max(0, anchor - reach)
    if start > 0:
        sentence = None
        for match in _SENTENCE_START.finditer(text, start, anchor):
            sentence = match
        if sentence is not None:
            start = sentence.end()
        else:
            # No sentence starts close before: a little context, from a word's start.
            start = max(0, anchor - reach // 2)
            if start > 0:
                space = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start))
                start = space + 1 if space >= 0 else 0
    end = max(min(len(text), start + width), spans[best][1])
    for s, e in spans:
        if s < end < e:
            end = e
    end = _word_end(text, end)
    shown = [(s, e) for s, e in spans if s >= start and e <= end]
    return _render(text, start, end, shown)


def _word_end(text: str, end: int) -> int:
    """Move `end` back so that it does not cut a word (unless the word is all there is)."""
    if end >= len(text) or text[end].isspace():
        return end
    space = text.rfind(" ", 0, end)
    newline = text.rfind("\n", 0, end)
    cut = max(space, newline)
    return cut if cut > 0 else end


def _render(
    text: str, start: int, end: int, spans: list[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    piece = text[start:end]
    runs = [match.span() for match in _SPACE.finditer(piece)]
    body = _SPACE.sub(" ", piece)
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""

    def mapped(offset: int) -> int:
        # Offset in `piece` → offset in the collapsed body (spans never start in white space).
        removed = 0
        for run_start, run_end in runs:
            if run_end <= offset:
                removed += run_end - run_start - 1
            else:
                break
        return len(prefix) + offset - removed - lead

    offsets = tuple((mapped(s - start), mapped(e - start)) for s, e in spans)
    return f"{prefix}{body}{suffix}", offsets
