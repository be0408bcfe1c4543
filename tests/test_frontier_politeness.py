"""Politeness across workers: several crawler processes on one host share one request rate
and one concurrency through Redis (newsarchive/frontier/politeness.py).

The processes are real Scrapy crawlers (tests/politeness_fetcher.py) with the project's
middleware list, against a real redis-server and a loopback HTTP server that records when
each request arrived and how many were in flight. The rate allows no burst beyond one
request: sends are spaced 1/rate apart, so a one-second window holds at most rate + 1
arrivals (its two ends, or the jitter of the loopback between a turn and its arrival).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from scrapy.settings import Settings

from benchmarks.frontier import most_in_one_second
from newsarchive.frontier.connection import redacted
from newsarchive.frontier.politeness import (
    HostLimits,
    SharedHostLimiter,
    limits_for,
)
from newsarchive.frontier.protocol import FrontierKeys, FrontierUnavailable
from tests.redis_server import RedisServer, free_port

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Arrival:
    at: float  # time.monotonic() when the request line was read
    path: str
    in_flight: int  # requests being answered at that moment, this one included


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    log: RecordingServer


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        log = self.server.log
        with log.lock:
            log.in_flight += 1
            log.arrivals.append(Arrival(time.monotonic(), self.path, log.in_flight))
        try:
            if self.path.startswith("/reset/"):
                self.close_connection = True  # no answer at all: the client sees a lost connection
                return
            if self.path == "/robots.txt" and log.gate is not None:
                log.gate.wait(60)
            if self.path.startswith("/hang/"):
                log.stopping.wait(120)
            else:
                log.stopping.wait(log.delay)
            status = 404 if self.path.startswith("/missing/") or self.path == "/robots.txt" else 200
            body = b"<html><body>page</body></html>"
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        finally:
            with log.lock:
                log.in_flight -= 1

    def log_message(self, format: str, *args: object) -> None:
        pass


class RecordingServer:
    """Answers every GET after `delay` seconds (`/hang/…` until stopped, `/reset/…` never,
    `/missing/…` and robots.txt with 404) and records each arrival. With `gate`, robots.txt
    is answered once that many crawlers have asked for it: they start together."""

    def __init__(self, delay: float, gate: int | None = None) -> None:
        self.delay = delay
        self.gate = threading.Barrier(gate) if gate else None
        self.lock = threading.Lock()
        self.in_flight = 0
        self.arrivals: list[Arrival] = []
        self.stopping = threading.Event()
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.log = self
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> RecordingServer:
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def seen(self) -> list[Arrival]:
        with self.lock:
            return list(self.arrivals)


def start_worker(redis_url: str, urls: list[str], *settings: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.politeness_fetcher", redis_url, *urls]
    for setting in settings:
        command += ["-s", setting]
    return subprocess.Popen(command, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(worker: subprocess.Popen[str], timeout: float = 120) -> dict[str, object]:
    out, err = worker.communicate(timeout=timeout)
    assert worker.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for worker in started:
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)


def slot_fields(redis_server: RedisServer, host: str = "127.0.0.1") -> list[bytes]:
    return [f for f in redis_server.client().hkeys(FrontierKeys().rate(host)) if f.startswith(b"slot:")]


# --- several crawler processes on one host --------------------------------------------


def test_three_workers_together_never_exceed_the_shared_rate(redis_server, workers):
    rate, per_worker = 5, 10
    with RecordingServer(delay=0.05, gate=3) as server:
        for name in ("a", "b", "c"):
            urls = [f"{server.base_url}/{name}/{n}.html" for n in range(per_worker)]
            workers.append(start_worker(redis_server.url, urls, f"NEWSARCHIVE_FRONTIER_RATE={rate}"))
        for worker in workers:
            finish(worker)
        arrivals = server.seen()

    pages = [a for a in arrivals if a.path != "/robots.txt"]
    assert len(pages) == 3 * per_worker
    # The workers ran at the same time (their pages interleave), so only a shared
    # limit keeps them under it: each alone would fetch its 10 pages in well under 1 s.
    # (In the server's gate, the first robots.txt waited for the others.)
    order = "".join(a.path[1] for a in pages)
    assert all(order.count(name) == per_worker for name in "abc")
    assert not any(name * per_worker in order for name in "abc"), order
    assert most_in_one_second(sorted(a.at for a in arrivals)) <= rate + 1
    assert arrivals[-1].at - arrivals[0].at >= (len(arrivals) - 1) / rate * 0.95
    assert slot_fields(redis_server) == []  # nothing held once they are done


def test_three_workers_together_never_exceed_the_shared_concurrency(redis_server, workers):
    """Each worker alone would have 16 requests in flight; together they keep to 2. Lost
    connections and 404s free their slot as answers do (else the crawl would stall)."""
    concurrency, per_worker = 2, 8
    with RecordingServer(delay=0.3) as server:
        for name in ("a", "b", "c"):
            urls = [f"{server.base_url}/{name}/{n}.html" for n in range(per_worker)]
            urls += [f"{server.base_url}/missing/{name}.html", f"{server.base_url}/reset/{name}.html"]
            workers.append(start_worker(redis_server.url, urls, f"NEWSARCHIVE_FRONTIER_CONCURRENCY={concurrency}",
                                        "NEWSARCHIVE_FRONTIER_SLOT_SECONDS=60"))
        started = time.monotonic()
        stats = [finish(worker) for worker in workers]
        took = time.monotonic() - started
        arrivals = server.seen()

    assert max(a.in_flight for a in arrivals) == concurrency
    assert sum(1 for a in arrivals if a.path.startswith("/reset/")) == 3 * 2  # RETRY_TIMES 1: tried twice
    assert all(s["downloader/response_status_count/200"] == per_worker for s in stats)
    # 27 answers of 0.3 s, two at a time; a leaked slot would wait out its 60 s.
    assert took < 40
    assert slot_fields(redis_server) == []


def test_a_killed_workers_slots_come_back_when_they_expire(redis_server, workers):
    slot_seconds, concurrency = 3.0, 2  # renewed every second: a loaded machine's stalls are shorter
    limits = [f"NEWSARCHIVE_FRONTIER_CONCURRENCY={concurrency}", f"NEWSARCHIVE_FRONTIER_SLOT_SECONDS={slot_seconds}"]
    with RecordingServer(delay=0.0) as server:
        holder = start_worker(redis_server.url, [f"{server.base_url}/hang/{n}.html" for n in range(3)], *limits)
        workers.append(holder)
        deadline = time.monotonic() + 60
        while sum(1 for a in server.seen() if a.path.startswith("/hang/")) < concurrency:
            assert time.monotonic() < deadline and holder.poll() is None, "the first worker never got going"
            time.sleep(0.05)
        before = len(server.seen())  # the first worker's robots.txt and its two hung pages
        waiting = start_worker(redis_server.url, [f"{server.base_url}/later/{n}.html" for n in range(3)], *limits)
        workers.append(waiting)
        assert waiting.stdout is not None and waiting.stdout.readline().strip() == "fetching"
        # Two lifetimes later the first worker still holds both slots (it renews them),
        # and the second one has sent nothing, not even its robots.txt.
        time.sleep(2 * slot_seconds)
        assert len(slot_fields(redis_server)) == concurrency
        assert len(server.seen()) == before
        holder.kill()
        killed_at = time.monotonic()
        holder.wait(10)
        finish(waiting, timeout=60)
        later = server.seen()[before:]

    assert sorted(a.path for a in later if a.path.startswith("/later/")) == [f"/later/{n}.html" for n in range(3)]
    first = min(a.at for a in later)
    assert killed_at < first <= killed_at + slot_seconds + 3.0


def test_a_crawler_whose_redis_is_gone_fails_its_requests_with_one_line(workers):
    url = f"redis://127.0.0.1:{free_port()}/0"
    with RecordingServer(delay=0.0) as server:
        worker = start_worker(url, [f"{server.base_url}/a/{n}.html" for n in range(2)],
                              "NEWSARCHIVE_FRONTIER_RATE=5", "NEWSARCHIVE_FRONTIER_RECONNECT_SECONDS=0.5")
        workers.append(worker)
        out, err = worker.communicate(timeout=120)
        assert server.seen() == []  # nothing goes out without its turn
    failures = [line for line in out.splitlines() if line.startswith("failed: ")]
    assert len(failures) == 2
    assert all(line.startswith(f"failed: frontier Redis {url} unavailable: ") for line in failures)
    stats = json.loads(out.strip().splitlines()[-1])
    # robots.txt too
    assert stats["downloader/exception_type_count/newsarchive.frontier.protocol.FrontierUnavailable"] == 3


# --- the limiter on its own -----------------------------------------------------------


def test_limits_default_to_the_portals_manners_and_leave_a_mirror_alone():
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    assert limits_for("https://www.yybnet.net", settings) == HostLimits(rate=1.0, concurrency=4)
    assert limits_for("http://127.0.0.1:8080", settings).unlimited
    assert limits_for("http://localhost:8080", settings).unlimited
    settings.set("NEWSARCHIVE_FRONTIER_RATE", "2.5", priority="cmdline")  # as -s gives it
    assert limits_for("http://127.0.0.1:8080", settings) == HostLimits(rate=2.5, concurrency=None)
    settings.set("NEWSARCHIVE_FRONTIER_RATE", "0", priority="cmdline")
    settings.set("NEWSARCHIVE_FRONTIER_CONCURRENCY", "8", priority="cmdline")
    assert limits_for("https://www.yybnet.net", settings) == HostLimits(rate=None, concurrency=8)
    assert limits_for("http://[::1]:8080", settings) == HostLimits(rate=None, concurrency=8)


@pytest.mark.parametrize(("rate", "tasks"), [(10.0, 11), (4.0, 5)])
def test_turns_are_spaced_one_interval_apart(redis_server, rate, tasks):
    """Tasks asking at once are granted one interval apart (give or take how late the
    loop wakes the first one: 0.15 s on a loaded machine)."""
    async def take_turns() -> list[float]:
        limiter = SharedHostLimiter(redis_server.url)
        granted: list[float] = []

        async def one() -> None:
            await limiter.acquire("portal.example", HostLimits(rate, None))
            granted.append(time.monotonic())

        await asyncio.gather(*(one() for _ in range(tasks)))
        await limiter.close()
        return granted

    granted = asyncio.run(take_turns())
    assert granted[-1] - granted[0] >= (tasks - 1) / rate - 0.15


def test_a_slot_is_refused_while_the_host_is_full_and_granted_once_one_is_released(redis_server):
    async def scenario() -> None:
        first, second = SharedHostLimiter(redis_server.url), SharedHostLimiter(redis_server.url)
        limits = HostLimits(None, 1)
        token = await first.acquire("h", limits)
        waiter = asyncio.create_task(second.acquire("h", limits))
        await asyncio.sleep(0.3)
        assert not waiter.done()
        await first.release("h", token)
        assert await asyncio.wait_for(waiter, 2) is not None
        await first.close()
        await second.close()

    asyncio.run(scenario())


def test_the_limits_go_on_after_redis_restarts(redis_server):
    async def scenario() -> None:
        limiter = SharedHostLimiter(redis_server.url, reconnect_seconds=20)
        limits = HostLimits(2.0, 2)
        await limiter.acquire("h", limits)
        await asyncio.to_thread(redis_server.restart)
        await limiter.acquire("h", limits)  # on a new connection
        await limiter.renew()
        await limiter.close()

    asyncio.run(scenario())
    assert len(slot_fields(redis_server, "h")) == 2  # both slots, the first kept by the AOF


def test_an_unreachable_redis_is_one_line_naming_it_and_nothing_waits_on_it_again():
    url = f"redis://:secret@127.0.0.1:{free_port()}/0"

    async def scenario() -> tuple[FrontierUnavailable, float]:
        limiter = SharedHostLimiter(url, reconnect_seconds=0.5)
        try:
            with pytest.raises(FrontierUnavailable) as first:
                await limiter.acquire("h", HostLimits(1.0, 4))
            started = time.monotonic()
            with pytest.raises(FrontierUnavailable):  # the next request in line fails at once
                await limiter.acquire("h", HostLimits(1.0, 4))
            return first.value, time.monotonic() - started
        finally:
            await limiter.close()

    started = time.monotonic()
    error, then = asyncio.run(scenario())
    message = str(error)
    assert "\n" not in message and "secret" not in message
    assert f"frontier Redis redis://:***@127.0.0.1:{url.rsplit(':', 1)[1]} unavailable: " in message
    assert time.monotonic() - started < 5 and then < 0.2


def test_a_redis_url_is_printed_without_its_password():
    assert redacted("redis://:pw@h:6379/0") == "redis://:***@h:6379/0"
    assert redacted("redis://user:pw@[::1]/2") == "redis://user:***@[::1]/2"
    assert redacted("redis://h:6379/0") == "redis://h:6379/0"
