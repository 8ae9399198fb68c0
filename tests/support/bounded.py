"""Running `pressroom` on a hostile input in a child process whose memory is capped.

A regression on an alias bomb or a device file would eat the machine's memory, or hang
forever on a named pipe: the child gets an address-space limit, and a generous wait
turns a hang into a failure. Neither is a speed check.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Address space the child may use (Python and its libraries take ~300 MB of it).
MEMORY_LIMIT = 1536 * 2**20
#: How long to wait before calling the child hung (not a speed check).
PATIENCE = 120.0


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_pressroom(
    arguments: Sequence[str], home: Path, stdin: bytes = b""
) -> subprocess.CompletedProcess[str]:
    """`pressroom ARGUMENTS…` with capped memory, user folders under `home`."""
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PRESSROOM_INDEX_DIR": str(home / "index"),
        "PYTHONPATH": str(ROOT),
        "COLUMNS": "200",
    }
    completed = subprocess.run(
        [sys.executable, "-m", "tui", *arguments],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=home,
        timeout=PATIENCE,
        preexec_fn=_cap_memory,
        check=False,
    )
    return subprocess.CompletedProcess(
        completed.args,
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )
