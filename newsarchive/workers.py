"""Worker processes for extraction, shared by the crawl and `newsarchive reextract`.

Workers are forked: they run the very code their parent imported (a spawned or
forkserver worker imports newsarchive afresh, and under scrapyd that can be another
copy than the deployed egg) and start in milliseconds. They ignore SIGINT (a Ctrl-C in
a terminal reaches the whole process group; the parent decides how to stop), end on
SIGTERM, and exit within 0.2 s once their parent is gone (kill -9), releasing what
they inherited with it.
"""

from __future__ import annotations

import asyncio
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
from multiprocessing.process import BaseProcess
from typing import Any

from twisted.internet.abstract import FileDescriptor
from twisted.internet.defer import Deferred, fail
from twisted.internet.main import CONNECTION_DONE
from twisted.python.failure import Failure


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
    the reactor one pickle out and one in, a send and its share of a recv, and nothing
    else runs in the crawl's process. `function` reaches the workers by fork, never
    pickled: whatever it holds (the templates the crawl checked) is what they use. A
    worker that dies fails its tasks with BrokenProcessPool and is replaced at the next
    submit.
    """

    def __init__(self, function: Callable[[Any], Any], workers: int) -> None:
        if workers < 1:
            raise ValueError(f"a pool needs at least one worker, got {workers}")
        self._function = function
        self._closed = False
        self._workers: list[_WorkerLink] = []
        for _ in range(workers):
            self._workers.append(self._start())

    def submit(self, task: Any) -> Deferred[Any]:
        """Send `task` to the worker with the fewest tasks in hand (replacing any
        that died); its Deferred fires with the result, in order of submission."""
        if self._closed:  # a callback of a task that close() failed, say: no worker is started again
            return fail(BrokenProcessPool("the pool is closed"))
        result: Deferred[Any] = Deferred()
        self._least_busy().send(task, result)
        return result

    def submit_future(self, task: Any) -> asyncio.Future[Any]:
        """`submit`, for a coroutine on the asyncio reactor: a Future of the running
        loop, set with the result (no Deferred made, then converted, for each task)."""
        result = asyncio.get_running_loop().create_future()
        if self._closed:
            result.set_exception(BrokenProcessPool("the pool is closed"))
        else:
            self._least_busy().send(task, result)
        return result

    def _least_busy(self) -> _WorkerLink:
        chosen = None
        for index, worker in enumerate(self._workers):
            if not worker.alive:
                worker.process.join()
                worker = self._workers[index] = self._start()
            if chosen is None or len(worker.pending) < len(chosen.pending):
                chosen = worker
        assert chosen is not None
        return chosen

    async def close(self) -> None:
        """End each worker's input, so that it leaves, and reap it. A task still
        running or unsent is abandoned: its Deferred fails with BrokenProcessPool."""
        self._closed = True
        for worker in self._workers:
            worker.close()
        for worker in self._workers:
            worker.process.join()

    def _start(self) -> _WorkerLink:
        ours, theirs = socket.socketpair()
        for end in (ours, theirs):  # room for a few pages either way: a send rarely waits for the reader
            end.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, _SOCKET_BUFFER)
            end.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, _SOCKET_BUFFER)
        # A worker holds only its own end: another one's would keep that pair open after we close it.
        other_ends = [ours, *(worker.socket for worker in self._workers if worker.alive)]
        process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(theirs, other_ends, self._function, os.getpid()),
            daemon=True, name="newsarchive-worker",
        )
        process.start()
        theirs.close()
        return _WorkerLink(ours, process)


_LENGTH = struct.Struct("!I")  # each task and each reply: its pickle's length, then the pickle
_SOCKET_BUFFER = 1 << 20  # asked of the kernel for each end (it may grant less)
_READ_SIZE = 256 * 1024  # the reactor's receive buffer: every reply waiting, in one recv


# What a task's result is given to: a Deferred, or a Future of the asyncio reactor's loop.
_Waiter = Deferred[Any] | asyncio.Future[Any]


def _settle(waiter: _Waiter, ok: bool, value: Any) -> None:
    if isinstance(waiter, Deferred):
        if ok:
            waiter.callback(value)
        else:
            waiter.errback(value)
    elif not waiter.done():  # a Future whose awaiting coroutine was cancelled (a stop)
        if ok:
            waiter.set_result(value)
        else:
            waiter.set_exception(value)


class _WorkerLink(FileDescriptor):
    """The reactor's end of one worker's socket pair: tasks out, results back in order.

    Twisted's unix transport reads with recvmsg (for file descriptors nobody sends
    here) and writes a task only on the reactor's next turn, registering for
    writability and unregistering after it. This end sends each task at once, keeps
    only what the kernel did not take (watching for writability only then), and
    receives into one buffer that replies are unpickled from in place.
    """

    def __init__(self, connection: socket.socket, process: BaseProcess) -> None:
        super().__init__()
        connection.setblocking(False)
        self.socket = connection
        self.process = process
        self.pending: deque[_Waiter] = deque()
        self.alive = True
        self._fileno = connection.fileno()
        self._unsent: deque[memoryview] = deque()  # what the kernel has not taken yet, in order
        self._received = bytearray(_READ_SIZE)
        self._head = 0  # the first byte of the first reply not yet delivered
        self._tail = 0  # the end of what was received
        self.startReading()

    def send(self, task: Any, result: _Waiter) -> None:
        """Send `task`; `result` is given its result."""
        data = pickle.dumps(task, pickle.HIGHEST_PROTOCOL)
        header = _LENGTH.pack(len(data))
        self.pending.append(result)
        if not self.alive:
            self._lost(BrokenProcessPool(f"worker {self.process.pid} exited"))
        elif self._unsent:  # after what waits, in order
            self._unsent.extend((memoryview(header), memoryview(data)))
        else:
            try:
                sent = self.socket.sendmsg((header, data))
            except BlockingIOError:
                sent = 0
            except OSError as error:  # the worker is gone (EPIPE): its tasks fail now
                self._lost(BrokenProcessPool(f"worker {self.process.pid} exited ({error})"))
                return
            if sent < _LENGTH.size + len(data):
                self._unsent.append(memoryview(header + data)[sent:])
                self.startWriting()

    def doWrite(self) -> Exception | None:
        while self._unsent:
            chunk = self._unsent[0]
            try:
                sent = self.socket.send(chunk)
            except BlockingIOError:
                return None
            except OSError as error:
                return error
            if sent < len(chunk):
                self._unsent[0] = chunk[sent:]
                return None
            self._unsent.popleft()
        self.stopWriting()
        return None

    def doRead(self) -> Exception | None:
        free = len(self._received) - self._tail
        if free == 0:  # a reply longer than what is left: make room for it
            self._make_room()
        try:
            count = self.socket.recv_into(memoryview(self._received)[self._tail:])
        except BlockingIOError:
            return None
        except OSError as error:
            return error
        if count == 0:
            return CONNECTION_DONE
        self._tail += count
        self._deliver()
        return None

    def _deliver(self) -> None:
        """Fire the Deferreds of the replies received whole."""
        buffer, start, end = self._received, self._head, self._tail
        while end - start >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(buffer, start)
            stop = start + _LENGTH.size + size
            if stop > end:
                break
            ok, value, trace = pickle.loads(memoryview(buffer)[start + _LENGTH.size:stop])
            start = stop
            self._head = start
            if not ok:
                value.__cause__ = WorkerTraceback(trace)
            _settle(self.pending.popleft(), ok, value)
            if not self.alive:  # a callback closed the pool
                return
        if start == end:
            self._head = self._tail = 0
            if len(buffer) > _READ_SIZE:  # back to its size after a long reply
                self._received = bytearray(_READ_SIZE)

    def _make_room(self) -> None:
        """Move the reply begun to the front of the buffer, into a larger one when it cannot hold it."""
        head, tail = self._head, self._tail
        kept = tail - head
        needed = _LENGTH.size + _LENGTH.unpack_from(self._received, head)[0] if kept >= _LENGTH.size else _LENGTH.size
        if needed < len(self._received):  # the buffer is full, so the reply begun is not at its front
            self._received[:kept] = self._received[head:tail]
        else:
            grown = bytearray(needed + _READ_SIZE)
            grown[:kept] = self._received[head:tail]
            self._received = grown
        self._head, self._tail = 0, kept

    def close(self) -> None:
        """End the worker's input (it leaves once its task is done); pending tasks fail."""
        if self.alive:
            self._lost(BrokenProcessPool(f"worker {self.process.pid} closed with tasks pending"))

    def connectionLost(self, reason: Failure) -> None:
        self._lost(BrokenProcessPool(f"worker {self.process.pid} exited"))

    def _lost(self, error: BrokenProcessPool) -> None:
        if self.alive:
            self.alive = False
            self.stopReading()
            self.stopWriting()
            self._unsent.clear()
            try:  # shut down, not only closed: a worker forked later by another pool holds a copy of this end
                self.socket.shutdown(socket.SHUT_RDWR)
            except OSError:  # the worker has gone
                pass
            self.socket.close()
        while self.pending:
            _settle(self.pending.popleft(), False, error)

    def fileno(self) -> int:
        return self._fileno if self.alive else -1

    def logPrefix(self) -> str:
        return f"newsarchive-worker {self.process.pid}"


def _serve(connection: socket.socket, others: list[socket.socket], function: Callable[[Any], Any], parent_pid: int) -> None:
    """A worker: run `function` on each task received until the end of input."""
    for other in others:
        other.close()
    _worker_started(parent_pid)
    stream = connection.makefile("rb", buffering=_READ_SIZE)
    while len(header := stream.read(_LENGTH.size)) == _LENGTH.size:
        (size,) = _LENGTH.unpack(header)
        data = stream.read(size)
        if len(data) < size:  # the crawl closed its end mid-task (a stop)
            return
        task = pickle.loads(data)
        try:
            reply = pickle.dumps((True, function(task), None), pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # the parent decides what an error means
            trace = traceback.format_exc()
            try:
                reply = pickle.dumps((False, error, trace), pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that cannot be pickled is told by its text
                reply = pickle.dumps((False, RuntimeError(repr(error)), trace), pickle.HIGHEST_PROTOCOL)
        try:
            connection.sendall(_LENGTH.pack(len(reply)) + reply)
        except OSError:  # the crawl closed its end (a stop): nobody waits for this result
            return
