"""Name each article's channel, city and county, one spelling each.

The article page's breadcrumb names its channel when it has one; when it has none,
the channel page the crawl found it on does (`CapturedArticle.channel_names`). City
and county come from the channel page's names first, so that every article of a
channel gets the same ones, then from the article's own breadcrumb.
"""

from __future__ import annotations

from scrapy.crawler import Crawler

from newsarchive.items import ExtractedArticle
from newsarchive.places import place_of


class PlacePipeline:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PlacePipeline:
        return cls()

    def process_item(self, item: ExtractedArticle) -> ExtractedArticle:
        article, capture = item.article, item.capture
        # The list page's names hold only for the channel it lists: an article whose
        # breadcrumb places it in another channel keeps its own.
        names = capture.channel_names if article.channel_path == capture.channel_path else None
        listed = names.channel if names else None
        if not article.channel:
            article.channel = listed
        place = place_of(article.channel_path, listed or article.channel, article.region,
                         names.city if names else None)
        article.city, article.county = place.city, place.county
        return item
