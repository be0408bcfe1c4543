"""Worker processes for extraction, shared by the crawl and `newsarchive reextract`.

Workers are forked: they run the very code their parent imported (a spawned or
forkserver worker imports newsarchive afresh, and under scrapyd that can be another
copy than the deployed egg) and start in milliseconds. They ignore SIGINT (a Ctrl-C in
a terminal reaches the whole process group; the parent decides how to stop), end on
SIGTERM, and exit within 0.2 s once their parent is gone (kill -9), releasing what
they inherited with it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` forked processes that leave with their parent, started now
    (a fork pool otherwise forks at its first task, inheriting whatever is open then)."""
    # What the workers inherit is left out of every later collection, here and in them:
    # a collection writes to each object it visits, and so copies the page holding it.
    gc.collect()
    gc.freeze()
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_started, initargs=(os.getpid(),),
    )
    pool.submit(int).result()
    return pool


def _worker_started(parent_pid: int) -> None:
    signal.set_wakeup_fd(-1)  # the parent's event loop's, inherited
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's graceful-stop handler

    def watch() -> None:
        while not _exited(parent_pid):
            time.sleep(0.2)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def _exited(pid: int) -> bool:
    """Whether `pid` has exited; a killed process nobody has reaped yet (a zombie) has."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] in (b"Z", b"X")
    except FileNotFoundError:
        return os.path.isdir("/proc/self") or not _pid_exists(pid)  # without /proc, ask the kernel


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
