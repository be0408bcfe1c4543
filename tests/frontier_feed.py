"""Records as crawl workers send them, for the ingest tests: the test portal's articles
extracted from its files, put on a real Redis stream with protocol.encode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import redis

from newsarchive.extract import extract_article
from newsarchive.frontier.protocol import FrontierKeys, RecordKind, article_data, encode
from newsarchive.items import CapturedArticle, ExtractedArticle, Page
from tests.crawling import REPO

SITE = Path(__file__).resolve().parent / "mirror" / "site"
EXPECTED = json.loads((Path(__file__).resolve().parent / "mirror" / "expected.json").read_text(encoding="utf-8"))
BASE_URL = "http://127.0.0.1:9"
CHANNELS = EXPECTED["channels"]


def portal_articles(copies: int = 1) -> list[ExtractedArticle]:
    """The test portal's articles as a worker extracts them, each with a capture; with
    `copies` > 1, each article again under new URLs (other ids), so there are many."""
    articles = []
    for number, (_path, expected) in enumerate(sorted(EXPECTED["articles"].items())):
        pages = [Page(BASE_URL + page, (SITE / page.lstrip("/")).read_bytes()) for page in expected["pages"]]
        article = extract_article(pages)
        article.flags = []
        for copy in range(copies):
            moved = article if copy == 0 else _renumbered(article, copy)
            capture = CapturedArticle(
                pages=[Page(moved.url, b"")], channel_path=moved.channel_path or "", fetched_at="2026-11-30T01:00:00+00:00",
                warc_file="worker-a-0.warc.gz", warc_record_id=f"<urn:uuid:{number:04d}-{copy:04d}>",
            )
            articles.append(ExtractedArticle(moved, capture))
    return articles


def _renumbered(article: Any, copy: int) -> Any:
    def move(url: str) -> str:
        return url.replace("/news/", f"/news/c{copy}/")

    return replace(article, url=move(article.url), pages=[move(page) for page in article.pages],
                   headline=f"{article.headline} ({copy})")


class Feed:
    """A crawl's records, XADDed as its workers would."""

    def __init__(self, client: redis.Redis, crawl: str = "crawl-1", prefix: str = "newsarchive") -> None:
        self.client = client
        self.crawl = crawl
        self.keys = FrontierKeys(prefix)

    def send(self, kind: RecordKind, worker: str, data: dict[str, Any]) -> str:
        return self.client.xadd(self.keys.records, encode(kind, self.crawl, worker, data)).decode()

    def start(self, worker: str = "worker-a", channels: list[str] = CHANNELS) -> None:
        """The crawl hash of a running crawl, and its crawl_started record."""
        description = {"base_url": BASE_URL, "channels": channels, "options": {"full": False, "refresh": False,
                                                                             "images": False}}
        self.client.hset(self.keys.crawl, mapping={
            "id": self.crawl, "base_url": BASE_URL, "channels": json.dumps(channels),
            "options": json.dumps(description["options"]), "state": "running", "started_at": "2026-11-30T01:00:00+00:00",
        })
        self.send("crawl_started", worker, {**description, "started_at": "2026-11-30T01:00:00+00:00"})

    def articles(self, worker: str, items: list[ExtractedArticle]) -> None:
        for item in items:
            self.send("article", worker, article_data(item))

    def finished(self, worker: str, reason: str = "finished", **stats: int) -> None:
        self.send("worker_finished", worker, {"reason": reason, "finished_at": "2026-11-30T01:05:00+00:00",
                                              "stats": {"downloader/request_count": 10, **stats,
                                                        "start_time": "2026-11-30T01:00:00"}})

    def done(self) -> None:
        self.client.hset(self.keys.crawl, mapping={"state": "done", "finished_at": "2026-11-30T01:05:00+00:00"})

    def pending(self) -> int:
        return int(self.client.xpending(self.keys.records, "ingest")["pending"])


def ingest_command(url: str, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsarchive", "ingest", "--from", url, "--db", str(db), *extra]


def run_ingest(url: str, db: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`newsarchive ingest …` in a child process, as a user or systemd runs it."""
    return subprocess.run(ingest_command(url, db, *extra), capture_output=True, text=True, timeout=timeout,
                          cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})


def start_ingest(url: str, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(ingest_command(url, db, *extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
