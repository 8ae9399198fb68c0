"""Word lists that give a number its meaning: scale words, currencies, units, qualifiers."""

from __future__ import annotations

import re

#: Scale words and their multipliers. "m" and "k" count only after a currency ("$5m").
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "bln": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "tn": 1e12,
    "trn": 1e12,
    "m": 1e6,
    "k": 1e3,
}

#: The unit of a bare "$" or "dollars" that the document does not tie to a country (see
#: `currency.implied_dollar`, which decides it from the document when it can).
UNNAMED_DOLLAR = "$"

#: Currency written before the number, longest first, → ISO code (or `UNNAMED_DOLLAR`).
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "USD": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "HK$": "HKD",
    "HKD": "HKD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD": "CAD",
    "NZ$": "NZD",
    "S$": "SGD",
    "NT$": "TWD",
    "R$": "BRL",
    "₽": "RUB",
    "RMB": "CNY",
    "CNY": "CNY",
    "EUR": "EUR",
    "GBP": "GBP",
    "JPY": "JPY",
    "CHF": "CHF",
    "INR": "INR",
    "Rs.": "INR",
    "$": UNNAMED_DOLLAR,
    "¥": "CNY",
    "￥": "CNY",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "₩": "KRW",
}
#: Currency written after the number (lower-cased, longest first) → ISO code (or
#: `UNNAMED_DOLLAR`).
CURRENCY_SUFFIXES: dict[str, str] = {
    "u.s. dollars": "USD",
    "us dollars": "USD",
    "american dollars": "USD",
    "australian dollars": "AUD",
    "hong kong dollars": "HKD",
    "canadian dollars": "CAD",
    "new zealand dollars": "NZD",
    "singapore dollars": "SGD",
    "pounds sterling": "GBP",
    "yuan renminbi": "CNY",
    "renminbi": "CNY",
    "dollars": UNNAMED_DOLLAR,
    "dollar": UNNAMED_DOLLAR,
    "yuan": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "aud": "AUD",
    "gbp": "GBP",
    "yen": "JPY",
    "jpy": "JPY",
    "rupees": "INR",
    "rubles": "RUB",
    "roubles": "RUB",
    "won": "KRW",
    "pesos": "MXN",
    "new taiwan dollars": "TWD",
    "swiss francs": "CHF",
    "hkd": "HKD",
}

#: Every currency code a figure's unit can be.
CURRENCY_CODES: frozenset[str] = (
    frozenset(CURRENCY_PREFIXES.values()) | frozenset(CURRENCY_SUFFIXES.values())
) - {UNNAMED_DOLLAR}
#: Every unit that makes a figure a sum of money: a currency code, or dollars of no country.
MONEY_UNITS: frozenset[str] = CURRENCY_CODES | {UNNAMED_DOLLAR}

#: Percent-like units (lower-cased) → normalised unit.
PERCENT_UNITS: dict[str, str] = {
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "pct": "%",
    "percentage points": "percentage points",
    "percentage point": "percentage points",
    "percentage-points": "percentage points",
    "percentage-point": "percentage points",
    "pp": "percentage points",
    "basis points": "basis points",
    "basis point": "basis points",
    "bps": "basis points",
    "bp": "basis points",
}

#: Time units (lower-cased) → normalised plural unit.
TIME_UNITS: dict[str, str] = {
    "seconds": "seconds",
    "second": "seconds",
    "minutes": "minutes",
    "minute": "minutes",
    "hours": "hours",
    "hour": "hours",
    "days": "days",
    "day": "days",
    "weeks": "weeks",
    "week": "weeks",
    "months": "months",
    "month": "months",
    "years": "years",
    "year": "years",
    "decades": "decades",
    "decade": "decades",
}
#: Words allowed between a number and its time unit ("five consecutive years").
TIME_ADJECTIVES = frozenset(
    {"consecutive", "straight", "successive", "full", "more", "additional", "working"}
)

#: Measurement units (lower-cased) → normalised unit; figures with them are amounts.
MEASURE_UNITS: dict[str, str] = {
    "points": "points",
    "point": "points",
    "tonnes": "tonnes",
    "tonne": "tonnes",
    "tons": "tonnes",
    "ton": "tonnes",
    "metric tons": "tonnes",
    "kilograms": "kg",
    "kilogram": "kg",
    "kg": "kg",
    "kilometers": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometre": "km",
    "km": "km",
    "square kilometers": "km²",
    "square kilometres": "km²",
    "square meters": "m²",
    "square metres": "m²",
    "cubic meters": "m³",
    "cubic metres": "m³",
    "meters": "m",
    "metres": "m",
    "millimetres": "mm",
    "millimeters": "mm",
    "mm": "mm",
    "centimetres": "cm",
    "centimeters": "cm",
    "cm": "cm",
    "miles": "miles",
    "square miles": "square miles",
    "acres": "acres",
    "litres": "litres",
    "liters": "litres",
    "gallons": "gallons",
    "hectares": "hectares",
    "hectare": "hectares",
    "mu": "mu",
    "barrels": "barrels",
    "kilowatt-hours": "kWh",
    "kwh": "kWh",
    "gigawatts": "GW",
    "gw": "GW",
    "megawatts": "MW",
    "mw": "MW",
    "teu": "TEU",
    "teus": "TEU",
}

#: Qualifiers written before a number (lower-cased) → qualifier symbol.
QUALIFIERS_BEFORE: dict[str, str] = {
    "more than": ">=",
    "over": ">=",
    "exceeding": ">=",
    "exceeded": ">=",
    "exceeds": ">=",
    "exceed": ">=",
    "above": ">=",
    "at least": ">=",
    "in excess of": ">=",
    "upwards of": ">=",
    "no less than": ">=",
    "not less than": ">=",
    "surpassing": ">=",
    "surpassed": ">=",
    "topping": ">=",
    "topped": ">=",
    "about": "~",
    "nearly": "~",
    "around": "~",
    "approximately": "~",
    "roughly": "~",
    "almost": "~",
    "close to": "~",
    "some": "~",
    "an estimated": "~",
    "estimated": "~",
    "approx.": "~",
    "up to": "<=",
    "within": "<=",
    "less than": "<=",
    "fewer than": "<=",
    "under": "<=",
    "below": "<=",
    "at most": "<=",
    "no more than": "<=",
    "not more than": "<=",
}
#: Qualifiers written after a figure.
QUALIFIERS_AFTER: dict[str, str] = {
    "or more": ">=",
    "or so": "~",
    "or less": "<=",
    "or fewer": "<=",
}

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)


def alternation(words: dict[str, str] | dict[str, float] | frozenset[str]) -> str:
    """A regex alternation of `words`, longest first, each escaped, spaces made flexible."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


def normalise_key(text: str) -> str:
    """Lower-case `text` and collapse its whitespace, for dictionary look-ups."""
    return " ".join(text.lower().split())


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, as a frozenset."""
    return frozenset(text.split())


#: A qualifier right before a figure ("more than ", "about ") at the end of a searched span.
QUALIFIER_BEFORE_RE = re.compile(
    rf"(?<![A-Za-z])(?P<q>{alternation(QUALIFIERS_BEFORE)})\s+\Z", re.IGNORECASE
)
