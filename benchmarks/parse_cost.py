"""CPU time and peak memory of parsing two large files, each in a fresh process.

Run by hand: `python benchmarks/parse_cost.py [--runs 3]`. The files are made on the fly: many
short turns (`--turns`, default 200,000: six questions and six answers chosen with a fixed
seed) and the bundled sample repeated (`--copies`, default 200). To compare with another
version of the parser, run the same command with PYTHONPATH pointing at that version's
checkout. It writes nothing into the project.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, resource, sys, time
from search_index.parser import parse_text
text = open(sys.argv[1], encoding="utf-8").read()
start = time.process_time()
transcript = parse_text(text, "bench")
seconds = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "turns": len(transcript.turns),
                  "exchanges": len(transcript.exchanges)}))
"""

QUESTIONS = (
    "Will rates rise?",
    "Why not?",
    "And the deficit?",
    "What about jobs in Ohio?",
    "Go on?",
    "Is that final?",
)
ANSWERS = (
    "No.",
    "Yes, over time.",
    "We will see.",
    "About 300. Next question.",
    "Not this year, Peter.",
    "Go ahead, Maria.",
)


def short_turns(count: int) -> str:
    """A briefing of `count` short turns, question and answer in turn."""
    import random

    chooser = random.Random(1)
    lines = ["Press Briefing by Press Secretary Dana Mills", "March 4, 2025", ""]
    for _ in range(count // 2):
        lines.append("Q: " + chooser.choice(QUESTIONS))
        lines.append("MR. SMITH: " + chooser.choice(ANSWERS))
    return "\n".join(lines) + "\n"


def measure(path: Path, runs: int) -> dict[str, float]:
    """The median CPU seconds and peak RSS of `runs` fresh processes parsing `path`."""
    results = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                cwd=path.parent,  # not the project folder: PYTHONPATH picks the parser
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "peak_mb": statistics.median(r["peak_mb"] for r in results),
        "turns": results[0]["turns"],
        "exchanges": results[0]["exchanges"],
    }


def main() -> None:
    """Make the files, parse each `--runs` times, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--turns", type=int, default=200_000)
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args()
    sample = Path(__file__).resolve().parents[1] / "assets" / "scio-2021-04-25-ipr-briefing.txt"

    print("| file | MB | turns | exchanges | CPU s (median) | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        files = {
            f"{args.turns:,} short turns": short_turns(args.turns),
            f"the sample × {args.copies}": sample.read_text(encoding="utf-8") * args.copies,
        }
        for name, text in files.items():
            path = Path(folder) / "briefing.txt"
            path.write_text(text, encoding="utf-8")
            result = measure(path, args.runs)
            print(
                f"| {name} | {len(text.encode()) / 1e6:.1f} | {result['turns']:,} | "
                f"{result['exchanges']:,} | {result['seconds']:.2f} | {result['peak_mb']:.0f} |"
            )


if __name__ == "__main__":
    main()
