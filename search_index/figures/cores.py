"""Where the numbers of a paragraph are: digit and spelled-number cores, and ranks.

A core is the number alone ("1,234.5", "forty-two", "two-thirds", "½"); the stages of
`extract.read_figure` read outwards from it. Ranks ("14th place", "ranked first") are found
whole, as their own pattern.
"""

from __future__ import annotations

import re

from search_index.figures.number_words import (
    AND_A_HALF,
    HALF_A,
    TENS,
    UNITS,
    VULGAR_CHARS,
    WORD_FRACTION_RE,
    WORD_NUMBER,
)
from search_index.figures.patterns import ASCII_FRACTION, DIGITS, VULGAR

_SIGN = r"(?:(?<![\w.,)%/\-–−])[-−](?=\d))?"
_CORE_RE = re.compile(
    rf"(?P<afrac>{ASCII_FRACTION})|(?P<digits>{_SIGN}{DIGITS}{VULGAR}?)|(?P<vulgar>{VULGAR})"
)
#: Where numbers start: a plain character class, which the regex engine scans for quickly.
_DIGIT_START_RE = re.compile(rf"[\d{VULGAR_CHARS}]+")


def _word_number_starts() -> str:
    """A look-ahead for where a spelled number can start: its first three letters, or "a ".

    Every spelled number starts with a unit or tens word or "half" (each at least three
    letters long) written in lower, Title or UPPER case, or with "a"/"A" before a space or
    hyphen ("a quarter", "a hundred", "a million"). Grouped by first letter, these few
    letters turn most words ("the", "to", "that") away before the long alternation below is
    tried.
    """
    forms = {f for w in [*UNITS, *TENS, "half"] for f in (w, w.title(), w.upper())}
    by_first: dict[str, set[str]] = {}
    for form in forms:
        by_first.setdefault(form[0], set()).add(form[1:3])
    heads = "|".join(f"{c}(?:{'|'.join(sorted(by_first[c]))})" for c in sorted(by_first))
    return rf"(?=(?:{heads})|[aA][-\s])"


#: Spelled numbers; the look-ahead on first letters lets the scan skip most words quickly.
_WORD_CORE_RE = re.compile(
    rf"\b{_word_number_starts()}"
    rf"(?:(?P<wfrac>{WORD_FRACTION_RE.pattern[2:]})|(?P<word>{WORD_NUMBER}\b(?:{AND_A_HALF})?)"
    r"|(?P<aword>[aA](?=\s+(?:thousand|million|billion|trillion)\b))"
    rf"|(?P<halfa>{HALF_A}))"
)
_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
RANK_RE = re.compile(
    r"(?P<a>(?<![\w.,])(?P<n1>\d+)(?:st|nd|rd|th)\s+(?:place|position|spot))\b"
    r"|(?<![\w-])[Rr]ank(?:ed|ing|s)(?:\s+at)?\s+(?P<b>(?:No\.\s?)?(?P<n2>\d+)(?:st|nd|rd|th)?"
    rf"|(?P<w>{_ORDINALS}))\b"
    rf"|(?<![\w-])(?P<c>(?P<w2>{_ORDINALS})\s+place)\b"
)
#: Every branch starts with a letter of its own, so the engine scans for those letters fast.
_RANK_HINT_RE = re.compile(r"Rank|rank|place|position|spot")


def rank_matches(text: str) -> list[re.Match[str]]:
    """Matches of `RANK_RE`, looked for only near the words that can start or end one."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    for hint in _RANK_HINT_RE.finditer(text):
        for match in RANK_RE.finditer(text, max(0, hint.start() - 24), hint.end() + 32):
            found.setdefault(match.span(), match)
    return [found[span] for span in sorted(found)]


def _digit_cores(text: str) -> list[re.Match[str]]:
    """Matches of `_CORE_RE`, tried only where a digit or fraction sign starts."""
    cores: list[re.Match[str]] = []
    last_end = -1
    for run in _DIGIT_START_RE.finditer(text):
        at = run.start()
        if at < last_end:
            continue
        core = None
        if at and text[at - 1] in "-−":
            core = _CORE_RE.match(text, at - 1)
        if core is None:
            core = _CORE_RE.match(text, at)
        if core is not None:
            cores.append(core)
            last_end = core.end()
    return cores


def number_cores(text: str) -> list[re.Match[str]]:
    """Every number core of `text` (digits, fractions, spelled numbers), by start offset.

    A match's groups say what it is: `digits`, `afrac` ("1/4"), `vulgar` ("½"), `word`
    ("forty-two", "two and a half"), `aword` ("a" million), `halfa` ("half a" billion) or
    `wfrac` ("two-thirds", with `num` and `den`).
    """
    return sorted([*_digit_cores(text), *_WORD_CORE_RE.finditer(text)], key=lambda m: m.start())


#: Anything a figure can start from: a digit or fraction sign, a rank word, a spelled number.
_MAYBE_FIGURE_RE = re.compile(
    rf"[\d{VULGAR_CHARS}]|{_RANK_HINT_RE.pattern}|{_WORD_CORE_RE.pattern}"
)


def could_hold_figures(text: str) -> bool:
    """Whether `text` holds anything a figure can start from (a digit or fraction sign, a
    rank word, a spelled number). Most turns of a briefing hold none, and are passed over
    after this one scan."""
    return _MAYBE_FIGURE_RE.search(text) is not None
