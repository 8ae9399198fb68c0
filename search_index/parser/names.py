"""Readable names for ALL-CAPS labels: cased per segment, preferring the body's spelling.

"TOMAS MCALLISTER" → "Tomas McAllister", "INES O'BRIEN-SALAS" → "Ines O'Brien-Salas",
"MINISTER VAN DER BERG" → "Minister van der Berg"; a spelling the transcript itself uses in
running text ("MacLeod", "DeSantis") wins over these rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from search_index.parser.label_text import ANONYMOUS_NAME, Q_LABELS

#: Acronyms kept in capitals inside a longer label ("UN", "EU").
ACRONYMS = frozenset(
    {"UN", "EU", "US", "UK", "FM", "PM", "ECB", "IMF", "WHO", "NATO", "MFA", "CEO", "NIPA", "AU"}
)
#: Name particles written in lower case after a given name or title ("van der Berg").
_PARTICLES = frozenset(
    {"van", "der", "den", "de", "du", "da", "di", "del", "della", "la", "le", "von", "ter", "ten"}
)
#: Small words of a title written in lower case inside it ("Minister of Finance").
_SMALL = frozenset({"of", "the", "and", "for", "on", "at", "in", "to"})
#: Prefixes after which names often (not always) continue with a capital: checked in the body.
_AMBIGUOUS = re.compile(r"^(?:mac|mc|de|di|da|la|le|van|von|fitz|o'|o’|d'|d’)", re.IGNORECASE)
_SEGMENTS = re.compile(r"([-'’])")
_HONORIFIC_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen)\.$")


def display_name(name: str, spellings: dict[str, str] | None = None) -> str:
    """ "PRESS SECRETARY MILLS" → "Press Secretary Mills"; mixed-case names stay as written."""
    if name.lower().strip(". ") in Q_LABELS:
        return ANONYMOUS_NAME
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters if ch.isascii()):
        return name
    spellings = spellings or {}
    words = name.split()
    if len(words) == 1 and len(letters) <= 4 and words[0].lower() not in spellings:
        return name  # an acronym: "CRI", "AFP", "FM", "RPTR"
    return " ".join(_case_word(word, position, spellings) for position, word in enumerate(words))


def _case_word(word: str, position: int, spellings: dict[str, str]) -> str:
    bare = word.strip(".,")
    known = spellings.get(bare.lower())
    if known is not None:
        return word.replace(bare, known)
    if "." in word.rstrip(".") or word in ACRONYMS:
        return word  # "U.S.", "UN"
    lower = word.lower()
    if position > 0 and (lower in _PARTICLES or lower in _SMALL):
        return lower
    pieces = _SEGMENTS.split(word)
    cased: list[str] = []
    for index, piece in enumerate(pieces):
        if index % 2 == 1:
            cased.append(piece)
            continue
        after_apostrophe = index >= 2 and pieces[index - 1] in "'’"
        if after_apostrophe and len(pieces[index - 2]) != 1:
            cased.append(piece.lower())  # "PEOPLE'S" → "People's"
            continue
        cased.append(_case_segment(piece))
    return "".join(cased)


def _case_segment(segment: str) -> str:
    if not segment:
        return segment
    lower = segment.lower()
    if lower.startswith("mc") and len(lower) > 3 and lower[2].isalpha():
        return "Mc" + lower[2].upper() + lower[3:]
    return lower[0].upper() + lower[1:]


def ambiguous_words(names: Iterable[str]) -> set[str]:
    """Words of ALL-CAPS names whose casing the body text may settle ("MACLEOD", "PIA")."""
    words: set[str] = set()
    for name in names:
        letters = [ch for ch in name if ch.isalpha()]
        if not letters or not all(ch.isupper() for ch in letters if ch.isascii()):
            continue
        parts = name.split()
        for part in parts:
            bare = part.strip(".,")
            if len(bare) < 2 or "." in bare:
                continue
            if _AMBIGUOUS.match(bare) or len(parts) == 1:
                words.add(bare.lower())
    return words


def body_spellings(words: set[str], text: str) -> dict[str, str]:
    """The spelling the text uses most for each word, when it is not ALL CAPS ("MacLeod")."""
    if not words:
        return {}
    pattern = re.compile(
        r"(?<![\w'’])(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")"
        r"(?![\w'’-])",
        re.IGNORECASE,
    )
    counts: dict[str, Counter[str]] = {}
    for match in pattern.finditer(text):
        found = match.group(0)
        if found.isupper() or (found.islower() and found not in _PARTICLES):
            continue
        before = text[max(0, match.start() - 8) : match.start()].rstrip(" \"“‘'")
        if (
            not before
            or before.endswith(("\n", "?", "!", ":"))
            or (before.endswith(".") and not _HONORIFIC_END.search(before))
        ):
            continue  # a capital at the start of a sentence says nothing about the name
        counts.setdefault(found.lower(), Counter())[found] += 1
    return {word: spelling.most_common(1)[0][0] for word, spelling in counts.items()}
