"""The figure extractor's parts: number words, sentences, the API on turns and transcripts."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from pydantic import ValidationError

from search_index.figures import (
    CURRENCY_CODES,
    Figure,
    extract_figures,
    extract_figures_from_text,
    figures_of_transcript,
    format_value,
)
from search_index.figures.number_words import (
    WORD_NUMBER_RE,
    parse_word_fraction,
    parse_word_number,
)
from search_index.figures.sentences import sentence_at, sentence_spans
from search_index.models import Transcript, Turn


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("seven", 7),
        ("Twelve", 12),
        ("forty-two", 42),
        ("ninety nine", 99),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("Two Hundred five", 205),
        ("THREE", 3),
    ],
)
def test_word_numbers(words: str, value: int) -> None:
    match = WORD_NUMBER_RE.fullmatch(words)
    assert match is not None
    assert parse_word_number(words) == value


def test_word_number_errors_and_fractions() -> None:
    with pytest.raises(ValueError, match="not a number word"):
        parse_word_number("seven dwarfs")
    with pytest.raises(ValueError, match="no number"):
        parse_word_number("and")
    assert parse_word_fraction("two", "thirds") == 2 / 3
    assert parse_word_fraction("a", "quarter") == 0.25
    assert parse_word_fraction("Three", "Quarters".lower()) == 0.75


def test_sentences() -> None:
    text = (
        "Mr. Shen spoke at 10 a.m. on Nov. 30 in the U.S. embassy. Exports rose 5.2%.\n\n"
        "J. Smith agreed!  Then he left?"
    )
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Mr. Shen spoke at 10 a.m. on Nov. 30 in the U.S. embassy.",
        "Exports rose 5.2%.",
        "J. Smith agreed!",
        "Then he left?",
    ]
    assert sentence_at(spans, text.index("5.2")) == spans[1]
    assert sentence_at(spans, 0) == spans[0]
    assert sentence_at([], 5) == (0, 0)


def _turn(index: int, *paragraphs: str) -> Turn:
    return Turn(
        index=index,
        speaker="Spokesperson",
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        line_start=1,
        line_end=2,
    )


def test_extract_figures_of_a_turn_and_a_transcript() -> None:
    first = _turn(0, "Good morning.", "Imports rose 12% to $3.4 billion.")
    second = _turn(1, "We trained more than 45,000 people.")
    transcript = Transcript(id="0" * 16, source="fixture", turns=(first, second))
    found = extract_figures(first)
    assert [(f.turn, f.text, f.value, f.unit, f.kind) for f in found] == [
        (0, "12%", 12.0, "%", "change"),
        (0, "$3.4 billion", 3.4e9, "$", "amount"),
    ]
    assert found[0].sentence == "Imports rose 12% to $3.4 billion."
    assert first.text[found[1].sentence_start : found[1].sentence_end] == found[1].sentence
    everything = figures_of_transcript(transcript)
    assert [(f.turn, f.text) for f in everything] == [
        (0, "12%"),
        (0, "$3.4 billion"),
        (1, "45,000"),
    ]
    assert everything[2].qualifier == ">="
    assert everything[2].label == "people"


def test_figures_are_frozen_and_strict() -> None:
    figure = extract_figures_from_text("It cost $5 billion.")[0]
    with pytest.raises(ValidationError):
        figure.value = 1.0  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Figure(**{**figure.model_dump(), "kind": "weight"})
    assert not figure.is_range
    assert figure.is_money
    assert not extract_figures_from_text("It rose 5%.")[0].is_money
    assert {"CNY", "USD", "EUR", "GBP", "AUD", "JPY"} <= CURRENCY_CODES
    assert Figure.model_validate_json(figure.model_dump_json()) == figure


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("It reached 18 billion yuan.", "18,000,000,000 CNY"),
        ("More than 42,000 rulings were made.", "≥ 42,000 rulings"),
        ("It costs up to $2.5 million.", "≤ 2,500,000 $"),
        ("Nearly two-thirds of them agreed.", "~0.666667"),
        ("The deal is valued at $110-120 million.", "110,000,000–120,000,000 $"),
        ("It holds 15.8 per 10,000 people.", "15.8 per 10,000 people"),
        ("It moved up to 14th place.", "#14"),
    ],
)
def test_format_value(text: str, shown: str) -> None:
    assert format_value(extract_figures_from_text(text)[0]) == shown


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\n", "No numbers here at all.", "1", "½", "$", "per 10,000 people", "9" * 400],
)
def test_edge_texts(text: str) -> None:
    for figure in extract_figures_from_text(text):
        assert text[figure.start : figure.end] == figure.text


def test_lone_numbers() -> None:
    assert extract_figures_from_text("1") == []  # a line that is only a number: a page number
    assert [(f.text, f.value) for f in extract_figures_from_text("It was 1.")] == [("1", 1.0)]
    assert [(f.text, f.value) for f in extract_figures_from_text("½")] == [("½", 0.5)]


_PIECES = [
    "$", "US$", "RMB ", "€", "¥", "1", "12", "2,500", "3.75", "2021", "½", "-", "–", " to ",
    " and ", "%", " percent", " per cent", " billion", " million", "bn", "m", " yuan", " euros",
    " months", " people", " per 10,000 people", "two", "forty-five", "two-thirds", " of GDP",
    " more than ", " about ", " up to ", "April ", "Nov. ", " a.m.", ":", "(", ")", "/", "\n",
    "\n\n", ". ", ", ", "th", "COVID-", "G", "Channel ", " 14th Five-Year Plan", "page ",
    " cases", " rose ", " by ", "ranked ", " place", "\u00a0", "  ",
]  # fmt: skip


def test_random_texts_keep_the_invariants() -> None:
    rng = random.Random(20210425)
    for _ in range(400):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40)))
        found = extract_figures_from_text(text, turn=7)
        starts = [f.start for f in found]
        assert starts == sorted(starts)
        for figure, nxt in pairwise(found):
            assert figure.end <= nxt.start, text
        for figure in found:
            assert text[figure.start : figure.end] == figure.text
            assert figure.text == figure.text.strip()
            assert figure.turn == 7
            if figure.is_range:
                assert figure.low is not None and figure.high is not None
                assert figure.low <= figure.value <= figure.high
