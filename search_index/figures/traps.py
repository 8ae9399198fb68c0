"""Spans of a text whose numbers are not figures: dates, clock times, numbered names…"""

from __future__ import annotations

import re

from search_index.figures.units import MONTHS

_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20|21)\d\d"

#: Each pattern marks a span in which no number is reported.
_TRAP_PATTERNS: tuple[re.Pattern[str], ...] = (
    # Telephone numbers: "(02) 6277 7500", "02 6277 4053", "0411 591 120" (first: "(02)" is
    # no list marker).
    re.compile(r"(?:\(0\d{1,3}\)|\b0\d{1,4})(?:[ \t-]\d{2,4}){2,3}\b"),
    # Dates: "April 25, 2021", "Nov. 30", "June 1", "April 2021", "25 April 2021", "the 1st of May".
    re.compile(rf"\b(?:{MONTHS})\.?\s+{_DAY}\b(?:\s*,?\s*{_YEAR}\b)?"),
    re.compile(rf"\b(?:{MONTHS})\.?,?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?:{MONTHS})\b\.?(?:\s*,?\s*{_YEAR}\b)?"),
    # Numeric dates: 2021-04-25, 2021/4/25, 25/04/2021, 4/25/21, 25.04.2021.
    re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b"),
    re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b"),
    # Clock times: "10 a.m.", "2:15 P.M.", "14:30", "10.30am", "9 o'clock".
    re.compile(r"\b\d{1,2}(?:[:.]\d{2}){0,2}\s*(?:[ap]\.\s?m\.|[ap]m\b|o'clock\b)", re.IGNORECASE),
    re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b(?:\s*(?:GMT|UTC|hrs|h)\b)?"),
    re.compile(r"\b\d{1,2}\s+(?:noon|midnight)\b", re.IGNORECASE),
    # Photo-caption counters: "1/5   Shen Changyu", "/5   Group photo", "(3/12)", "Photo 2 of 6".
    re.compile(r"(?m)^[ \t]*\d*[ \t]*/[ \t]*\d+(?=\s)"),
    re.compile(r"\(\d{1,3}/\d{1,3}\)"),
    re.compile(r"\b(?:photo|picture|image|slide)\s+\d+\s+of\s+\d+\b", re.IGNORECASE),
    re.compile(r"\b(?:photos?|pictures?|images?|slides?)\s*:?\s*\d+\s*/\s*\d+", re.IGNORECASE),
    # Scores and ratios: "voted 9-0", "won 3–1", "1 in 5".
    re.compile(
        r"\b(?:voted(?:\s+by\s+a\s+majority)?(?:\s+of)?|vote\s+of|majority\s+of|won|lost|beat|"
        r"drew|score\s+of|scored)\s+\d{1,3}\s*[-–:]\s*\d{1,3}\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b\d+\s+in\s+(?:every\s+)?\d+\b"),
    # Document symbols: "A/75/L.52", "S/RES/2231", "E/CN.6/2021/3".
    re.compile(r"\b[A-Z]{1,5}(?:/[A-Z0-9.\-]+){2,}"),
    # List markers at the start of a line: "1.", "2)", "(3)", "iv."; inline "(1)".
    re.compile(r"(?m)^[ \t]*\(?\d{1,3}[.)](?=[ \t])"),
    re.compile(r"\(\d{1,2}\)"),
    # Page numbers: "page 12", "p. 3", "pp. 12-14", "Page 3 of 10", a line that is only a number.
    re.compile(r"\b(?:pages?|pp?\.)\s*\d+(?:\s*(?:[-–]|of)\s*\d+)?\b", re.IGNORECASE),
    re.compile(r"(?m)^[ \t]*[-–—]?[ \t]*\d{1,4}[ \t]*[-–—]?[ \t]*$"),
    # Numbered names glued to letters: "5G", "3D-printed"; "14 Five-Year Plan".
    re.compile(r"\b\d+[A-Za-z]*-?[A-Z][A-Za-z]*\d*\b"),
    re.compile(r"\b\d+\s+Five[-\s]Year\s+Plans?\b", re.IGNORECASE),
)


def _scoped(pattern: re.Pattern[str]) -> str:
    flags = ("i" if pattern.flags & re.IGNORECASE else "") + (
        "m" if pattern.flags & re.MULTILINE else ""
    )
    body = pattern.pattern.replace("(?m)", "")
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


#: Where a trap can start: an opening bracket, a line start, or a word that starts with a
#: digit, a capital, or the first letter of a trap word (photo, image, slide, voted, majority,
#: won, lost, beat, drew, score, page, pp). Tested first, it spares the 22 alternatives at
#: every other position; it admits every position where one of them matches, so the matches
#: are the same (case-insensitive, so "ſ" and "ı" pass as they do in the words).
_TRAP_START = r"(?=\(|(?m:^)|\b(?:\d|[A-Z]|(?i:[pisvmwlbd])))"

#: All the patterns in one, so that the text is scanned once.
_TRAPS_RE = re.compile(_TRAP_START + "(?:" + "|".join(_scoped(p) for p in _TRAP_PATTERNS) + ")")


def trap_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of `text` in which no figure is reported."""
    # Every trap holds a digit: scan only windows around digit runs (much faster on prose).
    spans: list[tuple[int, int]] = []
    for lo, hi in _digit_windows(text):
        spans.extend(m.span() for m in _TRAPS_RE.finditer(text, lo, hi))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


_DIGIT_RUN_RE = re.compile(r"\d+(?:[,.:/-]\d+)*")
_BEFORE, _AFTER = 24, 32


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Merged (start, end) windows that reach a little before and after each digit run."""
    windows: list[tuple[int, int]] = []
    for match in _DIGIT_RUN_RE.finditer(text):
        lo = max(0, match.start() - _BEFORE)
        hi = min(len(text), match.end() + _AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows
