"""`newsarchive crawl --frontier`: workers sharing one crawl through a real redis-server.

The workers run as a user runs them (child processes of the real command) against the
served test portal, slowed down so that several workers overlap and can be killed
while they hold leases. What they put on the stream is stored through the archive's
own writer and compared with tests/mirror/expected.json, as a local crawl's archive is.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.frontier.protocol import FrontierKeys, Record, article_from_data, decode
from newsarchive.store import ArchiveDB
from tests.crawling import REPO, connect, expected_record, stored_record
from tests.redis_server import RedisServer, free_port

KEYS = FrontierKeys()
# A killed worker's requests come back after this long; the tests that kill none leave
# a loaded machine's slow reactor more room (a live lease that expires means a page twice).
LEASE_SECONDS = 10
SHORT_LEASE_SECONDS = 3
TIMEOUT = 300  # seconds for a whole crawl on a loaded two-core machine


def slow_down(site: Path, seconds: float) -> None:
    """Every page of the mirror answers after `seconds` (kept: its other behaviours)."""
    routes_file = site / "_routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    for page in site.rglob("*.html"):
        relative = page.relative_to(site).as_posix()
        if relative.startswith("_") or "@" in relative:
            continue
        path = "/" + (relative.removesuffix("index.html") if page.name == "index.html" else relative)
        routes.setdefault(path, {})["delay"] = seconds
    routes_file.write_text(json.dumps(routes), encoding="utf-8")


def worker_command(frontier: str, base_url: str, channels: list[str], name: str, warc_dir: Path,
                   *extra: str, lease_seconds: float = LEASE_SECONDS) -> list[str]:
    command = [sys.executable, "-m", "newsarchive", "crawl", "--frontier", frontier, "--base-url", base_url,
               "--worker", name, "--warc-dir", str(warc_dir), "-s", f"NEWSARCHIVE_FRONTIER_LEASE_SECONDS={lease_seconds}"]
    for channel in channels:
        command += ["--channel", channel]
    return [*command, *extra]


def start_worker(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=REPO,
                                env={**os.environ, "PYTHONPATH": str(REPO)})


def finish(worker: subprocess.Popen[bytes], log: Path) -> str:
    """The worker's output once it has exited with status 0."""
    try:
        status = worker.wait(TIMEOUT)
    except subprocess.TimeoutExpired:
        worker.kill()
        raise
    output = log.read_text(encoding="utf-8", errors="replace")
    assert status == 0, output
    return output


def wait_for(condition, what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.05)


def records(server: RedisServer) -> list[Record]:
    return [decode(fields) for _, fields in server.client().xrange(KEYS.records)]


def article_urls(found: list[Record]) -> Counter[str]:
    return Counter(record.data["article"]["url"] for record in found if record.kind == "article")


def store(found: list[Record], db: Path) -> None:
    """The article records written by the archive's own writer, as `ingest` writes them."""
    with ArchiveDB(db) as archive:
        run_id = archive.start_run(base_url="frontier", channels=[], version="test", options={})
        for record in found:
            if record.kind == "article":
                article, capture = article_from_data(record.data)
                archive.save(article, run_id=run_id, **capture)  # type: ignore[arg-type]
        archive.flush()


@pytest.fixture
def slow_mirror(mirror, mirror_site):
    slow_down(mirror_site, 0.6)
    return mirror


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    """Workers a test starts; none outlives it."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for worker in started:
        if worker.poll() is None:
            worker.kill()
            worker.wait()


def test_three_workers_put_every_article_a_local_crawl_stores_on_the_stream_once(
    redis_server, slow_mirror, expected, workers, tmp_path
):
    base_url = slow_mirror.base_url
    warc_dir = tmp_path / "warc"
    logs = [tmp_path / f"w{n}.log" for n in range(3)]
    for n, log in enumerate(logs):
        command = worker_command(redis_server.url, base_url, expected["channels"], f"w{n}", warc_dir)
        workers.append(start_worker(command, log))
    outputs = [finish(worker, log) for worker, log in zip(workers, logs)]

    found = records(redis_server)
    urls = article_urls(found)
    assert sorted(urls) == sorted(base_url + path for path in expected["articles"])
    assert set(urls.values()) == {1}, [url for url, count in urls.items() if count > 1]
    db = tmp_path / "from-stream.db"
    store(found, db)
    conn = connect(db)
    for path, article in expected["articles"].items():
        assert stored_record(conn, base_url + path) == expected_record(article, base_url), path

    # one crawl, which all three took part in and which is done
    crawl = redis_server.client().hgetall(KEYS.crawl)
    assert crawl[b"state"] == b"done"
    assert {record.crawl for record in found} == {crawl[b"id"].decode()}
    finished = [record for record in found if record.kind == "worker_finished"]
    assert sorted(record.worker for record in finished) == ["w0", "w1", "w2"]
    assert {record.data["reason"] for record in finished} == {"finished"}
    for record in finished:  # each worker's last record
        assert [r for r in found if r.worker == record.worker][-1] == record
    assert [record.kind for record in found].count("crawl_started") == 1
    # the work was shared, each worker's captures are in its own WARC files
    publishers = Counter(record.worker for record in found if record.kind == "article")
    assert len(publishers) >= 2, publishers
    # (an article's capture is its first page's: another worker may have fetched its continuation)
    captures = {record.data["capture"]["warc_file"] for record in found if record.kind == "article"}
    assert all((warc_dir / name).is_file() for name in captures)
    assert {name.split("-")[1] for name in captures} >= set(publishers)
    # no page was fetched by two workers: only the flaky 503 page and the reset page twice, by the retry middleware
    article_pages = [path for path in slow_mirror.requests if "/news/" in path]
    assert {path for path in article_pages if article_pages.count(path) > 1} == {
        "/jining/news/201709/8300503.html", "/jining/news/202010/9876543.html"}
    # nothing left in flight, and each summary says what its worker did
    client = redis_server.client()
    assert client.zcard(KEYS.requests) == client.zcard(KEYS.leases) == client.hlen(KEYS.leased) == 0
    for n, output in enumerate(outputs):
        assert f"worker w{n} " in output and f"{publishers[f'w{n}']} articles published" in output, output
        assert "the frontier is empty" in output


def leases_holding(client, *parts: bytes) -> bool:
    return any(part in data for data in client.hvals(KEYS.leased) for part in parts)


# the moments a worker is killed at: holding its first article requests, a further list
# page (whose articles it has not queued yet), or a few articles into the crawl
KILL_MOMENTS = {
    "articles": lambda server: leases_holding(server.client(), b"/news/"),
    "list page": lambda server: leases_holding(server.client(), b"list_", b"page="),
    "midway": lambda server: len(article_urls(records(server))) >= 5 and leases_holding(server.client(), b"/news/"),
}


@pytest.mark.parametrize("moment", KILL_MOMENTS)
def test_a_worker_killed_while_it_holds_leases_loses_no_article(
    redis_server, slow_mirror, expected, workers, tmp_path, moment
):
    base_url = slow_mirror.base_url
    warc_dir = tmp_path / "warc"
    client = redis_server.client()
    command = worker_command(redis_server.url, base_url, expected["channels"], "doomed", warc_dir,
                             lease_seconds=SHORT_LEASE_SECONDS)
    workers.append(start_worker(command, tmp_path / "doomed.log"))
    wait_for(lambda: KILL_MOMENTS[moment](redis_server), f"the moment to kill: {moment}")
    workers[0].send_signal(signal.SIGKILL)
    workers[0].wait()
    # Without leases these requests would be lost: popped, and in the duplicate filter.
    assert client.hlen(KEYS.leased) > 0

    logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
    for n, log in enumerate(logs, start=1):
        workers.append(start_worker(worker_command(redis_server.url, base_url, expected["channels"],
                                                   f"w{n}", warc_dir, lease_seconds=SHORT_LEASE_SECONDS), log))
    outputs = [finish(worker, log) for worker, log in zip(workers[1:], logs)]
    assert "requeued" in "".join(outputs)  # a survivor took the dead worker's leases over

    found = records(redis_server)
    assert set(article_urls(found)) == {base_url + path for path in expected["articles"]}
    assert client.hget(KEYS.crawl, "state") == b"done"
    assert len({record.crawl for record in found}) == 1  # the survivors finished the same crawl
    assert client.zcard(KEYS.leases) == client.hlen(KEYS.leased) == 0


def test_a_worker_stopped_with_ctrl_c_gives_its_requests_back_and_another_finishes_the_crawl(
    redis_server, slow_mirror, expected, workers, tmp_path
):
    base_url = slow_mirror.base_url
    client = redis_server.client()
    command = worker_command(redis_server.url, base_url, expected["channels"], "stopped", tmp_path / "warc")
    workers.append(start_worker(command, tmp_path / "stopped.log"))
    # stopped while list pages are in flight: a list read halfway must not count as done
    wait_for(lambda: any(b"list_" in data or b"page=" in data for data in client.hvals(KEYS.leased)),
             "the worker to lease a further list page")
    workers[0].send_signal(signal.SIGINT)
    assert workers[0].wait(TIMEOUT) == 130
    assert client.zcard(KEYS.leases) == client.hlen(KEYS.leased) == 0  # given back at once, not left to expire
    assert client.zcard(KEYS.requests) > 0
    stopped = [record for record in records(redis_server) if record.kind == "worker_finished"]
    assert [record.data["reason"] for record in stopped] == ["shutdown"]

    log = tmp_path / "w1.log"
    workers.append(start_worker(worker_command(redis_server.url, base_url, expected["channels"], "w1",
                                               tmp_path / "warc"), log))
    finish(workers[1], log)
    found = records(redis_server)
    assert set(article_urls(found)) == {base_url + path for path in expected["articles"]}
    assert client.hget(KEYS.crawl, "state") == b"done"


def test_redis_restarted_mid_crawl_the_workers_reconnect_and_finish(
    redis_server, slow_mirror, expected, workers, tmp_path
):
    base_url = slow_mirror.base_url
    logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
    for n, log in enumerate(logs, start=1):
        workers.append(start_worker(worker_command(redis_server.url, base_url, expected["channels"],
                                                   f"w{n}", tmp_path / "warc"), log))
    wait_for(lambda: len(article_urls(records(redis_server))) >= 3, "the first articles")
    redis_server.kill()  # a crash: the AOF (fsync always) has every write
    time.sleep(1)
    redis_server.start()
    for worker, log in zip(workers, logs):
        finish(worker, log)

    found = records(redis_server)
    assert set(article_urls(found)) == {base_url + path for path in expected["articles"]}
    assert redis_server.client().hget(KEYS.crawl, "state") == b"done"


@pytest.mark.parametrize("url", [
    "redis://127.0.0.1:{free}/0",  # nothing listens
    "redis://127.0.0.1:{live}/99",  # no such database
    "redis://nosuchhost.invalid:6379/0",  # no such host
])
def test_redis_unreachable_is_one_line_and_exit_75(redis_server, mirror, url, tmp_path):
    frontier = url.format(free=free_port(), live=redis_server.port)
    result = subprocess.run(
        worker_command(frontier, mirror.base_url, ["jining/qufu"], "w", tmp_path / "warc"),
        capture_output=True, text=True, timeout=TIMEOUT, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 75, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and frontier in lines[0] and "unavailable" in lines[0], result.stderr
    assert result.stdout == ""
    assert not mirror.requests  # nothing was fetched


def test_redis_gone_for_good_mid_crawl_stops_the_worker_with_one_line_and_exit_75(
    redis_server, slow_mirror, expected, tmp_path
):
    command = worker_command(redis_server.url, slow_mirror.base_url, expected["channels"], "w", tmp_path / "warc")
    log = tmp_path / "w.log"
    with log.open("wb") as out:
        worker = subprocess.Popen([*command, "--quiet"], stdout=subprocess.PIPE, stderr=out, cwd=REPO,
                                  env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        wait_for(lambda: len(article_urls(records(redis_server))) >= 1, "the first article")
        redis_server.kill()
        stdout, _ = worker.communicate(timeout=TIMEOUT)
    finally:
        if worker.poll() is None:
            worker.kill()
    stderr = log.read_text(encoding="utf-8")
    assert worker.returncode == 75, stderr
    assert len(stderr.splitlines()) == 1 and "unavailable" in stderr, stderr
    assert b"left before the crawl was done (frontier_unavailable)" in stdout


def test_a_worker_asked_for_other_channels_than_the_running_crawl_exits_2(redis_server, mirror, tmp_path):
    client = redis_server.client()
    client.hset(KEYS.crawl, mapping={"id": "c1", "base_url": mirror.base_url, "channels": '["jining/qufu"]',
                                     "options": "{}", "state": "running", "started_at": "2026-11-30T00:00:00+00:00"})
    result = subprocess.run(
        worker_command(redis_server.url, mirror.base_url, ["jining/zoucheng"], "w", tmp_path / "warc"),
        capture_output=True, text=True, timeout=TIMEOUT, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(result.stderr.splitlines()) == 1 and "jining/qufu" in result.stderr, result.stderr
    assert client.zcard(KEYS.requests) == 0 and client.hget(KEYS.crawl, "state") == b"running"


def test_a_lease_moves_a_request_out_of_the_queue_and_back_when_it_expires(redis_server):
    """The lease operations on their own: popped requests are leased, renewed leases
    stay, expired ones come back with their priority, released ones are gone."""
    from newsarchive.frontier.leases import LeaseBook

    def book(seconds: float) -> LeaseBook:
        return LeaseBook(redis_server.client(), KEYS, seconds, on_unavailable=lambda error: None,
                         stopping=lambda: False)

    client = redis_server.client()
    queued = book(60)
    for priority in range(-2, 3):
        assert queued.push(f"request {priority}".encode(), -priority, fingerprint=f"fp{priority}")
    assert not queued.push(b"the same request again", 0, fingerprint="fp0")  # the dupefilter, in one step
    assert queued.push(b"retried, never filtered", 5, fingerprint=None)

    short, long = book(0.5), book(60)
    lease, data = short.pop()
    assert data == b"request 2"  # highest priority first
    kept, _ = long.pop()
    released, _ = long.pop()
    assert client.zcard(KEYS.leases) == client.hlen(KEYS.leased) == 3
    released.processed()  # nothing pending: deleted
    assert released.id not in long.held and client.hlen(KEYS.leased) == 2

    time.sleep(1)
    long.renew()
    assert long.requeue_expired() == 1  # the short lease only
    assert lease.id not in {member.decode() for member in client.zrange(KEYS.leases, 0, -1)}
    assert client.zrange(KEYS.requests, 0, 0) == [b"request 2"]  # back, with its priority
    long.give_back()
    assert client.zcard(KEYS.leases) == client.hlen(KEYS.leased) == 0
    assert client.zcard(KEYS.requests) == 6 - 1  # six queued; all but the released one are back


def test_a_lease_is_released_only_once_everything_its_request_gave_is_handled(redis_server):
    from newsarchive.frontier.leases import LeaseBook

    book = LeaseBook(redis_server.client(), KEYS, 60, on_unavailable=lambda error: None, stopping=lambda: False)
    book.push(b"list page", 0, fingerprint="list")
    lease, _ = book.pop()
    item = object()
    lease.add()  # a child request on its way to the queue
    book.tag_item(item, lease)
    book.tag_item(item, lease)  # seen by two layers: counted once
    lease.processed()  # the callback has given everything
    assert lease.id in book.held
    lease.done()  # the child is queued
    assert lease.id in book.held
    book.item_done(item)  # the item is published
    assert lease.id not in book.held
    assert redis_server.client().zcard(KEYS.leases) == 0
