"""Opening a transcript in the user's editor at a line: which editor, with which arguments.

The editor is `$VISUAL`, else `$EDITOR` (a command line: "code -w" and "emacsclient -t"
work). How to ask it for a line depends on the editor:

- `+N FILE` — vi, vim, nvim, nano, emacs, micro, kakoune, joe and the like;
- `--goto FILE:N` — Visual Studio Code and its builds (code, code-insiders, codium, cursor);
- `FILE:N` — Sublime Text, Helix, Zed;
- an editor not in these lists is given the file alone (and the user is told).

Nothing here imports Textual: the screen suspends the app around `run_editor`.
"""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

EDITOR_VARIABLES = ("VISUAL", "EDITOR")

#: Editors that take `+N` before the file to open it at line N.
PLUS_LINE_EDITORS = frozenset(
    {
        "vi", "vim", "nvim", "gvim", "mvim", "view", "vimx", "nano", "pico", "rnano",
        "emacs", "emacsclient", "micro", "kak", "joe", "jmacs", "jed", "mg", "ne", "vis",
        "ed", "ex", "elvis", "nvi", "gedit", "mcedit", "zile", "jove", "amp",
    }
)  # fmt: skip
#: Editors that take `--goto FILE:N` (Visual Studio Code and its builds).
GOTO_EDITORS = frozenset({"code", "code-insiders", "codium", "vscodium", "code-oss", "cursor"})
#: Editors that take `FILE:N`.
COLON_EDITORS = frozenset({"subl", "sublime_text", "hx", "helix", "zed", "zeditor"})
#: Page formats whose lines are not the transcript's lines (opened at the top).
UNLINED_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


class EditorError(Exception):
    """No usable editor: the message says what to set or what went wrong, in one line."""


def find_editor(environ: Mapping[str, str]) -> list[str]:
    """The editor's command line from `$VISUAL` or `$EDITOR` (EditorError when neither
    is set, or the value cannot be split into words)."""
    for name in EDITOR_VARIABLES:
        value = environ.get(name, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError as error:
            raise EditorError(f"${name} cannot be read as a command ({error}): {value}") from None
        if words:
            return words
    raise EditorError("No editor is set: set $VISUAL or $EDITOR (e.g. export EDITOR=vim).")


def editor_name(command: Sequence[str]) -> str:
    """The editor's program name, lower case, without folders or ".exe"."""
    name = PurePath(command[0].replace("\\", "/")).name.lower()
    return name.removesuffix(".exe")


@dataclass(frozen=True)
class EditorCommand:
    """The command that opens a file in the editor, and whether it goes to the line."""

    argv: tuple[str, ...]
    name: str
    at_line: bool
    """False when the editor was given only the file."""
    why_not: str = ""
    """Why a line was asked for but not passed, as the end of a sentence."""


def editor_command(editor: Sequence[str], path: Path, line: int | None) -> EditorCommand:
    """How to open `path` at `line` (from 1; None: at the top) in `editor`."""
    name = editor_name(editor)
    target = str(path)
    if line is None or line < 1:
        return EditorCommand((*editor, target), name, False)
    if path.suffix.lower() in UNLINED_SUFFIXES:
        why = "the lines of a web page are not the transcript's lines"
        return EditorCommand((*editor, target), name, False, why)
    if name in PLUS_LINE_EDITORS:
        return EditorCommand((*editor, f"+{line}", target), name, True)
    if name in GOTO_EDITORS:
        return EditorCommand((*editor, "--goto", f"{target}:{line}"), name, True)
    if name in COLON_EDITORS:
        return EditorCommand((*editor, f"{target}:{line}"), name, True)
    why = f"pressroom does not know how to pass a line to {name}"
    return EditorCommand((*editor, target), name, False, why)


def run_editor(command: EditorCommand) -> str | None:
    """Run the editor and wait for it; None when it ran and exited with 0, else what
    went wrong, in one line."""
    try:
        completed = subprocess.run(command.argv, check=False)
    except FileNotFoundError:
        return f"The editor {command.argv[0]!r} was not found: check $VISUAL or $EDITOR."
    except OSError as error:
        return f"The editor {command.argv[0]!r} could not be run: {error.strerror or error}."
    if completed.returncode != 0:
        return f"The editor {command.name} exited with status {completed.returncode}."
    return None
