"""CapturedArticle -> ExtractedArticle, by the pure extraction code."""

from __future__ import annotations

import logging
from datetime import datetime

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsarchive.archive.runs import CrawlRun
from newsarchive.extract import NotAnArticle, extract_article, load_templates
from newsarchive.items import CapturedArticle, ExtractedArticle

logger = logging.getLogger(__name__)


class ExtractPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        # checked once, before any page: a bad template file stops the run with its name and key
        self.templates = load_templates(crawler.settings.getlist("NEWSARCHIVE_TEMPLATE_DIRS"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler)

    def process_item(self, item: CapturedArticle) -> ExtractedArticle:
        try:
            article = extract_article(item.pages, now=datetime.fromisoformat(item.fetched_at),
                                      templates=self.templates)
        except NotAnArticle as error:
            self.stats.inc_value("newsarchive/pages/not_article")
            run = CrawlRun.of(self.crawler)
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
