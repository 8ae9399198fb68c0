"""The query language's lexer: a query string to tokens, noting what it repaired.

Field names are recognised here (`speaker:`, `date:` …); everything else is left to the
parser in `query.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Field names of the language and the index field each searches.
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

_OPERATORS = {"AND", "OR", "NOT", "&&", "||"}
_OPEN_RANGE_RE = re.compile(r"\s*[^\s\]}]*(?:\s+(?:TO|to)(?:\s+[^\s\]}]+)?)?")


@dataclass(frozen=True)
class Tok:
    kind: str  # LP RP AND OR NOT MINUS PLUS WORD PHRASE FIELD
    text: str = ""
    field: str = ""
    value_kind: str = ""  # for FIELD: WORD PHRASE RANGE or "" (empty)


def lex(query: str, notes: list[str]) -> list[Tok]:
    tokens: list[Tok] = []
    i, n = 0, len(query)

    def read_phrase(start: int) -> tuple[str, int]:
        end = query.find('"', start)
        if end < 0:
            note(notes, "closed an unbalanced quote")
            return query[start:], n
        return query[start:end], end + 1

    def read_range(start: int, closer: str) -> tuple[str, int]:
        end = query.find(closer, start)
        if end < 0:
            # Unclosed: take "FROM [TO [TO-VALUE]]" and leave the rest to be words.
            note(notes, "closed an unbalanced bracket")
            match = _OPEN_RANGE_RE.match(query, start)
            assert match is not None  # the pattern matches the empty string too
            return match.group().strip(), match.end()
        return query[start:end], end + 1

    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch == "(":
            tokens.append(Tok("LP"))
            i += 1
        elif ch == ")":
            tokens.append(Tok("RP"))
            i += 1
        elif ch == '"':
            text, i = read_phrase(i + 1)
            tokens.append(Tok("PHRASE", text))
        elif ch in "-+!" and (i + 1 < n and not query[i + 1].isspace()):
            tokens.append(Tok("MINUS" if ch in "-!" else "PLUS"))
            i += 1
        elif ch in "-+!":
            note(notes, f"ignored a lone {ch}")
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
                        tokens.append(Tok("FIELD", text, name, kind))
                    elif i < n and query[i] in "[{":
                        closer = "]" if query[i] == "[" else "}"
                        text, i = read_range(i + 1, closer)
                        tokens.append(Tok("FIELD", text, name, "RANGE"))
                    else:
                        vstart = i
                        while i < n and not query[i].isspace() and query[i] not in '()"':
                            i += 1
                        text = query[vstart:i]
                        tokens.append(Tok("FIELD", text, name, "WORD" if text else ""))
                    break
                i += 1
            else:
                word = query[start:i]
                if word in _OPERATORS:
                    op = {"&&": "AND", "||": "OR"}.get(word, word)
                    tokens.append(Tok(op))
                else:
                    tokens.append(Tok("WORD", word))
    return tokens


def note(notes: list[str], message: str) -> None:
    if message not in notes:
        notes.append(message)
