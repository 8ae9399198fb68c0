"""Time and memory of `pressroom figures` on the big transcript and on hostile inputs.

Run by hand; it writes nothing into the project (copy its tables into RESULTS.md):

    python benchmarks/figures_bench.py big        # issue 14: the 400,000-turn big.txt
    python benchmarks/figures_bench.py worst      # issue 15: inputs under 1 MB, worst shapes

`big` makes big.txt with benchmarks/big_transcript.py, then runs `pressroom figures big.txt
--json` in a fresh process (wall, CPU and peak memory), and, in another, the parts: parsing,
extracting the figures, and writing the JSON (to /dev/null). `worst` runs `pressroom figures
FILE --json` on one-turn transcripts of up to 1 MB shaped to be expensive: one sentence of
repeated figures, bare numbers, names before numbers, white space between two changes.
Every measure is the median of `--runs` runs; the regex floor (`re.findall` of digit runs
over the same text, in the same process) is the reference, as the load of a shared machine
moves every absolute figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Measures a run of the CLI in this child: its CPU time and peak memory, and the floor.
CLI_CHILD = """
import io, json, re, resource, sys, time
from tui.cli import main
path, out = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
start = time.process_time()
re.findall(r"\\d+", text)
floor = time.process_time() - start
wall, cpu = time.perf_counter(), time.process_time()
with open(out, "w", encoding="utf-8") as sink:
    sys.stdout = sink
    code = main(["figures", path, "--json"])
    sys.stdout = sys.__stdout__
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"code": code, "wall": time.perf_counter() - wall,
                  "cpu": time.process_time() - cpu, "floor": floor,
                  "peak_mb": usage.ru_maxrss / 1024}))
"""

#: The parts of `figures --json`, timed one after the other in this child.
PARTS_CHILD = """
import json, re, resource, sys, time
from search_index.parser import load_transcript
from search_index.figures import iter_figures
from tui.cli.figures_cmd import _rows
from tui.cli.output import stream_json_list
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
start = time.process_time()
re.findall(r"\\d+", text)
floor = time.process_time() - start
t0 = time.process_time()
transcript = load_transcript(path)
t1 = time.process_time()
figures = list(iter_figures(transcript))
t2 = time.process_time()
with open("/dev/null", "w", encoding="utf-8") as sink:
    sys.stdout = sink
    stream_json_list(_rows(transcript, figures))
    sys.stdout = sys.__stdout__
t3 = time.process_time()
print(json.dumps({"parse": t1 - t0, "extract": t2 - t1, "output": t3 - t2, "floor": floor,
                  "figures": len(figures), "turns": len(transcript.turns),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def _header(what: str) -> None:
    load = os.getloadavg()
    print(
        f"{what} — {time.strftime('%Y-%m-%d %H:%M')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (1/5/15 min)\n"
    )


def big(runs: int) -> None:
    """`pressroom figures big.txt --json`, whole and in parts."""
    from benchmarks.big_transcript import big_transcript

    _header("pressroom figures big.txt --json (400,000 short turns)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text(big_transcript(), encoding="utf-8")
        size = path.stat().st_size / 1e6
        out = str(Path(folder) / "out.json")
        whole = [_child(CLI_CHILD, str(path), out) for _ in range(runs)]
        parts = [_child(PARTS_CHILD, str(path)) for _ in range(runs)]
    print(f"| measure | median of {runs} |")
    print("|---|---|")
    print(f"| file | {size:.1f} MB, {int(parts[0]['turns']):,} turns |")
    print(f"| figures | {int(parts[0]['figures']):,} |")
    print(f"| `figures --json`, wall | {_median(whole, 'wall'):.1f} s |")
    print(f"| `figures --json`, CPU | {_median(whole, 'cpu'):.1f} s |")
    print(f"| `figures --json`, peak memory | {_median(whole, 'peak_mb'):.0f} MB |")
    for key in ("parse", "extract", "output"):
        print(f"| of which {key} (CPU, run apart) | {_median(parts, key):.2f} s |")
    floor = _median(parts, "floor")
    print(f"| regex floor: `re.findall(r'\\d+')` over the file (CPU) | {floor:.3f} s |")
    print(f"| extract ÷ floor | {_median(parts, 'extract') / _median(parts, 'floor'):.0f}× |")


def _shapes(size: int) -> dict[str, str]:
    """One-paragraph texts of `size` characters, each shaped to be expensive."""
    from search_index.sample import sample_path

    def fill(unit: str, intro: str = "Good morning. The totals were ") -> str:
        return intro + (unit * (size // len(unit) + 1))[: size - len(intro)]

    sample = sample_path().read_text(encoding="utf-8")
    run_on = re.sub(r"[.!?]\s+", ", ", " ".join(sample.split()))
    return {
        "repeated figures in one sentence": fill(
            "512 billion yuan, 7 cases, 12% of GDP, $5 billion, "
        ),
        "bare numbers ('1 2 3 …')": fill("1 2 3 4 5 6 7 8 9 "),
        "names before numbers ('Alpha 12, …')": fill("Alpha 12, Beta 13, "),
        "the sample as one run-on sentence": fill(run_on, intro=""),
        "spaces between two changes": "Exports rose 5%" + " " * (size - 25) + "x and 6%.",
    }


def worst(runs: int, sizes: list[int]) -> None:
    """`pressroom figures FILE --json` on hostile one-turn transcripts."""
    _header("pressroom figures FILE --json on hostile inputs (one turn, one paragraph)")
    print(
        "| input | size | figures | `figures --json` CPU / wall / peak | of which parse, "
        "extract, output (CPU) | regex floor | extract ÷ floor |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            for name, text in _shapes(size).items():
                path = Path(folder) / "hostile.txt"
                path.write_text(f"Briefing\n\nMINISTER:\n\n{text}\n", encoding="utf-8")
                out = Path(folder) / "out.json"
                whole = [_child(CLI_CHILD, str(path), str(out)) for _ in range(runs)]
                parts = [_child(PARTS_CHILD, str(path)) for _ in range(runs)]
                extract, floor = _median(parts, "extract"), _median(parts, "floor")
                print(
                    f"| {name} | {path.stat().st_size / 1e3:,.0f} KB | "
                    f"{int(parts[0]['figures']):,} | {_median(whole, 'cpu'):.2f} s / "
                    f"{_median(whole, 'wall'):.2f} s / {_median(whole, 'peak_mb'):.0f} MB | "
                    f"{_median(parts, 'parse'):.2f} s, {extract:.2f} s, "
                    f"{_median(parts, 'output'):.2f} s | {floor * 1e3:.1f} ms | "
                    f"{extract / max(floor, 1e-6):,.0f}× |",
                    flush=True,
                )


def main() -> None:
    """Run the chosen benchmark and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("which", choices=("big", "worst"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[999_000])
    args = parser.parse_args()
    if args.which == "big":
        big(args.runs)
    else:
        worst(args.runs, args.sizes)


if __name__ == "__main__":
    main()
