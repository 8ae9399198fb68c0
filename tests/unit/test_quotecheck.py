"""Quote check on the bundled sample: each way a quote strays from the record, found exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from search_index.errors import InputError
from search_index.index import LibraryIndex
from search_index.quotecheck import (
    FigureDifference,
    MarkedSpan,
    QuoteCheck,
    QuoteChecker,
    QuoteMatch,
    WordDifference,
    marked_passage,
)

SHEN = "Shen Changyu"
SHEN_ROLE = "commissioner of the China National Intellectual Property Administration"
PLEDGE = (
    "In 2020, the total amount of national patent and trademark pledge financing reached "
    "218 billion yuan, a year-on-year increase of 43.9%, from which many small and "
    "medium-sized enterprises have benefited"
)


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory, sample_file: Path) -> Iterator[QuoteChecker]:
    index = LibraryIndex.open(tmp_path_factory.mktemp("quote-index"))
    index.update([sample_file])
    yield QuoteChecker(index)
    index.close()


def best(checker: QuoteChecker, quote: str) -> QuoteMatch:
    result = checker.check(quote)
    assert result.found, result
    return result.matches[0]


def diffs(match: QuoteMatch) -> list[tuple[str, str, str]]:
    return [(d.kind, d.quote, d.record) for d in match.differences]


def test_an_exact_quote_gives_the_passage_who_said_it_and_where(
    checker: QuoteChecker, sample_file: Path
) -> None:
    match = best(checker, f"“{PLEDGE}.”")
    assert match.passage == PLEDGE
    assert match.exact
    assert match.score == 100.0
    assert (match.speaker, match.role, match.speaker_kind) == (SHEN, SHEN_ROLE, "official")
    assert match.title.startswith("SCIO briefing on implementing the Outline of the 14th")
    assert match.date is not None and match.date.isoformat() == "2021-04-25"
    assert match.location == "Beijing"
    assert (match.turn, match.paragraph, match.last_paragraph) == (11, 2, 2)
    assert match.source == str(sample_file)
    assert match.source_url is None
    assert match.differences == ()
    assert match.figures == ()
    assert match.citation == (
        f'"{PLEDGE}" — {SHEN}, {SHEN_ROLE}, SCIO briefing on implementing the Outline of the '
        "14th Five-Year Plan and accelerating the building of China's strength in "
        "intellectual property, Beijing, 2021-04-25 (scio-2021-04-25-ipr-briefing.txt, turn 11)"
    )
    assert match.citation_markdown.startswith(f"> {PLEDGE}\n>\n> — {SHEN}, ")


def test_a_quote_cut_short_at_both_ends(checker: QuoteChecker) -> None:
    match = best(checker, "the total amount of national patent and trademark pledge financing")
    assert match.passage == "the total amount of national patent and trademark pledge financing"
    assert match.exact
    assert (match.turn, match.paragraph) == (11, 2)


def test_a_quote_cut_inside_its_last_word(checker: QuoteChecker) -> None:
    match = best(checker, "Innovation is inseparable from the protection of IPR and finan")
    assert match.passage == "Innovation is inseparable from the protection of IPR and financial"
    assert match.exact
    assert (match.turn, match.paragraph) == (11, 1)


@pytest.mark.parametrize("mark", ["…", "...", " [...] ", ". . ."])
def test_an_ellipsis_marks_words_left_out(checker: QuoteChecker, mark: str) -> None:
    quote = (
        "In 2020, the total amount of national patent and trademark pledge financing reached "
        f"218 billion yuan{mark} from which many small and medium-sized enterprises have benefited"
    )
    match = best(checker, quote)
    assert match.passage == PLEDGE
    assert match.score == 100.0
    assert match.differences == (
        WordDifference(
            kind="left out",
            record="a year-on-year increase of 43.9%",
            start=102,
            end=134,
            marked=True,
        ),
    )
    assert match.differences[0].describe() == (
        'left out (marked by an ellipsis): "a year-on-year increase of 43.9%"'
    )


def test_words_left_out_without_an_ellipsis(checker: QuoteChecker) -> None:
    match = best(
        checker,
        "In 2020, the total amount of patent and trademark pledge financing reached 218 billion "
        "yuan, from which many small and medium-sized enterprises have benefited",
    )
    assert match.passage == PLEDGE
    assert diffs(match) == [
        ("left out", "", "national"),
        ("left out", "", "a year-on-year increase of 43.9%"),
    ]
    assert not any(d.marked for d in match.differences)
    assert match.score == 94.1


def test_substituted_words_are_shown_changed(checker: QuoteChecker) -> None:
    match = best(
        checker,
        "In 2020, the total sum of national patent and brand pledge financing reached 218 "
        "billion yuan, a year-on-year rise of 43.9%",
    )
    assert match.passage == PLEDGE.split(", from which")[0]
    assert diffs(match) == [
        ("changed", "sum", "amount"),
        ("changed", "brand", "trademark"),
        ("changed", "rise", "increase"),
    ]
    assert [(d.start, d.end) for d in match.differences] == [(19, 25), (49, 58), (117, 125)]
    assert match.figures == ()
    assert match.score == 85.7


def test_a_changed_figure_is_called_out(checker: QuoteChecker) -> None:
    match = best(
        checker,
        "In 2020, the total amount of national patent and trademark pledge financing reached "
        "281 billion yuan, a year-on-year increase of 43.9%",
    )
    assert (match.turn, match.paragraph) == (11, 2)
    assert diffs(match) == [("changed", "281", "218")]
    assert match.figures == (FigureDifference(quote="281 billion yuan", record="218 billion yuan"),)
    assert match.figures[0].describe() == "quote: 281 billion yuan — record: 218 billion yuan"
    # Turn 1 gives the same figure in other words: the second passage, with the same call-out.
    second = checker.check(
        "In 2020, the total amount of national patent and trademark pledge financing reached "
        "281 billion yuan, a year-on-year increase of 43.9%"
    ).matches[1]
    assert (second.turn, second.paragraph) == (1, 6)
    assert FigureDifference(quote="281 billion yuan", record="218 billion yuan") in second.figures


def test_a_changed_number_past_an_omitted_clause_is_called_out(checker: QuoteChecker) -> None:
    match = best(
        checker,
        "We cracked 21,000 criminal cases of IPR infringement and arrested 23,000 suspects",
    )
    assert match.passage == (
        "We cracked 21,000 criminal cases of IPR infringement and the production and sale of "
        "fake and shoddy products, and arrested 32,000 suspects"
    )
    assert diffs(match) == [
        ("left out", "", "the production and sale of fake and shoddy products, and"),
        ("changed", "23,000", "32,000"),
    ]
    assert [f.describe() for f in match.figures] == ["quote: 23,000 — record: 32,000"]


def test_a_number_the_extractor_does_not_take_for_a_figure_is_still_called_out(
    checker: QuoteChecker,
) -> None:
    match = best(
        checker,
        "In 2020, 480 of the world's 5,000 leading brands were from China, with a total value "
        "of $1.6 trillion.",
    )
    assert match.passage == (
        "In 2020, 408 of the world's 5,000 leading brands were from China, with a total value "
        "of $1.6 trillion"
    )
    assert [f.describe() for f in match.figures] == ["quote: 480 — record: 408"]


def test_two_sentences_of_one_answer_joined(checker: QuoteChecker) -> None:
    match = best(
        checker,
        "Innovation is inseparable from the protection of IPR and financial support. In 2020, "
        "the total amount of national patent and trademark pledge financing reached 218 "
        "billion yuan.",
    )
    assert (match.turn, match.paragraph, match.last_paragraph) == (11, 1, 2)
    assert match.passage.startswith("Innovation is inseparable from the protection of IPR")
    assert match.passage.endswith("pledge financing reached 218 billion yuan")
    assert match.score == 100.0
    [joined] = match.differences
    assert (joined.kind, joined.marked, joined.joined) == ("left out", False, True)
    assert joined.record.startswith("Intellectual property finance is an organic combination")
    assert joined.record.endswith(
        "specific in-house performance appraisal and incentive mechanisms"
    )
    assert joined.describe().startswith('left out (between two sentences the quote joins): "')


def test_no_match_says_so_and_gives_the_nearest_passages(checker: QuoteChecker) -> None:
    result = checker.check("The trademark office will double its budget for patent examiners")
    assert isinstance(result, QuoteCheck)
    assert not result.found
    assert result.matches == ()
    assert result.nearest
    assert all(m.score < result.threshold for m in result.nearest)
    assert [m.score for m in result.nearest] == sorted(
        (m.score for m in result.nearest), reverse=True
    )


def test_words_the_library_never_uses_find_nothing(checker: QuoteChecker) -> None:
    result = checker.check("Zebras gallop purple")
    assert (result.found, result.nearest, result.note) == (
        False,
        (),
        "none of the quote's words is in the library",
    )


@pytest.mark.parametrize("quote", ["", "   ", "“ … ”"])
def test_a_quote_without_words_is_refused(checker: QuoteChecker, quote: str) -> None:
    with pytest.raises(InputError) as error:
        checker.check(quote)
    assert str(error.value) == "the quote has no words to look for"


def test_the_passage_is_marked_for_display(checker: QuoteChecker) -> None:
    match = best(checker, "Innovation is inseparable from the defence of IPR and support.")
    assert marked_passage(match) == [
        MarkedSpan("Innovation is inseparable from the ", "same"),
        MarkedSpan("protection", "changed", "defence"),
        MarkedSpan(" of IPR and ", "same"),
        MarkedSpan("financial", "left out"),
        MarkedSpan(" support", "same"),
    ]


def test_the_json_form_carries_every_part(checker: QuoteChecker) -> None:
    result = checker.check(
        "In 2020, the total amount of national patent and trademark pledge financing reached "
        "281 billion yuan"
    )
    data = result.to_json_dict()
    assert (data["found"], data["threshold"], data["note"]) == (True, 65.0, None)
    first = data["matches"][0]  # type: ignore[index]
    assert sorted(first) == sorted(
        [
            "passage",
            "start",
            "end",
            "score",
            "speaker",
            "role",
            "speaker_kind",
            "title",
            "date",
            "location",
            "source",
            "source_url",
            "transcript",
            "turn",
            "paragraph",
            "last_paragraph",
            "differences",
            "figures",
            "citation",
            "citation_markdown",
        ]
    )
    assert first["differences"] == [
        {
            "kind": "changed",
            "quote": "281",
            "record": "218",
            "start": 84,
            "end": 87,
            "marked": False,
            "joined": False,
            "line": 'changed: "281" (record: "218")',
        }
    ]
    assert first["figures"] == [
        {
            "quote": "281 billion yuan",
            "record": "218 billion yuan",
            "line": "quote: 281 billion yuan — record: 218 billion yuan",
        }
    ]


# --- a library that repeats the sample's sentences ------------------------------------------

FINANCING = (
    "The total amount of patent and trademark pledge financing in China reached 218 billion "
    "yuan, a year-on-year growth of 43.9%."
)
OUTPUT = (
    "The direct output value of enterprises using special geographical indication signs "
    "totaled {} billion yuan, which provided strong support for the fight against poverty."
)
CONTRACTS = "A total of 186,000 technical contracts involving IPR were signed."


def _briefing(n: int, body: str) -> str:
    return (
        f"Press conference on IPR financing (briefing {n})\nBeijing | April {n % 28 + 1}, 2021"
        "\n\nSpeakers:\n\nShen Changyu, commissioner of the CNIPA\n\nChairperson:\n\n"
        f"Xing Huina, spokesperson\n\nXing Huina:\n\nGood morning.\n\nShen Changyu:\n\n{body}\n"
    )


@pytest.fixture(scope="module")
def echo_checker(
    tmp_path_factory: pytest.TempPathFactory, sample_file: Path
) -> Iterator[QuoteChecker]:
    """The sample, and briefings indexed before it that repeat two of its sentences: 45
    with both, apart; 12 with both side by side as the sample has them, but another sum."""
    folder = tmp_path_factory.mktemp("echo-library")
    for n in range(45):
        body = f"{FINANCING} {CONTRACTS} {OUTPUT.format('639.8')}"
        (folder / f"a-apart-{n:02}.txt").write_text(_briefing(n, body), encoding="utf-8")
    for n in range(12):
        body = f"{FINANCING} {OUTPUT.format(f'{500 + n}.8')}"
        (folder / f"b-together-{n:02}.txt").write_text(_briefing(n, body), encoding="utf-8")
    (folder / sample_file.name).write_bytes(sample_file.read_bytes())
    index = LibraryIndex.open(tmp_path_factory.mktemp("echo-index"))
    index.update([folder])
    yield QuoteChecker(index)
    index.close()


def test_the_one_turn_giving_the_quote_as_it_stands_among_many_that_repeat_its_sentences(
    echo_checker: QuoteChecker, sample_file: Path
) -> None:
    quote = f"{FINANCING} {OUTPUT.format('639.8')}"
    match = best(echo_checker, quote)
    assert (Path(match.source).name, match.turn) == (sample_file.name, 1)
    assert (match.passage, match.score, match.differences) == (quote[:-1], 100.0, ())


def test_a_sentence_cut_to_two_words_still_tells_the_turn_apart(
    echo_checker: QuoteChecker, sample_file: Path
) -> None:
    quote = f"{OUTPUT.format('639.8')} A total"
    match = best(echo_checker, quote)
    assert (Path(match.source).name, match.turn) == (sample_file.name, 1)
    assert (match.passage, match.score, match.differences) == (quote, 100.0, ())


def test_a_changed_number_another_turn_gives_elsewhere_does_not_hide_the_record(
    echo_checker: QuoteChecker, sample_file: Path
) -> None:
    quote = f"{FINANCING.replace('218', '510.8')} {OUTPUT.format('639.8')}"
    match = best(echo_checker, quote)
    assert (Path(match.source).name, match.turn) == (sample_file.name, 1)
    assert [f.describe() for f in match.figures] == [
        "quote: 510.8 billion yuan — record: 218 billion yuan"
    ]


def test_a_quote_ending_on_a_changed_number_calls_it_out(checker: QuoteChecker) -> None:
    match = best(
        checker,
        "In 2020, the total amount of national patent and trademark pledge financing reached 281",
    )
    assert match.passage == (
        "In 2020, the total amount of national patent and trademark pledge financing reached 218"
    )
    assert diffs(match) == [("changed", "281", "218")]
    assert [f.describe() for f in match.figures] == ["quote: 281 — record: 218 billion yuan"]
