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
import pickle
import signal
import socket
import struct
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, cast

from twisted.internet.defer import Deferred, DeferredList
from twisted.internet.protocol import Factory, Protocol, connectionDone
from twisted.python.failure import Failure

if TYPE_CHECKING:
    from twisted.internet import unix


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


class WorkerTraceback(Exception):
    """The traceback, in a worker, of an exception a ReactorPool task raised (its __cause__)."""


class ReactorPool:
    """`workers` forked processes that run `function(task)` for tasks the Twisted reactor
    sends them, each over its own socket pair; `submit` returns a Deferred of the result.

    The crawl's extraction used a ProcessPoolExecutor: its manager and queue-feeder
    threads and its wake-up pipe took the GIL from the reactor for every task (22 s in a
    cProfile of a 10,000-article crawl, in the wake-up pipe's write). Here a task costs
    the reactor one pickle out and one in, and nothing else runs in the crawl's process.
    `function` reaches the workers by fork, never pickled: whatever it holds (the
    templates the crawl checked) is what they use. A worker that dies fails its tasks
    with BrokenProcessPool and is replaced at the next submit.
    """

    def __init__(self, function: Callable[[Any], Any], workers: int) -> None:
        if workers < 1:
            raise ValueError(f"a pool needs at least one worker, got {workers}")
        self._function = function
        self._workers: list[_WorkerConnection] = []
        for _ in range(workers):
            self._workers.append(self._start())

    def submit(self, task: Any) -> Deferred[Any]:
        for index, worker in enumerate(self._workers):
            if not worker.alive:
                worker.process.join()
                self._workers[index] = self._start()
        return min(self._workers, key=lambda worker: len(worker.pending)).send(task)

    async def close(self) -> None:
        """End each worker's input, so that it leaves, and reap it. A task still
        running is abandoned: its Deferred fails with BrokenProcessPool."""
        from scrapy.utils.defer import maybe_deferred_to_future

        ended = [worker.ended for worker in self._workers if worker.alive]
        for worker in self._workers:
            worker.link.loseConnection()
        await maybe_deferred_to_future(DeferredList(ended))
        for worker in self._workers:
            worker.process.join()

    def _start(self) -> _WorkerConnection:
        from twisted.internet import reactor

        ours, theirs = socket.socketpair()
        # A worker holds only its own end: another one's would keep that pair open after we close it.
        other_ends = [worker.link.fileno() for worker in self._workers if worker.alive]
        process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(theirs, ours.fileno(), other_ends, self._function, os.getpid()),
            daemon=True, name="newsarchive-worker",
        )
        process.start()
        theirs.close()
        connection = _WorkerConnection(process)
        reactor.adoptStreamConnection(ours.fileno(), socket.AF_UNIX, _Adopting(connection))
        ours.close()  # adopted as a duplicate
        return connection


_LENGTH = struct.Struct("!I")


class _WorkerConnection(Protocol):
    """The reactor's end of one worker's socket pair: tasks out, results back in order."""

    def __init__(self, process: multiprocessing.process.BaseProcess) -> None:
        self.process = process
        self.pending: deque[Deferred[Any]] = deque()
        self.alive = True
        self.ended: Deferred[None] = Deferred()
        self._received = bytearray()

    @property
    def link(self) -> unix.Server:
        """The adopted socket (the transport, typed)."""
        return cast("unix.Server", self.transport)

    def send(self, task: Any) -> Deferred[Any]:
        data = pickle.dumps(task, pickle.HIGHEST_PROTOCOL)
        self.link.writeSequence([_LENGTH.pack(len(data)), data])
        result: Deferred[Any] = Deferred()
        self.pending.append(result)
        return result

    def dataReceived(self, data: bytes) -> None:
        self._received += data
        while len(self._received) >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(self._received)
            end = _LENGTH.size + size
            if len(self._received) < end:
                return
            ok, value, trace = pickle.loads(memoryview(self._received)[_LENGTH.size:end])
            del self._received[:end]
            result = self.pending.popleft()
            if ok:
                result.callback(value)
            else:
                value.__cause__ = WorkerTraceback(trace)
                result.errback(value)

    def connectionLost(self, reason: Failure = connectionDone) -> None:
        self.alive = False
        while self.pending:
            self.pending.popleft().errback(BrokenProcessPool(f"worker {self.process.pid} exited"))
        self.ended.callback(None)


class _Adopting(Factory):
    def __init__(self, connection: _WorkerConnection) -> None:
        self.connection = connection

    def buildProtocol(self, addr: Any) -> _WorkerConnection:
        return self.connection


def _serve(
    connection: socket.socket, parents_end: int, other_ends: list[int], function: Callable[[Any], Any], parent_pid: int
) -> None:
    """A worker: run `function` on each task received until the end of input."""
    for fd in (parents_end, *other_ends):
        os.close(fd)
    _worker_started(parent_pid)
    stream = connection.makefile("rwb")
    while header := stream.read(_LENGTH.size):
        (size,) = _LENGTH.unpack(header)
        task = pickle.loads(stream.read(size))
        try:
            reply = pickle.dumps((True, function(task), None), pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # the parent decides what an error means
            trace = traceback.format_exc()
            try:
                reply = pickle.dumps((False, error, trace), pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that cannot be pickled is told by its text
                reply = pickle.dumps((False, RuntimeError(repr(error)), trace), pickle.HIGHEST_PROTOCOL)
        try:
            stream.write(_LENGTH.pack(len(reply)))
            stream.write(reply)
            stream.flush()
        except OSError:  # the crawl closed its end (a stop): nobody waits for this result
            return
