"""Scrapy's three spider middlewares that only map requests, run as one pass.

UrlLengthMiddleware (drops a request whose URL is too long), RefererMiddleware (sets
its Referer) and StartSpiderMiddleware (marks a start request) each wrap every
callback's output in three async generators of their own (their method, Scrapy's
`_warn_spider_arg` wrapper and the manager's `_evaluate_iterable`): every item and
request, and every await of a callback (an article's WARC location), went through the
nine, 10 µs a layer. `OneOutputPass` does what the three do, in Scrapy's order, in one
generator, and lets items by untouched, as they do.

It is a RefererMiddleware: Scrapy's redirect middlewares look that middleware up to
give a redirect the Referer its policy allows. Each part is turned off by its own
setting as before (REFERER_ENABLED, URLLENGTH_LIMIT = 0), not by a None entry in
SPIDER_MIDDLEWARES (newsarchive/settings.py leaves them out of its base list).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.spidermiddlewares.referer import RefererMiddleware
from scrapy.spidermiddlewares.start import StartSpiderMiddleware
from scrapy.spidermiddlewares.urllength import UrlLengthMiddleware


class OneOutputPass(RefererMiddleware):
    def __init__(self, crawler: Crawler, *, referer: bool, url_length: UrlLengthMiddleware | None) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        self.referer = referer
        self.url_length = url_length
        self.start = StartSpiderMiddleware(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OneOutputPass:
        try:
            url_length: UrlLengthMiddleware | None = UrlLengthMiddleware.from_crawler(crawler)
        except NotConfigured:  # URLLENGTH_LIMIT = 0
            url_length = None
        return cls(crawler, referer=crawler.settings.getbool("REFERER_ENABLED"), url_length=url_length)

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        """RefererMiddleware's alone (what a redirect middleware asks of it)."""
        if not self.referer:
            return request
        return super().get_processed_request(request, response)

    def passed(self, request: Request, response: Response | None) -> Request | None:
        """`request` as the three middlewares pass it on, in Scrapy's order (the one
        nearest the spider first), or None when one of them drops it."""
        if self.url_length is not None and self.url_length.get_processed_request(request, response) is None:
            return None
        processed = self.get_processed_request(request, response)
        return None if processed is None else self.start.get_processed_request(processed, response)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for output in start:
            if not isinstance(output, Request) or (output := self.passed(output, None)) is not None:
                yield output

    # Without BaseSpiderMiddleware's wrapper (a check for a `spider` argument, at every
    # step), nor that argument (Scrapy warns of a method that still takes it).
    async def process_spider_output_async(  # type: ignore[override]
        self, response: Response | None, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for output in result:
            if not isinstance(output, Request) or (output := self.passed(output, response)) is not None:
                yield output

    def process_spider_output(  # type: ignore[override]
        self, response: Response | None, result: Iterable[Any]
    ) -> Iterable[Any]:
        for output in result:
            if not isinstance(output, Request) or (output := self.passed(output, response)) is not None:
                yield output
