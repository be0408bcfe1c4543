"""The item pipeline of a crawl worker: each article goes onto the stream (it replaces
StorePipeline at 300; the ingest writer stores it)."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsarchive.frontier.protocol import article_data
from newsarchive.frontier.scheduler import frontier_run
from newsarchive.items import ExtractedArticle


class PublishPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PublishPipeline:
        return cls(crawler)

    def process_item(self, item: ExtractedArticle) -> ExtractedArticle:
        run = frontier_run(self.crawler)
        if not run.publish(item, article_data(item)):  # Redis is gone: the crawl is closing
            raise DropItem(f"not published: {item.capture.url}: {run.failure}")
        self.crawler.stats.inc_value("newsarchive/articles/published")
        return item
