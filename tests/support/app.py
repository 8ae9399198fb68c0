"""Helpers for the app tests: a test-safe app factory, waiting for workers, screen text."""

from __future__ import annotations

import io
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from rich.console import Console
from textual.pilot import Pilot

from tui.__main__ import make_app
from tui.app import ClipboardOptions, PressroomApp
from tui.screens.main import MainScreen
from tui.widgets.virtual_table import VirtualTable


def build_index(index_dir: Path, sources: Sequence[Path]) -> Path:
    """Index `sources` into `index_dir` (so the app finds it up to date)."""
    from search_index.index import LibraryIndex

    with LibraryIndex.open(index_dir) as index:
        index.update(list(sources))
    return index_dir


def make_test_app(
    tmp_path: Path,
    index_dir: Path,
    paths: Sequence[Path] | None = None,
    clipboard: ClipboardOptions | None = None,
) -> PressroomApp:
    """The app as `pressroom` builds it, but with every user folder redirected to tmp."""
    return make_app(
        paths,
        index_dir=index_dir,
        settings_path=tmp_path / "config" / "settings.json",
        clipboard=clipboard or ClipboardOptions(osc52=True, tool=None),
    )


def main_screen(app: PressroomApp) -> MainScreen:
    """The app's main screen."""
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError("the main screen is not on the stack")


#: The main screen's worker groups (the command palette has workers of its own).
APP_GROUPS = frozenset({"library", "index", "figures", "search", "clipboard", "export"})


#: How long `settle` waits for running workers and debounced work: a bound against a hang,
#: far above what a settle takes (milliseconds), so that a starved machine is no reason to
#: fail.
SETTLE_SECONDS = 60.0
#: Rounds `settle` waits for a library or an index that no worker is producing (a load that
#: failed never produces one).
IDLE_ROUNDS = 40


async def settle(pilot: Pilot[int]) -> None:
    """Wait until the app's workers are done and the messages they posted are handled.

    Running workers and debounced work are waited for by time, not by a number of rounds:
    on a loaded machine a debounced search may need more rounds than a fixed count allowed.
    Fails, saying what is still pending, after `SETTLE_SECONDS`."""
    app = pilot.app
    deadline = time.monotonic() + SETTLE_SECONDS
    idle = 0
    while True:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        pending = _pending(app)
        if pending is None:
            return
        if pending.busy:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the app was still busy after {SETTLE_SECONDS:.0f} s: {pending.what}"
                )
            if pending.debounced:
                await pilot.pause(0.05)
        else:
            idle += 1
            if idle >= IDLE_ROUNDS:
                return


class _Pending(NamedTuple):
    what: str
    busy: bool
    """Something is running or scheduled (else the app waits for what nothing produces)."""
    debounced: bool = False
    """A search or answer update waits for its debounce timer."""


def _pending(app: PressroomApp) -> _Pending | None:
    """What the app is still doing or waiting for, or None when it is still."""
    running = sorted({w.group for w in app.workers if w.group in APP_GROUPS and w.is_running})
    if running:
        return _Pending(f"workers {running}", busy=True)
    screen = next((s for s in app.screen_stack if isinstance(s, MainScreen)), None)
    if screen is None or screen.library is None:
        return _Pending("the library", busy=False)
    if screen.pending_work:
        return _Pending("a debounced search or answer update", busy=True, debounced=True)
    if screen.library.outlines and screen.index is None and screen.index_error is None:
        return _Pending("the index", busy=False)
    return None


async def ready(pilot: Pilot[int]) -> MainScreen:
    """Wait for the library, the index and the figures; return the main screen."""
    await settle(pilot)
    await settle(pilot)
    return main_screen(pilot.app)  # type: ignore[arg-type]


async def press(pilot: Pilot[int], *keys: str) -> None:
    """Press keys, letting workers finish after each."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type `text` one key at a time (as a person would), then let the search finish."""
    for char in text:
        await pilot.press("space" if char == " " else char)
    await settle(pilot)


def screen_text(app: PressroomApp) -> str:
    """The characters on screen, as a terminal would show them."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def record_notifications(app: PressroomApp) -> list[str]:
    """Collect the message of every notification `app` shows from now on."""
    seen: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        seen.append(message)
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return seen


def terminal_frame(app: PressroomApp) -> str:
    """The whole screen as the bytes the app would write to a real terminal."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return update.render_segments(console)


def record_terminal_writes(app: PressroomApp) -> list[str]:
    """Collect what the app writes to its terminal outside frames (OSC 52 copies…)."""
    writes: list[str] = []
    driver = app._driver
    assert driver is not None
    original = driver.write

    def write(data: str) -> None:
        writes.append(data)
        original(data)

    driver.write = write  # type: ignore[method-assign]
    return writes


def table_rows(table: VirtualTable) -> list[list[str]]:
    """Every row of `table`, each cell as the text it shows."""
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
