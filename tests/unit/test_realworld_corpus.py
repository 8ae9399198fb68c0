"""The real-world corpus is well formed and benchmarks/fidelity.py scores all of it.

These tests check the corpus and the scorer, not the parser's quality: how well the parser does
on the corpus is measured by the scorer and recorded in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "realworld"
SCRIPT = ROOT / "benchmarks" / "fidelity.py"
NOT_TRANSCRIPTS = {"README.md", "SOURCES.md"}


@pytest.fixture(scope="module")
def fidelity() -> ModuleType:
    """benchmarks/fidelity.py, loaded by path (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location("fidelity_under_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def transcripts() -> list[Path]:
    """The corpus files that are transcripts (not annotations, README or SOURCES)."""
    return sorted(
        p
        for p in CORPUS.iterdir()
        if p.is_file() and p.name not in NOT_TRANSCRIPTS and not p.name.endswith(".expected.json")
    )


def annotation_files() -> dict[str, dict[str, Any]]:
    """Every annotation, by the file it annotates."""
    found = {}
    for path in sorted(CORPUS.glob("*.expected.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        found[annotation["file"]] = annotation
    return found


def sources() -> dict[str, dict[str, str]]:
    """SOURCES.md as {file name: {field: value}}, from `## NAME` headings and `- Field:` lines."""
    entries: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in (CORPUS / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = entries.setdefault(line[3:].strip(), {})
        elif current is not None and (m := re.match(r"- ([A-Z][\w ]*): (.+)", line)):
            current[m.group(1)] = m.group(2).strip()
    return entries


def test_corpus_size() -> None:
    """At least 20 transcripts from at least 10 publishers."""
    files = transcripts()
    assert len(files) >= 20
    entries = sources()
    publishers = {
        re.sub(r"\s*\(.*\)$", "", entries[p.name]["Publisher"]) for p in files if p.name in entries
    }
    assert len(publishers) >= 10, sorted(publishers)


def test_every_transcript_is_annotated_and_sourced() -> None:
    """Each transcript has an annotation and a SOURCES.md entry with every field, and back."""
    names = {p.name for p in transcripts()}
    annotated = annotation_files()
    entries = sources()
    assert names == set(annotated), names ^ set(annotated)
    assert names == set(entries), names ^ set(entries)
    fields = {"Publisher", "Event", "Date", "Original", "Copy from", "Format", "Shortened"}
    for name, entry in entries.items():
        assert fields <= set(entry), (name, fields - set(entry))
        assert entry["Date"] == annotated[name]["date"], name
    for path in CORPUS.glob("*.expected.json"):
        annotated_file = json.loads(path.read_text(encoding="utf-8"))["file"]
        assert path.name == Path(annotated_file).stem + ".expected.json"


def test_file_names_and_sizes() -> None:
    """Names are publisher-YYYY-MM-DD-slug.ext and no file is over about 150 KB."""
    for path in transcripts():
        assert re.fullmatch(r"[a-z-]+-\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.(txt|md|html)", path.name)
        assert path.stat().st_size <= 160_000, path.name


@pytest.mark.parametrize("name", sorted(annotation_files()))
def test_annotation_is_valid(fidelity: ModuleType, name: str) -> None:
    """Each annotation passes the scorer's checks and is consistent in itself."""
    annotation = annotation_files()[name]
    assert fidelity.validate(annotation) == []
    assert annotation["turn_count"] == len(annotation["turns"])
    speakers = {s["name"] for s in annotation["speakers"]}
    reporters = {r["name"] for r in annotation.get("reporters", [])}
    assert speakers == {t["speaker"] for t in annotation["turns"]}  # nobody listed who never speaks
    questions = [e["question_turn"] for e in annotation["exchanges"]]
    assert questions == sorted(set(questions))  # in order, one exchange per question turn
    for exchange in annotation["exchanges"]:
        assert exchange["asker"] in speakers | reporters
        assert set(exchange["answered_by"]) <= speakers


def test_empty_labels_only_for_an_unlabelled_speaker(fidelity: ModuleType) -> None:
    """A speaker needs labels, unless the annotation marks it as never labelled by the document."""
    annotation = {
        "file": "x.txt",
        "title": None,
        "date": None,
        "place": None,
        "speakers": [
            {"name": "Christine Lagarde", "kind": "official", "labels": ["President"]},
            {"name": "Question", "kind": "press", "labels": []},
        ],
        "turn_count": 2,
        "turns": [
            {"speaker": "Question", "kind": "press", "first_words": "Will you hike?"},
            {"speaker": "Christine Lagarde", "kind": "official", "first_words": "We shall see."},
        ],
        "exchanges": [],
    }
    assert fidelity.validate(annotation) == ["speaker 'Question' has no labels"]
    annotation["speakers"][1]["unlabelled"] = True
    assert fidelity.validate(annotation) == []


def test_scorer_scores_every_file(fidelity: ModuleType) -> None:
    """The scorer returns a result for every file, none of them an invalid annotation."""
    scores = fidelity.run(CORPUS)
    assert sorted(s.name for s in scores) == sorted(annotation_files())
    for score in scores:
        assert not (score.error or "").startswith("invalid annotation"), score.error
        assert score.annotated_turns > 0
        for metric in fidelity.METRICS:
            value = score.value(metric)
            assert value is None or 0.0 <= value <= 1.0, (score.name, metric)
    total = fidelity.overall(scores)
    assert set(total.micro) == set(total.macro) == set(fidelity.METRICS)


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    """A corpus of two real files with their annotations (the scorer's CLI, quickly)."""
    for name in [p.name for p in transcripts()][:2]:
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
        stem = Path(name).stem + ".expected.json"
        (tmp_path / stem).write_bytes((CORPUS / stem).read_bytes())
    return tmp_path


def test_default_output_ends_with_a_summary(
    fidelity: ModuleType, small_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last line of the default output is the one overall summary line."""
    assert fidelity.main(["--corpus", str(small_corpus)]) == 0
    out = capsys.readouterr().out.rstrip("\n").splitlines()
    assert out[-1].startswith("fidelity on 2 files (0 rejected), micro: turns F1 ")
    assert "answered-by" in out[-1]
    assert any(line.startswith("| **overall (micro)**") for line in out)
    assert any(line.startswith("| **overall (macro)**") for line in out)


def test_json_and_one_file(
    fidelity: ModuleType, small_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json is machine-readable; --file scores one file and shows a diff."""
    assert fidelity.main(["--corpus", str(small_corpus), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["files"]) == 2
    assert set(data["overall"]) == {"micro", "macro"}
    name = transcripts()[0].name
    assert fidelity.main(["--corpus", str(small_corpus), "--file", name]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"== {name}")
    assert "turns:" in out
    assert out.rstrip("\n").splitlines()[-1].startswith("fidelity on 1 files")
    assert fidelity.main(["--corpus", str(small_corpus), "--file", "no-such-file.txt"]) == 2


def test_rejected_file_scores_zero(fidelity: ModuleType, small_corpus: Path) -> None:
    """A file the parser cannot read scores zero with the reason; the run does not stop."""
    annotation = next(iter(annotation_files().values()))
    broken = dict(annotation, file="broken-2000-01-01-empty.txt")
    (small_corpus / "broken-2000-01-01-empty.txt").write_bytes(b"")
    (small_corpus / "broken-2000-01-01-empty.expected.json").write_text(
        json.dumps(broken), encoding="utf-8"
    )
    scores = {s.name: s for s in fidelity.run(small_corpus)}
    assert len(scores) == 3
    bad = scores.pop("broken-2000-01-01-empty.txt")
    assert bad.error and "empty" in bad.error
    assert bad.matched_turns == 0
    assert all(bad.value(m) in (0.0, None) for m in fidelity.METRICS)
    assert all(s.error is None for s in scores.values())
