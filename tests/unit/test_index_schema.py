"""The index's analysis: one tokenizer for indexing, querying and highlighting."""

from __future__ import annotations

from whoosh.formats import Positions

from search_index.index.analysis import kept_stems, tokenize
from search_index.index.schema import FigureAnalyzer, StemPositions, TextAnalyzer, build_schema
from search_index.models import Transcript


def test_the_fast_positions_format_equals_whooshs_with_our_analyzer(
    sample_transcript: Transcript,
) -> None:
    fast = StemPositions(field_boost=1.0)
    plain = Positions(field_boost=1.0)
    for turn in sample_transcript.turns:
        assert sorted(fast.word_values(turn.text, None)) == sorted(
            plain.word_values(turn.text, TextAnalyzer())
        )


def test_the_analyzer_yields_what_highlighting_tokenizes() -> None:
    text = "The U.S. patented 56.18 million items; IPR-related cases rose 5 percent."
    analysed = [(t.text, t.pos) for t in TextAnalyzer()(text, positions=True)]
    assert analysed == [(token.stem, pos) for pos, token in enumerate(tokenize(text))]
    assert [t.stem for t in tokenize(text)] == [
        "u.", "patent", "56.18", "million", "item", "ipr", "relat", "case", "rose", "5", "percent",
    ]  # fmt: skip


def test_kept_stems_are_the_stems_tokenize_gives(sample_transcript: Transcript) -> None:
    # Twice over: the second time every word's stem comes from kept_stems' table.
    tricky = "İstanbul's A a I 5 x2 the The Ünïcode naïve résumés U.S. e.g. 3.5% ſtate ı"
    for text in (tricky, tricky, *(turn.text for turn in sample_transcript.turns)):
        assert kept_stems(text) == [token.stem for token in tokenize(text)]
    assert kept_stems(tricky) == [
        "i̇stanbul", "5", "x2", "ünïcode", "naïv", "résumé", "u.", "e.g", "3.5", "ſtate",
    ]  # fmt: skip


def test_figures_are_indexed_by_their_words() -> None:
    # Each figure's own words, then its unit, label and kind (as the extractor names them).
    words = [t.text for t in FigureAnalyzer()("We invested 18 billion yuan, up 4.5%.")]
    assert words[:4] == ["18", "billion", "yuan", "cny"]
    assert "4.5" in words
    words = [t.text for t in FigureAnalyzer()("Exports rose 4.5% and 31,300 cases were filed.")]
    assert words[0] == "4.5"
    assert words[-4:-1] == ["31", "300", "cases"]
    assert len(words) == len(set(words))


def test_the_schema_has_one_document_per_turn_fields() -> None:
    assert sorted(build_schema().names()) == [
        "asker", "asker_text", "body", "date", "exchange", "figures", "kind", "source",
        "source_state", "speaker", "speaker_text", "text", "title", "transcript", "turn",
    ]  # fmt: skip


def test_importing_the_index_package_does_not_load_whoosh() -> None:
    import subprocess
    import sys

    code = (
        "import sys, search_index.index; "
        "print(sorted(m for m in sys.modules if m == 'whoosh' or m.startswith('whoosh.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_one_rule_decides_which_words_are_kept() -> None:
    from search_index.index import match_spans
    from search_index.index.analysis import is_kept

    assert [is_kept(w) for w in ("the", "of", "a", "x", "5", "56.18", "u.s", "patent")] == [
        False, False, False, False, True, True, True, True,
    ]  # fmt: skip
    text = "The U.S. x 5 of the patents, a b 56.18"
    kept = ["u.", "5", "patent", "56.18"]
    assert [t.stem for t in tokenize(text)] == kept
    assert [t.text for t in TextAnalyzer()(text)] == kept
    assert sorted(term for term, *_ in StemPositions(field_boost=1.0).word_values(text, None)) == (
        sorted(kept)
    )
    # Highlighting marks what indexing keeps, and only that.
    assert [text[a:b] for a, b in match_spans("x 5 patent the", text)] == ["5", "patents"]
