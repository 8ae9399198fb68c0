"""Label variants: which labels merge into one speaker, and the bound on the work it takes.

Every pair of distinct labels used to be compared (a fuzzy string match each): a 200 KB
briefing whose 1,000 questions each come from a different reporter took half a minute to
parse, a 1 MB one hours (issue 15: any input under 1 MB parses in seconds).
"""

from __future__ import annotations

import pytest

from search_index.parser import speakers
from search_index.parser.speakers import MAX_COMPARED_LABELS, SpeakerResolver

GIVEN = [
    "Amelia",
    "Bruno",
    "Chidi",
    "Dmitri",
    "Esther",
    "Farouk",
    "Greta",
    "Hiroshi",
    "Ingrid",
    "Jamal",
    "Katya",
    "Lorenzo",
    "Mei",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sven",
    "Tamar",
    "Umberto",
    "Vera",
    "Wanjiru",
    "Xavier",
    "Yusuf",
]
FAMILY = [
    "Abbott",
    "Brennan",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fujita",
    "Gallagher",
    "Horvath",
    "Iqbal",
    "Jankowski",
    "Kowalczyk",
    "Lindqvist",
    "Mbeki",
    "Nakamura",
    "Okonkwo",
    "Petrov",
    "Quispe",
    "Rasmussen",
    "Santoro",
    "Takahashi",
    "Ueda",
    "Valdez",
    "Whitfield",
    "Xu",
    "Yamamoto",
]
#: 625 reporters, each named once, no two alike.
CROWD = [f"{given} {family}" for family in FAMILY for given in GIVEN]


def canonical_names(labels: list[str]) -> dict[str, str]:
    resolver = SpeakerResolver([])
    resolver.learn(labels)
    return {label: resolver.canonical(label) for label in labels}


def test_variants_merge_into_the_fullest_most_used_form() -> None:
    labels = ["FOREIGN MINISTER", "FM", "FOREIGN MINSTER", "REPORTER", "REPTR", "REPORTER"]
    names = canonical_names(labels)
    assert set(names.values()) == {"Foreign Minister", "Reporter"}


def test_labels_differing_only_in_punctuation_merge_however_many_speakers() -> None:
    labels = [*CROWD, "Yusuf Yamamoto-", "AMELIA ABBOTT"]
    names = canonical_names(labels)
    assert names["Yusuf Yamamoto-"] == names["Yusuf Yamamoto"]
    assert names["AMELIA ABBOTT"] == names["Amelia Abbott"]
    assert len(set(names.values())) == len(CROWD)


def test_the_fuzzy_comparisons_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = 0
    variants = speakers._variants

    def counting(a: str, b: str) -> bool:
        nonlocal compared
        compared += 1
        return variants(a, b)

    monkeypatch.setattr(speakers, "_variants", counting)
    crowd = [
        f"Reporter {a} {b}"
        for a in "ABCDEFGHIJKLMNOPQRSTUVWXY"
        for b in "abcdefghijklmnopqrstuvwxy"
    ]
    canonical_names(crowd)
    assert len(crowd) == 625
    assert compared == MAX_COMPARED_LABELS * (MAX_COMPARED_LABELS - 1) // 2
