"""Shared set-up of the CLI tests: the sample and every fixture file as one library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA
from tui.cli import main


@pytest.fixture(scope="module")
def fixtures_library(tmp_path_factory: pytest.TempPathFactory, sample_file: Path) -> Path:
    """The sample and every fixture file, copied (some are not transcripts: skipped)."""
    root = tmp_path_factory.mktemp("fixtures") / "library"
    shutil.copytree(DATA, root)
    shutil.copy(sample_file, root / sample_file.name)
    return root


@pytest.fixture(scope="module")
def fixtures_index(fixtures_library: Path) -> Path:
    """That library indexed: commands load its transcripts as kept there (parse once)."""
    target = fixtures_library.parent / "index"
    assert main(["index", str(fixtures_library), "--index-dir", str(target)]) == 0
    return target
