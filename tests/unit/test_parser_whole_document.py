"""The four cases of issue 10 that a line-by-line parser gets wrong (tests/data/whole-document).

Each needs the whole document: a running page header cut out of a sentence, a chair who
answers every question, dotted abbreviations at line starts, a moderator's calls naming the
asker, a metadata block before an unlabelled opening, labels wrapped into the middle of lines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from search_index.models import Transcript
from search_index.parser import load_transcript


def _load(data_dir: Path, name: str) -> Transcript:
    return load_transcript(data_dir / "whole-document" / name)


def _exchanges(transcript: Transcript) -> list[tuple[object, ...]]:
    return [
        (
            e.asker,
            e.outlet,
            e.question_turns,
            e.answer_turns,
            e.answered_by,
            e.handoff_to,
            e.follow_up_of,
        )
        for e in transcript.exchanges
    ]


def test_outlook_call_with_a_running_page_header(data_dir: Path) -> None:
    transcript = _load(data_dir, "outlook-call-page-header.txt")
    assert transcript.title == "Transcript of Chair Oduya's Quarterly Outlook Call"
    assert transcript.date == dt.date(2031, 6, 3)
    assert transcript.location is None
    assert [(s.name, s.kind.value, s.outlet) for s in transcript.speakers] == [
        ("Chair Oduya", "official", None),
        ("Lena Park-Whitfield", "moderator", None),
        ("Tomas McAllister", "press", "Harbor Radio"),
        ("Ines O'Brien-Salas", "press", "Daily Ledger"),
    ]
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("Chair Oduya", "Good afternoon. We lowered the rate by 25 basis points."),
        ("Lena Park-Whitfield", "Thanks. We'll go to Harbor Radio first."),
        (
            "Tomas McAllister",
            "Hi, Tomas McAllister with Harbor Radio. How long will rates stay low?",
        ),
        ("Chair Oduya", "For some time. We will watch the labor market closely."),
        ("Lena Park-Whitfield", "Okay, the Daily Ledger."),
        ("Ines O'Brien-Salas", "Is a further cut on the table?"),
        ("Chair Oduya", "Sorry, what was that again?"),
        ("Ines O'Brien-Salas", "— a further cut, this year?"),
        ("Chair Oduya", "It is not our base case."),
    ]
    assert (transcript.turns[3].line_start, transcript.turns[3].line_end) == (9, 12)
    assert _exchanges(transcript) == [
        ("Tomas McAllister", "Harbor Radio", (2,), (3,), ("Chair Oduya",), None, None),
        ("Ines O'Brien-Salas", "Daily Ledger", (5, 7), (6, 8), ("Chair Oduya",), None, None),
    ]
    assert transcript.warnings == (
        "Chair Oduya: typed official although the label says chair: answers 2 questions",
    )


def test_gaggle_with_dotted_abbreviations_and_a_moderator_calling_reporters(
    data_dir: Path,
) -> None:
    transcript = _load(data_dir, "gaggle-dotted-abbreviations.txt")
    assert (transcript.title, transcript.date, transcript.location) == (None, None, None)
    assert [(s.name, s.kind.value) for s in transcript.speakers] == [
        ("Moderator", "moderator"),
        ("Ms. Vance", "official"),
        ("Dr. Oyelaran", "official"),
        ("Q", "press"),
    ]
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("Moderator", "Hi, all. Thanks for joining. Director Vance will start."),
        (
            "Ms. Vance",
            "Today we open two berths, agreed with the U.N. last week and with the E.U. on "
            "Friday. Dr. Oyelaran?",
        ),
        (
            "Dr. Oyelaran",
            "They handle 40,000 containers a month, backed by the U.S. side.",
        ),
        ("Moderator", "Our first question will go to Pia with the Coast Herald."),
        ("Q", "Will fees rise?"),
        ("Ms. Vance", "Dr. Oyelaran?"),
        ("Dr. Oyelaran", "No, fees stay flat."),
        ("Q", "Thank you."),
        ("Moderator", "Next we'll go to Ravi at Port Daily."),
        ("Q", "How many jobs?"),
        ("Ms. Vance", "About 300. Next question."),
    ]
    assert _exchanges(transcript) == [
        ("Pia", "Coast Herald", (4,), (6,), ("Dr. Oyelaran",), "Dr. Oyelaran", None),
        ("Ravi", "Port Daily", (9,), (10,), ("Ms. Vance",), None, None),
    ]
    assert transcript.warnings == ("no date found in the header",)


def test_archive_record_with_a_metadata_block_and_an_unlabelled_opening(
    data_dir: Path,
) -> None:
    transcript = _load(data_dir, "archive-metadata-block.txt")
    assert transcript.title == "PRESS CONFERENCE, CIVIC CENTRE, PORT ALDER"
    assert transcript.date == dt.date(2031, 2, 14)
    # The issue expects "Port Alder"; the corpus convention keeps the venue the title names
    # with the town ("Parliament House, Canberra", "Berowra Electorate Office, George St,
    # Hornsby"), and the issue itself lists "Civic Centre, Port Alder" as a place.
    assert transcript.location == "Civic Centre, Port Alder"
    assert [(s.name, s.kind.value) for s in transcript.speakers] == [
        ("Mayor", "official"),
        ("RPTR", "press"),
    ]
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        (
            "Mayor",
            "Good morning. We will spend half a billion dollars and expect two and a half "
            "thousand jobs.",
        ),
        ("RPTR", "Mayor, when will work start?"),
        ("Mayor", "Soon."),
        ("RPTR", "Will rates rise?"),
        ("Mayor", "No."),
    ]
    assert _exchanges(transcript) == [
        ("RPTR", None, (1,), (2,), ("Mayor",), None, None),
        ("RPTR", None, (3,), (4,), ("Mayor",), None, None),
    ]
    assert [(f.name, f.value, f.line) for f in transcript.fields] == [
        ("Subject", "harbour upgrade.", 7),
        ("Photo Caption", "The Mayor at the Civic Centre, 14 February 2031", 19),
    ]
    assert transcript.warnings == (
        "opening statement (lines 10–10) has no label: given to Mayor, who answers the questions",
    )


def test_joint_conference_with_labels_wrapped_into_lines(data_dir: Path) -> None:
    transcript = _load(data_dir, "joint-midline-labels.txt")
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("PM", "We have agreed the package and I think it is a good one"),
        ("Journalist", "So there is no deal on roads?"),
        ("PM", "No deal."),
        ("Treasurer", "Well, none yet."),
        ("Journalist", "Are you confident, though, that rates will fall?"),
        ("PM", "Yes, over time."),
        ("Journalist", ".."),
        ("Treasurer", "We will see."),
        ("Journalist", "And the deficit?"),
        ("Treasurer", "Smaller."),
    ]
    assert [(s.name, s.kind.value) for s in transcript.speakers] == [
        ("PM", "official"),
        ("Journalist", "press"),
        ("Treasurer", "official"),
    ]
    # ".." is a question the transcriber could not hear; the Treasurer takes it up.
    assert _exchanges(transcript) == [
        ("Journalist", None, (1,), (2, 3), ("PM", "Treasurer"), None, None),
        ("Journalist", None, (4,), (5,), ("PM",), None, None),
        ("Journalist", None, (6,), (7,), ("Treasurer",), None, None),
        ("Journalist", None, (8,), (9,), ("Treasurer",), None, None),
    ]
    source = (data_dir / "whole-document" / "joint-midline-labels.txt").read_text()
    for label in ("PM:", "JOURNALIST:", "TREASURER:"):
        source = source.replace(label, " ")
    assert " ".join(t.text for t in transcript.turns).split() == source.split()
