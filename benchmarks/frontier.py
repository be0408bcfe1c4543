"""The distributed crawl on one machine: 1, 2 and 4 workers under one shared rate limit.

Generates a mirror of N articles (benchmarks/sitegen.py) and serves it with nginx
(benchmarks/crawl.py's, plus an access log of when each request arrived). For each
number of workers, on a fresh redis-server (AOF, appendfsync everysec as in
deploy/redis-newsarchive.conf):

1. starts the workers at once, as FRONTIER.md's commands say:
   `newsarchive crawl --frontier URL --base-url … --channel … --warc-dir … --worker wK
   -s NEWSARCHIVE_FRONTIER_RATE=R`, and waits for all of them to leave;
2. reads Redis's used_memory (against before the crawl) and the records stream's share
   (MEMORY USAGE): all the crawl's records, as the writer has not run yet;
3. runs the writer alone, `newsarchive ingest --from URL --db … --until-idle`, on the
   whole stream: its rows/s (from its first line of output to its exit, so without its
   start-up) is what one writer can store, not what the workers send. It deletes what
   it stores, so with the writer running beside the workers the stream stays small.

It prints pages/s (requests at the server, first to last), Redis memory per 10,000
URLs, the writer's rows/s, and the most requests nginx saw in any one second, against
the limit: a shared rate R spaces requests 1/R apart, so a one-second window holds at
most R + 1 (its two ends).

    python benchmarks/frontier.py                          # 3,000 articles, 100 requests/s, 1 2 4 workers
    python benchmarks/frontier.py --articles 5000 --rate 50 --workers 1 4 --keep /tmp/fb
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.crawl import Nginx  # noqa: E402
from benchmarks.sitegen import CHANNEL, write_site  # noqa: E402
from newsarchive.frontier.protocol import FrontierKeys  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

REDIS_OPTIONS = ("--appendfsync", "everysec", "--maxmemory-policy", "noeviction")  # as deploy/ says


class LoggingNginx(Nginx):
    """benchmarks/crawl.py's nginx, logging each request: when it arrived and its path."""

    def __init__(self, site: Path, tmp: Path) -> None:
        super().__init__(site, tmp)
        self.log = tmp / "access.log"
        conf = self.conf.read_text(encoding="utf-8")
        # $msec is when the response was done; minus $request_time, when the request came.
        logging = f"log_format arrival '$msec $request_time $request_uri';\n    access_log {self.log} arrival;"
        conf = conf.replace("access_log off;", logging)
        # The clock that judges the limit must not lag: an nginx starved of CPU by the
        # crawl reads a backlog of requests in one go, and they all look simultaneous.
        conf = conf.replace("worker_processes 1;", "worker_processes 1;\nworker_priority -10;")
        self.conf.write_text(conf, encoding="utf-8")

    def arrivals(self) -> list[tuple[float, str]]:
        """(arrival time, path) of every request, in order."""
        found = []
        for line in self.log.read_text(encoding="utf-8").splitlines():
            done, took, path = line.split(" ", 2)
            found.append((float(done) - float(took), path))
        return sorted(found)


def most_in_one_second(times: list[float]) -> int:
    """The most arrivals in any half-open window [t, t + 1 s)."""
    most, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


@dataclass
class Run:
    workers: int
    requests: int  # at the server, robots.txt and each worker's channel check included
    crawl_seconds: float  # workers started to the last one gone
    pages_per_second: float  # at the server, from the first robots.txt (Scrapy started) to the last request
    most_in_one_second: int
    redis_bytes: int  # used_memory after the crawl, minus before
    stream_bytes: int  # of which the records stream, before the writer drained it
    rows: int
    ingest_seconds: float


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def check(process: subprocess.Popen[str], what: str) -> None:
    out, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{what} exited {process.returncode}:\n{out[-2000:]}\n{err[-3000:]}")


def run_workers(count: int, site: Path, tmp: Path, rate: float) -> Run:
    python = sys.executable
    db = tmp / "archive.db"
    with RedisServer(tmp / "redis", options=REDIS_OPTIONS) as redis_server, LoggingNginx(site, tmp) as nginx:
        client = redis_server.client()
        before = int(client.info("memory")["used_memory"])
        started = time.perf_counter()
        workers = [
            subprocess.Popen(
                [python, "-m", "newsarchive", "crawl", "--frontier", redis_server.url, "--base-url", nginx.base_url,
                 "--channel", CHANNEL, "--warc-dir", str(tmp / "warc"), "--worker", f"w{n}", "--quiet",
                 "-s", f"NEWSARCHIVE_FRONTIER_RATE={rate}"],
                cwd=REPO, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for n in range(1, count + 1)
        ]
        for n, worker in enumerate(workers, 1):
            check(worker, f"worker w{n}")
        crawl_seconds = time.perf_counter() - started
        redis_bytes = int(client.info("memory")["used_memory"]) - before
        stream_bytes = int(client.memory_usage(FrontierKeys().records, samples=0) or 0)
        ingest = subprocess.Popen(
            [python, "-m", "newsarchive", "ingest", "--from", redis_server.url, "--db", str(db), "--until-idle"],
            cwd=REPO, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert ingest.stdout is not None
        ingest.stdout.readline()  # its first line: connected, the archive published; now it reads
        started = time.perf_counter()
        check(ingest, "ingest")
        ingest_seconds = time.perf_counter() - started
        assert client.xlen(FrontierKeys().records) == 0, "the writer left records in the stream"
    arrivals = nginx.arrivals()  # nginx has stopped: its log is complete
    times = [at for at, _ in arrivals]
    crawling = [at for at in times if at >= min(at for at, path in arrivals if path == "/robots.txt")]
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return Run(count, len(arrivals), crawl_seconds, (len(crawling) - 1) / (crawling[-1] - crawling[0]),
               most_in_one_second(times), redis_bytes, stream_bytes, rows, ingest_seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3_000, help="articles in the mirror (default: %(default)s)")
    parser.add_argument("--rate", type=float, default=100.0,
                        help="the shared limit, requests/s for all workers together (default: %(default)s)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4], help="(default: 1 2 4)")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temp dir, removed)")
    args = parser.parse_args()
    if args.articles < 1 or args.rate <= 0 or min(args.workers) < 1:
        parser.error("--articles, --rate and --workers must be positive")
    tmp = (args.keep or Path(tempfile.mkdtemp(prefix="newsarchive-frontier-bench-"))).resolve()
    try:
        site = tmp / "site"
        shutil.rmtree(site, ignore_errors=True)
        facts = write_site(site, args.articles)
        runs = []
        for count in args.workers:
            print(f"{count} worker(s) …", file=sys.stderr)
            work = tmp / f"workers-{count}"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            runs.append(run_workers(count, site, work, args.rate))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    report(facts.articles, facts.pages, args.rate, runs)
    return 0 if all(run.most_in_one_second <= args.rate + 1 for run in runs) else 1


def report(articles: int, pages: int, rate: float, runs: list[Run]) -> None:
    print(f"mirror: {articles:,} articles, {pages:,} pages, nginx on 127.0.0.1; {os.cpu_count()} cores"
          f" (load average {os.getloadavg()[1]:.1f}); shared limit {rate:g} requests/s for all workers")
    header = ("workers", "requests", "crawl s", "pages/s", "most in 1 s", "Redis per 10k URLs (stream)",
              "rows", "writer rows/s")
    table = [header] + [
        (str(r.workers), f"{r.requests:,}", f"{r.crawl_seconds:.1f}", f"{r.pages_per_second:.1f}",
         f"{r.most_in_one_second}", f"{r.redis_bytes / r.requests * 1e4 / 2**20:.1f} MB"
         f" ({r.stream_bytes / r.requests * 1e4 / 2**20:.1f} MB)", f"{r.rows:,}", f"{r.rows / r.ingest_seconds:.0f}")
        for r in runs
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths)))
    worst = max(r.most_in_one_second for r in runs)
    verdict = "held" if worst <= rate + 1 else "BROKEN"
    print(f"shared limit {verdict}: at most {worst} requests in any one second at the server"
          f" (limit {rate:g}, + 1 for a window's two ends)")


if __name__ == "__main__":
    sys.exit(main())
