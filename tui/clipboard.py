"""Putting text on the clipboard: OSC 52 through the terminal, plus a local tool if there is one.

OSC 52 (`App.copy_to_clipboard`) works over SSH and inside tmux, but not in every terminal
(macOS Terminal ignores it). Where a local clipboard tool exists — wl-copy on Wayland,
xclip or xsel on X11, pbcopy on macOS — it is used as well. This module holds the
Textual-free half: finding the tool, running it, guessing whether the terminal takes OSC 52,
and what the user is told.

A terminal never answers an OSC 52 request, so the app cannot know that the text arrived:
it says it *sent* the text to the terminal, and says *copied* only when a local tool took it.
It treats "no tool, and a terminal known to ignore OSC 52" as nothing receiving the text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

#: Local clipboard tools, the environment each needs, and how to make it read stdin.
_TOOLS: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    ("wl-copy", "WAYLAND_DISPLAY", ()),
    ("xclip", "DISPLAY", ("-selection", "clipboard")),
    ("xsel", "DISPLAY", ("--clipboard", "--input")),
    ("pbcopy", None, ()),
)

#: Terminals known to ignore OSC 52 clipboard requests ($TERM_PROGRAM values).
OSC52_UNSUPPORTED = frozenset({"Apple_Terminal"})
#: $TERM values of terminals that have no clipboard (the Linux console, a dumb terminal).
OSC52_UNSUPPORTED_TERMS = frozenset({"linux", "dumb"})


def find_clipboard_tool(env: Mapping[str, str] | None = None) -> tuple[str, ...] | None:
    """The command line of a usable local clipboard tool, or None.

    A tool counts only when its display is there: wl-copy needs $WAYLAND_DISPLAY, xclip
    and xsel need $DISPLAY; pbcopy is used on macOS.
    """
    environ = os.environ if env is None else env
    for name, needs, arguments in _TOOLS:
        if name == "pbcopy" and sys.platform != "darwin":
            continue
        if needs is not None and not environ.get(needs):
            continue
        found = shutil.which(name)
        if found:
            return (found, *arguments)
    return None


def terminal_accepts_osc52(
    env: Mapping[str, str] | None = None,
    tmux_option: Callable[[], str | None] | None = None,
) -> bool:
    """False where OSC 52 is known to go nowhere: macOS Terminal, the Linux console, a
    dumb terminal, and tmux with `set-clipboard off` (which drops the request).

    `tmux_option` reads tmux's `set-clipboard` option (default: ask tmux, only inside tmux).
    """
    environ = os.environ if env is None else env
    if environ.get("TERM_PROGRAM", "") in OSC52_UNSUPPORTED:
        return False
    if environ.get("TERM", "") in OSC52_UNSUPPORTED_TERMS:
        return False
    if environ.get("TMUX"):
        option = (tmux_option or _tmux_set_clipboard)()
        if option == "off":
            return False
    return True


def _tmux_set_clipboard() -> str | None:
    """tmux's `set-clipboard` option ("on", "external", "off"), or None when unknown."""
    tmux = shutil.which("tmux")
    if tmux is None:
        return None
    try:
        completed = subprocess.run(
            [tmux, "show-options", "-gv", "set-clipboard"],
            capture_output=True,
            text=True,
            timeout=1.0,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if completed.returncode != 0:
        return None
    return completed.stdout.strip() or None


@dataclass(frozen=True)
class ToolResult:
    """How running a local clipboard tool went."""

    ok: bool
    tool: str
    error: str | None = None


def run_clipboard_tool(command: Sequence[str], text: str, timeout: float = 3.0) -> ToolResult:
    """Feed `text` to the clipboard tool `command`; never raises.

    The tool is started in its own session with its output discarded, since xclip and
    wl-copy stay behind to serve the selection.
    """
    name = os.path.basename(command[0])
    try:
        completed = subprocess.run(
            list(command),
            input=text.encode("utf-8"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
            start_new_session=True,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ToolResult(False, name, f"{name} did not finish within {timeout:g} s")
    except OSError as error:
        return ToolResult(False, name, f"{name} could not be run: {error.strerror or error}")
    if completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit status {completed.returncode}"
        return ToolResult(False, name, f"{name} failed: {reason}")
    return ToolResult(True, name)


#: Why nothing could receive a copy when the terminal ignores OSC 52 and there is no tool.
NO_RECEIVER = (
    "This terminal ignores clipboard requests (OSC 52) and no clipboard tool "
    "(wl-copy, xclip, xsel, pbcopy) was found."
)


def copied_message(text: str | int, tool: str | None = None) -> str:
    """What the user is told after a copy of `text` (or of that many characters): taken by
    the local `tool`, or, with None, sent to the terminal, which never says whether it took it.

    For example "Copied 312 characters with wl-copy", "Sent 312 characters to the terminal
    clipboard (OSC 52)".
    """
    count = text if isinstance(text, int) else len(text)
    characters = f"{count} character{'s' if count != 1 else ''}"
    if tool is not None:
        return f"Copied {characters} with {tool}"
    return f"Sent {characters} to the terminal clipboard (OSC 52)"
