"""A very long briefing of short turns, made from the sample's sentences (deterministic).

Issue 14's "big.txt": 400,000 short turns, about 10.6 MB. Each turn is a few words cut from
one of the sample's sentences (numbers and all), spoken by an official, the moderator or an
anonymous reporter in turn, one `LABEL: words` line per turn:

    python benchmarks/big_transcript.py benchmarks/data/big.txt     # 400,000 turns
    python benchmarks/big_transcript.py out.txt --turns 1000

The same arguments always write the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from search_index.sample import sample_path

#: Who speaks: officials answer, the moderator calls, "Q" asks (labels as in wire transcripts).
LABELS = ("SHEN", "XING", "Q", "HE", "Q", "YU")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sample_sentences() -> list[str]:
    """The prose sentences of the sample (lines of more than 60 characters), in order."""
    text = sample_path().read_text(encoding="utf-8")
    sentences: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if len(line) > 60:
            sentences.extend(s for s in _SENTENCE.split(line) if len(s.split()) >= 4)
    return sentences


def pieces(sentences: list[str], rng: random.Random) -> list[str]:
    """Every sentence cut into runs of 2 to 5 words, the last run keeping its full stop."""
    out: list[str] = []
    for sentence in sentences:
        words = sentence.split()
        i = 0
        while i < len(words):
            n = rng.randint(2, 5)
            piece = " ".join(words[i : i + n])
            out.append(piece if piece[-1] in ".!?" else piece + ".")
            i += n
    return out


def big_transcript(turns: int = 400_000, seed: int = 14) -> str:
    """The text of a briefing with `turns` short turns."""
    rng = random.Random(seed)
    pool = pieces(sample_sentences(), rng)
    lines = [
        "SCIO briefing on intellectual property protection (synthetic long transcript)",
        "Beijing | 10 a.m. April 25, 2021",
        "",
    ]
    at = 0
    for i in range(turns):
        label = LABELS[i % len(LABELS)]
        lines.append(f"{label}: {pool[at]}")
        at = (at + 1) % len(pool)
        if at == 0:
            rng.shuffle(pool)
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write the file and say how big it is."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="where to write the transcript")
    parser.add_argument("--turns", type=int, default=400_000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    text = big_transcript(args.turns, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {args.turns:,} turns, {len(text.encode('utf-8')) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
