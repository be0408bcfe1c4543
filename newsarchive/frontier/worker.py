"""A crawl worker's run: the extension that replaces CrawlRun under `crawl --frontier`.

It joins the running crawl of the frontier, or starts a new one when there is none
(or the last one is done). The worker that starts it holds a seeding lease until its
start requests are queued, so no other worker finds the frontier empty before.
It answers the spider and the pipelines from Redis instead of the SQLite archive
(which a worker never opens), writes what a local run would store as records on the
stream, registers the worker and, on a heartbeat, renews its leases and requeues the
expired leases of dead workers. The worker leaves once the shared queue is empty and
no worker holds a lease; leaving, it sends `worker_finished` and marks the crawl done.

Redis unreachable past redis-py's retries (a restart with AOF is ridden out) closes
the crawl with the reason `frontier_unavailable`; `failure` says why in one line.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.defer import deferred_from_coro

from newsarchive.frontier.connection import reason_of, redacted
from newsarchive.frontier.leases import LeaseBook
from newsarchive.frontier.protocol import (
    DEFAULT_PREFIX,
    FrontierKeys,
    FrontierUnavailable,
    RecordKind,
    complete_channel_member,
    encode,
    url_key,
)
from newsarchive.items import ChannelNames, ExtractedArticle

if TYPE_CHECKING:
    from scrapy.utils.asyncio import AsyncioLoopingCall
    from twisted.internet.task import LoopingCall

    from newsarchive.crawl.spiders.portal import PortalSpider

logger = logging.getLogger(__name__)

UNAVAILABLE_REASON: Final = "frontier_unavailable"
SEEDING_LEASE: Final = "seeding"  # held by the worker that started a crawl until its start requests are queued
_T = TypeVar("_T")

# KEYS: crawl, then the previous crawl's keys to clear; ARGV: id, base_url, channels,
# options, started_at, lease seconds. Returns {1 if this worker started it, id,
# base_url, channels, options} of the crawl to take part in.
_JOIN_OR_START = """
if redis.call('HGET', KEYS[1], 'state') == 'running' then
  local crawl = redis.call('HMGET', KEYS[1], 'id', 'base_url', 'channels', 'options')
  return {0, crawl[1], crawl[2], crawl[3], crawl[4]}
end
redis.call('DEL', unpack(KEYS))
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'base_url', ARGV[2], 'channels', ARGV[3], 'options', ARGV[4],
           'state', 'running', 'started_at', ARGV[5])
local now = redis.call('TIME')
redis.call('ZADD', KEYS[4], tonumber(now[1]) + tonumber(now[2]) / 1e6 + tonumber(ARGV[6]), 'seeding')
return {1, ARGV[1], ARGV[2], ARGV[3], ARGV[4]}
"""

# KEYS: crawl; ARGV: id, finished_at. Only the crawl this worker took part in.
_MARK_DONE = """
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[1], 'state') ~= 'done' then
  redis.call('HSET', KEYS[1], 'state', 'done', 'finished_at', ARGV[2])
end
return 1
"""


class CrawlMismatch(Exception):
    """The frontier's running crawl is of other channels or another site."""


def default_worker_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"




def unavailable_error(url: str, error: Exception) -> FrontierUnavailable:
    return FrontierUnavailable(f"frontier {redacted(url)} unavailable: {reason_of(error)}")


def connect(url: str, *, retries: int = 15) -> redis.Redis:
    """A client that rides out a Redis restart: a lost connection is retried for about
    20 s (a restart with AOF takes a second or two) before an error is raised."""
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=5,
        socket_timeout=30,
        retry=Retry(ExponentialBackoff(cap=2.0, base=0.05), retries),
        retry_on_error=[redis.ConnectionError, redis.TimeoutError],
    )


def check_reachable(url: str) -> None:
    """Raise FrontierUnavailable (one line) unless Redis answers at `url` now."""
    try:
        connect(url, retries=0).ping()
    except (redis.RedisError, ValueError) as error:
        raise unavailable_error(url, error) from None


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FrontierRun:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.url: str = settings.get("NEWSARCHIVE_FRONTIER_URL") or ""
        if not self.url:
            raise NotConfigured("NEWSARCHIVE_FRONTIER_URL is not set")
        self.crawler = crawler
        self.keys = FrontierKeys(settings.get("NEWSARCHIVE_FRONTIER_PREFIX") or DEFAULT_PREFIX)
        self.worker: str = settings.get("NEWSARCHIVE_FRONTIER_WORKER") or default_worker_name()
        lease_seconds = settings.getfloat("NEWSARCHIVE_FRONTIER_LEASE_SECONDS")
        self.server = connect(self.url)
        self.book = LeaseBook(self.server, self.keys, lease_seconds, self.unavailable,
                              stopping=lambda: not crawler.crawling)
        self.heartbeat_seconds = min(lease_seconds / 3, 2.0)
        spider = cast("PortalSpider", crawler.spider)
        self.base_url: str = spider.base_url
        self.failure: str | None = None  # why Redis failed us, in one line
        self.frontier_empty = False  # left because nobody had work: the crawl is done
        try:
            self.starts_crawl = self._join_or_start(spider)
            self._register("running")
        except redis.RedisError as error:
            raise unavailable_error(self.url, error) from None
        # Each worker keeps its own `listed` set (the list pages it asked for): the pages
        # requested by all are those of the frontier's duplicate filter, recorded in the
        # same step as their request is queued. A shared set marked when the request is
        # built would lose a list page whose worker died before queueing it.
        spider.channel_names = RedisChannelNames(self, self.keys.channel_names)
        self._heartbeat: AsyncioLoopingCall | LoopingCall | None = None
        self._spider_open = False
        for handler, signal in (
            (self.spider_opened, signals.spider_opened), (self.spider_idle, signals.spider_idle),
            (self.spider_closed, signals.spider_closed), (self.item_finished, signals.item_dropped),
            (self.item_finished, signals.item_error),
        ):
            crawler.signals.connect(handler, signal=signal)
        logger.info("worker %s %s crawl %s (frontier %s)", self.worker,
                    "started" if self.starts_crawl else "joined", self.crawl_id, redacted(self.url))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierRun:
        return cls(crawler)

    # -- joining ----------------------------------------------------------------------

    def _join_or_start(self, spider: PortalSpider) -> bool:
        """Take part in the running crawl, or start one; True when this worker started it."""
        options = {"full": spider.full, "refresh": spider.refresh, "images": spider.images}
        started_at = utc_now()
        new_id = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
        keys = self.keys
        script = self.server.register_script(_JOIN_OR_START)
        started, crawl_id, base_url, channels, crawl_options = script(
            keys=[keys.crawl, keys.requests, keys.dupefilter, keys.leases, keys.leased, keys.channel_names],
            args=[new_id, self.base_url, json.dumps(spider.channels), json.dumps(options), started_at,
                  self.book.seconds],
        )
        self.crawl_id: str = crawl_id.decode()
        if started:
            self.book.hold(SEEDING_LEASE)
            self.record("crawl_started", {"base_url": self.base_url, "channels": spider.channels,
                                          "options": options, "started_at": started_at})
            return True
        asked = json.loads(channels)
        if base_url.decode() != self.base_url or sorted(asked) != sorted(spider.channels):
            raise CrawlMismatch(
                f"the frontier's running crawl {self.crawl_id} is of {base_url.decode()} "
                f"{' '.join(asked)}; this worker was asked for {self.base_url} {' '.join(spider.channels)} "
                f"(give the same --base-url and --channel, or use another --prefix)"
            )
        for name, value in json.loads(crawl_options).items():  # the crawl's, whatever this worker was given
            setattr(spider, name, bool(value))
        return False

    def seeded(self) -> None:
        """The start requests are queued: the crawl may end when its work is done."""
        lease = self.book.held.get(SEEDING_LEASE)
        if lease is not None:
            self.safely(lease.processed, None)

    # -- what the spider and the pipelines ask (newsarchive.crawl.runstate.RunState) -----

    def settled_among(self, urls: Sequence[str]) -> set[str]:
        if not urls:
            return set()
        found: list[int] = self.safely(
            lambda: list(self.server.smismember(self.keys.settled, [url_key(url) for url in urls])), [0] * len(urls))
        return {url for url, member in zip(urls, found) if member}

    def was_complete(self, channel: str) -> bool:
        member = complete_channel_member(self.base_url, channel)
        return self.safely(lambda: bool(self.server.sismember(self.keys.complete_channels, member)), False)

    def seen(self, url: str) -> None:
        self.safely(lambda: self.record("seen", {"url": url}), None)

    def skip(self, url: str, reason: str) -> None:
        self.safely(lambda: self.record("skip", {"url": url, "reason": reason}), None)

    def channel_failed(self, channel: str) -> None:
        self.safely(lambda: self.record("channel_failed", {"channel": channel}), None)

    def record(self, kind: RecordKind, data: dict[str, Any]) -> None:
        """XADD one record to the stream (redis.RedisError when Redis is gone)."""
        self.server.xadd(self.keys.records, encode(kind, self.crawl_id, self.worker, data))  # type: ignore[arg-type]  # redis-py's stub wants a dict of its own key types

    def publish(self, item: ExtractedArticle, data: dict[str, Any]) -> bool:
        """Send an article record and end its part in its request's lease; False when Redis is gone."""
        if self.failure is not None:
            return False
        try:
            self.record("article", data)
        except redis.RedisError as error:
            self.unavailable(error)
            return False
        self.safely(lambda: self.book.item_done(item.capture), None)
        return True

    def safely(self, call: Callable[[], _T], default: _T) -> _T:
        """call(), or `default` once Redis has failed past its retries (the crawl closing)."""
        if self.failure is not None:
            return default  # Redis is gone: not another wait for its retries
        try:
            return call()
        except redis.RedisError as error:
            self.unavailable(error)
            return default

    def unavailable(self, error: Exception) -> None:
        """Redis is gone past the client's retries: close the crawl (once)."""
        if self.failure is not None:
            return
        self.failure = str(unavailable_error(self.url, error))
        self.book.gone = True
        logger.info("%s; closing the crawl", self.failure)  # the command prints it, once
        if self._spider_open and self.crawler.engine is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=UNAVAILABLE_REASON))

    # -- the worker's life ------------------------------------------------------------

    def _register(self, state: str) -> None:
        entry = {"crawl": self.crawl_id, "state": state, "heartbeat": utc_now()}
        self.server.hset(self.keys.workers, self.worker, json.dumps(entry))

    def spider_opened(self) -> None:
        self._spider_open = True
        self._heartbeat = create_looping_call(self.heartbeat)
        self._heartbeat.start(self.heartbeat_seconds, now=False)

    def heartbeat(self) -> None:
        if self.failure is not None:
            return
        try:
            self.book.renew()
            self.book.requeue_expired()
            self._register("running")
        except redis.RedisError as error:
            self.unavailable(error)
            return
        # Ask the engine for requests now rather than at its own 5-second beat: other
        # workers may have queued some since this one last looked.
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def spider_idle(self) -> None:
        """Nothing of this worker is in flight: leave only if no worker has work."""
        if self.failure is not None:
            return  # closing already
        if self.book.held:
            # Every output of these requests was handled in ways not seen (a request
            # dropped on its way to the queue): nothing of them is left to lose.
            logger.warning("releasing %d lease(s) whose requests are done", len(self.book.held))
            self.safely(self.book.release_all, None)
        try:
            self.book.requeue_expired()
            queued, leased = self.book.in_flight()
        except redis.RedisError as error:
            self.unavailable(error)
            return
        if queued or leased:
            raise DontCloseSpider
        self.frontier_empty = True

    def item_finished(self, item: Any) -> None:
        """An item dropped or failed in a pipeline: its part in its request's lease is over."""
        capture = item.capture if isinstance(item, ExtractedArticle) else item
        self.safely(lambda: self.book.item_done(capture), None)

    def spider_closed(self, reason: str) -> None:
        self._spider_open = False
        if self._heartbeat is not None and self._heartbeat.running:
            self._heartbeat.stop()
        if self.failure is not None:
            return  # Redis is gone: the leases expire and other workers take them over
        stats = {key: value for key, value in self.crawler.stats.get_stats().items()
                 if isinstance(value, int | float) and not isinstance(value, bool)}
        try:
            self.book.give_back()  # requests still in flight (an interrupted worker)
            # After every other record of this worker: the writer counts it from here.
            self.record("worker_finished", {"reason": reason, "stats": stats, "finished_at": utc_now()})
            self._register(reason)
            if reason == "finished" and self.frontier_empty:
                self.server.register_script(_MARK_DONE)(keys=[self.keys.crawl], args=[self.crawl_id, utc_now()])
        except redis.RedisError as error:
            self.unavailable(error)


class RedisChannelNames(MutableMapping[str, ChannelNames]):
    """Each channel's names, read from its first list page by whichever worker got it."""

    def __init__(self, run: FrontierRun, key: str) -> None:
        self.run, self.server, self.key = run, run.server, key

    def __getitem__(self, channel: str) -> ChannelNames:
        value = self.run.safely(lambda: self.server.hget(self.key, channel), None)
        if value is None:
            raise KeyError(channel)
        return ChannelNames(**json.loads(cast(bytes, value)))

    def __setitem__(self, channel: str, names: ChannelNames) -> None:
        self.run.safely(lambda: self.server.hset(self.key, channel, _json(names)), None)

    def __delitem__(self, channel: str) -> None:
        self.run.safely(lambda: self.server.hdel(self.key, channel), None)

    def __iter__(self) -> Iterator[str]:
        none: list[bytes] = []
        return (key.decode() for key in self.run.safely(lambda: cast(list[bytes], self.server.hkeys(self.key)), none))

    def __len__(self) -> int:
        return self.run.safely(lambda: cast(int, self.server.hlen(self.key)), 0)

    def setdefault(self, channel: str, default: ChannelNames) -> ChannelNames:
        """The first worker to read a channel's names sets them, in one step."""
        self.run.safely(lambda: self.server.hsetnx(self.key, channel, _json(default)), None)
        return self.get(channel, default)


def _json(names: ChannelNames) -> str:
    return json.dumps(asdict(names), ensure_ascii=False)
