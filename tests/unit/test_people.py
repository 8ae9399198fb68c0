"""The people of a library's exchanges (officials, outlets, reporters) and the person filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index.library import iter_library
from search_index.models import Transcript
from search_index.parser import load_transcript
from search_index.people import Person, PersonFilter, exchange_asker, library_people


@pytest.fixture(scope="module")
def two_ipr_briefings() -> list[Transcript]:
    folder = Path(__file__).parents[1] / "data" / "insights_library"
    return [step.transcript for step in iter_library([folder]) if step.transcript is not None]


def test_people_of_two_briefings_by_role_then_questions(
    two_ipr_briefings: list[Transcript],
) -> None:
    assert library_people(two_ipr_briefings) == [
        Person("official", "Shen Changyu", 3, 2),
        Person("official", "He Zhimin", 2, 1),
        Person("official", "Yu Cike", 1, 1),
        Person("outlet", "China Daily", 3, 2),
        Person("outlet", "Phoenix TV", 1, 1),
        Person("outlet", "Xinhua News Agency", 1, 1),
    ]


def test_a_briefing_read_twice_counts_once(two_ipr_briefings: list[Transcript]) -> None:
    twice = two_ipr_briefings + two_ipr_briefings
    assert library_people(twice) == library_people(two_ipr_briefings)


def test_the_filter_keeps_the_exchanges_of_one_person(
    two_ipr_briefings: list[Transcript],
) -> None:
    def kept(person: PersonFilter) -> list[tuple[str, int]]:
        return [
            (t.date.isoformat() if t.date else "", e.index)
            for t in two_ipr_briefings
            for e in t.exchanges
            if person.matches(e)
        ]

    assert kept(PersonFilter("official", "Shen Changyu")) == [
        ("2020-04-24", 0),
        ("2021-04-25", 1),
        ("2021-04-25", 2),
    ]
    assert kept(PersonFilter("official", "  shen   CHANGYU ")) == kept(
        PersonFilter("official", "Shen Changyu")
    )
    assert kept(PersonFilter("outlet", "China Daily")) == [
        ("2020-04-24", 0),
        ("2021-04-25", 0),
        ("2021-04-25", 2),
    ]
    # the asker of these is an outlet, not a person: no "asked by China Daily"
    assert kept(PersonFilter("asker", "China Daily")) == []
    assert PersonFilter("official", "Yu Cike").describe() == "answered by Yu Cike"
    assert PersonFilter("outlet", "Reuters").describe() == "asked by outlet Reuters"
    assert PersonFilter("asker", "Anna Berg").describe() == "asked by Anna Berg"


def test_named_reporters_are_askers_and_their_outlets_outlets(data_dir: Path) -> None:
    inline = load_transcript(data_dir / "conventions" / "inline-outlets.txt")
    anonymous = load_transcript(data_dir / "conventions" / "anonymous-questions.txt")
    people = library_people([inline, anonymous])
    assert [(p.role, p.name, p.questions) for p in people] == [
        (
            "official",
            "Press Secretary Mills",
            5,
        ),
        ("official", "Minister Chen Li", 2),
        ("official", "Secretary Ruth Gold", 1),
        ("outlet", "ABC News", 1),
        ("outlet", "Reuters", 1),
        ("asker", "Maria", 3),
        ("asker", "Peter", 2),
        ("asker", "Anna Berg", 1),
        ("asker", "Tom Reed", 1),
    ]
    tom = PersonFilter("asker", "Tom Reed")
    assert [e.index for e in inline.exchanges if tom.matches(e)] == [1]


def test_anonymous_labels_are_nobody(sample_transcript: Transcript) -> None:
    exchange = sample_transcript.exchanges[0].model_copy(update={"asker": "Q", "outlet": None})
    assert exchange_asker(exchange) is None
    assert not PersonFilter("asker", "Q").matches(exchange)
