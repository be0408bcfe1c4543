"""CapturedArticle -> ExtractedArticle, by the pure extraction code.

Extraction is the crawl's main CPU cost, so it runs in a pool of forked worker
processes (newsarchive.workers; NEWSARCHIVE_EXTRACT_WORKERS, default the number of
cores, 0 = in this process) while the reactor goes on fetching. The workers touch
none of the crawl's open files and leave within 0.2 s of a kill -9, releasing the
run lock they inherited with it. The pool starts with the first article, so a run
that finds nothing new never starts it.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.defer import Deferred

from newsarchive.crawl.runstate import run_of
from newsarchive.extract import NotAnArticle, extract_article, load_templates
from newsarchive.extract.templates import Template
from newsarchive.items import Article, CapturedArticle, ExtractedArticle
from newsarchive.workers import process_pool

logger = logging.getLogger(__name__)

WORKERS_SETTING = "NEWSARCHIVE_EXTRACT_WORKERS"


def _extract(item: CapturedArticle, templates: tuple[Template, ...]) -> Article:
    # The templates travel with each task (about 1 KB pickled): a worker never reads a
    # template file the crawl did not check at its start.
    return extract_article(item.pages, now=datetime.fromisoformat(item.fetched_at), templates=templates)


class ExtractPipeline:
    def __init__(self, crawler: Crawler, workers: int) -> None:
        if workers < 0:
            raise ValueError(f"{WORKERS_SETTING} must be 0 (in-process) or more, got {workers}")
        self.crawler = crawler
        self.stats = crawler.stats
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        # checked once, before any page: a bad template file stops the run with its name and key
        self.templates = load_templates(crawler.settings.getlist("NEWSARCHIVE_TEMPLATE_DIRS"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        workers = crawler.settings.get(WORKERS_SETTING)
        return cls(crawler, (os.cpu_count() or 1) if workers in (None, "") else int(workers))

    async def process_item(self, item: CapturedArticle) -> ExtractedArticle:
        try:
            article = await self._extracted(item)
        except NotAnArticle as error:
            self.stats.inc_value("newsarchive/pages/not_article")
            run = run_of(self.crawler)
            for url in filter(None, (item.url, item.requested_url)):
                run.skip(url, f"not an article: {error}")
            raise DropItem(f"not an article: {item.url}: {error}") from error
        except Exception as error:  # a bug must not stop the crawl; the WARC keeps the page
            self.stats.inc_value("newsarchive/errors/extraction_failed")
            logger.exception("extraction failed on %s", item.url)
            raise DropItem(f"extraction failed: {item.url}: {error!r}") from error
        if not article.channel_path:
            article.channel_path = item.channel_path
        return ExtractedArticle(article=article, capture=item)

    async def _extracted(self, item: CapturedArticle) -> Article:
        if self.workers == 0:
            return _extract(item, self.templates)
        try:
            future = self._started_pool().submit(_extract, item, self.templates)
            return await maybe_deferred_to_future(_deferred(future))
        except BrokenProcessPool:
            self._pool = None  # a worker died (OOM killer …): the next article gets a new pool
            raise

    def _started_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = process_pool(self.workers)
        return self._pool

    def close_spider(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _deferred(future: Future[Article]) -> Deferred[Article]:
    """A Deferred fired on the reactor thread when the pool's future is done."""
    deferred: Deferred[Article] = Deferred()

    def settle(done: Future[Article]) -> None:
        try:
            article = done.result()
        except BaseException as error:  # the extractor's, a dead worker's, or a cancelled future's
            deferred.errback(error)
        else:
            deferred.callback(article)

    future.add_done_callback(lambda done: reactor.callFromThread(settle, done))
    return deferred
