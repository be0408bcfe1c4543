"""Politeness across workers: one request rate and one concurrency per host, shared in Redis.

N workers on one portal must not mean N times the load. With a frontier, Scrapy's
per-process DOWNLOAD_DELAY and AutoThrottle are off (`politeness_settings`), and this
downloader middleware asks Redis before every request to a host:

- the rate: the key `FrontierKeys.rate(host)` (a hash) holds `next`, the earliest time
  (Redis's clock, µs) the next request to the host may go. A Lua script lets a request
  go only when `next` has passed, and then moves `next` one interval past now,
  atomically, so requests of any number of processes go at least 1/rate apart. The
  decision is taken when the request is about to be sent, not reserved ahead: a
  process that wakes up late (a loaded machine) asks again rather than send late into
  another's turn. There is no burst: after an idle spell one request goes at once and
  the next one 1/rate later, so a window of one second holds at most rate + 1 (its two
  ends), or `rate` if half-open.
- the concurrency: the same hash holds one field `slot:<token>` per request in flight,
  valued with its expiry. The script drops expired slots, then lets a request go only
  while fewer than the limit are live, and adds its slot. A worker renews its slots
  every third of their lifetime and deletes each when its download ends (response,
  error, cancel); a killed worker's slots come back when they expire
  (NEWSARCHIVE_FRONTIER_SLOT_SECONDS).

A request waits (without blocking the reactor) for what the script says; the other
requests of the process for that host queue behind it locally, so each process asks
Redis about a host at most once per interval (or per poll while the host's slots are
all taken).

A Redis that goes away is retried for NEWSARCHIVE_FRONTIER_RECONNECT_SECONDS (a Redis
restarted with AOF is back in a second), then the request fails with
protocol.FrontierUnavailable, one line naming the URL and the reason.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.reactor import is_asyncio_reactor_installed

from newsarchive.crawl.spiders.portal import is_loopback
from newsarchive.frontier.protocol import DEFAULT_PREFIX, FrontierKeys, FrontierUnavailable

logger = logging.getLogger(__name__)

_T = TypeVar("_T")

POLL_SECONDS = 0.025  # how often a process asks again while a host's slots are all taken
WAIT_STAT = "newsarchive/frontier/politeness_wait_ms"

# KEYS[1]: the host's rate hash. ARGV: interval (µs, 0: no rate limit), concurrency
# (0: no limit), slot lifetime (µs), token. Returns 0 when the request may go now (its
# slot taken), the µs until `next` when it is too early, or -1 when the host's
# concurrency is used up.
_TAKE_TURN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval, limit, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local early = tonumber(redis.call('HGET', KEYS[1], 'next') or '0') - now
if early > 0 then
  return early
end
if limit > 0 then
  local live = 0
  local fields = redis.call('HGETALL', KEYS[1])
  for i = 1, #fields, 2 do
    if string.sub(fields[i], 1, 5) == 'slot:' then
      if tonumber(fields[i + 1]) <= now then
        redis.call('HDEL', KEYS[1], fields[i])
      else
        live = live + 1
      end
    end
  end
  if live >= limit then
    return -1
  end
  redis.call('HSET', KEYS[1], 'slot:' .. ARGV[4], string.format('%d', now + ttl))
end
redis.call('HSET', KEYS[1], 'next', string.format('%d', now + interval))
redis.call('PEXPIRE', KEYS[1], math.ceil(math.max(ttl, interval) / 1000) + 1000)
return 0
"""

# KEYS[1]: the host's rate hash. ARGV: slot lifetime (µs), tokens. Extends the slots
# still there (a slot released meanwhile is not brought back).
_RENEW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local ttl = tonumber(ARGV[1])
for i = 2, #ARGV do
  if redis.call('HEXISTS', KEYS[1], 'slot:' .. ARGV[i]) == 1 then
    redis.call('HSET', KEYS[1], 'slot:' .. ARGV[i], string.format('%d', now + ttl))
  end
end
if redis.call('PTTL', KEYS[1]) < math.ceil(ttl / 1000) then
  redis.call('PEXPIRE', KEYS[1], math.ceil(ttl / 1000) + 1000)
end
return 0
"""


@dataclass(frozen=True)
class HostLimits:
    """The shared limits of one host: requests per second and requests in flight,
    for all workers together (None: no limit)."""

    rate: float | None
    concurrency: int | None

    @property
    def unlimited(self) -> bool:
        return self.rate is None and self.concurrency is None

    @property
    def interval_us(self) -> int:
        return round(1_000_000 / self.rate) if self.rate else 0


def limits_for(host_url: str, settings: BaseSettings) -> HostLimits:
    """NEWSARCHIVE_FRONTIER_RATE and _CONCURRENCY (0: no limit) for a remote host; a host
    on this machine (a mirror) only gets the ones given explicitly (above the project's
    defaults, as -s gives them), so it is crawled at full speed as in a local crawl."""

    def limit(name: str, kind: Callable[[str], float]) -> Any:
        given = (settings.getpriority(name) or 0) > SETTINGS_PRIORITIES["project"]
        if is_loopback(host_url) and not given:
            return None
        value = kind(name)
        return value if value > 0 else None

    return HostLimits(rate=limit("NEWSARCHIVE_FRONTIER_RATE", settings.getfloat),
                      concurrency=limit("NEWSARCHIVE_FRONTIER_CONCURRENCY", settings.getint))




class SharedHostLimiter:
    """Takes turns and concurrency slots per host in one frontier's Redis.

    Works on the running asyncio loop; `acquire` returns the slot's token (None when
    the host has no concurrency limit) once the request may be sent, `release` gives
    the slot back. `renew` extends every slot this process holds."""

    def __init__(self, url: str, prefix: str = DEFAULT_PREFIX, *, slot_seconds: float = 30.0,
                 reconnect_seconds: float = 20.0) -> None:
        # Imported here: the middleware is listed in every crawl, and a local one (no
        # frontier) should not pay for loading redis (0.1 s).
        import redis.asyncio

        from newsarchive.frontier.connection import redacted

        self.url = url
        self.shown = redacted(url)
        self.keys = FrontierKeys(prefix)
        self.slot_us = round(slot_seconds * 1_000_000)
        self.reconnect_seconds = reconnect_seconds
        self.client = redis.asyncio.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)
        self._take_turn = self.client.register_script(_TAKE_TURN)
        self._renew = self.client.register_script(_RENEW)
        self._tokens = (f"{socket.gethostname()}-{os.getpid()}:{n}" for n in itertools.count(1))
        self._held: dict[str, set[str]] = {}  # host -> tokens of the slots this process holds
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._gone: FrontierUnavailable | None = None  # set once Redis is given up on

    async def acquire(self, host: str, limits: HostLimits) -> str | None:
        lock = self._host_locks.setdefault(host, asyncio.Lock())
        async with lock:  # the process's other requests for this host wait behind this one
            token = next(self._tokens) if limits.concurrency else None
            args: list[int | str] = [limits.interval_us, limits.concurrency or 0, self.slot_us, token or ""]
            while True:
                wait_us = int(await self._call(lambda: self._take_turn(keys=[self.keys.rate(host)], args=args)))
                if wait_us == 0:
                    break
                await asyncio.sleep(wait_us / 1_000_000 if wait_us > 0 else POLL_SECONDS)
            if token:
                self._held.setdefault(host, set()).add(token)
        return token

    async def release(self, host: str, token: str | None) -> None:
        if token is None or token not in self._held.get(host, ()):
            return
        self._held[host].discard(token)
        await self._call(lambda: self.client.hdel(self.keys.rate(host), f"slot:{token}"))

    async def release_all(self) -> None:
        for host, tokens in list(self._held.items()):
            for token in list(tokens):
                await self.release(host, token)

    async def renew(self) -> None:
        for host, tokens in list(self._held.items()):
            if tokens:
                await self._call(self._renew_command(host, [self.slot_us, *tokens]))

    def _renew_command(self, host: str, args: list[int | str]) -> Callable[[], Awaitable[Any]]:
        return lambda: self._renew(keys=[self.keys.rate(host)], args=args)

    async def close(self) -> None:
        await self.client.aclose()

    async def _call(self, command: Callable[[], Awaitable[_T]]) -> _T:
        """Run a Redis command; a lost connection is retried until the reconnect time is
        up, anything else (refused password, no such database) fails at once. Once Redis
        is declared unavailable, every later command fails at once too: the worker is
        stopping, and its queued requests must not each wait out the reconnect time."""
        import redis

        if self._gone is not None:
            raise self._gone
        deadline = time.monotonic() + self.reconnect_seconds
        pause = 0.1
        while True:
            try:
                return await command()
            except redis.AuthenticationError as exc:
                raise self._unavailable(exc) from None
            except (redis.ConnectionError, redis.TimeoutError) as exc:
                if time.monotonic() + pause > deadline:
                    raise self._unavailable(exc) from None
                logger.warning("frontier Redis %s: %s; trying again", self.shown, _one_line(exc))
                await asyncio.sleep(pause)
                pause = min(pause * 2, 2.0)
            except redis.RedisError as exc:
                raise self._unavailable(exc) from None

    def _unavailable(self, exc: Exception) -> FrontierUnavailable:
        self._gone = FrontierUnavailable(f"frontier Redis {self.shown} unavailable: {_one_line(exc)}")
        return self._gone


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class SharedPoliteness:
    """Downloader middleware: a request to a host waits for the host's shared rate and
    concurrency (see the module's docstring). Active when NEWSARCHIVE_FRONTIER_URL is
    set; placed last, so the wait ends right before the download starts."""

    def __init__(self, crawler: Crawler, limiter: SharedHostLimiter) -> None:
        self.crawler = crawler
        self.limiter = limiter
        self._limits: dict[str, HostLimits] = {}
        self._held: dict[scrapy.Request, tuple[str, str]] = {}  # request -> (host, slot token)
        self._renewing: asyncio.Task[None] | None = None
        self._releasing: set[asyncio.Task[None]] = set()  # kept referenced until done

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedPoliteness:
        settings = crawler.settings
        url = settings.get("NEWSARCHIVE_FRONTIER_URL")
        if not url:
            raise NotConfigured("a local crawl: no shared frontier")
        if not is_asyncio_reactor_installed():
            raise RuntimeError("the shared politeness of a frontier crawl needs Scrapy's asyncio reactor")
        slot_seconds = settings.getfloat("NEWSARCHIVE_FRONTIER_SLOT_SECONDS")
        if slot_seconds <= 0:
            raise ValueError(f"NEWSARCHIVE_FRONTIER_SLOT_SECONDS must be above 0, got {slot_seconds}")
        limiter = SharedHostLimiter(
            url, settings.get("NEWSARCHIVE_FRONTIER_PREFIX") or DEFAULT_PREFIX, slot_seconds=slot_seconds,
            reconnect_seconds=settings.getfloat("NEWSARCHIVE_FRONTIER_RECONNECT_SECONDS"),
        )
        middleware = cls(crawler, limiter)
        crawler.signals.connect(middleware.request_left_downloader, signal=signals.request_left_downloader)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def host_limits(self, request: scrapy.Request) -> tuple[str, HostLimits]:
        parts = urlparse_cached(request)
        host = (parts.hostname or "").lower()
        if host not in self._limits:
            self._limits[host] = limits_for(f"{parts.scheme}://{parts.netloc}", self.crawler.settings)
        return host, self._limits[host]

    async def process_request(self, request: scrapy.Request) -> None:
        host, limits = self.host_limits(request)
        if limits.unlimited:
            return
        started = time.monotonic()
        token = await self.limiter.acquire(host, limits)
        if token is not None:
            self._held[request] = (host, token)
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(WAIT_STAT, round((time.monotonic() - started) * 1000))

    def request_left_downloader(self, request: scrapy.Request) -> None:
        """The download ended in any way (response, error, timeout, cancel): free its slot.
        (Scrapy sends this signal synchronously: the release runs as a task.)"""
        held = self._held.pop(request, None)
        if held is not None:
            task = asyncio.get_running_loop().create_task(self.limiter.release(*held))
            self._releasing.add(task)
            task.add_done_callback(self._released)

    def _released(self, task: asyncio.Task[None]) -> None:
        self._releasing.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.warning("%s; the slot expires by itself", task.exception())

    async def spider_opened(self) -> None:
        period = self.limiter.slot_us / 3_000_000
        self._renewing = asyncio.get_running_loop().create_task(self._renew_every(period))

    async def spider_closed(self) -> None:
        if self._renewing is not None:
            self._renewing.cancel()
        self._held.clear()
        await asyncio.gather(*self._releasing, return_exceptions=True)
        try:
            await self.limiter.release_all()  # requests that never reached a download
        except FrontierUnavailable as exc:
            logger.warning("%s; the slots expire by themselves", exc)
        await self.limiter.close()

    async def _renew_every(self, period: float) -> None:
        while True:
            await asyncio.sleep(period)
            try:
                await self.limiter.renew()
            except FrontierUnavailable as exc:
                logger.warning("%s; slots not renewed", exc)


def politeness_settings(frontier_url: str, prefix: str = DEFAULT_PREFIX) -> dict[str, Any]:
    """The settings a frontier worker sets (at "cmdline" priority, above the spider's):
    the shared limits on, Scrapy's per-process DOWNLOAD_DELAY and AutoThrottle off.
    NEWSARCHIVE_FRONTIER_RATE and _CONCURRENCY keep whatever -s gave them."""
    return {
        "NEWSARCHIVE_FRONTIER_URL": frontier_url,
        "NEWSARCHIVE_FRONTIER_PREFIX": prefix,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
    }
