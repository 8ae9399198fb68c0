"""The parser on transcripts written in other ways than the sample."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from search_index.models import SpeakerKind
from search_index.parser import load_transcript, parse_text


def test_inline_labels_and_hard_wrapped_lines(data_dir: Path) -> None:
    transcript = load_transcript(data_dir / "budget-inline-wrapped.txt")
    assert transcript.title == "Ministry of Finance press conference on the 2024 budget"
    assert transcript.date == dt.date(2024, 3, 14)
    assert transcript.location == "Wellington"
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        (
            "Moderator Jane Doe",
            "Good afternoon. The minister will make a short statement and then take questions.",
        ),
        (
            "Minister Chen Li",
            "Thank you. This year the budget sets aside 18 billion dollars for "
            "infrastructure, up 4.5% on last year. Most of it goes to roads and rail."
            "\n\nWe also fund two new hospitals.",
        ),
        (
            "Anna Berg",
            "Anna Berg from the Herald. How much of that goes to rail?",
        ),
        ("Minister Chen Li", "About a third of it. We will publish the details next week."),
        ("Tom Reed", "A follow-up on hospitals: where will they be built?"),
        ("Minister Chen Li", "In Hamilton and in Nelson."),
        ("Moderator Jane Doe", "That is all for today. Thank you."),
    ]
    kinds = {s.name: s.kind for s in transcript.speakers}
    assert kinds == {
        "Moderator Jane Doe": SpeakerKind.MODERATOR,
        "Minister Chen Li": SpeakerKind.OFFICIAL,
        "Anna Berg": SpeakerKind.PRESS,
        "Tom Reed": SpeakerKind.PRESS,
    }
    assert [(e.asker, e.question_turn, e.answer_turns) for e in transcript.exchanges] == [
        ("Anna Berg", 2, (3,)),
        ("Tom Reed", 4, (5,)),
    ]
    assert (transcript.turns[1].line_start, transcript.turns[1].line_end) == (7, 11)


def test_colonless_outlet_label_between_label_lines() -> None:
    text = (
        "Briefing on trade\n\nDate:\n\nMay 3, 2022\n\nChairperson:\n\nLi Wei, spokesperson\n\n"
        "Li Wei:\n\nWelcome. Questions, please.\n\n"
        "Global Times\n\nWhat is the outlook for exports?\n\n"
        "Wang Fang:\n\nExports grew by 3.2% in the first quarter.\n"
    )
    transcript = parse_text(text, source="trade.txt")
    assert transcript.date == dt.date(2022, 5, 3)
    assert [t.speaker for t in transcript.turns] == ["Li Wei", "Global Times", "Wang Fang"]
    assert [s.kind for s in transcript.speakers] == [
        SpeakerKind.MODERATOR,
        SpeakerKind.PRESS,
        SpeakerKind.OFFICIAL,
    ]
    assert transcript.exchanges[0].answered_by == ("Wang Fang",)
    assert transcript.speakers[0].role == "spokesperson"


def test_roster_merges_repeated_lists_and_keeps_the_fuller_role() -> None:
    text = (
        "Press conference\n\nSpeakers\n\nAda Lim, minister\n\n"
        "Speakers:\n\nAda Lim, minister of health and social care\n\n"
        "Ada Lim:\n\nGood morning.\n"
    )
    transcript = parse_text(text, source="x.txt")
    assert [(s.name, s.role) for s in transcript.speakers] == [
        ("Ada Lim", "minister of health and social care")
    ]
    assert transcript.warnings == ("no date found in the header", "no press questions recognised")


def test_roster_roles_keep_their_brackets_and_handoffs_to_add_details() -> None:
    text = (
        "Briefing\n\nSpeakers:\n\nAda Lim, head of the National Administration (NIPA)\n\n"
        "Bo Chen (deputy head)\n\nQ: What next?\n\n"
        "Ada Lim:\n\nThank you. Mr. Chen will add some details.\n\n"
        "Bo Chen:\n\nWe will publish a plan.\n"
    )
    transcript = parse_text(text, source="x.txt")
    assert [(s.name, s.role) for s in transcript.speakers[:2]] == [
        ("Ada Lim", "head of the National Administration (NIPA)"),
        ("Bo Chen", "deputy head"),
    ]
    assert transcript.exchanges[0].answered_by == ("Ada Lim", "Bo Chen")
    assert transcript.exchanges[0].handoff_to == "Bo Chen"
