"""Keystroke latency of the app on a large library, measured in-process with Pilot.

Opens the app on the synthetic library of `synth.py` (default 10,000 turns in 400
briefings; generated if missing) with its index built beforehand, then presses keys as a
reader would: move through questions, through paragraphs, through figures, type a query
letter by letter (search as you type), jump to the first hit, step through matches, clear
the search, open the command palette and type into it.

Two numbers per action:
* key → idle: from posting the key until the app has handled it and is idle again
  (Pilot's own wait), p50 / p95 / max over the presses;
* longest stall: the longest time the event loop did not run, measured by a heartbeat task
  that wakes every millisecond — this includes the workers' share of the GIL (search,
  parsing, figures) while the keys are handled and their results arrive.

    python benchmarks/app_keys.py                 # 10,000 turns
    python benchmarks/app_keys.py --turns 1000
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from benchmarks.synth import DATA, generate  # noqa: E402

OUT = Path(__file__).parent / "out"


class Heartbeat:
    """Measures how long the event loop goes without running a 1 ms timer."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _beat(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last - 0.001)
            last = now

    def start(self) -> None:
        """Start beating."""
        self._task = asyncio.get_running_loop().create_task(self._beat())

    def reset(self) -> float:
        """The longest stall since the last reset (seconds), and start again."""
        longest, self.longest = self.longest, 0.0
        return longest


def row(name: str, times: list[float], stall: float) -> str:
    """A Markdown table row: action, presses, p50 / p95 / max in ms, longest stall in ms."""
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95 + 0.5) - 1)]
    return (
        f"| {name} | {len(times)} | {statistics.median(ordered) * 1000:.0f} | "
        f"{p95 * 1000:.0f} | {ordered[-1] * 1000:.0f} | {stall * 1000:.0f} |"
    )


async def measure(library: Path, index_dir: Path, home: Path) -> list[str]:
    """Drive the app and return the table rows."""
    from app_support import settle, test_app

    from tui.screens.main import SEARCH_DEBOUNCE, MainScreen

    rows: list[str] = []
    app = test_app(home, index_dir, [library])
    beat = Heartbeat()
    started = time.perf_counter()
    async with app.run_test(size=(160, 48)) as pilot:
        beat.start()
        screen = app.screen
        while not isinstance(screen, MainScreen) or screen.answer_view.entry is None:
            await asyncio.sleep(0.005)
            screen = app.screen
        first = time.perf_counter() - started
        while screen.index is None and screen.index_error is None:
            await asyncio.sleep(0.005)
        indexed = time.perf_counter() - started
        await settle(pilot)
        assert screen.library is not None
        turns = sum(len(o.transcript.turns) for o in screen.library.outlines)
        rows.append(
            f"<!-- {len(screen.library.outlines)} briefings, {turns} turns: library on screen "
            f"{first:.2f} s, index open and checked {indexed:.2f} s, longest stall while "
            f"loading {beat.reset() * 1000:.0f} ms -->"
        )

        async def presses(name: str, keys: list[str], after: Callable[[], Awaitable[None]]) -> None:
            beat.reset()
            times = []
            for key in keys:
                began = time.perf_counter()
                await pilot.press(key)
                times.append(time.perf_counter() - began)
            await after()
            rows.append(row(name, times, beat.reset()))

        async def nothing() -> None:
            return None

        async def results() -> None:
            await settle(pilot)

        await presses("question list j/k (answer view rebuilt)", ["j"] * 15 + ["k"] * 5, results)
        await presses("Enter on a question", ["enter"], results)
        await presses("answer view j/k (paragraph)", ["j"] * 15 + ["k"] * 5, nothing)
        await presses("Tab to the figures, j (scroll + mark)", ["tab"] + ["j"] * 10, nothing)
        await presses("/ (focus search)", ["slash"], nothing)
        typed = list("pledge financing".replace(" ", "\0"))
        keys = ["space" if key == "\0" else key for key in typed]
        await presses("typing a query (search as you type)", keys[:-1], nothing)
        beat.reset()
        last_key = time.perf_counter()
        await pilot.press(keys[-1])
        while screen.outcome is None or screen.outcome.query != "pledge financing":
            await asyncio.sleep(0.002)
        listed = time.perf_counter() - last_key
        stall = beat.reset()
        await settle(pilot)
        outcome = screen.outcome
        rows.append(
            f"| last letter → hits listed (debounce {SEARCH_DEBOUNCE * 1000:.0f} ms, search, "
            f"mapping {len(outcome.matches)} matches in {len(outcome.entries)} questions) | 1 | "
            f"{listed * 1000:.0f} | | | {stall * 1000:.0f} |"
        )
        await presses("Enter (first hit)", ["enter"], results)
        await presses("n / N (next / previous match)", ["n"] * 10 + ["N"] * 5, nothing)
        await presses("Esc (clear the search)", ["escape"], results)
        await presses("ctrl+p (palette opens)", ["ctrl+p"], nothing)
        await presses("typing in the palette", list("reuters"), results)
        await presses("Esc (palette closes)", ["escape"], nothing)
    return rows


def main() -> None:
    """Build what is missing, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=10_000)
    args = parser.parse_args()
    library = DATA / f"synth-{args.turns}"
    if not library.is_dir():
        library = generate(args.turns)
    index_dir = OUT / f"app-index-{args.turns}"
    from search_index.index import LibraryIndex

    began = time.perf_counter()
    with LibraryIndex.open(index_dir) as index:
        report = index.update([library])
    print(f"<!-- index: {report.summary()} in {time.perf_counter() - began:.1f} s -->")
    with tempfile.TemporaryDirectory(prefix="pressroom-keys-") as home:
        rows = asyncio.run(measure(library, index_dir, Path(home)))
    print("| action | presses | key → idle p50 ms | p95 ms | max ms | longest stall ms |")
    print("|---|---|---|---|---|---|")
    for line in rows:
        print(line)


if __name__ == "__main__":
    main()
