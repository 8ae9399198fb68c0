"""Figures of the bundled sample against a hand-made list of every figure in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index.figures import Figure, extract_figures, figures_of_transcript
from search_index.models import Transcript
from tests.support.figures_gold import Expected, sample_expected, sample_traps, snippet_pattern

EXPECTED = sample_expected()


@pytest.fixture(scope="module")
def figures(sample_transcript: Transcript) -> list[Figure]:
    return figures_of_transcript(sample_transcript)


def _locate(transcript: Transcript, item: Expected) -> tuple[int, int]:
    """(turn, start) of an expected figure, from its context snippet."""
    places = [
        (turn.index, m.start())
        for turn in transcript.turns
        for m in snippet_pattern(item.context).finditer(turn.text)
    ]
    assert len(places) == 1, f"context {item.context!r} occurs {len(places)} times"
    turn_index, at = places[0]
    return turn_index, at + item.context.index(item.text)


def _matches(transcript: Transcript, figures: list[Figure]) -> dict[Expected, Figure | None]:
    by_place = {(f.turn, f.start): f for f in figures}
    found: dict[Expected, Figure | None] = {}
    for item in EXPECTED:
        figure = by_place.get(_locate(transcript, item))
        found[item] = figure if figure is not None and figure.text == item.text else None
    return found


def test_the_list_is_long_and_hand_made() -> None:
    assert len(EXPECTED) == 99
    assert sum(1 for e in EXPECTED if e.text[0].isalpha()) >= 20  # spelled-out figures


def test_spans_are_exact_and_sorted(sample_transcript: Transcript) -> None:
    for turn in sample_transcript.turns:
        found = extract_figures(turn)
        assert [f.start for f in found] == sorted(f.start for f in found)
        for figure in found:
            assert figure.turn == turn.index
            assert turn.text[figure.start : figure.end] == figure.text
            assert figure.sentence == turn.text[figure.sentence_start : figure.sentence_end]
            assert figure.sentence_start <= figure.start < figure.end <= figure.sentence_end


def test_recall_with_exact_values(sample_transcript: Transcript, figures: list[Figure]) -> None:
    found = _matches(sample_transcript, figures)
    exact = [e for e, f in found.items() if f is not None and f.value == e.value]
    missing = [e.context for e in EXPECTED if e not in exact]
    assert len(exact) / len(EXPECTED) >= 0.95, missing
    # Today every one of them is found; keep it that way.
    assert missing == []


def test_units_kinds_and_qualifiers(sample_transcript: Transcript, figures: list[Figure]) -> None:
    found = _matches(sample_transcript, figures)
    wrong = [
        (e.context, (f.unit, f.kind, f.qualifier) if f else None)
        for e, f in found.items()
        if f is None or (f.unit, f.kind, f.qualifier) != (e.unit, e.kind, e.qualifier)
    ]
    assert wrong == []


def test_precision(sample_transcript: Transcript, figures: list[Figure]) -> None:
    places = {_locate(sample_transcript, e) for e in EXPECTED}
    extra = [(f.turn, f.text, f.sentence[:60]) for f in figures if (f.turn, f.start) not in places]
    assert len(figures) - len(extra) >= 0.95 * len(figures)
    assert extra == []


def test_no_trap_is_reported(sample_transcript: Transcript, figures: list[Figure]) -> None:
    hits: list[tuple[str, str]] = []
    for snippet in sample_traps():
        pattern = snippet_pattern(snippet)
        for turn in sample_transcript.turns:
            for m in pattern.finditer(turn.text):
                hits += [
                    (snippet, f.text)
                    for f in figures
                    if f.turn == turn.index and f.start < m.end() and m.start() < f.end
                ]
    assert hits == []


def test_no_trap_is_reported_in_the_raw_file(sample_file: Path) -> None:
    """Header, speaker lists and photo captions included (the parser drops them)."""
    from search_index.figures import extract_figures_from_text

    text = sample_file.read_text(encoding="utf-8")
    figures = extract_figures_from_text(text)
    seen = 0
    for snippet in sample_traps():
        for m in snippet_pattern(snippet).finditer(text):
            seen += 1
            overlapping = [f.text for f in figures if f.start < m.end() and m.start() < f.end]
            assert overlapping == [], snippet
    assert seen >= len(sample_traps())
    assert len(figures) == len(EXPECTED)


def test_labels_of_the_issue(sample_transcript: Transcript, figures: list[Figure]) -> None:
    found = _matches(sample_transcript, figures)
    labels = {e.context: f.label for e, f in found.items() if f is not None}
    assert labels["investigated 31,300 trademark"] == "trademark infringement cases"
    assert labels["in China reached 218 billion yuan, a year-on-year growth"] == (
        "patent and trademark pledge financing"
    )
    assert labels["a year-on-year growth of 43.9%"] == "patent and trademark pledge financing"
    assert labels["accounting for 11.6% of GDP that year"] == "GDP"
    assert labels["people reached 15.8,"] == "invention patents"
    assert labels["reach 12 per 10,000 people"] == "high-value invention patents"
    assert labels["exports were $8.68 billion"] == "exports"
    assert labels["a year-on-year increase of 31.5%"] == "exports"
    assert labels["($13.07 billion)"] == labels["from 84.85 billion yuan"]
    assert labels["from 84.85 billion yuan"] == "pledge financing of patents and trademarks"
    assert labels["contributes 67.7% to GDP"] == "GDP growth"
    assert labels["reached 69,000"] == "PCT international patent applications"
    assert labels["cut to 20 months"] == "average review period for invention patents"
    assert labels["exceeded 20 billion yuan"] == "insurance coverage"
