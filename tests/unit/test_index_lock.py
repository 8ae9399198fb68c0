"""The update lock: `with` takes it, a forked child does not keep it, a gone holder's lock is
taken over, and a file system without locks is named as such."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from search_index.errors import IndexUnavailableError
from search_index.index.lock import LOCK_NAME, IndexLock, LockTimeout, LockUnsupported

BUSY = (
    "another pressroom process is updating the index at {}; waited 0 s, try again when it is done"
)


def test_the_with_statement_takes_the_lock_and_gives_it_back(tmp_path: Path) -> None:
    with IndexLock(tmp_path) as lock:
        assert lock.held
        with pytest.raises(LockTimeout) as caught:
            IndexLock(tmp_path).acquire(timeout=0)
        assert str(caught.value) == BUSY.format(tmp_path)
    assert not lock.held
    with IndexLock(tmp_path, timeout=0) as again:
        assert again.held


def test_the_lock_file_records_its_holder(tmp_path: Path) -> None:
    with IndexLock(tmp_path) as lock:
        holder = lock.holder()
        assert holder is not None
        assert (holder.pid, holder.host) == (os.getpid(), socket.gethostname())
        assert not holder.is_gone()


def test_a_file_system_without_locks_is_named_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def no_locks(fd: int, operation: int) -> None:
        calls.append(operation)
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(LockUnsupported) as caught:
        IndexLock(tmp_path).acquire(timeout=30)
    assert str(caught.value) == (
        f"cannot lock the index at {tmp_path}: its file system does not support file locks "
        "(No locks available); put the index on a local disk (--index-dir or "
        "$PRESSROOM_INDEX_DIR)"
    )
    assert isinstance(caught.value, IndexUnavailableError)
    assert len(calls) == 1  # one try, not thirty seconds of them


FORK_AND_DIE = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from search_index.index.lock import IndexLock

    lock = IndexLock(Path(sys.argv[1]))
    lock.acquire()
    child = os.fork()
    if child == 0:  # a worker started by the holder: it outlives its parent
        time.sleep(60)
        os._exit(0)
    Path(sys.argv[2]).write_text(str(child))
    os._exit(0)  # the holder dies without releasing
    """
)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork")
def test_a_forked_child_of_the_holder_does_not_keep_the_lock(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    subprocess.run(
        [sys.executable, "-c", FORK_AND_DIE, str(tmp_path), str(pid_file)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    child = int(pid_file.read_text())
    try:
        os.kill(child, 0)  # still running
        with IndexLock(tmp_path, timeout=0) as lock:
            assert lock.held
            assert lock.took_over is None
    finally:
        os.kill(child, signal.SIGKILL)


ORPHAN = textwrap.dedent(
    """
    import fcntl, json, os, socket, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    record = {"pid": int(sys.argv[2]), "host": socket.gethostname(), "since": "then"}
    os.write(fd, json.dumps(record).encode())
    print("holding", flush=True)
    time.sleep(60)
    """
)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX flock")
def test_a_lock_held_after_its_recorded_holder_is_gone_is_taken_over(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    dead_pid = int(gone.stdout)
    orphan = subprocess.Popen(
        [sys.executable, "-c", ORPHAN, str(tmp_path / LOCK_NAME), str(dead_pid)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert orphan.stdout is not None
        assert orphan.stdout.readline().strip() == "holding"
        with IndexLock(tmp_path, timeout=30) as lock:
            assert lock.took_over is not None
            assert lock.took_over.pid == dead_pid
            holder = lock.holder()
            assert holder is not None and holder.pid == os.getpid()
            # Only one holder at a time still: a third waiter waits.
            with pytest.raises(LockTimeout):
                IndexLock(tmp_path).acquire(timeout=0)
    finally:
        orphan.kill()
        orphan.wait()


def test_a_live_holder_is_waited_for_not_taken_over(tmp_path: Path) -> None:
    live = subprocess.Popen(
        [sys.executable, "-c", ORPHAN, str(tmp_path / LOCK_NAME), "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert live.stdout is not None
        assert live.stdout.readline().strip() == "holding"
        record = json.loads((tmp_path / LOCK_NAME).read_text())
        record["pid"] = live.pid  # the holder is alive
        (tmp_path / LOCK_NAME).write_text(json.dumps(record))
        with pytest.raises(LockTimeout):
            IndexLock(tmp_path).acquire(timeout=0.6)
    finally:
        live.kill()
        live.wait()
