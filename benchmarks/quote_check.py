"""Benchmark the quote check: does it find altered quotes, call out changed numbers, and how fast?

From each synthetic library (see synth.py) 500 passages of 10–40 words are drawn from the
officials' turns, and six variants made of each: exact, truncated (words cut at the end,
and up to two at the start), an ellipsis in the middle (2+ words replaced by "…"), 1–3
words substituted, one number changed (passages holding a number), and two sentences of
the same turn joined (one or more sentences between them left out).

A result is right when it is the drawn passage's turn (overlapping the passage), or a
passage elsewhere whose words are word for word the drawn turn's (the synthetic library
reuses sentences, so the same words can sit in several turns: a checker cannot, and need
not, tell those apart). "Called out" means the best result lists a figure difference
naming the changed number against the record's.

Reference, same run: SQLite FTS5 (bm25) answering an OR of the same rare terms (top 40),
i.e. the candidate step alone in another engine, and pressroom's own candidate step.

    python benchmarks/quote_check.py 10000 100000            # prints the table
    python benchmarks/quote_check.py 10000 100000 --write    # also into RESULTS.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synth import DATA, generate
from search_index.index import LibraryIndex
from search_index.quotecheck import QuoteChecker
from search_index.quotecheck.check import clean_quote, rank_candidates
from search_index.quotecheck.words import words_of
from search_index.sample import sample_path

RESULTS = Path(__file__).parent / "RESULTS.md"
SECTION = "## Quote check"
VARIANTS = ("exact", "truncated", "ellipsis", "substituted", "number", "joined")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Drawn:
    """A passage drawn from a turn: where it is and the turn's text."""

    transcript: str
    turn: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Case:
    """One quote to check and what it was made from."""

    variant: str
    quote: str
    drawn: Drawn
    number: tuple[str, str] | None = None
    """(changed, original) for the number variant."""


def machine() -> str:
    """CPU, cores, Python."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def load() -> str:
    """The load averages as `uptime` gives them."""
    out = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout
    return out.split("load average:")[-1].strip()


def open_index(turns: int) -> LibraryIndex:
    """The index of the synthetic library of `turns` turns (built if missing)."""
    library = generate(turns)
    index_dir = DATA / f"quote-index-{turns}"
    index = LibraryIndex.open(index_dir)
    if index.turn_count == 0:
        print(f"indexing {library} …", flush=True)
        index.update([library])
    return index


def official_turns(index_dir: Path) -> list[tuple[str, int, str]]:
    """(transcript, turn, text) of every official's turn, read from the index's columns."""
    from whoosh.index import open_dir

    ix = open_dir(str(index_dir / "whoosh"), indexname="turns")
    rows: list[tuple[str, int, str]] = []
    with ix.searcher() as searcher:
        reader = searcher.reader()
        bodies = reader.column_reader("body")
        for docnum, fields in reader.iter_docs():
            if fields.get("kind") != "official":
                continue
            rows.append((fields["transcript"], int(fields["turn"]), bytes(bodies[docnum]).decode()))
    return rows


def draw(rows: list[tuple[str, int, str]], count: int, rng: random.Random) -> list[Drawn]:
    """`count` passages of 10–40 words, each starting at a sentence, inside one paragraph."""
    drawn: list[Drawn] = []
    while len(drawn) < count:
        transcript, turn, text = rng.choice(rows)
        starts = [0] + [m.end() for m in _SENTENCE.finditer(text)]
        start = rng.choice(starts)
        paragraph_end = text.find("\n\n", start)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        words = list(re.finditer(r"\S+", text[start:paragraph_end]))
        if len(words) < 10:
            continue
        length = rng.randint(10, min(40, len(words)))
        end = start + words[length - 1].end()
        drawn.append(Drawn(transcript, turn, text, start, end))
    return drawn


def make_cases(drawn: list[Drawn], vocabulary: list[str], rng: random.Random) -> list[Case]:
    """The six variants of every drawn passage (the number variant only where one is)."""
    cases: list[Case] = []
    for passage in drawn:
        quote = passage.text[passage.start : passage.end]
        words = quote.split()
        count = len(words)
        cases.append(Case("exact", quote, passage))
        cut_end = rng.randint(2, max(2, count // 3))
        cut_start = rng.randint(0, 2)
        cases.append(Case("truncated", " ".join(words[cut_start : count - cut_end]), passage))
        at = rng.randint(3, max(3, count - 5))
        run = rng.randint(2, max(2, count // 4))
        cases.append(Case("ellipsis", " ".join([*words[:at], "…", *words[at + run :]]), passage))
        cases.append(Case("substituted", _substitute(words, vocabulary, rng), passage))
        changed = _change_number(words, rng)
        if changed is not None:
            text, number = changed
            cases.append(Case("number", text, passage, number))
        joined = _join(passage, rng)
        if joined is not None:
            cases.append(Case("joined", joined, passage))
    return cases


def _substitute(words: list[str], vocabulary: list[str], rng: random.Random) -> str:
    out = list(words)
    spots = [i for i, w in enumerate(words) if w.strip(".,;:!?\"'()").isalpha() and len(w) >= 3]
    for i in rng.sample(spots, k=min(len(spots), rng.randint(1, 3))):
        bare = words[i].strip(".,;:!?\"'()")
        new = rng.choice([v for v in vocabulary if v.lower() != bare.lower()][:200])
        out[i] = words[i].replace(bare, new)
    return " ".join(out)


def _change_number(words: list[str], rng: random.Random) -> tuple[str, tuple[str, str]] | None:
    spots = [i for i, w in enumerate(words) if any(c.isdigit() for c in w)]
    if not spots:
        return None
    i = rng.choice(spots)
    word = words[i]
    digits = [k for k, c in enumerate(word) if c.isdigit()]
    k = rng.choice(digits)
    choices = [d for d in "0123456789" if d != word[k] and not (d == "0" and k == digits[0])]
    new = word[:k] + rng.choice(choices) + word[k + 1 :]
    out = list(words)
    out[i] = new
    strip = ".,;:!?\"'()%$"
    return " ".join(out), (new.strip(strip), word.strip(strip))


def _join(passage: Drawn, rng: random.Random) -> str | None:
    sentences = [s for s in _SENTENCE.split(passage.text.replace("\n\n", " ")) if s.strip()]
    if len(sentences) < 3:
        return None
    a = rng.randrange(len(sentences) - 2)
    c = rng.randrange(a + 2, len(sentences))
    return f"{sentences[a].strip()} {sentences[c].strip()}"


def _norm(text: str) -> str:
    return " ".join(w.norm for w in words_of(text))


def right(case: Case, match: Any) -> bool:
    """The drawn passage's turn (overlapping it), or the same words in another turn."""
    drawn = case.drawn
    if match.transcript == drawn.transcript and match.turn == drawn.turn:
        if case.variant == "joined":
            return True
        return match.start < drawn.end and match.end > drawn.start
    return _norm(match.passage) in _norm(drawn.text)


def drawn_score(case: Case) -> float:
    """The score the drawn turn itself gets for the quote (what a right answer scores)."""
    from search_index.index import CandidateTurn, SearchHit

    drawn = case.drawn
    hit = SearchHit(
        transcript=drawn.transcript,
        title="",
        source="",
        turn=drawn.turn,
        speaker="",
        speaker_kind="official",
        score=0.0,
    )
    text = clean_quote(case.quote)
    ranked = rank_candidates(text, words_of(text), [CandidateTurn(hit=hit, text=drawn.text)])
    return round(ranked[0].score, 1) if ranked else 0.0


def called_out(case: Case, match: Any) -> bool:
    """Whether the match lists a figure difference naming the quote's changed number."""
    assert case.number is not None
    changed = case.number[0].replace(",", "")
    return any(
        figure.record is not None and changed in (figure.quote or "").replace(",", "")
        for figure in match.figures
    )


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def fts5_reference(rows_dir: Path, quotes: list[str], terms_of: Any) -> tuple[float, float]:
    """p50 / p95 ms of SQLite FTS5 answering each quote's rare terms OR-ed, top 40."""
    from whoosh.index import open_dir

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE turns USING fts5(body, tokenize='porter')")
    ix = open_dir(str(rows_dir / "whoosh"), indexname="turns")
    with ix.searcher() as searcher:
        reader = searcher.reader()
        bodies = reader.column_reader("body")
        db.executemany(
            "INSERT INTO turns(body) VALUES (?)",
            ((bytes(bodies[d]).decode(),) for d in range(reader.doc_count_all())),
        )
    times: list[float] = []
    for quote in quotes:
        terms = terms_of(quote)
        if not terms:
            continue
        match = " OR ".join(f'"{t}"' for t in terms)
        began = time.perf_counter()
        db.execute(
            "SELECT rowid, body FROM turns WHERE turns MATCH ? ORDER BY bm25(turns) LIMIT 40",
            (match,),
        ).fetchall()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), pct(times, 95)


def bench(turns: int, count: int, seed: int) -> dict[str, Any]:
    """Accuracy per variant and timings at one library size."""
    rng = random.Random(seed)
    index = open_index(turns)
    index_dir = DATA / f"quote-index-{turns}"
    rows = official_turns(index_dir)
    sample = sample_path().read_text(encoding="utf-8")
    vocabulary = sorted(set(re.findall(r"\b[a-z]{5,}\b", sample)))  # real words only
    rng.shuffle(vocabulary)
    cases = make_cases(draw(rows, count, rng), vocabulary, rng)
    checker = QuoteChecker(index)
    checker.check("warm up the searcher and the figure extractor")
    # n, top-1, top-3, top-1 or as close elsewhere
    tally: dict[str, list[int]] = {v: [0, 0, 0, 0] for v in VARIANTS}
    numbers = [0, 0]
    wall: list[float] = []
    cpu: list[float] = []
    candidate_ms: list[float] = []
    load_before = load()
    for case in cases:
        began, began_cpu = time.perf_counter(), time.process_time()
        result = checker.check(case.quote, limit=3)
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        began = time.perf_counter()
        index.candidates(case.quote, terms=checker.rare_terms, limit=checker.candidates)
        candidate_ms.append((time.perf_counter() - began) * 1000)
        top = result.matches or ()
        row = tally[case.variant]
        row[0] += 1
        if top and right(case, top[0]):
            row[1] += 1
        if any(right(case, m) for m in top[:3]):
            row[2] += 1
        if top and (right(case, top[0]) or top[0].score >= drawn_score(case)):
            row[3] += 1
        if case.variant == "number":
            numbers[0] += 1
            if top and called_out(case, top[0]):
                numbers[1] += 1
    load_after = load()
    from search_index.index.candidates import rare_terms

    searcher = index._kept.current(index._ix)
    fts = fts5_reference(
        index_dir,
        [c.quote for c in cases[:600]],
        lambda q: rare_terms(searcher, q, checker.rare_terms),
    )
    index.close()
    return {
        "turns": turns,
        "tally": tally,
        "numbers": numbers,
        "p50": statistics.median(wall),
        "p95": pct(wall, 95),
        "cpu50": statistics.median(cpu),
        "cpu95": pct(cpu, 95),
        "cand50": statistics.median(candidate_ms),
        "cand95": pct(candidate_ms, 95),
        "fts": fts,
        "load": f"{load_before} → {load_after}",
    }


def table(results: list[dict[str, Any]], count: int) -> str:
    """The Markdown tables of a run."""
    lines = [
        f"{dt.date.today().isoformat()}, {machine()}; {count} passages drawn per library.",
        "",
        "| turns | variant | quotes | top-1 | top-3 | top-1, or as close a passage elsewhere |",
        "|---|---|---|---|---|---|",
    ]
    for result in results:
        for variant in VARIANTS:
            n, one, three, close = result["tally"][variant]
            if n:
                lines.append(
                    f"| {result['turns']:,} | {variant} | {n} | {one / n:.3f} | {three / n:.3f} "
                    f"| {close / n:.3f} |"
                )
    lines += [
        "",
        "| turns | changed numbers called out | check p50 / p95 ms | CPU p50 / p95 ms "
        "| candidates alone p50 / p95 ms | FTS5 same terms p50 / p95 ms | load (1, 5, 15 min) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        n, out = r["numbers"]
        lines.append(
            f"| {r['turns']:,} | {out} / {n} ({out / n:.3f}) | {r['p50']:.1f} / {r['p95']:.1f} "
            f"| {r['cpu50']:.1f} / {r['cpu95']:.1f} | {r['cand50']:.1f} / {r['cand95']:.1f} "
            f"| {r['fts'][0]:.1f} / {r['fts'][1]:.1f} | {r['load']} |"
        )
    return "\n".join(lines)


def write(text: str) -> None:
    """Replace (or add) this benchmark's section of RESULTS.md."""
    body = RESULTS.read_text(encoding="utf-8")
    block = f"{SECTION}\n\n{text}\n"
    if SECTION in body:
        head, _, rest = body.partition(SECTION)
        tail = rest.split("\n## ", 1)
        body = head + block + ("\n## " + tail[1] if len(tail) > 1 else "")
    else:
        body = body.rstrip("\n") + "\n\n" + block
    RESULTS.write_text(body, encoding="utf-8")


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("turns", type=int, nargs="+", help="library sizes in turns")
    parser.add_argument("--passages", type=int, default=500)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--write", action="store_true", help="write the table to RESULTS.md")
    args = parser.parse_args()
    results = [bench(turns, args.passages, args.seed) for turns in args.turns]
    text = table(results, args.passages)
    print(text)
    if args.write:
        write(text)


if __name__ == "__main__":
    main()
