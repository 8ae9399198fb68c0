"""Highlighting: which words of a turn's text a parsed query matches.

The same analysis as the index (`analysis.py`), so what is marked is what was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from search_index.errors import QueryError
from search_index.index.analysis import is_kept, kept_words, stem, tokenize
from search_index.index.query import TEXT_FIELD, And, Node, Or, Prefix, Terms, Wildcard, parse_query


@dataclass(frozen=True)
class MatchPlan:
    """What to highlight in a turn's text: the positive text terms of a query."""

    terms: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    prefixes: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    @property
    def empty(self) -> bool:
        """Whether nothing in a text can match."""
        return not (self.terms or self.phrases or self.prefixes or self.patterns)


def plan_of(node: Node) -> MatchPlan:
    """The highlighting plan of a parsed tree (text words outside NOT)."""
    terms: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    patterns: list[re.Pattern[str]] = []

    def walk(n: Node) -> None:
        if isinstance(n, Terms) and n.field == TEXT_FIELD:
            if len(n.terms) == 1:
                terms.add(n.terms[0])
            else:
                phrases.append(n.terms)
        elif isinstance(n, Prefix) and n.field == TEXT_FIELD:
            prefixes.append(n.prefix)
        elif isinstance(n, Wildcard) and n.field == TEXT_FIELD:
            patterns.append(wildcard_regex(n.pattern))
        elif isinstance(n, And | Or):
            for child in n.children:
                walk(child)

    walk(node)
    return MatchPlan(frozenset(terms), tuple(phrases), tuple(prefixes), tuple(patterns))


def _spans_by_tokens(plan: MatchPlan, text: str) -> list[tuple[int, int]]:
    """Tokenize the whole text and test every token (the general way)."""
    tokens = tokenize(text)
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if _token_matches(plan, token.stem, token.word):
            spans.append((token.start, token.end))
    if plan.phrases:
        seq = [token.stem for token in tokens]
        for phrase in plan.phrases:
            size = len(phrase)
            first = phrase[0]
            for i in range(len(seq) - size + 1):
                if seq[i] == first and tuple(seq[i : i + size]) == phrase:
                    spans.append((tokens[i].start, tokens[i + size - 1].end))
    return spans


def _token_matches(plan: MatchPlan, stemmed: str, word: str) -> bool:
    return (
        stemmed in plan.terms
        or any(stemmed.startswith(p) or word.startswith(p) for p in plan.prefixes)
        or any(p.match(stemmed) or p.match(word) for p in plan.patterns)
    )


def _spans_by_candidates(
    plan: MatchPlan, candidates: re.Pattern[str], text: str
) -> list[tuple[int, int]]:
    """Test only the words that can match: those starting as a wanted stem starts.

    Porter stemming rewrites only the end of a word: a stem of four letters or more keeps
    its word's first three, one of three letters its first two. A word that starts with no
    wanted stem's head cannot match; a regex finds the others at C speed and only they are
    stemmed. (Queries with stems of one or two letters test every word.)
    """
    spans: list[tuple[int, int]] = []
    heads = {phrase[0]: phrase for phrase in plan.phrases}
    for match in _candidate_matches(plan, candidates, text):
        word = match.group().lower()
        if not is_kept(word):
            continue
        stemmed = stem(word)
        if _token_matches(plan, stemmed, word):
            spans.append(match.span())
        if stemmed in heads:
            for phrase in plan.phrases:
                if phrase[0] == stemmed:
                    end = _phrase_end(text, match.end(), phrase[1:])
                    if end is not None:
                        spans.append((match.start(), end))
    return spans


def _phrase_end(text: str, pos: int, rest: tuple[str, ...]) -> int | None:
    """Where the kept words after `pos` spell `rest`, the end of the last; else None."""
    if not rest:
        return pos
    for want, (word, match) in enumerate(kept_words(text, pos)):
        if stem(word) != rest[want]:
            return None
        if want + 1 == len(rest):
            return match.end()
    return None


@lru_cache(maxsize=512)
def _heads(plan: MatchPlan) -> tuple[str, ...] | None:
    """How the words worth testing for `plan` start; None when every word must be tested."""
    heads: set[str] = set()
    usable = True
    for wanted in (*plan.terms, *(p[0] for p in plan.phrases)):
        if len(wanted) < 3:
            usable = False  # ("eying" stems to "ei"): test every word
        heads.add(wanted[:3] if len(wanted) >= 4 else wanted[:2])
    for prefix in plan.prefixes:
        if len(prefix) < 2:
            usable = False
        heads.add(prefix[:2])
    for pattern in plan.patterns:
        literal = re.match(r"\^(\w{2})", pattern.pattern)
        if literal is None:
            usable = False
        else:
            heads.add(literal.group(1))
    return tuple(sorted(heads)) if usable and heads else None


@lru_cache(maxsize=512)
def _candidate_re(plan: MatchPlan) -> re.Pattern[str] | None:
    """The regex of words worth testing for `plan`; None when every word must be tested."""
    heads = _heads(plan)
    if heads is None:
        return None
    alternatives = "|".join(re.escape(h) for h in heads)
    return re.compile(rf"(?<!\w)(?<!\w\.)(?:{alternatives})\w*(?:\.?\w+)*", re.IGNORECASE)


#: The characters that a case-blind regex takes for an ASCII letter but `str.lower` does not
#: make one: dotless ı and İ for "i", long ſ for "s", the Kelvin sign for "k".
_ASCII_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "\u212a": "k"})
_FOLDED = "ıİſ\u212a"


@lru_cache(maxsize=512)
def _ascii_heads(plan: MatchPlan) -> tuple[str, ...] | None:
    """The heads `_candidate_re` looks for, lower-cased, when all are ASCII letters and
    digits; else None."""
    heads = _heads(plan)
    if heads is None or not all(head.isascii() and head.isalnum() for head in heads):
        return None
    return tuple(head.lower() for head in heads)


def _candidate_matches(
    plan: MatchPlan, candidates: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """What `candidates.finditer(text)` finds, found quicker: a match starts where a head
    of `plan` is, so the heads are found by substring search in the text lowered (dotless
    ı, İ, long ſ and the Kelvin sign folded first: the case-blind regex takes them for
    ASCII letters) and the regex is tried only there. (The regex's look-behinds make its
    own scan try every position.) Heads that are not ASCII letters and digits, and texts
    whose lowered form is not as long, are scanned by the regex."""
    heads = _ascii_heads(plan)
    if heads is None:
        yield from candidates.finditer(text)
        return
    if not text.isascii() and any(char in text for char in _FOLDED):
        folded = text.translate(_ASCII_FOLD).lower()
    else:
        folded = text.lower()
    if len(folded) != len(text):
        yield from candidates.finditer(text)
        return
    starts: set[int] = set()
    for head in heads:
        at = folded.find(head)
        while at != -1:
            starts.add(at)
            at = folded.find(head, at + 1)
    end = 0
    for at in sorted(starts):
        if at >= end and (match := candidates.match(text, at)) is not None:
            yield match
            end = match.end()


def wildcard_regex(pattern: str) -> re.Pattern[str]:
    """A regex matching whole terms for a * / ? pattern."""
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(f"^{body}$")


@lru_cache(maxsize=256)
def _cached_plan(query: str) -> MatchPlan | None:
    try:
        return plan_of(parse_query(query).node)
    except QueryError:
        return None


def match_spans(query: str, text: str) -> list[tuple[int, int]]:
    """Character spans of `text` that the query's words, phrases and prefixes match.

    Uses the index's own analysis, so "patented" marks "patents" and "patent". Filters
    (speaker:, date: …) and negated words mark nothing. A query that cannot be parsed
    marks nothing (it never raises). Spans are sorted and do not overlap.
    """
    plan = _cached_plan(query)
    if plan is None or plan.empty:
        return []
    return spans_in(plan, text)


def spans_in(plan: MatchPlan, text: str) -> list[tuple[int, int]]:
    """The spans of `text` that `plan` matches (see match_spans)."""
    candidates = _candidate_re(plan)
    if candidates is None:
        spans = _spans_by_tokens(plan, text)
    else:
        spans = _spans_by_candidates(plan, candidates, text)
    if not spans:
        return spans
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged
