"""Benchmark pressroom's search index against SQLite FTS5 on the same synthetic libraries.

For each size: build time and size, cold open (a fresh process: import, open, first
query), incremental re-index after one changed file, and search latency p50 / p95 over a
fixed mix of 200 queries (terms, phrases, boolean, filters, prefixes) with snippets for the
top 20 hits, then the same for FTS5 (stdlib sqlite3, porter tokenizer, bm25(), snippet()).

    python benchmarks/bench_search.py 1000 10000            # prints a table
    python benchmarks/bench_search.py 1000 10000 100000 --write   # also into RESULTS.md

Generated data and indexes go under benchmarks/data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.results_file import write_section
from benchmarks.search_report import SECTION, render
from benchmarks.synth import DATA, OFFICIALS, OUTLETS, generate
from search_index.index import LibraryIndex
from search_index.library import load_library
from search_index.models import Transcript
from search_index.sample import sample_path

# ---------------------------------------------------------------------- the query mix


def query_mix(count: int = 200, seed: int = 7) -> list[tuple[str, str]]:
    """(kind, query) pairs: the same mix every run, drawn from the sample's vocabulary."""
    rng = random.Random(seed)
    text = sample_path().read_text(encoding="utf-8")
    words = [w.lower() for w in re.findall(r"[A-Za-z]{5,}", text)]
    common = sorted(set(words))
    sentences = re.findall(r"[A-Za-z][A-Za-z ]{20,}", text)
    phrases: list[str] = []
    for sentence in sentences:
        parts = [w for w in sentence.split() if len(w) > 3]
        if len(parts) >= 2:
            i = rng.randrange(len(parts) - 1)
            phrases.append(" ".join(parts[i : i + rng.choice((2, 2, 3))]).lower())
    mix: list[tuple[str, str]] = []
    per = count // 5
    for _ in range(per):
        mix.append(("term", rng.choice(common)))
    for _ in range(per // 2):
        mix.append(("terms", f"{rng.choice(common)} {rng.choice(common)}"))
    for _ in range(per - per // 2):
        op = rng.choice(("OR", "AND", "-"))
        a, b = rng.choice(common), rng.choice(common)
        mix.append(("boolean", f"{a} -{b}" if op == "-" else f"{a} {op} {b}"))
    for _ in range(per):
        mix.append(("phrase", f'"{rng.choice(phrases)}"'))
    for _ in range(per):
        word = rng.choice(common)
        kind = rng.randrange(4)
        if kind == 0:
            mix.append(("filter", f'speaker:"{rng.choice(OFFICIALS)[0]}" {word}'))
        elif kind == 1:
            mix.append(("filter", f'outlet:"{rng.choice(OUTLETS)}" {word}'))
        elif kind == 2:
            mix.append(("filter", f"kind:press {word}"))
        else:
            year = rng.randint(2019, 2024)
            mix.append(("filter", f"date:[{year}-01-01 TO {year}-06-30] {word}"))
    for _ in range(count - len(mix)):
        mix.append(("prefix", rng.choice(common)[: rng.choice((4, 5, 6))] + "*"))
    rng.shuffle(mix)
    return mix


# ---------------------------------------------------------------------- helpers


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) in milliseconds of values in seconds."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k] * 1000


def du(path: Path) -> int:
    """Bytes in a folder."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# ---------------------------------------------------------------------- Whoosh (pressroom)

COLD_SCRIPT = """
import sys, time, json
t0 = time.perf_counter()
from pathlib import Path
from search_index.index import LibraryIndex
t1 = time.perf_counter()
index = LibraryIndex.open(Path(sys.argv[1]), create=False)
t2 = time.perf_counter()
index.search(sys.argv[2])
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "open": t2 - t1, "first_query": t3 - t2}))
"""


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _build_without_figures(library: Path, work: Path) -> tuple[float, float]:
    """Build time with figure extraction switched off: what the figures field costs."""
    from search_index.index import schema

    index_dir = work / "whoosh-nofig"
    shutil.rmtree(index_dir, ignore_errors=True)
    original = schema.FigureAnalyzer.__call__
    schema.FigureAnalyzer.__call__ = lambda self, value, **kwargs: iter(())  # type: ignore[method-assign]
    try:
        cpu0, kids0 = time.process_time(), _children_cpu()
        began = time.perf_counter()
        with LibraryIndex.open(index_dir) as index:
            index.update([library])
        wall = time.perf_counter() - began
        cpu = time.process_time() - cpu0 + _children_cpu() - kids0
    finally:
        schema.FigureAnalyzer.__call__ = original  # type: ignore[method-assign]
        shutil.rmtree(index_dir, ignore_errors=True)
    return wall, cpu


def bench_whoosh(library: Path, work: Path, mix: list[tuple[str, str]]) -> dict[str, Any]:
    """Build, open, re-index and query pressroom's index of `library`."""
    index_dir = work / "whoosh-index"
    if index_dir.exists():
        shutil.rmtree(index_dir)
    out: dict[str, Any] = {}
    cpu0, kids0 = time.process_time(), _children_cpu()
    began = time.perf_counter()
    with LibraryIndex.open(index_dir) as index:
        report = index.update([library])
        out["build_s"] = time.perf_counter() - began
        out["turns"] = index.turn_count
    out["build_cpu_s"] = time.process_time() - cpu0 + _children_cpu() - kids0
    out["size_mb"] = du(index_dir) / 1e6
    out["build_nofig_s"], out["build_nofig_cpu_s"] = _build_without_figures(library, work)

    colds = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", COLD_SCRIPT, str(index_dir), "patent protection"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        colds.append(json.loads(done.stdout))
    out["cold_open_s"] = statistics.median(c["open"] for c in colds)
    out["cold_first_query_s"] = statistics.median(c["first_query"] for c in colds)
    out["cold_import_s"] = statistics.median(c["import"] for c in colds)

    with LibraryIndex.open(index_dir) as index:
        # One changed file: a word added to its first answer.
        changed = sorted(library.rglob("*.txt"))[len(report.added) // 2]
        original = changed.read_bytes()
        changed.write_bytes(original.replace(b"Thank you", b"Thank you kindly", 1) + b"\n")
        began = time.perf_counter()
        inc = index.update([library])
        out["incremental_s"] = time.perf_counter() - began
        assert inc.updated == (changed,) or len(inc.updated) == 1, inc.summary()
        changed.write_bytes(original)
        index.update([library])  # the file as it was
        began = time.perf_counter()
        noop = index.update([library])
        out["unchanged_s"] = time.perf_counter() - began
        assert not noop.changed, noop.summary()
        for _kind, query in mix[:20]:  # warm-up
            index.search(query)
        with_snippets, without, hits, cpu = [], [], [], []
        for _kind, query in mix:
            c0 = time.process_time()
            t0 = time.perf_counter()
            results = index.search(query, limit=100, snippets=20)
            with_snippets.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            hits.append(results.total)
        for _kind, query in mix:
            t0 = time.perf_counter()
            index.search(query, limit=100, snippets=0)
            without.append(time.perf_counter() - t0)
        by_kind: dict[str, list[float]] = {}
        for (kind, _q), seconds in zip(mix, with_snippets, strict=True):
            by_kind.setdefault(kind, []).append(seconds)
    out["p50_ms"], out["p95_ms"] = pct(with_snippets, 50), pct(with_snippets, 95)
    out["p50_cpu_ms"], out["p95_cpu_ms"] = pct(cpu, 50), pct(cpu, 95)
    out["p50_nosnip_ms"], out["p95_nosnip_ms"] = pct(without, 50), pct(without, 95)
    out["p95_by_kind_ms"] = {k: round(pct(v, 95), 1) for k, v in sorted(by_kind.items())}
    out["mean_hits"] = statistics.mean(hits)
    return out


# ---------------------------------------------------------------------- SQLite FTS5


def fts_query(query: str) -> tuple[str, list[str], list[Any]]:
    """The FTS5 MATCH expression and extra WHERE clauses for one query of the mix."""
    where: list[str] = []
    params: list[Any] = []
    m = re.match(r'speaker:"([^"]+)" (.+)', query)
    if m:
        return f'speaker:"{m.group(1)}" AND {m.group(2)}', where, params
    m = re.match(r'outlet:"([^"]+)" (.+)', query)
    if m:
        return f'asker:"{m.group(1)}" AND {m.group(2)}', where, params
    m = re.match(r"kind:press (.+)", query)
    if m:
        where.append("kind = ?")
        params.append("press")
        return m.group(1), where, params
    m = re.match(r"date:\[(\S+) TO (\S+)\] (.+)", query)
    if m:
        where.append("date BETWEEN ? AND ?")
        params += [m.group(1), m.group(2)]
        return m.group(3), where, params
    m = re.match(r"(\S+) -(\S+)$", query)
    if m:
        return f"{m.group(1)} NOT {m.group(2)}", where, params
    return query, where, params


def build_fts5(transcripts: list[Transcript], path: Path) -> sqlite3.Connection:
    """An FTS5 table of the turns of `transcripts` at `path` (made anew), open."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE VIRTUAL TABLE turns USING fts5(transcript UNINDEXED, turn UNINDEXED, "
        "speaker, kind UNINDEXED, asker, date UNINDEXED, text, tokenize='porter unicode61')"
    )
    rows = []
    for t in transcripts:
        askers = {}
        for ex in t.exchanges:
            for i in (ex.question_turn, *ex.answer_turns):
                askers[i] = ex.asker
        kinds = {s.name: s.kind.value for s in t.speakers}
        date = t.date.isoformat() if t.date else None
        for turn in t.turns:
            rows.append(
                (
                    t.id,
                    turn.index,
                    turn.speaker,
                    kinds.get(turn.speaker, "other"),
                    askers.get(turn.index),
                    date,
                    turn.text,
                )
            )
    db.executemany("INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()
    return db


def fts5_search(db: sqlite3.Connection, query: str, snippets: bool) -> int:
    """One query of the mix as pressroom runs it: the top 100 by bm25, the total, and
    snippets for the top 20; the total, or -1 if FTS5 cannot run the query."""
    match, where, params = fts_query(query)
    extra = "".join(f" AND {w}" for w in where)
    try:
        top = db.execute(
            f"SELECT rowid, transcript, turn, speaker, asker, bm25(turns) AS score FROM turns "
            f"WHERE turns MATCH ?{extra} ORDER BY score LIMIT 100",
            [match, *params],
        ).fetchall()
        total = db.execute(
            f"SELECT count(*) FROM turns WHERE turns MATCH ?{extra}", [match, *params]
        ).fetchone()[0]
        if snippets and top:
            ids = ",".join(str(r[0]) for r in top[:20])
            db.execute(
                f"SELECT rowid, snippet(turns, 6, '[', ']', '…', 32) FROM turns "
                f"WHERE turns MATCH ? AND rowid IN ({ids})",
                [match],
            ).fetchall()
    except sqlite3.OperationalError:
        return -1
    return int(total)


def bench_fts5(
    transcripts: list[Transcript], parse_s: float, work: Path, mix: list[tuple[str, str]]
) -> dict[str, Any]:
    """Build and query an FTS5 table of the same turns."""
    path = work / "fts5.sqlite"
    out: dict[str, Any] = {}
    began = time.perf_counter()
    build_fts5(transcripts, path).close()
    out["build_s"] = time.perf_counter() - began
    out["build_with_parse_s"] = out["build_s"] + parse_s
    out["size_mb"] = path.stat().st_size / 1e6

    began = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("SELECT rowid FROM turns WHERE turns MATCH 'patent' LIMIT 1").fetchall()
    out["cold_open_first_query_s"] = time.perf_counter() - began

    def run(query: str, snippets: bool) -> int:
        return fts5_search(db, query, snippets)

    for _kind, query in mix[:20]:
        run(query, True)
    with_snippets, without, failed, cpu = [], [], 0, []
    for _kind, query in mix:
        c0 = time.process_time()
        t0 = time.perf_counter()
        if run(query, True) < 0:
            failed += 1
        with_snippets.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    for _kind, query in mix:
        t0 = time.perf_counter()
        run(query, False)
        without.append(time.perf_counter() - t0)
    db.close()
    out["p50_ms"], out["p95_ms"] = pct(with_snippets, 50), pct(with_snippets, 95)
    out["p50_nosnip_ms"], out["p95_nosnip_ms"] = pct(without, 50), pct(without, 95)
    out["p50_cpu_ms"], out["p95_cpu_ms"] = pct(cpu, 50), pct(cpu, 95)
    out["failed_queries"] = failed
    return out


# ---------------------------------------------------------------------- report


def run_size(size: int, mix: list[tuple[str, str]]) -> dict[str, Any]:
    """Every measurement for one library size."""
    library = generate(size)
    work = DATA / f"work-{size}"
    work.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    loaded = load_library([library])
    parse_s = time.perf_counter() - began
    turns = sum(len(t.turns) for t in loaded.transcripts)
    print(f"[{size}] {len(loaded.transcripts)} files, {turns} turns, parsed in {parse_s:.1f} s")
    load_before = os.getloadavg()[0]
    whoosh = bench_whoosh(library, work, mix)
    print(f"[{size}] whoosh {json.dumps(whoosh)}")
    fts = bench_fts5(loaded.transcripts, parse_s, work, mix)
    print(f"[{size}] fts5 {json.dumps(fts)}")
    return {
        "load": (load_before, os.getloadavg()[0]),
        "size": size,
        "files": len(loaded.transcripts),
        "turns": turns,
        "kb_per_turn": sum(len(x.text) for t in loaded.transcripts for x in t.turns)
        / max(1, turns)
        / 1000,
        "parse_s": parse_s,
        "whoosh": whoosh,
        "fts5": fts,
    }


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="+", help="library sizes in turns")
    parser.add_argument("--write", action="store_true", help="write into RESULTS.md")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="re-render the last run's results (benchmarks/data/search-results.json)",
    )
    args = parser.parse_args()
    if args.render_only:
        results = json.loads((DATA / "search-results.json").read_text())
    else:
        mix = query_mix()
        fresh = [run_size(size, mix) for size in args.sizes]
        # Keep earlier runs' other sizes (the 100k run is long: run it on its own).
        saved = DATA / "search-results.json"
        earlier = json.loads(saved.read_text()) if saved.exists() else []
        merged = {r["size"]: r for r in earlier}
        merged.update({r["size"]: r for r in fresh})
        results = [merged[size] for size in sorted(merged)]
        saved.write_text(json.dumps(results, indent=1))
    ran = "python benchmarks/bench_search.py " + " ".join(map(str, args.sizes)) + " --write"
    for result in results:
        if not args.render_only and result["size"] in args.sizes:
            result["command"] = ran
    if not args.render_only:
        saved.write_text(json.dumps(results, indent=1))
    commands = list(dict.fromkeys(r.get("command", ran) for r in results))
    section = render(results, "\n".join(commands))
    print(section)
    if args.write:
        write_section(SECTION, section)


if __name__ == "__main__":
    main()
