"""One run at a time per archive: an flock(2) on `<db>.lock`.

The kernel drops an flock when the last descriptor of the open file goes away, which
includes the process dying by kill -9 or a crash, so a stale lock file never blocks
the next run: there is nothing to clean up. The file itself stays (it is not deleted on
release: deleting a lock file races with a process that has just opened it) and holds
the holder's pid and start time, only for the message the next run prints.

flock works between processes on one machine; on NFS it may be emulated or absent, so
keep the database on a local disk.
"""

from __future__ import annotations

import fcntl
import os
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType


class AlreadyRunning(RuntimeError):
    """Another process holds the run lock; str(exc) says which one and since when."""


class RunLock:
    """Context manager: exclusive, non-blocking lock on `path`, or AlreadyRunning.

    >>> with RunLock.for_database("data/newsarchive.db"):
    ...     run_the_crawl()
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @classmethod
    def for_database(cls, db_path: str | os.PathLike[str]) -> RunLock:
        """The lock guarding the archive at `db_path`: `<db_path>.lock` next to the
        file itself, symlinks resolved, so every path to one archive shares one lock."""
        return cls(f"{Path(db_path).resolve()}.lock")

    def acquire(self) -> None:
        if self._fd is not None:
            raise RuntimeError(f"{self.path} is already held by this RunLock")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            raise AlreadyRunning(
                f"another newsarchive run holds {self.path} ({holder or 'holder unknown'}); "
                "not starting a second one"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        started = datetime.now(UTC).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)  # no stale pid for anyone reading the file later
        finally:
            os.close(fd)  # closing the only descriptor releases the flock

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
