"""Streamed JSON lists are byte for byte what `json.dumps(indent=2)` writes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tui.cli import output
from tui.cli.output import print_json, stream_json_list


def _both(items: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    print_json(items)
    whole = capsys.readouterr().out
    stream_json_list(iter(items))
    return whole, capsys.readouterr().out


@pytest.mark.parametrize(
    "items",
    [
        [],
        [{}],
        [{"a": 1}],
        [
            {
                "text": "é “quoted” \\ / \u2028 \x1b \x7f 中文",
                "value": 1.8e10,
                "low": None,
                "big": 2.5e16,
                "third": 1 / 3,
                "neg": -0.5,
                "inf": float("inf"),
                "flag": True,
            }
        ],
        [{"tiny": 1e-05, "n": 1}, {"tiny": 0.0001, "zero": 0.0, "small": -3.2e-07}],
    ],
    ids=["empty", "empty-object", "one", "strings-and-floats", "tiny-floats"],
)
def test_same_bytes_as_json_dumps(
    items: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    whole, streamed = _both(items, capsys)
    assert streamed == whole


def test_many_chunks(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_CHUNK", 3)
    items = [{"i": i, "value": i / 7, "tiny": 1e-6 if i == 5 else 0.5} for i in range(10)]
    whole, streamed = _both(items, capsys)
    assert streamed == whole
    assert json.loads(streamed) == items


def test_the_list_is_read_lazily(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each chunk is written before the next is read: the list is never held whole."""
    monkeypatch.setattr(output, "_CHUNK", 2)
    written_before: list[int] = []

    def items() -> Any:
        for i in range(6):
            written_before.append(len(capsys.readouterr().out))
            yield {"i": i}

    stream_json_list(items())
    assert written_before[0] == 0
    assert all(n > 0 for n in written_before[2::2])  # a chunk went out before each new one
