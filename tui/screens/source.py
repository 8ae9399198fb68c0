"""Open the source: hand the terminal to the user's editor on a transcript file, at a turn's
first line, and come back to the app where it was (`App.suspend`).

What is said when it cannot be done: no editor set, an editor that cannot be run or that
fails, a file that is gone, a terminal the app cannot hand over (e.g. in a browser).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from textual.app import App, SuspendNotSupported

from search_index.models import Transcript
from tui.editor import EditorError, editor_command, find_editor, run_editor


def open_source(
    app: App[object],
    transcript: Transcript,
    turn_index: int | None,
    environ: Mapping[str, str] | None = None,
) -> bool:
    """Open `transcript`'s file in the editor at the first line of `turn_index` (None: at
    the top), suspending `app` meanwhile; True when the editor ran and exited cleanly.

    Every failure is told in one notification.
    """
    path = Path(transcript.source)
    if not path.is_file():
        app.notify(f"The source file is gone: {path}", severity="error", timeout=8, markup=False)
        return False
    try:
        editor = find_editor(os.environ if environ is None else environ)
    except EditorError as error:
        app.notify(str(error), title="No editor", severity="warning", timeout=8, markup=False)
        return False
    line = None
    if turn_index is not None:
        line = next((t.line_start for t in transcript.turns if t.index == turn_index), None)
    command = editor_command(editor, path, line)
    try:
        with app.suspend():
            problem = run_editor(command)
    except SuspendNotSupported:
        app.notify(
            "This terminal cannot be handed to an editor (the app cannot suspend here).",
            severity="error",
            timeout=8,
        )
        return False
    if problem is not None:
        app.notify(problem, title="Editor", severity="error", timeout=10, markup=False)
        return False
    if command.why_not:
        app.notify(
            f"Opened {path.name} at the top, not at line {line}: {command.why_not}.",
            severity="warning",
            markup=False,
        )
    return True
