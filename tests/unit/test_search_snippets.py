"""Snippets: the window around the best matches, and the matches' offsets within it."""

from __future__ import annotations

from search_index.index import match_spans
from search_index.index.snippets import make_snippet
from search_index.models import Transcript


def marked(snippet: str, offsets: tuple[tuple[int, int], ...]) -> list[str]:
    return [snippet[a:b] for a, b in offsets]


def test_a_short_text_is_shown_whole_with_white_space_collapsed() -> None:
    text = "Alpha  beta\n\ngamma delta."
    snippet, offsets = make_snippet(text, [(7, 11), (13, 18)])
    assert snippet == "Alpha beta gamma delta."
    assert marked(snippet, offsets) == ["beta", "gamma"]


def test_no_matches_show_the_start_of_the_text() -> None:
    text = "word " * 100
    snippet, offsets = make_snippet(text.strip(), [], width=30)
    assert snippet == "word word word word word word…"
    assert offsets == ()


def test_the_window_starts_at_a_sentence_before_the_match() -> None:
    text = ("Filler words here. " * 20) + "The patent office grew. " + ("More text. " * 30)
    start = text.index("patent")
    snippet, offsets = make_snippet(text, [(start, start + 6)])
    assert snippet.startswith("…The patent office grew.")
    assert snippet.endswith("…")
    assert marked(snippet, offsets) == ["patent"]


def test_the_window_never_cuts_a_word_or_a_match() -> None:
    text = "x" * 50 + " " + "supercalifragilistic expialidocious " * 10
    start = text.index("expialidocious")
    snippet, offsets = make_snippet(text, [(start, start + 14)], width=40)
    assert marked(snippet, offsets) == ["expialidocious"]
    body = snippet.strip("…")
    assert all(word in ("supercalifragilistic", "expialidocious") for word in body.split())


def test_the_densest_cluster_of_matches_wins() -> None:
    text = "alpha one. " + "filler " * 60 + "alpha two alpha three alpha four. " + "end " * 60
    spans = [(i, i + 5) for i in range(len(text)) if text.startswith("alpha", i)]
    snippet, offsets = make_snippet(text, spans, width=80)
    assert marked(snippet, offsets) == ["alpha", "alpha", "alpha"]
    assert "alpha two" in snippet


def test_snippets_of_the_sample_mark_what_the_query_matches(
    sample_transcript: Transcript,
) -> None:
    turn = sample_transcript.turns[11]
    spans = match_spans('"pledge financing" patented', turn.text)
    snippet, offsets = make_snippet(turn.text, spans)
    assert len(snippet) <= 230
    words = {w.lower() for w in marked(snippet, offsets)}
    assert words <= {"pledge financing", "patent", "patents", "patented"}
    assert "pledge financing" in words
