"""The long fuzz run: mutated real transcripts and queries, every output checked.

    python benchmarks/fuzz.py                      # 10,000 inputs, 2,000 queries, seed 1
    python benchmarks/fuzz.py --inputs 500 --queries 200 --seed 7

Inputs are real briefings (the bundled sample and every fixture in tests/data) after up
to five mutations from tests/support/fuzzing.py — escapes by every route, Rich markup,
repeated figures, alias-bomb and deep front matter, deep HTML, other encodings, cut and
repeated passages; 2% are first grown towards 100 KB–1 MB. Input N is made from
`random.Random(seed * 1_000_003 + N)`, so any input can be made again from its number.

Each input runs in a forked child (two at a time) under a 3 GB address-space cap: parse
and figure extraction are timed in CPU seconds, one input in 20 under 100 KB and one in 3
larger ones is also indexed (Whoosh, a fresh index), and a regex floor — one pass of
`\\w+` over the decoded text — is timed as the same-run reference. Then every output of
parse, figures, cite, stats, ledger, kwic and export is rendered (the Rich tables for one
input in 10 under 100 KB — Rich takes seconds to lay out thousands of rows; JSON, CSV,
Markdown and citations for all) and searched for control characters. The child's peak
RSS comes from wait4(); the table gives it above the baseline of a child that does
nothing (which over-states: it includes library pages the child maps again).

A failure is any exception but the project's one-line errors, a refusal over more than
one line, a control character in an output, or a child killed by the cap. Each failing
input is saved (--failures, default a temporary folder) with its traceback.

Queries (mutated from the query language's forms, with typos, brackets, repetition and
control characters) run against an index of the same real briefings: each parses and
searches, or is refused with a QueryError; the JSON of the hits and the note are checked.

Nothing is written into the project; copy the printed section into RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search_index.errors import PressroomError, QueryError  # noqa: E402
from tests.support.fuzzing import (  # noqa: E402
    CONTROL,
    base_transcripts,
    mutated_input,
    mutated_query,
    parse_input,
    render_everything,
)

BANDS = ((10_000, "< 10 KB"), (100_000, "10–100 KB"), (1_000_000, "100 KB–1 MB"), (None, "≥ 1 MB"))
MEMORY_CAP = 3 * 2**30
CPU_CAP = 300
TABLES_BELOW = 100_000
#: The share of inputs grown towards 100 KB–1 MB before they are mutated.
GROW = 0.02


def band_of(size: int) -> str:
    for limit, name in BANDS:
        if limit is None or size < limit:
            return name
    raise AssertionError


# --- one input, in a child ---------------------------------------------------------


def run_input(number: int, seed: int, bases: list[tuple[str, str]], out: Path) -> None:
    """Make input `number`, exercise it, write what happened to `out` (JSON)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_CAP, CPU_CAP))
    rng = random.Random(seed * 1_000_003 + number)
    name, data = mutated_input(bases, rng, max_edits=5, grow=GROW)
    result: dict[str, Any] = {"number": number, "name": name, "size": len(data), "problems": []}
    try:
        _exercise(name, data, number, result)
    except Exception:
        result["problems"].append("traceback: " + traceback.format_exc())
    out.write_text(json.dumps(result), encoding="utf-8")


def _exercise(name: str, data: bytes, number: int, result: dict[str, Any]) -> None:
    from search_index.figures import figures_of_transcript
    from search_index.parser.decoding import decode_bytes

    start = time.process_time()
    try:
        text = decode_bytes(data, name).text
    except PressroomError:
        text = data.decode("utf-8", "replace")
    floor_start = time.process_time()
    re.findall(r"\w+", text)
    result["floor_cpu"] = time.process_time() - floor_start

    start = time.process_time()
    parsed = parse_input(data, name)
    figures = [] if isinstance(parsed, str) else figures_of_transcript(parsed)
    result["parse_cpu"] = time.process_time() - start
    if isinstance(parsed, str):
        result["refused"] = parsed
        if "\n" in parsed:
            result["problems"].append(f"refusal on more than one line: {parsed!r}")
        if CONTROL.search(parsed):
            result["problems"].append(f"control character in refusal: {parsed!r}")
        return
    result["turns"] = len(parsed.turns)
    result["figures"] = len(figures)
    if number % (3 if len(data) >= TABLES_BELOW else 20) == 0:
        result["index_cpu"] = _index(name, data)
    outputs = render_everything(parsed, tables=len(data) < TABLES_BELOW and number % 10 == 0)
    for output, text in outputs.items():
        for match in CONTROL.finditer(text):
            context = text[max(match.start() - 20, 0) : match.end() + 20]
            result["problems"].append(f"control character in {output}: {context!r}")
            break


def _index(name: str, data: bytes) -> float:
    from search_index.controls import without_controls
    from search_index.index import LibraryIndex

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (without_controls(name).replace("/", "_") or "input.txt")
        path.write_bytes(data)
        start = time.process_time()
        with LibraryIndex.open(Path(folder) / "index") as index:
            index.update([path])
        return time.process_time() - start


# --- the parent: two children at a time --------------------------------------------


@dataclass
class Band:
    inputs: int = 0
    refused: int = 0
    indexed: int = 0
    worst_parse: float = 0.0
    worst_parse_input: int = -1
    worst_floor: float = 0.0
    worst_index: float = 0.0
    worst_rss_mb: float = 0.0
    worst_rss_input: int = -1
    largest: int = 0


@dataclass
class Tally:
    bands: dict[str, Band] = field(default_factory=lambda: {name: Band() for _, name in BANDS})
    failures: list[dict[str, Any]] = field(default_factory=list)


def run_inputs(count: int, seed: int, workers: int, failures: Path) -> tuple[Tally, float]:
    bases = base_transcripts()
    scratch = Path(tempfile.mkdtemp(prefix="pressroom-fuzz-"))
    # Import and warm up everything in the parent: a child's memory then counts the input.
    warm = parse_input(bases[0][1].encode("utf-8"), bases[0][0])
    assert not isinstance(warm, str)
    render_everything(warm)
    _index(bases[1][0], bases[1][1].encode("utf-8"))
    baseline = _baseline_rss(scratch)
    tally = Tally()
    running: dict[int, int] = {}
    next_number = 0
    done = 0
    began = time.monotonic()
    while done < count:
        while next_number < count and len(running) < workers:
            out = scratch / f"{next_number}.json"
            pid = os.fork()
            if pid == 0:  # the child
                try:
                    run_input(next_number, seed, bases, out)
                finally:
                    os._exit(0)
            running[pid] = next_number
            next_number += 1
        pid, status, usage = os.wait4(-1, 0)
        number = running.pop(pid)
        done += 1
        _record(tally, number, status, usage, baseline, scratch, seed, bases, failures)
        if done % 500 == 0:
            elapsed = time.monotonic() - began
            print(f"  {done}/{count} inputs, {elapsed:.0f} s", file=sys.stderr, flush=True)
    return tally, baseline


def _baseline_rss(scratch: Path) -> float:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_maxrss / 1024


def _record(
    tally: Tally,
    number: int,
    status: int,
    usage: Any,
    baseline: float,
    scratch: Path,
    seed: int,
    bases: list[tuple[str, str]],
    failures: Path,
) -> None:
    out = scratch / f"{number}.json"
    if out.exists():
        result = json.loads(out.read_text(encoding="utf-8"))
        out.unlink()
    else:
        rng = random.Random(seed * 1_000_003 + number)
        name, data = mutated_input(bases, rng, max_edits=5, grow=GROW)
        signal = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        result = {
            "number": number,
            "name": name,
            "size": len(data),
            "problems": [f"child ended without a result (status {status}, signal {signal})"],
        }
    band = tally.bands[band_of(result["size"])]
    band.inputs += 1
    band.largest = max(band.largest, result["size"])
    band.refused += "refused" in result
    rss = usage.ru_maxrss / 1024 - baseline
    if rss > band.worst_rss_mb:
        band.worst_rss_mb, band.worst_rss_input = rss, number
    if result.get("parse_cpu", 0) > band.worst_parse:
        band.worst_parse, band.worst_parse_input = result["parse_cpu"], number
    band.worst_floor = max(band.worst_floor, result.get("floor_cpu", 0))
    if "index_cpu" in result:
        band.indexed += 1
        band.worst_index = max(band.worst_index, result["index_cpu"])
    if result["problems"]:
        tally.failures.append(result)
        failures.mkdir(parents=True, exist_ok=True)
        rng = random.Random(seed * 1_000_003 + number)
        _, data = mutated_input(bases, rng, max_edits=5, grow=GROW)
        (failures / f"input-{number}.bin").write_bytes(data)
        (failures / f"input-{number}.json").write_text(json.dumps(result, indent=2), "utf-8")


# --- queries -----------------------------------------------------------------------


@dataclass
class QueryTally:
    queries: int = 0
    answered: int = 0
    refused: int = 0
    worst_cpu: float = 0.0
    worst_query: str = ""
    failures: list[tuple[str, str]] = field(default_factory=list)


def run_queries(count: int, seed: int) -> QueryTally:
    from search_index.index import LibraryIndex
    from search_index.index.query import parse_query

    tally = QueryTally()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "library"
        library.mkdir()
        for number, (name, text) in enumerate(base_transcripts()):
            (library / f"{number:02d}-{name}").write_text(text, encoding="utf-8")
        with LibraryIndex.open(Path(folder) / "index") as index:
            index.update([library])
            for _ in range(count):
                query = mutated_query(rng)
                tally.queries += 1
                start = time.process_time()
                try:
                    parse_query(query)
                    results = index.search(query, limit=20, snippets=20)
                except QueryError as error:
                    tally.refused += 1
                    if "\n" in str(error) or CONTROL.search(str(error)):
                        tally.failures.append((query, f"refusal: {error!r}"))
                except Exception:
                    tally.failures.append((query, traceback.format_exc()))
                else:
                    tally.answered += 1
                    printed = json.dumps([h.to_json_dict() for h in results.hits])
                    printed = json.loads(printed)  # \\u escapes back to characters
                    if CONTROL.search(json.dumps(printed, ensure_ascii=False)):
                        tally.failures.append((query, "control character in the hits"))
                    if results.note and CONTROL.search(results.note):
                        tally.failures.append(
                            (query, f"control character in note {results.note!r}")
                        )
                finally:
                    spent = time.process_time() - start
                    if spent > tally.worst_cpu:
                        tally.worst_cpu, tally.worst_query = spent, query
    return tally


# --- report ------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description="The long fuzz run (see the module text).")
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--failures", type=Path, default=None)
    args = parser.parse_args()
    failures = args.failures or Path(tempfile.mkdtemp(prefix="pressroom-fuzz-failures-"))
    load_before = os.getloadavg()
    began = time.monotonic()
    tally, baseline = run_inputs(args.inputs, args.seed, args.workers, failures)
    inputs_seconds = time.monotonic() - began
    queries = run_queries(args.queries, args.seed)
    load_after = os.getloadavg()
    total = time.monotonic() - began

    def load(values: tuple[float, float, float]) -> str:
        return " / ".join(f"{v:.2f}" for v in values)

    print(f"## Fuzzing — {dt.date.today().isoformat()}")
    print()
    print(
        f"Machine: {os.cpu_count()} cores ({platform.machine()}), Python "
        f"{platform.python_version()}. Command: `python benchmarks/fuzz.py --inputs "
        f"{args.inputs} --queries {args.queries} --seed {args.seed} --workers {args.workers}`; "
        f"load average (1/5/15 min) {load(load_before)} before, {load(load_after)} after; "
        f"{inputs_seconds / 60:.0f} min for the inputs, {total / 60:.0f} min in all. "
        f"A child that does nothing peaks at {baseline:.0f} MB RSS (the fuzzing process)."
    )
    print()
    failed_inputs = len(tally.failures)
    tracebacks = sum(
        1 for f in tally.failures if any(p.startswith("traceback") for p in f["problems"])
    )
    controls = sum(
        1 for f in tally.failures if any("control character" in p for p in f["problems"])
    )
    print(
        f"Inputs: {args.inputs:,} — failures {failed_inputs}, tracebacks {tracebacks}, "
        f"outputs with control characters {controls}. Queries: {queries.queries:,} — "
        f"{queries.answered:,} answered, {queries.refused:,} refused with a one-line "
        f"QueryError, failures {len(queries.failures)}; worst {queries.worst_cpu:.3f} CPU s "
        f"({queries.worst_query[:60]!r})."
    )
    print()
    print(
        "| input size | inputs | refused (one line) | largest | worst parse + figures CPU s "
        "(input) | regex floor, worst CPU s | indexed | worst index CPU s | worst peak RSS "
        "above baseline MB (input) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for _, name in BANDS:
        band = tally.bands[name]
        if not band.inputs:
            continue
        print(
            f"| {name} | {band.inputs:,} | {band.refused:,} | {band.largest / 1000:,.0f} KB | "
            f"{band.worst_parse:.2f} (#{band.worst_parse_input}) | {band.worst_floor:.3f} | "
            f"{band.indexed:,} | {band.worst_index:.2f} | {band.worst_rss_mb:.0f} "
            f"(#{band.worst_rss_input}) |"
        )
    if tally.failures or queries.failures:
        print()
        print(f"Failures (inputs saved in {failures}):")
        for failure in tally.failures[:50]:
            first = failure["problems"][0].strip().splitlines()
            print(
                f"- input #{failure['number']} {failure['name']!r} ({failure['size']:,} B): "
                f"{first[-1] if first else ''}"
            )
        for query, problem in queries.failures[:50]:
            print(f"- query {query[:80]!r}: {problem.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
