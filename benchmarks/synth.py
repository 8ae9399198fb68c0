"""Synthetic libraries for the search benchmark, grown from the sample briefing.

Each synthetic briefing has a moderator's opening, question/answer exchanges and a close,
like the sample. Turn texts are the sample's paragraphs, shuffled and perturbed: sentences
are recombined across paragraphs, numbers changed, and a few words respelt so the
vocabulary keeps growing with the corpus as real text does. Deterministic for a seed.

    python benchmarks/synth.py 10000                  # → benchmarks/data/synth-10000/
    python benchmarks/synth.py 12000 --per-file 12    # 1,000 briefings of 12 turns
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from pathlib import Path

from search_index.parser import load_transcript
from search_index.sample import sample_path

DATA = Path(__file__).parent / "data"

OFFICIALS = [
    ("Shen Changyu", "commissioner of the China National Intellectual Property Administration"),
    ("He Zhimin", "deputy commissioner of the China National Intellectual Property Administration"),
    ("Yu Cike", "director general of the Copyright Management Department"),
    ("Lin Qiao", "spokesperson of the Ministry of Foreign Affairs"),
    ("Wang Pei", "vice minister of commerce"),
    ("Zhou Lan", "deputy governor of the central bank"),
    ("Guo Ming", "director of the National Bureau of Statistics"),
    ("Tang Rui", "vice minister of industry and information technology"),
]
MODERATORS = ["Xing Huina", "Zhao Min", "Shou Xiaoli", "Chen Wenjun"]
OUTLETS = [
    "China Media Group", "Guangming Daily", "China Daily", "Phoenix TV", "Red Star News",
    "ThePaper.cn", "CRI", "Xinhua News Agency", "Reuters", "Bloomberg", "Caixin",
    "Economic Daily", "People's Daily", "Nikkei", "AFP", "CGTN",
]  # fmt: skip
TOPICS = [
    "intellectual property", "foreign trade", "the digital economy", "rural revitalization",
    "financial stability", "industrial policy", "employment", "consumer prices",
    "copyright protection", "green development", "the Belt and Road", "innovation",
]  # fmt: skip

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUMBER = re.compile(r"\d[\d,.]*")


class Generator:
    """Makes briefings from the sample's sentences."""

    def __init__(self, seed: int = 20211125) -> None:
        self.rng = random.Random(seed)
        sample = load_transcript(sample_path())
        self.questions: list[str] = []
        self.answers: list[str] = []
        for turn in sample.turns:
            sentences = [s for p in turn.paragraphs for s in _SENTENCE.split(p) if len(s) > 25]
            speaker = sample.speaker(turn.speaker)
            if speaker is not None and speaker.kind.value == "press":
                self.questions.extend(sentences)
            else:
                self.answers.extend(sentences)

    def _perturb(self, sentence: str) -> str:
        rng = self.rng
        sentence = _NUMBER.sub(lambda m: self._number(m.group()), sentence)
        words = sentence.split(" ")
        for i, word in enumerate(words):
            if len(word) > 6 and word.isalpha() and rng.random() < 0.03:
                # A respelt word: new vocabulary, as a bigger corpus brings.
                words[i] = word[:-2] + rng.choice("aeiouy") + word[-1] + rng.choice("sdnr")
        return " ".join(words)

    def _number(self, text: str) -> str:
        if self.rng.random() < 0.5:
            return text
        digits = [c for c in text if c.isdigit()]
        return "".join(
            self.rng.choice("0123456789") if c.isdigit() and len(digits) > 1 else c for c in text
        )

    def _paragraphs(self, pool: list[str], size: int) -> list[str]:
        rng = self.rng
        paragraphs: list[str] = []
        length = 0
        while length < size:
            count = rng.randint(2, 5)
            para = " ".join(self._perturb(rng.choice(pool)) for _ in range(count))
            paragraphs.append(para)
            length += len(para)
        return paragraphs

    def briefing(self, turns: int, number: int) -> str:
        """One briefing of about `turns` turns."""
        rng = self.rng
        topic = rng.choice(TOPICS)
        officials = rng.sample(OFFICIALS, k=rng.randint(1, 3))
        moderator = rng.choice(MODERATORS)
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        lines = [
            f"Press conference on {topic} (briefing {number})",
            f"Beijing | {day.strftime('%B')} {day.day}, {day.year}",
            "",
            "Speakers:",
            "",
        ]
        for name, role in officials:
            lines += [f"{name}, {role}", ""]
        lines += ["Chairperson:", "", f"{moderator}, spokesperson", ""]

        def turn(name: str, paragraphs: list[str]) -> None:
            lines.extend([f"{name}:", ""])
            for para in paragraphs:
                lines.extend([para, ""])

        turn(moderator, self._paragraphs(self.answers, 400))
        made = 1
        while made < turns - 1:
            turn(rng.choice(OUTLETS), self._paragraphs(self.questions, 250))
            made += 1
            for _ in range(rng.choice((1, 1, 1, 2))):
                if made >= turns - 1:
                    break
                turn(rng.choice(officials)[0], self._paragraphs(self.answers, 1400))
                made += 1
        turn(moderator, ["That concludes today's press conference. Thank you all."])
        return "\n".join(lines)


def library_folder(total_turns: int, per_file: int = 25) -> Path:
    """Where the library of `total_turns` turns in briefings of `per_file` turns lives."""
    name = f"synth-{total_turns}" if per_file == 25 else f"synth-{total_turns}-per-{per_file}"
    return DATA / name


def generate(total_turns: int, per_file: int = 25, seed: int = 20211125) -> Path:
    """Write a library of about `total_turns` turns in briefings of about `per_file` turns;
    returns its folder (reused if there)."""
    folder = library_folder(total_turns, per_file)
    stamp = folder / ".complete"
    if stamp.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    generator = Generator(seed)
    files = max(1, total_turns // per_file)
    for number in range(files):
        sub = folder / f"batch-{number // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = generator.briefing(per_file, number)
        (sub / f"briefing-{number:05d}.txt").write_text(text, encoding="utf-8")
    stamp.write_text("ok\n")
    return folder


def main() -> None:
    """Command line: generate libraries of the given sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("turns", type=int, nargs="+", help="library sizes in turns")
    parser.add_argument("--per-file", type=int, default=25, help="turns per briefing")
    args = parser.parse_args()
    for size in args.turns:
        print(generate(size, args.per_file))


if __name__ == "__main__":
    main()
