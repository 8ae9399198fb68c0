"""The header's title is found in work linear in the header's lines.

Each line that might continue the title used to test the whole title so far for an event
word: a 60 KB file whose front matter was not read (5,700 short lines, each taken as a wrap
of the one before) took 22 CPU s in the header alone (the fuzz run of issue 15).
"""

from __future__ import annotations

import pytest

from search_index.parser import header
from search_index.parser.dates import DayMonthOrder
from search_index.parser.header import _read, _title_lines


class _CountingPattern:
    def __init__(self, pattern: object) -> None:
        self.pattern = pattern
        self.characters = 0

    def search(self, text: str) -> object:
        self.characters += len(text)
        return self.pattern.search(text)  # type: ignore[attr-defined]


def test_a_long_wrapped_title_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["Press conference on trade", *(["k: v"] * 2_000)]
    read = [_read(text, DayMonthOrder()) for text in lines]
    counting = _CountingPattern(header._EVENT)
    monkeypatch.setattr(header, "_EVENT", counting)
    assert _title_lines(read) == list(range(len(lines)))
    assert counting.characters <= 2 * sum(len(text) for text in lines)
