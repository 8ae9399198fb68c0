"""A killed update leaves nothing behind: its worker processes die with it, the lock is
free at once, and the next update gives what a clean build gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from search_index.index import LibraryIndex

BRIEFING = """\
Press briefing number {n}
Beijing | May 3, 2022

Lin Qiao:

Good afternoon. Today we discuss topic{n} and the shared agenda.

Reuters:

What is the ministry doing about topic{n}?

Lin Qiao:

We are working hard on topic{n} and will publish a detailed plan soon.
"""

KILLED_MID_UPDATE = textwrap.dedent(
    """
    import multiprocessing, sys, time
    from pathlib import Path
    import search_index.index.writing as writing
    from search_index.index import LibraryIndex

    writing.PARALLEL_FILES = 5
    writing.FILES_PER_JOB = 1
    pids = Path(sys.argv[3])

    def stall(step):
        if step.files_done == 2 and not pids.exists():
            children = [p.pid for p in multiprocessing.active_children()]
            pids.write_text(" ".join(map(str, children)))
            time.sleep(120)  # killed here, workers busy or waiting for more

    index = LibraryIndex.open(Path(sys.argv[1]))
    index.update([Path(sys.argv[2])], progress=stall)
    """
)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (already dead, not yet reaped by its new parent) counts as gone.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return True
    return state != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_workers_of_a_killed_update_die_and_the_next_update_runs_at_once(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    for n in range(24):
        (lib / f"b{n:02d}.txt").write_text(BRIEFING.format(n=n), encoding="utf-8")
    index_dir, pid_file = tmp_path / "index", tmp_path / "workers"
    parent = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_UPDATE, str(index_dir), str(lib), str(pid_file)]
    )
    try:
        deadline = time.monotonic() + 120
        while not pid_file.exists() or not pid_file.read_text():
            assert parent.poll() is None, "the update ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.1)
        workers = [int(pid) for pid in pid_file.read_text().split()]
        assert len(workers) == 2
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 60
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)

    with LibraryIndex.open(index_dir, lock_timeout=0) as index:
        report = index.update([lib], lock_timeout=0)  # no waiting on a dead lock
        assert len(report.added) == 24
        assert index.turn_count == 72
        assert index.search("shared").total == 24
        assert index.search("topic7").total == 3
