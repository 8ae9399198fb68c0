"""The parser on the bundled SCIO briefing: exact speakers, turns and exchanges."""

from __future__ import annotations

import datetime as dt

from search_index.models import SpeakerKind, Transcript

OUTLETS = [
    "China Media Group",
    "Guangming Daily",
    "China Daily",
    "China Financial and Economic News",
    "Phoenix TV",
    "Red Star News",
    "ThePaper.cn",
    "CRI",
    "Xinhua News Agency",
]


def test_header(sample_transcript: Transcript) -> None:
    assert sample_transcript.title == (
        "SCIO briefing on implementing the Outline of the 14th Five-Year Plan and "
        "accelerating the building of China's strength in intellectual property"
    )
    assert sample_transcript.date == dt.date(2021, 4, 25)
    assert sample_transcript.location == "Beijing"
    assert sample_transcript.encoding == "utf-8"
    assert sample_transcript.warnings == ()


def test_officials_and_moderator_with_the_fuller_roles(sample_transcript: Transcript) -> None:
    people = [(s.name, s.kind, s.role) for s in sample_transcript.speakers[:4]]
    assert people == [
        (
            "Shen Changyu",
            SpeakerKind.OFFICIAL,
            "commissioner of the China National Intellectual Property Administration",
        ),
        (
            "He Zhimin",
            SpeakerKind.OFFICIAL,
            "deputy commissioner of the China National Intellectual Property Administration",
        ),
        (
            "Yu Cike",
            SpeakerKind.OFFICIAL,
            "director general of the Copyright Management Department of the Publicity "
            "Department of the Central Committee of the Communist Party of China",
        ),
        (
            "Xing Huina",
            SpeakerKind.MODERATOR,
            "deputy head of the Press Bureau of the State Council Information Office (SCIO) "
            "and spokesperson of the SCIO",
        ),
    ]
    press = [s.name for s in sample_transcript.speakers if s.kind == SpeakerKind.PRESS]
    assert press == OUTLETS
    assert len(sample_transcript.speakers) == 13


def test_turns(sample_transcript: Transcript) -> None:
    turns = sample_transcript.turns
    assert len(turns) == 25
    assert [t.index for t in turns] == list(range(25))
    assert [t.speaker for t in turns] == [
        "Xing Huina",
        "Shen Changyu",
        "Xing Huina",
        "China Media Group",
        "Shen Changyu",
        "Guangming Daily",
        "Shen Changyu",
        "China Daily",
        "Shen Changyu",
        "Yu Cike",
        "China Financial and Economic News",
        "Shen Changyu",
        "Phoenix TV",
        "Shen Changyu",
        "He Zhimin",
        "Red Star News",
        "Shen Changyu",
        "Yu Cike",
        "ThePaper.cn",
        "Shen Changyu",
        "CRI",
        "Shen Changyu",
        "Xinhua News Agency",
        "Shen Changyu",
        "Xing Huina",
    ]
    assert turns[8].text == "Mr. Yu will answer this question."
    assert turns[0].paragraphs[-1] == "Next, I will give the floor to Mr. Shen."
    assert len(turns[1].paragraphs) == 10
    assert turns[1].text == "\n\n".join(turns[1].paragraphs)
    assert (turns[0].line_start, turns[0].line_end) == (38, 42)
    assert (turns[24].line_start, turns[24].line_end) == (254, 256)
    assert turns[24].text == (
        "This concludes today's conference, thank you to the three speakers and thank you "
        "to all the journalists, goodbye everyone!"
    )


def test_no_artefact_text_in_any_turn(sample_transcript: Transcript) -> None:
    for turn in sample_transcript.turns:
        assert "_ueditor_page_break_tag_" not in turn.text
        assert "Translated and edited by" not in turn.text
        assert "discrepancy" not in turn.text
        assert "Group photo" not in turn.text
        assert "/5" not in turn.text
        assert "\u00a0" not in turn.text
        assert all(p == p.strip() and p for p in turn.paragraphs)


def test_exchanges(sample_transcript: Transcript) -> None:
    exchanges = sample_transcript.exchanges
    assert [e.asker for e in exchanges] == OUTLETS
    assert [e.index for e in exchanges] == list(range(9))
    assert [(e.question_turn, e.answer_turns) for e in exchanges] == [
        (3, (4,)),
        (5, (6,)),
        (7, (8, 9)),
        (10, (11,)),
        (12, (13, 14)),
        (15, (16, 17)),
        (18, (19,)),
        (20, (21,)),
        (22, (23,)),
    ]
    assert [e.answered_by for e in exchanges] == [
        ("Shen Changyu",),
        ("Shen Changyu",),
        ("Shen Changyu", "Yu Cike"),
        ("Shen Changyu",),
        ("Shen Changyu", "He Zhimin"),
        ("Shen Changyu", "Yu Cike"),
        ("Shen Changyu",),
        ("Shen Changyu",),
        ("Shen Changyu",),
    ]
    handoffs = {e.asker: e.handoff_to for e in exchanges if e.handoff_to}
    assert handoffs == {
        "China Daily": "Yu Cike",
        "Phoenix TV": "He Zhimin",
        "Red Star News": "Yu Cike",
    }


def test_opening_and_closing_are_not_exchanges(sample_transcript: Transcript) -> None:
    in_exchanges = {
        i for e in sample_transcript.exchanges for i in (e.question_turn, *e.answer_turns)
    }
    assert sorted(set(range(25)) - in_exchanges) == [0, 1, 2, 24]
    assert sample_transcript.exchange_of_turn(9) == sample_transcript.exchanges[2]
    assert sample_transcript.exchange_of_turn(1) is None


def test_stable_id(sample_transcript: Transcript) -> None:
    assert sample_transcript.id == "31a75f1c6b67cac6"


def test_turns_built_without_validation_equal_validated_ones(
    sample_transcript: Transcript,
) -> None:
    from search_index.models import Turn

    for turn in sample_transcript.turns:
        validated = Turn.model_validate(turn.model_dump())
        assert turn == validated
        assert turn.model_dump_json() == validated.model_dump_json()
        assert turn.model_fields_set == validated.model_fields_set
        assert turn.model_copy(update={"speaker": "X"}).speaker == "X"
    again = Transcript.model_validate_json(sample_transcript.model_dump_json())
    assert again == sample_transcript
