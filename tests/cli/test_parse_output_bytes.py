"""`pressroom parse` prints the same bytes as before on the sample, every fixture and every
corpus file: a change to how the parser works inside (speed, memory) never changes its output.

Each file is parsed through the command line in-process, with and without `--json`, and the
SHA-256 of standard output and standard error is compared with the digest stored in
`tests/data/parse_output_digests.json`. A deliberate change of the parser's output (a new
rule) regenerates that file, and the commit says why:

    python -m tests.cli.test_parse_output_bytes --write
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = ROOT / "tests" / "data" / "parse_output_digests.json"
SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
#: Files of the data folder that document it rather than hold a transcript.
NOT_TRANSCRIPTS = frozenset({"README.md", "SOURCES.md"})


def parsed_files() -> list[str]:
    """The sample and every transcript-like file under tests/data, relative to the root."""
    found = [ROOT / "assets" / "scio-2021-04-25-ipr-briefing.txt"]
    found += sorted(
        path
        for path in (ROOT / "tests" / "data").rglob("*")
        if path.is_file() and path.suffix in SUFFIXES and path.name not in NOT_TRANSCRIPTS
    )
    return [path.relative_to(ROOT).as_posix() for path in found]


@contextlib.contextmanager
def _at_root() -> Iterator[None]:
    before = Path.cwd()
    os.chdir(ROOT)  # the JSON names the file as given: relative to the project
    try:
        yield
    finally:
        os.chdir(before)


def output_digest(name: str, json_output: bool) -> str:
    """SHA-256 of what `pressroom parse NAME [--json]` writes (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["parse", name, *(["--json"] if json_output else [])]
    with _at_root(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    digest = hashlib.sha256()
    for part in (str(code), out.getvalue(), err.getvalue()):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def all_digests() -> dict[str, dict[str, str]]:
    return {
        name: {"json": output_digest(name, True), "summary": output_digest(name, False)}
        for name in parsed_files()
    }


@pytest.fixture(scope="module")
def stored() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(DIGESTS.read_text(encoding="utf-8"))
    return data


def test_every_file_has_a_stored_digest(stored: dict[str, dict[str, str]]) -> None:
    assert sorted(stored) == parsed_files()


@pytest.mark.parametrize("name", parsed_files())
def test_parse_prints_the_same_bytes(stored: dict[str, dict[str, str]], name: str) -> None:
    assert {
        "json": output_digest(name, True),
        "summary": output_digest(name, False),
    } == stored.get(name)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.cli.test_parse_output_bytes --write")
    DIGESTS.write_text(json.dumps(all_digests(), indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {DIGESTS.relative_to(ROOT)}")
