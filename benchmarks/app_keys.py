"""Key latency of the app on a large library, the repaint included, in-process.

Opens the app on a synthetic library of `synth.py` (its index built beforehand) at 160×48
and presses every key a reader uses: j/k in the question list and in the answer view,
Enter, c, ? and Esc, Ctrl+P and Esc, L / S / K / p / b and Esc, Down, j/k, G/g and PageDown in the
figures ledger, typing a search, Enter on it, n / N, and Esc. A trivial Textual app (an
option list of 500 rows and a footer) is measured first in the same process, as the
reference: what any Textual app pays per key on this machine at this moment.

The app runs under Textual's test driver, with one change: the driver reports that it is
not headless, so every frame is rendered to terminal escape sequences exactly as in a real
terminal (and thrown away). For each press:

* **paint**: from posting the key to the end of the first frame written after it — what
  the reader sees answer;
* **settled**: to the end of the last frame before 150 ms without one — the key's whole
  effect, the work it started in threads included (e.g. the ledger's rows arriving);
* **CPU**: the process's CPU time over the same span (every thread), the number to read
  on a busy machine.

Before each press the screen is quiet (no frame for 150 ms); the text cursor's blinking
is turned off so that it does not count as a frame. Typing a search is different: letters
follow each other 100 ms apart, as a quick typist's do, and only their paint is measured,
with the longest stall of the event loop (a 1 ms heartbeat) while typing.

    python benchmarks/app_keys.py                       # synth-10000: 10,000 turns, 400 briefings
    python benchmarks/app_keys.py --turns 12000 --per-file 12    # 1,000 briefings
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synth import generate, library_folder  # noqa: E402

OUT = Path(__file__).parent / "out"
SIZE = (160, 48)
#: No frame for this long: the screen is settled.
QUIET = 0.15
#: Give up waiting for a frame after this long.
PATIENCE = 20.0
#: Between two letters of a typed search (seconds).
TYPING = 0.1


@dataclass
class Frames:
    """When frames were written (the driver's writes), and a heartbeat of the event loop."""

    writes: list[float] = field(default_factory=list)
    longest_stall: float = 0.0

    def write(self) -> None:
        """A frame (or part of one) was written now."""
        self.writes.append(time.perf_counter())

    def after(self, moment: float) -> list[float]:
        """The writes after `moment`."""
        return [t for t in self.writes if t > moment]


FRAMES = Frames()


def install_painting_driver() -> None:
    """Make Textual's test driver render every frame as a terminal driver does."""
    from textual.drivers import headless_driver
    from textual.widgets import Input

    base = headless_driver.HeadlessDriver

    class PaintingDriver(base):  # type: ignore[misc, valid-type]
        """The test driver, but not headless: frames are rendered, timed, thrown away."""

        @property
        def is_headless(self) -> bool:
            return False

        def write(self, data: str) -> None:
            FRAMES.write()

        def flush(self) -> None:
            return None

    headless_driver.HeadlessDriver = PaintingDriver  # type: ignore[misc]
    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]


async def heartbeat() -> None:
    """Note the longest time the event loop went without running this 1 ms timer."""
    last = time.perf_counter()
    while True:
        await asyncio.sleep(0.001)
        now = time.perf_counter()
        FRAMES.longest_stall = max(FRAMES.longest_stall, now - last - 0.001)
        last = now


def key_event(key: str) -> Any:
    """The Key event Textual's Pilot would post for `key`."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def quiet(app: Any, busy: Callable[[], bool] = lambda: False) -> None:
    """Wait until no frame has been written for QUIET seconds and nothing is `busy`."""
    began = time.perf_counter()
    while time.perf_counter() - began < 120:
        await asyncio.sleep(0.01)
        last = FRAMES.writes[-1] if FRAMES.writes else 0.0
        running = any(w.is_running for w in app.workers if w.group != "clipboard")
        if time.perf_counter() - last >= QUIET and not running and not busy():
            return


@dataclass
class Press:
    """One key press: paint, settled and CPU time in seconds (paint None: nothing drawn)."""

    paint: float | None
    settled: float | None
    cpu: float


async def press(app: Any, key: str, typing: bool = False) -> Press:
    """Press `key` on a quiet screen and time its frames; `typing`: right away, and only
    until its first frame (the next letter follows)."""
    if not typing:
        await quiet(app)
    event = key_event(key)
    event.set_sender(app)
    cpu = time.process_time()
    began = time.perf_counter()
    app._driver.send_message(event)
    while not FRAMES.after(began) and time.perf_counter() - began < PATIENCE:
        await asyncio.sleep(0.001)
    first = FRAMES.after(began)
    if not first:
        return Press(None, None, time.process_time() - cpu)
    if typing:
        return Press(first[0] - began, None, time.process_time() - cpu)
    await quiet(app)
    frames = FRAMES.after(began)
    return Press(first[0] - began, frames[-1] - began, time.process_time() - cpu)


def percentile(values: list[float], share: float) -> float:
    """The `share` percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share + 0.5) - 1)]


@dataclass
class Row:
    """A line of the results table: a key and its presses."""

    name: str
    presses: list[Press] = field(default_factory=list)
    note: str = ""

    def markdown(self) -> str:
        """| key | presses | paint p50 | p95 | settled p50 | p95 | CPU p50 | note |"""
        paints = [p.paint for p in self.presses if p.paint is not None]
        settled = [p.settled for p in self.presses if p.settled is not None]
        cpu = [p.cpu for p in self.presses]

        def ms(values: list[float], share: float) -> str:
            return f"{percentile(values, share) * 1000:.0f}" if values else "—"

        missing = len(self.presses) - len(paints)
        note = self.note + (f" ({missing} drew nothing)" if missing else "")
        return (
            f"| {self.name} | {len(self.presses)} | {ms(paints, 0.5)} | {ms(paints, 0.95)} | "
            f"{ms(settled, 0.5)} | {ms(settled, 0.95)} | {ms(cpu, 0.5)} | {note} |"
        )


async def repeat(app: Any, row: Row, keys: list[str]) -> Row:
    """Press `keys` in turn, each on a quiet screen, into `row`."""
    for key in keys:
        row.presses.append(await press(app, key))
    print(row.markdown(), file=sys.__stderr__, flush=True)
    return row


async def reference() -> list[Row]:
    """A trivial Textual app: an option list of 500 rows and a footer; Down and Up."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, OptionList

    class Trivial(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*(f"row {n}" for n in range(500)))
            yield Footer()

    app = Trivial()
    async with app.run_test(size=SIZE):
        await quiet(app)
        row = await repeat(app, Row("reference: trivial app, ↓ in an option list"), ["down"] * 30)
    return [row]


async def measure(library: Path, index_dir: Path, home: Path) -> tuple[list[Row], str]:
    """Drive the app; return the rows and a line on the library."""
    from tests.support.app import make_test_app

    app = make_test_app(home, index_dir, [library])
    rows: list[Row] = []
    started = time.perf_counter()
    async with app.run_test(size=SIZE):
        beat = asyncio.get_running_loop().create_task(heartbeat())
        screen = None
        while screen is None or screen.answer_view.entry is None:
            await asyncio.sleep(0.005)
            screen = next((s for s in app.screen_stack if type(s).__name__ == "MainScreen"), None)
        first = time.perf_counter() - started
        while screen.index is None and screen.index_error is None:
            await asyncio.sleep(0.005)
        indexed = time.perf_counter() - started
        await quiet(app, lambda: screen.pending_work)
        assert screen.library is not None
        outlines = screen.library.outlines
        turns = sum(len(o.transcript.turns) for o in outlines)
        about = (
            f"{len(outlines)} briefings, {turns} turns: first screen {first:.2f} s, index "
            f"checked {indexed:.2f} s"
        )

        async def keys(name: str, sequence: list[str], note: str = "") -> None:
            rows.append(await repeat(app, Row(name, note=note), sequence))

        await keys("j / k in the question list (answer view follows)", ["j", "k"] * 10)
        await keys("Enter on a question (focus to the answer)", ["enter"])
        await keys("j / k in the answer view (paragraph)", ["j", "k"] * 10)
        await keys("c (copy the paragraph)", ["c"] * 5)
        await keys("Tab to the figures", ["tab"])
        await keys("j / k in the figures", ["j", "k"] * 5)
        help_open, help_close = Row("? (help opens)"), Row("Esc (help closes)")
        palette_open, palette_close = Row("Ctrl+P (palette opens)"), Row("Esc (palette closes)")
        for _ in range(8):
            help_open.presses.append(await press(app, "question_mark"))
            help_close.presses.append(await press(app, "escape"))
            palette_open.presses.append(await press(app, "ctrl+p"))
            palette_close.presses.append(await press(app, "escape"))
        rows += [help_open, help_close, palette_open, palette_close]
        views = (
            ("ledger", "L"),
            ("speakers", "S"),
            ("in context", "K"),
            ("person finder", "p"),
            ("briefing finder", "b"),
        )
        for view, letter in views:
            opened, closed = Row(f"{letter} ({view} opens)"), Row(f"Esc ({view} closes)")
            for _ in range(5):
                opened.presses.append(await press(app, letter))
                closed.presses.append(await press(app, "escape"))
            rows += [opened, closed]
        await press(app, "L")
        ledger = app.screen
        while getattr(ledger, "ledger", None) is None:  # built (the first time) in a worker
            await asyncio.sleep(0.05)
        await quiet(app)
        count = len(getattr(ledger, "rows", ()))
        await keys(f"↓ in the ledger ({count} rows)", ["down"] * 30)
        await keys("j / k in the ledger", ["j", "k"] * 10)
        await keys("G / g in the ledger (last / first row)", ["G", "g"] * 3)
        await keys("PageDown in the ledger", ["pagedown"] * 10)
        await press(app, "escape")
        await press(app, "slash")
        typing = Row("typing a search, 100 ms apart (paint of each letter)")
        FRAMES.longest_stall = 0.0
        query = "pledge financing"
        for char in query:
            began = time.perf_counter()
            typing.presses.append(await press(app, "space" if char == " " else char, True))
            await asyncio.sleep(max(0.0, TYPING - (time.perf_counter() - began)))
        while screen.panes.outcome is None or screen.panes.outcome.query != query:
            await asyncio.sleep(0.002)
        listed = time.perf_counter() - began
        stall = FRAMES.longest_stall
        typing.note = (
            f"longest stall {stall * 1000:.0f} ms; hits listed {listed * 1000:.0f} ms after "
            "the last letter (a 120 ms pause in typing included)"
        )
        rows.append(typing)
        await keys("Enter on the search (first hit)", ["enter"])
        await keys("n / N (next / previous match)", ["n"] * 10 + ["N"] * 5)
        await keys("Esc (clear the search)", ["escape"])
        beat.cancel()
    return rows, about


def main() -> None:
    """Build what is missing, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=10_000)
    parser.add_argument("--per-file", type=int, default=25)
    args = parser.parse_args()
    library = library_folder(args.turns, args.per_file)
    if not library.is_dir():
        library = generate(args.turns, args.per_file)
    index_dir = OUT / f"app-index-{library.name}"
    from search_index.index import LibraryIndex

    began = time.perf_counter()
    with LibraryIndex.open(index_dir) as index:
        report = index.update([library])
    print(f"<!-- index: {report.summary()} in {time.perf_counter() - began:.1f} s -->")
    install_painting_driver()
    load = os.getloadavg()
    rows = asyncio.run(reference())
    with tempfile.TemporaryDirectory(prefix="pressroom-keys-") as home:
        app_rows, about = asyncio.run(measure(library, index_dir, Path(home)))
    rows += app_rows
    after = os.getloadavg()
    print(f"<!-- {library.name}: {about}; load {load[0]:.1f} before, {after[0]:.1f} after -->")
    print("| key | presses | paint p50 ms | p95 | settled p50 ms | p95 | CPU p50 ms | note |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row.markdown())


if __name__ == "__main__":
    main()
