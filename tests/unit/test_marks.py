"""Marks: made from a briefing, found again after re-parsing or editing, kept per library."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from search_index.errors import InputError
from search_index.marks import (
    Mark,
    MarkStore,
    cite_mark,
    library_key,
    make_mark,
    marks_file,
    resolve_mark,
    resolve_marks,
)
from search_index.models import Transcript, Turn

NOW = dt.datetime(2026, 12, 1, 9, 30, 5, 123, tzinfo=dt.UTC)
SHEN = "Shen Changyu, commissioner of the China National Intellectual Property Administration"


def paragraph_mark(transcript: Transcript, turn: int = 11, paragraph: int = 0) -> Mark:
    start, end = transcript.turns[turn].paragraph_offsets()[paragraph]
    return make_mark(transcript, "paragraph", [(turn, start, end)], now=NOW)


def shifted(
    transcript: Transcript, new_id: str | None = None, source: str | None = None
) -> Transcript:
    """The transcript re-parsed with one more turn in front: every turn index moves by one."""
    extra = Turn(
        index=0, speaker="Host", text="Welcome.", paragraphs=("Welcome.",), line_start=1, line_end=1
    )
    turns = (extra, *(t.model_copy(update={"index": t.index + 1}) for t in transcript.turns))
    update: dict[str, object] = {"turns": turns}
    if new_id is not None:
        update["id"] = new_id
    if source is not None:
        update["source"] = source
    return transcript.model_copy(update=update)


def test_a_paragraph_mark_holds_where_and_what(sample_transcript: Transcript) -> None:
    mark = paragraph_mark(sample_transcript)
    assert mark.transcript_id == "31a75f1c6b67cac6"
    assert mark.kind == "paragraph"
    assert [span.span for span in mark.spans] == [(11, 0, 559)]
    assert mark.excerpt.startswith("Thank you for your question. Innovation is inseparable")
    assert mark.source == "scio-2021-04-25-ipr-briefing.txt"
    assert mark.briefing.startswith("2021-04-25 SCIO briefing on implementing the Outline")
    assert mark.speakers == ("Shen Changyu",)
    assert mark.marked_at == "2026-12-01T09:30:05Z"
    assert mark.turn == 11


def test_a_mark_outside_the_text_is_refused(sample_transcript: Transcript) -> None:
    with pytest.raises(InputError, match="turn 9 has no text from 0 to 99 to mark"):
        make_mark(sample_transcript, "range", [(8, 0, 99)])
    with pytest.raises(InputError, match="nothing to mark"):
        make_mark(sample_transcript, "range", [])


def test_marks_are_found_where_they_were(sample_transcript: Transcript) -> None:
    mark = paragraph_mark(sample_transcript)
    resolved = resolve_mark(mark, {sample_transcript.id: sample_transcript})
    assert resolved.status == "ok" and resolved.found
    assert resolved.spans == ((11, 0, 559),)
    assert resolved.text == mark.excerpt
    assert cite_mark(resolved).endswith(
        f"— {SHEN}, SCIO briefing on implementing the Outline of "
        "the 14th Five-Year Plan and accelerating the building of China's strength in "
        "intellectual property, Beijing, 2021-04-25 "
        "(scio-2021-04-25-ipr-briefing.txt, turn 12, paragraph 1)"
    )


def test_a_reparsed_briefing_moves_the_mark_to_its_new_turn(
    sample_transcript: Transcript,
) -> None:
    mark = paragraph_mark(sample_transcript)
    again = shifted(sample_transcript)
    resolved = resolve_mark(mark, {again.id: again})
    assert resolved.status == "moved"
    assert resolved.spans == ((12, 0, 559),)
    assert cite_mark(resolved).endswith("(scio-2021-04-25-ipr-briefing.txt, turn 13, paragraph 1)")


def test_an_edited_file_of_the_same_name_still_holds_the_mark(
    sample_transcript: Transcript,
) -> None:
    mark = paragraph_mark(sample_transcript)
    edited = shifted(
        sample_transcript,
        new_id="ffffffffffffffff",
        source="/elsewhere/scio-2021-04-25-ipr-briefing.txt",
    )
    resolved = resolve_mark(mark, {edited.id: edited})
    assert resolved.status == "moved"
    assert resolved.transcript is edited
    assert resolved.spans == ((12, 0, 559),)


def test_a_missing_briefing_keeps_its_mark(sample_transcript: Transcript) -> None:
    mark = paragraph_mark(sample_transcript)
    resolved = resolve_mark(mark, {})
    assert resolved.status == "missing" and not resolved.found
    assert resolved.text == mark.excerpt
    assert resolved.briefing == mark.briefing
    assert resolved.describe_status() == (
        "missing: scio-2021-04-25-ipr-briefing.txt is not in this library"
    )
    with pytest.raises(InputError, match="cannot cite this mark: missing"):
        cite_mark(resolved)


def test_text_that_left_its_briefing_is_changed(sample_transcript: Transcript) -> None:
    mark = paragraph_mark(sample_transcript)
    turns = tuple(t for t in sample_transcript.turns if t.index != 11)
    trimmed = sample_transcript.model_copy(update={"turns": turns})
    resolved = resolve_mark(mark, {trimmed.id: trimmed})
    assert resolved.status == "changed"
    assert resolved.describe_status() == (
        "changed: the marked text is no longer in scio-2021-04-25-ipr-briefing.txt"
    )


def test_a_figure_mark_cites_the_figure_then_its_sentence(sample_transcript: Transcript) -> None:
    mark = make_mark(sample_transcript, "figure", [(11, 641, 987)], figure=(11, 792, 797), now=NOW)
    assert mark.figure is not None and mark.figure.text == "three"
    resolved = resolve_mark(mark, {sample_transcript.id: sample_transcript})
    text = cite_mark(resolved)
    assert text.startswith('three\n"In 2019, we joined with the CBIRC and the NCAC')
    moved = resolve_mark(mark, {sample_transcript.id: shifted(sample_transcript)})
    assert moved.figure == (12, 792, 797)
    assert cite_mark(moved, "markdown").startswith("**three**\n\n> In 2019, we joined")


def test_an_answer_mark_cites_each_turn_by_its_speaker(sample_transcript: Transcript) -> None:
    turns = [(8, 0, 33), (9, 0, len(sample_transcript.turns[9].text))]
    mark = make_mark(sample_transcript, "answer", turns, now=NOW)
    assert mark.speakers == ("Shen Changyu", "Yu Cike")
    text = cite_mark(resolve_marks([mark], [sample_transcript])[0])
    assert text.count(" — ") == 2
    assert text.startswith('"Mr. Yu will answer this question." — Shen Changyu')
    assert "— Yu Cike, director general" in text


def test_the_store_toggles_saves_and_loads(tmp_path: Path, sample_transcript: Transcript) -> None:
    path = marks_file(tmp_path, [tmp_path / "lib"])
    store = MarkStore(path, [str(tmp_path / "lib")])
    first, second = paragraph_mark(sample_transcript), paragraph_mark(sample_transcript, 11, 1)
    assert store.toggle(first) is True
    assert store.add(second) is True
    assert store.add(paragraph_mark(sample_transcript)) is False  # the same passage
    assert store.contains(first) and len(store) == 2
    assert store.save() == path
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["library"] == [str(tmp_path / "lib")]
    assert data["marks"][0]["spans"] == [
        {"turn": 11, "start": 0, "end": 559, "text": first.excerpt}
    ]
    loaded = MarkStore.load(path)
    assert loaded.marks == (first, second)
    assert loaded.toggle(first) is False
    assert loaded.marks == (second,)
    loaded.insert(0, first)
    assert loaded.marks == (first, second)


def test_unreadable_entries_are_kept_and_a_broken_file_is_set_aside(
    tmp_path: Path, sample_transcript: Transcript
) -> None:
    path = tmp_path / "marks" / "lib.json"
    path.parent.mkdir()
    good = paragraph_mark(sample_transcript).model_dump(mode="json")
    path.write_text(json.dumps({"version": 1, "marks": [good, {"kind": "future"}]}), "utf-8")
    store = MarkStore.load(path)
    assert len(store) == 1 and store.problem is None
    store.save()
    assert json.loads(path.read_text("utf-8"))["marks"][1] == {"kind": "future"}

    path.write_text("{not json", "utf-8")
    broken = MarkStore.load(path)
    assert len(broken) == 0
    assert broken.problem is not None and "could not be read" in broken.problem
    broken.add(paragraph_mark(sample_transcript))
    broken.save()
    assert path.with_suffix(".unreadable.json").read_text("utf-8") == "{not json"
    assert len(MarkStore.load(path)) == 1


def test_a_library_is_known_by_its_paths_in_any_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert library_key([a, b]) == library_key([b, a, a])
    monkeypatch.chdir(tmp_path)
    assert library_key([Path("a"), "b"]) == library_key([a, b])
    assert library_key([a]) != library_key([a, b])
    assert len(library_key([a])) == 16
    assert marks_file(tmp_path, [a]) == tmp_path / "marks" / f"{library_key([a])}.json"
    store = MarkStore.for_library(tmp_path, [Path("a")])
    assert store.path == marks_file(tmp_path, [a])
    assert store.library == (str(a),)
