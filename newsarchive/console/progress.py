"""How far a crawl is, per channel, from Scrapy's signals (not from the spider's state).

`CrawlProgress` is a Scrapy extension: it counts, per channel, list pages read (and
known: the pages the pager linked so far), articles queued, stored, not articles and
failed, and the URLs of failures by kind for the summary. A request's channel and
role come from the request itself (its callback and `cb_kwargs`). `FailedRequests`, a
downloader middleware behind the retry middleware, sees the requests that failed for
good without a response (connection lost, timeout, refused by a middleware).

`CrawlProgress` takes the place of Scrapy's CoreStats in `newsarchive crawl` and keeps
its stats (item_scraped_count, response_received_count …): a signal sent for every page
then has one receiver, not two, and Scrapy runs each receiver of an item's signal in a
task of its own (one more task an article, 30 µs).

A view shows the counts: `LiveView` (rich, redrawn in place, for a terminal),
`LineView` (a line per channel as it finishes, for cron and systemd) or none.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.extensions.corestats import CoreStats
from scrapy.http import Response
from twisted.internet import task

from newsarchive.console.summary import duration

TICK_SECONDS = 0.5
RATE_WINDOW_SECONDS = 15.0
KEEP_URLS_PER_KIND = 5  # the summary names the first few


@dataclass
class ChannelTally:
    name: str
    list_read: int = 0
    list_known: int = 0  # list pages requested so far: the pager's, as far as read
    queued: int = 0  # article requests (redirects and retries not counted again)
    stored: int = 0
    not_articles: int = 0
    failed: int = 0
    idle_ticks: int = 0
    # What became of an article done with: "stored" in the archive, or "published" on
    # the frontier's stream by a worker of a distributed crawl (the writer stores it).
    kept_as: str = "stored"
    finished: bool = False
    cut_short: bool = False  # the crawl closed while this channel was still going

    @property
    def state(self) -> str:
        return "stopped" if self.cut_short else "done" if self.finished else "…"

    @property
    def done(self) -> int:
        return self.stored + self.not_articles + self.failed

    def line(self) -> str:
        return (
            f"channel {self.name}: {self.list_read} list page(s) read, {self.queued} articles queued, "
            f"{self.stored} {self.kept_as}, {self.not_articles} not articles, {self.failed} failed"
            + (" (stopped before its end)" if self.cut_short else "")
        )


class ProgressView(Protocol):
    def start(self) -> None: ...
    def refresh(self, progress: CrawlProgress) -> None: ...
    def channel_finished(self, tally: ChannelTally) -> None: ...
    def stop(self, progress: CrawlProgress) -> None: ...


def request_role(request: Request) -> str | None:
    """`list`, `article` (its first page), `continuation`, or None (robots.txt …)."""
    name = getattr(request.callback, "__name__", "")
    if name in ("parse_list", "parse_city"):
        return "list"
    if name == "parse_article":
        return "continuation" if request.cb_kwargs.get("pages") else "article"
    return None


def request_channel(request: Request) -> str | None:
    return request.cb_kwargs.get("channel") or request.cb_kwargs.get("city")


def _is_repeat(request: Request) -> bool:
    """A redirect or retry of a request already counted."""
    return bool(request.meta.get("redirect_urls") or request.meta.get("retry_times"))


class CrawlProgress(CoreStats):
    def __init__(self, crawler: Crawler, view: ProgressView | None) -> None:
        assert crawler.stats is not None  # built before the extensions
        super().__init__(crawler.stats)
        self.crawler = crawler
        self.view = view
        self.kept_as = "published" if crawler.settings.get("NEWSARCHIVE_FRONTIER_URL") else "stored"
        self.channels: dict[str, ChannelTally] = {}
        self.failed_urls: dict[str, list[str]] = defaultdict(list)  # kind -> first URLs
        self._open: dict[int, str] = {}  # id(request) -> channel, until it leaves the downloader
        self._done_times: deque[float] = deque()  # when each article was done with
        self._rate_samples: deque[tuple[float, int]] = deque()  # (time, requests so far)
        self.started = time.monotonic()
        self._ticker = task.LoopingCall(self._tick)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        extension = cls(crawler, make_view(crawler.settings.get("NEWSARCHIVE_PROGRESS_VIEW", "none")))
        for handler, signal in (
            (extension.spider_opened, signals.spider_opened),
            (extension.spider_closed, signals.spider_closed),
            (extension.request_scheduled, signals.request_scheduled),
            (extension.request_dropped, signals.request_dropped),
            (extension.request_left_downloader, signals.request_left_downloader),
            (extension.response_received, signals.response_received),
            (extension.item_scraped, signals.item_scraped),
            (extension.item_dropped, signals.item_dropped),
            (extension.item_error, signals.item_error),
        ):
            crawler.signals.connect(handler, signal=signal)
        return extension

    def tally(self, channel: str) -> ChannelTally:
        if channel not in self.channels:
            self.channels[channel] = ChannelTally(channel, kept_as=self.kept_as)
        return self.channels[channel]

    # -- signals ----------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        super().spider_opened(spider)
        self.started = time.monotonic()
        if self.view is not None:
            self.view.start()
        self._ticker.start(TICK_SECONDS, now=False)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        super().spider_closed(spider, reason)
        if self._ticker.running:
            self._ticker.stop()
        if self.view is not None:
            for tally in self.channels.values():
                if not tally.finished:
                    tally.cut_short = reason != "finished"
                    tally.finished = True
                    self.view.channel_finished(tally)
            self.view.stop(self)

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        channel, role = request_channel(request), request_role(request)
        if channel is None or role is None:
            return
        self._open[id(request)] = channel
        tally = self.tally(channel)
        tally.idle_ticks = 0
        if _is_repeat(request):
            return
        if role == "list":
            tally.list_known += 1
        elif role == "article":
            tally.queued += 1

    def request_dropped(self, request: Request, spider: Spider) -> None:
        channel = self._open.pop(id(request), None)
        if channel is not None and not _is_repeat(request):
            role = request_role(request)
            if role == "list":
                self.tally(channel).list_known -= 1
            elif role == "article":
                self.tally(channel).queued -= 1

    def request_left_downloader(self, request: Request, spider: Spider) -> None:
        self._open.pop(id(request), None)

    def request_failed(self, request: Request, kind: str) -> None:
        """From FailedRequests: the request ended without a response."""
        self._open.pop(id(request), None)
        self._failed(request, kind)

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:  # type: ignore[override]
        super().response_received(spider)
        channel, role = request_channel(request), request_role(request)
        if channel is None or role is None:
            return
        if response.status >= 400:
            self._failed(request, f"http_{response.status}")
        elif role == "list":
            self.tally(channel).list_read += 1

    def item_scraped(self, item: Any, response: Response, spider: Spider) -> None:  # type: ignore[override]
        super().item_scraped(item, spider)
        channel = _item_channel(item)
        if channel:
            self.tally(channel).stored += 1
            self._count_done()

    def item_dropped(  # type: ignore[override]
        self, item: Any, response: Response, exception: BaseException, spider: Spider
    ) -> None:
        super().item_dropped(item, spider, exception)
        channel = _item_channel(item)
        if not channel:
            return
        tally = self.tally(channel)
        if isinstance(exception, DropItem) and str(exception).startswith("not an article"):
            tally.not_articles += 1
        else:
            tally.failed += 1
        self._count_done()

    def item_error(self, item: Any, response: Response, spider: Spider, failure: Any) -> None:
        channel = _item_channel(item)
        if channel:
            self.tally(channel).failed += 1
            self._count_done()

    # -- figures ------------------------------------------------------------------

    def _failed(self, request: Request, kind: str) -> None:
        channel, role = request_channel(request), request_role(request)
        urls = self.failed_urls[kind]
        if len(urls) < KEEP_URLS_PER_KIND:
            urls.append(request.url)
        if channel and role == "article":  # a lost list page or continuation loses no article of its own
            self.tally(channel).failed += 1
            self._count_done()

    def _count_done(self) -> None:
        self._done_times.append(time.monotonic())

    def requests_per_second(self) -> float:
        """Over the last few seconds: what the portal is giving now."""
        stats = self.crawler.stats
        count = int(stats.get_value("downloader/request_count", 0)) if stats else 0
        now = time.monotonic()
        self._rate_samples.append((now, count))
        while len(self._rate_samples) > 1 and now - self._rate_samples[0][0] > RATE_WINDOW_SECONDS:
            self._rate_samples.popleft()
        first_time, first_count = self._rate_samples[0]
        return (count - first_count) / (now - first_time) if now > first_time else 0.0

    def seconds_left(self) -> float | None:
        """When every known list page is read, the articles left at the recent pace."""
        if not self.channels or any(t.list_read < t.list_known for t in self.channels.values()):
            return None
        left = sum(max(t.queued - t.done, 0) for t in self.channels.values())
        now = time.monotonic()
        while self._done_times and now - self._done_times[0] > RATE_WINDOW_SECONDS:
            self._done_times.popleft()
        if left == 0:
            return 0.0
        if not self._done_times:
            return None
        window = min(RATE_WINDOW_SECONDS, now - self.started)
        pace = len(self._done_times) / window if window > 0 else 0
        return left / pace if pace else None

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def _tick(self) -> None:
        busy = set(self._open.values())
        for tally in self.channels.values():
            if tally.finished:
                continue
            tally.idle_ticks = 0 if tally.name in busy else tally.idle_ticks + 1
            # Two quiet ticks: the last response's callback has had time to ask for more.
            if tally.idle_ticks >= 2 and tally.list_read:
                tally.finished = True
                if self.view is not None:
                    self.view.channel_finished(tally)
        if self.view is not None:
            self.view.refresh(self)


def _item_channel(item: Any) -> str | None:
    capture = getattr(item, "capture", item)  # ExtractedArticle or CapturedArticle
    return getattr(capture, "channel_path", None)


class FailedRequests:
    """Downloader middleware, behind RetryMiddleware: a request that failed for good
    without a response, reported to CrawlProgress. It changes nothing."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailedRequests:
        return cls(crawler)

    def process_exception(self, request: Request, exception: BaseException) -> None:
        progress = self.crawler.get_extension(CrawlProgress)
        if progress is not None:
            progress.request_failed(request, type(exception).__name__)


# -- views ------------------------------------------------------------------------

VIEWS = ("live", "lines", "none")


def make_view(name: str) -> ProgressView | None:
    """`live`: rich on stderr; `lines`: a line per channel on stderr; `none`."""
    import sys

    if name == "live":
        from rich.console import Console

        return LiveView(Console(stderr=True))
    if name == "lines":
        return LineView(sys.stderr)
    if name == "none":
        return None
    raise ValueError(f"NEWSARCHIVE_PROGRESS_VIEW must be one of {VIEWS}, got {name!r}")


class LineView:
    """No terminal: a line per channel as it finishes, nothing redrawn."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self) -> None:
        pass

    def refresh(self, progress: CrawlProgress) -> None:
        pass

    def channel_finished(self, tally: ChannelTally) -> None:
        print(tally.line(), file=self.stream, flush=True)

    def stop(self, progress: CrawlProgress) -> None:
        pass


class LiveView:
    """A terminal: a table per channel, redrawn in place (rich)."""

    def __init__(self, console: Any) -> None:
        from rich.live import Live

        self.live = Live(console=console, refresh_per_second=2, transient=False, redirect_stderr=True)

    def start(self) -> None:
        self.live.start()

    def refresh(self, progress: CrawlProgress) -> None:
        self.live.update(self.render(progress))

    def channel_finished(self, tally: ChannelTally) -> None:
        pass  # the table shows it

    def stop(self, progress: CrawlProgress) -> None:
        self.live.update(self.render(progress))
        self.live.stop()

    def render(self, progress: CrawlProgress) -> Any:
        from rich.table import Table

        table = Table(box=None, pad_edge=False, show_edge=False)
        for heading in ("channel", "list pages", "queued", progress.kept_as, "not articles", "failed", ""):
            table.add_column(heading, justify="left" if heading in ("channel", "") else "right")
        for tally in progress.channels.values():
            pages = f"{tally.list_read}/{tally.list_known}" if tally.list_known > tally.list_read else str(tally.list_read)
            table.add_row(
                tally.name, pages, str(tally.queued), str(tally.stored), str(tally.not_articles),
                str(tally.failed), tally.state,
            )
        stats = progress.crawler.stats
        already = int(stats.get_value("newsarchive/articles/already_known", 0)) if stats else 0
        requested = int(stats.get_value("downloader/request_count", 0)) if stats else 0
        left = progress.seconds_left()
        table.caption = (
            f"{already} already archived (not fetched) · {requested} pages requested · "
            f"{progress.requests_per_second():.1f} requests/s · {duration(progress.elapsed())} so far"
            + (f" · about {duration(left)} left" if left is not None else "")
        )
        table.caption_justify = "left"
        return table
