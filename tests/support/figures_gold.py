"""Readers for the hand-made figure lists in tests/data (shared by tests and the benchmark)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent.parent / "data"


@dataclass(frozen=True)
class Expected:
    """One figure a reader expects: where it is and what it means."""

    context: str
    text: str
    value: float
    unit: str | None
    kind: str
    qualifier: str | None
    low: float | None = None
    high: float | None = None
    label: str | None = None


def _none(field: str) -> str | None:
    return None if field == "-" else field


def parse_expected_line(line: str) -> Expected:
    """`context | text | value | unit | kind | qualifier [| low=… high=…] [| label=…]`."""
    fields = [f.strip() for f in line.split(" | ")]
    context, text, value, unit, kind, qualifier, *extra = fields
    low = high = None
    label = None
    for item in extra:
        for part in item.split("  "):
            part = part.strip()
            if part.startswith("low="):
                low = float(part[4:])
            elif part.startswith("high="):
                high = float(part[5:])
            elif part.startswith("label="):
                label = part[6:]
    return Expected(
        context=context,
        text=text.replace("\\n", "\n"),
        value=float(value),
        unit=_none(unit),
        kind=kind,
        qualifier=_none(qualifier),
        low=low,
        high=high,
        label=label,
    )


def sample_expected() -> list[Expected]:
    """The hand-made list of every figure in the bundled sample."""
    lines = (DATA / "figures_sample_expected.txt").read_text(encoding="utf-8").splitlines()
    return [parse_expected_line(line) for line in lines if line.strip() and line[0] != "#"]


def sample_traps() -> list[str]:
    """Snippets of the sample whose numbers are not figures."""
    lines = (DATA / "figures_sample_traps.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and line[0] != "#"]


def snippet_pattern(snippet: str) -> re.Pattern[str]:
    """A pattern for `snippet` in which any run of spaces matches any whitespace (NBSP too)."""
    return re.compile(r"\s+".join(re.escape(part) for part in snippet.split()))


@dataclass(frozen=True)
class Case:
    """A fixture sentence and every figure expected in it (none for a trap)."""

    text: str
    expected: tuple[Expected, ...]
    line: int


def fixture_cases(name: str) -> list[Case]:
    """Cases of a tests/data/figures_*.txt fixture.

    A case starts with "> text" (`\\n` in it stands for a line break); the lines after it
    are its figures as `text | value | unit | kind | qualifier [| low=… high=…] [| label=…]`,
    or "(none)".
    """
    cases: list[Case] = []
    text: str | None = None
    expected: list[Expected] = []
    start = 0
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("> "):
            if text is not None:
                cases.append(Case(text, tuple(expected), start))
            text, expected, start = line[2:].replace("\\n", "\n"), [], number
        elif line.strip() == "(none)":
            continue
        else:
            expected.append(parse_expected_line(f"- | {line}"))
    if text is not None:
        cases.append(Case(text, tuple(expected), start))
    return cases
