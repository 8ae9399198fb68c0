"""JSON output is byte for byte what `json.dumps(data, ensure_ascii=False, indent=2)` writes,
whole or streamed a chunk at a time (`search_index.json_text`, used by `tui.cli.output`)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search_index import json_text
from search_index.json_text import dumps
from search_index.json_text import json_text as whole_text
from tui.cli.output import print_json, stream_json_list


def reference(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


TRICKY: list[Any] = [
    [],
    {},
    [{}],
    [[]],
    {"a": {}, "b": [], "c": [[], {}]},
    [{"a": 1}],
    {1: "int key", "x": None},
    [
        {
            "text": "é “quoted” \\ / \u2028 \x1b \x7f \x00 \t\n 中文 😀",
            "value": 1.8e10,
            "low": None,
            "big": 2.5e16,
            "huge": 1e300,
            "third": 1 / 3,
            "neg": -0.5,
            "minus-zero": -0.0,
            "inf": float("inf"),
            "nan": float("nan"),
            "flag": True,
        }
    ],
    [{"tiny": 1e-05, "n": 1}, {"tiny": 0.0001, "zero": 0.0, "small": -3.2e-07}],
    {"looks tiny": "2e-5 and 0.00001 in a string", "deep": [[{"x": 2.5e-7}]]},
    # Prose full of "e-" (never after a digit) beside a tiny float, and one alone.
    {"prose": "e-commerce, a re-run, Five-Year e-2", "tiny": 7e-05},
    {"prose": "e-commerce, a re-run, Five-Year e-2 and 3 e-5", "n": 1},
    [3e-5, "e-5"],
    {"lone surrogate": "a\ud800b", "fine": "ok"},
]


@pytest.mark.parametrize("data", TRICKY, ids=lambda d: repr(d)[:30])
def test_same_bytes_as_json_dumps(data: Any, capsys: pytest.CaptureFixture[str]) -> None:
    expected = reference(data)
    assert whole_text(data) == expected
    assert dumps(data) == expected
    if "\ud800" in expected:  # no UTF-8 for a lone surrogate: not printable, then or now
        return
    print_json(data)
    assert capsys.readouterr().out == expected + "\n"
    if isinstance(data, list):
        stream_json_list(iter(data))
        assert capsys.readouterr().out == expected + "\n"


def test_many_chunks_at_every_depth(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_text, "CHUNK", 3)
    monkeypatch.setattr(json_text, "STREAM_FROM", 3)
    items = [{"i": i, "value": i / 7, "tiny": 1e-6 if i == 5 else 0.5} for i in range(10)]
    data = {"title": "t", "turns": items, "nested": {"more": list(range(7)), "few": [1, 2]}}
    for value in (items, data, [data, data]):
        assert dumps(value) == reference(value)
    stream_json_list(iter(items))
    assert capsys.readouterr().out == reference(items) + "\n"


def test_the_list_is_read_lazily(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each chunk is written before the next is read: the list is never held whole."""
    monkeypatch.setattr(json_text, "CHUNK", 2)
    written_before: list[int] = []

    def items() -> Any:
        for i in range(6):
            written_before.append(len(capsys.readouterr().out))
            yield {"i": i}

    stream_json_list(items())
    assert written_before[0] == 0
    assert all(n > 0 for n in written_before[2::2])  # a chunk went out before each new one


@pytest.mark.parametrize(
    "text",
    [
        "",
        "e-",
        "1e-5",
        "e-5",
        "1e-",
        "year-on-year e-commerce one-off",
        "2.5e-07",
        "0.00001",
        "0.0001",
        "x1e-x",
        "١e-٥",  # other digits: the pattern's [0-9] is ASCII only
        "e-e-1e-1",
        "1e-e-1",
    ],
)
def test_what_may_differ_is_found_as_the_pattern_finds_it(text: str) -> None:
    """`_may_differ` looks with substring searches for what the pattern matches."""
    assert json_text._may_differ(text) is (json_text._MAY_DIFFER.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789e-.x ١", max_size=40))
def test_what_may_differ_agrees_with_the_pattern_on_any_text(text: str) -> None:
    assert json_text._may_differ(text) is (json_text._MAY_DIFFER.search(text) is not None)
