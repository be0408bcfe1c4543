"""One crawl run: its lock, its archive connection and its `crawl_runs` row.

The extension is built when the crawler starts (after the spider, so it knows the
base URL and channels) and before any request, so a second run fails at once while
the first one holds the lock. The spider and the pipelines reach the open archive
through `crawler.get_extension(CrawlRun)`.

A write the archive refuses (disk full, I/O error) closes the crawl at once with the
reason `archive_write_failed`. The run's counts of stored articles are the saves that
were committed, and its verdict is kept in memory, so `newsarchive crawl` reports the
failure even when the run's row can no longer be written. A timer commits the open
batch every NEWSARCHIVE_COMMIT_SECONDS, also while no article arrives.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast, get_args

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.defer import deferred_from_coro

from newsarchive import __version__
from newsarchive.archive.lock import RunLock
from newsarchive.archive.warc import warc_dir_from_settings
from newsarchive.store import ArchiveDB, ArchiveWriteFailed, SaveResult

if TYPE_CHECKING:
    from scrapy.utils.asyncio import AsyncioLoopingCall
    from twisted.internet.task import LoopingCall

    from newsarchive.crawl.spiders.portal import PortalSpider

logger = logging.getLogger(__name__)

# Scrapy stats -> crawl_runs columns.
_COUNTS = {
    "pages_requested": "downloader/request_count",
    "articles_new": "newsarchive/articles/new",
    "articles_changed": "newsarchive/articles/changed",
    "articles_unchanged": "newsarchive/articles/unchanged",
    "pages_skipped_non_article": "newsarchive/pages/not_article",
    "articles_invalid": "newsarchive/articles/invalid",
    "list_pages_short": "newsarchive/list_pages/short",
    "articles_flagged": "newsarchive/articles/flagged",
    "articles_already_archived": "newsarchive/articles/already_known",
}
# Stats prefix whose keys count the links a run did not follow, by reason.
_NOT_FOLLOWED_PREFIX = "newsarchive/not_followed/"
# Save results -> their stats; set from what was committed, not from what was saved.
_SAVE_STATS: dict[SaveResult, str] = {
    status: f"newsarchive/articles/{status}" for status in get_args(SaveResult)
}
WRITE_FAILED_REASON = "archive_write_failed"
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
        spider = cast("PortalSpider", crawler.spider)  # the extension serves the portal spider only
        self.db_path = db_path_of(crawler)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        settings = crawler.settings
        self.commit_seconds = settings.getfloat("NEWSARCHIVE_COMMIT_SECONDS")
        self.lock = RunLock.for_database(self.db_path)
        self.lock.acquire()  # raises AlreadyRunning: nothing else is touched
        with ExitStack() as undo:  # a run that cannot start leaves the lock free
            undo.callback(self.lock.release)
            self.archive = ArchiveDB(self.db_path, commit_seconds=self.commit_seconds)
            undo.callback(self.archive.close)
            self.base_url: str = spider.base_url
            # Holding the lock: a run row without a verdict is one that was killed.
            self.archive.close_abandoned_runs()
            # Paging may stop early on a channel only if the last run that asked for it
            # paged it to the end (asked before this run's row exists).
            self._complete_before = {
                channel: self.archive.channel_complete(channel, self.base_url) for channel in spider.channels
            }
            options = {
                "full": spider.full, "refresh": spider.refresh, "images": spider.images,
                # where this run's captures go, so `newsarchive status` finds them
                "warc_dir": str(warc_dir_from_settings(settings).resolve()),
            }
            self.run_id = self.archive.start_run(
                base_url=self.base_url, channels=list(spider.channels), version=__version__, options=options
            )
            undo.pop_all()
        self.archive.on_failure = self._write_failed
        self._failed_channels: set[str] = set()
        self.max_failure_share: float = settings.getfloat("NEWSARCHIVE_MAX_FAILURE_SHARE")
        self.max_flagged_share: float = settings.getfloat("NEWSARCHIVE_MAX_FLAGGED_SHARE")
        self.write_failure: str | None = None  # the first refused write, in one line
        # Why the run failed; None when healthy. Until spider_closed has judged the run
        # it is failed, so a crawl that stops without closing is never reported ok.
        self.verdict: str | None = "the crawl stopped before the run was closed"
        self.counts: dict[str, int] = {}
        self.errors: dict[str, int] = {}
        self.links_not_followed: dict[str, int] = {}
        self._spider_open = False  # between spider_opened and spider_closed: closable
        self._commit_timer: AsyncioLoopingCall | LoopingCall | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
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

    def seeded(self) -> None:
        """Nothing to note: a local run ends when its own queue is empty."""

    def was_complete(self, channel: str) -> bool:
        if channel not in self._complete_before:  # a county found on a city page
            self._complete_before[channel] = self.archive.channel_complete(channel, self.base_url)
        return self._complete_before[channel]

    def settled_among(self, urls: Sequence[str]) -> set[str]:
        """Those stored already with their capture, or known to be no article or gone:
        not fetched again. An article stored without its capture is fetched again."""
        return self.archive.settled_among(urls)

    def seen(self, url: str) -> None:
        """Note that this run found a stored article in a list. After a refused write
        (already reported, the crawl closing) it is not noted: no second error for it."""
        try:
            self.archive.mark_seen(url, self.run_id)
        except ArchiveWriteFailed:
            pass

    def skip(self, url: str, reason: str) -> None:
        """Remember a page not to fetch again. After a refused write (already reported,
        the crawl closing) it is not remembered, and the next run asks for it again."""
        try:
            self.archive.mark_skipped(url, reason, self.run_id)
        except ArchiveWriteFailed:
            pass

    def channel_failed(self, channel: str) -> None:
        self._failed_channels.add(channel)

    def _write_failed(self, failure: ArchiveWriteFailed) -> None:
        """The archive refused a write: stop the crawl rather than lose what it fetches."""
        self.crawler.stats.inc_value("newsarchive/errors/archive_write_failed")
        if self.write_failure is not None:
            return
        self.write_failure = str(failure)
        logger.error("%s; closing the crawl (the uncommitted articles are not stored)", failure)
        if self._spider_open:
            assert self.crawler.engine is not None
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=WRITE_FAILED_REASON))

    def spider_opened(self) -> None:
        self._spider_open = True
        # Commit by time also while no article arrives (a slow site), so the write
        # lock is never held for long.
        if self.commit_seconds > 0:
            self._commit_timer = create_looping_call(self._commit_if_due)
            self._commit_timer.start(min(1.0, self.commit_seconds / 2), now=False)

    def _commit_if_due(self) -> None:
        try:
            self.archive.commit_if_due()
        except ArchiveWriteFailed:
            pass  # reported by _write_failed, which closes the crawl

    def spider_closed(self, spider: PortalSpider, reason: str) -> None:
        self._spider_open = False
        if self._commit_timer is not None and self._commit_timer.running:
            self._commit_timer.stop()
        with ExitStack() as finally_:  # whatever happens: the archive closed, then the lock released
            finally_.callback(self.lock.release)
            finally_.callback(self.archive.close)
            try:
                self.archive.flush()
                if reason == "finished" and self.write_failure is None:
                    for channel in spider.channels:
                        if channel not in self._failed_channels:
                            self.archive.set_channel_complete(channel, self.base_url, self.run_id)
            except ArchiveWriteFailed:
                pass  # reported by _write_failed; judge() names it
            self._take_counts(self.crawler.stats)
            self.verdict = self.judge(reason)
            try:
                self.archive.finish_run(
                    self.run_id,
                    finish_reason=reason,
                    counts=self.counts,
                    errors=self.errors,
                    exit_status="ok" if self.verdict is None else f"failed: {self.verdict}",
                    links_not_followed=self.links_not_followed,
                )
            except ArchiveWriteFailed:
                # The row keeps no verdict (the next run marks it killed); the verdict
                # in memory is what `newsarchive crawl` reports.
                self.verdict = self.judge(reason)

    def _take_counts(self, stats: Any) -> None:
        """The run's counts from its stats, the stored articles from what was committed."""
        for status, key in _SAVE_STATS.items():
            stats.set_value(key, self.archive.committed[status])
        self.counts, self.errors, self.links_not_followed = counts_of_stats(stats.get_stats())

    def judge(self, reason: str) -> str | None:
        """One line saying why this run should alarm its operator, or None."""
        return judge_run(
            reason, self.counts,
            extraction_failed=int(self.crawler.stats.get_value("newsarchive/errors/extraction_failed", 0)),
            write_failure=self.write_failure,
            max_failure_share=self.max_failure_share, max_flagged_share=self.max_flagged_share,
        )


def counts_of_stats(values: dict[str, Any]) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """A run's counts (crawl_runs columns), errors and links not followed, by reason,
    from Scrapy stats: a local crawl's, or a distributed crawl's workers' summed."""
    counts = {column: int(values.get(key, 0)) for column, key in _COUNTS.items()}
    errors = {
        key: int(value)
        for key, value in values.items()
        if key.startswith(_ERROR_PREFIXES) and isinstance(value, int)
    }
    links_not_followed = {
        key.removeprefix(_NOT_FOLLOWED_PREFIX): int(value)
        for key, value in values.items()
        if key.startswith(_NOT_FOLLOWED_PREFIX) and isinstance(value, int)
    }
    return counts, errors, links_not_followed


def judge_run(
    reason: str,
    counts: dict[str, int],
    *,
    extraction_failed: int,
    write_failure: str | None,
    max_failure_share: float,
    max_flagged_share: float,
) -> str | None:
    """One line saying why a run should alarm its operator, or None: the rules of every
    run, local or distributed. `counts` has the crawl_runs count columns."""
    if write_failure is not None:
        return write_failure
    if reason != "finished":
        return f"the crawl did not finish ({reason})"
    stored = counts["articles_new"] + counts["articles_changed"] + counts["articles_unchanged"]
    if stored + counts["articles_already_archived"] == 0:
        return "no article was stored or found already stored: the channels yielded nothing"
    failed = counts["articles_invalid"] + extraction_failed
    attempted = stored + failed + counts["pages_skipped_non_article"]
    if attempted and failed / attempted > max_failure_share:
        return (
            f"{failed} of {attempted} article pages failed extraction "
            f"(more than {max_failure_share:.0%})"
        )
    flagged = counts["articles_flagged"]
    if stored and flagged / stored > max_flagged_share:
        return (
            f"{flagged} of {stored} stored articles were flagged as doubtful "
            f"(more than {max_flagged_share:.0%})"
        )
    return None
