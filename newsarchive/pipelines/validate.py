"""Drop records that break the field rules, saying which rule and where."""

from __future__ import annotations

import re

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsarchive.items import Article, ExtractedArticle

_PUBLISHED_AT = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}\+08:00)?$")


def problems(article: Article) -> list[str]:
    """Every rule the record breaks; empty when it may be stored."""
    found = []
    if not article.headline.strip():
        found.append("no headline")
    if not any(paragraph.strip() for paragraph in article.body):
        found.append("no body")
    if article.published_at is not None and not _PUBLISHED_AT.match(article.published_at):
        found.append(f"published_at {article.published_at!r} is not ISO 8601 with +08:00")
    if any(not credit.name.strip() for credit in article.credits):
        found.append("a credit without a name")
    return found


class ValidatePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: ExtractedArticle) -> ExtractedArticle:
        found = problems(item.article)
        if found:
            self.stats.inc_value("newsarchive/articles/invalid")
            raise DropItem(f"invalid record {item.capture.url}: {'; '.join(found)}")
        return item
