"""Speed of the across-the-library views on synthetic libraries (see synth.py).

For each size: parse the library once, then time the figures ledger (figure extraction
included, and the grouping alone), the statistics, keyword in context for a word and for a
phrase, and rendering the ledger as JSON, CSV and Markdown. Median of --runs runs each.

    python benchmarks/insights_bench.py 1000 10000 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).parent))

from synth import generate

from search_index.figures import figures_of_transcript
from search_index.insights import build_ledger, kwic, ledger_report, library_stats, render
from search_index.library import load_library

T = TypeVar("T")


def timed(work: Callable[[], T], runs: int) -> tuple[float, T]:
    """Median seconds of `runs` calls, and the last result."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(size: int, runs: int) -> str:
    """One table row for a library of about `size` turns."""
    transcripts = load_library([generate(size)]).transcripts
    turns = sum(len(t.turns) for t in transcripts)
    ledger_s, ledger = timed(lambda: build_ledger(transcripts), runs)
    figures = {t.id: figures_of_transcript(t) for t in transcripts}
    group_s, _ = timed(lambda: build_ledger(transcripts, lambda t: figures[t.id]), runs)
    stats_s, _ = timed(lambda: library_stats(transcripts), runs)
    word_s, word = timed(lambda: kwic(transcripts, "patent"), runs)
    phrase_s, phrase = timed(lambda: kwic(transcripts, "pledge financing"), runs)
    report = ledger_report(ledger)
    renders = [
        timed(lambda: render(report, "json"), runs)[0],
        timed(lambda: render(report, "csv"), runs)[0],
        timed(lambda: render(report, "markdown"), runs)[0],
    ]
    return (
        f"| {turns:,} | {len(transcripts):,} | {len(ledger):,} | {len(ledger.measures):,} "
        f"| {ledger_s:.2f} | {group_s:.2f} | {stats_s:.2f} "
        f"| {word_s:.2f} ({len(word.lines):,}) | {phrase_s:.2f} ({len(phrase.lines):,}) "
        f"| {' / '.join(f'{r:.2f}' for r in renders)} |"
    )


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("turns", type=int, nargs="+", help="library sizes in turns")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        "| turns | briefings | figures | measures | ledger s | grouping s | stats s "
        "| kwic word s (lines) | kwic phrase s (lines) | JSON / CSV / MD s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in args.turns:
        print(measure(size, args.runs))


if __name__ == "__main__":
    main()
