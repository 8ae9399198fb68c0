"""The update lock of an index folder: one update at a time, across processes.

A native file lock (the `filelock` package: flock on POSIX, LockFileEx on Windows), so the
operating system releases it when its holder dies, and a process forked by the holder
does not keep it (filelock closes its descriptors in a forked child). The lock file records
its holder (process id, host, since when); should the recorded holder be gone while the
lock is still held — by processes it left behind — the next update takes it over.

A file system that cannot lock files (some network mounts answer ENOLCK) is reported as
such at once, instead of being waited on as if another process held the lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from search_index.errors import IndexUnavailableError

LOCK_NAME = "update.lock"
#: A second lock, held only while deciding to take over the first from a gone holder.
TAKEOVER_NAME = "update.lock.takeover"
#: How long an update waits for another process's update to finish, by default.
DEFAULT_TIMEOUT = 30.0
#: How often a waiter checks whether the holder is still there, in seconds.
_CHECK_EVERY = 0.5


class LockTimeout(IndexUnavailableError):
    """Another process held the lock for longer than we were willing to wait."""


class LockUnsupported(IndexUnavailableError):
    """The file system of the index folder cannot lock files."""


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) the lock, as its file records."""

    pid: int
    host: str
    since: str

    def is_gone(self) -> bool:
        """Whether the holder is known to have exited (only a process on this host can tell)."""
        if self.host != socket.gethostname() or self.pid == os.getpid():
            return False
        return not _process_exists(self.pid)


class IndexLock:
    """The update lock of `index_dir`; `with IndexLock(index_dir):` takes and holds it.

    Raises LockTimeout after `timeout` seconds of another process holding it, and
    LockUnsupported when the file system has no locks. Not reentrant.
    """

    def __init__(self, index_dir: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = index_dir / LOCK_NAME
        self.timeout = timeout
        self._lock: object | None = None
        #: The gone holder this lock was taken over from, if it was.
        self.took_over: Holder | None = None

    def acquire(self, timeout: float | None = None) -> None:
        """Take the lock, waiting up to `timeout` seconds (default: the constructor's)."""
        from filelock import FileLock, Timeout

        if self._lock is not None:
            raise RuntimeError(f"{self.path} is already held by this IndexLock")
        wait = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            lock = FileLock(
                self.path,
                thread_local=False,
                fallback_to_soft=False,
                on_acquired=_record_holder,
            )
            remaining = max(0.0, deadline - time.monotonic())
            try:
                lock.acquire(timeout=min(remaining, _CHECK_EVERY), poll_interval=0.05)
            except Timeout:
                if self._take_over_from_gone_holder():
                    continue
                if time.monotonic() >= deadline:
                    raise LockTimeout(self._busy_message(wait)) from None
                continue
            except OSError as error:
                raise LockUnsupported(
                    f"cannot lock the index at {self.path.parent}: its file system does not "
                    f"support file locks ({error.strerror or error}); "
                    "put the index on a local disk (--index-dir or $PRESSROOM_INDEX_DIR)"
                ) from None
            self._lock = lock
            return

    def release(self) -> None:
        """Give the lock up (a no-op if not held)."""
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()  # type: ignore[attr-defined]

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._lock is not None

    def holder(self) -> Holder | None:
        """Who the lock file says holds it (or last held it); None if it does not say."""
        return read_holder(self.path)

    def __enter__(self) -> IndexLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def _busy_message(self, waited: float) -> str:
        return (
            f"another pressroom process is updating the index at {self.path.parent}; "
            f"waited {waited:g} s, try again when it is done"
        )

    def _take_over_from_gone_holder(self) -> bool:
        """If the recorded holder has exited but the lock is still held (by processes it
        left behind), move the lock file aside so that a new one can be locked."""
        from filelock import FileLock, Timeout

        guard = FileLock(self.path.parent / TAKEOVER_NAME, thread_local=False)
        try:
            guard.acquire(timeout=0)
        except (Timeout, OSError):
            return False
        try:
            with open(self.path, "rb") as handle:
                holder = _parse_holder(handle.read(4096))
                if holder is None or not holder.is_gone():
                    return False
                if _try_flock(handle.fileno()):
                    return True  # released meanwhile: just take it
                if os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path)):
                    os.unlink(self.path)
                    self.took_over = holder
                    return True
                return False
        except OSError:
            return False
        finally:
            guard.release()


def read_holder(path: Path) -> Holder | None:
    """The holder a lock file records, or None."""
    try:
        return _parse_holder(path.read_bytes()[:4096])
    except OSError:
        return None


def _parse_holder(raw: bytes) -> Holder | None:
    try:
        data = json.loads(raw)
        return Holder(pid=int(data["pid"]), host=str(data["host"]), since=str(data["since"]))
    except (ValueError, KeyError, TypeError):
        return None


def _record_holder(fd: int) -> None:
    """Write who holds the lock into the lock file (called by filelock once it is held)."""
    since = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    record = {"pid": os.getpid(), "host": socket.gethostname(), "since": since}
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(record).encode())


def _process_exists(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        return True  # no cheap, reliable test there: never take over
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _try_flock(fd: int) -> bool:
    """Whether the file is free (tried without waiting; the lock goes with the handle)."""
    if os.name == "nt":  # pragma: no cover
        return False
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    return False
