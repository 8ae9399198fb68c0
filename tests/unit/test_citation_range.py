"""Citing a range: exactly the characters chosen, each turn attributed to its own speaker."""

from __future__ import annotations

import pytest

from search_index.citation import cite_span, cite_spans
from search_index.errors import InputError
from search_index.models import Transcript

SHEN = "Shen Changyu, commissioner of the China National Intellectual Property Administration"
EVENT = (
    "SCIO briefing on implementing the Outline of the 14th Five-Year Plan and accelerating "
    "the building of China's strength in intellectual property, Beijing, 2021-04-25"
)


def test_two_sentences_of_a_paragraph(sample_transcript: Transcript) -> None:
    text = cite_span(sample_transcript, 11, 29, 277)
    assert text == (
        '"Innovation is inseparable from the protection of IPR and financial support. '
        "Intellectual property finance is an organic combination of intellectual property "
        "and financial services, and it also provides a kind of 'dual insurance' and 'dual "
        f"support.'\" — {SHEN}, {EVENT} (scio-2021-04-25-ipr-briefing.txt, turn 12, paragraph 1)"
    )


def test_a_range_over_a_paragraph_break_keeps_both_paragraphs(
    sample_transcript: Transcript,
) -> None:
    turn = sample_transcript.turns[11]
    start, end = 278, turn.paragraph_offsets()[1][0] + 30
    text = cite_span(sample_transcript, 11, start, end, "markdown")
    lines = text.split("\n")
    assert lines[0].startswith("> In recent years, the NIPA, in conjunction with")
    assert lines[1] == ">"
    assert lines[2] == f"> {turn.text[turn.paragraph_offsets()[1][0] : end]}"
    assert lines[-1] == f"> — {SHEN}, {EVENT} (scio-2021-04-25-ipr-briefing.txt, turn 12)"


def test_a_range_over_two_turns_names_both_speakers(sample_transcript: Transcript) -> None:
    text = cite_spans(sample_transcript, [(8, 0, 33), (9, 0, 37)])
    first, second = text.split("\n\n")
    assert first.startswith('"Mr. Yu will answer this question." — Shen Changyu, commissioner')
    assert second.startswith('"During the 13th Five-Year Plan period" — Yu Cike, director general')
    assert second.endswith("(scio-2021-04-25-ipr-briefing.txt, turn 10, paragraph 1)")


def test_a_range_outside_the_turn_is_refused(sample_transcript: Transcript) -> None:
    with pytest.raises(InputError, match="turn 9 has 33 characters: there is no range 20 to 40"):
        cite_span(sample_transcript, 8, 20, 40)
    with pytest.raises(InputError, match="there is no range 5 to 5"):
        cite_span(sample_transcript, 8, 5, 5)
    with pytest.raises(InputError, match="there is no turn 100"):
        cite_spans(sample_transcript, [(99, 0, 1)])
    with pytest.raises(InputError, match="the range holds no text"):
        cite_spans(sample_transcript, [])
