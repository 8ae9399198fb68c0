"""What a query may cost: bounded nesting, terms and expansions, and a time budget that
returns the best hits found so far, marked as partial."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import search_index.index.whoosh_speedups as speedups
from search_index.errors import QueryError
from search_index.index import LibraryIndex, parse_query
from search_index.index.query import MAX_DEPTH, MAX_PATTERNS, MAX_TERMS, Terms


def test_four_hundred_nested_brackets_are_refused_in_one_line() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query("(" * 400 + "growth" + ")" * 400)
    assert str(caught.value) == (
        f"the query nests brackets, NOT, - or + more than {MAX_DEPTH} deep: write it more simply"
    )
    assert parse_query("(" * MAX_DEPTH + "growth" + ")" * MAX_DEPTH).node == Terms(
        "text", ("growth",)
    )


def test_a_long_chain_of_negations_is_refused_too() -> None:
    with pytest.raises(QueryError, match="more than 32 deep"):
        parse_query("NOT " * 200 + "growth")


def test_a_word_repeated_is_searched_once() -> None:
    assert parse_query(" ".join(["growth"] * 500)).node == Terms("text", ("growth",))
    assert parse_query(" OR ".join(["s*"] * 100)).node == parse_query("s*").node


def test_too_many_terms_are_refused() -> None:
    many = " OR ".join(f"word{i}" for i in range(MAX_TERMS + 1))
    with pytest.raises(QueryError) as caught:
        parse_query(many)
    assert str(caught.value) == (
        f"the query has {MAX_TERMS + 1} different search terms; at most {MAX_TERMS} are "
        "searched at once: split it into several searches"
    )
    parse_query(" OR ".join(f"word{i}" for i in range(MAX_TERMS)))


def test_too_many_prefixes_are_refused() -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(" ".join(f"a{i}*" for i in range(MAX_PATTERNS + 1)))
    assert str(caught.value) == (
        f"the query has {MAX_PATTERNS + 1} prefixes or wildcards (word*, w?rd); at most "
        f"{MAX_PATTERNS} are searched at once"
    )


def test_a_huge_query_is_refused() -> None:
    with pytest.raises(QueryError, match=r"^the query is 20,000 characters long; at most 10,000"):
        parse_query("ab " * 6_000 + "cd" * 1_000)


def test_a_prefix_with_too_many_words_is_refused(
    library_index: LibraryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    import search_index.index.whoosh_query as whoosh_query

    monkeypatch.setattr(whoosh_query, "MAX_EXPANSIONS", 3)
    with pytest.raises(QueryError) as caught:
        library_index.search("pro*")
    assert str(caught.value).startswith("pro* stands for ")
    assert str(caught.value).endswith(
        " different words in the index; at most 3 are searched at once: give more letters"
    )


@pytest.fixture()
def two_segments(tmp_path: Path, sample_file: Path, library_dir: Path) -> LibraryIndex:
    index = LibraryIndex.open(tmp_path / "index")
    index.update([sample_file])
    index.update([library_dir / "2021"])  # a second segment
    return index


class FakeClock:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.ticks = itertools.count()

    def monotonic(self) -> float:
        return float(next(self.ticks))


def test_a_search_out_of_time_returns_the_best_hits_so_far_marked_partial(
    two_segments: LibraryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = two_segments.search("questions", limit=50)
    assert not whole.partial
    monkeypatch.setattr(speedups, "time", FakeClock())
    # Read at 0 (deadline 1.5), at 1 before the first segment, at 2 before the second.
    cut = two_segments.search("questions", limit=50, time_limit=1.5)
    assert cut.partial
    first_segment = [hit for hit in whole.hits if hit.transcript == "31a75f1c6b67cac6"]
    assert 0 < cut.total == len(first_segment) < whole.total
    assert {(hit.transcript, hit.turn) for hit in cut.hits} == {
        (hit.transcript, hit.turn) for hit in first_segment
    }


def test_no_time_at_all_is_a_partial_empty_answer(library_index: LibraryIndex) -> None:
    results = library_index.search("patent", time_limit=0)
    assert (results.partial, results.total, results.hits) == (True, 0, ())


def test_a_recursion_error_while_searching_is_not_called_damage(
    library_index: LibraryIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    def too_deep(self: LibraryIndex, *args: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(LibraryIndex, "_run", too_deep)
    with pytest.raises(QueryError) as caught:
        library_index.search("patent")
    assert str(caught.value) == "the query is nested too deeply to run: use fewer brackets"
    assert not (library_index.index_dir / "damaged").exists()
