"""One fixture per transcript convention: exact turns, speakers and exchanges.

Each fixture in tests/data/conventions/ and tests/data/formats/ is written for pressroom in
the style of one kind of source (White House, State Department, central banks, UN, OCR'd
archives, saved web pages, Markdown notes). Exchanges are compared as
(asker, outlet, question_turns, answer_turns, answered_by, follow_up_of).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from search_index.models import Transcript
from search_index.parser import load_transcript

EXPECTED: dict[str, dict[str, Any]] = {
    "conventions/anonymous-questions.txt": {
        "meta": (
            "Press Briefing by Press Secretary Dana Mills",
            "2025-03-04",
            "James S. Brady Press Briefing Room",
        ),
        "speakers": [("Press Secretary Mills", "official", None), ("Q", "press", None)],
        "turns": [
            (
                "Press Secretary Mills",
                "Good afternoon, everyone. I have two "
                "announcements before I take your "
                "questions.\n"
                "\n"
                "First, the President will travel to Ohio "
                "on Friday.\n"
                "\n"
                "Second, we are releasing $2.5 billion for "
                "bridge repairs.\n"
                "\n"
                "With that, go ahead, Peter.",
            ),
            ("Q", "Thank you, Dana. On the bridge money: how many states will get funds?"),
            ("Press Secretary Mills", "All fifty states will receive funds this year."),
            ("Q", "And a follow-up: when will the first grants go out?"),
            ("Press Secretary Mills", "Within 60 days. Go ahead, Maria."),
            ("Q", "Can you say more about Ohio?"),
            ("Press Secretary Mills", "Sorry, can you repeat that?"),
            ("Q", "The Ohio trip: who is going with the President?"),
            (
                "Press Secretary Mills",
                "The Secretary of Transportation will join him. That is all I have on that.",
            ),
            ("Q", "Will there be a press availability?"),
            ("Press Secretary Mills", "Not on this trip."),
            ("Q", "Is the trip paid for by the campaign?"),
            ("Press Secretary Mills", "No. Thank you, everyone."),
        ],
        "exchanges": [
            ("Peter", None, (1,), (2,), ("Press Secretary Mills",), None),
            ("Peter", None, (3,), (4,), ("Press Secretary Mills",), 0),
            ("Maria", None, (5, 7), (6, 8), ("Press Secretary Mills",), None),
            ("Maria", None, (9,), (10,), ("Press Secretary Mills",), 2),
            ("Maria", None, (11,), (12,), ("Press Secretary Mills",), 3),
        ],
    },
    "conventions/caps-labels.txt": {
        "meta": ("Department Press Briefing", "2023-06-07", "Washington, D.C."),
        "speakers": [
            ("Mr. Price", "official", None),
            ("Q", "press", None),
            ("Senior State Department Official", "official", None),
            ("Press Secretary Smith", "official", None),
            ("The President", "official", None),
        ],
        "turns": [
            (
                "Mr. Price",
                "Good afternoon. I have nothing at the top, so let's go to your questions.",
            ),
            ("Q", "Thanks, Ned. On the talks in Vienna, is there a deal?"),
            ("Mr. Price", "Not yet. The talks resume on Monday."),
            (
                "Senior State Department Official",
                "If I may add, the delegations met for six hours.",
            ),
            ("Q", "Will the President comment?"),
            ("Press Secretary Smith", "The President will speak tonight."),
            ("The President", "I will say one word now: patience."),
        ],
        "exchanges": [
            ("Q", None, (1,), (2, 3), ("Mr. Price", "Senior State Department Official"), None),
            ("Q", None, (4,), (5, 6), ("Press Secretary Smith", "The President"), None),
        ],
    },
    "conventions/fullstop-labels.txt": {
        "meta": ("Monetary Policy Report Press Conference", "2024-05-02", "London"),
        "speakers": [
            ("Governor Bailey", "official", None),
            ("Anna Berg", "press", "Reuters"),
            ("Deputy Governor Lombardelli", "official", None),
            ("Tom Reed", "press", "Financial Times"),
        ],
        "turns": [
            (
                "Governor Bailey",
                "Good afternoon. The Committee voted by a "
                "majority of 7-2 to hold Bank Rate at 5.25%.\n"
                "\n"
                "Inflation has fallen to 3.2%.",
            ),
            ("Anna Berg", "Anna Berg, Reuters. When will you cut rates?"),
            ("Governor Bailey", "We need to see more evidence first."),
            ("Deputy Governor Lombardelli", "I would add that services inflation is still high."),
            ("Tom Reed", "Tom Reed, Financial Times. Is a June cut possible?"),
            ("Governor Bailey", "Nothing is ruled out."),
        ],
        "exchanges": [
            (
                "Anna Berg",
                "Reuters",
                (1,),
                (2, 3),
                ("Governor Bailey", "Deputy Governor Lombardelli"),
                None,
            ),
            ("Tom Reed", "Financial Times", (4,), (5,), ("Governor Bailey",), None),
        ],
    },
    "conventions/inline-outlets.txt": {
        "meta": ("Ministry of Trade press conference", "2024-08-12", "Canberra"),
        "speakers": [
            ("Moderator Sam Hill", "moderator", None),
            ("Minister Chen Li", "official", None),
            ("Anna Berg", "press", "Reuters"),
            ("Tom Reed", "press", "ABC News"),
            ("Secretary Ruth Gold", "official", None),
        ],
        "turns": [
            ("Moderator Sam Hill", "Welcome. The minister will speak first."),
            ("Minister Chen Li", "Thank you. Exports rose 4% in the year to June."),
            ("Anna Berg", "What drove the rise?"),
            ("Minister Chen Li", "Mostly iron ore and education."),
            ("Tom Reed", "Will the forecast change?"),
            ("Minister Chen Li", "Not this quarter."),
            ("Secretary Ruth Gold", "The department will publish an update in October."),
            ("Moderator Sam Hill", "Thank you all."),
        ],
        "exchanges": [
            ("Anna Berg", "Reuters", (2,), (3,), ("Minister Chen Li",), None),
            (
                "Tom Reed",
                "ABC News",
                (4,),
                (5, 6),
                ("Minister Chen Li", "Secretary Ruth Gold"),
                None,
            ),
        ],
    },
    "conventions/label-variants.txt": {
        "meta": ("Press conference of the Foreign Minister", "2019-01-14", "Berlin"),
        "speakers": [("Foreign Minister", "official", None), ("Reporter", "press", None)],
        "turns": [
            (
                "Foreign Minister",
                "Good afternoon. I welcome my colleague to "
                "Berlin.\n"
                "\n"
                "We discussed trade and security.",
            ),
            ("Reporter", "A question for both ministers: will sanctions be lifted?"),
            (
                "Foreign Minister",
                "Not before the agreement is implemented.\n\nAnd we will review it in six months.",
            ),
            ("Reporter", "And the pipeline?"),
            ("Foreign Minister", "The pipeline is a commercial project."),
        ],
        "exchanges": [
            ("Reporter", None, (1,), (2,), ("Foreign Minister",), None),
            ("Reporter", None, (3,), (4,), ("Foreign Minister",), None),
        ],
    },
    "conventions/named-reporters.txt": {
        "meta": ("Press Briefing by the Spokesperson", "2024-10-03", "New York"),
        "speakers": [("Spokesperson", "official", None), ("Q", "press", None)],
        "turns": [
            ("Spokesperson", "Good afternoon. I will take your questions. Yes, Edie."),
            ("Q", "Thank you. Is the Secretary-General travelling this week?"),
            ("Spokesperson", "He is not. Mr. Lee, go ahead."),
            ("Q", "On the ceasefire talks, any news?"),
            ("Spokesperson", "No news today. James?"),
            ("Q", "Sorry, my question was answered. Thank you."),
            ("Spokesperson", "Okay. Have a good afternoon."),
        ],
        "exchanges": [
            ("Edie", None, (1,), (2,), ("Spokesperson",), None),
            ("Mr. Lee", None, (3,), (4,), ("Spokesperson",), None),
            ("James", None, (5,), (6,), ("Spokesperson",), None),
        ],
    },
    "conventions/ocr-wrapped.txt": {
        "meta": ("PRESS CONFERENCE BY THE PRIME MINISTER", "1998-09-09", "Ottawa"),
        "speakers": [
            ("The Prime Minister", "official", None),
            ("The Moderator", "moderator", None),
            ("Reporter", "press", None),
        ],
        "turns": [
            (
                "The Prime Minister",
                "Good morning. We have reached an agreement with the provinces on health funding.",
            ),
            ("The Moderator", "Questions, please. The first one from the back."),
            ("Reporter", "How much will the provinces receive?"),
            ("The Prime Minister", "About eleven billion dollars over five years."),
            ("Reporter", "Is that enough?"),
            ("The Prime Minister", "It is a good start."),
        ],
        "exchanges": [
            ("Reporter", None, (2,), (3,), ("The Prime Minister",), None),
            ("Reporter", None, (4,), (5,), ("The Prime Minister",), None),
        ],
    },
    "conventions/page-furniture.txt": {
        "meta": (
            "Press Conference of the President of the European Central Bank",
            "2024-04-11",
            "Frankfurt",
        ),
        "speakers": [("President Lagarde", "official", None), ("Q", "press", None)],
        "turns": [
            (
                "President Lagarde",
                "Good afternoon. Today we decided to keep the "
                "three key interest rates unchanged.\n"
                "\n"
                "We will follow a data-dependent approach. "
                "Thank you.",
            ),
            ("Q", "Will you cut in June?"),
            ("President Lagarde", "We do not pre-commit."),
        ],
        "exchanges": [("Q", None, (1,), (2,), ("President Lagarde",), None)],
    },
    "conventions/unlabelled-opening.txt": {
        "meta": (
            "Remarks by Governor Andrew Bailey at the Financial Stability Report press conference",
            "2024-06-27",
            "London",
        ),
        "speakers": [("Governor Bailey", "official", None), ("Q", "press", None)],
        "turns": [
            (
                "Governor Bailey",
                "Good morning, and thank you for coming. "
                "The Financial Policy Committee has today "
                "published its report.\n"
                "\n"
                "We judge that the UK banking system is "
                "well capitalised.",
            ),
            ("Q", "Anna Berg, Reuters. Are you worried about private credit?"),
            ("Governor Bailey", "We are watching it closely."),
            ("Q", "Tom Reed, BBC. And commercial property?"),
            ("Governor Bailey", "Prices have fallen, but banks can absorb the losses."),
        ],
        "exchanges": [
            ("Anna Berg", "Reuters", (1,), (2,), ("Governor Bailey",), None),
            ("Tom Reed", "BBC", (3,), (4,), ("Governor Bailey",), None),
        ],
    },
    "formats/ecb-press-conference.md": {
        "meta": ("Monetary policy press conference", "2024-06-06", "Frankfurt am Main"),
        "speakers": [("President Lagarde", "official", None), ("Anna Berg", "press", "Reuters")],
        "turns": [
            (
                "President Lagarde",
                "Good afternoon. Today we decided to lower the "
                "three key interest rates by 25 basis points.",
            ),
            ("Anna Berg", "Is this the start of a cutting cycle?"),
            ("President Lagarde", "We are not pre-committing to a particular rate path."),
        ],
        "exchanges": [("Anna Berg", "Reuters", (1,), (2,), ("President Lagarde",), None)],
    },
    "formats/mfa-briefing.html": {
        "meta": (
            "Foreign Ministry Spokesperson's Regular Press Conference on May 2, 2024",
            "2024-05-02",
            None,
        ),
        "speakers": [
            ("Spokesperson Lin Hua", "official", None),
            ("AFP", "press", "AFP"),
            ("Bloomberg", "press", "Bloomberg"),
        ],
        "turns": [
            (
                "Spokesperson Lin Hua",
                "Good afternoon. I have no announcements today, so let’s go to your questions.",
            ),
            ("AFP", "The trade talks resume next week. Will the minister attend?"),
            (
                "Spokesperson Lin Hua",
                "The minister will lead the delegation.\n\nWe will release details in due course.",
            ),
            ("Bloomberg", "Can you confirm the figure of $3.5 billion in new purchases?"),
            ("Spokesperson Lin Hua", "I would refer you to the competent authorities."),
        ],
        "exchanges": [
            ("AFP", "AFP", (1,), (2,), ("Spokesperson Lin Hua",), None),
            ("Bloomberg", "Bloomberg", (3,), (4,), ("Spokesperson Lin Hua",), None),
        ],
    },
}


def summary(transcript: Transcript) -> dict[str, Any]:
    return {
        "meta": (
            transcript.title,
            transcript.date.isoformat() if transcript.date else None,
            transcript.location,
        ),
        "speakers": [(s.name, s.kind.value, s.outlet) for s in transcript.speakers],
        "turns": [(t.speaker, t.text) for t in transcript.turns],
        "exchanges": [
            (e.asker, e.outlet, e.question_turns, e.answer_turns, e.answered_by, e.follow_up_of)
            for e in transcript.exchanges
        ],
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_convention(data_dir: Path, name: str) -> None:
    transcript = load_transcript(data_dir / name)
    got = summary(transcript)
    expected = EXPECTED[name]
    assert got["meta"] == expected["meta"]
    assert got["speakers"] == expected["speakers"]
    assert got["turns"] == expected["turns"]
    assert got["exchanges"] == expected["exchanges"]
