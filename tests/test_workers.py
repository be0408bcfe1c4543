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
