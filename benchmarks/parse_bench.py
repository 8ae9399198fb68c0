"""Parsing speed and peak memory on big files made from the bundled sample.

Run by hand: `python benchmarks/parse_bench.py [--megabytes 50]`. It writes nothing into
the project; copy its output into benchmarks/RESULTS.md with the machine and date.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, resource, sys, time
from search_index.parser import load_transcript
start = time.perf_counter()
transcript = load_transcript(sys.argv[1])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "turns": len(transcript.turns),
                  "exchanges": len(transcript.exchanges)}))
"""


def main() -> None:
    """Build the files, parse each in a fresh process, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, nargs="*", default=[1, 10, 50])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from search_index.sample import sample_path

    sample = sample_path().read_bytes()
    baseline = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-c",
                CHILD.replace("load_transcript(sys.argv[1])", "None")
                .replace("len(transcript.turns)", "0")
                .replace("len(transcript.exchanges)", "0"),
                "x",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
        f"Python {platform.python_version()}; process baseline {baseline['peak_mb']:.0f} MB"
    )
    print("| file | turns | exchanges | parse s (median of runs) | peak RSS MB |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in args.megabytes:
            path = Path(folder) / f"big-{megabytes}.txt"
            copies = max(1, megabytes * 1_000_000 // len(sample))
            path.write_bytes(sample * copies)
            results = []
            for _ in range(args.runs):
                out = subprocess.run(
                    [sys.executable, "-c", CHILD, str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                results.append(json.loads(out))
            results.sort(key=lambda r: r["seconds"])
            mid = results[len(results) // 2]
            size = path.stat().st_size / 1e6
            print(
                f"| {size:.1f} MB | {mid['turns']} | {mid['exchanges']} | "
                f"{mid['seconds']:.2f} | {max(r['peak_mb'] for r in results):.0f} |"
            )


if __name__ == "__main__":
    main()
