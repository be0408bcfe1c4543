"""The `portal` spider: which pages to fetch, in what order. It parses no fields.

channel list pages ──► article page 1 ──► continuation pages _2, _3 … ──► CapturedArticle
       │                                   (stitched in order, one item per article)
       └──► further list pages of the same channel (until nothing new, or to the end)

A channel given as a city (`jining`) stands for every county channel its page links.
With `images`, each stored article's images on the portal are fetched too, into the
WARC files beside its pages (images elsewhere stay links).
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from collections.abc import AsyncIterator, Iterator, MutableMapping
from datetime import UTC, datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from newsarchive.archive.warc import WarcCapture, WarcLocation
from newsarchive.crawl import links
from newsarchive.crawl.channelpage import read_channel_names
from newsarchive.crawl.continuation import may_link_continuation
from newsarchive.crawl.listing import ListLinks, ReadingStopped, parse_list_page
from newsarchive.crawl.runstate import RunState, run_of
from newsarchive.extract.decode import decode_html, header_charset
from newsarchive.items import CapturedArticle, ChannelNames, ExtractedArticle, Image, Page

DEFAULT_BASE_URL = "https://www.yybnet.net"
DEFAULT_CHANNELS = ("jining/qufu",)
_MAX_ARTICLE_PAGES = 50  # a guard against a page bar that links on forever
_GONE = frozenset({"http_404", "http_410"})
# List pages wait behind every article page (priority 0, continuation pages too) and
# image (-1) already queued: the queue drains the articles listed so far before the
# next list page adds more, so it holds at most a list page's articles for each
# request out (CONCURRENT_REQUESTS), never a whole channel's.
_LIST_PRIORITY = -2


def _as_list(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [item.strip().strip("/") for item in items if item.strip().strip("/")]


def _as_bool(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(
        self,
        channels: str | list[str] | None = None,
        base_url: str = DEFAULT_BASE_URL,
        full: str | bool = False,
        refresh: str | bool = False,
        images: str | bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        if urlsplit(self.base_url).scheme not in ("http", "https"):
            raise ValueError(f"base_url must be an http(s) URL, got {base_url!r}")
        self.channels = _as_list(channels) or list(DEFAULT_CHANNELS)
        self.full = _as_bool(full)  # page every channel to its end
        self.refresh = _as_bool(refresh)  # download stored articles again
        self.images = _as_bool(images)  # fetch stored articles' images into the WARC files
        self.asked_channels = set(self.channels)
        # from each channel's first list page; a distributed crawl's workers share it in Redis
        self.channel_names: MutableMapping[str, ChannelNames] = {}
        self.listed: set[str] = set()  # list pages requested in this run, each once

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """`scrapy crawl portal -s NEWSARCHIVE_FRONTIER_URL=redis://…` (a scrapyd job
        included) makes this process a worker of that frontier, as `crawl --frontier`."""
        super().update_settings(settings)
        url = settings.get("NEWSARCHIVE_FRONTIER_URL")
        if url:
            from newsarchive.frontier.settings import apply_frontier
            from newsarchive.frontier.worker import default_worker_name

            apply_frontier(settings, url=url, prefix=settings.get("NEWSARCHIVE_FRONTIER_PREFIX"),
                           worker=settings.get("NEWSARCHIVE_FRONTIER_WORKER") or default_worker_name())

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> PortalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if is_loopback(spider.base_url):
            # A mirror on this machine needs no politeness; the live portal gets it.
            for name, value in (("DOWNLOAD_DELAY", 0), ("AUTOTHROTTLE_ENABLED", False)):
                crawler.settings.set(name, value, priority="spider")
        if spider.images:
            crawler.signals.connect(spider.fetch_images, signal=signals.item_scraped)
        return spider

    @cached_property
    def run(self) -> RunState:
        """The crawl's run (an extension, built once after the spider)."""
        return run_of(self.crawler)

    def channel_url(self, channel: str) -> str:
        return f"{self.base_url}/{channel}/"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for channel in list(self.channels):  # parse_city edits the list
            if "/" in channel:
                yield self.list_request(self.channel_url(channel), channel)
            else:
                yield scrapy.Request(
                    self.channel_url(channel),
                    callback=self.parse_city,
                    cb_kwargs={"city": channel},
                    errback=self.list_failed,
                )
        # Every worker of a distributed crawl offers these; the shared duplicate filter
        # lets each in once, so a seeding worker killed halfway costs nothing.
        self.run.seeded()

    def list_request(self, url: str, channel: str) -> scrapy.Request:
        self.listed.add(canonicalize_url(url))
        return scrapy.Request(
            url, callback=self.parse_list, cb_kwargs={"channel": channel}, errback=self.list_failed,
            priority=_LIST_PRIORITY,
        )

    def parse_city(self, response: Response, city: str) -> Iterator[scrapy.Request]:
        """A city page links its county channels: crawl each of them."""
        self.channels.remove(city)
        page_url = links.page_base(response.url, response.css("base::attr(href)").get(), self.base_url)
        for href in response.css("a::attr(href)").getall():
            url = links.resolve(href, page_url, self.base_url)
            path = links.portal_path(url, self.base_url) if url else None
            channel = links.channel_of(path) if path else None
            if channel and links.channel_city(channel) == city:
                if channel not in self.asked_channels:
                    self.asked_channels.add(channel)
                    self.channels.append(channel)
                    yield self.list_request(self.channel_url(channel), channel)

    async def parse_list(self, response: Response, channel: str) -> AsyncIterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            self.logger.warning("list page %s is not HTML; skipped", response.url)
            return
        # Read off the reactor thread: a page of 100k links takes seconds, and a
        # SIGTERM or Ctrl-C must act meanwhile.
        try:
            found, not_followed, names = await maybe_deferred_to_future(
                deferToThread(
                    self.read_list, response.body, _header_charset(response), response.url, channel,
                    read_names=channel not in self.channel_names,
                )
            )
        except ReadingStopped:
            self.logger.info("list page %s: reading stopped, the crawl is shutting down", response.url)
            return
        if names is not None:
            self.channel_names.setdefault(channel, names)
        stats = self.crawler.stats
        stats.inc_value("newsarchive/list_pages")
        for reason, count in not_followed.items():
            stats.inc_value(f"newsarchive/not_followed/{reason}", count)
        if found.short:
            stats.inc_value("newsarchive/list_pages/short")
        new = 0
        settled = set() if self.refresh else self.run.settled_among(found.articles)
        for url in found.articles:
            if not self.crawler.crawling:
                return  # shutting down: build no more requests
            if url in settled:
                stats.inc_value("newsarchive/articles/already_known")
                self.run.seen(url)
                continue
            new += 1
            yield self.article_request(url, channel)
        if new or self.full or self.refresh or not self.run.was_complete(channel):
            for url in found.list_pages:
                if canonicalize_url(url) not in self.listed:  # a pager links every page from every page
                    yield self.list_request(url, channel)
        elif found.list_pages:
            self.logger.info(
                "channel %s: %s holds no new article; stopped paging (use --full to page to the end)",
                channel,
                response.url,
            )

    def read_list(
        self, body: bytes, charset: str | None, url: str, channel: str, *, read_names: bool
    ) -> tuple[ListLinks, Counter[str], ChannelNames | None]:
        """A list page's links, logging each one not followed, and the channel's names
        when asked (runs in a thread)."""
        # Decoded as articles are: a list page's header charset may lie too.
        html = decode_html(body, charset)
        found = parse_list_page(html, url, self.base_url, channel, stop=lambda: not self.crawler.crawling)
        for link in found.not_followed:
            self.logger.info("list page %s: not followed (%s): %s %r", url, link.reason, link.url, link.text)
        if found.short:
            self.logger.warning(
                "list page %s: its list has %d records but gave %d article links; see the links not followed",
                url,
                found.records,
                len(found.articles),
            )
        names = read_channel_names(html, url, self.base_url, channel) if read_names else None
        return found, Counter(link.reason for link in found.not_followed), names

    def article_request(self, url: str, channel: str) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={"channel": channel, "pages": [], "first": None},
        )

    async def parse_article(
        self,
        response: Response,
        channel: str,
        pages: list[Page],
        first: dict[str, Any] | None,
    ) -> AsyncIterator[scrapy.Request | CapturedArticle]:
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("newsarchive/pages/not_html")
            self.logger.warning("%s is not an HTML page; skipped", response.url)
            return
        page = Page(url=response.url, body=response.body, header_encoding=_header_charset(response))
        pages = [*pages, page]
        if first is None:
            first = {
                "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "requested_url": (response.meta.get("redirect_urls") or [None])[0],
                # once written: a stored article only ever names a capture that exists
                "warc": await self.capture_location(response) or {},
            }
        next_url = self.continuation(response, pages)
        if next_url:
            yield scrapy.Request(
                next_url,
                callback=self.parse_article,
                errback=self.continuation_failed,
                cb_kwargs={"channel": channel, "pages": pages, "first": first},
            )
        else:
            yield self.captured(channel, pages, first)

    @cached_property
    def _capture(self) -> WarcCapture | None:
        return self.crawler.get_extension(WarcCapture)

    async def capture_location(self, response: Response) -> WarcLocation | None:
        """Where the WARC capture wrote this response, once it has (None: not captured)."""
        if self._capture is None or response.request is None:
            return None
        return await self._capture.location(response.request)

    def continuation(self, response: TextResponse, pages: list[Page]) -> str | None:
        """URL of the next page of this article, if the page links it."""
        if len(pages) >= _MAX_ARTICLE_PAGES:
            return None
        first_path = links.portal_path(pages[0].url, self.base_url) or ""
        first = links.article_match(first_path)
        if first is None:
            return None
        # A UTF-8 page is ruled out in its bytes, undecoded (most pages are).
        page = response.body if response.encoding == "utf-8" else response.text
        if not may_link_continuation(page, response.url, first.group("id")):
            return None  # no link of this page can be one: it is not parsed
        wanted = len(pages) + 1
        page_url = links.page_base(response.url, response.css("base::attr(href)").get(), self.base_url)
        for href in response.css("a::attr(href)").getall():
            url = links.resolve(href, page_url, self.base_url)
            path = links.portal_path(url, self.base_url) if url else None
            if path and links.continuation_number(path, first_path) == wanted:
                return url
        return None

    def captured(self, channel: str, pages: list[Page], first: dict[str, Any]) -> CapturedArticle:
        return CapturedArticle(
            pages=pages,
            channel_path=channel,
            fetched_at=first["fetched_at"],
            requested_url=first["requested_url"],
            warc_file=first["warc"].get("file"),
            warc_record_id=first["warc"].get("record_id"),
            channel_names=self.channel_names.get(channel),
        )

    def fetch_images(self, item: Any) -> None:
        """An article is stored: ask for its images, in the same queue and with the
        same politeness as its pages (Scrapy's duplicate filter asks each URL once)."""
        if not isinstance(item, ExtractedArticle) or not self.crawler.crawling:
            return
        stats = self.crawler.stats
        on_portal, elsewhere = portal_images(item.article.images, self.base_url)
        if elsewhere:
            stats.inc_value("newsarchive/images/off_portal", len(elsewhere))
        for url in on_portal:
            stats.inc_value("newsarchive/images/requested")
            self.crawler.engine.crawl(scrapy.Request(
                url, callback=self.image_fetched, errback=self.image_failed, priority=-1))

    def image_fetched(self, response: Response) -> None:
        # The WARC extension has written the response; nothing to parse.
        self.crawler.stats.inc_value("newsarchive/images/archived")

    def image_failed(self, failure: Failure) -> None:
        self.crawler.stats.inc_value(f"newsarchive/errors/image/{error_kind(failure)}")
        self.logger.warning("image %s not archived: %s", failed_request(failure).url,
                            failure.getErrorMessage())

    def continuation_failed(self, failure: Failure) -> Iterator[CapturedArticle]:
        """A lost continuation page: keep what came, and say which page is missing."""
        request = failed_request(failure)
        kwargs = request.cb_kwargs
        self.crawler.stats.inc_value(f"newsarchive/errors/continuation/{error_kind(failure)}")
        self.logger.error(
            "continuation page %s failed (%s); storing the article's first %d page(s)",
            request.url,
            failure.getErrorMessage(),
            len(kwargs["pages"]),
        )
        yield self.captured(kwargs["channel"], kwargs["pages"], kwargs["first"])

    def article_failed(self, failure: Failure) -> None:
        kind = error_kind(failure)
        self.crawler.stats.inc_value(f"newsarchive/errors/article/{kind}")
        url = failed_request(failure).url
        self.logger.error("article %s failed: %s", url, failure.getErrorMessage())
        if kind in _GONE:  # not worth asking again; a 5xx or a timeout is
            self.run.skip(url, kind)

    def list_failed(self, failure: Failure) -> None:
        request = failed_request(failure)
        channel: str = request.cb_kwargs.get("channel") or request.cb_kwargs["city"]
        self.run.channel_failed(channel)
        self.crawler.stats.inc_value(f"newsarchive/errors/list/{error_kind(failure)}")
        self.logger.error("list page %s failed: %s", request.url, failure.getErrorMessage())


def portal_images(images: list[Image], base_url: str) -> tuple[list[str], list[str]]:
    """The images' URLs on the crawl's portal (under its base URL), and the others,
    which are never fetched: an archive asks nothing of hosts it was not pointed at."""
    on_portal: list[str] = []
    elsewhere: list[str] = []
    for image in images:
        (on_portal if links.portal_path(image.src, base_url) else elsewhere).append(image.src)
    return on_portal, elsewhere


def failed_request(failure: Failure) -> scrapy.Request:
    """The request an errback's failure is about: Scrapy sets it, Twisted's type has no such attribute."""
    request: scrapy.Request = failure.request  # type: ignore[attr-defined]
    return request


def error_kind(failure: Failure) -> str:
    """`http_404` for an HTTP error status, else the exception's class name."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    return type(failure.value).__name__


def _header_charset(response: Response) -> str | None:
    return header_charset((response.headers.get(b"Content-Type") or b"").decode("latin-1"))
