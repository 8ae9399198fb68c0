"""The query language: lexing, parsing with repair, and the plan used for highlighting.

This module knows nothing of Whoosh: it turns a query string into a small tree of the
nodes below (words already reduced to the stems the index holds) plus a list of notes
saying what was repaired. `whoosh_query.py` compiles the tree for the engine.

Grammar (case of the operators matters: AND OR NOT are operators, "and" is a word)::

    query    := or_expr
    or_expr  := and_expr ("OR" and_expr)*
    and_expr := unary (["AND"] unary)*
    unary    := ("NOT" | "-") unary | "+" unary | atom
    atom     := "(" or_expr ")" | FIELD ":" value | '"' phrase '"' | word | prefix* | wild?card
    value    := word | '"' phrase '"' | "[" from "TO" to "]"

Repairs (each adds a note, none raises): an unbalanced quote or bracket is closed at the
end; a stray ")" is dropped; a dangling AND / OR / NOT / "-" is dropped; an empty field
("speaker:" or speaker:"") is dropped; a lone "*" is dropped; an unknown field is searched
as words; words too common to index are dropped. QueryError is raised only when nothing
searchable is left, or a value cannot mean anything (a date that is no date, an unknown
speaker kind).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from search_index.date_filter import date_period, parse_date_range
from search_index.errors import QueryError
from search_index.index.analysis import STOP_WORDS, WORD_RE, plain_words, stem, stems, tokenize
from search_index.models import SpeakerKind

# --------------------------------------------------------------------------- tree


@dataclass(frozen=True)
class Terms:
    """Words in a field: one term, or a phrase when several (must be adjacent, in order)."""

    field: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    """Terms of a field that start with `prefix`."""

    field: str
    prefix: str


@dataclass(frozen=True)
class Wildcard:
    """Terms of a field matching a pattern with * (any run) and ? (any one character)."""

    field: str
    pattern: str


@dataclass(frozen=True)
class TranscriptIs:
    """A transcript given by (a prefix of) its id, or by words of its title."""

    id_prefix: str | None
    title_terms: tuple[str, ...]


@dataclass(frozen=True)
class KindIs:
    """Turns by speakers of one kind."""

    kind: SpeakerKind


@dataclass(frozen=True)
class DateIn:
    """Turns of transcripts dated within [start, end] (either end may be open)."""

    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class And:
    """All of the children."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Any of the children."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """Not the child (meaningful inside And; alone it means "everything but")."""

    child: Node


Node = Terms | Prefix | Wildcard | TranscriptIs | KindIs | DateIn | And | Or | Not

#: Field names of the language and the index field each searches.
TEXT_FIELD = "text"
FIELD_ALIASES: dict[str, str] = {
    "speaker": "speaker",
    "by": "speaker",
    "asker": "asker",
    "outlet": "asker",
    "kind": "kind",
    "date": "date",
    "transcript": "transcript",
    "title": "transcript",
    "figure": "figure",
    "figures": "figure",
}

KIND_WORDS: dict[str, SpeakerKind] = {
    "official": SpeakerKind.OFFICIAL,
    "officials": SpeakerKind.OFFICIAL,
    "spokesperson": SpeakerKind.OFFICIAL,
    "moderator": SpeakerKind.MODERATOR,
    "chair": SpeakerKind.MODERATOR,
    "host": SpeakerKind.MODERATOR,
    "press": SpeakerKind.PRESS,
    "reporter": SpeakerKind.PRESS,
    "journalist": SpeakerKind.PRESS,
    "question": SpeakerKind.PRESS,
    "other": SpeakerKind.OTHER,
}


@dataclass
class ParsedQuery:
    """A parsed query: its tree (None when it is only negations) and the repair notes."""

    text: str
    node: Node
    notes: list[str] = field(default_factory=list)

    @property
    def note(self) -> str | None:
        """The notes as one line, or None when nothing was repaired."""
        return "; ".join(self.notes) if self.notes else None


# --------------------------------------------------------------------------- lexer

_OPERATORS = {"AND", "OR", "NOT", "&&", "||"}
_OPEN_RANGE_RE = re.compile(r"\s*[^\s\]}]*(?:\s+(?:TO|to)(?:\s+[^\s\]}]+)?)?")


@dataclass(frozen=True)
class _Tok:
    kind: str  # LP RP AND OR NOT MINUS PLUS WORD PHRASE FIELD
    text: str = ""
    field: str = ""
    value_kind: str = ""  # for FIELD: WORD PHRASE RANGE or "" (empty)


def _lex(query: str, notes: list[str]) -> list[_Tok]:
    tokens: list[_Tok] = []
    i, n = 0, len(query)

    def read_phrase(start: int) -> tuple[str, int]:
        end = query.find('"', start)
        if end < 0:
            _note(notes, "closed an unbalanced quote")
            return query[start:], n
        return query[start:end], end + 1

    def read_range(start: int, closer: str) -> tuple[str, int]:
        end = query.find(closer, start)
        if end < 0:
            # Unclosed: take "FROM [TO [TO-VALUE]]" and leave the rest to be words.
            _note(notes, "closed an unbalanced bracket")
            match = _OPEN_RANGE_RE.match(query, start)
            assert match is not None  # the pattern matches the empty string too
            return match.group().strip(), match.end()
        return query[start:end], end + 1

    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch == "(":
            tokens.append(_Tok("LP"))
            i += 1
        elif ch == ")":
            tokens.append(_Tok("RP"))
            i += 1
        elif ch == '"':
            text, i = read_phrase(i + 1)
            tokens.append(_Tok("PHRASE", text))
        elif ch in "-+!" and (i + 1 < n and not query[i + 1].isspace()):
            tokens.append(_Tok("MINUS" if ch in "-!" else "PLUS"))
            i += 1
        elif ch in "-+!":
            _note(notes, f"ignored a lone {ch}")
            i += 1
        else:
            start = i
            while i < n and not query[i].isspace() and query[i] not in '()"':
                if query[i] == ":" and query[start:i].lower() in FIELD_ALIASES:
                    name = FIELD_ALIASES[query[start:i].lower()]
                    i += 1
                    if i < n and query[i] == '"':
                        text, i = read_phrase(i + 1)
                        kind = "PHRASE" if text.strip() else ""
                        tokens.append(_Tok("FIELD", text, name, kind))
                    elif i < n and query[i] in "[{":
                        closer = "]" if query[i] == "[" else "}"
                        text, i = read_range(i + 1, closer)
                        tokens.append(_Tok("FIELD", text, name, "RANGE"))
                    else:
                        vstart = i
                        while i < n and not query[i].isspace() and query[i] not in '()"':
                            i += 1
                        text = query[vstart:i]
                        tokens.append(_Tok("FIELD", text, name, "WORD" if text else ""))
                    break
                i += 1
            else:
                word = query[start:i]
                if word in _OPERATORS:
                    op = {"&&": "AND", "||": "OR"}.get(word, word)
                    tokens.append(_Tok(op))
                else:
                    tokens.append(_Tok("WORD", word))
    return tokens


def _note(notes: list[str], message: str) -> None:
    if message not in notes:
        notes.append(message)


# --------------------------------------------------------------------------- parser


class _Parser:
    def __init__(self, tokens: list[_Tok], notes: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.notes = notes

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def ends_operand(self, tok: _Tok | None) -> bool:
        return tok is None or tok.kind in ("RP", "AND", "OR")

    def parse(self) -> Node | None:
        node = self.parse_or(0)
        while self.peek() is not None:  # only a stray ")" stops parse_or at depth 0
            self.take()
            _note(self.notes, "ignored a stray )")
            more = self.parse_or(0)
            node = _and([n for n in (node, more) if n is not None])
        return node

    def parse_or(self, depth: int) -> Node | None:
        parts: list[Node] = []
        first = self.parse_and(depth)
        if first is not None:
            parts.append(first)
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            if not parts or self.ends_operand(self.peek()):
                _note(self.notes, "ignored a dangling OR")
            nxt = self.parse_and(depth)
            if nxt is not None:
                parts.append(nxt)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_and(self, depth: int) -> Node | None:
        parts: list[Node] = []
        while (tok := self.peek()) is not None:
            if tok.kind == "OR" or (tok.kind == "RP" and depth > 0):
                break
            if tok.kind == "RP":  # stray ")" at top level
                self.take()
                _note(self.notes, "ignored a stray )")
                continue
            if tok.kind == "AND":
                self.take()
                if not parts or self.ends_operand(self.peek()):
                    _note(self.notes, "ignored a dangling AND")
                continue
            node = self.parse_unary(depth)
            if node is not None:
                parts.append(node)
        return _and(parts)

    def parse_unary(self, depth: int) -> Node | None:
        tok = self.take()
        if tok.kind in ("NOT", "MINUS"):
            if self.ends_operand(self.peek()):
                _note(
                    self.notes,
                    "ignored a dangling NOT" if tok.kind == "NOT" else "ignored a lone -",
                )
                return None
            child = self.parse_unary(depth)
            return Not(child) if child is not None else None
        if tok.kind == "PLUS":
            if self.ends_operand(self.peek()):
                _note(self.notes, "ignored a lone +")
                return None
            return self.parse_unary(depth)
        if tok.kind == "LP":
            inner = self.parse_or(depth + 1)
            nxt = self.peek()
            if nxt is not None and nxt.kind == "RP":
                self.take()
            else:
                _note(self.notes, "closed an unbalanced bracket")
            if inner is None:
                _note(self.notes, "ignored empty brackets")
            return inner
        if tok.kind == "PHRASE":
            return self.text_node(tok.text, phrase=True)
        if tok.kind == "WORD":
            return self.text_node(tok.text, phrase=False)
        if tok.kind == "FIELD":
            return self.field_node(tok)
        raise AssertionError(f"unexpected token {tok.kind}")  # pragma: no cover

    # -- atoms

    def text_node(self, text: str, phrase: bool) -> Node | None:
        if not phrase:
            if _is_lone_wildcard(text):
                _note(self.notes, f"ignored a lone {text}")
                return None
            if ":" in text:
                name = text.split(":", 1)[0]
                if name.isalpha():
                    _note(self.notes, f"unknown field {name}: searched as words")
            if "*" in text or "?" in text:
                return _wild_node(TEXT_FIELD, text.lower(), self.notes)
        found = stems(text)
        if not found:
            if text.strip():
                shown = text if not phrase else f'"{text}"'
                _note(self.notes, f"ignored {shown}: too common to search")
            else:
                _note(self.notes, "ignored empty quotes")
            return None
        return Terms(TEXT_FIELD, tuple(found))

    def field_node(self, tok: _Tok) -> Node | None:
        name = tok.field
        if not tok.value_kind or not tok.text.strip():
            _note(self.notes, f"ignored the empty {name}: filter")
            return None
        value = tok.text.strip()
        if tok.value_kind == "RANGE":
            if name != "date":
                _note(self.notes, f"ranges work only with date:, so {name}:[…] was ignored")
                return None
            return _date_range(value)
        if name == "date":
            start, end = date_period(value)
            return DateIn(start, end)
        if name == "kind":
            kind = KIND_WORDS.get(value.lower())
            if kind is None:
                choices = ", ".join(k.value for k in SpeakerKind)
                raise QueryError(f"kind:{value} is not a speaker kind (use one of: {choices})")
            return KindIs(kind)
        if tok.value_kind == "WORD" and _is_lone_wildcard(value):
            _note(self.notes, f"ignored {name}:{value} (matches everything)")
            return None
        if name == "transcript":
            return _transcript_node(value, tok.value_kind == "PHRASE", self.notes)
        index_field = {"speaker": "speaker_text", "asker": "asker_text", "figure": "figures"}[name]
        if tok.value_kind == "WORD" and ("*" in value or "?" in value):
            return _wild_node(index_field, value.lower(), self.notes)
        words = plain_words(value)
        if not words:
            _note(self.notes, f"ignored the empty {name}: filter")
            return None
        return Terms(index_field, tuple(words))


def _and(parts: list[Node]) -> Node | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def _is_lone_wildcard(text: str) -> bool:
    return bool(text) and set(text) <= {"*", "?"}


def _wild_node(index_field: str, text: str, notes: list[str]) -> Node | None:
    # Keep only word characters and the two wildcards, as the tokenizer would.
    cleaned = re.sub(r"[^\w*?.]", "", text).strip(".")
    if not cleaned or _is_lone_wildcard(cleaned):
        _note(notes, f"ignored a lone {text}")
        return None
    star = cleaned.find("*")
    if star == len(cleaned) - 1 and "?" not in cleaned:
        return Prefix(index_field, cleaned[:-1])
    return Wildcard(index_field, cleaned)


def _date_range(value: str) -> DateIn:
    span = parse_date_range(value)
    return DateIn(span.start, span.end)


_HEX_RE = re.compile(r"^[0-9a-f]{4,64}$")


def _transcript_node(value: str, phrase: bool, notes: list[str]) -> Node | None:
    id_prefix = value.lower() if not phrase and _HEX_RE.match(value.lower()) else None
    title = tuple(stems(value))
    if id_prefix is None and not title:
        _note(notes, f"ignored transcript:{value}: too common to search")
        return None
    return TranscriptIs(id_prefix, title)


# --------------------------------------------------------------------------- entry points


def parse_query(query: str) -> ParsedQuery:
    """Parse `query`, repairing what can be repaired; QueryError if nothing is left."""
    notes: list[str] = []
    if not query.strip():
        raise QueryError("empty query: type words to search for")
    tokens = _lex(query, notes)
    node = _Parser(tokens, notes).parse()
    if node is None:
        detail = f" ({'; '.join(notes)})" if notes else ""
        raise QueryError(f"nothing to search for in {query.strip()!r}{detail}")
    return ParsedQuery(query, node, notes)


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
    for match in candidates.finditer(text):
        word = match.group().lower()
        if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
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
    want = 0
    for match in WORD_RE.finditer(text, pos):
        word = match.group().lower()
        if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            continue
        if stem(word) != rest[want]:
            return None
        want += 1
        if want == len(rest):
            return match.end()
    return None


_CANDIDATE_CACHE: dict[MatchPlan, re.Pattern[str] | None] = {}


def _candidate_re(plan: MatchPlan) -> re.Pattern[str] | None:
    """The regex of words worth testing for `plan`; None when every word must be tested."""
    if plan in _CANDIDATE_CACHE:
        return _CANDIDATE_CACHE[plan]
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
    found: re.Pattern[str] | None = None
    if usable and heads:
        alternatives = "|".join(re.escape(h) for h in sorted(heads))
        found = re.compile(rf"(?<!\w)(?<!\w\.)(?:{alternatives})\w*(?:\.?\w+)*", re.IGNORECASE)
    if len(_CANDIDATE_CACHE) > 512:
        _CANDIDATE_CACHE.clear()
    _CANDIDATE_CACHE[plan] = found
    return found


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
