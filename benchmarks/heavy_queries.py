"""Queries that used to take minutes, on a big index: now each is answered, answered in part
(the 10 s time budget), or refused with one line, in bounded time.

    python benchmarks/heavy_queries.py [INDEX_DIR] [--write]

INDEX_DIR defaults to the clean build the crash test leaves
(benchmarks/data/crash-5000/clean-update, about 165,000 turns). Each query runs three
times in one process; the median wall and CPU time are shown next to those of a plain
one-word query in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.results_file import write_section
from benchmarks.synth import DATA
from search_index.errors import QueryError
from search_index.index import LibraryIndex

SECTION = "## Heavy queries"
WORDS = [
    "development",
    "protection",
    "property",
    "intellectual",
    "patent",
    "copyright",
    "trademark",
    "market",
    "enterprises",
    "innovation",
    "rights",
    "law",
    "cases",
    "system",
    "national",
    "international",
    "cooperation",
    "work",
    "year",
    "percent",
    "billion",
    "million",
    "service",
    "quality",
    "economic",
    "growth",
    "trade",
    "foreign",
    "digital",
    "financial",
    "industrial",
    "policy",
    "employment",
    "prices",
    "green",
    "rural",
    "road",
    "belt",
]


def queries() -> list[tuple[str, str]]:
    """(label, query) pairs: the issue's cases, then others of their kind."""
    return [
        ("one word (reference)", "growth"),
        ("one word ×200 (issue: 116 s)", " ".join(["growth"] * 200)),
        ("one word ×500 (issue: killed after 730 s)", " ".join(["growth"] * 500)),
        ("s* ORed ×100 (issue: 83 s)", " OR ".join(["s*"] * 100)),
        ("s*", "s*"),
        ("ten one-letter prefixes ORed", " OR ".join(f"{c}*" for c in "abcdefghij")),
        (f"{len(WORDS)} common words ORed", " OR ".join(WORDS)),
        (f"{len(WORDS)} common words ANDed", " ".join(WORDS)),
        ("400 nested brackets", "(" * 400 + "growth" + ")" * 400),
        ("a 25-word quoted sentence of the corpus", f'"{sample_sentence(25)}"'),
    ]


def sample_sentence(words: int) -> str:
    """The first `words` words of the longest sentence the synthetic answers are made of."""
    from benchmarks.synth import Generator

    return " ".join(max(Generator().answers, key=len).split()[:words])


def run(index: LibraryIndex, query: str) -> tuple[str, float, float]:
    walls, cpus = [], []
    outcome = ""
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            results = index.search(query, limit=20, snippets=20)
            outcome = f"{results.total:,} turns" + (" (partial)" if results.partial else "")
        except QueryError as error:
            outcome = f"refused: {error}"
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return outcome, statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "index_dir", nargs="?", type=Path, default=DATA / "crash-5000" / "clean-update"
    )
    parser.add_argument("--write", action="store_true", help="write into RESULTS.md")
    args = parser.parse_args()
    loads = [" ".join(f"{x:.2f}" for x in os.getloadavg())]
    rows = []
    with LibraryIndex.open(args.index_dir, create=False) as index:
        turns = index.turn_count
        index.search("warm up")
        for label, query in queries():
            outcome, wall, cpu = run(index, query)
            rows.append((label, outcome, wall, cpu))
            print(f"{label}: {outcome} — {wall:.3f} s ({cpu:.3f} s CPU)")
    loads.append(" ".join(f"{x:.2f}" for x in os.getloadavg()))
    reference = rows[0][2]
    lines = [
        SECTION,
        "",
        f"Measured {dt.date.today()} on {os.cpu_count()} cores, Python "
        f"{platform.python_version()}: `python benchmarks/heavy_queries.py --write` on the "
        f"crash test's clean build ({turns:,} turns). Median of 3 runs each, limit 20 with "
        f"snippets, default time budget 10 s. One-minute load average {' → '.join(loads)} "
        "(shared cores: wall times are upper bounds).",
        "",
        "| query | outcome | wall s | CPU s | ÷ one word |",
        "|---|---|---|---|---|",
    ]
    for label, outcome, wall, cpu in rows:
        lines.append(f"| {label} | {outcome} | {wall:.3f} | {cpu:.3f} | {wall / reference:.1f}× |")
    section = "\n".join([*lines, ""])
    print(section)
    if args.write:
        write_section(SECTION, section)


if __name__ == "__main__":
    main()
