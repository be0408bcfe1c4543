"""Scrapy's spider middlewares that only map the spider's requests, run as one pass.

StartSpiderMiddleware (marks start requests), RefererMiddleware (sets Referer) and
UrlLengthMiddleware (drops an over-long URL) each wrap every callback's output in two
async generators of their own, and every item and request goes through all of them
(a fifth of the crawl's reactor time went to the spider-middleware chain around the
callbacks' output). `OneOutputPass` runs their `get_processed_request`, in the order
Scrapy would, in one generator, and lets items by untouched: none of them looks at an
item. A middleware is turned off as before by its own setting (REFERER_ENABLED,
URLLENGTH_LIMIT = 0), not by a None entry in SPIDER_MIDDLEWARES.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.misc import build_from_crawler, load_object

# Where their paths are listed, in the order their requests go through them (Scrapy's:
# the highest order number, nearest the spider, first).
PARTS_SETTING = "NEWSARCHIVE_ONE_OUTPUT_PASS"


class OneOutputPass(BaseSpiderMiddleware):
    def __init__(self, crawler: Crawler, parts: list[BaseSpiderMiddleware]) -> None:
        super().__init__(crawler)
        for part in parts:
            if not only_maps_requests(type(part)):
                raise TypeError(f"{type(part).__name__} does more than map requests: it cannot run in {PARTS_SETTING}")
        self.parts = parts

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OneOutputPass:
        parts = []
        for path in crawler.settings.getlist(PARTS_SETTING):
            try:
                parts.append(build_from_crawler(load_object(path), crawler))
            except NotConfigured:  # turned off by its own setting
                continue
        return cls(crawler, parts)

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        for part in self.parts:
            processed = part.get_processed_request(request, response)
            if processed is None:
                return None
            request = processed
        return request

    # Without BaseSpiderMiddleware's wrapper (a check of a `spider` argument, at every step).
    async def process_spider_output_async(
        self, response: Response | None, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for output in result:
            if isinstance(output, Request):
                output = self.get_processed_request(output, response)
                if output is None:
                    continue
            yield output

    def process_spider_output(self, response: Response | None, result: Iterable[Any]) -> Iterable[Any]:
        for output in result:
            if isinstance(output, Request):
                output = self.get_processed_request(output, response)
                if output is None:
                    continue
            yield output


def only_maps_requests(middleware: type) -> bool:
    """Whether a spider middleware class only maps requests and items one by one
    (`get_processed_request`), letting items by: it then runs in a OneOutputPass."""
    base = BaseSpiderMiddleware
    return issubclass(middleware, base) and all(
        getattr(middleware, name, None) is getattr(base, name, None)
        for name in ("process_spider_input", "process_spider_exception", "process_spider_output",
                     "process_spider_output_async", "process_start", "get_processed_item")
    )
