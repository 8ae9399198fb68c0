"""Find the figures in a turn: every quoted quantity with its span, value, unit and label.

A focused extractor: one pass of precompiled regular expressions over the text, after the
spans that hold no figures (dates, clock times, numbered names, list markers, page numbers,
caption counters) have been marked. See docs/figures.md for how it compares with libraries.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from search_index.figures.draft import Draft
from search_index.figures.labelling import assign_labels
from search_index.figures.labels import counted_noun, is_plural_noun
from search_index.figures.models import Figure, FigureKind, Qualifier
from search_index.figures.number_words import (
    ORDINAL_WORDS,
    TENS,
    UNITS,
    VULGAR_CHARS,
    VULGAR_FRACTIONS,
    WORD_FRACTION_RE,
    WORD_NUMBER,
    parse_word_fraction,
    parse_word_number,
)
from search_index.figures.sentences import sentence_at, sentence_spans
from search_index.figures.traps import trap_spans
from search_index.figures.units import (
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIXES,
    MEASURE_UNITS,
    MONTHS,
    PERCENT_UNITS,
    QUALIFIER_BEFORE_RE,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    SCALES,
    TIME_ADJECTIVES,
    TIME_UNITS,
    alternation,
    normalise_key,
    word_set,
)

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d+)(?:\.\d+)?"
_VULGAR = f"[{VULGAR_CHARS}]"
_SIGN = r"(?:(?<![\w.,)%/\-–−])[-−](?=\d))?"
_ASCII_FRACTION = r"(?<![\w/.])[1-9]/(?:[2-9]|1[0-6])(?![\w/])"
_CORE_RE = re.compile(
    rf"(?P<afrac>{_ASCII_FRACTION})|(?P<digits>{_SIGN}{_DIGITS}{_VULGAR}?)|(?P<vulgar>{_VULGAR})"
)
#: Where numbers start: a plain character class, which the regex engine scans for quickly.
_DIGIT_START_RE = re.compile(rf"[\d{VULGAR_CHARS}]+")


def _word_number_starts() -> str:
    """A look-ahead for where a spelled number can start: its first three letters, or "a ".

    Every spelled number starts with a unit or tens word (each at least three letters long)
    written in lower, Title or UPPER case, or with "a"/"A" before a space or hyphen ("a
    quarter", "a hundred", "a million"). Grouped by first letter, these few letters turn most
    words ("the", "to", "that") away before the long alternation below is tried.
    """
    forms = {f for w in [*UNITS, *TENS] for f in (w, w.title(), w.upper())}
    by_first: dict[str, set[str]] = {}
    for form in forms:
        by_first.setdefault(form[0], set()).add(form[1:3])
    heads = "|".join(f"{c}(?:{'|'.join(sorted(by_first[c]))})" for c in sorted(by_first))
    return rf"(?=(?:{heads})|[aA][-\s])"


#: Spelled numbers; the look-ahead on first letters lets the scan skip most words quickly.
_WORD_CORE_RE = re.compile(
    rf"\b{_word_number_starts()}"
    rf"(?:(?P<wfrac>{WORD_FRACTION_RE.pattern[2:]})|(?P<word>{WORD_NUMBER}\b)"
    r"|(?P<aword>[aA](?=\s+(?:thousand|million|billion|trillion)\b)))"
)
_CUR_ALT = (
    rf"(?:(?<![A-Za-z])(?:{alternation(frozenset(c for c in CURRENCY_PREFIXES if c[0].isalpha()))})"
    rf"|{alternation(frozenset(c for c in CURRENCY_PREFIXES if not c[0].isalpha()))})"
)
_CUR_PRE_RE = re.compile(rf"{_CUR_ALT}[ \t\u00a0]?\Z")
_LONG_SCALE_RE = re.compile(r"\s+(thousand|million|billion|trillion|hundred)\b", re.IGNORECASE)
_SHORT_SCALE_RE = re.compile(r"[ \u00a0]?(bn|bln|mn|mln|tn|trn)\b|(m|k)\b")
_PCT_SIGN_RE = re.compile(r"[ \u00a0]?%")
_RANGE_RE = re.compile(
    rf"(?:[ \t]?[-–—][ \t]?|\s+to\s+|\s+and\s+)"
    rf"(?P<cur>{_CUR_ALT})?[ \t]?(?P<num>{_ASCII_FRACTION}|{_DIGITS}{_VULGAR}?"
    r"|[A-Za-z]+(?:-[A-Za-z]+)?\b)",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(
    rf"[ \t\u00a0]?%|\s+(?:{alternation(frozenset(k for k in PERCENT_UNITS if k != '%'))})\b",
    re.IGNORECASE,
)
_CUR_SUFFIX_RE = re.compile(rf"\s+(?:{alternation(CURRENCY_SUFFIXES)})\b", re.IGNORECASE)
_TIME_RE = re.compile(
    rf"\s+(?:(?:{alternation(TIME_ADJECTIVES)})\s+)?(?P<u>{alternation(TIME_UNITS)})\b(?!-)",
    re.IGNORECASE,
)
_MEASURE_RE = re.compile(rf"\s*(?:{alternation(MEASURE_UNITS)})\b(?!-)", re.IGNORECASE)
_PER_RE = re.compile(rf"\s+per\s+(?P<n>{_DIGITS})\s+(?P<noun>[A-Za-z]+)")
#: "per" first, its word boundary checked after: a literal start the regex engine finds fast.
_PER_DENOMINATOR_RE = re.compile(rf"per(?<=\bper)\s+({_DIGITS})\s+[A-Za-z]")
_QUAL_AFTER_RE = re.compile(rf"\s+(?:{alternation(QUALIFIERS_AFTER)})\b", re.IGNORECASE)
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
#: The last word before a figure that can end each look-back pattern: a cheap test first.
_QUALIFIER_LAST_WORDS = frozenset(q.split()[-1] for q in QUALIFIERS_BEFORE)
_CHANGE_LAST_WORDS = _CHANGE_WORDS | {"of", "by", "rate"}
_AGE_LAST_WORDS = word_set("aged ages of under over above below to")
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
_YEAR_PREPOSITIONS = word_set(
    "in since by from to until till through before after of year during between and or "
    "early late mid end start beginning around fiscal"
)
_YEAR_TAIL_RE = re.compile(r"(?:[-–—/]\d{2,4}\b|\s+(?:to|and|through)\s+\d{4}\b)")
#: Possessive: the word's characters are never a space or tab, so giving some back cannot help.
_PREV_WORD_RE = re.compile(r"([A-Za-z][\w.'’\-]*+)[ \t]\Z")
_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_RANK_RE = re.compile(
    r"(?P<a>(?<![\w.,])(?P<n1>\d+)(?:st|nd|rd|th)\s+(?:place|position|spot))\b"
    r"|(?<![\w-])[Rr]ank(?:ed|ing|s)(?:\s+at)?\s+(?P<b>(?:No\.\s?)?(?P<n2>\d+)(?:st|nd|rd|th)?"
    rf"|(?P<w>{_ORDINALS}))\b"
    rf"|(?<![\w-])(?P<c>(?P<w2>{_ORDINALS})\s+place)\b"
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
_NAME_CAPITALS_OK = word_set(
    "over about nearly around some more less up almost approximately roughly only just "
    "exceeding total"
)
_AGE_BEFORE_RE = re.compile(
    r"\b(?:(?:aged|ages|age\s+of)|(?:children|kids|babies|infants|adults|people|persons|"
    r"those|men|women|boys|girls)\s+(?:under|over|above|below|aged|up\s+to))\s+\Z",
    re.IGNORECASE,
)
_FOR_OVER_RE = re.compile(r"(?<![A-Za-z])(?:for|of|than|lasted|lasting|took)\s+\Z", re.IGNORECASE)
_MINUS_RE = re.compile(r"(?<![A-Za-z])minus\s+\Z", re.IGNORECASE)
_RATIO_BEFORE_RE = re.compile(r"\b([A-Za-z]+(?:-[A-Za-z]+)?)\s+in\s+(?:every\s+)?\Z")
_PERCENTISH = frozenset({"%", "percentage points", "basis points"})
#: Between two figures, words that carry a change on: "by 5% in 2021 and 7¼% in 2022".
_CHANGE_CARRIES_RE = re.compile(
    r"(?:\s+(?:in|for)\s+\d{4})?\s*(?:,|;)?\s*(?:and|or|then|and\s+then|while)?\s+"
    r"(?:then\s+)?(?:by\s+)?\Z"
)
_MONTH_WORDS = frozenset(m.lower() for m in MONTHS.split("|"))
#: Capitalised words that may open a sentence before a figure ("The 300 delegates…").
_SENTENCE_OPENERS = word_set(
    "the a an another all only some these those of with and but in for at by from to as "
    "every each its their our his her if when while after before since exactly just totally "
    "altogether nearly about around more over almost roughly approximately up under below "
    "above least at between among within during across fewer less than some"
)
_GLUED_WORD_RE = re.compile(r"[A-Za-z]+")
_SPACE = frozenset(" \t\u00a0\n")


#: Every branch starts with a letter of its own, so the engine scans for those letters fast.
_RANK_HINT_RE = re.compile(r"Rank|rank|place|position|spot")


def _rank_matches(text: str) -> list[re.Match[str]]:
    """Matches of `_RANK_RE`, looked for only near the words that can start or end one."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    for hint in _RANK_HINT_RE.finditer(text):
        for match in _RANK_RE.finditer(text, max(0, hint.start() - 24), hint.end() + 32):
            found.setdefault(match.span(), match)
    return [found[span] for span in sorted(found)]


def _num_value(token: str) -> float:
    token = token.strip()
    frac = 0.0
    if token and token[-1] in VULGAR_FRACTIONS:
        frac = VULGAR_FRACTIONS[token[-1]]
        token = token[:-1]
    if not token:
        return frac
    if "/" in token:
        numerator, denominator = token.split("/")
        return int(numerator) / int(denominator)
    if token[0] in "-−":
        return -_num_value(token[1:])
    if token[0].isdigit():
        return float(token.replace(",", "")) + frac
    return float(parse_word_number(token)) + frac


def _scaled(value: float, token: str, scale: float) -> float:
    """`value` times `scale`, computed in decimal so that "56.18 million" is exactly 56180000."""
    if scale == 1.0:
        return value
    digits = token.strip().replace(",", "").replace("−", "-")
    if digits and digits.lstrip("-")[:1].isdigit() and digits[-1].isdigit() and "/" not in digits:
        return float(Decimal(digits) * Decimal(int(scale)))
    return value * scale


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


#: Set phrases of Chinese and international politics that hold a number but are names.
_SET_PHRASE_RE = re.compile(
    r"(?:two\s+sessions|two\s+systems|two\s+centenar(?:y|ies)|three\s+represents|"
    r"four\s+comprehensives|four\s+consciousnesses|four\s+confidences|"
    r"two\s+establishments|two\s+upholds|three\s+red\s+lines|five\s+eyes|"
    r"four\s+modernizations|three\s+gorges|two\s+sides\s+of\s+the\s+(?:taiwan\s+)?strait)\b",
    re.IGNORECASE,
)


def _counts_people_or_things(text: str, pos: int) -> bool:
    """Whether a plural counted noun follows `pos` ("5m people", not "100m sprint")."""
    noun = counted_noun(text, pos, min(len(text), pos + 80), partitive=False)
    return noun is not None and text[pos : pos + 1].isspace()


def _last_word(text: str, end: int) -> str:
    """The lower-cased word that ends just before the white space before `end`, or ""."""
    if end == 0 or not text[end - 1].isspace():
        return ""
    words = text[max(0, end - 24) : end].split()
    return words[-1].lower() if words else ""


def _is_word_number(word: str) -> bool:
    try:
        parse_word_number(word)
    except ValueError:
        return False
    return True


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def _in_spans(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect_right(starts, start) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1]:
            return True
    return False


def _is_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1800 <= int(token) <= 2100


def _previous_word(text: str, start: int) -> str:
    if start == 0 or text[start - 1] not in " \t":
        return ""  # `_PREV_WORD_RE` wants a space or tab right before `start`
    match = _PREV_WORD_RE.search(text, max(0, start - 40), start)
    return match.group(1) if match else ""


_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\u00a0]*\n")


def extract_figures_from_text(text: str, turn: int = 0) -> list[Figure]:
    """Every figure in `text`, sorted by start offset; `turn` is stored on each figure.

    Paragraphs (separated by blank lines) are read one by one: no figure, unit, label or
    sentence reaches across a paragraph break.
    """
    figures: list[Figure] = []
    start = 0
    for brk in [*_PARAGRAPH_BREAK_RE.finditer(text), None]:
        end = brk.start() if brk else len(text)
        if end > start:
            figures.extend(_paragraph_figures(text[start:end], start, turn))
        if brk:
            start = brk.end()
    return figures


def _paragraph_figures(text: str, base: int, turn: int) -> list[Figure]:
    """The figures of one paragraph, with offsets shifted by `base`."""
    drafts, sentences = _drafts(text)
    figures: list[Figure] = []
    for d in drafts:
        s0, s1 = sentence_at(sentences, d.start)
        figures.append(
            Figure(
                turn=turn,
                start=base + d.start,
                end=base + d.end,
                text=text[d.start : d.end],
                value=d.value,
                low=d.low,
                high=d.high,
                unit=d.unit,
                label=d.label,
                qualifier=d.qualifier,
                kind=d.kind,
                sentence=text[s0:s1],
                sentence_start=base + s0,
                sentence_end=base + s1,
            )
        )
    return figures


def _drafts(text: str) -> tuple[list[Draft], list[tuple[int, int]]]:
    """The labelled drafts of one paragraph's figures, and its sentence spans."""
    cores = sorted([*_digit_cores(text), *_WORD_CORE_RE.finditer(text)], key=lambda m: m.start())
    rank_matches = _rank_matches(text)
    if not cores and not rank_matches:
        return [], []  # most paragraphs of a briefing hold no number at all
    traps = trap_spans(text)
    denominators = [m.span(1) for m in _PER_DENOMINATOR_RE.finditer(text)]
    ranks: list[Draft] = []
    trap_starts = [s for s, _ in traps]
    for match in rank_matches:
        group = "a" if match.group("a") else "b" if match.group("b") else "c"
        span = match.span(group)
        if group == "b" and _in_spans(traps, trap_starts, *span):
            continue
        raw = match.group("n1") or match.group("n2")
        word = match.group("w") or match.group("w2")
        value = float(raw) if raw else float(ORDINAL_WORDS[word.lower()])
        ranks.append(Draft(span[0], span[1], value, None, None, None, "rank", None, None))
        traps.append(span)
    traps.sort()
    starts = [s for s, _ in traps]
    blocked = sorted(traps + denominators)
    blocked_starts = [s for s, _ in blocked]
    sentences = sentence_spans(text)
    drafts: list[Draft] = list(ranks)
    consumed = 0
    for match in cores:
        start, end = match.span()
        if start < consumed or _in_spans(blocked, blocked_starts, start, end):
            continue
        draft = _read_figure(text, match, sentences)
        if draft is None:
            continue
        if isinstance(draft, int):
            consumed = draft
            continue
        if _in_spans(traps, starts, draft.start, draft.end):
            continue
        last = drafts[-1] if drafts else None
        if (
            last is not None
            and last.kind == "change"
            and draft.kind in {"percent", "amount"}
            and (draft.unit == last.unit or {draft.unit, last.unit} <= _PERCENTISH)
            and _CHANGE_CARRIES_RE.fullmatch(text, last.end, draft.start)
        ):
            draft.kind = "change"
        drafts.append(draft)
        consumed = draft.end
    drafts.sort(key=lambda d: d.start)
    assign_labels(text, drafts, sentences)
    return drafts, sentences


def _glued_unit(text: str, end: int) -> bool:
    """Whether the letters glued to a number ending at `end` are a unit ("5km", "30kg")."""
    glued = _GLUED_WORD_RE.match(text, end)
    return glued is not None and glued.group().lower() in MEASURE_UNITS


def _read_figure(
    text: str, match: re.Match[str], sentences: list[tuple[int, int]]
) -> Draft | int | None:
    """A draft figure for the number `match`, an offset to skip to, or None to ignore it."""
    start, end = match.span()
    groups = match.groupdict()
    is_word = groups.get("word") is not None or groups.get("aword") is not None
    is_wfrac = groups.get("wfrac") is not None
    is_vulgar = groups.get("vulgar") is not None
    is_afrac = groups.get("afrac") is not None
    before = text[start - 1] if start else " "
    before2 = text[start - 2] if start > 1 else " "
    glued_currency = before.isalpha() and _CUR_PRE_RE.search(text, max(0, start - 6), start)
    if not (is_word or is_wfrac):
        if (before.isalnum() and not glued_currency) or before in "_#/\\":
            return None
        if before == "." and (before2.isdigit() or before2.isalpha()):
            return None  # "1.2.3", "L.52"
        if _last_word(text, start) in _AGE_LAST_WORDS and _AGE_BEFORE_RE.search(
            text, max(0, start - 30), start
        ):
            return None  # "children under 5", "people aged 60"
        if before in "-‐–" and before2.isalnum():
            return None
    elif before in "-‐":
        return None
    token = match.group()
    after = text[end : end + 1]
    if after == "/" and text[end + 1 : end + 2].isdigit():
        return None  # "4/25", "24/7", "2020/21"
    if is_word and after == "-" and text[end + 1 : end + 2].isalpha():
        return None  # "Five-Year Plan", "two-day": tested first, as nothing else can keep it
    if (
        after.isalpha()
        and not (is_word or is_wfrac)
        and _SHORT_SCALE_RE.match(text, end) is None
        and not _glued_unit(text, end)
    ):
        return None  # "14th", "5G": the glued-word test below, made before the look-backs
    word_before = _previous_word(text, start).lower()  # read once, used again below
    if word_before in _NAME_HEADS:
        return None
    if is_word and (
        _SET_PHRASE_RE.match(text, start)
        or (
            token[0].isupper()
            and text[end : end + 2].strip()[:1].isupper()
            and text[max(0, start - 8) : start].rstrip()[-1:]
            not in {"", ".", "!", "?", ":", '"', "“", "("}
        )
    ):
        return None  # "the two sessions", "One Country, Two Systems", "the Five Eyes"
    ratio = (
        is_word
        and _last_word(text, start) in {"in", "every"}
        and _RATIO_BEFORE_RE.search(text, max(0, start - 30), start)
    )
    if ratio and _is_word_number(ratio.group(1)):
        return None  # "one in five"
    # Currency before the number: "$", "US$", "RMB ", "$ 2.7 billion".
    cur_match = _CUR_PRE_RE.search(text, max(0, start - 6), start)
    currency = CURRENCY_PREFIXES[cur_match.group().strip()] if cur_match else None
    fig_start = cur_match.start() if cur_match else start
    last_before = _last_word(text, fig_start)  # kept in step with fig_start
    minus = last_before == "minus" and _MINUS_RE.search(text, max(0, fig_start - 8), fig_start)
    if minus and not (is_word or is_wfrac):
        fig_start = minus.start()
        last_before = _last_word(text, fig_start)
    # Words and ordinals glued to a number ("14th", "5G", "100m") are not figures,
    # except scale suffixes ("$5m", "3.2bn").
    pos = end
    scale = 1.0
    if is_wfrac:
        value = parse_word_fraction(match.group("num"), match.group("den"))
        nxt = text[end : end + 4].lstrip().lower()
        if "-" not in token and not nxt.startswith("of"):
            return None
    else:
        try:
            value = _num_value(token)
        except ValueError:
            return None
    short = _SHORT_SCALE_RE.match(text, pos)
    if (
        short
        and not currency
        and not short.group(1)
        and not is_word
        and _counts_people_or_things(text, short.end())
    ):
        currency_free_short = True  # "1.5m people": millions of a counted noun
    else:
        currency_free_short = False
    if short and not is_word and (short.group(1) or currency or currency_free_short):
        scale = SCALES[(short.group(1) or short.group(2)).lower()]
        pos = short.end()
    elif after.isalpha() and not is_word and not is_wfrac:
        if not _glued_unit(text, end):
            return None
    elif (
        after == "-"
        and text[end + 1 : end + 2].isalpha()
        and not is_wfrac
        and not text[end + 1 : end + 9].lower().startswith(("percent", "per cent"))
    ):
        return None  # "a 10-year plan", "COVID-19-related"
    if scale == 1.0:
        long_scale = _LONG_SCALE_RE.match(text, pos)
        if long_scale:
            scale = SCALES[long_scale.group(1).lower()]
            pos = long_scale.end()
    # Years, year ranges and 2020/21.
    if (
        not is_word
        and currency is None
        and scale == 1.0
        and _is_year(token)
        and not _PERCENT_RE.match(text, pos)
    ):
        prev = word_before
        # The tests that need no noun first: most years follow "in", "since", "by"…
        is_year = prev in _YEAR_PREPOSITIONS or not text[pos : pos + 1].isspace()
        if not is_year:
            noun = counted_noun(text, pos, min(len(text), pos + 120), partitive=False)
            is_year = noun is None or bool(
                re.match(
                    r"\s+(?:the|a|an|its|their|this|that|our)\b", text[noun.end : noun.end + 8]
                )
                or len(noun.phrase.split()) > 1  # "the 2021 summit runs": a year and a verb
            )
        if is_year:
            tail = _YEAR_TAIL_RE.match(text, pos)
            return tail.end() if tail else end
    low: float | None = None
    high: float | None = None
    pct_glued = _PCT_SIGN_RE.match(text, pos)
    range_pos = pct_glued.end() if pct_glued else pos
    rng = _RANGE_RE.match(text, range_pos)
    if rng and not is_wfrac:
        connector = text[range_pos : rng.start("num")].strip(" \t$¥€£").lower()
        prev = word_before if fig_start == start else _previous_word(text, fig_start).lower()
        ok = connector in {"-", "–", "—"} or (connector == "to" and prev != "from")
        if connector == "and":
            ok = prev == "between"
        if connector in {"-", "–", "—"} and text[range_pos : range_pos + 1].isspace():
            ok = ok and text[rng.start("num") - 1].isspace()
        second = rng.group("num")
        if ok and _is_year(token) and _is_year(second) and currency is None:
            return rng.end()
        if ok and (is_word != (not second[0].isdigit())):
            ok = False
        if ok:
            try:
                high_value = _num_value(second)
            except ValueError:
                high_value = -1.0
            npos = rng.end()
            high_scale = 1.0
            short2 = _SHORT_SCALE_RE.match(text, npos)
            if short2 and (short2.group(1) or currency):
                high_scale = SCALES[(short2.group(1) or short2.group(2)).lower()]
                npos = short2.end()
            else:
                long2 = _LONG_SCALE_RE.match(text, npos)
                if long2:
                    high_scale = SCALES[long2.group(1).lower()]
                    npos = long2.end()
            if high_value >= 0 and not (
                text[npos : npos + 1].isalpha() or text[npos : npos + 1] in {"-", "/"}
            ):
                low_scale = scale if scale != 1.0 else high_scale
                high_scale = high_scale if high_scale != 1.0 else scale
                low = _scaled(value, token, low_scale)
                high = _scaled(high_value, second, high_scale)
                if low < high:
                    value = float((Decimal(repr(low)) + Decimal(repr(high))) / 2)
                    scale = 1.0
                    pos = npos
                else:
                    low = high = None
    if low is None:
        value = _scaled(value, token, scale)
    if minus and not (is_word or is_wfrac) and value > 0:
        value = -value
    unit: str | None = currency
    kind: FigureKind = "amount"
    # Units after the number.
    pct = _PERCENT_RE.match(text, pos)
    time_unit = None
    if pct:
        unit = PERCENT_UNITS[normalise_key(pct.group())]
        kind = "percent"
        pos = pct.end()
    elif currency is None and (cur_suffix := _CUR_SUFFIX_RE.match(text, pos)):
        unit = CURRENCY_SUFFIXES[normalise_key(cur_suffix.group())]
        pos = cur_suffix.end()
    elif currency is None and (time_unit := _TIME_RE.match(text, pos)):
        unit = TIME_UNITS[time_unit.group("u").lower()]
        kind = "duration"
        pos = time_unit.end()
    elif (
        currency is None
        and (measure := _MEASURE_RE.match(text, pos))
        and (measure.group().strip() or not is_word)
    ):
        unit = MEASURE_UNITS[normalise_key(measure.group())]
        pos = measure.end()
    # Rates: "15.8 per 10,000 people", "3 cases per day".
    per = _PER_RE.match(text, pos)
    if per and kind != "duration":
        per_unit = f"per {per.group('n')} {per.group('noun')}"
        unit = f"{unit} {per_unit}" if unit else per_unit
        kind = "rate"
        pos = per.end()
    counted = False
    counted_end = pos
    counted_phrase: str | None = None
    fraction_only = is_wfrac or is_vulgar or is_afrac
    if is_afrac and unit is None and not text.startswith("of", _skip_space(text, pos)):
        return None  # "4/25" is no figure without a unit: only "1/4 percent", "1/3 of"
    if unit is None and not fraction_only:
        noun = counted_noun(
            text, pos, min(len(text), pos + 160), singular_ok=value == 1 and low is None
        )
        if noun is not None and not is_plural_noun(noun.head) and value != 1:
            noun = None
        if noun is not None:
            unit = noun.head
            kind = "count"
            counted = True
            counted_end = noun.end
            counted_phrase = noun.phrase
            per_after = _PER_RE.match(text, noun.end)
            if per_after:
                unit = f"{unit} per {per_after.group('n')} {per_after.group('noun')}"
                kind = "rate"
    if is_word and unit is None:
        return None
    if is_word and value == 1 and kind == "count":
        return None  # "one window", "one of the"
    # A capitalised word just before a bare number makes it a name: "Channel 12", "Boeing 737".
    if (
        (unit is None or (counted and not is_word))
        and currency is None
        and scale == 1.0
        and _names_number(text, fig_start, sentences)
    ):
        return None
    # Qualifiers.
    qualifier: Qualifier | None = None
    qmatch = None
    if last_before in _QUALIFIER_LAST_WORDS:
        qmatch = QUALIFIER_BEFORE_RE.search(text, max(0, fig_start - 20), fig_start)
    if qmatch and (
        kind != "duration"
        or qmatch.group("q").lower() != "over"
        or _FOR_OVER_RE.search(text, max(0, qmatch.start() - 8), qmatch.start())
    ):  # "over five years" is a period; "for over five years" is more than five
        qualifier = _as_qualifier(QUALIFIERS_BEFORE[normalise_key(qmatch.group("q"))])
    after_q = _QUAL_AFTER_RE.match(text, counted_end)
    if after_q:
        qualifier = _as_qualifier(QUALIFIERS_AFTER[normalise_key(after_q.group())])
    # Changes: "a year-on-year increase of 43.9%", "rose 5%", "two months quicker than".
    lookback_end = qmatch.start() if qmatch else fig_start
    window = max(0, lookback_end - 60)
    last = last_before if lookback_end == fig_start else _last_word(text, lookback_end)
    if kind != "rate" and (
        (last in _CHANGE_LAST_WORDS and _CHANGE_BEFORE_RE.search(text, window, lookback_end))
        or (last == "by" and _CHANGE_BY_RE.search(text, window, lookback_end))
        or _CHANGE_AFTER_RE.match(text, pos)
        or (
            (kind == "percent" or currency is not None)
            and last in {"up", "down", "by"}
            and _UP_DOWN_RE.search(text, window, lookback_end)
        )
    ):
        kind = "change"
    while pos > fig_start and text[pos - 1] in _SPACE:
        pos -= 1
    if kind == "amount" and unit in {"places", "slots", "spots", "positions", "notches"}:
        kind = "rank"
    return Draft(
        start=fig_start,
        end=pos,
        value=value,
        low=low,
        high=high,
        unit=unit,
        kind=kind,
        qualifier=qualifier,
        label=counted_phrase,
        counted=counted,
    )


def _as_qualifier(symbol: str) -> Qualifier:
    if symbol == ">=":
        return ">="
    if symbol == "<=":
        return "<="
    return "~"


def _names_number(text: str, start: int, sentences: list[tuple[int, int]]) -> bool:
    """Whether a capitalised word right before `start` names the number ("Channel 12")."""
    match = _PREV_WORD_RE.search(text, max(0, start - 40), start)
    if match is None or not match.group(1)[0].isupper():
        return False
    word = match.group(1)
    low = word.lower().rstrip(".")
    if low in _NAME_CAPITALS_OK or word.upper() in CURRENCY_PREFIXES or low in _MONTH_WORDS:
        return False
    s0, _ = sentence_at(sentences, match.start(1))
    opening = text[s0 : match.start(1)].strip(" \"'“‘(")
    return opening != "" or low not in _SENTENCE_OPENERS
