"""Shared fixtures: the bundled sample and small fixture transcripts in tests/data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from search_index.models import Transcript
from search_index.sample import sample_path

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def sample_file() -> Path:
    """Path of the bundled sample briefing."""
    return sample_path()


@pytest.fixture(scope="session")
def sample_transcript(sample_file: Path) -> Transcript:
    """The bundled sample, parsed once per test session."""
    from search_index.parser import load_transcript

    return load_transcript(sample_file)


@pytest.fixture()
def data_dir() -> Path:
    """The folder of fixture transcripts."""
    return DATA


@pytest.fixture(scope="session")
def library_dir(tmp_path_factory: pytest.TempPathFactory, sample_file: Path) -> Path:
    """A small library (a copy): the sample, a second briefing and two files that are not."""
    import shutil

    root = tmp_path_factory.mktemp("library")
    shutil.copytree(DATA / "library", root, dirs_exist_ok=True)
    shutil.copy(sample_file, root / sample_file.name)
    return root


@pytest.fixture(scope="session")
def library_index(tmp_path_factory: pytest.TempPathFactory, library_dir: Path) -> Iterator[Any]:
    """A search index of `library_dir`, built once per session; treat it as read-only."""
    from search_index.index import LibraryIndex

    index = LibraryIndex.open(tmp_path_factory.mktemp("index"))
    index.update([library_dir])
    yield index
    index.close()
