"""RunLock between real processes: a second run is refused, a killed run leaves no stale lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.archive.lock import AlreadyRunning, RunLock

REPO = Path(__file__).resolve().parents[1]

HOLDER = """
import sys, time
from newsarchive.archive.lock import RunLock
with RunLock.for_database(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(120)
"""

TRY_LOCK = """
import sys
from newsarchive.archive.lock import AlreadyRunning, RunLock
try:
    with RunLock.for_database(sys.argv[1]):
        print("got the lock")
except AlreadyRunning as exc:
    print(exc)
    sys.exit(3)
"""


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


@pytest.fixture
def holder(tmp_path: Path):
    db = tmp_path / "archive.db"
    process = subprocess.Popen(python(HOLDER, str(db)), stdout=subprocess.PIPE, text=True, env=env())
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "locked"
        yield db, process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_second_process_is_refused_with_the_holders_pid(holder) -> None:
    db, process = holder
    second = subprocess.run(python(TRY_LOCK, str(db)), capture_output=True, text=True, env=env(), timeout=60)
    assert second.returncode == 3, second.stdout + second.stderr
    message = second.stdout.strip()
    assert f"{db}.lock" in message
    assert f"pid {process.pid}, started " in message


def test_kill_9_releases_the_lock(holder) -> None:
    db, process = holder
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    # The lock file is still there with the dead holder's pid; the flock is gone with it.
    assert f"pid {process.pid}" in Path(f"{db}.lock").read_text()
    after = subprocess.run(python(TRY_LOCK, str(db)), capture_output=True, text=True, env=env(), timeout=60)
    assert after.returncode == 0, after.stdout + after.stderr
    assert after.stdout.strip() == "got the lock"


def test_release_lets_the_next_run_in(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "archive.db"
    with RunLock.for_database(db) as lock:
        assert lock.path == tmp_path / "sub" / "archive.db.lock"
        # flock conflicts between open file descriptions, even inside one process.
        with pytest.raises(AlreadyRunning, match=f"pid {os.getpid()}"):
            RunLock.for_database(db).acquire()
    with RunLock.for_database(db):
        pass
    assert Path(f"{db}.lock").read_text() == ""


def test_every_path_to_one_archive_shares_its_lock(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    db = real_dir / "archive.db"
    real_dir.mkdir()
    (tmp_path / "link.db").symlink_to(db)  # the database need not exist yet
    (tmp_path / "linked-dir").symlink_to(real_dir, target_is_directory=True)
    others = [tmp_path / "link.db", tmp_path / "linked-dir" / "archive.db", real_dir / ".." / "real" / "archive.db"]
    with RunLock.for_database(db) as lock:
        assert lock.path == db.resolve().with_name("archive.db.lock")
        for other in others:
            assert RunLock.for_database(other).path == lock.path
            with pytest.raises(AlreadyRunning):
                RunLock.for_database(other).acquire()
