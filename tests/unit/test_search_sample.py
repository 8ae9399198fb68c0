"""Searching a small library (the sample and a second briefing): each query form, the hits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from search_index.errors import QueryError
from search_index.index import LibraryIndex, SearchResults
from search_index.models import SpeakerKind

SAMPLE = "31a75f1c6b67cac6"
MFA = "adac0ab91afba6f2"


def turns(results: SearchResults) -> list[tuple[str, int]]:
    return [(hit.transcript[:4], hit.turn) for hit in results.hits]


def test_the_library_holds_two_transcripts(library_index: LibraryIndex, library_dir: Path) -> None:
    assert library_index.sources() == [
        library_dir / "2021" / "mfa-2021-06-15-briefing.txt",
        library_dir / "scio-2021-04-25-ipr-briefing.txt",
    ]
    assert library_index.turn_count == 31


# The sample facts of the issue.


def test_pledge_financing_ranks_a_shen_changyu_turn_first(library_index: LibraryIndex) -> None:
    results = library_index.search('"pledge financing"')
    assert results.hits[0].speaker == "Shen Changyu"
    assert results.hits[0].turn == 11
    assert results.total == 5


def test_yu_cike_on_copyright_returns_only_his_turns(library_index: LibraryIndex) -> None:
    results = library_index.search('speaker:"Yu Cike" copyright')
    assert [hit.turn for hit in results.hits] == [9, 17]
    assert {hit.speaker for hit in results.hits} == {"Yu Cike"}


def test_squatting_finds_he_zhimin(library_index: LibraryIndex) -> None:
    results = library_index.search("squatting")
    assert "He Zhimin" in [hit.speaker for hit in results.hits]
    assert turns(results) == [("adac", 4), ("31a7", 12), ("31a7", 14)]


def test_patented_finds_at_least_five_turns_of_the_sample(library_index: LibraryIndex) -> None:
    results = library_index.search(f"patented transcript:{SAMPLE}")
    assert [hit.turn for hit in results.hits] == [6, 21, 1, 5, 11, 4]


# Each query form.


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("patented", 9),
        ("patent", 9),
        ("Patents", 9),
        ("vaccines OR squatting", 5),
        ("vaccines squatting", 0),
        ("vaccines AND waiver", 2),
        ("squatting -trademark", 0),
        ("squatting NOT kind:official", 1),
        ("vaccin*", 2),
        ("wai?er", 2),
        ('"technology transfer"', 2),
        ('"transfer technology"', 0),
    ],
)
def test_word_phrase_boolean_and_wildcard_counts(
    library_index: LibraryIndex, query: str, expected: int
) -> None:
    assert library_index.search(query).total == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('speaker:"Lin Qiao"', [("adac", 2), ("adac", 4)]),
        ("speaker:lin", [("adac", 2), ("adac", 4)]),
        ("outlet:xinhua", [("31a7", 22), ("31a7", 23), ("adac", 1), ("adac", 2)]),
        ("asker:Reuters", [("adac", 3), ("adac", 4)]),
        ('asker:"Phoenix TV"', [("31a7", 12), ("31a7", 13), ("31a7", 14)]),
        (
            "kind:moderator",
            [("31a7", 0), ("31a7", 2), ("31a7", 24), ("adac", 0), ("adac", 5)],
        ),
        ("date:2021-06-15", [("adac", i) for i in range(6)]),
        ("date:[2021-01-01 TO 2021-05-31] squatting", [("31a7", 12), ("31a7", 14)]),
        ("date:2021-06 squatting", [("adac", 4)]),
        ("date:2019", []),
        ("transcript:adac0ab9", [("adac", i) for i in range(6)]),
        ('transcript:"foreign affairs"', [("adac", i) for i in range(6)]),
        ("figure:yuan", [("31a7", 1), ("31a7", 11), ("31a7", 21)]),
        ('figure:"18 billion yuan"', [("31a7", 1)]),
        ("patent kind:press", [("31a7", 5), ("adac", 1)]),
    ],
)
def test_field_filters(library_index: LibraryIndex, query: str, expected: list[Any]) -> None:
    assert turns(library_index.search(query)) == expected


def test_a_filter_alone_lists_turns_in_order(library_index: LibraryIndex) -> None:
    results = library_index.search('speaker:"Yu Cike"')
    assert [hit.turn for hit in results.hits] == [9, 17]
    assert [hit.score for hit in results.hits] == [0.0, 0.0]  # filters add nothing


# Hits.


def test_a_hit_carries_its_turn_exchange_and_transcript(
    library_index: LibraryIndex, library_dir: Path
) -> None:
    hit = library_index.search('"pledge financing"').hits[0]
    assert hit.transcript == SAMPLE
    assert hit.title.startswith("SCIO briefing on implementing the Outline")
    assert hit.date == dt.date(2021, 4, 25)
    assert hit.source == str(library_dir / "scio-2021-04-25-ipr-briefing.txt")
    assert (hit.turn, hit.speaker, hit.speaker_kind) == (11, "Shen Changyu", SpeakerKind.OFFICIAL)
    assert (hit.exchange, hit.asker) == (3, "China Financial and Economic News")
    assert hit.score > 0


def test_turns_outside_exchanges_have_no_asker(library_index: LibraryIndex) -> None:
    hit = library_index.search(f"transcript:{MFA} kind:moderator").hits[0]
    assert (hit.turn, hit.exchange, hit.asker) == (0, None, None)


def test_snippets_mark_the_matched_words(library_index: LibraryIndex) -> None:
    results = library_index.search('"pledge financing" OR squatting')
    for hit in results.hits:
        marked = [hit.snippet[a:b].lower() for a, b in hit.matches]
        assert marked, hit
        assert set(marked) <= {"pledge financing", "squatting"}
    first = results.hits[0]
    assert first.snippet.startswith("…First, we have vigorously promoted intellectual property")
    assert "\n" not in first.snippet


def test_snippets_only_for_the_first_hits(library_index: LibraryIndex) -> None:
    results = library_index.search("patent", limit=5, snippets=2)
    assert len(results.hits) == 5
    assert results.total == 9
    assert [bool(hit.snippet) for hit in results.hits] == [True, True, False, False, False]
    assert all(hit.matches == () for hit in results.hits[2:])


def test_a_filter_only_hit_shows_the_start_of_the_turn(library_index: LibraryIndex) -> None:
    hit = library_index.search("asker:Reuters").hits[0]
    assert hit.snippet == (
        "Some companies say their trademarks were registered by squatters in overseas "
        "markets. Does the ministry offer help?"
    )
    assert hit.matches == ()


def test_hits_serialise_to_the_json_contract(library_index: LibraryIndex) -> None:
    hit = library_index.search("squatting").hits[0]
    data = hit.to_json_dict()
    assert data["transcript"] == MFA
    assert data["turn"] == 4
    assert data["speaker"] == "Lin Qiao"
    assert data["speaker_kind"] == "official"
    assert data["exchange"] == 1
    assert data["asker"] == "Reuters"
    assert data["date"] == "2021-06-15"
    assert isinstance(data["score"], float)
    assert data["snippet"].startswith("Our embassies help companies that face trademark squatting")
    assert data["matches"] == [[49, 58]]
    assert data["snippet"][49:58] == "squatting"


def test_repairs_are_noted_on_the_results(library_index: LibraryIndex) -> None:
    results = library_index.search('"pledge financing')
    assert results.note == "closed an unbalanced quote"
    assert results.hits[0].turn == 11
    assert library_index.search("squatting").note is None


def test_an_unusable_query_raises(library_index: LibraryIndex) -> None:
    with pytest.raises(QueryError, match="nothing to search for"):
        library_index.search("AND *")


def test_no_hits_is_an_empty_result(library_index: LibraryIndex) -> None:
    results = library_index.search("zeppelin")
    assert (results.hits, results.total, results.note) == ((), 0, None)


@pytest.mark.parametrize(
    "query", ["patent OR copyright", "patent OR copyright OR squatting", "patent -copyright"]
)
def test_the_total_counts_every_match_whatever_the_limit(
    library_index: LibraryIndex, query: str
) -> None:
    everything = library_index.search(query, limit=1000)
    assert everything.total == len(everything.hits)
    for limit in (1, 2, 5):
        results = library_index.search(query, limit=limit)
        assert results.total == everything.total
        assert [h.turn for h in results.hits] == [h.turn for h in everything.hits[:limit]]
