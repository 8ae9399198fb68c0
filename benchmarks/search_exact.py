"""Check that a change to the search index leaves every answer of the benchmark mix as it was.

Builds the index of a synthetic library (in one process, so that the turns are numbered in
the library's order and ties keep one order), runs the 200 queries of `bench_search.py`
and records for each: the total, whether it is exact, and every hit in order with its
score, snippet and matches. `--save` writes that record, `--compare` checks the current
code against a saved one and lists what differs.

    python benchmarks/search_exact.py 10000 --save before.json     # on the old code
    python benchmarks/search_exact.py 10000 --compare before.json  # on the new code
    python benchmarks/search_exact.py 10000 --compare before.json --reuse  # same index

Generated data and the index (kept for --reuse) go under benchmarks/data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_search import query_mix
from benchmarks.synth import DATA, generate
from search_index.index import LibraryIndex, writing


def answers(size: int, limit: int, snippets: int, reuse: bool) -> dict[str, Any]:
    """Every query's answer, from an in-process build of the `size`-turn library (the one
    left by the last run if `reuse`: for a change to the search alone, not to indexing)."""
    library = generate(size)
    index_dir = DATA / f"exact-{size}"
    if not reuse:
        shutil.rmtree(index_dir, ignore_errors=True)
    in_process = writing.PARALLEL_FILES
    writing.PARALLEL_FILES = 10**9
    try:
        with LibraryIndex.open(index_dir) as index:
            began = time.perf_counter()
            index.update([library])
            print(f"built {index.turn_count:,} turns in {time.perf_counter() - began:.1f} s")
            found: dict[str, Any] = {}
            for _kind, query in query_mix():
                results = index.search(query, limit=limit, snippets=snippets, time_limit=None)
                found[query] = {
                    "total": results.total,
                    "hits": [_relative(hit.to_json_dict(), library) for hit in results.hits],
                }
    finally:
        writing.PARALLEL_FILES = in_process
    return found


def _relative(hit: dict[str, Any], library: Path) -> dict[str, Any]:
    """A hit with its source file named from the library's folder, so that runs of two
    checkouts of the code compare."""
    source, library = Path(hit["source"]).resolve(), library.resolve()
    if source.is_relative_to(library):
        hit["source"] = source.relative_to(library).as_posix()
    return hit


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """One line per query whose answer changed."""
    lines: list[str] = []
    for query in old.keys() | new.keys():
        before, after = old.get(query), new.get(query)
        if before == after:
            continue
        if before is None or after is None:
            lines.append(f"{query!r}: only in the {'new' if before is None else 'old'} run")
            continue
        if before["total"] != after["total"]:
            lines.append(f"{query!r}: total {before['total']} → {after['total']}")
        for rank, (a, b) in enumerate(zip(before["hits"], after["hits"], strict=False)):
            if a != b:
                keys = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
                lines.append(f"{query!r}: hit {rank} differs in {', '.join(keys)}")
                break
        if len(before["hits"]) != len(after["hits"]):
            lines.append(f"{query!r}: {len(before['hits'])} hits → {len(after['hits'])}")
    return sorted(lines)


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="library size in turns")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--snippets", type=int, default=100)
    parser.add_argument(
        "--reuse", action="store_true", help="search the index the last run built, if any"
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the answers to this JSON file")
    group.add_argument("--compare", type=Path, help="compare with answers saved before")
    args = parser.parse_args()
    found = answers(args.size, args.limit, args.snippets, args.reuse)
    if args.save:
        args.save.write_text(json.dumps(found, ensure_ascii=False, indent=0), encoding="utf-8")
        hits = sum(len(a["hits"]) for a in found.values())
        print(f"saved {len(found)} queries, {hits:,} hits to {args.save}")
        return
    old = json.loads(args.compare.read_text(encoding="utf-8"))
    changed = differences(old, found)
    for line in changed:
        print(line)
    hits = sum(len(a["hits"]) for a in found.values())
    print(f"{len(found)} queries, {hits:,} hits: {len(changed)} difference(s)")
    raise SystemExit(1 if changed else 0)


if __name__ == "__main__":
    main()
