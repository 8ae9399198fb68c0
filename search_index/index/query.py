"""The query language: the tree a query parses to, and the parser with its repairs.

This module knows nothing of Whoosh: it turns a query string (tokens from `query_lexer.py`)
into a small tree of the nodes below (words already reduced to the stems the index holds)
plus a list of notes saying what was repaired; `highlight.py` finds the tree's words in a
text. `whoosh_query.py` compiles the tree for the engine.

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

from search_index.date_filter import date_period, parse_date_range
from search_index.errors import QueryError
from search_index.index.analysis import plain_words, stems
from search_index.index.query_lexer import Tok, lex, note
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

#: The index field plain words search.
TEXT_FIELD = "text"

#: Field names of the language and the index field each searches.

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


# --------------------------------------------------------------------------- parser


#: Longest query accepted, in characters (a pasted paragraph is a tenth of it).
MAX_QUERY_LENGTH = 10_000
#: How deep brackets, NOT, - and + may sit inside one another.
MAX_DEPTH = 32
#: Most distinct search terms (words, phrases, filters, prefixes) in one query.
MAX_TERMS = 100
#: Most prefixes and wildcards in one query (each may stand for thousands of words).
MAX_PATTERNS = 10
#: Most words of the index one prefix or wildcard may stand for.
MAX_EXPANSIONS = 5_000


class _Parser:
    def __init__(self, tokens: list[Tok], notes: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.notes = notes
        self.nesting = 0

    def deeper(self) -> None:
        """Count one more level of brackets or operators; QueryError past MAX_DEPTH."""
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise QueryError(
                f"the query nests brackets, NOT, - or + more than {MAX_DEPTH} deep: "
                "write it more simply"
            )

    def peek(self) -> Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Tok:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def ends_operand(self, tok: Tok | None) -> bool:
        return tok is None or tok.kind in ("RP", "AND", "OR")

    def parse(self) -> Node | None:
        node = self.parse_or(0)
        while self.peek() is not None:  # only a stray ")" stops parse_or at depth 0
            self.take()
            note(self.notes, "ignored a stray )")
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
                note(self.notes, "ignored a dangling OR")
            nxt = self.parse_and(depth)
            if nxt is not None:
                parts.append(nxt)
        if not parts:
            return None
        unique = list(dict.fromkeys(parts))  # "a OR a" is "a": the same work once
        return unique[0] if len(unique) == 1 else Or(tuple(unique))

    def parse_and(self, depth: int) -> Node | None:
        parts: list[Node] = []
        while (tok := self.peek()) is not None:
            if tok.kind == "OR" or (tok.kind == "RP" and depth > 0):
                break
            if tok.kind == "RP":  # stray ")" at top level
                self.take()
                note(self.notes, "ignored a stray )")
                continue
            if tok.kind == "AND":
                self.take()
                if not parts or self.ends_operand(self.peek()):
                    note(self.notes, "ignored a dangling AND")
                continue
            node = self.parse_unary(depth)
            if node is not None:
                parts.append(node)
        return _and(parts)

    def parse_unary(self, depth: int) -> Node | None:
        tok = self.peek()
        if tok is None or tok.kind not in ("LP", "NOT", "MINUS", "PLUS"):
            return self._parse_unary(depth)
        self.deeper()
        try:
            return self._parse_unary(depth)
        finally:
            self.nesting -= 1

    def _parse_unary(self, depth: int) -> Node | None:
        tok = self.take()
        if tok.kind in ("NOT", "MINUS"):
            if self.ends_operand(self.peek()):
                note(
                    self.notes,
                    "ignored a dangling NOT" if tok.kind == "NOT" else "ignored a lone -",
                )
                return None
            child = self.parse_unary(depth)
            return Not(child) if child is not None else None
        if tok.kind == "PLUS":
            if self.ends_operand(self.peek()):
                note(self.notes, "ignored a lone +")
                return None
            return self.parse_unary(depth)
        if tok.kind == "LP":
            inner = self.parse_or(depth + 1)
            nxt = self.peek()
            if nxt is not None and nxt.kind == "RP":
                self.take()
            else:
                note(self.notes, "closed an unbalanced bracket")
            if inner is None:
                note(self.notes, "ignored empty brackets")
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
                note(self.notes, f"ignored a lone {text}")
                return None
            if ":" in text:
                name = text.split(":", 1)[0]
                if name.isalpha():
                    note(self.notes, f"unknown field {name}: searched as words")
            if "*" in text or "?" in text:
                return _wild_node(TEXT_FIELD, text.lower(), self.notes)
        found = stems(text)
        if not found:
            if text.strip():
                shown = text if not phrase else f'"{text}"'
                note(self.notes, f"ignored {shown}: too common to search")
            else:
                note(self.notes, "ignored empty quotes")
            return None
        return Terms(TEXT_FIELD, tuple(found))

    def field_node(self, tok: Tok) -> Node | None:
        name = tok.field
        if not tok.value_kind or not tok.text.strip():
            note(self.notes, f"ignored the empty {name}: filter")
            return None
        value = tok.text.strip()
        if tok.value_kind == "RANGE":
            if name != "date":
                note(self.notes, f"ranges work only with date:, so {name}:[…] was ignored")
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
            note(self.notes, f"ignored {name}:{value} (matches everything)")
            return None
        if name == "transcript":
            return _transcript_node(value, tok.value_kind == "PHRASE", self.notes)
        index_field = {"speaker": "speaker_text", "asker": "asker_text", "figure": "figures"}[name]
        if tok.value_kind == "WORD" and ("*" in value or "?" in value):
            return _wild_node(index_field, value.lower(), self.notes)
        words = plain_words(value)
        if not words:
            note(self.notes, f"ignored the empty {name}: filter")
            return None
        return Terms(index_field, tuple(words))


def _and(parts: list[Node]) -> Node | None:
    unique = list(dict.fromkeys(parts))  # "a a" is "a": the same work once
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else And(tuple(unique))


def _is_lone_wildcard(text: str) -> bool:
    return bool(text) and set(text) <= {"*", "?"}


def _wild_node(index_field: str, text: str, notes: list[str]) -> Node | None:
    # Keep only word characters and the two wildcards, as the tokenizer would.
    cleaned = re.sub(r"[^\w*?.]", "", text).strip(".")
    if not cleaned or _is_lone_wildcard(cleaned):
        note(notes, f"ignored a lone {text}")
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
        note(notes, f"ignored transcript:{value}: too common to search")
        return None
    return TranscriptIs(id_prefix, title)


# --------------------------------------------------------------------------- entry points


def parse_query(query: str) -> ParsedQuery:
    """Parse `query`, repairing what can be repaired; QueryError if nothing is left."""
    notes: list[str] = []
    if not query.strip():
        raise QueryError("empty query: type words to search for")
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"the query is {len(query):,} characters long; at most {MAX_QUERY_LENGTH:,} "
            "are searched at once"
        )
    tokens = lex(query, notes)
    node = _Parser(tokens, notes).parse()
    if node is None:
        detail = f" ({'; '.join(notes)})" if notes else ""
        raise QueryError(f"nothing to search for in {query.strip()!r}{detail}")
    _check_size(node)
    return ParsedQuery(query, node, notes)


def _check_size(node: Node) -> None:
    """QueryError for a query with more terms, or more prefixes and wildcards, than the
    limits (MAX_TERMS, MAX_PATTERNS) allow."""
    leaves: set[Node] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, And | Or):
            stack.extend(current.children)
        elif isinstance(current, Not):
            stack.append(current.child)
        else:
            leaves.add(current)
    if len(leaves) > MAX_TERMS:
        raise QueryError(
            f"the query has {len(leaves)} different search terms; at most {MAX_TERMS} are "
            "searched at once: split it into several searches"
        )
    patterns = sum(isinstance(leaf, Prefix | Wildcard) for leaf in leaves)
    if patterns > MAX_PATTERNS:
        raise QueryError(
            f"the query has {patterns} prefixes or wildcards (word*, w?rd); at most "
            f"{MAX_PATTERNS} are searched at once"
        )
