"""The app's Textual-free parts: outlines, search matches, clipboard tools, figure rows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from search_index.index import match_spans
from search_index.models import Exchange, Transcript, Turn
from search_index.parser import load_transcript
from tests.support.library import library_view
from tui.clipboard import (
    copied_message,
    find_clipboard_tool,
    run_clipboard_tool,
    terminal_accepts_osc52,
)
from tui.view_model import (
    HitRef,
    build_outline,
    counted,
    first_words,
    map_hits,
    paragraph_of,
    paragraph_spans,
)
from tui.widgets.metrics_sidebar import format_value


def test_outline_of_the_sample(sample_transcript: Transcript) -> None:
    outline = build_outline(sample_transcript)
    tid = sample_transcript.id
    rows = [(e.key, e.kind, e.label, e.question_turn, e.answer_turns) for e in outline.entries]
    assert rows == [
        (f"{tid}/opening", "opening", "Opening remarks", None, (0, 1, 2)),
        (f"{tid}/q1", "exchange", "1 China Media Group", 3, (4,)),
        (f"{tid}/q2", "exchange", "2 Guangming Daily", 5, (6,)),
        (f"{tid}/q3", "exchange", "3 China Daily", 7, (8, 9)),
        (f"{tid}/q4", "exchange", "4 China Financial and Economic News", 10, (11,)),
        (f"{tid}/q5", "exchange", "5 Phoenix TV", 12, (13, 14)),
        (f"{tid}/q6", "exchange", "6 Red Star News", 15, (16, 17)),
        (f"{tid}/q7", "exchange", "7 ThePaper.cn", 18, (19,)),
        (f"{tid}/q8", "exchange", "8 CRI", 20, (21,)),
        (f"{tid}/q9", "exchange", "9 Xinhua News Agency", 22, (23,)),
        (f"{tid}/closing", "closing", "Closing", None, (24,)),
    ]
    q3 = outline.entry(f"{tid}/q3")
    assert q3 is not None
    assert q3.turns == (7, 8, 9)
    assert q3.speakers == ("Shen Changyu", "Yu Cike")
    assert q3.summary == (
        "2021 marks the start of China's 14th Five-Year Plan period. All localities…"
    )
    assert outline.entry_of_turn[9] == f"{tid}/q3"
    assert outline.entry_of_turn[0] == f"{tid}/opening"
    assert outline.entry("nope") is None


def _turn(index: int, speaker: str, text: str) -> Turn:
    return Turn(
        index=index, speaker=speaker, text=text, paragraphs=(text,), line_start=1, line_end=1
    )


def test_turns_between_exchanges_stay_with_the_exchange_before() -> None:
    turns = (
        _turn(0, "Host", "Welcome."),
        _turn(1, "Paper", "Question one?"),
        _turn(2, "Minister", "Answer one."),
        _turn(3, "Host", "Next question please."),
        _turn(4, "Radio", "Question two?"),
        _turn(5, "Minister", "Answer two."),
    )
    transcript = Transcript(
        id="a" * 16,
        source="x.txt",
        turns=turns,
        exchanges=(
            Exchange(index=0, asker="Paper", question_turn=1, answer_turns=(2,), answered_by=()),
            Exchange(index=1, asker="Radio", question_turn=4, answer_turns=(5,), answered_by=()),
        ),
    )
    outline = build_outline(transcript)
    assert [(e.label, e.turns) for e in outline.entries] == [
        ("Opening remarks", (0,)),
        ("1 Paper", (1, 2, 3)),
        ("2 Radio", (4, 5)),
    ]
    assert outline.entries[1].answer_turns == (2,)


def test_a_briefing_without_questions_is_one_entry() -> None:
    transcript = Transcript(
        id="b" * 16,
        source="statement.txt",
        turns=(_turn(0, "Minister", "A statement."), _turn(1, "Minister", "More.")),
    )
    outline = build_outline(transcript)
    assert [(e.kind, e.label, e.turns) for e in outline.entries] == [
        ("briefing", "Briefing", (0, 1))
    ]
    empty = build_outline(Transcript(id="c" * 16, source="empty.txt"))
    assert empty.entries == ()


def test_first_words() -> None:
    assert first_words("one two three", 5) == "one two three"
    assert first_words("one, two, three, four", 2) == "one, two…"
    assert first_words("  spaced\n\nout  ", 5) == "spaced out"


def test_paragraph_spans_and_paragraph_of() -> None:
    turn = Turn(
        index=0,
        speaker="A",
        text="abc def\n\nghi",
        paragraphs=("abc def", "ghi"),
        line_start=1,
        line_end=3,
    )
    assert paragraph_spans(turn, [(4, 7), (9, 12), (5, 10)]) == [[(4, 7), (5, 7)], [(0, 3), (0, 1)]]
    assert [paragraph_of(turn, offset) for offset in (0, 6, 7, 8, 9, 11, 50)] == [
        0,
        0,
        1,
        1,
        1,
        1,
        1,
    ]


def test_hits_are_grouped_by_entry_best_first(
    sample_transcript: Transcript, sample_file: Path, data_dir: Path, tmp_path: Path
) -> None:
    second_copy = tmp_path / "copy.txt"
    second_copy.write_bytes(sample_file.read_bytes())
    other = data_dir / "app" / "mfa-2023-03-14-regular.txt"
    library = library_view([sample_file, other, second_copy])
    assert len(library.outlines) == 2
    tid = sample_transcript.id
    hits = [
        HitRef(tid, 10),  # the CFEN question
        HitRef("ffffffffffffffff", 3),  # a transcript not in the library
        HitRef(tid, 11),  # Shen Changyu's answer
        HitRef(tid, 1),  # opening remarks
        HitRef(tid, 99),  # a turn the outline does not show
    ]
    outcome = map_hits(library, "pledge financing", hits, match_spans, note="note")
    assert outcome is not None
    assert [item.entry_key for item in outcome.entries] == [f"{tid}/q4", f"{tid}/opening"]
    assert [item.count for item in outcome.entries] == [16, 2]
    assert outcome.total_hits == 5
    assert outcome.note == "note"
    assert len(outcome.matches) == 18
    # Enter goes to the best entry's first match in reading order: the question's (the old
    # value, 4, skipped the question's matches for the official's answer: the defect).
    first = outcome.matches[outcome.first or 0]
    assert outcome.first == 0
    assert (first.entry_key, first.turn) == (f"{tid}/q4", 10)
    assert sample_transcript.turns[10].text[first.start : first.end] == "pledge"
    question = [m for m in outcome.matches if m.turn == 10]
    words = [sample_transcript.turns[10].text[m.start : m.end] for m in question]
    assert words == ["pledge", "financing", "pledge", "financing"]
    assert set(outcome.spans) == {(tid, 10), (tid, 11), (tid, 1)}
    assert not outcome.is_empty


def test_no_hits(sample_file: Path) -> None:
    library = library_view([sample_file])
    outcome = map_hits(library, "zeppelin", [], match_spans)
    assert outcome is not None
    assert outcome.is_empty and outcome.first is None and outcome.matches == ()


def test_a_hit_whose_words_are_not_highlighted_still_counts(
    sample_transcript: Transcript, sample_file: Path
) -> None:
    library = library_view([sample_file])
    outcome = map_hits(library, "speaker:shen", [HitRef(sample_transcript.id, 4)], match_spans)
    assert outcome is not None
    assert [(item.entry_key, item.count) for item in outcome.entries] == [
        (f"{sample_transcript.id}/q1", 1)
    ]
    assert outcome.matches == () and outcome.first is None


def test_a_superseded_search_stops_mapping(
    sample_transcript: Transcript, sample_file: Path
) -> None:
    library = library_view([sample_file])
    hits = [HitRef(sample_transcript.id, 11)]
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return True

    assert map_hits(library, "pledge", hits, match_spans, cancelled=cancelled) is None
    assert calls == [1]
    kept = map_hits(library, "pledge", hits, match_spans, cancelled=lambda: False)
    assert kept is not None and len(kept.matches) == 7  # 2 in the question, 5 in the answer
    assert kept.first == 0  # the question's first match (the old 2 skipped it)


def test_counted() -> None:
    assert [counted(n, "briefing") for n in (0, 1, 2)] == [
        "0 briefings",
        "1 briefing",
        "2 briefings",
    ]
    assert counted(12345, "word") == "12,345 words"
    assert counted(1, "match", "matches") == "1 match"
    assert counted(3, "match", "matches") == "3 matches"


def test_library_finds_transcripts_by_id_path_or_file_name(
    sample_transcript: Transcript, sample_file: Path
) -> None:
    library = library_view([sample_file])
    for reference in (sample_transcript.id, str(sample_file), sample_file.name):
        found = library.find_transcript(reference)
        assert found is not None and found.transcript.id == sample_transcript.id
    assert library.find_transcript("other.txt") is None
    assert library.entry("nope/q1") is None


# --- clipboard ----------------------------------------------------------------------------


def test_clipboard_tool_needs_its_display(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("wl-copy", "xclip", "xsel"):
        tool = tmp_path / name
        tool.write_text("#!/bin/sh\ncat >/dev/null\n", encoding="utf-8")
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_clipboard_tool({}) is None
    assert find_clipboard_tool({"DISPLAY": ":0"}) == (
        str(tmp_path / "xclip"),
        "-selection",
        "clipboard",
    )
    assert find_clipboard_tool({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == (
        str(tmp_path / "wl-copy"),
    )
    (tmp_path / "xclip").unlink()
    assert find_clipboard_tool({"DISPLAY": ":0"}) == (
        str(tmp_path / "xsel"),
        "--clipboard",
        "--input",
    )


def test_osc52_is_off_only_for_terminals_that_ignore_it() -> None:
    assert terminal_accepts_osc52({"TERM_PROGRAM": "Apple_Terminal"}) is False
    assert terminal_accepts_osc52({"TERM_PROGRAM": "iTerm.app"}) is True
    assert terminal_accepts_osc52({}) is True
    assert terminal_accepts_osc52({"TERM": "linux"}) is False  # the Linux console
    assert terminal_accepts_osc52({"TERM": "xterm-256color"}) is True
    # tmux drops the request when its set-clipboard option is off
    tmux = {"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "tmux-256color"}
    assert terminal_accepts_osc52(tmux, tmux_option=lambda: "off") is False
    assert terminal_accepts_osc52(tmux, tmux_option=lambda: "external") is True
    assert terminal_accepts_osc52(tmux, tmux_option=lambda: None) is True
    asked: list[int] = []
    assert terminal_accepts_osc52({}, tmux_option=lambda: asked.append(1) or "off") is True
    assert asked == []  # tmux is asked only inside tmux


def test_running_a_clipboard_tool(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    script = f"import sys; open({str(out)!r}, 'w', encoding='utf-8').write(sys.stdin.read())"
    result = run_clipboard_tool((sys.executable, "-c", script), "zhōngwén “quoted”")
    assert result.ok and result.error is None
    assert out.read_text(encoding="utf-8") == "zhōngwén “quoted”"
    failed = run_clipboard_tool((sys.executable, "-c", "import sys; sys.exit(3)"), "x")
    assert not failed.ok and failed.error == f"{Path(sys.executable).name} failed: exit status 3"
    missing = run_clipboard_tool((str(tmp_path / "no-such-tool"),), "x")
    assert not missing.ok
    assert missing.error == "no-such-tool could not be run: No such file or directory"
    slow = run_clipboard_tool(
        (sys.executable, "-c", "import time; time.sleep(5)"), "x", timeout=0.2
    )
    assert slow.error == f"{Path(sys.executable).name} did not finish within 0.2 s"


def test_copied_message() -> None:
    # The terminal never confirms OSC 52: the text is "sent", "copied" only by a tool.
    assert copied_message("x" * 312) == "Sent 312 characters to the terminal clipboard (OSC 52)"
    assert copied_message("x") == "Sent 1 character to the terminal clipboard (OSC 52)"
    assert copied_message(2, "wl-copy") == "Copied 2 characters with wl-copy"


# --- figure rows ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (218e9, "CNY", "218,000,000,000 CNY"),
        (43.9, "%", "43.9%"),
        (15.8, "per 10,000 people", "15.8 per 10,000 people"),
        (134.0, None, "134"),
        (0.25, "percentage points", "0.25 percentage points"),
        (None, "CNY", ""),
        (float("inf"), None, "inf"),
    ],
)
def test_format_value(value: float | None, unit: str | None, shown: str) -> None:
    assert format_value(value, unit) == shown


def test_a_restated_question_and_a_named_asker(data_dir: Path) -> None:
    transcript = load_transcript(data_dir / "conventions" / "anonymous-questions.txt")
    outline = build_outline(transcript)
    maria = next(entry for entry in outline.entries if entry.number == 3)
    assert (maria.title, maria.asker, maria.question_turns) == ("Maria", "Maria", (5, 7))
    assert maria.turns == (5, 6, 7, 8)
    assert maria.answer_turns == (6, 8)
