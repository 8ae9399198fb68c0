"""Parse once, same output: `stats`, `kwic`, `ledger`, `export` and `cite` print the same bytes
from the transcripts kept in the index as from a fresh parse, on the sample and on every
fixture transcript; and the run from the index parses none of the files it holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from search_index.index.manifest import load_manifest
from search_index.models import Transcript
from tui.cli import main


@pytest.fixture(scope="module")
def indexed(fixtures_index: Path) -> list[Path]:
    manifest = load_manifest(fixtures_index)
    assert manifest is not None
    return sorted(Path(src) for src, e in manifest.sources.items() if e.skipped is None)


@pytest.fixture(autouse=True)
def _isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PRESSROOM_INDEX_DIR", str(tmp_path / "default-index"))
    monkeypatch.setenv("COLUMNS", "160")


#: Each file parsed once for the module (the fresh runs call the parser's own function).
_PARSED: dict[Path, Transcript | Exception] = {}


@pytest.fixture()
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The files parsed from now on."""
    import search_index.library as library_module

    parsed: list[Path] = []
    real = library_module.load_one

    def counted(path: Path) -> Transcript:
        parsed.append(Path(path))
        key = Path(path).absolute()
        if key not in _PARSED:
            try:
                _PARSED[key] = real(path)
            except Exception as error:
                _PARSED[key] = error
        found = _PARSED[key]
        if isinstance(found, Exception):
            raise found
        return found.model_copy(update={"source": str(path)})

    monkeypatch.setattr(library_module, "load_one", counted)
    yield parsed


#: Each command: its words before the paths, and its options after them.
COMMANDS = [
    (["stats"], ["--json"]),
    (["stats"], ["--per-transcript"]),
    (["kwic", "patent"], ["--json"]),
    (["kwic", '"intellectual property"'], ["--width", "30"]),
    (["kwic", "financ*"], ["--csv"]),
    (["ledger"], ["--json"]),
    (["ledger"], ["--csv", "--sort", "value", "--desc"]),
    (["ledger"], ["--markdown", "--series"]),
    (["export", "figures"], []),
    (["export", "exchanges"], ["--csv"]),
]


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 0, argv
    return capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[0] + c[1]))
def test_kept_and_fresh_transcripts_give_the_same_bytes(
    command: tuple[list[str], list[str]],
    fixtures_library: Path,
    fixtures_index: Path,
    indexed: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    parses: list[Path],
) -> None:
    head, options = command
    nowhere = ["--index-dir", str(tmp_path / "no-index")]
    fresh = run(capsys, [*head, str(fixtures_library), *options, *nowhere])
    assert set(indexed) <= set(parses)
    parses.clear()
    kept = run(capsys, [*head, str(fixtures_library), *options, "--index-dir", str(fixtures_index)])
    assert kept == fresh
    assert not set(indexed) & set(parses)  # only the files the index skipped were read
    parses.clear()
    from_index = run(capsys, [*head, *options, "--index-dir", str(fixtures_index)])
    assert parses == []
    by_paths = run(capsys, [*head, *map(str, indexed), *options, *nowhere])
    assert from_index == by_paths


def test_cite_gives_the_same_bytes_for_every_kept_transcript(
    fixtures_index: Path,
    indexed: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    parses: list[Path],
) -> None:
    from search_index.library import load_one

    for path in indexed:
        count = len(load_one(path).turns)
        for turn in sorted({count // 2, count - 1}):
            parses.clear()
            argv = ["cite", str(path), "--turn", str(turn), "--format", "markdown"]
            kept = run(capsys, [*argv, "--index-dir", str(fixtures_index)])
            assert parses == []
            fresh = run(capsys, [*argv, "--index-dir", str(tmp_path / "no-index")])
            assert kept == fresh, (path, turn)
