"""The grammar of labels: noun phrases read around a number, one reader per place.

The counted noun after a count ("31,300 [trademark infringement cases]"), the "of" phrase
after a share ("11.6% [of GDP]"), the noun a sum modifies ("$1,400 [checks]") and the
subject of the clause before a figure. `label_choice` decides which of them a figure gets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from search_index.figures.units import word_set

_TOKEN_RE = re.compile(r"\s*([A-Za-z][\w'’\-]*|\d[\d,.]*|[^\w\s])")

#: Words that end a noun phrase read forwards from a number.
_NP_STOPS = word_set(
    """
    in on at for from with by to into onto through under over about during since across via
    per than as within without between among after before against towards toward upon like
    is are was were be been being has have had will would can could should may might must
    do does did shall that which who whom whose while when where because if although though
    so yet also only already each respectively nationwide worldwide globally annually
    year-on-year totaling totalling reaching including involving accounting respectively
    it they we he she this these those there here not no nor
    goes go went comes came remains remain stays stay gets got makes made agreed said says
    shows show showed needs need face faces received receive hold holds held
    """
)
_LEADING_DETERMINERS = frozenset({"the", "such", "these", "those", "its", "their", "our", "his"})
_IRREGULAR_PLURALS = word_set(
    """
    people children men women staff personnel police livestock cattle poultry sheep fish deer
    data media criteria phenomena feet teeth mice geese aircraft households
    """
)
_NOT_PLURAL = word_set(
    """
    this its has was is as us yes thus less across always perhaps whereas news series species
    various previous serious famous numerous enormous tremendous continuous analysis basis
    crisis emphasis status bus plus gas lens campus census consensus bonus chaos process
    progress access success business address congress express loss mass class glass
    """
)


#: Cheap tests made before reading tokens: a phrase after a number starts with a word
#: (`_TOKEN_RE` reads a word only from an ASCII letter), an "of"/"to" phrase with o or t, a
#: subject needs a letter.
_WORD_AHEAD_RE = re.compile(r"\s*[A-Za-z]")
_OF_OR_TO_AHEAD_RE = re.compile(r"\s*[OoTt]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def is_plural_noun(word: str) -> bool:
    """Whether `word` looks like a plural noun ("cases", "sub-centers", "people")."""
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return True
    if low in _NOT_PLURAL or len(low) < 3 or not low.endswith("s"):
        return False
    return not low.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def _tokens(text: str, pos: int, limit: int, count: int) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    limit = min(limit, pos + 40 * count)  # a long run of digits must not be read to its end
    while len(out) < count:
        match = _TOKEN_RE.match(text, pos, limit)
        if match is None:
            break
        out.append((match.group(1), match.start(1), match.end(1)))
        pos = match.end()
    return out


class _LazyTokens:
    """The tokens `_tokens(text, pos, limit, count)` returns, read only as far as looked at.

    `has(i)` reads up to the i-th token and says whether there is one; `items[i]` is then
    that token. Most noun phrases end a few words in, so most of the 16 are never read.
    """

    __slots__ = ("_count", "_limit", "_pos", "_text", "items")

    def __init__(self, text: str, pos: int, limit: int, count: int) -> None:
        self._text = text
        self._pos = pos
        self._limit = min(limit, pos + 40 * count)  # as in `_tokens`
        self._count = count
        self.items: list[tuple[str, int, int]] = []

    def has(self, i: int) -> bool:
        """Whether there is an i-th token (reading the tokens up to it)."""
        items = self.items
        while len(items) <= i < self._count:
            match = _TOKEN_RE.match(self._text, self._pos, self._limit)
            if match is None:
                self._count = len(items)  # the tokens end here
                break
            items.append((match.group(1), match.start(1), match.end(1)))
            self._pos = match.end()
        return i < len(items)


@dataclass(frozen=True)
class CountedNoun:
    """The noun phrase that follows a count: "31,300 [trademark infringement cases]"."""

    head: str
    phrase: str
    end: int


def counted_noun(
    text: str, pos: int, limit: int, *, singular_ok: bool = False, partitive: bool = True
) -> CountedNoun | None:
    """The counted noun phrase starting at `pos` ("trademark infringement cases"), or None.

    A partitive "of the world's 5,000 leading brands" is read through to its noun.
    """
    if _WORD_AHEAD_RE.match(text, pos, limit) is None:
        return None  # a phrase starts with a word: "5 6 7", "5, and" count nothing
    lazy = _LazyTokens(text, pos, limit, 16)
    tokens = lazy.items
    i = 0
    if partitive and lazy.has(0) and tokens[0][0].lower() == "of":
        i = 1
        while lazy.has(i) and (
            tokens[i][0].lower() in _LEADING_DETERMINERS
            or tokens[i][0].lower().endswith(("'s", "’s"))
            or tokens[i][0][0].isdigit()
        ):
            i += 1
    while lazy.has(i) and tokens[i][0].lower() in _LEADING_DETERMINERS:
        i += 1
    start_i = i
    head_i: int | None = None
    while i - start_i < 8 and lazy.has(i):
        word = tokens[i][0]
        low = word.lower()
        if low in _NP_STOPS or word[0].isdigit():
            break
        if not word[0].isalpha():
            if word == "," and i > start_i:
                i += 1
                continue
            break
        if low.endswith("ly") and len(low) > 4:
            break
        if low in {"and", "or"}:
            if i == start_i:
                break
            i += 1
            continue
        if is_plural_noun(word) or (singular_ok and i == start_i):
            head_i = i
            break
        i += 1
    if head_i is None:
        return None
    end_i = head_i
    # "7,100 cases of counterfeiting patents": take one "of" phrase with a plural noun.
    if lazy.has(end_i + 2) and tokens[end_i + 1][0].lower() == "of":
        j = end_i + 2
        while j - end_i < 8 and lazy.has(j):
            word = tokens[j][0]
            low = word.lower()
            if low in _NP_STOPS or not word[0].isalpha() or word[0].isdigit():
                break
            if low in {"and", "or"}:
                j += 1
                continue
            if is_plural_noun(word):
                end_i = j
                break
            j += 1
    head = tokens[head_i][0]
    phrase = text[tokens[start_i][1] : tokens[end_i][2]]
    unit = head if head.isupper() else head.lower()
    return CountedNoun(head=unit, phrase=clean_label(phrase) or unit, end=tokens[end_i][2])


def of_phrase(text: str, pos: int, limit: int) -> str | None:
    """The noun phrase of "11.6% [of GDP]" or "67.7% [to GDP growth]" starting at `pos`."""
    if _OF_OR_TO_AHEAD_RE.match(text, pos, limit) is None:
        return None
    lazy = _LazyTokens(text, pos, limit, 10)
    tokens = lazy.items
    if not lazy.has(0) or tokens[0][0].lower() not in {"of", "to"}:
        return None
    i = 1
    while lazy.has(i) and (
        tokens[i][0].lower() in _LEADING_DETERMINERS or tokens[i][0].lower().endswith("'s")
    ):
        i += 1
    start_i = i
    while i - start_i < 5 and lazy.has(i):
        word = tokens[i][0]
        if word.lower() in _NP_STOPS or word.lower() in {"and", "or"}:
            break
        if not word[0].isalpha() or (i > start_i and word.lower().endswith("ed")):
            break
        i += 1
    if i == start_i:
        return None
    return clean_label(text[tokens[start_i][1] : tokens[i - 1][2]])


_CLAUSE_BOUNDARY_RE = re.compile(
    r",(?=\s)|[;:()\[\]—–]|\b(?:that|which|while|whereas|where|when|whose|but)\b", re.IGNORECASE
)
_TRAILING = word_set(
    """
    reached reach reaches reaching hit hits hitting totaled totalled totaling totalling
    amounted amounting to at of by for from stood stand stands was were
    is are be been being has have had will would should could can may might exceeded exceeding
    exceed exceeds surpassed topped rose rise rises risen grew grow grows growing increased
    increase increases increasing decreased decrease decreases fell fall falls fallen dropped
    drop drops declined decline declines jumped jump climbed climb surged surge cut cuts reduced
    reduce shortened extended raised lowered registered registering recorded recording hit
    accounting accounted accounts contributed contributes contributing came come comes up down
    more less than over about around nearly some approximately roughly almost under below above
    least most as with and or a an the year-on-year annual average growth gain gains
    reduction expansion change jumped doubled tripled was set scored score scoring
    ranking ranked ranks
    """
)
_LEADING = word_set(
    """
    and or but with of which whom the a an its their our his her this these those that in on for
    including meanwhile among while where when then also respectively
    """
)
_WRAPPER_RE = re.compile(
    r"^(?:total\s+)?(?:amount|number|sum|volume|level|figure|total|quantity)\s+of\s+",
    re.IGNORECASE,
)
_CUT_STOPS = word_set(
    """
    in on at by from through under during since across to into with via between among
    about over after before against like as nationwide worldwide last this that which who
    was were is are has have had will
    """
)
_DROP_ADJECTIVES = frozenset({"national", "overall", "relevant", "related", "entire", "whole"})
GENERIC_LABELS = word_set(
    """
    figure number it this that total amount value sum which they them these those
    total-value
    """
)
_TRAILING_PUNCT_RE = re.compile(r"[^\w]+$")
_PARENS_RE = re.compile(r"\s*\([^)]*\)")
_ARTICLES_RE = re.compile(r"\b(?:the|a|an)\s+", re.IGNORECASE)
_PER_PHRASE_RE = re.compile(
    r"\bper\s+(?:\d{1,3}(?:,\d{3})+|\d+)\s+[A-Za-z]+|\bper\s+(?:capita|person|head)\b"
)


def clean_label(phrase: str) -> str:
    """Normalise a label: one-line, no parentheses or articles, no leading filler words."""
    phrase = _PARENS_RE.sub("", phrase)
    phrase = _ARTICLES_RE.sub("", phrase)
    words = phrase.split()
    while words and words[0].lower() in _LEADING | _DROP_ADJECTIVES:
        words.pop(0)
    while words and (words[-1].lower() in _LEADING or not words[-1][-1].isalnum()):
        if words[-1][-1].isalnum():
            words.pop()
        else:
            words[-1] = _TRAILING_PUNCT_RE.sub("", words[-1])
            if not words[-1]:
                words.pop()
    if len(words) > 2 and words[0].lower() == "total":
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True)
class Subject:
    """The noun phrase before a figure ("the total amount of X reached"), cleaned."""

    label: str | None
    per_phrase: str | None
    inherit: bool = True
    agent: bool = False


def subject_before(text: str, start: int, end: int, *, after_figure: bool = False) -> Subject:
    """What the clause `text[start:end]`, which ends at a figure, says the figure measures.

    "The total amount of X in China reached" → X; "the ECB will keep the deposit rate at"
    → "deposit rate" (the object of the last verb); "Trade … reached" → "Trade".
    `after_figure` says the clause starts right after another figure, so that
    "6.4 per dollar and gold hit" is read from "gold".
    """
    if _LETTER_RE.search(text, start, end) is None:
        return Subject(label=None, per_phrase=None)  # what follows would find no word
    clause = text[start:end]
    boundaries = list(_CLAUSE_BOUNDARY_RE.finditer(clause))
    if boundaries:
        clause = clause[boundaries[-1].end() :]
    elif after_figure:
        conjunctions = list(_AND_RE.finditer(clause))
        if conjunctions:
            clause = clause[conjunctions[-1].end() :]
    per_match = _PER_PHRASE_RE.search(clause)
    per_phrase = " ".join(per_match.group().split()) if per_match else None
    if per_match:
        clause = clause[: per_match.start()] + clause[per_match.end() :]
    words = clause.split()
    agent = _ends_with_action(words)
    while words and (
        words[-1].lower() in _TRAILING
        or words[-1].lower() in _TRAILING_VERBS
        or words[-1].lower().endswith("ed")
        or (
            words[-1].lower() in {"rate", "rates"}
            and len(words) > 1
            and words[-2].lower() in _RATE_OF_CHANGE
        )
    ):
        words.pop()
    if len(words) == 1 and words[0].lower().endswith("ing"):
        # "…, releasing about 1 trillion yuan": a participle with no subject of its own.
        return Subject(label=None, per_phrase=per_phrase, inherit=False)
    while words and (
        words[0].lower() in _LEADING
        or words[0].lower() in _PREPOSITIONS
        or words[0].lower() in _TIME_WORDS
    ):
        words.pop(0)
    if len(words) > 2 and words[0].lower() == "to":
        words = words[2:]  # "to continue purchases of" → "purchases"
    elif words and words[0].lower() in _PRONOUNS:
        # "We will continue purchases of" → "purchases": skip subject, auxiliaries and verb.
        i = 1
        while i < len(words) and words[i].lower() in _AUXILIARIES:
            i += 1
        words = words[i + 1 :]
        if not words or (len(words) == 1 and words[0].lower().endswith("ing")):
            return Subject(label=None, per_phrase=per_phrase, inherit=False, agent=True)
    label = clean_label(" ".join(_head_phrase(_object_of_last_verb(words))))
    if not label or label.lower() in GENERIC_LABELS or not any(c.isalpha() for c in label):
        return Subject(label=None, per_phrase=per_phrase, agent=agent)
    return Subject(label=label, per_phrase=per_phrase, agent=agent)


def _object_of_last_verb(words: list[str]) -> list[str]:
    """ "the ECB will keep the deposit rate at": the object of the last verb, if it has one
    (else what comes before the verb), without auxiliaries or leading filler."""
    for i in range(len(words) - 1, -1, -1):
        if _is_verb(words, i) or (i == len(words) - 1 and i > 0 and words[i].lower() in _VERBS):
            words = words[i + 1 :] or words[:i]
            while words and words[-1].lower() in _AUXILIARIES:
                words.pop()
            while words and (words[0].lower() in _LEADING or words[0].lower() == "to"):
                words.pop(0)
            break
    return words


def _head_phrase(words: list[str]) -> list[str]:
    """The words up to a trailing participle ("cases handled") or a preposition ("imports
    from Japan"), with wrappers such as "the total amount of" dropped."""
    words = _WRAPPER_RE.sub("", " ".join(words)).split()
    for i in range(1, len(words)):
        low = words[i].lower()
        prev = words[i - 1]
        if low.endswith(("ed", "ing")) and is_plural_noun(prev):
            return words[:i]
        if low in _CUT_STOPS and not prev.lower().endswith("ed"):
            return words[:i]
    return words


#: Verbs whose subject gives or gets the figure rather than being measured by it.
_ACTION_VERBS = word_set(
    """
    add adds added provide provides provided allocate allocates allocated spend spends spent
    invest invests invested inject injects injected release releases released releasing
    earmark earmarks earmarked donate donates donated give gives gave offer offers offered
    lend lends lent buy buys bought secure secures secured approve approves approved
    set sets aside pledge pledges pledged grant grants granted
    """
)
_SKIPPED_BEFORE_FIGURE = word_set("a an the of about around nearly some over more than up to")


def _ends_with_action(words: list[str]) -> bool:
    """Whether the clause ends "… will add [about]" before the figure: a giver, not a measure."""
    for word in reversed(words):
        low = word.lower()
        if low in _SKIPPED_BEFORE_FIGURE:
            continue
        return low in _ACTION_VERBS
    return False


_TIME_WORDS = word_set("year month week quarter today yesterday now currently recently")
_AND_RE = re.compile(r"\s(?:and|while|but)\s")
_TRAILING_VERBS = word_set(
    """
    falling rising growing declining dropping increasing decreasing jumping climbing surging
    slowing worth aside out stays stay remains remain kept keep held holds trading traded needs need
    wants want expects expect requires require receives provides buys spends gets
    """
)
_RATE_OF_CHANGE = word_set("growth increase decline decrease inflation change")
_PREPOSITIONS = word_set("through via by from at under over after before during since per")
_PRONOUNS = word_set("we i they he she it you")
_AUXILIARIES = word_set(
    "will would shall should can could may might must has have had to am is are was were be"
)
_VERBS = word_set(
    """
    said says say told tells announced announces decided decides expect expects keep keeps kept
    maintain maintains maintained provide provides provided buy buys bought sell sells sold
    sign signs signed inject injects injected cut cuts raise raises raised lower lowers lowered
    set sets hold holds held put puts spend spends spent invest invests invested allocate
    allocates allocated pledge pledges pledged donate donates donated approve approves approved
    offer offers offered lend lends lent borrow borrows borrowed earn earns earned pay pays paid
    need needs want wants plan plans planned receive receives received issue issues issued
    target targets targeted estimate estimates estimated project projects projected forecast
    forecasts see sees saw leave leaves left fix fixes fixed peg pegs pegged
    """
)
#: Verbs that are never nouns.
_CLEAR_VERBS = word_set(
    """
    said says told tells announced announces decided decides expect expects keep keeps kept
    maintain maintains maintained provide provides provided bought sold injected spent
    invested donated approved lent borrowed earned paid received
    """
)
_DETERMINERS_AFTER_VERB = word_set("the a an its their his her our this these that those")


def _is_verb(words: list[str], i: int) -> bool:
    """Whether words[i] is a verb whose object may follow ("keep the rate", "signed the")."""
    low = words[i].lower()
    if low in _CLEAR_VERBS:
        return True
    nxt = words[i + 1] if i + 1 < len(words) else ""
    followed = nxt.lower() in _DETERMINERS_AFTER_VERB or nxt[:1].isupper()
    if low in _VERBS:  # "pledge", "plan", "cut" are nouns too: a verb only before "the"…
        return followed
    return low.endswith("ed") and i > 0 and nxt.lower() in _DETERMINERS_AFTER_VERB


def noun_after(
    text: str, pos: int, limit: int, *, determined: bool, preposition: bool = False
) -> str | None:
    """The noun phrase a money figure modifies: "$1,400 [checks]", "the $1.9 trillion
    [American Rescue Plan]" (`determined`: an article or possessive stands before it).

    With `preposition`, the plural noun phrase after "in", "for" or "on" instead:
    "$2.5 billion for [bridge repairs]", "$3.5 billion in [new purchases]".
    """
    if _WORD_AHEAD_RE.match(text, pos, limit) is None:
        return None
    tokens = _tokens(text, pos, limit, 8)
    if preposition:
        if not tokens or tokens[0][0].lower() not in {"in", "for", "on"}:
            return None
        tokens = tokens[1:]
        while tokens and tokens[0][0].lower() in _LEADING_DETERMINERS:
            tokens = tokens[1:]
    words: list[tuple[str, int, int]] = []
    for word, start, end in tokens:
        low = word.lower()
        if low in _NP_STOPS or low in {"and", "or", "of"} or not word[0].isalpha():
            break
        if low.endswith("ly") and len(low) > 4:
            break
        words.append((word, start, end))
        if is_plural_noun(word) and not determined:
            break
    if not words:
        return None
    if not determined and not is_plural_noun(words[-1][0]):
        return None
    return clean_label(text[words[0][1] : words[-1][2]]) or None
