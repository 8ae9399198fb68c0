"""Keyword in context: stemmed matching like search, order, context cutting and alignment."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search_index.errors import InputError, QueryError
from search_index.insights.kwic import kwic, left_context, right_context, term_query
from search_index.library import load_library
from search_index.models import Transcript
from tests.support.insights import LIBRARY, transcript


@pytest.fixture(scope="module")
def transcripts() -> list[Transcript]:
    return load_library([LIBRARY]).transcripts


def test_term_query() -> None:
    assert term_query("patent") == "patent"
    assert term_query('  "pledge   financing" ') == '"pledge financing"'
    assert term_query("Patent*") == "patent*"
    assert term_query("figure:yuan") == '"figure yuan"'
    assert term_query("(patents)") == "patents"
    for bad, message in (
        ("", "nothing to look for"),
        (" -- ", "nothing to look for"),
        ("the", "has no searchable words"),
        ("*", "matches everything"),
    ):
        with pytest.raises(QueryError, match=message):
            term_query(bad)


def test_a_stemmed_term_finds_every_form_in_transcript_and_position_order(
    transcripts: list[Transcript],
) -> None:
    result = kwic(list(reversed(transcripts)), "patent", width=30)
    assert [(line.transcript_id[:4], line.turn, line.match) for line in result.lines] == [
        ("eec9", 1, "patent"),
        ("eec9", 1, "patent"),
        ("eec9", 6, "patent"),
        ("eec9", 7, "Patent"),
        ("ebf0", 0, "patent"),
        ("ebf0", 1, "patents"),
        ("ebf0", 1, "Patent"),
        ("ebf0", 3, "patented"),
        ("ebf0", 4, "patents"),
        ("ebf0", 6, "patents"),
        ("ebf0", 6, "patent"),
        ("ebf0", 6, "patents"),
        ("ebf0", 7, "patents"),
    ]
    by_id = {t.id: t for t in transcripts}
    for line in result.lines:
        assert by_id[line.transcript_id].turns[line.turn].text[line.start : line.end] == line.match
    assert result.lines[0].speaker == "Shen Changyu"
    assert result.lines[0].date == dt.date(2020, 4, 24)


def test_lines_are_aligned_on_the_keyword(transcripts: list[Transcript]) -> None:
    result = kwic(transcripts, "patent", width=30)
    assert result.match_width == len("patented")
    lines = result.aligned_lines()
    assert lines[:4] == [
        "…In 2019, the total amount of   patent     and trademark pledge…",
        " …of 23.8%. We handled 42,000   patent     infringement cases.",
        "                   What about   patent     protection in rural areas?",
        "                                Patent     protection reached more…",
    ]
    # The keyword starts in the same column on every line, and so does the right context.
    for line, kwic_line in zip(lines, result.lines, strict=True):
        assert line[32 : 32 + len(kwic_line.match)] == kwic_line.match
        assert line[32 + 8 + 2 :].startswith(kwic_line.right[:5])
        assert len(kwic_line.left) <= 30 and len(kwic_line.right) <= 30


def test_a_phrase_matches_in_order_across_case_and_paragraphs(
    transcripts: list[Transcript],
) -> None:
    result = kwic(transcripts, "pledge financing", width=20)
    assert [line.match for line in result.lines] == [
        "pledge financing",
        "pledge financing",
        "pledge financing",
        "Pledge financing",
        "pledge financing",
        "pledge financing",
        "Pledge financing",
    ]
    assert result.query == '"pledge financing"'
    assert (result.lines[0].left, result.lines[0].right) == (
        "…and trademark ",
        " reached 151.5…",
    )
    made = transcript("x", None, [("A", "first pledge\n\nfinancing here")])
    found = kwic([made], "pledge financing", width=20).lines
    assert [(f.start, f.end, f.match, f.left, f.right) for f in found] == [
        (6, 23, "pledge financing", "first ", " here")
    ]


def test_context_cutting() -> None:
    text = "alpha beta gamma delta KEY epsilon zeta eta theta"
    assert left_context(text, 23, 10) == "…delta "
    assert left_context(text, 23, 30) == "alpha beta gamma delta "
    assert right_context(text, 26, 10) == " epsilon…"
    assert right_context(text, 26, 30) == " epsilon zeta eta theta"
    assert left_context(text, 0, 10) == ""
    assert right_context(text, len(text), 10) == ""
    assert left_context("Supercalifragilistic KEY", 21, 8) == "…"


def test_no_match_and_bad_width(transcripts: list[Transcript]) -> None:
    assert kwic(transcripts, "zebra").lines == ()
    assert len(kwic(transcripts, "speaker:patent").lines) == 0  # the words "speaker patent"
    assert len(kwic(transcripts, "(patent)").lines) == 13
    with pytest.raises(InputError, match="between 5 and 500"):
        kwic(transcripts, "patent", width=2)


WHITESPACE = [chr(c) for c in range(0x3000 + 1) if chr(c).isspace() or c in (0x200B, 0xFEFF)]


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*WHITESPACE, "a", "é", "中", "-"]), max_size=30) | st.text()
)
def test_squashing_whitespace_is_the_regex_s_substitution(text: str) -> None:
    from search_index.insights import kwic as kwic_module

    assert kwic_module._squash(text) == kwic_module._SPACE_RE.sub(" ", text)
