"""The crash test's own steps (benchmarks/crash.py), on a tiny library."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _crash() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_harness", ROOT / "benchmarks" / "crash.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_changing_a_library_again_passes_over_a_folder_named_like_a_file(tmp_path: Path) -> None:
    """A file a change replaced by a folder ("b-03.txt/") keeps its name; a later change
    must neither edit it as a file (the 5,000-file run stopped on that) nor add a new file
    under a name that is a folder now."""
    crash = _crash()
    lib = tmp_path / "lib"
    lib.mkdir()
    for number in range(8):
        (lib / f"b-{number:02d}.txt").write_text("MR A: Hello.\n", encoding="utf-8")
    rng = random.Random(15)
    for _ in range(4):
        crash.change_library(lib, rng, 8)
    assert [p for p in lib.rglob("*.txt") if p.is_dir()]  # the folders were there each time
