"""Which dollar a bare "$" or "dollars" means in a briefing, from what the briefing says.

"$500 million" in an Australian prime minister's doorstop is Australian dollars; in a
Beijing briefing or a White House one it is US dollars; in a transcript that says nothing
of where it comes from it is left as "$" (dollars of a country not named). The evidence is
the document's own, in this order:

1. its title, the name of its file, and the place it was given (the first country named);
2. dollars it names elsewhere ("A$", "AUD", "Australian dollars"), the most named one;
3. the country its turns name most, when one clearly leads.

A country whose currency is a dollar (Australia, Canada, New Zealand, Hong Kong,
Singapore, Taiwan, the United States) implies its own; any other named country implies the
US dollar, which is what "$" means in briefings from Beijing, London or Brussels.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search_index.models import Transcript

#: Countries whose currency is a dollar, with their places and publishers, by that dollar.
#: Matched without regard to case, on word boundaries, with any of space, "-" or "_" between
#: words (file names: "pm-australia-2009-10-14").
_DOLLAR_PLACES: dict[str, tuple[str, ...]] = {
    "AUD": (
        "australia", "australian", "canberra", "sydney", "melbourne", "brisbane", "perth",
        "adelaide", "hobart", "darwin", "townsville", "cairns", "queensland", "tasmania",
        "new south wales", "northern territory",
    ),
    "NZD": ("new zealand", "wellington", "auckland", "christchurch"),
    "CAD": ("canada", "canadian", "ottawa", "toronto", "montreal", "vancouver", "calgary"),
    "HKD": ("hong kong",),
    "SGD": ("singapore",),
    "TWD": ("taiwan", "taipei"),
    "USD": (
        "united states", "america", "american", "washington", "white house",
        "brady press briefing room", "pentagon", "state department", "federal reserve",
        "camp david",
    ),
}  # fmt: skip
#: Places and publishers of countries whose currency is no dollar: "$" there means US
#: dollars. They decide only as the document's own place (title, file name, place given),
#: never by being talked about.
_OTHER_PLACES = (
    "china", "chinese", "beijing", "shanghai", "japan", "japanese", "tokyo", "india",
    "new delhi", "united kingdom", "britain", "british", "london", "downing street",
    "brussels", "frankfurt", "european", "berlin", "germany", "paris", "france", "geneva",
    "new york", "united nations", "moscow", "kremlin", "russia", "seoul", "korea", "jakarta",
    "indonesia",
)  # fmt: skip
#: Abbreviations, matched with their case ("US" is a country, "us" a pronoun).
_DOLLAR_ABBREVIATIONS = {"U.S.": "USD", "US": "USD", "USA": "USD"}
_OTHER_ABBREVIATIONS = ("U.K.", "UK", "U.N.", "UN", "PRC", "SCIO", "ECB", "EU")


def _alternation(names: Iterable[str]) -> str:
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(r"[\s_-]+".join(map(re.escape, name.split())) for name in ordered)


def _place_re(names: Iterable[str], abbreviations: Iterable[str]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![^\W_])(?:(?i:{_alternation(names)})|{_alternation(abbreviations)})(?![^\W_])"
    )


_PLACE_CODE = {name: code for code, names in _DOLLAR_PLACES.items() for name in names}
_PLACE_CODE.update(dict.fromkeys(_OTHER_PLACES, "USD"))
_ABBREVIATION_CODE = {**_DOLLAR_ABBREVIATIONS, **dict.fromkeys(_OTHER_ABBREVIATIONS, "USD")}
#: Any place or publisher: the document's own place.
_PLACE_RE = _place_re(_PLACE_CODE, _ABBREVIATION_CODE)
#: Only the dollar countries: what the turns talk about.
_DOLLAR_PLACE_RE = _place_re(
    (n for names in _DOLLAR_PLACES.values() for n in names), _DOLLAR_ABBREVIATIONS
)
#: Dollars named with their country: "US$", "A$", "AUD", "Australian dollars".
_NAMED_DOLLAR_RE = re.compile(
    r"(?<![A-Za-z])(?P<prefix>US|U\.S\.|AU|A|CA|C|NZ|HK|S|NT)\$"
    r"|\b(?P<code>USD|AUD|CAD|NZD|HKD|SGD|TWD)\b"
    r"|\b(?P<name>U\.S\.|US|American|Australian|Canadian|New\s+Zealand|Hong\s+Kong|Singapore"
    r"|New\s+Taiwan)\s+dollars?\b"
)
_PREFIX_CODE = {
    "US": "USD", "U.S.": "USD", "AU": "AUD", "A": "AUD", "CA": "CAD", "C": "CAD",
    "NZ": "NZD", "HK": "HKD", "S": "SGD", "NT": "TWD",
}  # fmt: skip
_NAME_CODE = {
    "U.S.": "USD", "US": "USD", "American": "USD", "Australian": "AUD", "Canadian": "CAD",
    "New Zealand": "NZD", "Hong Kong": "HKD", "Singapore": "SGD", "New Taiwan": "TWD",
}  # fmt: skip


def implied_dollar(transcript: Transcript) -> str | None:
    """The currency code a bare "$" or "dollars" stands for in `transcript`, or None when
    nothing in it says (see the module's docstring for the evidence and its order)."""
    for field in (transcript.title, PurePath(transcript.source).stem, transcript.location):
        code = _first_place(field or "")
        if code is not None:
            return code
    texts = [turn.text for turn in transcript.turns]
    return _leader(named_dollars(texts), at_least=1, ahead=1) or _leader(
        Counter(_place_code(m) for text in texts for m in _DOLLAR_PLACE_RE.finditer(text)),
        at_least=2,
        ahead=2,
    )


def named_dollars(texts: Iterable[str]) -> Counter[str]:
    """How often each dollar is named with its country in `texts` ("A$", "US dollars")."""
    counts: Counter[str] = Counter()
    for text in texts:
        if "$" not in text and "D" not in text and "ollar" not in text:
            continue  # most turns name no money at all
        for match in _NAMED_DOLLAR_RE.finditer(text):
            if match.group("prefix"):
                counts[_PREFIX_CODE[match.group("prefix")]] += 1
            elif match.group("code"):
                counts[match.group("code")] += 1
            else:
                counts[_NAME_CODE[" ".join(match.group("name").split())]] += 1
    return counts


def _first_place(text: str) -> str | None:
    match = _PLACE_RE.search(text)
    return None if match is None else _place_code(match)


def _place_code(match: re.Match[str]) -> str:
    found = match.group()
    return (
        _ABBREVIATION_CODE.get(found) or _PLACE_CODE[" ".join(_SEPARATORS_RE.split(found)).lower()]
    )


_SEPARATORS_RE = re.compile(r"[\s_-]+")


def _leader(counts: Counter[str], *, at_least: int, ahead: int) -> str | None:
    """The most counted code, if it was counted `at_least` times and more than `ahead`
    times as often as the next one."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < at_least:
        return None
    if len(ranked) > 1 and ranked[0][1] <= ahead * ranked[1][1]:
        return None
    return ranked[0][0]
