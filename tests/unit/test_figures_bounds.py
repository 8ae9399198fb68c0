"""The extractor's work and output grow linearly with its input, however the input is shaped.

Hostile or unlucky inputs once cost far more than their size: an 87 KB paragraph of
repeated figures in one sentence took 1.08 GB, because each figure carried a copy of its
sentence; a run of spaces between two changes made a regular expression backtrack
cubically; a capitalised word before each of many numbers re-read the sentence's start.
These tests bound the work by what it produces and what it reads, never by time.
"""

from __future__ import annotations

import tracemalloc

import pytest

from search_index.figures import extract_figures_from_text, label_choice
from search_index.figures.sentences import MAX_SENTENCE, sentence_spans

#: One sentence of about 500 KB: a figure every 171 characters and not one full stop.
CLAUSE = (
    "the output of the sector in the region of the country, as the agencies that count such "
    "things have reported in their surveys over the past year, reached 512 billion yuan, "
)
LONG_SENTENCE = "Good morning. " + CLAUSE * (500_000 // len(CLAUSE)) + "and that is all."


def test_a_sentence_longer_than_the_limit_is_cut_at_clause_breaks() -> None:
    spans = sentence_spans(LONG_SENTENCE)
    assert spans[0] == (0, len("Good morning."))
    assert max(end - start for start, end in spans) <= MAX_SENTENCE
    pieces = [LONG_SENTENCE[start:end] for start, end in spans[1:]]
    assert all(piece.endswith(",") for piece in pieces[:-1])  # cut after a comma
    assert pieces[-1].endswith("and that is all.")
    assert "".join(pieces).replace(" ", "") == LONG_SENTENCE[14:].replace(" ", "")


def test_a_long_sentence_with_no_break_is_cut_at_spaces_or_at_the_limit() -> None:
    words = "word " * 1000
    assert [e - s for s, e in sentence_spans(words)] == [999, 999, 999, 999, 999]
    solid = "x" * 2500
    assert sentence_spans(solid) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_real_sentences_are_never_cut() -> None:
    sentence = "The fund, which was set up in 2019, " * 20 + "grew by 5%."
    assert len(sentence) < MAX_SENTENCE
    assert sentence_spans(sentence) == [(0, len(sentence))]


def test_figures_of_one_huge_sentence_carry_short_shared_sentences() -> None:
    tracemalloc.start()
    try:
        figures = extract_figures_from_text(LONG_SENTENCE, turn=0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(figures) == 500_000 // len(CLAUSE)
    assert {(f.text, f.value, f.unit) for f in figures} == {("512 billion yuan", 5.12e11, "CNY")}
    assert max(len(f.sentence) for f in figures) <= MAX_SENTENCE
    for figure in figures:
        assert figure.sentence_start <= figure.start < figure.end <= figure.sentence_end
        assert LONG_SENTENCE[figure.sentence_start : figure.sentence_end] == figure.sentence
    # Figures of one sentence share its text: all of them hold no more than the input.
    shared = {id(f.sentence): len(f.sentence) for f in figures}
    assert sum(shared.values()) <= len(LONG_SENTENCE)
    # Each figure once held its own copy of a ~500 KB sentence: 1.5 GB. Now a few MB.
    assert peak < 50_000_000


def test_label_look_backs_stay_within_one_sentence_piece(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every clause read for a label is at most one sentence long, so labelling a figure
    costs the same in a 500 KB sentence as in a short one."""
    read: list[int] = []
    original = label_choice.subject_before

    def counting(text: str, start: int, end: int, *, after_figure: bool = False):  # type: ignore[no-untyped-def]
        read.append(end - start)
        return original(text, start, end, after_figure=after_figure)

    monkeypatch.setattr(label_choice, "subject_before", counting)
    text = "Intro. " + "Alpha and Beta and Gamma " * 25_000 + "reached 5 billion yuan."
    (figure,) = extract_figures_from_text(text)
    assert figure.text == "5 billion yuan"
    assert read and max(read) <= MAX_SENTENCE


@pytest.mark.parametrize("padding", [" ", "\t", " \u00a0"])
def test_a_change_carries_across_long_padding(padding: str) -> None:
    """White space between two changes is read once: 5,000 spaces once took hours."""
    gap = padding * 5_000
    carried = extract_figures_from_text(f"Exports rose 5%{gap}and 6%.")
    assert [(f.text, f.kind) for f in carried] == [("5%", "change"), ("6%", "change")]
    not_carried = extract_figures_from_text(f"Exports rose 5%{gap}x 6%.")
    assert [(f.text, f.kind) for f in not_carried] == [("5%", "change"), ("6%", "percent")]


def test_names_before_numbers_after_a_long_sentence_opening() -> None:
    """Whether a capitalised word opens its sentence is known once per sentence: each of
    these names once re-read the 200,000 brackets before it."""
    opening = "(" * 200_000
    text = opening + "Alpha 12, " * 2_000 + "and so on. The 300 delegates came."
    assert [f.text for f in extract_figures_from_text(text)] == ["300"]
    assert [f.text for f in extract_figures_from_text(opening + "The 300 delegates")] == ["300"]
