"""Name each article's channel, city and county, one spelling each.

The article page's breadcrumb names its channel when it has one; when it has none,
the channel page the crawl found it on does (`CapturedArticle.channel_names`). City
and county come from the channel page's names first, so that every article of a
channel gets the same ones, then from the article's own breadcrumb.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy.crawler import Crawler

from newsarchive.crawl import links
from newsarchive.items import Article, CapturedArticle, ExtractedArticle
from newsarchive.places import place_of

logger = logging.getLogger(__name__)


def place(article: Article, capture: CapturedArticle) -> str | None:
    """Name the article's channel, city and county, in place. Returns the breadcrumb's
    channel path when it named no channel of the article's city and the list page's
    channel was taken instead; None when the breadcrumb's stands."""
    refused = None
    if not names_a_channel_of_its_city(article, capture):
        # A page without a breadcrumb can lend a footer's link bar (关于我们 |
        # 网站地图) to the breadcrumb reader: the crawl knows the channel better.
        refused = article.channel_path or ""
        article.channel, article.channel_path, article.region = None, capture.channel_path, []
    # The list page's names hold only for the channel it lists: an article whose
    # breadcrumb places it in another channel keeps its own.
    names = capture.channel_names if article.channel_path == capture.channel_path else None
    listed = names.channel if names else None
    if not article.channel:
        article.channel = listed
    where = place_of(article.channel_path, listed or article.channel, article.region,
                     names.city if names else None)
    article.city, article.county = where.city, where.county
    return refused


class PlacePipeline:
    """Reports what `place` did in the extraction worker."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PlacePipeline:
        return cls(crawler)

    def process_item(self, item: ExtractedArticle) -> ExtractedArticle:
        if item.breadcrumb_refused is not None:
            logger.info("%s: breadcrumb %r names no channel of the portal; channel %s from its list page",
                        item.article.url, item.breadcrumb_refused, item.capture.channel_path)
            self.stats.inc_value("newsarchive/articles/channel_from_list")
        return item


def names_a_channel_of_its_city(article: Article, capture: CapturedArticle) -> bool:
    """Whether the article's channel path is a channel (`jining/qufu`) or city (`jining`)
    of the city its URL (or the list that linked it) names."""
    match = links.article_match(urlsplit(article.url).path)
    city = match.group("city") if match else links.channel_city(capture.channel_path)
    path = (article.channel_path or "").strip("/")
    return path == city or (links.channel_of(path) is not None and links.channel_city(path) == city)
