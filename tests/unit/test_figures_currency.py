"""A bare "$" or "dollars" is the dollar the briefing implies, or left as "$" (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index.figures import (
    UNNAMED_DOLLAR,
    extract_figures,
    figures_of_transcript,
    implied_dollar,
)
from search_index.models import Transcript, Turn
from search_index.parser import load_transcript, parse_text

SPENDING = "We will spend $500 million on roads and another 20 million dollars on bridges."


def _briefing(
    *texts: str, title: str | None = None, location: str | None = None, source: str = "x.txt"
) -> Transcript:
    turns = tuple(
        Turn(index=i, speaker="Minister", text=t, paragraphs=(t,), line_start=i, line_end=i)
        for i, t in enumerate(texts)
    )
    return Transcript(id="0" * 16, source=source, title=title, location=location, turns=turns)


def _money(transcript: Transcript) -> list[tuple[str, float, str | None]]:
    return [(f.text, f.value, f.unit) for f in figures_of_transcript(transcript) if f.is_money]


@pytest.mark.parametrize(
    ("title", "location", "source", "dollar"),
    [
        ("Doorstop interview, Parliament House, Canberra", None, "x.txt", "AUD"),
        ("PRIME MINISTER OF AUSTRALIA: TRANSCRIPT", None, "x.txt", "AUD"),
        (None, None, "transcripts/pm-australia-2009-10-14-doorstop.txt", "AUD"),
        ("Press conference", "Wellington", "x.txt", "NZD"),
        ("Press conference", "Ottawa", "x.txt", "CAD"),
        ("Press Briefing by Press Secretary", "James S. Brady Press Briefing Room", "x", "USD"),
        ("SCIO briefing on foreign trade", "Beijing", "x.txt", "USD"),
        ("Monetary policy press conference", "Frankfurt am Main", "x.txt", "USD"),
        # A joint press conference: the publisher, named first, decides.
        (None, None, "defence-minister-australia-2000-07-27-joint-new-zealand.txt", "AUD"),
        # The title comes before the place it was given.
        ("Australian Prime Minister's press conference", "Tokyo", "x.txt", "AUD"),
    ],
)
def test_the_documents_place_implies_its_dollar(
    title: str | None, location: str | None, source: str, dollar: str
) -> None:
    transcript = _briefing(SPENDING, title=title, location=location, source=source)
    assert implied_dollar(transcript) == dollar
    assert _money(transcript) == [
        ("$500 million", 5e8, dollar),
        ("20 million dollars", 2e7, dollar),
    ]


def test_nothing_implies_a_dollar_so_it_stays_unnamed() -> None:
    transcript = _briefing(SPENDING, title="Press conference", source="notes.txt")
    assert implied_dollar(transcript) is None
    assert _money(transcript) == [
        ("$500 million", 5e8, UNNAMED_DOLLAR),
        ("20 million dollars", 2e7, UNNAMED_DOLLAR),
    ]
    assert UNNAMED_DOLLAR == "$"
    assert all(f.is_money for f in figures_of_transcript(transcript))


def test_a_dollar_named_elsewhere_in_the_document_implies_it() -> None:
    transcript = _briefing(
        SPENDING, "That is on top of the A$2 billion announced in May.", title="Press conference"
    )
    assert implied_dollar(transcript) == "AUD"
    assert _money(transcript) == [
        ("$500 million", 5e8, "AUD"),
        ("20 million dollars", 2e7, "AUD"),
        ("A$2 billion", 2e9, "AUD"),
    ]
    named = _briefing(SPENDING, "Against the Canadian dollar it fell; Canadian dollars rose.")
    assert implied_dollar(named) == "CAD"
    tied = _briefing(SPENDING, "Paid in US dollars and in Australian dollars.")
    assert implied_dollar(tied) is None  # as many of each: nothing is implied


def test_the_country_the_turns_talk_about_decides_only_when_it_clearly_leads() -> None:
    australian = _briefing(
        SPENDING,
        "Australia has done well. Australians know it, and Sydney and Melbourne grew. "
        "We talked to the United States about it.",
    )
    assert implied_dollar(australian) == "AUD"
    mixed = _briefing(SPENDING, "Australia and the United States, Canberra and Washington.")
    assert implied_dollar(mixed) is None
    # Other countries talked about say nothing of the speaker's own dollar.
    assert implied_dollar(_briefing(SPENDING, "China and China and Japan and India.")) is None


def test_explicit_currencies_are_never_replaced() -> None:
    transcript = _briefing(
        "It cost US$3 billion, C$2 billion, €1 billion and 5 billion yuan.", location="Canberra"
    )
    assert _money(transcript) == [
        ("US$3 billion", 3e9, "USD"),
        ("C$2 billion", 2e9, "CAD"),
        ("€1 billion", 1e9, "EUR"),
        ("5 billion yuan", 5e9, "CNY"),
    ]


def test_a_single_turn_takes_the_dollar_it_is_given() -> None:
    turn = _briefing(SPENDING).turns[0]
    assert [f.unit for f in extract_figures(turn)] == ["$", "$"]
    assert [f.unit for f in extract_figures(turn, dollar="NZD")] == ["NZD", "NZD"]


def test_real_briefings(sample_file: Path, data_dir: Path) -> None:
    sample = load_transcript(sample_file)  # SCIO, Beijing: "$" is US dollars
    assert implied_dollar(sample) == "USD"
    assert ("$13.07 billion", 1.307e10, "USD") in _money(sample)
    wellington = load_transcript(data_dir / "budget-inline-wrapped.txt")
    assert _money(wellington) == [("18 billion dollars", 1.8e10, "NZD")]
    ottawa = load_transcript(data_dir / "conventions" / "ocr-wrapped.txt")
    assert _money(ottawa) == [("eleven billion dollars", 1.1e10, "CAD")]


def test_port_alder_press_conference() -> None:
    """Issue 10's third case: a town named nowhere else, so the dollars stay unnamed."""
    text = (
        "40417\nPRESS CONFERENCE, CIVIC CENTRE, PORT ALDER\nMarsh, Helena\n"
        "20290101 - 20331231\n14/02/2031\n\nSubject:\nharbour upgrade.\nE&OE...\n"
        "Good morning. We will spend half a billion dollars and expect two and a half "
        "thousand jobs.\nRPTR:\nMayor, when will work start?\nMAYOR:-\nSoon.\nRPTR:\n"
        "Will rates rise?\nMAYOR:\nNo.\n"
        "Photo Caption: The Mayor at the Civic Centre, 14 February 2031\n"
    )
    figures = figures_of_transcript(parse_text(text, source="port-alder.txt"))
    found = [(f.text, f.value, f.unit, f.kind) for f in figures]
    assert ("half a billion dollars", 5e8, "$", "amount") in found
    assert ("two and a half thousand", 2500.0, "jobs", "count") in found
