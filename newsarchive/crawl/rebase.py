"""Keep every request on the crawl's base URL.

Links are mapped onto the base URL where the spider reads them, but a redirect
(`Location: https://www.yybnet.net/…`) or a `<meta http-equiv="refresh">` on a
mirror may still name the live portal. This downloader middleware maps such a
request onto the base URL before anything else sees it, robots.txt included;
`offsite.RefuseOffPortal`, right after it, refuses whatever names another host.
"""

from __future__ import annotations

import logging

import scrapy
from scrapy.crawler import Crawler
from scrapy.utils.httpobj import urlparse_cached

from newsarchive.crawl import links

logger = logging.getLogger(__name__)


class RebaseOntoCrawl:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RebaseOntoCrawl:
        return cls(crawler)

    def process_request(self, request: scrapy.Request) -> scrapy.Request | None:
        base_url = getattr(self.crawler.spider, "base_url", None)
        # parsed once a request for every middleware (Scrapy's robots.txt and proxy ones too)
        if not base_url or urlparse_cached(request).hostname not in links.PORTAL_HOSTS:
            return None
        rebased = links.rebase(request.url, base_url)
        if rebased == request.url:
            return None
        logger.debug("mapped %s onto the crawl's base: %s", request.url, rebased)
        return request.replace(url=rebased)
