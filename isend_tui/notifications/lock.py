"""Only one watcher per data directory: an fcntl lock on paths.watcher_lock.

The file holds the owner's PID, so the refusal (WatcherLocked) can name it. The kernel
drops the lock when the process dies, even under SIGKILL: no stale lock after a crash.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from isend_tui.notifications.errors import WatcherLocked


class WatcherLock:
    """An exclusive fcntl lock on a file that holds the owner's PID."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise WatcherLocked(str(self.path), self.holder_pid()) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        os.fsync(fd)
        self._fd = fd

    def holder_pid(self) -> int | None:
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
