"""Crash test: `kill -9` of `pressroom index` at random moments, and what the next run finds.

A library of 5,000 synthetic briefings (benchmarks/synth.py) is indexed, and `pressroom
index` is killed with SIGKILL at random moments of the build; then the library is changed
(edits, deletions, new files, files replaced by folders) and the incremental update is
killed the same way. After each kill:

- the killed run's worker processes must be gone (how long they took is reported);
- the next run is started with `--wait 0`: it must get the lock at once, never report
  "another pressroom process is updating the index";

and when the last run of each phase has finished, the index must answer a set of queries
exactly as a clean build of the same library does (totals, hits, scores, snippets), hold
the same turns from the same files, and keep no file of an abandoned segment.

    python benchmarks/crash.py                      # 5,000 files, 10 + 10 kills
    python benchmarks/crash.py --files 400 --kills 3 --write

Data goes under benchmarks/data/ (git-ignored). Takes about an hour on 2 busy cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.results_file import write_section
from benchmarks.synth import DATA, Generator, generate
from search_index.index import LibraryIndex
from search_index.index.folder import INDEX_NAME, STORE_NAME, is_whoosh_file
from search_index.index.opening import live_segments

SECTION = "## Crash test"
TURNS_PER_FILE = 33
QUERIES = (
    "patent",
    "intellectual property",
    '"intellectual property"',
    "copyright OR trademark",
    "financ*",
    "trade -foreign",
    "speaker:shen patent",
    "asker:reuters",
    "kind:press innovation",
    "date:[2021-01-01 TO 2021-06-30] employment",
    "figure:percent",
    "growth",
)
BUSY = "another pressroom process is updating"


@dataclass
class Kill:
    """One run killed, and what followed."""

    phase: str
    at: float
    landed: bool
    workers: int
    workers_gone_s: float | None
    next_run_waited: bool = False


@dataclass
class Phase:
    """One phase (build or update): its kills and the final comparison."""

    name: str
    reference_s: float = 0.0
    kills: list[Kill] = field(default_factory=list)
    final_s: float = 0.0
    equal: bool = False
    differences: list[str] = field(default_factory=list)
    turns: int = 0
    files: int = 0
    stray_files: list[str] = field(default_factory=list)
    parsed_problems: list[str] = field(default_factory=list)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def index_command(lib: Path, index_dir: Path) -> list[str]:
    return [sys.executable, "-m", "tui", "index", str(lib), "--index-dir", str(index_dir)]


def run_to_end(lib: Path, index_dir: Path, log: Path) -> tuple[float, str]:
    """One `pressroom index --wait 0` run to its end: (seconds, stderr)."""
    began = time.perf_counter()
    with log.open("w") as out:
        done = subprocess.run(
            [*index_command(lib, index_dir), "--wait", "0"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"pressroom index failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, done.stderr


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def kill_at(lib: Path, index_dir: Path, at: float, phase: str, log: Path) -> Kill:
    """Start `pressroom index --wait 0`, SIGKILL it `at` seconds later (or when it ends)."""
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*index_command(lib, index_dir), "--wait", "0"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        began = time.monotonic()
        workers: set[int] = set()
        while time.monotonic() - began < at and proc.poll() is None:
            workers.update(children_of(proc.pid))
            time.sleep(0.05)
        workers.update(children_of(proc.pid))
        landed = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    killed = time.monotonic()
    gone_after: float | None = None
    while time.monotonic() - killed < 60:
        if not any(running(pid) for pid in workers):
            gone_after = time.monotonic() - killed
            break
        time.sleep(0.02)
    waited = BUSY in log.read_text(errors="replace")
    return Kill(phase, round(at, 2), landed, len(workers), gone_after, next_run_waited=waited)


def answers(index_dir: Path) -> dict[str, Any]:
    with LibraryIndex.open(index_dir, create=False) as index:
        found: dict[str, Any] = {
            "turns": index.turn_count,
            "sources": [str(p) for p in index.sources()],
        }
        for query in QUERIES:
            # Every hit: a cut would keep an arbitrary few of the turns tied at its score
            # (Whoosh breaks ties by document number, which differs from build to build).
            total = index.search(query, limit=1, snippets=0, time_limit=None).total
            results = index.search(
                query, limit=max(1, total), snippets=max(1, total), time_limit=None
            )
            hits = sorted(
                ((-hit.score, hit.source, hit.turn), hit.model_dump(mode="json"))
                for hit in results.hits
            )
            found[query] = (results.total, [hit for _key, hit in hits])
    return found


def compare(phase: Phase, index_dir: Path, clean_dir: Path) -> None:
    ours, clean = answers(index_dir), answers(clean_dir)
    phase.turns, phase.files = int(ours["turns"]), len(ours["sources"])
    phase.differences = [key for key in clean if ours.get(key) != clean[key]]
    phase.equal = not phase.differences
    from whoosh.index import open_dir

    segments = live_segments(open_dir(str(index_dir / STORE_NAME), indexname=INDEX_NAME))
    phase.parsed_problems = check_parsed(index_dir)
    phase.stray_files = sorted(
        p.name
        for p in (index_dir / STORE_NAME).iterdir()
        if is_whoosh_file(p.name)
        and p.name.startswith("turns_")
        and p.name.split(".")[0] not in segments
        and "WRITELOCK" not in p.name
    )


def check_parsed(index_dir: Path, sample: int = 25) -> list[str]:
    """What is wrong with the parsed transcripts kept beside the index: an entry for every
    content the manifest lists as indexed and for nothing else, each one readable, and a
    sample of them equal to a fresh parse of their file."""
    from search_index.figures import figures_of_transcript
    from search_index.index.manifest import load_manifest
    from search_index.index.parsed import ParsedStore
    from search_index.library import load_one

    manifest = load_manifest(index_dir)
    assert manifest is not None
    indexed = {e.hash: src for src, e in manifest.sources.items() if not e.skipped and e.hash}
    store = ParsedStore(index_dir)
    kept = store.digests()
    problems = [f"no entry for {indexed[d]}" for d in sorted(set(indexed) - kept)]
    problems += [f"entry {d[:12]} of no indexed file" for d in sorted(kept - set(indexed))]
    for number, digest in enumerate(sorted(set(indexed) & kept)):
        entry = store.read(digest, indexed[digest], figures=number < sample)
        if entry is None:
            problems.append(f"entry of {indexed[digest]} cannot be read")
        elif number < sample:
            fresh = load_one(Path(indexed[digest]))
            if entry.transcript != fresh or list(entry.figures or ()) != figures_of_transcript(
                fresh
            ):
                problems.append(f"entry of {indexed[digest]} differs from a fresh parse")
    return problems


def change_library(lib: Path, rng: random.Random, files: int) -> str:
    """Edit, delete, add and fold files of the library; a line saying what was done."""
    # Files only: a file replaced by a folder keeps its name ("briefing-03422.txt/").
    existing = sorted(path for path in lib.rglob("*.txt") if path.is_file())
    generator = Generator(seed=rng.randrange(1 << 30))
    edits = rng.sample(existing, k=max(1, files // 50))
    rest = [p for p in existing if p not in edits]
    deletions = rng.sample(rest, k=max(1, files // 100))
    rest = [p for p in rest if p not in deletions]
    folders = rng.sample(rest, k=max(1, files // 1000))
    for number, path in enumerate(edits):
        path.write_text(generator.briefing(TURNS_PER_FILE, 90_000 + number), encoding="utf-8")
    for path in deletions:
        path.unlink()
    for number, path in enumerate(folders):
        path.unlink()
        path.mkdir()
        (path / "inside.txt").write_text(
            generator.briefing(TURNS_PER_FILE, 95_000 + number), encoding="utf-8"
        )
    added = lib / "added"
    added.mkdir(exist_ok=True)
    first = len(list(added.iterdir()))  # new names: an earlier one may be a folder now
    for number in range(first, first + max(1, files // 50)):
        (added / f"new-{number:05d}.txt").write_text(
            generator.briefing(TURNS_PER_FILE, 80_000 + number), encoding="utf-8"
        )
    return (
        f"{len(edits)} edited, {len(deletions)} deleted, {max(1, files // 50)} added, "
        f"{len(folders)} replaced by a folder holding a new briefing"
    )


def run_phase(
    phase: Phase,
    lib: Path,
    index_dir: Path,
    kills: int,
    rng: random.Random,
    work: Path,
    more_work: Any,
) -> None:
    """Kill `kills` runs mid-way; a run that ends before its kill does not count, and
    `more_work()` gives the next run something to do again."""
    tries = 0
    while sum(k.landed for k in phase.kills) < kills and tries < 3 * kills:
        tries += 1
        at = rng.uniform(0.3, phase.reference_s)
        kill = kill_at(lib, index_dir, at, phase.name, work / f"{phase.name}-kill-{tries}.log")
        phase.kills.append(kill)
        gone = "—" if kill.workers_gone_s is None else f"{kill.workers_gone_s:.2f} s"
        print(
            f"  kill at {at:.1f} s{'' if kill.landed else ' (the run had ended)'}: "
            f"{kill.workers} child process(es), gone after {gone}; load {load()}"
        )
        if not kill.landed:
            more_work()
    phase.final_s, _ = run_to_end(lib, index_dir, work / f"{phase.name}-final.log")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=5_000, help="briefings in the library")
    parser.add_argument("--kills", type=int, default=10, help="kills in each phase")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--write", action="store_true", help="write into RESULTS.md")
    parser.add_argument(
        "--update-only",
        action="store_true",
        help="run the update phase alone, on the library and index an earlier run left in "
        "benchmarks/data/crash-FILES (that run's output has its build phase); not with --write",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = DATA / f"crash-{args.files}"
    lib = work / "lib"
    if args.update_only:
        if args.write:
            raise SystemExit("--update-only prints its phase; it does not write RESULTS.md")
        if not (lib.is_dir() and (work / "index").is_dir()):
            raise SystemExit(f"--update-only: no library and index of an earlier run in {work}")
        update_phase(args, rng, work, lib, dt.datetime.now().astimezone(), [load()], [])
        return
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(generate(args.files * TURNS_PER_FILE, per_file=TURNS_PER_FILE), lib)
    (lib / ".complete").unlink(missing_ok=True)
    started = dt.datetime.now().astimezone()
    loads = [load()]
    print(f"library: {args.files} files at {lib}; load {loads[0]}")

    build = Phase("build")
    build.reference_s, _ = run_to_end(lib, work / "clean-build", work / "clean-build.log")
    print(f"clean build: {build.reference_s:.0f} s; load {load()}")
    run_phase(
        build,
        lib,
        work / "index",
        args.kills,
        rng,
        work,
        lambda: shutil.rmtree(work / "index"),  # built: start the build again
    )
    compare(build, work / "index", work / "clean-build")
    loads.append(load())
    print(f"build phase: equal to a clean build: {build.equal} {build.differences}")
    print(f"build phase: parsed transcripts: {build.parsed_problems or 'in step'}")
    update_phase(args, rng, work, lib, started, loads, [build])


def update_phase(
    args: argparse.Namespace,
    rng: random.Random,
    work: Path,
    lib: Path,
    started: dt.datetime,
    loads: list[str],
    phases: list[Phase],
) -> None:
    """Change the library, kill its incremental updates, compare with a clean build; then
    print (and with --write, write) the section of every phase run."""
    update = Phase("update")
    changes = change_library(lib, rng, args.files)
    probe = work / "probe"
    shutil.rmtree(probe, ignore_errors=True)
    shutil.copytree(work / "index", probe)
    update.reference_s, _ = run_to_end(lib, probe, work / "probe.log")
    shutil.rmtree(probe)
    print(f"library changed: {changes}; an uninterrupted update takes {update.reference_s:.1f} s")
    extra: list[str] = []
    run_phase(
        update,
        lib,
        work / "index",
        args.kills,
        rng,
        work,
        lambda: extra.append(change_library(lib, rng, args.files)),  # updated: change more
    )
    if extra:
        changes += f"; changed again after each update that ended before its kill ({len(extra)})"
    shutil.rmtree(work / "clean-update", ignore_errors=True)
    run_to_end(lib, work / "clean-update", work / "clean-update.log")
    compare(update, work / "index", work / "clean-update")
    loads.append(load())
    print(f"update phase: equal to a clean build: {update.equal} {update.differences}")
    print(f"update phase: parsed transcripts: {update.parsed_problems or 'in step'}")

    section = render(args, started, loads, changes, [*phases, update])
    print(section)
    if args.write:
        write_section(SECTION, section)


def render(
    args: argparse.Namespace,
    started: dt.datetime,
    loads: list[str],
    changes: str,
    phases: list[Phase],
) -> str:
    kills = [kill for phase in phases for kill in phase.kills]
    gone = [k.workers_gone_s for k in kills if k.workers and k.workers_gone_s is not None]
    lines = [
        SECTION,
        "",
        f"Measured {started:%Y-%m-%d} on {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}. Command: "
        f"`python benchmarks/crash.py --files {args.files} --kills {args.kills} "
        f"--seed {args.seed} --write`. One-minute load average at the start, after the "
        f"build phase and at the end: {' → '.join(loads)} (the cores are shared).",
        "",
        f"A library of {args.files:,} synthetic briefings of {TURNS_PER_FILE} turns "
        f"(`benchmarks/synth.py`) is indexed by `pressroom index`, which is killed with "
        f"SIGKILL at {args.kills} random moments between its start and its expected end "
        "(a run that ends first does not count: the index is removed and the build "
        "starts again); "
        f"then the library is changed ({changes}) and the incremental update is killed "
        f"{args.kills} times the same way. Every run after a kill is started with "
        "`--wait 0`; the last run of each phase is left to finish and the index is "
        "compared with a clean build of the same library: turn count, source files, and "
        f"{len(QUERIES)} queries' totals and hits with scores and snippets.",
        "",
        "| phase | uninterrupted run s | kills (that landed) | runs that found the lock held | "
        "kills with child processes | children gone after (max) s | last run s | turns | "
        "files | equal to a clean build | abandoned segment files left | "
        "parsed transcripts kept in step |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for phase in phases:
        with_workers = [k for k in phase.kills if k.workers]
        slowest = max((k.workers_gone_s or 0.0 for k in with_workers), default=0.0)
        not_gone = sum(1 for k in with_workers if k.workers_gone_s is None)
        lines.append(
            f"| {phase.name} | {phase.reference_s:.1f} | {len(phase.kills)} "
            f"({sum(k.landed for k in phase.kills)}) | "
            f"{sum(k.next_run_waited for k in phase.kills)} | {len(with_workers)} | "
            f"{slowest:.2f}{f' ({not_gone} never)' if not_gone else ''} | "
            f"{phase.final_s:.1f} | {phase.turns:,} | {phase.files:,} | "
            f"{'yes' if phase.equal else 'no: ' + ', '.join(phase.differences)} | "
            f"{len(phase.stray_files)} | "
            f"{'; '.join(phase.parsed_problems[:3]) or 'yes'} |"
        )
    lines += [
        "",
        "Kill moments (s after the start) and worker exit times: "
        + "; ".join(
            f"{k.phase} {k.at:g}"
            + (
                f" ({k.workers} children, gone in {k.workers_gone_s:.2f})"
                if k.workers and k.workers_gone_s is not None
                else ""
            )
            for k in kills
        )
        + ".",
        "",
        f"Child processes (two indexing workers and multiprocessing's resource tracker) were "
        f"running at {len(gone)} of the {len(kills)} kills (they start once a run has "
        "planned its work and found 40 files or more to index); each time every one of "
        "them was gone within the time shown, and no run after a kill found the lock held."
        if gone and not any(k.next_run_waited for k in kills)
        else "See the table: a kill left a worker running or the lock held.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
