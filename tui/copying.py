"""The app's copy path for any screen: OSC 52, the local clipboard tool, and saying so.

`copy_text(screen, text)` sends the text through the terminal (`App.copy_to_clipboard`)
and, where a local tool was found, through it too (in a thread worker of `screen`, which
then receives a `ClipboardToolFinished` to hand to `report_clipboard_tool`). The app's
`clipboard_options` say which of the two to use.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from tui import messages
from tui.clipboard import copied_message, run_clipboard_tool


def copy_text(screen: Screen[Any], text: str) -> None:
    """Put `text` on the clipboard (OSC 52 and the local tool) and notify what happened."""
    if not text:
        screen.notify("Nothing to copy.", severity="warning")
        return
    options = screen.app.clipboard_options  # type: ignore[attr-defined]
    screen.app.copy_to_clipboard(text)
    if options.tool is not None:
        command, osc52 = tuple(options.tool), bool(options.osc52)

        def run_tool() -> None:
            result = run_clipboard_tool(command, text)
            screen.post_message(
                messages.ClipboardToolFinished(
                    len(text), result.ok, result.tool, result.error, osc52
                )
            )

        screen.run_worker(
            run_tool, thread=True, group="clipboard", exit_on_error=False, description="clipboard"
        )
        if options.osc52:
            screen.notify(copied_message(text))
        return
    if options.osc52:
        screen.notify(copied_message(text))
    else:
        screen.notify(
            "Nothing could be copied: this terminal ignores OSC 52 clipboard requests and "
            "no clipboard tool (wl-copy, xclip, xsel, pbcopy) was found.",
            severity="error",
            timeout=10,
        )


def report_clipboard_tool(screen: Screen[Any], event: messages.ClipboardToolFinished) -> None:
    """Say how the local clipboard tool did (after the OSC 52 copy was already sent)."""
    if event.ok:
        if not event.osc52:
            screen.notify(copied_message(event.characters))
        return
    if event.osc52:
        screen.notify(
            f"The terminal got the text, but {event.error}", severity="warning", timeout=8
        )
    else:
        screen.notify(f"Nothing could be copied: {event.error}", severity="error", timeout=10)
