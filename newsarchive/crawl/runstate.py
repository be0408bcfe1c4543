"""What the spider and the pipelines ask of the crawl's run, local or distributed.

A local crawl's run is CrawlRun (the SQLite archive); a `crawl --frontier` worker's is
FrontierRun (Redis). Both are Scrapy extensions; `run_of` finds the one enabled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from scrapy.crawler import Crawler


class RunState(Protocol):
    def seeded(self) -> None:
        """The start requests are all queued (a distributed crawl may end from now on)."""

    def settled_among(self, urls: Sequence[str]) -> set[str]:
        """The URLs archived already with their capture, or known to be no article or
        gone (one question for a list page's links)."""

    def was_complete(self, channel: str) -> bool:
        """The last run that asked for this channel paged it to its end."""

    def seen(self, url: str) -> None:
        """A list linked this archived article."""

    def skip(self, url: str, reason: str) -> None:
        """A page not to fetch again."""

    def channel_failed(self, channel: str) -> None:
        """A list page of this channel failed: it is not complete."""


def run_of(crawler: Crawler) -> RunState:
    """The crawler's run, for the spider and the pipelines."""
    from newsarchive.archive.runs import CrawlRun

    run: RunState | None = crawler.get_extension(CrawlRun)
    if run is None:  # a frontier worker's (its module loads redis: not for a local crawl)
        from newsarchive.frontier.worker import FrontierRun

        run = crawler.get_extension(FrontierRun)
    if run is None:
        raise RuntimeError("neither the CrawlRun nor the FrontierRun extension is enabled")
    return run
