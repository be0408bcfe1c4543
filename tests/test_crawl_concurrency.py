"""A host never has more requests in flight than CONCURRENT_REQUESTS_PER_DOMAIN.

Scrapy 2.19's downloader lets a host's whole queue out at once when no delay is set (a
mirror, a backfill); newsarchive.crawl.downloader keeps the limit. The crawler here is
the benchmark's fetch-only spider (the project's settings, DOWNLOAD_DELAY 0) against a loopback
server that counts the requests it is answering.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from newsarchive import settings
from tests.test_frontier_politeness import RecordingServer

REPO = Path(__file__).resolve().parent.parent


def fetch(urls: list[str], tmp_path: Path, *, stock: bool = False) -> int:
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(urls), encoding="utf-8")
    command = [sys.executable, "benchmarks/crawl.py", "--fetch-only", str(url_file), *(["--stock"] if stock else [])]
    done = subprocess.run(command, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])["responses"]


def test_a_host_gets_at_most_its_concurrency_with_no_delay(tmp_path: Path) -> None:
    limit = settings.CONCURRENT_REQUESTS_PER_DOMAIN
    assert limit < 16  # Scrapy's CONCURRENT_REQUESTS, what the queue was let out up to
    with RecordingServer(delay=0.2) as server:
        urls = [f"{server.base_url}/page/{n}" for n in range(4 * limit)]
        assert fetch(urls, tmp_path) == len(urls) + 1  # robots.txt too
        arrivals = [a for a in server.seen() if a.path.startswith("/page/")]
    assert len(arrivals) == len(urls)
    # Every request took 0.2 s, so the limit is reached, and never passed.
    assert max(a.in_flight for a in arrivals) == limit


def test_the_benchmarks_stock_fetch_is_scrapys_own(tmp_path: Path) -> None:
    """The benchmark's other ceiling, stock Scrapy with the project's per-domain
    concurrency, runs Scrapy's own downloader: it fetches every page, and lets the
    host's queue out past that concurrency (what crawl/downloader.py keeps it to)."""
    limit = settings.CONCURRENT_REQUESTS_PER_DOMAIN
    with RecordingServer(delay=0.2) as server:
        urls = [f"{server.base_url}/page/{n}" for n in range(4 * limit)]
        assert fetch(urls, tmp_path, stock=True) == len(urls) + 1  # robots.txt too, as the project obeys it
        arrivals = [a for a in server.seen() if a.path.startswith("/page/")]
    assert len(arrivals) == len(urls)
    assert max(a.in_flight for a in arrivals) > limit
