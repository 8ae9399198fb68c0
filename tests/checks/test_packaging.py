"""A plain (non-editable) install carries the sample and finds it with importlib.resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = "search_index/samples/scio-2021-04-25-ipr-briefing.txt"


def test_wheel_ships_the_sample_and_finds_it(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("pressroom-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert SAMPLE in names
        assert archive.read(SAMPLE) == (ROOT / "assets" / Path(SAMPLE).name).read_bytes()
        assert not any(name.startswith("tests/") for name in names)
        archive.extractall(tmp_path / "site")
    probe = "from search_index.sample import sample_path; print(sample_path())"
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); {probe}",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert Path(result.stdout.strip()) == tmp_path / "site" / SAMPLE
