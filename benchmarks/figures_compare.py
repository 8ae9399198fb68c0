"""Compare figure extractors on the sample briefing and on the fixtures in tests/data.

Measures, against the hand-made lists in tests/data (figures_sample_expected.txt for the
sample; figures_forms.txt, figures_traps.txt and figures_holdout.txt for fixture sentences):

- detection precision / recall: a reported quantity counts when its span overlaps an expected
  figure's span (each expected figure is matched once);
- value precision / recall: the same, counting only matches whose value equals the expected
  normalised value (relative tolerance 1e-9);
- speed in MB/s on the sample, given as one text and paragraph by paragraph;
- import time in a fresh interpreter;
- for the helper libraries: price-parser on the expected money figures' own text and
  number-parser on the expected spelled-out figures' own text (they do not search running
  text), against this project's number-word reader.

quantulum3, price-parser and number-parser are measuring tools only, not dependencies:

    .venv/bin/pip install quantulum3 price-parser number-parser
    .venv/bin/python benchmarks/figures_compare.py            # prints Markdown tables
    .venv/bin/python benchmarks/figures_compare.py --write    # also appends to RESULTS.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search_index.figures import extract_figures_from_text  # noqa: E402
from search_index.figures.number_words import WORD_NUMBER_RE, parse_word_number  # noqa: E402
from search_index.parser import load_transcript  # noqa: E402
from search_index.sample import sample_path  # noqa: E402
from tests.support.figures_gold import Expected, fixture_cases, sample_expected  # noqa: E402

RESULTS = Path(__file__).parent / "RESULTS.md"
CURRENCIES = {"CNY", "USD", "EUR", "GBP", "AUD", "JPY", "HKD", "CAD", "INR"}
UNIT_WORDS = {"months", "years", "weeks", "days", "week", "month", "year", "day", "consecutive"}
UNIT_WORDS |= {"percent", "per", "cent", "dollars", "yuan", "euros"}
WORD_ONLY = re.compile(r"[A-Za-z]+(?:[- ][A-Za-z]+)*")

#: (start, end, value) of each quantity an extractor reports in a text.
Found = list[tuple[int, int, float]]


@dataclass
class Gold:
    """A text and the (start, end, value) of every figure expected in it."""

    text: str
    figures: list[tuple[int, int, float]]


@dataclass
class Score:
    """Counts for precision and recall."""

    reported: int = 0
    expected: int = 0
    detected: int = 0
    exact: int = 0

    def add(self, found: Found, gold: Gold) -> None:
        self.reported += len(found)
        self.expected += len(gold.figures)
        used: set[int] = set()
        for start, end, value in gold.figures:
            for i, (s, e, v) in enumerate(found):
                if i not in used and s < end and start < e:
                    used.add(i)
                    self.detected += 1
                    self.exact += math.isclose(v, value, rel_tol=1e-9)
                    break

    def row(self) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.2f}" if b else "—"

        return (
            f"{ratio(self.detected, self.reported)} | {ratio(self.detected, self.expected)} | "
            f"{ratio(self.exact, self.reported)} | {ratio(self.exact, self.expected)} | "
            f"{self.reported} | {self.expected}"
        )


def sample_gold() -> list[Gold]:
    """Each turn of the sample with the hand-listed figures in it."""
    transcript = load_transcript(sample_path())
    golds = [Gold(turn.text, []) for turn in transcript.turns]
    for item in sample_expected():
        hits = [
            (turn.index, turn.text.index(item.context))
            for turn in transcript.turns
            if item.context in turn.text
        ]
        if len(hits) != 1:
            raise SystemExit(f"context {item.context!r} found {len(hits)} times")
        index, at = hits[0]
        start = at + item.context.index(item.text)
        golds[index].figures.append((start, start + len(item.text), item.value))
    return golds


def fixture_gold(names: Sequence[str]) -> list[Gold]:
    """Each fixture sentence with its expected figures, located in order."""
    golds: list[Gold] = []
    for name in names:
        for case in fixture_cases(name):
            figures: list[tuple[int, int, float]] = []
            pos = 0
            for item in case.expected:
                start = case.text.index(item.text, pos)
                figures.append((start, start + len(item.text), item.value))
                pos = start + len(item.text)
            golds.append(Gold(case.text, figures))
    return golds


def ours(text: str) -> Found:
    return [(f.start, f.end, f.value) for f in extract_figures_from_text(text)]


def quantulum(text: str) -> Found:
    from quantulum3 import parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = parser.parse(text)
    return [(q.span[0], q.span[1], float(q.value)) for q in found]


def score(extract: Callable[[str], Found], golds: list[Gold]) -> Score:
    result = Score()
    for gold in golds:
        result.add(extract(gold.text), gold)
    return result


def speed(extract: Callable[[str], Found], texts: list[str], seconds: float) -> float:
    """MB/s of `extract` over `texts`, repeated for at least `seconds`."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    extract(texts[0])  # warm up
    runs = 0
    start = time.perf_counter()
    while True:
        for text in texts:
            extract(text)
        runs += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return size * runs / elapsed / 1e6


def import_ms(module: str) -> float:
    """Median milliseconds to import `module` in a fresh interpreter (5 runs)."""
    code = (
        "import time, warnings; warnings.simplefilter('ignore'); t = time.perf_counter(); "
        f"import {module}; print((time.perf_counter() - t) * 1000)"
    )
    times = sorted(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout)
        for _ in range(5)
    )  # fmt: skip
    return times[2]


def helper_libraries(expected: list[Expected]) -> list[str]:
    """Rows for price-parser and number-parser on the expected figures' own text."""
    rows: list[str] = []
    money = [e for e in expected if e.unit in CURRENCIES]
    # Spelled-out numbers without scale words or fractions: "six", "twenty-five",
    # "One hundred and twenty", "two months" (the unit dropped), "one per cent".
    words = []
    for item in expected:
        phrase = " ".join(w for w in item.text.split() if w.lower() not in UNIT_WORDS)
        if item.kind != "rank" and phrase and WORD_ONLY.fullmatch(phrase):
            words.append(Expected(item.context, phrase, item.value, None, item.kind, None))
    try:
        from price_parser import Price

        right = 0
        for item in money:
            price = Price.fromstring(item.text)
            right += price.amount_float is not None and math.isclose(
                price.amount_float, item.value, rel_tol=1e-9
            )
        rows.append(f"| price-parser `Price.fromstring` | money texts | {right} / {len(money)} |")
    except ImportError:
        rows.append("| price-parser | not installed | — |")
    try:
        from number_parser import parse_number

        right = sum(parse_number(item.text) == item.value for item in words)
        rows.append(
            f"| number-parser `parse_number` | spelled-out texts | {right} / {len(words)} |"
        )
    except ImportError:
        rows.append("| number-parser | not installed | — |")
    ours_right = 0
    for item in words:
        match = WORD_NUMBER_RE.fullmatch(item.text)
        ours_right += match is not None and parse_word_number(match.group()) == item.value
    rows.append(
        f"| search_index.figures.number_words | spelled-out texts | {ours_right} / {len(words)} |"
    )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="append the tables to RESULTS.md")
    parser.add_argument("--seconds", type=float, default=2.0, help="time per speed measurement")
    args = parser.parse_args(argv)

    extractors: list[tuple[str, Callable[[str], Found]]] = [("focused (this project)", ours)]
    try:
        import quantulum3  # noqa: F401

        extractors.append(("quantulum3", quantulum))
    except ImportError:
        print("quantulum3 is not installed: measuring this project's extractor only")

    sets = {
        "sample (99 figures, hand-listed)": sample_gold(),
        "forms + traps fixtures": fixture_gold(["figures_forms.txt", "figures_traps.txt"]),
        "held-out paragraphs": fixture_gold(
            ["figures_holdout.txt", "figures_holdout2.txt", "figures_holdout3.txt"]
        ),
    }
    lines = [
        f"## Figure extractors — {dt.date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
        "",
        "| extractor | data | detection precision | detection recall | value precision "
        "| value recall | reported | expected |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, extract in extractors:
        for label, golds in sets.items():
            lines.append(f"| {name} | {label} | {score(extract, golds).row()} |")
    sample_text = sample_path().read_text(encoding="utf-8")
    paragraphs = [p for p in sample_text.split("\n\n") if p.strip()]
    lines += [
        "",
        "| extractor | MB/s, whole sample | MB/s, paragraph by paragraph | import ms |",
        "|---|---|---|---|",
    ]
    modules = {"focused (this project)": "search_index.figures", "quantulum3": "quantulum3.parser"}
    for name, extract in extractors:
        seconds = args.seconds if extract is ours else args.seconds / 4
        whole = speed(extract, [sample_text], seconds)
        each = speed(extract, paragraphs, seconds)
        lines.append(f"| {name} | {whole:.3f} | {each:.3f} | {import_ms(modules[name]):.0f} |")
    lines.append(f"| (pydantic alone, for reference) | | | {import_ms('pydantic'):.0f} |")
    lines += ["", "| helper | on | right |", "|---|---|---|"]
    lines += helper_libraries(
        sample_expected() + [e for c in fixture_cases("figures_forms.txt") for e in c.expected]
    )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
