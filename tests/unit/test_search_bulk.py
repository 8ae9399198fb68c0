"""The search's own evaluation of Whoosh's matcher trees gives exactly what Whoosh's collector
gives: the same turns, in the same order, with the same scores to the last bit, and the same
total; on the real sample and a synthetic library grown from it, over several segments and
with deleted turns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest
from whoosh import query as wq
from whoosh.collectors import TopCollector
from whoosh.formats import Positions

from search_index.index import LibraryIndex, whoosh_bulk
from search_index.index.query import parse_query
from search_index.index.whoosh_collect import collect_top, stored_fields
from search_index.index.whoosh_memo import SegmentMemo, memo_of
from search_index.index.whoosh_phrase import CheckedPhrase
from search_index.index.whoosh_postings import deltas_decoder
from search_index.index.whoosh_query import compile_query
from search_index.models import Transcript
from tests.support.synthetic import write_library

QUERIES = (
    "patent",
    "intellectual property",
    "protection",
    '"intellectual property"',
    '"intellectual property rights protection"',
    '"the patent"',
    "patent OR copyright",
    "patent AND copyright",
    "patent -copyright",
    "-patent",
    "NOT (patent OR copyright)",
    "(patent OR trademark) -squatting",
    "+patent copyright",
    "pro*",
    "pat*",
    "pa*",
    "tr?dem*rk",
    "pate*",
    '"intellectual property" OR pat*',
    'speaker:"Shen Changyu" patent',
    "speaker:shen",
    'asker:"China Daily" property',
    "kind:press financing",
    "kind:official",
    "date:[2020-01-01 TO 2021-06-30] protection",
    "date:2021 patent",
    "figure:percent",
    'speaker:"Yu Cike" -copyright',
    'transcript:"Press conference" patent',
    "patent protection copyright trademark squatting enforcement",
)


def whoosh_top(searcher: Any, query: Any, limit: int) -> tuple[list[tuple[float, int]], int]:
    """Whoosh's own collector, every match scored once (what the search used before)."""
    collector = TopCollector(limit=limit, usequality=False, replace=0)
    searcher.search_with_collector(query, collector)
    results = collector.results()
    return [(hit.score, hit.docnum) for hit in results], len(results)


@pytest.fixture(scope="module")
def index(
    tmp_path_factory: pytest.TempPathFactory, sample_transcript: Transcript, sample_file: Path
) -> Iterator[LibraryIndex]:
    """The sample and 120 synthetic briefings, added in three updates (three segments at
    least), then two briefings rewritten and one removed (deleted turns)."""
    root = tmp_path_factory.mktemp("bulk")
    library = root / "library"
    paths = write_library(sample_transcript, library, 120)
    index = LibraryIndex.open(root / "index")
    index.update([sample_file])
    index.update(paths[:60])
    index.update([sample_file, *paths])
    paths[0].write_text(paths[1].read_text(encoding="utf-8"), encoding="utf-8")
    paths[3].write_text(paths[3].read_text(encoding="utf-8") + "\nThe end.\n", encoding="utf-8")
    paths[70].write_text(paths[71].read_text(encoding="utf-8"), encoding="utf-8")
    paths[90].unlink()
    index.update([sample_file, *paths[:90], *paths[91:]])
    yield index
    index.close()


def test_the_index_has_several_segments_and_deleted_turns(index: LibraryIndex) -> None:
    searcher = index._kept.current(index._ix)
    leaves = [leaf for leaf, _offset in searcher.reader().leaf_readers()]
    assert len(leaves) >= 2
    assert any(leaf.has_deletions() for leaf in leaves)


@pytest.mark.parametrize("text", QUERIES)
def test_hits_order_scores_and_total_equal_whooshs_collector(
    index: LibraryIndex, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every posting list remembered, so that the second run reads the memo.
    monkeypatch.setattr(whoosh_bulk, "KEEP_FROM", 1)
    searcher = index._kept.current(index._ix)
    node = parse_query(text).node
    expected, expected_total = whoosh_top(searcher, compile_query(node), 50)
    for _run in range(2):
        top, total, partial = collect_top(searcher, compile_query(node), 50, None)
        assert not partial
        assert (top, total) == (expected, expected_total)
    assert total > 0


def test_searches_leave_frequent_words_filters_and_phrases_in_the_memo(
    index: LibraryIndex,
) -> None:
    searcher = index._kept.current(index._ix)
    node = parse_query('kind:press "intellectual property" patent').node
    collect_top(searcher, compile_query(node), 10, None)
    kinds = set()
    for leaf, _offset in searcher.reader().leaf_readers():
        kinds |= {key[0] for key in memo_of(leaf)._entries}
    assert {"filter", "phrase"} <= kinds


def test_a_memo_forgets_the_least_recently_used_beyond_its_budget() -> None:
    memo = SegmentMemo(10)
    memo.put("a", 1, 4)
    memo.put("b", 2, 4)
    assert memo.get("a") == 1  # "b" is now the least recently used
    memo.put("c", 3, 4)
    assert (memo.get("a"), memo.get("b"), memo.get("c"), memo.held) == (1, None, 3, 8)
    memo.put("huge", 4, 11)
    assert (memo.get("huge"), memo.held) == (None, 8)


@pytest.mark.parametrize(
    "value",
    [
        (3, {3: 1.5, 9: 0.1 + 0.2, 12: 7.0}),
        (0, frozenset({0, 5, 70000})),
        ([2, 4, 8], frozenset({2, 4, 8})),
        ([1, 6], [2.220446049250313e-16, 13.25]),
        ([], []),
        ("not", "a known shape"),
    ],
)
def test_a_memo_gives_back_what_it_was_given(value: Any) -> None:
    memo = SegmentMemo(100)
    memo.put("key", value, 3)
    assert memo.get("key") == value
    assert [type(part) for part in memo.get("key")] == [type(part) for part in value]


def test_a_limit_above_the_matches_lists_every_match(index: LibraryIndex) -> None:
    searcher = index._kept.current(index._ix)
    node = parse_query('"intellectual property"').node
    expected, expected_total = whoosh_top(searcher, compile_query(node), 100_000)
    top, total, _partial = collect_top(searcher, compile_query(node), 100_000, None)
    assert (top, total) == (expected, expected_total)
    assert len(top) == total


def test_stored_fields_are_read_from_each_turns_segment(index: LibraryIndex) -> None:
    searcher = index._kept.current(index._ix)
    reader = searcher.reader()
    docnums = [d for d in range(0, reader.doc_count_all(), 7) if not reader.is_deleted(d)]
    assert stored_fields(searcher, docnums) == [searcher.stored_fields(d) for d in docnums]


PHRASES = (
    '"intellectual property"',
    '"intellectual property rights"',
    '"property rights"',
    '"patent protection"',
    '"the patent office"',
    '"property intellectual"',
)


@pytest.mark.parametrize("text", PHRASES)
def test_a_phrase_matches_the_turns_whooshs_own_phrase_query_matches(
    index: LibraryIndex, text: str
) -> None:
    words = parse_query(text).node.terms  # type: ignore[attr-defined]
    searcher = index._kept.current(index._ix)
    own = {hit.docnum for hit in searcher.search(wq.Phrase("text", list(words)), limit=None)}
    ours, total, _partial = collect_top(searcher, CheckedPhrase("text", list(words)), 10**6, None)
    assert {docnum for _score, docnum in ours} == own
    assert total == len(own)


@pytest.mark.parametrize(
    ("field", "name"), [("speaker_text", "Shen Changyu"), ("asker_text", "China Daily")]
)
def test_a_name_filter_keeps_the_turns_whooshs_own_phrase_query_matches(
    index: LibraryIndex, field: str, name: str
) -> None:
    searcher = index._kept.current(index._ix)
    words = name.lower().split()
    own = {hit.docnum for hit in searcher.search(wq.Phrase(field, words), limit=None)}
    prefix = "speaker" if field == "speaker_text" else "asker"
    node = parse_query(f'{prefix}:"{name}"').node
    ours, total, _partial = collect_top(searcher, compile_query(node), 10**6, None)
    assert {docnum for _score, docnum in ours} == own
    assert total == len(own) > 0


def test_positions_decoded_together_equal_whooshs_one_by_one() -> None:
    positions = Positions()
    lists = [[], [0], [3, 4], list(range(0, 3000, 3)), [70000, 70001, 200000]]
    values = [positions.encode(where) for where in lists]
    values[1] = values[1].rstrip(b".")  # stored values may lack pickle's final stop
    decoded = deltas_decoder(positions)(values)
    assert [list(accumulate(deltas)) for deltas in decoded] == [
        positions.decode_positions(value) for value in values
    ]
    assert decoded[2] == [3, 1]


@pytest.mark.parametrize(
    ("text", "whooshs"),
    [
        (
            "date:[2020-01-01 TO 2021-06-30]",
            wq.DateRange(
                "date", dt.datetime(2020, 1, 1), dt.datetime(2021, 6, 30, 23, 59, 59, 999999)
            ),
        ),
        ("kind:press", wq.Term("kind", "press")),
        ("transcript:press", wq.Term("title", "press")),
    ],
)
def test_a_filter_keeps_the_turns_whooshs_own_query_matches(
    index: LibraryIndex, text: str, whooshs: Any
) -> None:
    searcher = index._kept.current(index._ix)
    own = {hit.docnum for hit in searcher.search(whooshs, limit=None)}
    ours, total, _partial = collect_top(
        searcher, compile_query(parse_query(text).node), 10**6, None
    )
    assert {docnum for _score, docnum in ours} == own
    assert total == len(own) > 0
