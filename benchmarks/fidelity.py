"""Parser fidelity on the real-world corpus: who spoke, who asked, who answered.

Run by hand: `python benchmarks/fidelity.py` (all files), `--json` (machine-readable), or
`--file NAME` (one file, with a turn-by-turn and exchange-by-exchange diff). Each corpus file in
tests/data/realworld/ has a hand-made annotation `NAME.expected.json` (guidelines in that
folder's README.md). Every file is parsed with `search_index.parser.load_transcript`; a file the
parser rejects scores zero on every metric, with the reason, and the run goes on.

Matching
  Words are compared after normalisation: case folded, apostrophes dropped, every other
  character that is not a letter or a digit read as a space; in turn texts, stage directions in
  parentheses or square brackets ("(Laughter.)", "[inaudible]") are left out on both sides,
  and annotated first words that stop inside one ("thanks, [senior") lose the unclosed part.
  A parsed speaker maps to the annotated speaker whose name or one of whose labels has the same
  key (honorifics such as "Mr", "Ms", "Dr", "The Hon" and label punctuation dropped), else to
  the only annotated speaker whose key contains all the words of the parsed key or whose words
  the parsed key contains. A speaker the document never labels (annotated "unlabelled") is
  matched by a parsed speaker named as an anonymous questioner ("Q").
  A parsed turn matches an annotated turn when its speaker maps to the annotated speaker and its
  text begins with the annotated first words.

Metrics (per file, and overall both micro, over all items pooled, and macro, the mean of the
per-file values; a file with no item for a metric is left out of that metric's macro mean)
  turns        F1 of turn starts: matched turns (a longest common subsequence of annotated and
               parsed turns under the turn match, so order counts) over annotated turns
               (recall) and over parsed turns (precision).
  kinds        share of annotated speakers whose kind equals the kind of the parsed speaker that
               maps to them (the one with most turns if several do); an unmapped speaker is wrong.
  exchanges    recall of annotated exchanges: an annotated exchange is found when a parsed
               exchange, aligned in order, has a question turn whose text begins with the
               annotated question's first words.
  askers       share of annotated exchanges found with the right asker: the parsed asker's key
               equals the annotated asker's key, or one's words contain the other's; an
               anonymous annotated asker (Q, Question, Journalist, Reporter) is matched by any
               anonymous parsed asker.
  answered-by  share of annotated exchanges found whose parsed answerers, mapped to annotated
               speakers, are exactly the annotated set (nobody missing, nobody extra).
  date         share of files whose parsed date equals the annotated ISO date (both absent counts).
  title        share of files whose parsed title equals the annotated title after normalisation.
  place        share of files whose parsed location equals the annotated place after
               normalisation (both absent counts).

The last line of the default output is one overall summary line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "realworld"
KINDS = frozenset({"official", "moderator", "press", "other"})
METRICS = ("turns", "kinds", "exchanges", "askers", "answered_by", "date", "title", "place")
HEADINGS = {
    "turns": "turns F1",
    "kinds": "kinds",
    "exchanges": "exchanges",
    "askers": "askers",
    "answered_by": "answered-by",
    "date": "date",
    "title": "title",
    "place": "place",
}
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "the", "hon", "honourable", "mp"})


# --- normalisation -------------------------------------------------------------------------


def words(text: str | None) -> list[str]:
    """The words of `text`, case folded, punctuation gone (apostrophes dropped)."""
    if not text:
        return []
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"['’‘`]", "", folded)
    return re.sub(r"[^\w]+|_", " ", folded).split()


def key(name: str | None) -> str:
    """A speaker or asker name reduced for comparison: its words without honorifics."""
    return " ".join(w for w in words(name) if w not in _HONORIFICS)


_STAGE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def spoken_words(text: str | None) -> list[str]:
    """The words of a turn's text without stage directions ("(Laughter.)", "[inaudible]")."""
    return words(_STAGE.sub(" ", text or ""))


_UNCLOSED = re.compile(r"[(\[][^()\[\]]*$")


def starts_with(text: str, first_words: str) -> bool:
    """Whether `text` begins with the spoken words of `first_words` (none: `text` has none).

    First words that stop inside a stage direction ("thanks, [senior") lose the unclosed part.
    """
    expected = spoken_words(_UNCLOSED.sub(" ", _STAGE.sub(" ", first_words)))
    spoken = spoken_words(text)
    return spoken[: len(expected)] == expected if expected else not spoken


def same_person(a: str | None, b: str | None) -> bool:
    """Equal keys, or the words of one name all in the other ("Hunnicutt", "Trevor Hunnicutt")."""
    ka, kb = key(a).split(), key(b).split()
    if not ka or not kb:
        return not ka and not kb
    return ka == kb or set(ka) <= set(kb) or set(kb) <= set(ka)


#: Press labels that name no one: an anonymous asker is right when the parser also has one.
ANONYMOUS_ASKERS = frozenset(
    {"q", "question", "questioner", "journalist", "reporter", "rptr", "jrnlst", "audience"}
)


def asker_right(parsed: str | None, expected: str) -> bool:
    """Same person, or both anonymous (any label that names no one, such as Q or Journalist)."""
    if key(expected) in ANONYMOUS_ASKERS:
        return key(parsed) in ANONYMOUS_ASKERS
    return same_person(parsed, expected)


def lcs_pairs(n: int, m: int, match: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of two sequences under `match`."""
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if match(i, j) else max(below[j], row[j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if match(i, j) and table[i][j] == table[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


# --- annotations ---------------------------------------------------------------------------


def validate(annotation: dict[str, Any]) -> list[str]:
    """Problems with one annotation (an empty list when it is well formed)."""
    problems: list[str] = []
    for name in ("file", "title", "date", "place", "speakers", "turn_count", "turns", "exchanges"):
        if name not in annotation:
            problems.append(f"missing {name!r}")
    if problems:
        return problems
    if annotation["date"] is not None and not re.fullmatch(
        r"\d{4}-\d{2}-\d{2}", annotation["date"]
    ):
        problems.append(f"date {annotation['date']!r} is not ISO")
    speakers = annotation["speakers"]
    names = [s.get("name") for s in speakers]
    if len(set(names)) != len(names):
        problems.append("speaker names repeat")
    for speaker in speakers:
        if speaker.get("kind") not in KINDS:
            problems.append(f"speaker {speaker.get('name')!r} has kind {speaker.get('kind')!r}")
        if not speaker.get("labels") and speaker.get("unlabelled") is not True:
            problems.append(f"speaker {speaker.get('name')!r} has no labels")
    turns = annotation["turns"]
    if annotation["turn_count"] != len(turns):
        problems.append(f"turn_count {annotation['turn_count']} but {len(turns)} turns")
    kinds = {s.get("name"): s.get("kind") for s in speakers}
    for i, turn in enumerate(turns):
        if turn.get("speaker") not in kinds:
            problems.append(f"turn {i}: unknown speaker {turn.get('speaker')!r}")
        elif turn.get("kind") != kinds[turn["speaker"]]:
            problems.append(f"turn {i}: kind {turn.get('kind')!r} differs from the speaker's")
        if not str(turn.get("first_words") or "").strip():
            problems.append(f"turn {i}: no first words")
    reporters = {r.get("name") for r in annotation.get("reporters", [])}
    for i, exchange in enumerate(annotation["exchanges"]):
        q = exchange.get("question_turn")
        if not isinstance(q, int) or not 0 <= q < len(turns):
            problems.append(f"exchange {i}: question_turn {q!r} out of range")
            continue
        if turns[q]["speaker"] not in kinds or kinds[turns[q]["speaker"]] not in {
            "press",
            "moderator",
        }:
            problems.append(f"exchange {i}: question turn {q} is not a press or moderator turn")
        if exchange.get("question") != turns[q].get("first_words"):
            problems.append(f"exchange {i}: question differs from turn {q}'s first words")
        asker = exchange.get("asker")
        if asker not in kinds and asker not in reporters:
            problems.append(f"exchange {i}: asker {asker!r} is neither a speaker nor a reporter")
        answered = exchange.get("answered_by") or []
        if not answered:
            problems.append(f"exchange {i}: nobody answers")
        for name in answered:
            if kinds.get(name) != "official":
                problems.append(f"exchange {i}: answerer {name!r} is not an official speaker")
        if len(set(answered)) != len(answered):
            problems.append(f"exchange {i}: an answerer repeats")
        handoff = exchange.get("handoff_to")
        if handoff is not None and handoff not in answered:
            problems.append(f"exchange {i}: hand-off to {handoff!r}, who does not answer")
    return problems


def load_corpus(corpus: Path) -> list[tuple[Path, dict[str, Any]]]:
    """(transcript file, annotation) for every annotation in `corpus`, sorted by file name."""
    pairs = []
    for path in sorted(corpus.glob("*.expected.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        pairs.append((corpus / annotation["file"], annotation))
    return pairs


# --- scoring -------------------------------------------------------------------------------


@dataclass
class Ratio:
    """A count of right items over a count of items."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class FileScore:
    """Everything measured on one corpus file."""

    name: str
    error: str | None = None
    annotated_turns: int = 0
    parsed_turns: int = 0
    matched_turns: int = 0
    kinds: Ratio = field(default_factory=Ratio)
    exchanges: Ratio = field(default_factory=Ratio)
    askers: Ratio = field(default_factory=Ratio)
    answered_by: Ratio = field(default_factory=Ratio)
    date: Ratio = field(default_factory=Ratio)
    title: Ratio = field(default_factory=Ratio)
    place: Ratio = field(default_factory=Ratio)
    diff: list[str] = field(default_factory=list)

    def turn_f1(self) -> float | None:
        return f1(self.matched_turns, self.annotated_turns, self.parsed_turns)

    def value(self, metric: str) -> float | None:
        if metric == "turns":
            return self.turn_f1()
        ratio: Ratio = getattr(self, metric)
        return ratio.value

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.name, "error": self.error}
        out["turns"] = {
            "annotated": self.annotated_turns,
            "parsed": self.parsed_turns,
            "matched": self.matched_turns,
            "f1": self.turn_f1(),
        }
        for metric in METRICS[1:]:
            ratio: Ratio = getattr(self, metric)
            out[metric] = {"right": ratio.right, "total": ratio.total, "value": ratio.value}
        return out


def f1(matched: int, annotated: int, parsed: int) -> float | None:
    """F1 of `matched` items against `annotated` (recall) and `parsed` (precision)."""
    if annotated == 0 and parsed == 0:
        return None
    if matched == 0:
        return 0.0
    recall, precision = matched / annotated, matched / parsed
    return 2 * recall * precision / (recall + precision)


class SpeakerMap:
    """Maps parsed speaker names to annotated speaker names."""

    def __init__(self, annotated: Sequence[dict[str, Any]], parsed: Sequence[Any]) -> None:
        self._keys: dict[str, set[str]] = {
            s["name"]: {key(s["name"]), *(key(label) for label in s["labels"])} - {""}
            for s in annotated
        }
        # A speaker the document never labels is matched by the parser's anonymous name for
        # a questioner ("Q"), as an anonymous asker is.
        unlabelled = [s["name"] for s in annotated if s.get("unlabelled") is True]
        if len(unlabelled) == 1:
            self._keys[unlabelled[0]] |= ANONYMOUS_ASKERS
        self._parsed = {p.name: p for p in parsed}
        self._cache: dict[str, str | None] = {}

    def __call__(self, parsed_name: str | None) -> str | None:
        if parsed_name is None:
            return None
        if parsed_name not in self._cache:
            self._cache[parsed_name] = self._resolve(parsed_name)
        return self._cache[parsed_name]

    def _resolve(self, parsed_name: str) -> str | None:
        speaker = self._parsed.get(parsed_name)
        names = [parsed_name, *(speaker.aliases if speaker is not None else ())]
        candidates = {key(n) for n in names} - {""}
        exact = [a for a, keys in self._keys.items() if candidates & keys]
        if len(exact) == 1:
            return exact[0]
        near = [
            a
            for a, keys in self._keys.items()
            if any(same_person(c, k) for c in candidates for k in keys)
        ]
        return near[0] if len(near) == 1 else None


def score_file(path: Path, annotation: dict[str, Any], want_diff: bool = False) -> FileScore:
    """Parse one corpus file and compare it with its annotation."""
    from search_index.parser import load_transcript

    score = FileScore(name=path.name)
    turns = annotation["turns"]
    exchanges = annotation["exchanges"]
    score.annotated_turns = len(turns)
    score.kinds.total = len(annotation["speakers"])
    score.exchanges.total = score.askers.total = score.answered_by.total = len(exchanges)
    score.date.total = score.title.total = score.place.total = 1
    try:
        transcript = load_transcript(path)
    except Exception as error:  # a rejected file scores zero, with the reason
        score.error = f"{type(error).__name__}: {error}"
        score.diff.append(f"parser rejected the file: {score.error}")
        return score

    speaker_of = SpeakerMap(annotation["speakers"], transcript.speakers)
    parsed_turns = transcript.turns
    score.parsed_turns = len(parsed_turns)

    def turn_match(i: int, j: int) -> bool:
        return speaker_of(parsed_turns[j].speaker) == turns[i]["speaker"] and starts_with(
            parsed_turns[j].text, turns[i]["first_words"]
        )

    turn_pairs = lcs_pairs(len(turns), len(parsed_turns), turn_match)
    score.matched_turns = len(turn_pairs)

    turn_counts = Counter(t.speaker for t in parsed_turns)
    for speaker in annotation["speakers"]:
        mapped = [p for p in transcript.speakers if speaker_of(p.name) == speaker["name"]]
        mapped.sort(key=lambda p: -turn_counts[p.name])
        parsed_kind = str(mapped[0].kind) if mapped else None
        right = parsed_kind == speaker["kind"]
        score.kinds.right += right
        if want_diff and not right:
            got = f"{mapped[0].name!r} is {parsed_kind}" if mapped else "no parsed speaker"
            score.diff.append(f"kind   {speaker['name']!r}: expected {speaker['kind']}, {got}")

    parsed_exchanges = transcript.exchanges

    def question_text(j: int) -> str:
        turn = parsed_exchanges[j].question_turn
        return parsed_turns[turn].text if 0 <= turn < len(parsed_turns) else ""

    exchange_pairs = lcs_pairs(
        len(exchanges),
        len(parsed_exchanges),
        lambda i, j: starts_with(question_text(j), exchanges[i]["question"]),
    )
    found = dict(exchange_pairs)
    score.exchanges.right = len(exchange_pairs)
    exchange_lines: list[str] = []
    for i, expected in enumerate(exchanges):
        if i not in found:
            exchange_lines.append(
                f"  ✗ missing  {expected['question'][:60]!r} ({expected['asker']})"
            )
            continue
        parsed = parsed_exchanges[found[i]]
        right_asker = asker_right(parsed.asker, expected["asker"])
        answerers = {speaker_of(n) or f"?{n}" for n in parsed.answered_by}
        answered_right = answerers == set(expected["answered_by"])
        score.askers.right += right_asker
        score.answered_by.right += answered_right
        if want_diff:
            mark = "✓" if right_asker and answered_right else "✗"
            line = f"  {mark} {expected['question'][:48]!r}"
            if not right_asker:
                line += f" | asker {parsed.asker!r}, expected {expected['asker']!r}"
            if not answered_right:
                wanted = sorted(expected["answered_by"])
                line += f" | answered by {sorted(answerers)}, expected {wanted}"
            parsed_handoff = speaker_of(parsed.handoff_to) if parsed.handoff_to else None
            if parsed_handoff != expected.get("handoff_to"):
                line += f" | hand-off {parsed_handoff!r}, expected {expected.get('handoff_to')!r}"
            exchange_lines.append(line)

    expected_date = annotation["date"]
    parsed_date = transcript.date.isoformat() if transcript.date else None
    score.date.right = int(parsed_date == expected_date)
    score.title.right = int(words(transcript.title) == words(annotation["title"]))
    score.place.right = int(words(transcript.location) == words(annotation["place"]))

    if want_diff:
        score.diff.extend(_turn_diff(turns, parsed_turns, turn_pairs, speaker_of))
        extra = len(parsed_exchanges) - len(exchange_pairs)
        score.diff.append(
            f"exchanges: {len(exchange_pairs)} of {len(exchanges)} found, "
            f"{extra} parsed exchanges match none"
        )
        score.diff.extend(exchange_lines)
        for label, parsed_value, expected_value in (
            ("date", parsed_date, expected_date),
            ("title", transcript.title, annotation["title"]),
            ("place", transcript.location, annotation["place"]),
        ):
            mark = "✓" if words(parsed_value) == words(expected_value) else "✗"
            score.diff.append(
                f"{mark} {label}: parsed {parsed_value!r}, expected {expected_value!r}"
            )
        for warning in transcript.warnings:
            score.diff.append(f"  parser warning: {warning}")
    return score


def _turn_diff(
    turns: Sequence[dict[str, Any]],
    parsed_turns: Sequence[Any],
    pairs: Sequence[tuple[int, int]],
    speaker_of: SpeakerMap,
) -> list[str]:
    lines = [f"turns: {len(pairs)} matched, {len(turns)} annotated, {len(parsed_turns)} parsed"]
    i = j = 0
    for pi, pj in [*pairs, (len(turns), len(parsed_turns))]:
        while i < pi:
            t = turns[i]
            lines.append(f"  - a{i:<3d} {t['speaker'][:24]:<24s} {t['first_words'][:56]!r}")
            i += 1
        while j < pj:
            p = parsed_turns[j]
            mapped = speaker_of(p.speaker) or "?"
            text = " ".join(p.text.split()[:9])
            lines.append(f"  + p{j:<3d} {p.speaker[:24]:<24s} ({mapped[:16]}) {text[:56]!r}")
            j += 1
        if pi < len(turns):
            lines.append(f"    a{pi:<3d}= p{pj:<3d} {turns[pi]['speaker'][:24]}")
            i, j = pi + 1, pj + 1
    return lines


# --- reporting -----------------------------------------------------------------------------


@dataclass
class Overall:
    """Corpus-wide values of every metric, pooled (micro) and averaged per file (macro)."""

    micro: dict[str, float | None]
    macro: dict[str, float | None]


def overall(scores: Sequence[FileScore]) -> Overall:
    """Micro and macro values of every metric over `scores`."""
    micro: dict[str, float | None] = {
        "turns": f1(
            sum(s.matched_turns for s in scores),
            sum(s.annotated_turns for s in scores),
            sum(s.parsed_turns for s in scores),
        )
    }
    for metric in METRICS[1:]:
        pooled = Ratio(
            sum(getattr(s, metric).right for s in scores),
            sum(getattr(s, metric).total for s in scores),
        )
        micro[metric] = pooled.value
    macro: dict[str, float | None] = {}
    for metric in METRICS:
        values = [v for s in scores if (v := s.value(metric)) is not None]
        macro[metric] = sum(values) / len(values) if values else None
    return Overall(micro, macro)


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def table(scores: Sequence[FileScore], total: Overall) -> list[str]:
    """A Markdown table: one row per file, then the micro and macro rows."""
    lines = [
        "| file | " + " | ".join(HEADINGS[m] for m in METRICS) + " |",
        "|---|" + "---|" * len(METRICS),
    ]
    for s in scores:
        cells = [_cell(s.value(m)) for m in METRICS]
        name = s.name + (f" (rejected: {s.error})" if s.error else "")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for label, values in (("overall (micro)", total.micro), ("overall (macro)", total.macro)):
        lines.append(f"| **{label}** | " + " | ".join(_cell(values[m]) for m in METRICS) + " |")
    return lines


def summary(scores: Sequence[FileScore], total: Overall, seconds: float) -> str:
    """The one-line overall summary (micro values)."""
    parts = ", ".join(f"{HEADINGS[m]} {_cell(total.micro[m])}" for m in METRICS)
    rejected = sum(1 for s in scores if s.error)
    return (
        f"fidelity on {len(scores)} files ({rejected} rejected), micro: {parts} [{seconds:.1f} s]"
    )


def run(corpus: Path, only: str | None = None, want_diff: bool = False) -> list[FileScore]:
    """Score every annotated file of `corpus` (or only the one named `only`)."""
    pairs = load_corpus(corpus)
    if only is not None:
        pairs = [(p, a) for p, a in pairs if only in {p.name, p.stem, a["file"]}]
    scores = []
    for path, annotation in pairs:
        problems = validate(annotation)
        if problems:
            score = FileScore(name=path.name, error="invalid annotation: " + "; ".join(problems))
            scores.append(score)
            continue
        scores.append(score_file(path, annotation, want_diff=want_diff))
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    """Score the corpus and print the results."""
    parser = argparse.ArgumentParser(description="Parser fidelity on the real-world corpus.")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of the corpus")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--file", help="score one file and show what differs")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    scores = run(args.corpus, only=args.file, want_diff=bool(args.file))
    if not scores:
        target = f"no annotated file named {args.file!r}" if args.file else "no annotated files"
        print(f"fidelity: {target} in {args.corpus}", file=sys.stderr)
        return 2
    total = overall(scores)
    seconds = time.perf_counter() - start
    if args.json:
        print(
            json.dumps(
                {
                    "files": [s.to_json() for s in scores],
                    "overall": {"micro": total.micro, "macro": total.macro},
                    "seconds": round(seconds, 3),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    if args.file:
        for s in scores:
            print(f"== {s.name}")
            print("\n".join(s.diff))
    print("\n".join(table(scores, total)))
    print(summary(scores, total, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
