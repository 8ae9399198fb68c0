"""Figures of fixture sentences: each form a figure takes, and each trap, with exact values."""

from __future__ import annotations

import pytest

from search_index.figures import extract_figures_from_text
from tests.support.figures_gold import Case, fixture_cases

FORMS = fixture_cases("figures_forms.txt")
TRAPS = fixture_cases("figures_traps.txt")
HOLDOUT = [
    case
    for name in ("figures_holdout.txt", "figures_holdout2.txt", "figures_holdout3.txt")
    for case in fixture_cases(name)
]


def _check(case: Case) -> None:
    figures = extract_figures_from_text(case.text, turn=3)
    got = [(f.text, f.value, f.unit, f.kind, f.qualifier, f.low, f.high) for f in figures]
    want = [(e.text, e.value, e.unit, e.kind, e.qualifier, e.low, e.high) for e in case.expected]
    assert got == want
    for figure, expected in zip(figures, case.expected, strict=True):
        assert case.text[figure.start : figure.end] == figure.text
        assert figure.turn == 3
        if expected.label is not None:
            assert figure.label == expected.label


@pytest.mark.parametrize("case", FORMS, ids=[f"line{c.line}" for c in FORMS])
def test_forms(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize("case", TRAPS, ids=[f"line{c.line}" for c in TRAPS])
def test_traps(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize("case", HOLDOUT, ids=[f"line{c.line}" for c in HOLDOUT])
def test_held_out_paragraphs(case: Case) -> None:
    """Paragraphs first used to measure the extractor (docs/figures.md), now held to it."""
    _check(case)


def test_the_fixtures_cover_every_form() -> None:
    texts = [e.text for c in FORMS for e in c.expected]
    for form in ("1,234,567", "2.25 percent", "€2.5bn", "$300m", "5 bn euros", "US$3.2 billion"):
        assert form in texts
    assert any("\n" in t for t in texts)  # split across a line break
    assert "$ 2.7 billion" in texts
    assert sum(1 for c in FORMS for e in c.expected if e.low is not None) >= 4
    assert len(TRAPS) >= 20
