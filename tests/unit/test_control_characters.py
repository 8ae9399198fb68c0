"""Control characters never reach the model: HTML references, YAML escapes, file names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from search_index.controls import shown_path, without_controls
from search_index.errors import InputError
from search_index.index.hits import SearchHit
from search_index.models import Speaker, SpeakerKind, Transcript, Turn
from search_index.parser import load_transcript, parse_document
from tests.support.hostile import (
    HOSTILE_NAME,
    OSC52,
    SET_TITLE,
    controls_in,
    escaped_html,
    escaped_markdown,
)


def strings_of(value: Any) -> list[str]:
    """Every string inside a model dump."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_of(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_of(item)]
    return []


def assert_clean(transcript: Transcript) -> None:
    for text in strings_of(transcript.model_dump()):
        assert controls_in(text) == [], text


def test_without_controls_keeps_newline_and_tab_only() -> None:
    text = "a\x1b]0;x\x07b\tc\nd\x9b2Je\x7ff\x00g\rh\x0ci\x85j"
    assert without_controls(text) == "a]0;xb\tc\nd2Jefghij"
    assert without_controls("zhōngwén “quoted” — 18%") == "zhōngwén “quoted” — 18%"


def test_html_character_references_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "mfa.html"
    path.write_text(escaped_html(), encoding="utf-8")
    transcript = load_transcript(path)
    assert_clean(transcript)
    assert transcript.title == (
        "Foreign Ministry Spokesperson's Regular Press Conference]0;PWNED on May 2, 2024"
    )
    assert [s.name for s in transcript.speakers] == ["Spokesperson Lin Hua", "AFP", "Bloom[2Jberg"]
    assert transcript.turns[1].text == (
        "The trade talks resume next week. Will the minister attend?]52;c;SGFja2Vk"
    )
    assert (
        transcript.turns[2].paragraphs[0] == "The minister will lead]52;c;SGFja2Vk the delegation."
    )
    assert transcript.exchanges[1].asker == "Bloom[2Jberg"


def test_yaml_escapes_in_front_matter_are_cleaned() -> None:
    transcript = parse_document(escaped_markdown(), source="ecb.md", suffix=".md")
    assert_clean(transcript)
    assert transcript.title == "Monetary policy ]0;PWNED press conference ]52;c;SGFja2Vk"
    assert transcript.location == "Frankfurt2J am Main"
    assert transcript.date == dt.date(2024, 6, 6)


def test_a_file_name_with_escapes_is_cleaned_in_the_model(tmp_path: Path) -> None:
    path = tmp_path / HOSTILE_NAME
    path.write_text(escaped_html(), encoding="utf-8")
    transcript = load_transcript(path)
    assert transcript.source == str(tmp_path / "brief]0;PWNEDing.html")
    assert shown_path(path) == str(tmp_path / "brief]0;PWNEDing.html")


def test_every_way_of_building_a_model_cleans_it() -> None:
    turn = Turn(
        index=0,
        speaker=f"Ada{SET_TITLE}",
        text=f"Yes.{OSC52}\n\nNo.",
        paragraphs=(f"Yes.{OSC52}", "No."),
        line_start=1,
        line_end=3,
    )
    assert (turn.speaker, turn.text, turn.paragraphs) == (
        "Ada]0;PWNED",
        "Yes.]52;c;SGFja2Vk\n\nNo.",
        ("Yes.]52;c;SGFja2Vk", "No."),
    )
    assert turn.paragraph_offsets() == [(0, 18), (20, 23)]
    transcript = Transcript(id="0" * 16, source="x.txt", turns=(turn,))
    # pydantic's model_copy does not validate an update; the domain's models do.
    copied = transcript.model_copy(update={"title": f"T{SET_TITLE}", "warnings": ("w\x1b",)})
    assert (copied.title, copied.warnings, copied.turns) == ("T]0;PWNED", ("w",), (turn,))
    from_json = Transcript.model_validate_json(
        '{"id": "1", "source": "a\\u001b]0;x\\u0007.txt", "speakers": '
        '[{"name": "B\\u009b2J", "aliases": ["C\\u001b"]}]}'
    )
    assert from_json.source == "a]0;x.txt"
    assert from_json.speakers == (Speaker(name="B2J", aliases=("C",), kind=SpeakerKind.OTHER),)


def test_search_hits_from_an_index_are_cleaned() -> None:
    hit = SearchHit(
        transcript="t",
        title=f"brief{SET_TITLE}ing",
        source=f"/x/brief{SET_TITLE}ing.txt",
        turn=1,
        speaker="A\x1b[2J",
        speaker_kind=SpeakerKind.PRESS,
        score=1.0,
        snippet=f"said {OSC52}",
    )
    assert (hit.title, hit.source, hit.speaker, hit.snippet) == (
        "brief]0;PWNEDing",
        "/x/brief]0;PWNEDing.txt",
        "A[2J",
        "said ]52;c;SGFja2Vk",
    )


def test_error_messages_are_cleaned() -> None:
    error = InputError(f"/x/brief{SET_TITLE}ing.txt: no such file")
    assert str(error) == "/x/brief]0;PWNEDing.txt: no such file"
