"""Parse once (issue 14): building, reading the library from the index, and opening the app.

In one run, on `synth.py`'s libraries (25 turns a file), each figure the median of --runs
fresh processes:

* build, 10k turns: `LibraryIndex.update` into a new index folder (worker processes, as
  `pressroom index` does): wall time, turns/s, and CPU per turn of the process and its
  workers — parsing, figures and the kept parse included; next to SQLite FTS5 in the same
  run (parse the library, insert every turn: CPU per turn).
* `pressroom stats --json`, `kwic patent --json` and `ledger --json` at 10k turns, and
  `ledger --json` at 100k, with the index's kept parse (and once without it, for the ratio).
* the app (headless, `App.run_test`, 160×48) on a 1,000-file library: the first open (no
  index) — first briefing on screen, every briefing read, index ready — and the second.

    python benchmarks/parse_once.py --runs 3

Libraries and indexes go under benchmarks/data/ (git-ignored). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
#: The source tree the measured processes run (--code: another one, e.g. a checkout of
#: the commit before a change, for a "before" figure measured in the same session).
CODE = ROOT

from benchmarks.synth import DATA, generate  # noqa: E402

BUILD_SCRIPT = """
import json, resource, sys, time
from pathlib import Path
from search_index.index import LibraryIndex

def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

c0, t0 = cpu(), time.perf_counter()
with LibraryIndex.open(Path(sys.argv[2])) as index:
    index.update([Path(sys.argv[1])])
    turns = index.turn_count
print(json.dumps({"wall": time.perf_counter() - t0, "cpu": cpu() - c0, "turns": turns}))
"""

FTS5_SCRIPT = """
import json, resource, sqlite3, sys, time
from pathlib import Path
from search_index.library import load_library

def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime

c0, t0 = cpu(), time.perf_counter()
transcripts = load_library([Path(sys.argv[1])]).transcripts
parse_cpu = cpu() - c0
db = sqlite3.connect(sys.argv[2])
db.execute(
    "CREATE VIRTUAL TABLE turns USING fts5(transcript UNINDEXED, turn UNINDEXED, speaker, "
    "asker, date UNINDEXED, text, tokenize='porter unicode61')"
)
rows = []
for t in transcripts:
    askers = {i: ex.asker for ex in t.exchanges for i in (ex.question_turn, *ex.answer_turns)}
    date = t.date.isoformat() if t.date else None
    for turn in t.turns:
        rows.append((t.id, turn.index, turn.speaker, askers.get(turn.index), date, turn.text))
db.executemany("INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?)", rows)
db.commit()
print(json.dumps({"wall": time.perf_counter() - t0, "cpu": cpu() - c0, "parse_cpu": parse_cpu,
                  "turns": len(rows)}))
"""

APP_SCRIPT = """
import asyncio, json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from tui.app import PressroomApp
from tui.screens.main import MainScreen

async def main():
    app = PressroomApp([Path(sys.argv[1])], index_dir=Path(sys.argv[2]))
    out = {}
    async with app.run_test(size=(160, 48)) as pilot:
        while True:
            await asyncio.sleep(0.02)
            now = time.perf_counter() - t0
            screen = app.screen
            if not isinstance(screen, MainScreen):
                continue
            if "first" not in out and screen.library is not None:
                out["first"] = now
            if "library" not in out and screen.library is not None and not screen.reading_library:
                out["library"] = now
                out["briefings"] = len(screen.library.outlines)
            if "index" not in out and screen.index is not None:
                out["index"] = now
                out["hits"] = screen.index.search("patent").total
            if "library" in out and "index" in out:
                break
            if now > 600:
                raise SystemExit("timed out")
        await pilot.press("q")
    print(json.dumps(out))

asyncio.run(main())
"""


def run_json(
    argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> dict[str, Any]:
    done = subprocess.run(
        argv, capture_output=True, text=True, check=True, cwd=cwd or CODE, env=env or _env()
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _env(home: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(CODE)
    if home is not None:
        env.update(
            {
                "XDG_DATA_HOME": str(home / "data"),
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_CACHE_HOME": str(home / "cache"),
                "PRESSROOM_INDEX_DIR": str(home / "default-index"),
            }
        )
    return env


def timed_command(argv: list[str], code: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one pressroom command (output to /dev/null), run from the
    source tree `code` (default `CODE`)."""
    import resource

    code = code or CODE
    env = _env()
    env["PYTHONPATH"] = str(code)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    with open(os.devnull, "w") as sink:
        subprocess.run(
            [sys.executable, "-m", "tui", *argv], stdout=sink, check=True, cwd=code, env=env
        )
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def median(values: list[float]) -> float:
    return statistics.median(values)


def build(library: Path, where: Path, runs: int) -> tuple[dict[str, float], Path]:
    """Median build of `library` into fresh index folders; the last index is kept."""
    results = []
    index_dir = where / "index"
    for _ in range(runs):
        shutil.rmtree(index_dir, ignore_errors=True)
        results.append(run_json([sys.executable, "-c", BUILD_SCRIPT, str(library), str(index_dir)]))
    turns = results[0]["turns"]
    return {
        "turns": turns,
        "wall": median([r["wall"] for r in results]),
        "cpu_ms_per_turn": median([r["cpu"] for r in results]) / turns * 1000,
        "turns_per_s": turns / median([r["wall"] for r in results]),
    }, index_dir


def fts5(library: Path, where: Path, runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        path = where / "fts5.sqlite"
        path.unlink(missing_ok=True)
        results.append(run_json([sys.executable, "-c", FTS5_SCRIPT, str(library), str(path)]))
    turns = results[0]["turns"]
    return {
        "cpu_ms_per_turn": median([r["cpu"] for r in results]) / turns * 1000,
        "parse_cpu_ms_per_turn": median([r["parse_cpu"] for r in results]) / turns * 1000,
        "turns_per_s": turns / median([r["wall"] for r in results]),
    }


def command(argv: list[str], runs: int) -> dict[str, float]:
    times = [timed_command(argv) for _ in range(runs)]
    return {"wall": median([w for w, _ in times]), "cpu": median([c for _, c in times])}


def app_open(
    library: Path, index_dir: Path, home: Path, code: Path | None = None
) -> dict[str, Any]:
    env = _env(home)
    env["PYTHONPATH"] = str(code or CODE)
    return run_json(
        [sys.executable, "-c", APP_SCRIPT, str(library), str(index_dir)], env=env, cwd=code
    )


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--parts",
        default="build,insights,ledger100k,app",
        help="comma-separated: build (10k, and FTS5), insights (10k; insights-kept: only "
        "from the index), ledger100k, app (app-second: only the second opens, on the index "
        "an earlier run left)",
    )
    parser.add_argument("--app-runs", type=int, default=None, help="default: --runs")
    parser.add_argument(
        "--code",
        type=Path,
        default=None,
        help="run pressroom from this source tree (holding search_index/ and tui/) instead "
        "of this checkout; give it its own --work folder (entries differ between versions)",
    )
    parser.add_argument(
        "--against",
        type=Path,
        default=None,
        help="with insights-kept: also time each command from this source tree, round by "
        "round in turn with this checkout (its indexes under --against-work)",
    )
    parser.add_argument("--against-work", default="parse-once-base")
    parser.add_argument(
        "--work",
        default="parse-once",
        help="the folder under benchmarks/data/ for the indexes (default parse-once)",
    )
    args = parser.parse_args()
    global CODE
    if args.code is not None:
        CODE = args.code.resolve()
    runs = args.runs
    parts = set(args.parts.split(","))
    work = DATA / args.work
    work.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []

    def say(line: str) -> None:
        print(line, flush=True)
        lines.append(line)

    say(f"date {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs")
    say(f"code: {'this checkout' if CODE == ROOT else CODE.name}, work folder {work.name}")
    say(f"load before: {load()}")
    lib10k = generate(10000)
    index10k = work / "10k" / "index"
    if "build" in parts or not (index10k / "manifest.json").exists():
        built, index10k = build(lib10k, work / "10k", runs)
        say(f"build 10k: {json.dumps(built)} (load {load()})")
    if "build" in parts:
        ref = fts5(lib10k, work, runs)
        say(f"fts5 10k: {json.dumps(ref)} (load {load()})")
    none = ["--index-dir", str(work / "no-index")]
    kept = ["--index-dir", str(index10k)]
    insights = [
        ("stats", ["stats"]),
        ("kwic", ["kwic", "patent"]),
        ("ledger", ["ledger"]),
    ]
    # insights-kept: only the runs from the index (after one run that rewrites entries
    # a code change made stale).
    against = args.against.resolve() if args.against is not None else None
    other = ["--index-dir", str(DATA / args.against_work / "10k" / "index")]
    for name, argv in insights if parts & {"insights", "insights-kept"} else []:
        command([*argv, "--json", *kept], 1)
        if against is not None:
            timed_command([*argv, "--json", *other], against)
            ours: list[tuple[float, float]] = []
            theirs: list[tuple[float, float]] = []
            for _ in range(runs):  # in turn, so that both see the same load
                ours.append(timed_command([*argv, "--json", *kept]))
                theirs.append(timed_command([*argv, "--json", *other], against))
            for who, times in (("this checkout", ours), (against.name, theirs)):
                figure = {
                    "wall": median([w for w, _ in times]),
                    "cpu": median([c for _, c in times]),
                }
                say(f"{name} 10k from the index, {who}: {json.dumps(figure)} (load {load()})")
            continue
        from_index = command([*argv, "--json", *kept], runs)
        say(f"{name} 10k from the index: {json.dumps(from_index)} (load {load()})")
        if "insights" in parts:
            parsed = command([*argv, str(lib10k), "--json", *none], 1)
            say(f"{name} 10k parsing every file: {json.dumps(parsed)} (load {load()})")
    if "ledger100k" in parts:
        lib100k = generate(100000)
        index100k = work / "100k" / "index"
        if not (index100k / "manifest.json").exists():
            done, index100k = build(lib100k, work / "100k", 1)
            say(f"build 100k (once): {json.dumps(done)} (load {load()})")
        ledger = command(["ledger", "--json", "--index-dir", str(index100k)], runs)
        say(f"ledger 100k from the index: {json.dumps(ledger)} (load {load()})")
    lib1k = generate(25000)
    firsts: list[dict[str, Any]] = []
    seconds: list[dict[str, Any]] = []
    app_runs = args.app_runs or runs
    for number in range(app_runs if "app" in parts else 0):
        home = work / f"app-{number}"
        shutil.rmtree(home, ignore_errors=True)
        firsts.append(app_open(lib1k, home / "index", home))
        say(f"app first open, 1,000 files: {json.dumps(firsts[-1])} (load {load()})")
    if "app-second" in parts and not firsts:
        firsts = [{}]  # the second opens only: on the index of an earlier first open
        if not (work / "app-0" / "index" / "manifest.json").exists():
            raise SystemExit("app-second: no index of an earlier first open (run --parts app)")
        app_open(lib1k, work / "app-0" / "index", work / "app-0")  # rewrites stale entries
    theirs_opened: list[dict[str, Any]] = []
    for _number in range(runs if firsts else 0):
        home = work / "app-0"
        seconds.append(app_open(lib1k, home / "index", home))
        say(f"app second open, 1,000 files: {json.dumps(seconds[-1])} (load {load()})")
        if against is not None:  # in turn, so that both see the same load
            theirs_home = DATA / args.against_work / "app-0"
            theirs_opened.append(app_open(lib1k, theirs_home / "index", theirs_home, against))
            say(f"app second open, {against.name}: {json.dumps(theirs_opened[-1])} (load {load()})")
    if theirs_opened:
        say(
            f"app second open medians, {against.name}: first briefing "
            f"{median([o['first'] for o in theirs_opened]):.2f} s, library "
            f"{median([o['library'] for o in theirs_opened]):.2f} s, index ready "
            f"{median([o['index'] for o in theirs_opened]):.2f} s"
        )
    for name, opened in (("first", firsts), ("second", seconds)) if firsts else ():
        if not opened[0]:
            continue
        say(
            f"app {name} open medians: first briefing {median([o['first'] for o in opened]):.2f} s"
            f", library {median([o['library'] for o in opened]):.2f} s"
            f", index ready {median([o['index'] for o in opened]):.2f} s"
        )
    say(f"load after: {load()}")


if __name__ == "__main__":
    main()
