"""Putting text on the clipboard: OSC 52 through the terminal, plus a local tool if there is one.

OSC 52 (`App.copy_to_clipboard`) works over SSH and inside tmux, but not in every terminal
(macOS Terminal ignores it). Where a local clipboard tool exists — wl-copy on Wayland,
xclip or xsel on X11, pbcopy on macOS — it is used as well. This module holds the
Textual-free half: finding the tool and running it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
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


def terminal_accepts_osc52(env: Mapping[str, str] | None = None) -> bool:
    """False for terminals known to ignore OSC 52 (macOS Terminal)."""
    environ = os.environ if env is None else env
    return environ.get("TERM_PROGRAM", "") not in OSC52_UNSUPPORTED


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


#: What the user is told when neither the terminal nor a tool can take a copy.
NOTHING_COPIED = (
    "Nothing could be copied: this terminal ignores OSC 52 clipboard requests and "
    "no clipboard tool (wl-copy, xclip, xsel, pbcopy) was found."
)


def copied_message(text: str | int) -> str:
    """The notification shown after a copy (of `text`, or of that many characters).

    For example "Copied 312 characters".
    """
    count = text if isinstance(text, int) else len(text)
    return f"Copied {count} character{'s' if count != 1 else ''}"
