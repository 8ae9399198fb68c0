"""An inter-process lock on the index directory, held for the whole of an update."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import TracebackType

LOCK_NAME = "update.lock"


class LockTimeout(Exception):
    """Another process held the lock for longer than we were willing to wait."""


class IndexLock:
    """An exclusive lock on a file (flock on POSIX, msvcrt on Windows).

    The operating system releases it when the holder dies, so a crashed `pressroom index`
    never leaves the index locked.
    """

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self, timeout: float) -> None:
        """Take the lock, polling until `timeout` seconds have passed; LockTimeout then."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            if _try_lock(fd):
                self._fd = fd
                try:
                    os.ftruncate(fd, 0)
                    os.write(fd, str(os.getpid()).encode())
                except OSError:  # pragma: no cover - informative only
                    pass
                return
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LockTimeout(str(self.path))
            time.sleep(0.05)

    def release(self) -> None:
        """Give the lock up (a no-op if not held)."""
        if self._fd is None:
            return
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def __enter__(self) -> IndexLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
