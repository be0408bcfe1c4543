"""Write each valid record into the run's archive, on the archive's writer thread."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from concurrent.futures import Future
from functools import cached_property
from typing import TypeVar

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsarchive.archive.runs import CrawlRun
from newsarchive.items import ExtractedArticle
from newsarchive.store import ArchiveWriteFailed
from newsarchive.store.reprints import update_reprints

logger = logging.getLogger(__name__)

# Reprint signatures kept for the update at the end of the run (about 300 bytes each);
# beyond these the update signs the articles itself.
PRESIGNED_LIMIT = 20_000

_T = TypeVar("_T")


def call_from_thread(function: object, *args: object) -> None:
    """Run function(*args) on the reactor's thread (from any thread)."""
    from twisted.internet import reactor  # the crawl's, installed by then

    reactor.callFromThread(function, *args)


def settled_on_the_loop(future: Future[_T]) -> asyncio.Future[_T]:
    """An asyncio Future of the running loop (the crawl's) settled with the outcome of
    `future`, from any thread. Unlike asyncio.wrap_future, cancelling it leaves `future`
    alone: a write handed to the writer thread is done whatever becomes of its waiter."""
    loop = asyncio.get_running_loop()
    settled: asyncio.Future[_T] = loop.create_future()

    def settle(done: Future[_T]) -> None:
        if settled.cancelled():
            return
        error = done.exception()
        if error is not None:
            settled.set_exception(error)
        else:
            settled.set_result(done.result())

    future.add_done_callback(lambda done: loop.call_soon_threadsafe(settle, done))
    return settled


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stored = 0
        self.presigned: dict[str, bytes] = {}  # by the content hash of the record signed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    @cached_property
    def run(self) -> CrawlRun:
        """The crawl's run (an extension, built before the pipelines are opened); looked
        up once, not twice an article."""
        return CrawlRun.of(self.crawler)

    def open_spider(self) -> None:
        self.run.archive.start_writer_thread(call_from_thread)

    async def process_item(self, item: ExtractedArticle) -> ExtractedArticle:
        if item.record is None:  # made by the extraction worker whenever this pipeline runs
            raise RuntimeError(f"{item.capture.url} reached the store without its rows")
        try:
            # Counted as new/changed/unchanged by the run once its batch is committed.
            written = self.run.archive.write_in_background(item.record, run_id=self.run.run_id)
            await settled_on_the_loop(written)
        except ArchiveWriteFailed as error:  # the run reports it and closes the crawl
            raise DropItem(f"not stored: {item.capture.url}: {error}") from error
        self.stored += 1
        if item.presigned is not None and len(self.presigned) < PRESIGNED_LIMIT:
            self.presigned[str(item.record.row["content_hash"])] = item.presigned
        if self.stored % 25 == 0:
            logger.info("stored %d articles so far", self.stored)
        return item

    async def close_spider(self) -> None:
        await self._extraction_workers_gone()
        try:
            self.run.archive.flush()
        except ArchiveWriteFailed:
            return  # the run reports it: its verdict names the failure
        if self.run.write_failure is not None:
            return  # an archive that refused writes gets no more of them
        try:
            update_reprints(self.run.archive.conn, presigned=self.presigned)
        except sqlite3.Error as error:
            # The articles are stored; the reprints table can be brought up to date later.
            self.crawler.stats.inc_value("newsarchive/errors/reprints_not_updated")
            logger.error("the reprints table was not updated (%s); `newsarchive reprints` does it later", error)

    async def _extraction_workers_gone(self) -> None:
        """Close the extraction pool before the reprint update, which holds a signature of
        every new article: the workers' memory is given back first. Scrapy closes the
        pipelines last to first, so the update ran beside the idle workers (the crawl's
        peak PSS with its workers, at 100,000 articles: 284 MB then, 222 now)."""
        from newsarchive.pipelines.extract import ExtractPipeline  # it imports this module

        extraction = self.crawler.get_item_pipeline(ExtractPipeline)
        if extraction is not None:
            await extraction.close_spider()
