"""Benchmark the quote check: does it find altered quotes, call out changed numbers, and how fast?

From each synthetic library (see synth.py) 500 passages of 10–40 words are drawn from the
officials' turns, and six variants made of each: exact, truncated (words cut at the end,
and up to two at the start), an ellipsis in the middle (2+ words replaced by "…"), 1–3
words substituted, one number changed (passages holding a number), and two sentences of
the same turn joined (one or more sentences between them left out).

The synthetic library recombines the sample's ~600 sentences with their numbers re-drawn,
so one sentence sits in hundreds of turns (thousands at 100,000). Each result is scored
three ways, from strictest to most forgiving, and the tables give each:

* strict: the drawn turn, overlapping the stretch the quote was made from;
* fair: strict, or a place elsewhere that gives word for word what the quote was made
  from (elided and substituted words included, any number where the quote's number was
  changed; found by plain text search of the library's words, not by the checker);
* tied: fair, or a best passage the checker scores at least as high as the drawn turn
  itself (the quote aligned with that turn alone): a quote whose distinguishing words were
  cut, elided or changed fits another passage as well, and no checker can tell which one
  was drawn.

"Unique" quotes are those whose stretch the library holds in the drawn turn only; top-1 on
them is strict and fair at once. "Called out" means the best passage is right (strict, or
fair with the number that place gives) and lists a figure difference naming the quote's
number and the record's; a best passage that gives the quote's changed number itself
(another turn saying just that) has nothing to call out and is counted apart.

Timings are per check (`QuoteChecker.check(quote, limit=3)`: candidates, alignment, the
best passages described with speaker's role, citation and figures), wall and CPU time of
the process, each run's p50 and p95, the median over runs reported.

Reference, same run: SQLite FTS5 (bm25) answering an OR of the same rare terms (top 40),
i.e. the candidate step alone in another engine, and pressroom's own candidate step.

    python benchmarks/quote_check.py 10000 100000            # prints the table
    python benchmarks/quote_check.py 10000 100000 --write    # also into RESULTS.md
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
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

from benchmarks.results_file import cpu_model
from benchmarks.synth import DATA, generate
from search_index.index import LibraryIndex
from search_index.quotecheck import QuoteChecker
from search_index.quotecheck.check import clean_quote, rank_candidates
from search_index.quotecheck.words import WORD_RE, has_digit, norms_of, words_of
from search_index.sample import sample_path

RESULTS = Path(__file__).parent / "RESULTS.md"
SECTION = "## Quote check"
VARIANTS = ("exact", "truncated", "ellipsis", "substituted", "number", "joined")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Drawn:
    """A passage drawn from a turn: where it is and the turn's text."""

    docnum: int
    transcript: str
    turn: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Case:
    """One quote to check, what it was made from, and where the library holds that."""

    variant: str
    quote: str
    drawn: Drawn
    stretches: tuple[tuple[int, int], ...]
    """Character spans of the drawn turn the quote was made from: one (from the quote's
    first word to its last, elided words included), two for joined sentences."""
    number: tuple[str, str] | None = None
    """(changed, original) for the number variant."""
    wild: tuple[int, int] | None = None
    """The changed number's span in the drawn turn (any number may stand there)."""


def machine() -> str:
    """CPU, cores, Python."""
    cpu = cpu_model()
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


class Library:
    """Every turn of an index, read from its columns: the ground truth the checks are scored
    against, found without the checker (its words, as the quote check compares them, laid
    end to end and searched as plain text)."""

    def __init__(self, index_dir: Path) -> None:
        from whoosh.index import open_dir

        ix = open_dir(str(index_dir / "whoosh"), indexname="turns")
        self.texts: list[str] = []
        self.places: list[tuple[str, int]] = []
        self.official: list[bool] = []
        with ix.searcher() as searcher:
            reader = searcher.reader()
            bodies = reader.column_reader("body")
            for docnum, fields in reader.iter_docs():
                assert docnum == len(self.texts)
                self.texts.append(bytes(bodies[docnum]).decode("utf-8"))
                self.places.append((fields["transcript"], int(fields["turn"])))
                self.official.append(fields.get("kind") == "official")
        self.docnum = {place: d for d, place in enumerate(self.places)}
        parts: list[str] = []
        self.starts: list[int] = []
        at = 0
        for text in self.texts:
            part = " " + " ".join(norms_of(text)) + " \n"
            self.starts.append(at)
            parts.append(part)
            at += len(part)
        self.words = "".join(parts)

    def tokens(self, docnum: int) -> list[str]:
        """The turn's words (comparison forms)."""
        end = self.starts[docnum + 1] if docnum + 1 < len(self.starts) else len(self.words)
        return self.words[self.starts[docnum] : end].split()

    def holding(self, pattern: list[str | None]) -> list[tuple[int, int]]:
        """(turn, first word) of every place holding `pattern` word for word; None stands
        for any word holding a digit."""
        runs: list[tuple[int, int]] = []  # (start, end) of literal runs in the pattern
        first = None
        for i, word in enumerate([*pattern, None]):
            if word is not None and first is None:
                first = i
            elif word is None and first is not None:
                runs.append((first, i))
                first = None
        r0, r1 = max(runs, key=lambda run: run[1] - run[0])
        needle = " " + " ".join(str(w) for w in pattern[r0:r1]) + " "
        found: list[tuple[int, int]] = []
        at = self.words.find(needle)
        while at >= 0:
            docnum = bisect.bisect_right(self.starts, at) - 1
            k = self.words.count(" ", self.starts[docnum], at) - r0
            tokens = self.tokens(docnum)
            if (
                k >= 0
                and k + len(pattern) <= len(tokens)
                and all(
                    tokens[k + i] == w if w is not None else has_digit(tokens[k + i])
                    for i, w in enumerate(pattern)
                )
            ):
                found.append((docnum, k))
            at = self.words.find(needle, at + 1)
        return found

    def span(self, docnum: int, first: int, last: int) -> tuple[int, int]:
        """Character span of a turn's words [first, last)."""
        spans = [m.span() for m in WORD_RE.finditer(self.texts[docnum])]
        return spans[first][0], spans[last - 1][1]


@dataclass
class Truth:
    """Where the library holds what a quote was made from."""

    places: dict[int, list[tuple[int, int]]]
    """Turn → word ranges [first, last) holding it (the drawn one among them)."""
    count: int
    """How many places hold it (1: the drawn passage alone; the quote is unique)."""
    numbers: dict[tuple[int, int], str]
    """For a changed number: (turn, first word) → the number that place gives."""

    def spans(self, library: Library, docnum: int) -> list[tuple[int, int, int]]:
        """(first word, start, end) of each place in a turn, in characters."""
        return [
            (first, *library.span(docnum, first, last))
            for first, last in self.places.get(docnum, [])
        ]


def pattern_of(text: str, span: tuple[int, int], wild: tuple[int, int] | None) -> list[str | None]:
    """The words of `text` in `span`, None for those inside `wild`."""
    return [
        None if wild is not None and w.start < wild[1] and w.end > wild[0] else w.norm
        for w in words_of(text)
        if w.start >= span[0] and w.end <= span[1]
    ]


def truth_of(case: Case, library: Library) -> Truth:
    """Every place that gives the quote's stretch of the record as the drawn one does."""
    text = case.drawn.text
    patterns = [pattern_of(text, span, case.wild) for span in case.stretches]
    held = [library.holding(pattern) for pattern in patterns]
    places: dict[int, list[tuple[int, int]]] = {}
    numbers: dict[tuple[int, int], str] = {}
    count = 0
    size = len(patterns[0])
    if len(held) == 1:
        for docnum, first in held[0]:
            places.setdefault(docnum, []).append((first, first + size))
            count += 1
            if case.wild is not None:
                slot = patterns[0].index(None)
                numbers[(docnum, first)] = library.tokens(docnum)[first + slot]
    else:  # joined: the first sentence, and the second later in the same turn
        seconds: dict[int, list[int]] = {}
        for docnum, first in held[1]:
            seconds.setdefault(docnum, []).append(first)
        for docnum, first in held[0]:
            later = [k for k in seconds.get(docnum, []) if k >= first + size]
            if later:
                places.setdefault(docnum, []).append((first, later[-1] + len(patterns[1])))
                count += 1
    return Truth(places, count, numbers)


def draw(library: Library, count: int, rng: random.Random) -> list[Drawn]:
    """`count` passages of 10–40 words, each starting at a sentence, inside one paragraph."""
    officials = [d for d, official in enumerate(library.official) if official]
    drawn: list[Drawn] = []
    while len(drawn) < count:
        docnum = rng.choice(officials)
        text = library.texts[docnum]
        starts = [0] + [m.end() for m in _SENTENCE.finditer(text)]
        start = rng.choice(starts)
        paragraph_end = text.find("\n\n", start)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        words = list(re.finditer(r"\S+", text[start:paragraph_end]))
        if len(words) < 10:
            continue
        length = rng.randint(10, min(40, len(words)))
        end = start + words[length - 1].end()
        transcript, turn = library.places[docnum]
        drawn.append(Drawn(docnum, transcript, turn, text, start, end))
    return drawn


def make_cases(drawn: list[Drawn], vocabulary: list[str], rng: random.Random) -> list[Case]:
    """The six variants of every drawn passage (the number variant only where one is)."""
    cases: list[Case] = []
    for passage in drawn:
        quote = passage.text[passage.start : passage.end]
        spans = [
            (passage.start + m.start(), passage.start + m.end()) for m in _WORD.finditer(quote)
        ]
        words = quote.split()
        count = len(words)
        whole = ((passage.start, passage.end),)
        cases.append(Case("exact", quote, passage, whole))
        cut_end = rng.randint(2, max(2, count // 3))
        cut_start = rng.randint(0, 2)
        kept = ((spans[cut_start][0], spans[count - cut_end - 1][1]),)
        cases.append(Case("truncated", " ".join(words[cut_start : count - cut_end]), passage, kept))
        at = rng.randint(3, max(3, count - 5))
        run = rng.randint(2, max(2, count // 4))
        elided = " ".join([*words[:at], "…", *words[at + run :]])
        reach = whole if at + run < count else ((passage.start, spans[at - 1][1]),)
        cases.append(Case("ellipsis", elided, passage, reach))
        cases.append(Case("substituted", _substitute(words, vocabulary, rng), passage, whole))
        changed = _change_number(words, rng)
        if changed is not None:
            text, number, i = changed
            cases.append(Case("number", text, passage, whole, number, spans[i]))
        joined = _join(passage, rng)
        if joined is not None:
            quote_joined, stretches = joined
            cases.append(Case("joined", quote_joined, passage, stretches))
    return cases


def _substitute(words: list[str], vocabulary: list[str], rng: random.Random) -> str:
    out = list(words)
    spots = [i for i, w in enumerate(words) if w.strip(".,;:!?\"'()").isalpha() and len(w) >= 3]
    for i in rng.sample(spots, k=min(len(spots), rng.randint(1, 3))):
        bare = words[i].strip(".,;:!?\"'()")
        new = rng.choice([v for v in vocabulary if v.lower() != bare.lower()][:200])
        out[i] = words[i].replace(bare, new)
    return " ".join(out)


def _change_number(words: list[str], rng: random.Random) -> tuple[str, tuple[str, str], int] | None:
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
    return " ".join(out), (new.strip(strip), word.strip(strip)), i


def _join(passage: Drawn, rng: random.Random) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """Two sentences of the turn, one or more apart, joined; and their spans."""
    text = passage.text
    sentences: list[tuple[int, int]] = []
    at = 0
    for gap in [*_SENTENCE.finditer(text), None]:
        end = gap.start() if gap is not None else len(text)
        piece = text[at:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            sentences.append((at + lead, at + len(piece.rstrip())))
        at = gap.end() if gap is not None else len(text)
    if len(sentences) < 3:
        return None
    a = rng.randrange(len(sentences) - 2)
    c = rng.randrange(a + 2, len(sentences))
    first, second = sentences[a], sentences[c]
    quote = " ".join(" ".join(text[s0:s1].split()) for s0, s1 in (first, second))
    return quote, (first, second)


def _overlaps(match: Any, spans: list[tuple[int, int]]) -> bool:
    return any(match.start < end and match.end > start for start, end in spans)


def strict(case: Case, match: Any) -> bool:
    """The drawn turn, overlapping the stretch the quote was made from."""
    drawn = case.drawn
    if (match.transcript, match.turn) != (drawn.transcript, drawn.turn):
        return False
    return _overlaps(match, [(case.stretches[0][0], case.stretches[-1][1])])


def fair(case: Case, truth: Truth, library: Library, match: Any) -> bool:
    """Strict, or a place giving word for word what the quote was made from (see the module)."""
    if strict(case, match):
        return True
    docnum = library.docnum.get((match.transcript, match.turn))
    if docnum is None:
        return False
    return _overlaps(match, [(start, end) for _, start, end in truth.spans(library, docnum)])


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


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def number_outcome(case: Case, truth: Truth, library: Library, match: Any) -> str:
    """For the number variant: "called" (the best passage is right and its difference names
    the quote's number and the record's), "verbatim" (it is right and gives the quote's
    number itself: nothing to call out), or "missed"."""
    assert case.number is not None and case.wild is not None
    changed = _digits(case.number[0])
    if strict(case, match):
        record = _digits(case.number[1])
    else:
        docnum = library.docnum.get((match.transcript, match.turn))
        if docnum is None:
            return "missed"
        given = [
            truth.numbers[(docnum, first)]
            for first, start, end in truth.spans(library, docnum)
            if match.start < end and match.end > start
        ]
        if not given:
            return "missed"
        record = _digits(given[0])
    if record == changed:
        return "verbatim"
    for figure in match.figures:
        # The figure may be part of the changed word ("3163" of "3163-2560").
        said, held = _digits(figure.quote or ""), _digits(figure.record or "")
        if said and held and said != held and said in changed and held in record:
            return "called"
    return "missed"


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def fts5_reference(library: Library, quotes: list[str], terms_of: Any) -> tuple[float, float]:
    """p50 / p95 ms of SQLite FTS5 answering each quote's rare terms OR-ed, top 40."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE turns USING fts5(body, tokenize='porter')")
    db.executemany("INSERT INTO turns(body) VALUES (?)", ((text,) for text in library.texts))
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


def bench(turns: int, count: int, seed: int, runs: int) -> dict[str, Any]:
    """Accuracy per variant (the same in every run) and timings (each run's) at one size."""
    rng = random.Random(seed)
    index = open_index(turns)
    index_dir = DATA / f"quote-index-{turns}"
    library = Library(index_dir)
    sample = sample_path().read_text(encoding="utf-8")
    vocabulary = sorted(set(re.findall(r"\b[a-z]{5,}\b", sample)))  # real words only
    rng.shuffle(vocabulary)
    cases = make_cases(draw(library, count, rng), vocabulary, rng)
    truths = [truth_of(case, library) for case in cases]
    checker = QuoteChecker(index)
    checker.check("warm up the searcher and the figure extractor")
    # quotes, strict top-1, strict top-3, fair top-1, fair top-3, unique quotes, their
    # top-1, top-1 or tied
    tally: dict[str, list[int]] = {v: [0] * 8 for v in VARIANTS}
    # quotes, strict called, fair called, verbatim, unique quotes, unique called
    numbers = [0] * 6
    timings: list[dict[str, dict[str, float]]] = []
    loads: list[str] = []
    for run in range(runs):
        wall: dict[str, list[float]] = {v: [] for v in ("all", *VARIANTS)}
        cpu: dict[str, list[float]] = {v: [] for v in ("all", *VARIANTS)}
        candidate_ms: list[float] = []
        load_before = load()
        for case, truth in zip(cases, truths, strict=True):
            began, began_cpu = time.perf_counter(), time.process_time()
            result = checker.check(case.quote, limit=3)
            took, took_cpu = (
                (time.perf_counter() - began) * 1000,
                (time.process_time() - began_cpu) * 1000,
            )
            for key in ("all", case.variant):
                wall[key].append(took)
                cpu[key].append(took_cpu)
            began = time.perf_counter()
            checker.candidates(clean_quote(case.quote))
            candidate_ms.append((time.perf_counter() - began) * 1000)
            if run == 0:
                score(case, truth, library, result.matches, tally, numbers)
        loads.append(f"{load_before} → {load()}")
        timing = {
            key: {
                "p50": statistics.median(wall[key]),
                "p95": pct(wall[key], 95),
                "cpu50": statistics.median(cpu[key]),
                "cpu95": pct(cpu[key], 95),
            }
            for key in wall
            if wall[key]
        }
        timing["all"]["cand50"] = statistics.median(candidate_ms)
        timing["all"]["cand95"] = pct(candidate_ms, 95)
        timings.append(timing)
    from search_index.index.candidates import rare_terms

    searcher = index._kept.current(index._ix)
    fts = fts5_reference(
        library,
        [c.quote for c in cases[:600]],
        lambda q: rare_terms(searcher, q, checker.rare_terms),
    )
    index.close()
    middle = {
        group: {key: statistics.median(t[group][key] for t in timings) for key in values}
        for group, values in timings[0].items()
    }
    return {
        "turns": turns,
        "tally": tally,
        "numbers": numbers,
        "runs": [t["all"] for t in timings],
        "timing": middle,
        **middle["all"],
        "fts": fts,
        "load": "; ".join(loads),
    }


def score(
    case: Case,
    truth: Truth,
    library: Library,
    matches: tuple[Any, ...],
    tally: dict[str, list[int]],
    numbers: list[int],
) -> None:
    """Add one check's outcome to the tallies."""
    row = tally[case.variant]
    top = matches[:3]
    unique = truth.count == 1
    row[0] += 1
    row[1] += bool(top) and strict(case, top[0])
    row[2] += any(strict(case, m) for m in top)
    row[3] += bool(top) and fair(case, truth, library, top[0])
    row[4] += any(fair(case, truth, library, m) for m in top)
    row[5] += unique
    row[6] += unique and bool(top) and strict(case, top[0])
    row[7] += bool(top) and (
        fair(case, truth, library, top[0]) or top[0].score >= drawn_score(case)
    )
    if case.variant == "number":
        outcome = number_outcome(case, truth, library, top[0]) if top else "missed"
        numbers[0] += 1
        numbers[1] += outcome == "called" and strict(case, top[0])
        numbers[2] += outcome == "called"
        numbers[3] += outcome == "verbatim"
        numbers[4] += unique
        numbers[5] += unique and outcome == "called"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "–"


def table(results: list[dict[str, Any]], count: int, runs: int) -> str:
    """The Markdown tables of a run."""
    lines = [
        f"{dt.date.today().isoformat()}, {machine()}; {count} passages drawn per library; "
        f"timings: the median of {runs} runs' p50 and p95.",
        "",
        "| turns | variant | quotes | top-1 strict | top-3 strict | top-1 fair | top-3 fair "
        "| top-1 fair or tied | unique quotes: top-1 | wall p50 / p95 ms | CPU p50 / p95 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        for variant in VARIANTS:
            n, s1, s3, f1, f3, un, u1, tied = result["tally"][variant]
            t = result["timing"].get(variant)
            if n and t:
                lines.append(
                    f"| {result['turns']:,} | {variant} | {n} | {_share(s1, n)} "
                    f"| {_share(s3, n)} | {_share(f1, n)} | {_share(f3, n)} | {_share(tied, n)} "
                    f"| {_share(u1, un)} of {un} | {t['p50']:.0f} / {t['p95']:.0f} "
                    f"| {t['cpu50']:.0f} / {t['cpu95']:.0f} |"
                )
    lines += [
        "",
        "| turns | changed numbers | called out, strict | called out, fair "
        "| best passage gives the quote's number | unique: called out |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        n, sc, fc, verbatim, un, uc = r["numbers"]
        lines.append(
            f"| {r['turns']:,} | {n} | {sc} ({_share(sc, n)}) "
            f"| {fc} / {n - verbatim} ({_share(fc, n - verbatim)}) | {verbatim} "
            f"| {uc} / {un} ({_share(uc, un)}) |"
        )
    lines += [
        "",
        "| turns | all checks p50 / p95 ms | CPU p50 / p95 ms | candidates alone p50 / p95 ms "
        "| FTS5 same terms p50 / p95 ms | runs' p95 wall (CPU) ms | load (1, 5, 15 min) per run |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        each = ", ".join(f"{t['p95']:.0f} ({t['cpu95']:.0f})" for t in r["runs"])
        lines.append(
            f"| {r['turns']:,} | {r['p50']:.1f} / {r['p95']:.1f} "
            f"| {r['cpu50']:.1f} / {r['cpu95']:.1f} | {r['cand50']:.1f} / {r['cand95']:.1f} "
            f"| {r['fts'][0]:.1f} / {r['fts'][1]:.1f} | {each} | {r['load']} |"
        )
    return "\n".join(lines)


def write(text: str, command: str) -> None:
    """Replace (or add) this benchmark's section of RESULTS.md."""
    body = RESULTS.read_text(encoding="utf-8")
    how = (__doc__ or "").split("\n\n    python")[0].split("\n\n", 1)[1]
    block = f"{SECTION}\n\n`python benchmarks/quote_check.py {command}`\n\n{how}\n\n{text}\n"
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
    parser.add_argument("turns", type=int, nargs="*", help="library sizes in turns")
    parser.add_argument("--passages", type=int, default=500)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--runs", type=int, default=3, help="timed runs (median reported)")
    parser.add_argument("--write", action="store_true", help="write the table to RESULTS.md")
    parser.add_argument(
        "--save", type=Path, help="also keep the results in this JSON file (one size a process)"
    )
    parser.add_argument(
        "--saved", type=Path, nargs="*", default=[], help="results saved before, tabled first"
    )
    args = parser.parse_args()
    results: list[dict[str, Any]] = []
    for path in args.saved:
        results += json.loads(path.read_text(encoding="utf-8"))
    results += [bench(turns, args.passages, args.seed, args.runs) for turns in args.turns]
    if args.save is not None:
        args.save.write_text(json.dumps(results[len(args.saved) :]), encoding="utf-8")
        results[len(args.saved) :] = json.loads(args.save.read_text(encoding="utf-8"))
    text = table(results, args.passages, args.runs)
    print(text)
    if args.write:
        sizes = " ".join(str(r["turns"]) for r in results)
        write(text, f"{sizes} --passages {args.passages} --runs {args.runs} --seed {args.seed}")


if __name__ == "__main__":
    main()
