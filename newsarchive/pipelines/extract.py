"""CapturedArticle -> ExtractedArticle, by the pure extraction code.

Extraction is the crawl's main CPU cost, so it runs in forked worker processes
(newsarchive.workers.ReactorPool; NEWSARCHIVE_EXTRACT_WORKERS, default the number of
cores, 0 = in this process) while the reactor goes on fetching. The workers touch
none of the crawl's open files and leave within 0.2 s of a kill -9, releasing the
run lock they inherited with it. The pool starts with the first article, so a run
that finds nothing new never starts it. The templates the crawl checked at its start
reach the workers by fork, with the extraction function: a worker never reads a
template file, and a task carries only the article's pages and fetch time.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future

from newsarchive.crawl.runstate import run_of
from newsarchive.extract import NotAnArticle, extract_article, load_templates
from newsarchive.extract.templates import Template
from newsarchive.items import Article, CapturedArticle, ExtractedArticle, Page
from newsarchive.store.reprints import presign
from newsarchive.workers import ReactorPool

logger = logging.getLogger(__name__)

WORKERS_SETTING = "NEWSARCHIVE_EXTRACT_WORKERS"


Task = tuple[list[Page], str]  # an article's pages and the ISO time page 1 was fetched
Extracted = tuple[Article, tuple[bytes, bytes] | None]  # and the body's reprint signature (presign)


def extraction(templates: tuple[Template, ...]) -> Callable[[Task], Extracted]:
    """Extraction with these templates, of one task. The reprint signature of the body
    is made here too (1–2 ms), in a worker, rather than at the end of the run."""

    def extract(task: Task) -> Extracted:
        pages, fetched_at = task
        article = extract_article(pages, now=datetime.fromisoformat(fetched_at), templates=templates)
        return article, presign("\n".join(article.body))

    return extract


class ExtractPipeline:
    def __init__(self, crawler: Crawler, workers: int) -> None:
        if workers < 0:
            raise ValueError(f"{WORKERS_SETTING} must be 0 (in-process) or more, got {workers}")
        self.crawler = crawler
        self.stats = crawler.stats
        self.workers = workers
        self._pool: ReactorPool | None = None
        # checked once, before any page: a bad template file stops the run with its name and key
        self.templates = load_templates(crawler.settings.getlist("NEWSARCHIVE_TEMPLATE_DIRS"))
        self.extract = extraction(self.templates)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        workers = crawler.settings.get(WORKERS_SETTING)
        return cls(crawler, (os.cpu_count() or 1) if workers in (None, "") else int(workers))

    async def process_item(self, item: CapturedArticle) -> ExtractedArticle:
        try:
            article, presigned = await self._extracted(item)
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
        return ExtractedArticle(article=article, capture=item, presigned=presigned)

    async def _extracted(self, item: CapturedArticle) -> Extracted:
        task = (item.pages, item.fetched_at)
        if self.workers == 0:
            return self.extract(task)
        if self._pool is None:
            self._pool = ReactorPool(self.extract, self.workers)
        return await maybe_deferred_to_future(self._pool.submit(task))

    async def close_spider(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await pool.close()
