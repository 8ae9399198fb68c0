"""Each stage of the parser on tiny inputs: lines, candidates and label styles, names, dates,
header, the acts of a turn, and exchanges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from search_index.errors import NotATranscriptError
from search_index.parser import load_transcript, parse_document, parse_text
from search_index.parser.candidates import find_candidates
from search_index.parser.dates import DayMonthOrder, find_dated
from search_index.parser.label_styles import decide_labels
from search_index.parser.lines import read_lines
from search_index.parser.names import body_spellings, display_name
from search_index.parser.turn_acts import (
    NameCheck,
    call_in,
    plausible_follow_up,
    self_introduction,
)


def _labels(text: str) -> list[tuple[int, str, str]]:
    lines = read_lines(text).lines
    decisions = decide_labels(lines, find_candidates(lines))
    return [(lines[i].number, label, rest) for i, (label, rest) in decisions.labels.items()]


def _names(ordinary: set[str] | None = None) -> NameCheck:
    return NameCheck(lambda word: word in (ordinary or set()))


# --- lines ---------------------------------------------------------------------------------


def test_a_running_header_is_removed_and_the_sentence_rejoined() -> None:
    text = (
        "Outlook Call DRAFT\nPage 1 of 2\nA: We will watch the labor market\n\n"
        "Outlook Call DRAFT\nPage 2 of 2\n\nclosely.\n"
    )
    read = read_lines(text)
    assert [line.text for line in read.lines if line.text] == [
        "A: We will watch the labor market",
        "closely.",
    ]
    assert [line.text for line in read.lines] == [
        "A: We will watch the labor market",
        "closely.",
        "",
    ]
    assert [(n, reason) for n, _, reason in read.removed] == [
        (1, "running header"),
        (2, "page"),
        (5, "running header"),
        (6, "page"),
    ]


def test_a_footer_counting_pages_is_furniture_but_a_repeated_sentence_is_not() -> None:
    text = (
        "A: First part of the\n\nInquiries: (02) 6277 7500 1\n\nanswer. Thank you.\n\n"
        "B: Thank you.\n\nA: More\n\nInquiries: (02) 6277 7500 2\n\ntext. Thank you.\n"
    )
    read = read_lines(text)
    assert [number for number, _, _ in read.removed] == [3, 11]
    assert "B: Thank you." in [line.text for line in read.lines]


# --- candidates and label styles -------------------------------------------------------------


def test_dotted_abbreviations_and_continuation_lines_are_text() -> None:
    text = (
        "MS. VANCE:  We agreed with the\nU.N. last week and with the\nE.U. on Friday.\n\n"
        "DR. OYELARAN:  Backed by the\nU.S. side.\n"
    )
    assert _labels(text) == [
        (1, "MS. VANCE", "We agreed with the"),
        (5, "DR. OYELARAN", "Backed by the"),
    ]


def test_a_role_word_with_prose_is_a_turn_and_with_names_a_roster() -> None:
    turn = parse_text("MODERATOR:  Hi, all.  Thanks for joining.\n\nQ  Why?\n", "x")
    assert [(t.speaker, t.text) for t in turn.turns] == [
        ("Moderator", "Hi, all. Thanks for joining."),
        ("Q", "Why?"),
    ]
    roster = parse_text(
        "Briefing\n\nModerator:\nJane Doe, spokesperson\n\nJane Doe:\nWelcome. Questions?\n\n"
        "Q:\nWhy?\n",
        "x",
    )
    assert [(s.name, s.kind.value, s.role) for s in roster.speakers][:1] == [
        ("Jane Doe", "moderator", "spokesperson")
    ]
    assert [t.speaker for t in roster.turns] == ["Jane Doe", "Q"]


def test_document_fields_are_metadata() -> None:
    transcript = parse_text(
        "Subject:\nharbour upgrade.\nMAYOR: We start soon.\nRPTR: When?\nMAYOR: Soon.\n"
        "Photo Caption: The Mayor at the Civic Centre\n",
        "x",
    )
    assert [(f.name, f.value) for f in transcript.fields] == [
        ("Subject", "harbour upgrade."),
        ("Photo Caption", "The Mayor at the Civic Centre"),
    ]
    assert [t.text for t in transcript.turns] == ["We start soon.", "When?", "Soon."]


def test_mid_line_labels_split_where_a_known_label_stands() -> None:
    transcript = parse_text(
        "PM: Agreed and I\nthink it is good JOURNALIST: So no deal?\nPM: No deal.\n"
        "JOURNALIST:.. TREASURER: We will see.\nTREASURER: Fine.\n",
        "x",
    )
    assert [(t.speaker, t.text) for t in transcript.turns] == [
        ("PM", "Agreed and I think it is good"),
        ("Journalist", "So no deal?"),
        ("PM", "No deal."),
        ("Journalist", ".."),
        ("Treasurer", "We will see."),
        ("Treasurer", "Fine."),
    ]


def test_full_stop_labels_in_capitalised_words_need_to_recur() -> None:
    text = (
        "The President. I have a statement.\n\nQ. Why?\n\nThe President. Because.\n\n"
        "Q. When?\n\nThe President. Soon. Next Year. It may change.\n"
    )
    transcript = parse_text(text, "x")
    assert [t.speaker for t in transcript.turns] == ["The President", "Q"] * 2 + ["The President"]
    once = parse_text("Q. Why?\n\nNo Americans. Two Americans, go ahead.\n", "x")
    assert [t.speaker for t in once.turns] == ["Q"]


# --- names -----------------------------------------------------------------------------------


def test_names_are_cased_per_segment_and_prefer_the_body_spelling() -> None:
    assert display_name("TOMAS MCALLISTER") == "Tomas McAllister"
    assert display_name("INES O'BRIEN-SALAS") == "Ines O'Brien-Salas"
    assert display_name("MARCELLA NUNEZ-SMITH") == "Marcella Nunez-Smith"
    assert display_name("MINISTER VAN DER BERG") == "Minister van der Berg"
    assert display_name("PEOPLE'S DAILY") == "People's Daily"
    spellings = body_spellings({"macleod"}, "We asked Ms. MacLeod about it.")
    assert display_name("FIONA MACLEOD", spellings) == "Fiona MacLeod"
    assert display_name("FIONA MACLEOD") == "Fiona Macleod"


# --- dates -----------------------------------------------------------------------------------


def test_numeric_dates_take_their_order_from_the_document() -> None:
    day_first = DayMonthOrder.from_evidence(["03/04/2031", "Photo, 3 April 2031"])
    month_first = DayMonthOrder.from_evidence(["03/04/2031", "Photo, March 4, 2031"])
    unknown = DayMonthOrder.from_evidence(["03/04/2031"])
    found = find_dated("03/04/2031", day_first)
    assert found is not None and found.date == dt.date(2031, 4, 3)
    found = find_dated("03/04/2031", month_first)
    assert found is not None and found.date == dt.date(2031, 3, 4)
    found = find_dated("03/04/2031", unknown)
    assert found is not None and (found.date, found.assumed_order) == (dt.date(2031, 4, 3), True)
    found = find_dated("02.14.2031")
    assert found is not None and (found.date, found.assumed_order) == (dt.date(2031, 2, 14), False)
    assert find_dated("20290101 - 20331231") is None


def test_an_assumed_day_month_order_is_a_warning() -> None:
    transcript = parse_text("Briefing\n03/04/2031\n\nA: Hello.\n\nQ: Why?\n", "x")
    assert transcript.date == dt.date(2031, 4, 3)
    assert transcript.warnings[0] == (
        "date '03/04/2031' read day first: nothing in the document shows the order"
    )


# --- header ----------------------------------------------------------------------------------


def test_the_title_is_chosen_line_by_line() -> None:
    transcript = parse_text(
        "40417\nhttps://example.org/record/40417\nMarsh, Helena\n20290101 - 20331231\n"
        "Doorstop interview - Parliament House, Canberra\n8 August 2006\n\n"
        "JOURNALIST: Why?\n\nMR DOWNER: Because.\n",
        "x",
    )
    assert transcript.title == "Doorstop interview - Parliament House, Canberra"
    assert transcript.location == "Parliament House, Canberra"
    assert transcript.date == dt.date(2006, 8, 8)


def test_place_lines_above_the_clock_line() -> None:
    transcript = parse_text(
        "Aboard Air Force One\nEn Route New York, New York\n\n11:56 A.M. EDT\n\n"
        "MS. JEAN-PIERRE: Hi, everybody.\n\nQ Why?\n\nMS. JEAN-PIERRE: Because.\n",
        "x",
        title="Press Gaggle",
    )
    assert transcript.location == "Aboard Air Force One, En Route New York, New York"


def test_a_room_named_after_briefings_is_a_place_not_the_event() -> None:
    transcript = parse_text(
        "James S. Brady Press Briefing Room\n\n12:29 P.M. EDT\n\n"
        "MS. PSAKI: Hi, everyone.\n\nQ Why?\n\nMS. PSAKI: Because.\n",
        "x",
        title="Press Briefing by Press Secretary Jen Psaki",
    )
    assert transcript.location == "James S. Brady Press Briefing Room"


def test_the_place_after_the_event_in_a_title_field() -> None:
    transcript = parse_text(
        "DATE: June 8 2005\nTITLE: Press Conference - India\n\n"
        "Downer: Thank you.\n\nJournalist: Why?\n\nDowner: Because.\n",
        "x",
    )
    assert transcript.title == "Press Conference - India"
    assert transcript.location == "India"


def test_lines_of_the_header_name_the_place_before_the_pages_headline() -> None:
    transcript = parse_text(
        "Aboard Air Force One\nEn Route Brindisi, Italy\n\n11:02 A.M. EDT\n\n"
        "MS. JEAN-PIERRE: Okay.\n\nQ Why?\n\nMS. JEAN-PIERRE: Because.\n",
        "x",
        title="Press Gaggle by Press Secretary Karine Jean-Pierre En Route Brindisi, Italy",
    )
    assert transcript.location == "Aboard Air Force One, En Route Brindisi, Italy"


def test_the_place_a_pages_markup_names() -> None:
    page = (
        "<html><body><h1>News conference</h1>"
        '<div class="read__meta"><time datetime="2012-12-20">December 20, 2012</time>'
        '<div class="read__place p-location">Moscow</div>'
        '<input class="search-placeholder" value="Search"></div>'
        "<article><p><b>Dmitry Peskov:</b> Good afternoon.</p>"
        "<p><b>Question:</b> Why?</p><p><b>Vladimir Putin:</b> Because.</p></article>"
        "</body></html>"
    )
    assert parse_document(page, "x.html").location == "Moscow"
    # A class that only contains the word, or an empty or long element, names no place.
    other = page.replace("read__place p-location", "placeholder").replace(
        "<h1>", '<p class="article-meta__location"></p><h1>'
    )
    assert parse_document(other, "x.html").location is None


def test_labels_quoted_in_prose_are_not_labels() -> None:
    text = (
        "The label styles seen: White House (“Ms. Psaki:”, “Q”, “SECRETARY\n"
        "RICE:”), China's Foreign Ministry (“Wang Wenbin:”, “Hua\n"
        "Chunying:”, “Zhao Lijian:”).\n"
    )
    assert _labels(text) == []
    assert _labels("MS. PSAKI: “We will,” she said.\n") == [
        (1, "MS. PSAKI", "“We will,” she said.")
    ]


def test_a_corpus_notes_file_is_not_a_briefing() -> None:
    """The notes beside the real transcripts (SOURCES.md) quote their labels; they are
    refused as "no speaker turns", not read as a briefing of two speakers."""
    notes = Path(__file__).parent.parent / "data" / "realworld" / "SOURCES.md"
    with pytest.raises(NotATranscriptError, match="no speaker turns found"):
        load_transcript(notes)


# --- the acts of a turn --------------------------------------------------------------------


def test_self_introductions_are_matched_case_sensitively() -> None:
    names = _names()
    assert self_introduction("Hi, Tomas McAllister with Harbor Radio. Why?", names) == (
        "Tomas McAllister",
        "Harbor Radio",
    )
    assert self_introduction("Nakakuki of Kyodo News. My question…", names) == (
        "Nakakuki",
        "Kyodo News",
    )
    assert self_introduction("Fees and levies, Minister: will they rise?", names) is None
    assert self_introduction("Thank you, Dana. On the bridge money: how many?", names) is None


def test_calls_name_reporters_never_ordinary_words() -> None:
    names = _names({"soon", "said"})
    assert call_in("Our first question will go to Pia with the Coast Herald.", names, set(), True)
    call = call_in("Okay, the Daily Ledger.", names, set(), True)
    assert call is not None and (call.name, call.outlet) == (None, "Daily Ledger")
    call = call_in("Next we'll go to Ravi at Port Daily.", names, set(), True)
    assert call is not None and (call.name, call.outlet) == ("Ravi", "Port Daily")
    call = call_in("Yes, Helen [Helen Thomas, United Press International]?", names, set(), False)
    assert call is not None and (call.name, call.outlet) == (
        "Helen Thomas",
        "United Press International",
    )
    assert call_in("Soon.", names, set(), True, between=True) is None
    assert call_in("Said.", names, set(), True, between=True) is None
    call = call_in("Alex.", names, set(), True, between=True)
    assert call is not None and call.name == "Alex"


def test_a_name_is_carried_only_to_a_plausible_follow_up() -> None:
    assert plausible_follow_up("And a follow-up: when will the first grants go out?")
    assert plausible_follow_up("Well, you don't take that as a rejection?")
    assert not plausible_follow_up("Mr. President, how long do you think you can stick with it?")
    assert not plausible_follow_up(
        "But this new application is a resubmission of the one he made to the Department "
        "of Immigration, isn't it, and what does that mean for him?"
    )


# --- exchanges -------------------------------------------------------------------------------


def test_courtesy_hand_offs_and_clarification_loops() -> None:
    transcript = parse_text(
        "MODERATOR: Our first question goes to Pia with the Coast Herald.\n\n"
        "Q  Will fees rise?\n\nMS. VANCE: Dr. Oyelaran?\n\nDR. OYELARAN: No.\n\n"
        "Q  Thank you.\n\nMODERATOR: Next, Ravi.\n\nQ  How many jobs?\n\n"
        "MS. VANCE: Sorry, what was that?\n\nQ  How many jobs?\n\nMS. VANCE: About 300.\n",
        "x",
    )
    assert [
        (e.asker, e.outlet, e.question_turns, e.answered_by, e.handoff_to)
        for e in transcript.exchanges
    ] == [
        ("Pia", "Coast Herald", (1,), ("Dr. Oyelaran",), "Dr. Oyelaran"),
        ("Ravi", None, (6, 8), ("Ms. Vance",), None),
    ]


def test_a_question_read_out_by_the_moderator() -> None:
    transcript = parse_text(
        "MODERATOR: Welcome. The Governor will take questions.\n\n"
        "GOVERNOR: Thank you. Rates are unchanged.\n\n"
        "MODERATOR: We have a question from Reuters: will rates fall this year?\n\n"
        "GOVERNOR: Not this year.\n\nQ: And next year?\n\nGOVERNOR: Perhaps.\n",
        "x",
    )
    assert [(e.asker, e.question_turn, e.answered_by) for e in transcript.exchanges] == [
        ("Reuters", 2, ("Governor",)),
        ("Q", 4, ("Governor",)),
    ]


def test_a_stray_label_inside_a_sentence_is_kept_as_text_with_a_warning() -> None:
    turns = "".join(f"Q: Question {n}?\n\nPM: Answer {n}.\n\n" for n in range(5))
    text = turns + "PM: We will watch the\n\nQ:\n\nlabor market closely.\n"
    transcript = parse_text(text, "x")
    assert transcript.turns[-1].text == "We will watch the\n\nQ:\n\nlabor market closely."
    assert transcript.warnings[-1] == (
        "line 23: label 'Q' stands inside a sentence (the text before it runs on into the text "
        "after it): kept, with the label, in the turn before"
    )
    always = "".join(f"A:\n\nwords {n}\n\nB:\n\nmore words {n}\n\n" for n in range(5))
    assert len(parse_text(always, "x").turns) == 10


# --- questions printed without labels ------------------------------------------------------

_STATEMENT = (
    "Frankfurt am Main, 6 June 2031\n\n"
    "Good afternoon, the Vice-President and I welcome you to our press conference.\n\n"
    "The Governing Council today decided to lower the three key interest rates.\n\n"
    "We are now ready to take your questions.\n\n"
)
_QUESTIONS = (
    "President, is this the start of a cutting cycle?\n\n"
    "We are not pre-committing to a particular rate path.\n\n"
    "Data will decide.\n\n"
    "With the risk of repeating myself, I have to ask about wages. And a second question "
    "on the euro, which I would like to know your view on.\n\n"
    "President: On wages, we see them easing. The Vice-President will take the euro.\n\n"
    "Vice-President: Thank you, President. We do not target the exchange rate, but we watch "
    "it closely for what it means for prices.\n\n"
    "And the balance sheet? Will it shrink faster?\n\n"
    "No.\n\n"
    "President: Thank you very much.\n"
)


def test_questions_printed_without_labels_are_cut_out_of_the_answers() -> None:
    text = _STATEMENT + _QUESTIONS
    transcript = parse_text(text, "x")
    assert [(t.speaker, t.text[:28]) for t in transcript.turns] == [
        ("President", "Good afternoon, the Vice-Pre"),
        ("Q", "President, is this the start"),
        ("President", "We are not pre-committing to"),
        ("Q", "With the risk of repeating m"),
        ("President", "On wages, we see them easing"),
        ("Vice-President", "Thank you, President. We do "),
        ("Q", "And the balance sheet? Will "),
        ("President", "No."),
        ("President", "Thank you very much."),
    ]
    assert transcript.turns[2].paragraphs == (
        "We are not pre-committing to a particular rate path.",
        "Data will decide.",
    )
    assert [(t.line_start, t.line_end) for t in transcript.turns[1:4]] == [
        (9, 9),
        (11, 13),
        (15, 15),
    ]
    assert [(e.question_turn, e.asker, e.answered_by) for e in transcript.exchanges] == [
        (1, "Q", ("President",)),
        (3, "Q", ("President", "Vice-President")),
        (6, "Q", ("President",)),
    ]
    assert transcript.location == "Frankfurt am Main" and transcript.title is None
    assert transcript.warnings[-1] == (
        "questions printed without labels (lines 9–25): 3 paragraphs that ask read as the "
        "press's questions, 2 unlabelled answers given to President; speakers inferred"
    )
    body = text.split("\n", 2)[2]  # every word after the dateline, once and in order
    assert " ".join(t.text for t in transcript.turns).split() == [
        word for word in body.split() if word not in {"President:", "Vice-President:"}
    ]


def test_a_separator_line_before_the_questions_is_the_boundary_too() -> None:
    text = _STATEMENT.replace("We are now ready to take your questions.\n\n", "* * *\n\n")
    transcript = parse_text(text + _QUESTIONS, "x")
    assert [t.speaker for t in transcript.turns[:3]] == ["President", "Q", "President"]


def test_unlabelled_questions_are_never_read_where_questions_have_labels() -> None:
    labelled = _QUESTIONS.replace("President, is this", "Q: President, is this")
    transcript = parse_text(_STATEMENT + labelled, "x")
    assert not any("without labels" in warning for warning in transcript.warnings)
    # Named reporters: the paragraph after the invitation has a label of its own.
    named = _QUESTIONS.replace("President, is this", "ANNA BERG: President, is this")
    transcript = parse_text(_STATEMENT + named, "x")
    assert not any("without labels" in warning for warning in transcript.warnings)
    # No hand-over to questions: a rhetorical question stays in the statement.
    statement = _STATEMENT.replace("We are now ready to take your questions.\n\n", "")
    rhetorical = "Why does this matter? Because prices matter.\n\nPresident: Thank you.\n"
    transcript = parse_text(statement + "Is inflation beaten?\n\n" + rhetorical, "x")
    assert len(transcript.turns) == 2
    assert transcript.turns[0].paragraphs[-2:] == (
        "Is inflation beaten?",
        "Why does this matter? Because prices matter.",
    )


# --- yes and no ----------------------------------------------------------------------------


def _exchanges(text: str) -> list[tuple[str, tuple[int, ...]]]:
    transcript = parse_text(text, "x")
    return [(transcript.turns[e.question_turn].text, e.answer_turns) for e in transcript.exchanges]


_OPENING = "Q: Did you see the draft?\n\nPM: No, only the points it covers.\n\n"


def test_a_bare_yes_answers_a_question_but_not_a_bid_for_the_floor() -> None:
    assert _exchanges(_OPENING + "Q: You learnt of this today?\n\nPM: Yes.\n") == [
        ("Did you see the draft?", (1,)),
        ("You learnt of this today?", (3,)),
    ]
    bid = "Q: Prime Minister?\n\nPM: Yes.\n\nQ: Will you call him tonight?\n\nPM: I will.\n"
    assert _exchanges(_OPENING + bid) == [
        ("Did you see the draft?", (1,)),
        ("Will you call him tonight?", (5,)),
    ]


def test_a_remark_the_official_confirms_or_denies_was_a_question() -> None:
    remark = "Q: After you returned from New Zealand.\n\nPM: Yes. They missed me there.\n"
    assert _exchanges(_OPENING + remark)[1] == ("After you returned from New Zealand.", (3,))
    banter = "Q: All-female crew and one man.\n\nPM: They did a fine job.\n"
    assert len(_exchanges(_OPENING + banter)) == 1


# --- OCR text: garbled labels and near misses ----------------------------------------------

_PAGES = "".join(
    f"Q. Question {n} about the talks?\n\nPM: Well, answer {n}.\n\n" for n in "abcdefghijkl"
)


def test_a_garbled_form_of_a_label_the_document_uses_dozens_of_times_is_read_as_it() -> None:
    garbled = (
        "Q. You would not call it a major change, then?\n\n"
        "PMK Well, I can only present the position as it is.\n\n"
        "0. just on this point of consultations, Sir. Is that the point?\n\n"
        "PM ' Well, the bombing is still going on.\n\n"
        "-UQ.\n\nDoes this leave you in the position that you need to think again.\n\n"
        "PM and he hopes it will be the first step.\n\n"
        "I think so. A lot of people do.\n"
    )
    transcript = parse_text(_PAGES + garbled, "x")
    assert [(t.speaker, t.text[:20]) for t in transcript.turns[24:]] == [
        ("Q", "You would not call i"),
        ("PM", "Well, I can only pre"),
        ("Q", "just on this point o"),
        ("PM", "Well, the bombing is"),
        ("Q", "Does this leave you "),
        ("PM", "and he hopes it will"),
    ]
    assert transcript.speaker("PM").aliases == ("PMK",)  # type: ignore[union-attr]
    assert transcript.turns[-1].text.endswith("first step.\n\nI think so. A lot of people do.")
    assert transcript.warnings[1:3] == (
        "line 51: 'PMK' read as the label 'PM', which the document uses 12 times (garbled)",
        "line 53: '0.' read as the label 'Q', which the document uses 13 times (garbled)",
    )


def test_a_near_miss_is_no_label_where_the_document_uses_the_word_in_its_sentences() -> None:
    text = (
        _PAGES + "Q. And the roads?\n\nPM: Well, as I said.\n\nPMK said so too.\n\nPMK is fine.\n"
    )
    assert [t.speaker for t in parse_text(text, "x").turns[-2:]] == ["Q", "PM"]


def test_a_label_repeated_over_a_page_break_continues_the_turn() -> None:
    text = (
        _PAGES
        + 'PM: I have a statement: " He has had to bear\n\nPM. ( Contd.) " immense burdens."\n'
    )
    transcript = parse_text(text, "x")
    assert transcript.turns[-1].text == (
        'I have a statement: " He has had to bear\n\n" immense burdens."'
    )


def test_a_question_cut_off_mid_sentence_is_a_question() -> None:
    cut = "Q: Otherwise it could be a trip which\n\nPM: Well, there are all sorts of things.\n"
    assert _exchanges(_OPENING + cut)[1] == ("Otherwise it could be a trip which", (3,))


def test_a_question_put_while_an_answer_trails_off_is_a_new_one() -> None:
    trailing = (
        "Q: Is it a step?\n\nPM: It is ceasing bombing on a considerable area....\n\n"
        "Q: Less ruthless, shall we say?\n\nPM: Well, it is closer to the bombing area.\n"
    )
    assert len(_exchanges(trailing)) == 2
    broken = (
        "Q: Is it a step?\n\nPM: The best option right now is for —\n\n"
        "Q: For a short term?\n\nPM: The best option right now is for Congress to act.\n"
    )
    assert _exchanges(broken) == [("Is it a step?", (1, 3))]
    picked_up = (
        "Q: Is it a step?\n\nPM: He says it may be the first step in a series of\n\n"
        "Q: We don't have the full text...\n\nPM: and he hopes it will be the first.\n"
    )
    assert _exchanges(picked_up) == [("Is it a step?", (1, 3))]


def test_a_word_that_opens_many_answers_is_no_reporter_addressed() -> None:
    asked = "".join(f"Q: Question {n}?\n\nPM: Well, answer {n}.\n\n" for n in range(5))
    text = asked + "Q: Has the debate finished?\n\nPM: Wlell, I have been away.\n"
    transcript = parse_text(text, "x")
    assert transcript.exchanges[-1].asker == "Q"
    named = asked + "Q: Has the debate finished?\n\nPM: Frank, I have been away.\n"
    assert parse_text(named, "x").exchanges[-1].asker == "Frank"


def test_a_bare_yes_is_judged_by_the_question_before_it_each_time() -> None:
    text = (
        "Q: Prime Minister?\n\nPM: Yes.\n\nQ: Will you call him tonight?\n\nPM: I will.\n\n"
        "Q: You learnt of this today?\n\nPM: Yes.\n"
    )
    assert [e.question_turn for e in parse_text(text, "x").exchanges] == [2, 4]


def test_the_vocabulary_answers_the_same_however_many_words_were_asked_before() -> None:
    from search_index.parser.pipeline import _Vocabulary

    text = "By grace's own count, the harbour holds 40 ships.\nNo shipwright came."
    fresh = _Vocabulary(text)
    busy = _Vocabulary(text)
    for word in [f"word{n}" for n in range(40)] + ["harbour", "ship", "wright"]:
        busy(word)
    assert [fresh("grace"), fresh("ship"), fresh("harbour")] == [True, False, True]
    assert [busy("grace"), busy("ship"), busy("harbour")] == [True, False, True]


def test_the_vocabulary_finds_a_word_standing_alone_as_a_word_boundary_search_would() -> None:
    import re

    from search_index.parser.pipeline import _Vocabulary

    text = "O'Neil's ship_yard: shipwright o' the harbour — 40ships, 'quoted' words.\nend"
    vocabulary = _Vocabulary(text)
    for word in ["o'", "ship", "ship_yard", "harbour", "40", "quoted", "'quoted'", "end", "or"]:
        expected = re.search(r"\b" + re.escape(word) + r"\b", text) is not None
        assert vocabulary(word) is expected, word


def test_the_vocabulary_reads_the_words_once_past_sixteen_look_ups_with_the_same_answers() -> None:
    import re

    from search_index.parser.pipeline import _Vocabulary

    text = "O'Neil's ship_yard: shipwright o' the harbour — 40ships, 'quoted' words.\nend"
    vocabulary = _Vocabulary(text)
    for n in range(20):
        vocabulary(f"absent{n}")
    for word in ["o'", "ship", "ship_yard", "harbour", "40", "quoted", "'quoted'", "end", "or"]:
        expected = re.search(r"\b" + re.escape(word) + r"\b", text) is not None
        assert vocabulary(word) is expected, word
