"""Fixtures shared by the app tests: indexes built once per session, and no user folder.

Each index is built the way `pressroom index` builds it, so the apps find it up to date and
never write to it; treat them as read-only (a test that changes its library builds its own).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.app import build_index
from tests.support.insights import LIBRARY as INSIGHTS_LIBRARY

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(autouse=True)
def no_user_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """User folders, the index folder and the current folder (where exports go) all point
    into tmp, and no editor of the user's is opened."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("PRESSROOM_INDEX_DIR", str(tmp_path / "xdg-index"))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory, sample_file: Path) -> Path:
    """An index of the bundled sample (the app's default library)."""
    return build_index(tmp_path_factory.mktemp("sample-index"), [sample_file])


@pytest.fixture(scope="session")
def five_briefings(sample_file: Path) -> list[Path]:
    """Five briefings: 2020-04-24, 2021-04-25 (two), 2023-03-14 and 2023-04-20."""
    return [DATA / "app", INSIGHTS_LIBRARY, sample_file]


@pytest.fixture(scope="session")
def five_briefings_index(
    tmp_path_factory: pytest.TempPathFactory, five_briefings: list[Path]
) -> Path:
    """An index of `five_briefings`."""
    return build_index(tmp_path_factory.mktemp("five-briefings-index"), five_briefings)


@pytest.fixture(scope="session")
def insights_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the two briefings of the ledger, statistics and kwic tests."""
    return build_index(tmp_path_factory.mktemp("insights-index"), [INSIGHTS_LIBRARY])
