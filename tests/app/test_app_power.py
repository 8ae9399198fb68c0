"""Power users' keys, driven with Pilot: open the source in an editor (e), choose and copy a
range (v), search history (Up/Down), marks and the clip sheet (m, M)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver

from search_index.citation import cite_span, cite_spans
from search_index.clipsheet import clip_sheet
from search_index.marks import MarkStore, make_mark, marks_file, resolve_marks
from search_index.models import Transcript
from search_index.parser import load_transcript
from tests.support.app import (
    make_test_app,
    press,
    ready,
    record_notifications,
    screen_text,
    settle,
    type_text,
)
from tui.screens.export import ExportScreen
from tui.screens.marks import MarksScreen
from tui.widgets.metrics_sidebar import FigureList

SIZE = (160, 48)
SHEN = "Shen Changyu, commissioner of the China National Intellectual Property Administration"
EVENT = (
    "SCIO briefing on implementing the Outline of the 14th Five-Year Plan and accelerating "
    "the building of China's strength in intellectual property, Beijing, 2021-04-25"
)


@pytest.fixture()
def suspendable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the test driver hand the terminal over, as a real terminal's driver does."""
    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda self: True))


def fake_editor(folder: Path, name: str, status: int = 0) -> tuple[Path, Path]:
    """An editor called `name` that records its arguments (JSON) and exits with `status`."""
    record = folder / f"{name}-arguments.json"
    script = folder / "bin" / name
    script.parent.mkdir(exist_ok=True)
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"open({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))\n"
        f"sys.exit({status})\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script, record


# --- e: the source in the editor ---------------------------------------------------------


@pytest.mark.usefixtures("suspendable")
async def test_e_opens_vim_at_the_turns_first_line_and_comes_back(
    tmp_path: Path,
    sample_index: Path,
    sample_file: Path,
    sample_transcript: Transcript,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor, record = fake_editor(tmp_path, "vim")
    monkeypatch.setenv("EDITOR", str(editor))
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "j", "j", "j", "enter", "j")  # Shen Changyu's answer, turn 12
        view = screen.answer_view
        before = (view.entry_key, view.current_ref)
        notes = record_notifications(app)
        await press(pilot, "e")
        line = sample_transcript.turns[11].line_start
        assert json.loads(record.read_text("utf-8")) == [f"+{line}", str(sample_file)]
        assert sample_file.read_text("utf-8").split("\n")[line - 1] == "Shen Changyu:"
        assert notes == []
        assert (view.entry_key, view.current_ref) == before
        assert app.is_running and screen.focused is view


@pytest.mark.usefixtures("suspendable")
async def test_e_opens_vs_code_with_goto_and_keeps_visuals_arguments(
    tmp_path: Path,
    sample_index: Path,
    sample_file: Path,
    sample_transcript: Transcript,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor, record = fake_editor(tmp_path, "code")
    monkeypatch.setenv("EDITOR", "vim")  # VISUAL comes first
    monkeypatch.setenv("VISUAL", f"'{editor}' --wait")
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "e")  # the first question's first answer paragraph: turn 5
        line = sample_transcript.turns[4].line_start
        arguments = json.loads(record.read_text("utf-8"))
        assert arguments == ["--wait", "--goto", f"{sample_file}:{line}"]


@pytest.mark.usefixtures("suspendable")
async def test_e_says_what_went_wrong(
    tmp_path: Path, sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        notes = record_notifications(app)
        await press(pilot, "e")
        monkeypatch.setenv("VISUAL", str(fake_editor(tmp_path, "vim", status=3)[0]))
        await press(pilot, "e")
        monkeypatch.setenv("VISUAL", "/no/such/folder/vim")
        await press(pilot, "e")
        monkeypatch.setenv("VISUAL", str(fake_editor(tmp_path, "myeditor")[0]))
        await press(pilot, "e")
        assert notes == [
            "No editor is set: set $VISUAL or $EDITOR (e.g. export EDITOR=vim).",
            "The editor vim exited with status 3.",
            "The editor '/no/such/folder/vim' was not found: check $VISUAL or $EDITOR.",
            "Opened scio-2021-04-25-ipr-briefing.txt at the top, not at line 78: pressroom "
            "does not know how to pass a line to myeditor.",
        ]
        assert app.is_running


async def test_e_where_the_terminal_cannot_be_handed_over(
    tmp_path: Path, sample_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor, record = fake_editor(tmp_path, "vim")
    monkeypatch.setenv("VISUAL", str(editor))
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        notes = record_notifications(app)
        await press(pilot, "e")
        assert notes == [
            "This terminal cannot be handed to an editor (the app cannot suspend here)."
        ]
        assert not record.exists()


# --- v: choose a range, copy it exactly ------------------------------------------------------


async def test_v_j_c_copies_exactly_the_sentences_chosen(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.answer_view
        await press(pilot, "j", "j", "j", "enter")  # 4: Shen Changyu's answer, turn 12
        await press(pilot, "v")
        assert view.selection is not None
        assert view.border_subtitle == "1 sentence · s: by paragraph · c: copy · Esc"
        footer = screen_text(app).rstrip("\n").split("\n")[-1]
        assert "c Copy range" in footer and "s By paragraph" in footer and "esc Done" in footer
        await press(pilot, "j", "j")
        assert view.border_subtitle == "3 sentences · s: by paragraph · c: copy · Esc"
        await press(pilot, "c")
        assert app.clipboard == (
            '"Thank you for your question. Innovation is inseparable from the protection of IPR '
            "and financial support. Intellectual property finance is an organic combination of "
            "intellectual property and financial services, and it also provides a kind of 'dual "
            f"insurance' and 'dual support.'\" — {SHEN}, {EVENT} "
            "(scio-2021-04-25-ipr-briefing.txt, turn 12, paragraph 1)"
        )
        assert view.selection is None and view.border_subtitle == ""
        assert "c Copy range" not in screen_text(app)


async def test_a_range_by_paragraph_back_into_the_question_then_esc_and_m(
    tmp_path: Path, sample_index: Path, sample_transcript: Transcript
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        view = screen.answer_view
        await press(pilot, "j", "j", "j", "enter")
        await press(pilot, "v", "s", "j")
        assert view.border_subtitle == "2 paragraphs · s: by sentence · c: copy · Esc"
        await press(pilot, "k", "k")
        assert view.border_subtitle.startswith("2 paragraphs in 2 turns")
        await press(pilot, "c")
        question = sample_transcript.turns[10]
        assert app.clipboard == cite_spans(
            sample_transcript, [(10, 0, len(question.text)), (11, 0, 559)]
        )
        assert app.clipboard.count(" — ") == 2
        assert '" — China Financial and Economic News, SCIO briefing' in app.clipboard
        # Esc leaves the range without copying; m marks the range chosen
        await press(pilot, "v", "j")
        await press(pilot, "escape")
        assert view.selection is None and screen.focused is view
        await press(pilot, "j", "v", "j", "m")
        assert view.selection is None
        (mark,) = app.marks.marks
        assert mark.kind == "range"
        assert [span.span for span in mark.spans] == [(11, 0, 104)]
        assert mark.excerpt == sample_transcript.turns[11].text[0:104]


# --- Up/Down: search history -----------------------------------------------------------------


async def test_up_and_down_walk_earlier_queries_which_persist(
    tmp_path: Path, sample_index: Path
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        box = screen.search_box
        for query in ("patent", "copyright"):
            await press(pilot, "slash")
            await type_text(pilot, query)
            await press(pilot, "enter", "escape")
        await press(pilot, "slash")
        await type_text(pilot, "pled")
        await press(pilot, "up")
        assert box.value == "copyright"
        assert screen.panes.outcome is not None and screen.panes.outcome.query == "copyright"
        await press(pilot, "up")
        assert box.value == "patent"
        await press(pilot, "up")
        assert box.value == "patent"  # the oldest
        await press(pilot, "down")
        assert box.value == "copyright"
        await press(pilot, "down")
        assert box.value == "pled"  # back to what was typed
        await press(pilot, "down")
        assert box.value == "pled"
        await press(pilot, "tab")  # leaving the box keeps the query too
    saved = json.loads((tmp_path / "config" / "history.json").read_text("utf-8"))
    assert saved == {"version": 1, "queries": ["pled", "copyright", "patent"]}
    again = make_test_app(tmp_path, sample_index)
    assert again.search_history.queries == ("pled", "copyright", "patent")


# --- m and M: marks and the clip sheet ------------------------------------------------------


async def test_m_marks_and_unmarks_by_pane_and_the_marks_are_saved(
    tmp_path: Path, sample_index: Path, sample_file: Path, sample_transcript: Transcript
) -> None:
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        notes = record_notifications(app)
        await press(pilot, "j", "j", "j", "enter", "j")  # paragraph 2 of turn 12
        view = screen.answer_view

        def marked() -> list[tuple[int, int]]:
            return view.marked_paragraphs()

        await press(pilot, "m")
        assert marked() == [(11, 1)]
        await press(pilot, "m")
        assert marked() == []
        await press(pilot, "m")
        assert notes == [
            "Marked the paragraph (1 mark; M lists them).",
            "Unmarked the paragraph (0 marks left).",
            "Marked the paragraph (1 mark; M lists them).",
        ]
        await press(pilot, "shift+tab")
        assert screen.focused is screen.question_list
        await press(pilot, "m")  # the whole answer
        assert marked() == [(11, n) for n in range(len(sample_transcript.turns[11].paragraphs))]
        await press(pilot, "tab", "tab")
        assert isinstance(screen.focused, FigureList)
        await press(pilot, "j")
        assert screen.sidebar.selected is not None
        assert screen.sidebar.selected.text == "218 billion yuan"
        await press(pilot, "m")  # the figure
        assert notes[-2:] == [
            "Marked the answer (2 marks; M lists them).",
            "Marked the figure (3 marks; M lists them).",
        ]
    path = marks_file(tmp_path / "config", [sample_file])
    saved = json.loads(path.read_text("utf-8"))
    assert saved["library"] == [str(sample_file.resolve())]
    assert [m["kind"] for m in saved["marks"]] == ["paragraph", "answer", "figure"]
    figure = saved["marks"][2]
    assert figure["figure"]["text"] == "218 billion yuan"
    assert figure["spans"][0]["text"].startswith("In 2020, the total amount of national patent")
    assert saved["marks"][1]["spans"] == [
        {
            "turn": 11,
            "start": 0,
            "end": len(sample_transcript.turns[11].text),
            "text": sample_transcript.turns[11].text,
        }
    ]
    again = make_test_app(tmp_path, sample_index)
    assert [mark.kind for mark in again.marks.marks] == ["paragraph", "answer", "figure"]


async def test_the_marks_screen_copies_removes_writes_and_goes_to_a_mark(
    tmp_path: Path,
    sample_index: Path,
    sample_file: Path,
    sample_transcript: Transcript,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    store = MarkStore.for_library(tmp_path / "config", [sample_file])
    turn11 = sample_transcript.turns[11]
    store.add(make_mark(sample_transcript, "paragraph", [(11, 561, 1242)]))
    store.add(make_mark(sample_transcript, "answer", [(8, 0, 33), (9, 0, 37)]))
    store.save()
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await press(pilot, "M")
        marks = app.screen
        assert isinstance(marks, MarksScreen)
        shown = screen_text(app)
        assert "2 marks · citations plain" in shown
        assert " 1 answer · Shen Changyu, Yu Cike" in shown
        assert " 2 paragraph · Shen Changyu" in shown
        assert "(scio-2021-04-25-ipr-briefing.txt, turn 9, paragraph 1)" in shown  # its citation
        resolved = resolve_marks(app.marks.marks, [sample_transcript])
        await press(pilot, "c")
        assert app.clipboard == cite_spans(sample_transcript, [(8, 0, 33), (9, 0, 37)])
        await press(pilot, "C")
        assert app.clipboard == clip_sheet(resolved, "text")
        assert app.clipboard.startswith("Clip sheet\n\n2021-04-25 SCIO briefing on implementing")
        await press(pilot, "d")
        assert [row.title for row in marks.rows] == ["paragraph · Shen Changyu"]
        assert len(MarkStore.load(store.path).marks) == 1  # type: ignore[arg-type]
        await press(pilot, "u")
        assert len(marks.rows) == 2 and len(MarkStore.load(store.path).marks) == 2  # type: ignore[arg-type]
        # w: the clip sheet as Markdown into a folder
        out = tmp_path / "out"
        out.mkdir()
        await press(pilot, "w")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-folder").value = str(out)  # type: ignore[attr-defined]
        await press(pilot, "enter")
        assert (out / "pressroom-marks.md").read_text("utf-8") == clip_sheet(resolved, "markdown")
        # the palette: plain text into the current folder
        await press(pilot, "ctrl+p")
        await type_text(pilot, "export: clip sheet as plain text")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert (tmp_path / "pressroom-marks.txt").read_text("utf-8") == clip_sheet(resolved, "text")
        # Enter on the paragraph mark: back to the briefing, the paragraph on show
        await press(pilot, "j", "enter")
        assert app.screen is screen
        ref = screen.answer_view.current_ref
        assert ref is not None and (ref.turn, ref.paragraph) == (11, 1)
        assert screen.answer_view.marked == (11, 561, 1242)
        assert turn11.text[561:1242].startswith("First, we have vigorously promoted")


async def test_a_mark_whose_briefing_is_gone_is_listed_as_missing(
    tmp_path: Path, sample_index: Path, sample_file: Path, data_dir: Path
) -> None:
    other = load_transcript(data_dir / "app" / "mfa-2023-03-14-regular.txt")
    # a file name that reads as Rich markup is shown as it is
    other = other.model_copy(update={"source": "/gone/[bold]mfa[red] x.txt"})
    store = MarkStore.for_library(tmp_path / "config", [sample_file])
    store.add(make_mark(other, "paragraph", [(2, 0, 20)]))
    store.save()
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        notes = record_notifications(app)
        await press(pilot, "M")
        shown = screen_text(app)
        assert "1 mark · 1 not found · citations plain" in shown
        assert "missing: [bold]mfa[red] x.txt is not in this library" in shown
        await press(pilot, "enter")
        assert isinstance(app.screen, MarksScreen)
        assert notes == ["Cannot go there: missing: [bold]mfa[red] x.txt is not in this library."]
        await press(pilot, "C")
        assert app.clipboard.startswith("Clip sheet\n\nNot found in the library\n\n- missing: ")
        await press(pilot, "escape")
    assert len(MarkStore.load(store.path).marks) == 1  # type: ignore[arg-type]  # kept


async def test_the_marks_citations_follow_the_citation_form(
    tmp_path: Path, sample_index: Path, sample_file: Path, sample_transcript: Transcript
) -> None:
    store = MarkStore.for_library(tmp_path / "config", [sample_file])
    store.add(make_mark(sample_transcript, "range", [(11, 29, 104)]))
    store.save()
    app = make_test_app(tmp_path, sample_index)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.set_citation_format("markdown")
        await press(pilot, "M", "c")
        assert app.clipboard == cite_span(sample_transcript, 11, 29, 104, "markdown")
        await press(pilot, "C")
        assert app.clipboard.startswith("# Clip sheet\n\n## 2021-04-25 SCIO briefing")
        await settle(pilot)
