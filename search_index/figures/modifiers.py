"""What is said about a figure: a qualifier ("more than", "about", "or so") and a change.

The last two stages of reading a figure, `read_qualifier` and `read_change`, and
`carries_change`, which lets a change run on to the next figure ("rose 5% in 2021 and 7% in
2022").
"""

from __future__ import annotations

import re

from search_index.figures.draft import Draft
from search_index.figures.models import Qualifier
from search_index.figures.reading import NotAFigure, Reading, last_word
from search_index.figures.units import (
    QUALIFIER_BEFORE_RE,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    alternation,
    normalise_key,
    word_set,
)

_QUAL_AFTER_RE = re.compile(rf"\s+(?:{alternation(QUALIFIERS_AFTER)})\b", re.IGNORECASE)
#: The last word before a figure that can end a qualifier: a cheap test first.
_QUALIFIER_LAST_WORDS = frozenset(q.split()[-1] for q in QUALIFIERS_BEFORE)
_FOR_OVER_RE = re.compile(r"(?<![A-Za-z])(?:for|of|than|lasted|lasting|took)\s+\Z", re.IGNORECASE)
#: Words that make the figure after them a change: "rose 5%", "an increase of 43.9%".
_CHANGE_WORDS = word_set(
    """
    increase increases increased rise rises rose risen growth grew grow grows slowed slows
    accelerated eased softened falling rising growing declining dropping increasing decreasing
    jumping climbing surging slowing decrease decreases decreased decline declines declined
    drop dropped drops fall fell fallen falls jump jumped jumps gain gained gains surge surged
    climb climbed plunge plunged slump slumped reduction reduced expansion expanded
    contraction contracted shrank shrink widened narrowed
    """
)
_CHANGE_BEFORE_RE = re.compile(
    rf"(?<![A-Za-z])(?:{alternation(_CHANGE_WORDS)})(?:\s+rate)?(?:\s+(?:of|by))?\s+\Z",
    re.IGNORECASE,
)
#: The last word before a figure that can end a change pattern: a cheap test first.
_CHANGE_LAST_WORDS = _CHANGE_WORDS | {"of", "by", "rate"}
#: "raised its rate by", "cut the rates by": a verb of change a few words before "by".
_CHANGE_BY_RE = re.compile(
    r"(?<![A-Za-z])(?:raised|raises|raise|cut|cuts|lowered|lowers|lower|increased|increase|"
    r"reduced|reduce|decreased|decrease|rose|fell|grew|expanded|expand|shrank|narrowed|"
    r"widened|slowed|accelerated|boosted|boost|trimmed|trim|hiked|hike|lifted|lift|dropped|"
    r"declined|extended|extend|shortened|shorten)(?:\s+[\w'’-]+){0,6}?\s+by\s+\Z",
    re.IGNORECASE,
)
#: "up 5%", "down 0.3 percentage points": only for percentages and money.
_UP_DOWN_RE = re.compile(r"(?<![A-Za-z])(?:up|down)(?:\s+by)?\s+\Z", re.IGNORECASE)
_CHANGE_AFTER_RE = re.compile(
    r"\s+(?:(?:year|month|quarter|week)[- ]on[- ](?:year|month|quarter|week)|yoy|y-o-y|"
    r"(?:more|less|fewer|higher|lower|quicker|faster|shorter|longer|slower|larger|smaller|"
    r"bigger)\s+than|rise|rises|increase|increases|gain|gains|jump|drop|drops|fall|falls|"
    r"decline|declines|cut|cuts|hike|hikes|reduction|slide|surge)\b",
    re.IGNORECASE,
)
_PERCENTISH = frozenset({"%", "percentage points", "basis points"})
#: Between two figures, words that carry a change on: "by 5% in 2021 and 7¼% in 2022".
_CHANGE_CARRIES_RE = re.compile(
    r"(?:\s+(?:in|for)\s+\d{4})?\s*(?:,|;)?\s*(?:and|or|then|and\s+then|while)?\s+"
    r"(?:then\s+)?(?:by\s+)?\Z"
)
#: Runs of white space, read as one space before `_CHANGE_CARRIES_RE` is tried: every white
#: space in it is optional or a run of one or more, so the verdict is the same, and a long
#: run (a PDF's column padding) cannot make its adjacent `\s*`, `\s*`, `\s+` backtrack
#: cubically (400 spaces took 40 s).
_SPACES_RE = re.compile(r"\s+")


def read_qualifier(r: Reading) -> NotAFigure | None:
    """A qualifier before the figure ("more than", "about", "up to") or after it ("or more",
    "or so"); "over five years" is a period, but "for over five years" is more than five."""
    text = r.text
    qmatch = None
    if r.last_before in _QUALIFIER_LAST_WORDS:
        qmatch = QUALIFIER_BEFORE_RE.search(text, max(0, r.fig_start - 20), r.fig_start)
    if qmatch:
        r.qualifier_start = qmatch.start()
        if (
            r.kind != "duration"
            or qmatch.group("q").lower() != "over"
            or _FOR_OVER_RE.search(text, max(0, qmatch.start() - 8), qmatch.start())
        ):
            r.qualifier = _as_qualifier(QUALIFIERS_BEFORE[normalise_key(qmatch.group("q"))])
    after_q = _QUAL_AFTER_RE.match(text, r.counted_end)
    if after_q:
        r.qualifier = _as_qualifier(QUALIFIERS_AFTER[normalise_key(after_q.group())])
    return None


def _as_qualifier(symbol: str) -> Qualifier:
    if symbol == ">=":
        return ">="
    if symbol == "<=":
        return "<="
    return "~"


def read_change(r: Reading) -> NotAFigure | None:
    """Whether the figure is a change: "a year-on-year increase of 43.9%", "rose 5%",
    "raised its rate by 0.25 points", "up 5%", "two months quicker than" (never a rate)."""
    if r.kind == "rate":
        return None
    text = r.text
    lookback_end = r.fig_start if r.qualifier_start is None else r.qualifier_start
    window = max(0, lookback_end - 60)
    last = r.last_before if lookback_end == r.fig_start else last_word(text, lookback_end)
    if (
        (last in _CHANGE_LAST_WORDS and _CHANGE_BEFORE_RE.search(text, window, lookback_end))
        or (last == "by" and _CHANGE_BY_RE.search(text, window, lookback_end))
        or _CHANGE_AFTER_RE.match(text, r.pos)
        or (
            (r.kind == "percent" or r.currency is not None)
            and last in {"up", "down", "by"}
            and _UP_DOWN_RE.search(text, window, lookback_end)
        )
    ):
        r.kind = "change"
    return None


def carries_change(text: str, last: Draft, draft: Draft) -> bool:
    """Whether `draft` continues the change `last` ("by 5% in 2021 and 7¼% in 2022"): the
    same kind of unit, and only joining words between them."""
    return (
        last.kind == "change"
        and draft.kind in {"percent", "amount"}
        and (draft.unit == last.unit or {draft.unit, last.unit} <= _PERCENTISH)
        and _CHANGE_CARRIES_RE.fullmatch(_SPACES_RE.sub(" ", text[last.end : draft.start]))
        is not None
    )
