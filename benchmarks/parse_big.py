"""Issue 14's parser goal: `pressroom parse big.txt --json` on 400,000 short turns.

Run by hand: `python benchmarks/parse_big.py [--runs 3] [--turns 400000]`. The file is made by
`big_transcript.py` in a temporary folder. Each run is a fresh process measured by
`/usr/bin/time -v` (wall, user + system CPU, peak RSS), interleaved with a floor measured the
same way: a process that reads the same file, cuts it into turns with one regular expression
(`LABEL: text` lines) and writes them as JSON with the C encoder. The load average is printed
before and after. A second row times the parser alone inside one process (`parse_text`, CPU),
so that what the JSON output costs can be told from what parsing costs, followed by
pydantic's own serializer writing the model (`model_dump_json(indent=2)`), with that
process's peak RSS: what the command would cost printing through it. Writes nothing into
the project.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

FLOOR = r"""
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
turns = [
    {"speaker": m[1], "text": m[2]}
    for m in re.finditer(r"^([A-Z][A-Z .'-]*): (.*)$", text, re.MULTILINE)
]
sys.stdout.write(json.dumps({"turns": turns}, ensure_ascii=False))
"""

PARSER_ONLY = r"""
import resource, sys, time
from search_index.parser import parse_text
text = open(sys.argv[1], encoding="utf-8").read()
start = time.process_time()
transcript = parse_text(text, "big.txt")
parsed = time.process_time()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(transcript.model_dump_json(indent=2))
done = time.process_time()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(parsed - start, done - parsed, peak, len(transcript.turns), len(transcript.exchanges))
"""

_FIELDS = {
    "user": re.compile(r"User time \(seconds\): ([\d.]+)"),
    "system": re.compile(r"System time \(seconds\): ([\d.]+)"),
    "wall": re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)"),
    "peak_kb": re.compile(r"Maximum resident set size \(kbytes\): (\d+)"),
}


def _seconds(clock: str) -> float:
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def timed(command: list[str]) -> dict[str, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one fresh process."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    found = {key: pattern.search(done.stderr) for key, pattern in _FIELDS.items()}
    values = {key: match.group(1) for key, match in found.items() if match is not None}
    return {
        "wall": _seconds(values["wall"]),
        "cpu": float(values["user"]) + float(values["system"]),
        "peak_mb": int(values["peak_kb"]) / 1024,
    }


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main() -> None:
    """Make the file, time the CLI and the floor `--runs` times each, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--turns", type=int, default=400_000)
    args = parser.parse_args()
    pressroom = str(Path(sys.executable).with_name("pressroom"))
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        subprocess.run(
            [sys.executable, str(HERE / "big_transcript.py"), str(big), "--turns", str(args.turns)],
            check=True,
            capture_output=True,
        )
        cli: list[dict[str, float]] = []
        floor: list[dict[str, float]] = []
        alone: list[list[float]] = []
        counts = ""
        for _ in range(args.runs):
            cli.append(timed([pressroom, "parse", str(big), "--json"]))
            floor.append(timed([sys.executable, "-c", FLOOR, str(big)]))
            out = subprocess.run(
                [sys.executable, "-c", PARSER_ONLY, str(big), str(Path(folder) / "out.json")],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            alone.append([float(value) for value in out[:3]])
            counts = f"{int(out[3]):,} turns, {int(out[4]):,} exchanges"
        size = big.stat().st_size / 1e6
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    print(f"big.txt: {size:.1f} MB, {counts}; medians of {args.runs} runs")
    print("| what | wall s | CPU s | peak RSS MB |")
    print("|---|---|---|---|")
    for name, runs in (("`pressroom parse big.txt --json`", cli), ("regex-split floor", floor)):
        print(
            f"| {name} | {_median(runs, 'wall'):.2f} | {_median(runs, 'cpu'):.2f} | "
            f"{_median(runs, 'peak_mb'):.0f} |"
        )
    parse, dump, peak = (statistics.median(run[i] for run in alone) for i in range(3))
    print(f"| `parse_text` alone (in process) | — | {parse:.2f} | — |")
    print(
        f"| `parse_text` + `model_dump_json(indent=2)` to a file | — | {parse + dump:.2f} "
        f"(JSON {dump:.2f}) | {peak:.0f} |"
    )


if __name__ == "__main__":
    main()
