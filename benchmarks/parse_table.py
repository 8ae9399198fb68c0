"""`pressroom parse` on a 1 MB, 9,000-turn briefing: the summary tables against the JSON.

Run by hand: `python benchmarks/parse_table.py [--runs 5] [--before CHECKOUT]`. Each command
runs in a fresh process with its output piped at 120 columns; reported are the medians of
CPU seconds (user + system of the child), peak RSS, the wall time to the first byte of
output and to the end, and the same for `| head -1` (the reader leaves after one line).
`parse --json` of the same file, in the same run, is the reference: the same parse with an
output that costs little. `--before` names another checkout (e.g. an export of main) to
measure the same commands on its code in the same run. Two files are made from the
sample's own sentences: questions and answers from a few outlets and officials, and the
same with every question from a different outlet (a speakers table as long as the
questions table; measured on this checkout only, as the parser before its bound on label
variants took minutes over it). It writes nothing into the project.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "scio-2021-04-25-ipr-briefing.txt"
OFFICIALS = ("Shen Changyu", "He Zhimin", "Gan Shaoning")
OUTLETS = ("Xinhua News Agency", "Phoenix TV", "China Daily", "CCTV", "Reuters", "Bloomberg")
FIRST = ("Anna", "Wang", "Maria", "Peter", "Li", "Sara", "Tom", "Zhang", "Olga", "Ravi")
LAST = ("Berg", "Lei", "Silva", "Moss", "Na", "Khan", "Reed", "Wei", "Ivanova", "Rao")


def sentences() -> list[str]:
    """The sample's sentences of 40 to 120 characters (no speaker labels)."""
    text = SAMPLE.read_text(encoding="utf-8")
    body = text[text.index("\nShen Changyu:") :]
    found = (s.strip() for s in re.split(r"(?<=[.!?])\s+", body))
    return [s for s in found if 40 <= len(s) <= 120 and ":" not in s]


def briefing(turns: int, many_outlets: bool, seed: int = 15) -> str:
    """A briefing of `turns` turns, question and answer in turn."""
    rng = random.Random(seed)
    pool = sentences()
    lines = ["SCIO briefing on intellectual property protection (long)", "Beijing | April 25, 2021"]
    for i in range(turns // 2):
        outlet = rng.choice(OUTLETS)
        if many_outlets:  # reporters named from the digits of i: every one different
            first, last = FIRST[i % 10], LAST[i // 10 % 10]
            outlet = f"{first} {last} {FIRST[i // 100 % 10]}{LAST[i // 1000 % 10].lower()}"
        question = rng.choice(pool).rstrip(".") + "?"
        lines += ["", f"{outlet}:", "", question, "", f"{rng.choice(OFFICIALS)}:", ""]
        lines.append(rng.choice(pool))
    return "\n".join(lines) + "\n"


def run_once(code: Path, arguments: list[str], head: bool) -> dict[str, float]:
    """One fresh `pressroom ARGUMENTS…`: CPU, peak RSS, wall to first byte and to the end."""
    env = {**os.environ, "PYTHONPATH": str(code), "COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "tui", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=code,
    )
    assert child.stdout is not None
    first = child.stdout.readline() if head else child.stdout.read(1)
    first_byte = time.perf_counter() - start
    size = len(first)
    if head:
        child.stdout.close()
    else:
        size += len(child.stdout.read())
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return {
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "first": first_byte,
        "wall": time.perf_counter() - start,
        "bytes": size,
        "exit": child.returncode,
    }


def measure(code: Path, arguments: list[str], head: bool, runs: int) -> dict[str, float]:
    """The medians of `runs` runs."""
    results = [run_once(code, arguments, head) for _ in range(runs)]
    medians = {key: statistics.median(r[key] for r in results) for key in results[0]}
    medians["exit"] = max(r["exit"] for r in results)
    return medians


def main() -> None:
    """Make the files, run each command `--runs` times per checkout, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--turns", type=int, default=9_000)
    parser.add_argument("--before", type=Path, help="another checkout to measure alike")
    args = parser.parse_args()
    checkouts = {"this": ROOT} | ({"before": args.before.resolve()} if args.before else {})
    print(f"load before: {os.getloadavg()}")
    print()
    print("| file | code | command | CPU s | peak RSS MB | first byte s | end s | bytes | exit |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for many in (False, True):
            text = briefing(args.turns, many)
            path = Path(folder) / ("many-outlets.txt" if many else "briefing.txt")
            path.write_text(text, encoding="utf-8")
            name = f"{path.name} ({len(text.encode()) / 1e6:.2f} MB, {args.turns:,} turns)"
            commands = {
                "parse": (["parse", str(path)], False),
                "parse \\| head -1": (["parse", str(path)], True),
                "parse --json": (["parse", "--json", str(path)], False),
            }
            for label, code in checkouts.items():
                if many and label == "before":
                    continue  # there a parse alone took minutes (label variants, issue 15)
                for command, (arguments, head) in commands.items():
                    r = measure(code, arguments, head, args.runs)
                    print(
                        f"| {name} | {label} | {command} | {r['cpu']:.2f} | {r['rss']:.0f} | "
                        f"{r['first']:.2f} | {r['wall']:.2f} | {r['bytes']:,.0f} | "
                        f"{r['exit']:.0f} |",
                        flush=True,
                    )
    print()
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
