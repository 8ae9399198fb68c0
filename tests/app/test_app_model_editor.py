"""Which editor opens the source, with which arguments (no Textual)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.editor import EditorCommand, EditorError, editor_command, find_editor, run_editor

FILE = Path("/briefings/scio-2021-04-25.txt")


def test_visual_comes_before_editor_and_is_split_like_a_shell() -> None:
    assert find_editor({"VISUAL": "code --wait", "EDITOR": "vim"}) == ["code", "--wait"]
    assert find_editor({"VISUAL": "  ", "EDITOR": "nvim"}) == ["nvim"]
    assert find_editor({"EDITOR": "'/opt/My Editor/bin/micro' -x"}) == [
        "/opt/My Editor/bin/micro",
        "-x",
    ]


def test_no_editor_or_a_broken_value_is_explained() -> None:
    with pytest.raises(EditorError, match=r"No editor is set: set \$VISUAL or \$EDITOR"):
        find_editor({})
    with pytest.raises(EditorError, match=r"\$VISUAL cannot be read as a command"):
        find_editor({"VISUAL": "vim 'unclosed"})


@pytest.mark.parametrize(
    ("editor", "arguments"),
    [
        (["vim"], ["vim", "+42", str(FILE)]),
        (["/usr/bin/nvim"], ["/usr/bin/nvim", "+42", str(FILE)]),
        (["nano"], ["nano", "+42", str(FILE)]),
        (["emacsclient", "-t"], ["emacsclient", "-t", "+42", str(FILE)]),
        (["micro"], ["micro", "+42", str(FILE)]),
        (["code", "--wait"], ["code", "--wait", "--goto", f"{FILE}:42"]),
        (["C:\\Tools\\Code.exe"], ["C:\\Tools\\Code.exe", "--goto", f"{FILE}:42"]),
        (["codium"], ["codium", "--goto", f"{FILE}:42"]),
        (["subl"], ["subl", f"{FILE}:42"]),
        (["hx"], ["hx", f"{FILE}:42"]),
    ],
)
def test_each_editor_is_asked_for_the_line_its_way(editor: list[str], arguments: list[str]) -> None:
    command = editor_command(editor, FILE, 42)
    assert list(command.argv) == arguments
    assert command.at_line and command.why_not == ""


def test_an_unknown_editor_or_a_web_page_gets_the_file_alone() -> None:
    unknown = editor_command(["myeditor"], FILE, 42)
    assert unknown.argv == ("myeditor", str(FILE))
    assert unknown.why_not == "pressroom does not know how to pass a line to myeditor"
    page = editor_command(["vim"], Path("/b/briefing.HTML"), 42)
    assert page.argv == ("vim", "/b/briefing.HTML")
    assert page.why_not == "the lines of a web page are not the transcript's lines"
    top = editor_command(["vim"], FILE, None)
    assert top.argv == ("vim", str(FILE)) and top.why_not == ""


def test_running_the_editor_reports_failures_in_one_line(tmp_path: Path) -> None:
    ok = EditorCommand((sys.executable, "-c", "pass"), "python", False)
    assert run_editor(ok) is None
    failing = EditorCommand((sys.executable, "-c", "raise SystemExit(4)"), "python", False)
    assert run_editor(failing) == "The editor python exited with status 4."
    missing = EditorCommand((str(tmp_path / "nope"), str(FILE)), "nope", False)
    assert run_editor(missing) == (
        f"The editor {str(tmp_path / 'nope')!r} was not found: check $VISUAL or $EDITOR."
    )
    not_executable = tmp_path / "editor"
    not_executable.write_text("", encoding="utf-8")
    denied = EditorCommand((str(not_executable),), "editor", False)
    message = run_editor(denied)
    assert message is not None and message.startswith(
        f"The editor {str(not_executable)!r} could not be run: "
    )
