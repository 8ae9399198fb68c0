"""The query language: each form parses to the right tree; malformed queries are repaired."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_index.errors import QueryError
from search_index.index import match_spans, parse_query
from search_index.index.query import (
    And,
    DateIn,
    KindIs,
    Not,
    Or,
    Prefix,
    Terms,
    TranscriptIs,
    Wildcard,
)
from search_index.models import SpeakerKind, Transcript


def node(query: str) -> object:
    parsed = parse_query(query)
    assert parsed.note is None, parsed.note
    return parsed.node


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("patented", Terms("text", ("patent",))),
        ("Patents", Terms("text", ("patent",))),
        ("pledge financing", And((Terms("text", ("pledg",)), Terms("text", ("financ",))))),
        ('"pledge financing"', Terms("text", ("pledg", "financ"))),
        ("patent AND copyright", And((Terms("text", ("patent",)), Terms("text", ("copyright",))))),
        ("patent OR copyright", Or((Terms("text", ("patent",)), Terms("text", ("copyright",))))),
        (
            "patent NOT copyright",
            And((Terms("text", ("patent",)), Not(Terms("text", ("copyright",))))),
        ),
        (
            "patent -copyright",
            And((Terms("text", ("patent",)), Not(Terms("text", ("copyright",))))),
        ),
        ("+patent", Terms("text", ("patent",))),
        ("NOT patent", Not(Terms("text", ("patent",)))),
        ("pat*", Prefix("text", "pat")),
        ("p?tent*", Wildcard("text", "p?tent*")),
        ("*tent", Wildcard("text", "*tent")),
        ('speaker:"Yu Cike"', Terms("speaker_text", ("yu", "cike"))),
        ("speaker:Shen", Terms("speaker_text", ("shen",))),
        ("by:shen", Terms("speaker_text", ("shen",))),
        ("speaker:Sh*", Prefix("speaker_text", "sh")),
        ("asker:Xinhua", Terms("asker_text", ("xinhua",))),
        ("outlet:Xinhua", Terms("asker_text", ("xinhua",))),
        ('OUTLET:"Phoenix TV"', Terms("asker_text", ("phoenix", "tv"))),
        ("kind:press", KindIs(SpeakerKind.PRESS)),
        ("kind:Officials", KindIs(SpeakerKind.OFFICIAL)),
        ("kind:moderator", KindIs(SpeakerKind.MODERATOR)),
        ("date:2021-04-25", DateIn(dt.date(2021, 4, 25), dt.date(2021, 4, 25))),
        ("date:2021-04", DateIn(dt.date(2021, 4, 1), dt.date(2021, 4, 30))),
        ("date:2020", DateIn(dt.date(2020, 1, 1), dt.date(2020, 12, 31))),
        (
            "date:[2021-01-01 TO 2021-06-30]",
            DateIn(dt.date(2021, 1, 1), dt.date(2021, 6, 30)),
        ),
        ("date:[2021-05 TO *]", DateIn(dt.date(2021, 5, 1), None)),
        ("date:[* TO 2021]", DateIn(None, dt.date(2021, 12, 31))),
        ("transcript:31a75f1c", TranscriptIs("31a75f1c", ("31a75f1c",))),
        ("transcript:intellectual", TranscriptIs(None, ("intellectu",))),
        ('title:"foreign affairs"', TranscriptIs(None, ("foreign", "affair"))),
        (
            "(patent OR copyright) speaker:Shen",
            And(
                (
                    Or((Terms("text", ("patent",)), Terms("text", ("copyright",)))),
                    Terms("speaker_text", ("shen",)),
                )
            ),
        ),
        ("10:30", Terms("text", ("10", "30"))),
        ("IPR-related", Terms("text", ("ipr", "relat"))),
        ("56.18 million", And((Terms("text", ("56.18",)), Terms("text", ("million",))))),
        ("patent && copyright", And((Terms("text", ("patent",)), Terms("text", ("copyright",))))),
    ],
)
def test_query_forms(query: str, expected: object) -> None:
    assert node(query) == expected


@pytest.mark.parametrize(
    ("query", "expected", "note"),
    [
        ('"pledge financing', Terms("text", ("pledg", "financ")), "closed an unbalanced quote"),
        (
            'speaker:"Yu Cike copyright',
            Terms("speaker_text", ("yu", "cike", "copyright")),
            "closed an unbalanced quote",
        ),
        (
            "(patent OR copyright",
            Or((Terms("text", ("patent",)), Terms("text", ("copyright",)))),
            "closed an unbalanced bracket",
        ),
        (
            "patent) copyright",
            And((Terms("text", ("patent",)), Terms("text", ("copyright",)))),
            "ignored a stray )",
        ),
        ("patent AND", Terms("text", ("patent",)), "ignored a dangling AND"),
        ("AND patent", Terms("text", ("patent",)), "ignored a dangling AND"),
        ("patent OR", Terms("text", ("patent",)), "ignored a dangling OR"),
        ("OR patent", Terms("text", ("patent",)), "ignored a dangling OR"),
        (
            "patent AND OR copyright",
            Or((Terms("text", ("patent",)), Terms("text", ("copyright",)))),
            "ignored a dangling AND",
        ),
        ("patent NOT", Terms("text", ("patent",)), "ignored a dangling NOT"),
        ("patent -", Terms("text", ("patent",)), "ignored a lone -"),
        ("speaker: patent", Terms("text", ("patent",)), "ignored the empty speaker: filter"),
        ('speaker:"" patent', Terms("text", ("patent",)), "ignored the empty speaker: filter"),
        ("patent outlet:", Terms("text", ("patent",)), "ignored the empty asker: filter"),
        ("* patent", Terms("text", ("patent",)), "ignored a lone *"),
        ("patent speaker:*", Terms("text", ("patent",)), "ignored speaker:* (matches everything)"),
        ("() patent", Terms("text", ("patent",)), "ignored empty brackets"),
        ('"" patent', Terms("text", ("patent",)), "ignored empty quotes"),
        ("the patent", Terms("text", ("patent",)), "ignored the: too common to search"),
        ("colour:red", Terms("text", ("colour", "red")), "unknown field colour: searched as words"),
        (
            "date:[2021-01-01 TO 2021-06-30 patent",
            And((DateIn(dt.date(2021, 1, 1), dt.date(2021, 6, 30)), Terms("text", ("patent",)))),
            "closed an unbalanced bracket",
        ),
        ("date:[2021-05 TO", DateIn(dt.date(2021, 5, 1), None), "closed an unbalanced bracket"),
        (
            "speaker:[a TO b] patent",
            Terms("text", ("patent",)),
            "ranges work only with date:, so speaker:[…] was ignored",
        ),
    ],
)
def test_malformed_queries_are_repaired(query: str, expected: object, note: str) -> None:
    parsed = parse_query(query)
    assert parsed.node == expected
    assert parsed.note == note


def test_several_repairs_make_one_line() -> None:
    parsed = parse_query('(patent AND "pledge')
    assert parsed.note == "closed an unbalanced quote; closed an unbalanced bracket"
    assert parsed.node == And((Terms("text", ("patent",)), Terms("text", ("pledg",))))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty query: type words to search for"),
        ("   ", "empty query: type words to search for"),
        ("*", "nothing to search for in '*' (ignored a lone *)"),
        ("AND", "nothing to search for in 'AND' (ignored a dangling AND)"),
        ("NOT", "nothing to search for in 'NOT' (ignored a dangling NOT)"),
        (
            "OR AND",
            "nothing to search for in 'OR AND' (ignored a dangling OR; ignored a dangling AND)",
        ),
        ("speaker:", "nothing to search for in 'speaker:' (ignored the empty speaker: filter)"),
        ('"', "nothing to search for in '\"' (closed an unbalanced quote; ignored empty quotes)"),
        (
            "(",
            "nothing to search for in '(' (closed an unbalanced bracket; ignored empty brackets)",
        ),
        (")", "nothing to search for in ')' (ignored a stray ))"),
        (
            "the of and",
            "nothing to search for in 'the of and' (ignored the: too common to search; "
            "ignored of: too common to search; ignored and: too common to search)",
        ),
        ("date:2021-13-01", "date:2021-13-01 is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"),
        ("date:yesterday", "date:yesterday is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"),
        (
            "date:[2021-06-30 TO 2021-01-01]",
            "date:[2021-06-30 TO 2021-01-01] ends before it starts",
        ),
        ("date:[* TO *]", "date:[* TO *] has no dates (use date:[2021-01-01 TO 2021-06-30])"),
        (
            "kind:alien",
            "kind:alien is not a speaker kind (use one of: official, moderator, press, other)",
        ),
    ],
)
def test_unusable_queries_raise_one_line(query: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(query)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


TEXT = "Patents and patented designs. Pledge financing of patents; the pledge was financed."


def _marked(query: str, text: str = TEXT) -> list[str]:
    return [text[a:b] for a, b in match_spans(query, text)]


def test_match_spans_use_the_index_analysis() -> None:
    assert _marked("patented") == ["Patents", "patented", "patents"]
    assert _marked('"pledge financing"') == ["Pledge financing"]
    assert _marked("pledge financing") == ["Pledge", "financing", "pledge", "financed"]
    assert _marked("pat*") == ["Patents", "patented", "patents"]
    assert _marked("des?gns") == ["designs"]


def test_match_spans_ignore_filters_negations_and_bad_queries() -> None:
    assert _marked('speaker:"Yu Cike" patents') == ["Patents", "patented", "patents"]
    assert _marked("designs -patent") == ["designs"]
    assert _marked("kind:press") == []
    assert _marked("AND") == []
    assert _marked("") == []


def test_match_spans_are_sorted_and_merged() -> None:
    spans = match_spans('"pledge financing" financing pledge', TEXT)
    assert spans == [(30, 46), (63, 69), (74, 82)]
    assert [TEXT[a:b] for a, b in spans] == ["Pledge financing", "pledge", "financed"]


def test_the_fast_highlighter_agrees_with_full_tokenizing(sample_transcript: Transcript) -> None:
    from search_index.index.highlight import (
        _candidate_re,
        _spans_by_candidates,
        _spans_by_tokens,
        plan_of,
    )

    queries = [
        "patented",
        '"pledge financing"',
        '"intellectual property" copyright',
        "pat* trademark",
        "pa?ent*",
        "56.18 million",
        '"the protection of" rights',
        "law rights companies",
        "squatting OR videos",
    ]
    for query in queries:
        plan = plan_of(parse_query(query).node)
        candidates = _candidate_re(plan)
        assert candidates is not None, query
        for turn in sample_transcript.turns:
            expected = sorted(_spans_by_tokens(plan, turn.text))
            assert sorted(_spans_by_candidates(plan, candidates, turn.text)) == expected, query
    # A pattern that starts with a wildcard cannot be narrowed down: every word is tested.
    assert _candidate_re(plan_of(parse_query("p?tent*").node)) is None
    # Nor can a query with a stem of one or two letters ("U.S." stems to "u.").
    assert _candidate_re(plan_of(parse_query("U.S. companies").node)) is None


def test_a_porter_stem_keeps_the_head_of_its_word(sample_transcript: Transcript) -> None:
    from search_index.index.analysis import stem, tokenize

    for turn in sample_transcript.turns:
        for token in tokenize(turn.text):
            stemmed = stem(token.word)
            if len(stemmed) >= 4:
                assert token.word.startswith(stemmed[:3])
            elif len(stemmed) == 3:
                assert token.word.startswith(stemmed[:2])


QUICK_TEST_QUERIES = ["patent", '"pledge financing"', "financ*", "kilo", "issue", "s?ock", "isı"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(list("patenISKkso .-’'ıİſ\u212afinacgplde1é")),
        max_size=60,
    )
)
def test_the_heads_found_by_substring_search_give_the_regex_scan_s_matches(text: str) -> None:
    """The regex is tried only where a head of the query is found by substring search:
    the matches are those of its own scan, dotless ı, İ, long ſ and the Kelvin sign
    included."""
    from search_index.index import highlight

    for query in QUICK_TEST_QUERIES:
        plan = highlight._cached_plan(query)
        assert plan is not None
        candidates = highlight._candidate_re(plan)
        if candidates is None:
            continue
        quick = [m.span() for m in highlight._candidate_matches(plan, candidates, text)]
        assert quick == [m.span() for m in candidates.finditer(text)], (query, text)


def test_the_heads_are_found_whatever_their_case() -> None:
    assert _marked("patent", "PATENTS and Patented") == ["PATENTS", "Patented"]
    assert _marked("kilo", "\u212ailos") == ["\u212ailos"]
    assert _marked("patent", "x.patent (patent) İpatent") == ["patent"]
    assert _marked("patent", "nothing here") == []
