"""A Scrapy crawler that fetches a list of URLs under a frontier's shared politeness: the
worker of tests/test_frontier_politeness.py, started as a child process.

    python -m tests.politeness_fetcher REDIS_URL URL… [-s NAME=VALUE …]

It runs with the project's settings (so the project's middleware list), the ones a
frontier worker gets from `politeness_settings`, and only what is needed to fetch and
discard (no archive, no WARC). Prints "fetching" once its crawl is open, "failed: …"
for each request that failed, then one line of JSON with its stats at the end.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import AsyncIterator

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.settings import Settings
from twisted.python.failure import Failure

from newsarchive.frontier.politeness import politeness_settings


class FetchList(scrapy.Spider):
    name = "fetch_list"

    def __init__(self, urls: list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.urls = urls

    async def start(self) -> AsyncIterator[scrapy.Request]:
        print("fetching", flush=True)
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True)

    def parse(self, response: Response) -> None:
        return None

    def failed(self, failure: Failure) -> None:
        print(f"failed: {failure.value}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("redis_url")
    parser.add_argument("urls", nargs="+")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    settings.setdict({
        "EXTENSIONS": {},  # no archive, no WARC; the project's base lists leave out RemoteControl
        "ITEM_PIPELINES": {},
        "LOG_LEVEL": "WARNING",
        "RETRY_TIMES": 1,
        # the local limits never bind: what is measured is the shared one
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        **politeness_settings(args.redis_url),
    }, priority="cmdline")
    for pair in args.settings:
        name, _, value = pair.partition("=")
        settings.set(name, value, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(FetchList)
    process.crawl(crawler, urls=args.urls)
    process.start()
    assert crawler.stats is not None
    print(json.dumps(crawler.stats.get_stats(), default=str), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
