"""Sentence spans of a turn's text, aware of abbreviations, decimals and initials."""

from __future__ import annotations

import re
from bisect import bisect_right

_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vol", "fig", "art", "sec", "para",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "vs", "approx", "inc", "ltd", "co", "corp",
        "gov", "gen", "sen", "rep", "pp", "p", "a.m", "p.m", "jr", "sr",
    }
)  # fmt: skip
#: A candidate sentence end: terminal punctuation (and closing quotes) followed by space, or a
#: line break. The same as `[.!?]+["'”’)\]]*(?=\s)|\n\s*\n|\n`, written to start with one
#: character class (the look-behinds tell the branches apart) so that the regex engine scans
#: for those characters fast instead of trying every branch at every position.
_END_RE = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'”’)\]]*(?=\s)|(?<=\n)\s*\n|(?<=\n))")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z.]+)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, leading and trailing spaces excluded.

    No span is longer than `MAX_SENTENCE`: a longer sentence comes as several pieces.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END_RE.finditer(text):
        end = match.end()
        punct = match.group()
        if punct.startswith("."):
            head = _WORD_BEFORE_RE.search(text, max(0, match.start() - 12), match.start() + 1)
            word = head.group(1) if head is not None else ""
            if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue  # "Nov. 30", "Mr. Shen", "10 a.m. on", "J. Smith"
        if punct.startswith("\n"):
            end = match.start()
        _add(text, spans, start, end)
        start = match.end()
    _add(text, spans, start, len(text))
    return spans


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _cut(text, start, start + MAX_SENTENCE)
        _add(text, spans, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


#: The longest sentence, in characters. Longer runs of text with no sentence end (a
#: transcript without full stops, a list of a thousand figures) are cut into pieces of at
#: most this length, at a clause break or a space where there is one, so that a figure's
#: sentence and its labels stay local however long the paragraph is: each figure carries
#: its sentence, so unbounded sentences made the output grow with the square of the input.
#: The longest real sentence in the project's corpus is about 620 characters.
MAX_SENTENCE = 1000
_CLAUSE_BREAK_RE = re.compile(r"[,;:](?=\s)|\s[—–-](?=\s)")


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an over-long sentence that starts at `start`: after the last
    clause break (comma, semicolon, colon, dash) in the second half of `text[start:limit]`,
    else at the last white space there, else at `limit`."""
    half = start + (limit - start) // 2
    clause = None
    for match in _CLAUSE_BREAK_RE.finditer(text, half, limit):
        clause = match.end()
    if clause is not None:
        return clause
    for at in range(limit - 1, half - 1, -1):
        if text[at].isspace():
            return at
    return limit


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The span in `spans` that contains `offset` (or the nearest one before it)."""
    if not spans:
        return (0, 0)
    i = bisect_right(spans, (offset, _INFINITY)) - 1
    return spans[max(i, 0)]


_INFINITY = 1 << 62
