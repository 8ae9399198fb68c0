"""Search history: bounded, each query once, newest first, saved between sessions."""

from __future__ import annotations

import json
from pathlib import Path

from search_index.history import HISTORY_LIMIT, HistoryWalk, SearchHistory


def test_queries_are_kept_newest_first_each_once() -> None:
    history = SearchHistory()
    for query in ["patent", "pledge  financing", "copyright", " patent "]:
        history.record(query)
    assert history.queries == ("patent", "copyright", "pledge financing")
    assert history.record("patent") is False  # already the newest
    assert history.record("   ") is False
    assert len(history) == 3


def test_the_history_is_bounded() -> None:
    history = SearchHistory(limit=3)
    for number in range(5):
        history.record(f"q{number}")
    assert history.queries == ("q4", "q3", "q2")
    assert HISTORY_LIMIT == 200


def test_the_history_is_saved_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "config" / "history.json"
    history = SearchHistory(path=path)
    history.record("date:2021-04 patent")
    history.record("“dual insurance”")
    assert history.save() == path
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "version": 1,
        "queries": ["“dual insurance”", "date:2021-04 patent"],
    }
    assert SearchHistory.load(path).queries == ("“dual insurance”", "date:2021-04 patent")
    assert SearchHistory(path=None).save() is None


def test_a_bad_history_file_gives_an_empty_history(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    assert SearchHistory.load(path).queries == ()
    path.write_text("[1, 2", encoding="utf-8")
    assert SearchHistory.load(path).queries == ()
    path.write_text('{"queries": ["a", 3, "a", "b", ""]}', encoding="utf-8")
    assert SearchHistory.load(path).queries == ("a", "b")
    path.write_bytes(b"\xff\xfe\x00")
    assert SearchHistory.load(path).queries == ()


def test_walking_up_and_down_comes_back_to_the_draft() -> None:
    walk = HistoryWalk(["copyright", "patent", "pledge"], draft="pat")
    assert walk.newer() is None
    assert [walk.older(), walk.older(), walk.older(), walk.older()] == [
        "copyright",
        "patent",
        "pledge",
        None,
    ]
    assert [walk.newer(), walk.newer(), walk.newer(), walk.newer()] == [
        "patent",
        "copyright",
        "pat",
        None,
    ]


def test_the_query_in_the_box_is_stepped_over() -> None:
    walk = HistoryWalk(["patent", "copyright"], draft="patent")
    assert walk.older() == "copyright"
    assert walk.older() is None
    assert walk.newer() == "patent"
