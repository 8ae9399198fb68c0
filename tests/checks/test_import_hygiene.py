"""Import rules: the domain never imports Textual or the app; the app is in layers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import importlib, pkgutil, sys
import search_index
for module in pkgutil.walk_packages(search_index.__path__, "search_index."):
    importlib.import_module(module.name)
bad = sorted(name for name in sys.modules if name.split(".")[0] in {"textual", "tui"})
print(",".join(bad))
"""


def test_search_index_imports_no_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == ""


def test_import_linter_contract() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(lint).exists():
        pytest.skip("import-linter is not installed")
    result = subprocess.run([lint], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
