"""A synthetic library grown from the real sample: its turns' sentences recombined into
briefings, so that words repeat across many turns as in a real library (deterministic)."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from search_index.models import Transcript

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
OUTLETS = ("China Daily", "Reuters", "Phoenix TV", "Caixin", "CGTN")
OFFICIALS = ("Shen Changyu", "He Zhimin", "Yu Cike")


def write_library(sample: Transcript, folder: Path, files: int, seed: int = 5) -> list[Path]:
    """Write `files` briefings of 8–14 turns each into `folder`; their paths in order."""
    rng = random.Random(seed)
    sentences = [s for t in sample.turns for p in t.paragraphs for s in _SENTENCE.split(p)]
    sentences = [s for s in sentences if len(s) > 25]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(files):
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
        lines = [
            f"Press conference number {number}",
            f"Beijing | {day.strftime('%B')} {day.day}, {day.year}",
            "",
        ]
        for turn in range(rng.randint(8, 14)):
            asking = turn % 2 == 1
            speaker = rng.choice(OUTLETS if asking else OFFICIALS)
            body = " ".join(
                rng.choice(sentences) for _ in range(rng.randint(1, 3 if asking else 8))
            )
            lines += [f"{speaker}:", "", body, ""]
        path = folder / f"briefing-{number:03d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths
