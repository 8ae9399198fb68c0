"""Shared fixtures: the bundled sample and small fixture transcripts in tests/data."""

from __future__ import annotations

from pathlib import Path

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
