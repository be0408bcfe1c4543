"""workers.ReactorPool: forked workers served by the reactor."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

TWO_POOLS = textwrap.dedent("""
    from twisted.internet import asyncioreactor
    asyncioreactor.install()
    import asyncio
    from twisted.internet import reactor
    from newsarchive.workers import ReactorPool

    async def main():
        loop = asyncio.get_event_loop()
        first = ReactorPool(abs, 1)
        second = ReactorPool(abs, 2)  # forked while the first pool's sockets are open
        print(await first.submit(-3).asFuture(loop), flush=True)
        await first.close()  # its worker sees the end of its input though the second pool holds a copy of its socket
        print(await second.submit(-4).asFuture(loop), flush=True)
        await second.close()
        print("closed", flush=True)

    def run():
        task = asyncio.ensure_future(main())
        task.add_done_callback(lambda done: (done.exception() and print(repr(done.exception())), reactor.stop()))

    reactor.callWhenRunning(run)
    reactor.run()
""")


def test_a_pool_closes_while_a_pool_forked_after_it_runs_on():
    # The crawl runs two pools: the WARC writer (forked when the spider opens) and the
    # extraction workers (forked at the first article).
    result = subprocess.run([sys.executable, "-c", TWO_POOLS], capture_output=True, text=True, timeout=30,
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.stdout.split() == ["3", "4", "closed"], result.stdout + result.stderr


# Each case runs `main(loop)` under the asyncio reactor (the crawl's) in its own process,
# with a pool of `serve`, and returns what it printed.
PRELUDE = textwrap.dedent("""
    from twisted.internet import asyncioreactor
    asyncioreactor.install()
    import asyncio, os, random, signal, time
    from concurrent.futures.process import BrokenProcessPool
    from twisted.internet import reactor
    from newsarchive.workers import ReactorPool, WorkerTraceback

    def serve(task):
        kind, value = task
        if kind == "echo":
            return value
        if kind == "bytes":  # a reply of `value` bytes, each the low byte of the length
            return bytes([value % 256]) * value
        if kind == "sleep":
            time.sleep(value)
        if kind == "raise":
            raise ValueError(value)
        return os.getpid()

    def result(deferred, loop):
        return deferred.asFuture(loop)

    async def failure(deferred, loop):
        try:
            await deferred.asFuture(loop)
        except Exception as error:
            return type(error).__name__
        return "no failure"
""")

POSTLUDE = textwrap.dedent("""
    def run():
        task = asyncio.ensure_future(main(asyncio.get_event_loop()))
        task.add_done_callback(lambda done: (done.exception() and print(repr(done.exception())), reactor.stop()))

    reactor.callWhenRunning(run)
    reactor.run()
""")


def run_pool_case(main: str) -> list[str]:
    script = PRELUDE + textwrap.dedent(main) + POSTLUDE
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_payloads_of_megabytes_cross_both_ways_between_small_ones():
    printed = run_pool_case("""
        async def main(loop):
            pool = ReactorPool(serve, 2)
            rng = random.Random(9)
            tasks = [rng.randbytes(rng.choice([3, 5_000, 3_000_000, 7_000_000])) for _ in range(24)]
            results = await asyncio.gather(*(result(pool.submit(("echo", task)), loop) for task in tasks))
            print(sum(len(task) > 1_000_000 for task in tasks), results == tasks)
            await pool.close()
    """)
    large, same = printed
    assert int(large) >= 4 and same == "True"


def test_replies_of_every_size_arrive_whole_and_in_order():
    # Sizes around the reactor's 256 KiB receive buffer and far beyond it, mixed with
    # tiny ones: a reply begins anywhere in the buffer and ends in a later read.
    printed = run_pool_case("""
        async def main(loop):
            pool = ReactorPool(serve, 2)
            rng = random.Random(4)
            sizes = [rng.choice([0, 1, rng.randrange(200_000, 300_000), rng.randrange(2_000_000)]) for _ in range(300)]
            sizes += list(range(3000))
            results = await asyncio.gather(*(result(pool.submit(("bytes", size)), loop) for size in sizes))
            print(len(results), all(reply == bytes([size % 256]) * size for reply, size in zip(results, sizes)))
            await pool.close()
    """)
    assert printed == ["3300", "True"]


def test_a_worker_killed_mid_task_fails_its_tasks_and_is_replaced_at_the_next_submit():
    printed = run_pool_case("""
        async def main(loop):
            pool = ReactorPool(serve, 1)
            pid = await result(pool.submit(("pid", None)), loop)
            running, queued = pool.submit(("sleep", 30)), pool.submit(("echo", 1))
            await asyncio.sleep(0.2)
            os.kill(pid, signal.SIGKILL)
            print(await failure(running, loop), await failure(queued, loop))
            replacement = await result(pool.submit(("pid", None)), loop)
            print(replacement != pid, await result(pool.submit(("echo", "after")), loop))
            await pool.close()
    """)
    assert printed == ["BrokenProcessPool", "BrokenProcessPool", "True", "after"]


def test_close_fails_the_tasks_in_flight_and_reaps_every_worker():
    printed = run_pool_case("""
        async def main(loop):
            pool = ReactorPool(serve, 2)
            pids = set(await asyncio.gather(*(result(pool.submit(("sleep", 0.1)), loop) for _ in range(4))))
            in_flight = [pool.submit(("sleep", 0.3)) for _ in range(4)] + [pool.submit(("echo", b"x" * 5_000_000))]
            await pool.close()
            print(len(pids), *[await failure(task, loop) for task in in_flight])
            for pid in pids:  # reaped: no such process any more
                try:
                    os.kill(pid, 0)
                    print("alive", pid)
                except ProcessLookupError:
                    print("reaped")
    """)
    assert printed == ["2", *["BrokenProcessPool"] * 5, "reaped", "reaped"]


def test_a_task_submitted_once_the_pool_is_closed_fails_and_starts_no_worker():
    printed = run_pool_case("""
        async def main(loop):
            pool = ReactorPool(serve, 1)
            resubmitted = []
            # A task's errback that submits again while close() fails it.
            pool.submit(("sleep", 0.2)).addErrback(lambda _: resubmitted.append(pool.submit(("pid", None))))
            await pool.close()
            print(await failure(resubmitted[0], loop), await failure(pool.submit(("pid", None)), loop))
            import multiprocessing
            print(len(multiprocessing.active_children()))
    """)
    assert printed == ["BrokenProcessPool", "BrokenProcessPool", "0"]


def test_a_task_larger_than_the_socket_buffer_waits_in_the_reactor_not_in_submit():
    # The worker is busy: the kernel takes part of the task and the reactor keeps the
    # rest, sending it as the worker reads; submit returns at once.
    printed = run_pool_case("""
        async def main(loop):
            pool = ReactorPool(serve, 1)
            busy = pool.submit(("sleep", 0.5))
            task = random.Random(2).randbytes(16_000_000)
            started = time.monotonic()
            large, small = pool.submit(("echo", task)), pool.submit(("echo", "small"))
            print(time.monotonic() - started < 0.25)
            print(isinstance(await result(busy, loop), int), await result(large, loop) == task, await result(small, loop))
            await pool.close()
    """)
    assert printed == ["True", "True", "True", "small"]


def test_an_exception_in_a_worker_fails_its_task_with_the_workers_traceback_and_the_pool_goes_on():
    printed = run_pool_case("""
        async def main(loop):
            pool = ReactorPool(serve, 1)
            failing = pool.submit(("raise", "bad page"))
            after = pool.submit(("echo", "next"))
            try:
                await result(failing, loop)
            except ValueError as error:
                print(error, isinstance(error.__cause__, WorkerTraceback), "bad page" in str(error.__cause__))
            print(await result(after, loop))
            await pool.close()
    """)
    assert printed == ["bad", "page", "True", "True", "next"]


def test_futures_and_deferreds_of_one_pool_get_their_own_results_and_failures():
    # The crawl's extraction awaits Futures (submit_future), the WARC writer Deferreds:
    # mixed on one worker, each gets its own result, in order, or its own failure.
    printed = run_pool_case("""
        async def main(loop):
            pool = ReactorPool(serve, 1)
            rng = random.Random(5)
            values = [rng.randrange(10**6) for _ in range(200)]
            kinds = [rng.choice(["future", "deferred"]) for _ in values]
            waiters = [pool.submit_future(("echo", value)) if kind == "future" else result(pool.submit(("echo", value)), loop)
                       for value, kind in zip(values, kinds)]
            print(await asyncio.gather(*waiters) == values, isinstance(waiters[kinds.index("future")], asyncio.Future))
            try:
                await pool.submit_future(("raise", "bad"))
            except ValueError as error:
                print(error, isinstance(error.__cause__, WorkerTraceback))
            cancelled = pool.submit_future(("sleep", 0.2))
            cancelled.cancel()  # its awaiting coroutine was stopped: the reply is dropped, the pool goes on
            print(await pool.submit_future(("echo", "after")))
            pid = await pool.submit_future(("pid", None))
            running = pool.submit_future(("sleep", 30))
            await asyncio.sleep(0.2)
            os.kill(pid, signal.SIGKILL)
            try:
                await running
            except BrokenProcessPool:
                print("broken")
            await pool.close()
            try:
                await pool.submit_future(("echo", 1))
            except BrokenProcessPool:
                print("closed")
    """)
    assert printed == ["True", "True", "bad", "True", "after", "broken", "closed"]
