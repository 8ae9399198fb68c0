"""Facets: turns and words by speaker, questions by outlet, who answered whom, questions."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from search_index.insights.stats import (
    LibraryStats,
    TranscriptCounts,
    combined_stats,
    count_words,
    library_stats,
    question_rows,
    stats_of_counts,
    transcript_counts,
    transcript_stats,
)
from search_index.library import load_library
from search_index.models import Exchange, Speaker, Transcript
from tests.support.insights import LIBRARY, OFFICIAL, PRESS, transcript

OLDER_ID = "eec9c2b625d1a530"
NEWER_ID = "ebf0baf403123dea"


@pytest.fixture(scope="module")
def transcripts() -> list[Transcript]:
    return load_library([LIBRARY]).transcripts


@pytest.fixture(scope="module")
def stats(transcripts: list[Transcript]) -> LibraryStats:
    return library_stats(transcripts)


def test_count_words() -> None:
    assert count_words("We handled 42,000 patent cases, 1, 2 and 3.") == 9
    assert count_words("China's year-on-year 56.18 growth") == 4
    assert count_words("  \n\n ") == 0


def test_turns_and_words_by_speaker_across_the_library(stats: LibraryStats) -> None:
    assert [(s.speaker, s.kind, s.transcripts, s.turns, s.words) for s in stats.speakers] == [
        ("Shen Changyu", "official", 2, 5, 83),
        ("Hu Kaihong", "moderator", 1, 3, 32),
        ("China Daily", "press", 2, 3, 29),
        ("Xing Huina", "moderator", 1, 3, 29),
        ("He Zhimin", "official", 1, 2, 18),
        ("Xinhua News Agency", "press", 1, 1, 7),
        ("Yu Cike", "official", 1, 1, 7),
        ("Phoenix TV", "press", 1, 1, 6),
    ]
    assert (stats.turns, stats.words, stats.questions) == (19, 211, 5)


def test_questions_by_outlet_and_who_answered(stats: LibraryStats) -> None:
    assert [(o.outlet, o.transcripts, o.questions) for o in stats.outlets] == [
        ("China Daily", 2, 3),
        ("Phoenix TV", 1, 1),
        ("Xinhua News Agency", 1, 1),
    ]
    assert [(a.outlet, a.answered_by, a.questions) for a in stats.answers] == [
        ("China Daily", "Shen Changyu", 2),
        ("China Daily", "He Zhimin", 1),
        ("China Daily", "Yu Cike", 1),
        ("Phoenix TV", "Shen Changyu", 1),
        ("Xinhua News Agency", "He Zhimin", 1),
    ]


def test_per_transcript_counts(stats: LibraryStats) -> None:
    assert [(t.transcript_id, t.date) for t in stats.transcripts] == [
        (OLDER_ID, dt.date(2020, 4, 24)),
        (NEWER_ID, dt.date(2021, 4, 25)),
    ]
    older = stats.transcript(OLDER_ID)
    assert older is not None
    assert (older.turns, older.words, older.questions) == (9, 110, 2)
    assert [(s.speaker, s.turns, s.words) for s in older.speakers] == [
        ("Shen Changyu", 2, 43),
        ("Hu Kaihong", 3, 32),
        ("He Zhimin", 2, 18),
        ("China Daily", 1, 10),
        ("Xinhua News Agency", 1, 7),
    ]
    assert [(a.outlet, a.answered_by, a.questions) for a in older.answers] == [
        ("China Daily", "He Zhimin", 1),
        ("China Daily", "Shen Changyu", 1),
        ("Xinhua News Agency", "He Zhimin", 1),
    ]
    newer = stats.transcript(NEWER_ID)
    assert newer is not None
    assert [(o.outlet, o.questions) for o in newer.outlets] == [
        ("China Daily", 2),
        ("Phoenix TV", 1),
    ]
    assert stats.transcript("nope") is None


def test_sample_facets(sample_transcript: Transcript) -> None:
    stats = transcript_stats(sample_transcript)
    assert (stats.turns, stats.questions) == (25, 9)
    assert [(s.speaker, s.turns) for s in stats.speakers[:3]] == [
        ("Shen Changyu", 10),
        ("Yu Cike", 2),
        ("He Zhimin", 1),
    ]
    assert {o.outlet for o in stats.outlets} == {
        "China Media Group",
        "Guangming Daily",
        "China Daily",
        "China Financial and Economic News",
        "Phoenix TV",
        "Red Star News",
        "ThePaper.cn",
        "CRI",
        "Xinhua News Agency",
    }
    answered = {(a.outlet, a.answered_by) for a in stats.answers}
    assert ("Phoenix TV", "He Zhimin") in answered
    assert ("Red Star News", "Yu Cike") in answered
    assert sum(a.questions for a in stats.answers if a.answered_by == "Shen Changyu") == 9


def test_question_rows_filter_by_speaker_and_outlet(transcripts: list[Transcript]) -> None:
    every = question_rows(transcripts)
    assert [(r.transcript_id, r.number, r.asker, r.answered_by) for r in every] == [
        (OLDER_ID, 1, "China Daily", ("Shen Changyu", "He Zhimin")),
        (OLDER_ID, 2, "Xinhua News Agency", ("He Zhimin",)),
        (NEWER_ID, 1, "China Daily", ("Yu Cike",)),
        (NEWER_ID, 2, "Phoenix TV", ("Shen Changyu",)),
        (NEWER_ID, 3, "China Daily", ("Shen Changyu",)),
    ]
    assert every[0].summary == "How will the NIPA support small enterprises with pledge financing?"
    assert (every[0].question_turn, every[0].answer_turns) == (3, (4, 5))
    by_he = question_rows(transcripts, speaker="He Zhimin")
    assert [(r.transcript_id, r.number) for r in by_he] == [(OLDER_ID, 1), (OLDER_ID, 2)]
    by_outlet = question_rows(transcripts, outlet="China Daily")
    assert [(r.transcript_id, r.number) for r in by_outlet] == [
        (OLDER_ID, 1),
        (NEWER_ID, 1),
        (NEWER_ID, 3),
    ]
    # An outlet chosen in the speaker facet lists the questions it asked.
    assert len(question_rows(transcripts, speaker="Phoenix TV")) == 1
    assert question_rows(transcripts, speaker="Shen Changyu", outlet="Xinhua News Agency") == []


def test_hand_made_library_merges_speakers_by_name_and_counts_each_id_once() -> None:
    exchange = Exchange(
        index=0, asker="CRI", question_turn=1, answer_turns=(2,), answered_by=("Li",)
    )
    first = transcript(
        "a",
        dt.date(2022, 1, 1),
        [("Host", "Welcome all."), ("CRI", "A question?"), ("Li", "An answer, in five words.")],
        (exchange,),
        (Speaker(name="Li", kind=OFFICIAL), Speaker(name="CRI", kind=PRESS)),
    )
    second = transcript("b", None, [("Li", "Closing words.")])
    stats = library_stats([second, first, first])
    assert [t.transcript_id for t in stats.transcripts] == ["a", "b"]
    assert [(s.speaker, s.kind, s.transcripts, s.turns, s.words) for s in stats.speakers] == [
        ("Li", "official", 2, 2, 7),
        ("CRI", "press", 1, 1, 2),
        ("Host", "other", 1, 1, 2),
    ]
    assert [(a.outlet, a.answered_by, a.questions) for a in stats.answers] == [("CRI", "Li", 1)]


def test_the_library_counts_from_each_transcripts_counts(
    transcripts: list[Transcript], stats: LibraryStats
) -> None:
    per = [transcript_stats(t) for t in transcripts]
    assert combined_stats([*per, *per]) == stats
    for one in transcripts:
        counts = transcript_counts(one)
        assert counts.is_consistent()
        assert counts.turns == len(one.turns)
        assert stats_of_counts(counts, one.id, one.title, one.date, one.source) == transcript_stats(
            one
        )


def test_counts_that_contradict_themselves_are_not_consistent() -> None:
    good = TranscriptCounts(
        turns=3,
        speakers=(("Mo", "moderator", 1, 5), ("Li", "official", 2, 40)),
        asked=(("Xinhua", 1),),
        answered=(("Xinhua", "Li", 1),),
    )
    assert good.is_consistent()
    bad = [
        replace(good, turns=4),
        replace(good, speakers=(("Mo", "moderator", 1, 5), ("Mo", "official", 2, 40))),
        replace(good, speakers=(("Mo", "moderator", 1, 5), ("Li", "official", 2, -1))),
        replace(good, speakers=(("Mo", "moderator", 0, 5), ("Li", "official", 3, 40))),
        replace(good, speakers=(("Mo", "moderator", 1, "5"), ("Li", "official", 2, 40))),  # type: ignore[arg-type]
        replace(good, speakers=(("Mo", "moderator", 1), ("Li", "official", 2, 40))),  # type: ignore[arg-type]
        replace(good, speakers=(("Mo", None, 1, 5), ("Li", "official", 2, 40))),  # type: ignore[arg-type]
        replace(good, asked=(("Xinhua", 0),)),
        replace(good, asked=(("Xinhua", 1), ("Xinhua", 1))),
        replace(good, answered=(("CGTN", "Li", 1),)),
        replace(good, answered=(("Xinhua", "Li", True),)),
    ]
    for counts in bad:
        assert not counts.is_consistent(), counts


def test_stats_from_the_index_import_no_models_nor_terminal_ui(tmp_path: Path) -> None:
    """`pressroom stats --json` reads the counts kept in the index: it imports neither the
    models (pydantic's schema building) nor the parser, Whoosh, Textual or Rich."""
    import subprocess
    import sys

    from search_index.index import LibraryIndex

    index_dir = tmp_path / "index"
    with LibraryIndex.open(index_dir) as index:
        index.update([LIBRARY])
    script = (
        "import io, sys, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['stats', '--json', '--index-dir', {str(index_dir)!r}]) == 0\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    modules = set(done.stdout.split())
    assert "search_index.insights.stats" in modules
    for heavy in ("search_index.models", "search_index.parser", "whoosh", "textual", "rich"):
        assert heavy not in modules, heavy
