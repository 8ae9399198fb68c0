"""Numbers that are not figures: parts of names, ordinals, set phrases, ages, ratios.

The first stage of reading a figure (`reject_non_figures`) looks only at the number and the
characters and words right around it; `names_number` is asked later, once the unit is known
("Channel 12" is a name, "12 channels" a count).
"""

from __future__ import annotations

import re

from search_index.figures.number_words import parse_word_number
from search_index.figures.patterns import CUR_PRE_RE, SHORT_SCALE_RE
from search_index.figures.reading import (
    PREV_WORD_RE,
    REJECT,
    NotAFigure,
    Paragraph,
    Reading,
    glued_unit,
    last_word,
    previous_word,
)
from search_index.figures.units import CURRENCY_PREFIXES, MONTHS, word_set

_AGE_LAST_WORDS = word_set("aged ages of under over above below to")
_AGE_BEFORE_RE = re.compile(
    r"\b(?:(?:aged|ages|age\s+of)|(?:children|kids|babies|infants|adults|people|persons|"
    r"those|men|women|boys|girls)\s+(?:under|over|above|below|aged|up\s+to))\s+\Z",
    re.IGNORECASE,
)
#: Words that make the number after them a name or a reference: "Article 5", "phase one".
_NAME_HEADS = word_set(
    """
    article articles section sections chapter chapters paragraph paragraphs clause clauses
    item items phase phases part parts volume vol vol. table figure fig. appendix annex room
    flight route channel resolution rule rules step stage level grade tier number no. nos.
    no art. sec. para. episode season version line lines exhibit schedule box track gate
    platform bus highway category round unit block building floor lot ward district zone
    """
)
#: Set phrases of Chinese and international politics that hold a number but are names.
_SET_PHRASE_RE = re.compile(
    r"(?:two\s+sessions|two\s+systems|two\s+centenar(?:y|ies)|three\s+represents|"
    r"four\s+comprehensives|four\s+consciousnesses|four\s+confidences|"
    r"two\s+establishments|two\s+upholds|three\s+red\s+lines|five\s+eyes|"
    r"four\s+modernizations|three\s+gorges|two\s+sides\s+of\s+the\s+(?:taiwan\s+)?strait)\b",
    re.IGNORECASE,
)
_RATIO_BEFORE_RE = re.compile(r"\b([A-Za-z]+(?:-[A-Za-z]+)?)\s+in\s+(?:every\s+)?\Z")
_NAME_CAPITALS_OK = word_set(
    "over about nearly around some more less up almost approximately roughly only just "
    "exceeding total"
)
_MONTH_WORDS = frozenset(m.lower() for m in MONTHS.split("|"))
#: Capitalised words that may open a sentence before a figure ("The 300 delegates…").
_SENTENCE_OPENERS = word_set(
    "the a an another all only some these those of with and but in for at by from to as "
    "every each its their our his her if when while after before since exactly just totally "
    "altogether nearly about around more over almost roughly approximately up under below "
    "above least at between among within during across fewer less than some"
)


def reject_non_figures(r: Reading) -> NotAFigure | None:
    """Turn the number away if what touches it makes it no figure; else note the word before.

    Glued to letters or symbols ("A5", "#3", "1.2.3", "14th", "5G"), part of a date ("4/25"),
    of a compound ("a two-day visit"), after a name head ("Article 5"), an age ("children
    under 5"), a set phrase ("the two sessions") or a ratio ("one in five").
    """
    text, start, end = r.text, r.start, r.end
    before = text[start - 1] if start else " "
    before2 = text[start - 2] if start > 1 else " "
    if not r.spelled:
        glued_currency = before.isalpha() and CUR_PRE_RE.search(text, max(0, start - 6), start)
        if (before.isalnum() and not glued_currency) or before in "_#/\\":
            return REJECT
        if before == "." and (before2.isdigit() or before2.isalpha()):
            return REJECT  # "1.2.3", "L.52"
        if last_word(text, start) in _AGE_LAST_WORDS and _AGE_BEFORE_RE.search(
            text, max(0, start - 30), start
        ):
            return REJECT  # "children under 5", "people aged 60"
        if before in "-‐–" and before2.isalnum():
            return REJECT
    elif before in "-‐":
        return REJECT
    after = text[end : end + 1]
    if after == "/" and text[end + 1 : end + 2].isdigit():
        return REJECT  # "4/25", "24/7", "2020/21"
    if r.is_word and after == "-" and text[end + 1 : end + 2].isalpha():
        return REJECT  # "Five-Year Plan", "two-day": tested first, as nothing else can keep it
    if (
        after.isalpha()
        and not r.spelled
        and SHORT_SCALE_RE.match(text, end) is None
        and not glued_unit(text, end)
    ):
        return REJECT  # "14th", "5G": the glued-word test below, made before the look-backs
    r.word_before = previous_word(text, start).lower()  # read once, used again later
    if r.word_before in _NAME_HEADS:
        return REJECT
    if r.match.lastgroup == "digits" and (_split_ordinal(r) or _ocr_pronoun(r)):
        return REJECT  # "the 3 r d Brigade", "on the 17 th July"; "Yes, 1 think so"
    if r.is_word and (_SET_PHRASE_RE.match(text, start) or _capitalised_name(r)):
        return REJECT  # "the two sessions", "One Country, Two Systems", "the Five Eyes"
    ratio = (
        r.is_word
        and last_word(text, start) in {"in", "every"}
        and _RATIO_BEFORE_RE.search(text, max(0, start - 30), start)
    )
    if ratio and _is_word_number(ratio.group(1)):
        return REJECT  # "one in five"
    return None


#: An ordinal suffix that OCR split from its number: "17 th", "21 s t", "3 r d".
_SPLIT_ORDINAL_RE = re.compile(r"[ \t]+(s ?t|n ?d|r ?d|t ?h)\b")


def _split_ordinal(r: Reading) -> bool:
    """Whether the number is an ordinal whose suffix OCR split off ("17 th", "3 r d"): the
    suffix must be the one the number takes, so "5 st" (a street) is left alone."""
    found = _SPLIT_ORDINAL_RE.match(r.text, r.end)
    if found is None or not r.token.isdigit():
        return False
    number = int(r.token)
    suffix = "th" if number % 100 in {11, 12, 13} else _SUFFIXES.get(number % 10, "th")
    return found.group(1).replace(" ", "") == suffix


_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}
#: Words that follow "I", which OCR often reads as "1": "1 think", "1 have".
_AFTER_I = word_set(
    """
    am think thought have had was will would believe mean know knew said say guess hope want
    wanted do did don't didn't can can't could just also really understand suppose agree
    feel felt"""
)
#: Words after which a clause, and so "I", may start.
_CLAUSE_OPENERS = word_set(
    "and but so because that if when as well yes no now look then where which what why how"
)
_NEXT_WORD_RE = re.compile(r"[ \t]+([a-z][a-z'’]*)\b")


def _ocr_pronoun(r: Reading) -> bool:
    """Whether a "1" stands where "I" does: opening a clause, before a word that follows
    "I" ("Yes, 1 think so", "and 1 have said"), as OCR reads a capital I."""
    if r.token != "1":
        return False
    following = _NEXT_WORD_RE.match(r.text, r.end)
    if following is None or following.group(1).replace("’", "'") not in _AFTER_I:
        return False
    head = r.text[: r.start].rstrip()
    return not head or head[-1] in _CLAUSE_MARKS or r.word_before in _CLAUSE_OPENERS


_CLAUSE_MARKS = frozenset('.!?,;:"“(—–-')


def _capitalised_name(r: Reading) -> bool:
    """Whether a capitalised number word, followed by a capital, is inside a name."""
    text = r.text
    return (
        r.token[0].isupper()
        and text[r.end : r.end + 2].strip()[:1].isupper()
        and text[max(0, r.start - 8) : r.start].rstrip()[-1:]
        not in {"", ".", "!", "?", ":", '"', "“", "("}
    )


def _is_word_number(word: str) -> bool:
    try:
        parse_word_number(word)
    except ValueError:
        return False
    return True


def names_number(paragraph: Paragraph, start: int) -> bool:
    """Whether a capitalised word right before `start` names the number ("Channel 12").

    A capitalised word that opens its sentence ("The 300 delegates") does not, if it is one
    of the words a sentence may open with.
    """
    match = PREV_WORD_RE.search(paragraph.text, max(0, start - 40), start)
    if match is None or not match.group(1)[0].isupper():
        return False
    word = match.group(1)
    low = word.lower().rstrip(".")
    if low in _NAME_CAPITALS_OK or word.upper() in CURRENCY_PREFIXES or low in _MONTH_WORDS:
        return False
    return not paragraph.opens_sentence(match.start(1)) or low not in _SENTENCE_OPENERS
