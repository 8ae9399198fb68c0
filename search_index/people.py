"""The people of a library's press exchanges, and filtering the exchanges by one of them.

Three roles, as a reader looks for them: the *official* who answered (any speaker of the
answer turns), the *outlet* a question came from (the news organisation, when the
transcript names it) and the *asker*, the reporter who put it, when the transcript names a
person rather than only an outlet (anonymous labels such as "Q" or "Journalist" are not
people). Names match whole, ignoring case and spacing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from search_index.models import Exchange, Transcript
from search_index.parser.label_text import is_press_word

PersonRole = Literal["official", "outlet", "asker"]
"""Who a filter follows: the answering official, the asking outlet, or the reporter."""

PERSON_ROLES: tuple[PersonRole, ...] = get_args(PersonRole)

#: How each role reads before a name ("answered by Shen Changyu").
ROLE_WORDS: dict[PersonRole, str] = {
    "official": "answered by",
    "outlet": "asked by outlet",
    "asker": "asked by",
}


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def exchange_outlet(exchange: Exchange) -> str | None:
    """The outlet an exchange's question came from, if the transcript names one."""
    return exchange.outlet or None


def exchange_asker(exchange: Exchange) -> str | None:
    """The reporter who asked, when named as a person (not only an outlet, not "Q")."""
    asker = " ".join(exchange.asker.split())
    if not asker or is_press_word(asker):
        return None
    if exchange.outlet and _same_name(exchange.outlet) == _same_name(asker):
        return None
    return asker


@dataclass(frozen=True)
class PersonFilter:
    """Only the exchanges where `name` had the part `role`."""

    role: PersonRole
    name: str

    def matches(self, exchange: Exchange) -> bool:
        """True when `name` answered (official), asked (asker) or sent (outlet) `exchange`."""
        wanted = _same_name(self.name)
        if self.role == "official":
            return any(_same_name(name) == wanted for name in exchange.answered_by)
        found = exchange_outlet(exchange) if self.role == "outlet" else exchange_asker(exchange)
        return found is not None and _same_name(found) == wanted

    def describe(self) -> str:
        """The filter in words: "answered by Shen Changyu", "asked by outlet Reuters"."""
        return f"{ROLE_WORDS[self.role]} {self.name}"


@dataclass(frozen=True)
class Person:
    """Someone who answered, asked or sent questions, and how many, in how many briefings."""

    role: PersonRole
    name: str
    questions: int
    briefings: int

    @property
    def filter(self) -> PersonFilter:
        """The filter that keeps this person's exchanges."""
        return PersonFilter(self.role, self.name)


def _names(role: PersonRole, exchange: Exchange) -> Iterable[str]:
    if role == "official":
        return dict.fromkeys(" ".join(name.split()) for name in exchange.answered_by)
    found = exchange_outlet(exchange) if role == "outlet" else exchange_asker(exchange)
    return () if found is None else (" ".join(found.split()),)


def library_people(transcripts: Iterable[Transcript]) -> list[Person]:
    """Everyone with a part in the library's exchanges: officials, then outlets, then
    askers, each by questions (most first), then name. A transcript counts once."""
    people: list[Person] = []
    unique = list({transcript.id: transcript for transcript in transcripts}.values())
    for role in PERSON_ROLES:
        questions: Counter[str] = Counter()
        briefings: Counter[str] = Counter()
        spelling: dict[str, str] = {}
        for transcript in unique:
            here: set[str] = set()
            for exchange in transcript.exchanges:
                for name in _names(role, exchange):
                    key = _same_name(name)
                    spelling.setdefault(key, name)
                    questions[key] += 1
                    here.add(key)
            briefings.update(here)
        ranked = sorted(questions, key=lambda key: (-questions[key], key))
        people += [Person(role, spelling[key], questions[key], briefings[key]) for key in ranked]
    return people
