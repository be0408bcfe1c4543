"""One crawl run: its lock, its archive connection and its `crawl_runs` row.

The extension is built when the crawler starts (after the spider, so it knows the
base URL and channels) and before any request, so a second run fails at once while
the first one holds the lock. The spider and the pipelines reach the open archive
through `crawler.get_extension(CrawlRun)`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler

from newsarchive import __version__
from newsarchive.archive.lock import RunLock
from newsarchive.store import ArchiveDB

logger = logging.getLogger(__name__)

# Scrapy stats -> crawl_runs columns.
_COUNTS = {
    "pages_requested": "downloader/request_count",
    "articles_new": "newsarchive/articles/new",
    "articles_changed": "newsarchive/articles/changed",
    "articles_unchanged": "newsarchive/articles/unchanged",
    "pages_skipped_non_article": "newsarchive/pages/not_article",
    "articles_invalid": "newsarchive/articles/invalid",
}
# Stats prefixes whose keys count errors by kind.
_ERROR_PREFIXES = (
    "newsarchive/errors/",
    "downloader/exception_type_count/",
    "spider_exceptions/",
    "httperror/response_ignored_status_count/",
    "retry/max_reached",
)


def db_path_of(crawler: Crawler) -> Path:
    return Path(crawler.settings.get("NEWSARCHIVE_DB"))


class CrawlRun:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        spider = crawler.spider
        self.db_path = db_path_of(crawler)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = RunLock.for_database(self.db_path)
        self.lock.acquire()  # raises AlreadyRunning: nothing else is touched
        self.archive = ArchiveDB(self.db_path)
        self.base_url: str = spider.base_url
        # Paging may stop early on a channel only if the last run that asked for it
        # paged it to the end (asked before this run's row exists).
        self._complete_before = {
            channel: self.archive.channel_complete(channel, self.base_url) for channel in spider.channels
        }
        options = {"full": spider.full, "refresh": spider.refresh}
        self.run_id = self.archive.start_run(
            base_url=self.base_url, channels=list(spider.channels), version=__version__, options=options
        )
        self._failed_channels: set[str] = set()
        self.max_failure_share: float = crawler.settings.getfloat("NEWSARCHIVE_MAX_FAILURE_SHARE")
        self.verdict: str | None = None  # why the run failed; None when healthy
        self.counts: dict[str, int] = {}
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        logger.info("run %d: archive %s, channels %s", self.run_id, self.db_path, ", ".join(spider.channels))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRun:
        return cls(crawler)

    @staticmethod
    def of(crawler: Crawler) -> CrawlRun:
        """The crawler's run, for the spider and the pipelines."""
        run = crawler.get_extension(CrawlRun)
        if run is None:
            raise RuntimeError("the CrawlRun extension is not enabled")
        return run

    def was_complete(self, channel: str) -> bool:
        if channel not in self._complete_before:  # a county found on a city page
            self._complete_before[channel] = self.archive.channel_complete(channel, self.base_url)
        return self._complete_before[channel]

    def is_settled(self, url: str) -> bool:
        """Stored already, or known to be no article or gone: not fetched again."""
        return self.archive.is_known(url) or self.archive.is_skipped(url)

    def skip(self, url: str, reason: str) -> None:
        self.archive.mark_skipped(url, reason, self.run_id)

    def channel_failed(self, channel: str) -> None:
        self._failed_channels.add(channel)

    def spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        stats: dict[str, Any] = self.crawler.stats.get_stats()
        self.counts = {column: int(stats.get(key, 0)) for column, key in _COUNTS.items()}
        errors = {
            key: int(value)
            for key, value in stats.items()
            if key.startswith(_ERROR_PREFIXES) and isinstance(value, int)
        }
        self.verdict = self.judge(reason)
        try:
            if reason == "finished":
                for channel in spider.channels:
                    if channel not in self._failed_channels:
                        self.archive.set_channel_complete(channel, self.base_url, self.run_id)
            self.archive.finish_run(
                self.run_id,
                finish_reason=reason,
                counts=self.counts,
                errors=errors,
                exit_status="ok" if self.verdict is None else f"failed: {self.verdict}",
            )
        finally:
            self.archive.close()
            self.lock.release()

    def judge(self, reason: str) -> str | None:
        """One line saying why this run should alarm its operator, or None."""
        if reason != "finished":
            return f"the crawl did not finish ({reason})"
        counts = self.counts
        stored = counts["articles_new"] + counts["articles_changed"] + counts["articles_unchanged"]
        already = int(self.crawler.stats.get_value("newsarchive/articles/already_known", 0))
        if stored + already == 0:
            return "no article was stored or found already stored: the channels yielded nothing"
        failed = counts["articles_invalid"] + int(
            self.crawler.stats.get_value("newsarchive/errors/extraction_failed", 0)
        )
        attempted = stored + failed + counts["pages_skipped_non_article"]
        if attempted and failed / attempted > self.max_failure_share:
            return (
                f"{failed} of {attempted} article pages failed extraction "
                f"(more than {self.max_failure_share:.0%})"
            )
        return None
