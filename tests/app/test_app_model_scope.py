"""The question list's scope (person, briefings, order) and the answer view's range
selection, computed without Textual."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index.date_filter import BriefingFilter
from search_index.index import match_spans
from search_index.models import Transcript
from search_index.people import PersonFilter
from tests.support.library import library_view
from tui.view_model import (
    HitRef,
    LibraryView,
    ListScope,
    RangeSelection,
    browse_groups,
    build_outline,
    entry_units,
    group_hits,
    map_hits,
    next_list_order,
    order_groups,
    scoped_outcome,
)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> LibraryView:
    root = Path(__file__).parents[1] / "data"
    return library_view([root / "insights_library", root / "app"])


def labels(library: LibraryView, keys: list[str]) -> list[str]:
    found = [library.entry(key) for key in keys]
    return [entry.label for entry in found if entry is not None]


def test_a_person_lists_their_questions_across_briefings_newest_first(
    library: LibraryView,
) -> None:
    scope = ListScope(person=PersonFilter("official", "Shen Changyu"))
    groups = browse_groups(library, scope)
    assert [(heading, [e.label for e in entries]) for heading, entries in groups] == [
        (
            "2021-04-25 SCIO briefing on building China's strength in intellectual…",
            ["2 Phoenix TV", "3 China Daily"],
        ),
        ("2020-04-24 SCIO briefing on intellectual property protection in 2019", ["1 China Daily"]),
    ]
    oldest = browse_groups(library, scope.with_order("oldest"))
    assert next(heading for heading, _ in oldest).startswith("2020-04-24")
    dated = scope.with_briefings(BriefingFilter.parse("date:2020"))
    assert [e.label for _, entries in browse_groups(library, dated) for e in entries] == [
        "1 China Daily"
    ]
    assert dated.describe() == ("answered by Shen Changyu · dated 2020-01-01 to 2020-12-31")
    assert dated.cleared() == ListScope()
    assert ListScope().describe() == ""
    assert ListScope(order="newest").describe() == "newest first"
    assert [next_list_order(o) for o in ("relevance", "newest", "oldest")] == [
        "newest",
        "oldest",
        "relevance",
    ]


def test_a_person_in_a_one_briefing_library_is_listed_without_a_heading(
    sample_file: Path,
) -> None:
    """Seen in tmux on the sample alone: filtering to a person headed the list with the
    only briefing's date and title, which search results there do not show."""
    one = library_view([sample_file])
    groups = browse_groups(one, ListScope(person=PersonFilter("official", "Yu Cike")))
    assert [(heading, [e.label for e in entries]) for heading, entries in groups] == [
        (None, ["3 China Daily", "6 Red Star News"])
    ]


def test_a_search_keeps_only_the_hits_in_scope(library: LibraryView) -> None:
    hits = [
        HitRef(outline.transcript.id, turn.index)
        for outline in library.outlines
        for turn in outline.transcript.turns
        if "patent" in turn.text.lower()
    ]
    outcome = map_hits(library, "patent", hits, match_spans, note="note", partial=True)
    assert outcome is not None
    assert (outcome.note, outcome.partial) == ("note", True)
    everyone = scoped_outcome(outcome, library, ListScope())
    assert everyone is outcome
    china_daily = scoped_outcome(outcome, library, ListScope(PersonFilter("outlet", "China Daily")))
    kept = [item.entry_key for item in china_daily.entries]
    assert labels(library, kept) and set(labels(library, kept)) <= {
        "1 China Daily",
        "3 China Daily",
    }
    assert all(match.entry_key in kept for match in china_daily.matches)
    assert (china_daily.note, china_daily.partial) == ("note", True)  # still the index's word
    assert china_daily.first == 0 or china_daily.first is None
    in_2021 = scoped_outcome(
        outcome, library, ListScope(briefings=BriefingFilter.parse("date:2021"))
    )
    assert {library.entry(i.entry_key).transcript_id for i in in_2021.entries} == {  # type: ignore[union-attr]
        next(o.transcript.id for o in library.outlines if o.transcript.date.year == 2021)  # type: ignore[union-attr]
    }


def test_search_groups_sort_by_date(library: LibraryView) -> None:
    hits = [
        HitRef(outline.transcript.id, turn.index)
        for outline in library.outlines
        for turn in outline.transcript.turns
        if "china daily" in turn.speaker.lower()
    ]
    outcome = map_hits(library, "question", hits, match_spans)
    assert outcome is not None
    groups = group_hits(library, outcome)
    newest = order_groups(groups, library, "newest")
    oldest = order_groups(groups, library, "oldest")
    assert [h for h, _ in newest] == list(reversed([h for h, _ in oldest]))
    assert next(h for h, _ in newest).startswith("2021-04-25")
    assert order_groups(groups, library, "relevance") is groups


def test_sentences_and_paragraphs_of_an_answer(sample_transcript: Transcript) -> None:
    outline = build_outline(sample_transcript)
    entry = outline.entry(f"{sample_transcript.id}/q4")
    assert entry is not None
    sentences = entry_units(outline, entry, "sentence")
    paragraphs = entry_units(outline, entry, "paragraph")
    assert {u.turn for u in sentences} == {10, 11}
    answer = [(u.paragraph, u.start, u.end) for u in sentences if u.turn == 11]
    assert answer[:4] == [(0, 0, 28), (0, 29, 104), (0, 105, 277), (0, 278, 559)]
    assert answer[4][0] == 1
    assert [(u.turn, u.paragraph, u.start, u.end) for u in paragraphs[1:3]] == [
        (11, 0, 0, 559),
        (11, 1, 561, 1242),
    ]


def test_a_selection_extends_back_and_forth_and_switches_unit(
    sample_transcript: Transcript,
) -> None:
    outline = build_outline(sample_transcript)
    entry = outline.entry(f"{sample_transcript.id}/q4")
    assert entry is not None
    selection = RangeSelection(outline, entry, turn=11, paragraph=0)
    assert selection.spans() == [(11, 0, 28)]
    assert selection.describe() == "1 sentence"
    selection.move(1)
    selection.move(1)
    assert selection.spans() == [(11, 0, 277)]
    assert selection.describe() == "3 sentences"
    assert selection.switch_unit() == "paragraph"
    assert selection.spans() == [(11, 0, 559)]
    selection.move(1)
    assert selection.spans() == [(11, 0, 1242)]
    assert selection.describe() == "2 paragraphs"
    assert selection.switch_unit() == "sentence"
    assert selection.spans() == [(11, 0, 1242)]  # first to last sentence of the paragraphs
    # back past the anchor: the question turn and the start of the answer
    selection = RangeSelection(outline, entry, turn=11, paragraph=0)
    selection.move(-1)
    assert [turn for turn, _, _ in selection.spans()] == [10, 11]
    assert selection.describe() == "2 sentences in 2 turns"
    assert selection.move(-5) is False or selection.cursor == 0
    assert selection.move(-1) is False
