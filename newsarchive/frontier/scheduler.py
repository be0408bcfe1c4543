"""scrapy-redis's scheduler on the frontier's keys, with leases (see leases.py).

A request popped from Redis carries its Lease in `meta` (in memory only: stripped
before a request is queued again). What the request gives is tagged with that lease:

- its callback's output by the `LeaseTracking` spider middleware, closest to the
  engine, so it sees the requests and items that really leave the spider;
- its errback's output (a failed download never passes the spider middlewares) by a
  wrapper put around the errback when the request is popped.

The lease is deleted once the callback or errback has given everything, every request
it gave is in the queue and every item it gave is published or dropped. A retry or a
redirect of a leased request goes back into the queue and ends its lease.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

import redis
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.asyncgen import as_async_generator
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from newsarchive.frontier.leases import Lease, LeaseBook

if TYPE_CHECKING:
    from newsarchive.frontier.worker import FrontierRun

LEASE_META = "newsarchive_lease"  # the Lease of a request popped from the frontier
PARENT_META = "newsarchive_parent_lease"  # the Lease of the request that gave this one
_QUEUE_CLASS = "scrapy_redis.queue.PriorityQueue"


def frontier_run(crawler: Crawler) -> FrontierRun:
    from newsarchive.frontier.worker import FrontierRun

    run = crawler.get_extension(FrontierRun)
    if run is None:
        raise RuntimeError("the FrontierRun extension is not enabled (newsarchive crawl --frontier enables it)")
    return run


class FrontierScheduler(Scheduler):
    def __init__(self, run: FrontierRun, crawler: Crawler) -> None:
        super().__init__(
            server=run.server,
            persist=True,  # the queue and dupefilter belong to the crawl, not to this worker
            queue_key=run.keys.requests,
            queue_cls=_QUEUE_CLASS,
            dupefilter=RFPDupeFilter(run.server, key=run.keys.dupefilter),
        )
        self.run = run
        self.book: LeaseBook = run.book
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierScheduler:
        return cls(frontier_run(crawler), crawler)

    def enqueue_request(self, request: Request) -> bool:
        own: Lease | None = request.meta.pop(LEASE_META, None)  # a retry or redirect of a leased request
        parent: Lease | None = request.meta.pop(PARENT_META, None)
        _own_errback(request)
        if self.run.failure is not None:
            return False  # Redis is gone, the crawl closing: its leases bring the parent back
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        try:
            queued = self.book.push(self.queue._encode_request(request), -request.priority, fingerprint)
        except redis.RedisError as error:
            self.run.unavailable(error)  # the leases stay: another worker takes them over
            return False
        if queued:
            self.stats.inc_value("scheduler/enqueued/redis")
        else:
            self.df.log(request, self.spider)
        if own is not None:
            own.processed()
        if parent is not None:
            parent.done()
        return queued

    def next_request(self) -> Request | None:
        if self.run.failure is not None:
            return None
        try:
            popped = self.book.pop()
        except redis.RedisError as error:
            self.run.unavailable(error)
            return None
        if popped is None:
            return None
        lease, data = popped
        request: Request = self.queue._decode_request(data)
        request.meta[LEASE_META] = lease
        if request.errback is not None:
            request.errback = _LeasedErrback(request.errback, lease)
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        if self.run.failure is not None:
            return False
        try:
            return bool(len(self) > 0)
        except redis.RedisError as error:
            self.run.unavailable(error)
            return False


class _LeasedErrback:
    """A popped request's errback: its output is tagged with the request's lease. A
    retry or redirect of the request puts the spider's own errback back (see
    FrontierScheduler.enqueue_request), so what goes into Redis names a spider method."""

    def __init__(self, errback: Callable[[Failure], Any], lease: Lease) -> None:
        self.errback = errback
        self.lease = lease

    def __call__(self, failure: Failure) -> AsyncIterator[Any] | None:
        try:
            output = self.errback(failure)
        except BaseException:
            self.lease.processed()
            raise
        if output is None:
            self.lease.processed()
            return None
        return tagged(output, self.lease)


def _own_errback(request: Request) -> None:
    """The spider's errback of a request whose errback a lease wrapped."""
    if isinstance(request.errback, _LeasedErrback):
        request.errback = request.errback.errback


async def tagged(output: Any, lease: Lease) -> AsyncIterator[Any]:
    """The output of a leased request's callback or errback, each element tagged."""
    try:
        if isinstance(output, Deferred):
            output = await maybe_deferred_to_future(output)
        async for element in as_async_generator(output or ()):
            tag(element, lease)
            yield element
    finally:
        lease.processed()


def tag(element: Any, lease: Lease) -> None:
    """Count a request or item given by a leased request (once, however many layers see it)."""
    if isinstance(element, Request):
        if PARENT_META not in element.meta:
            element.meta[PARENT_META] = lease
            lease.add()
    elif element is not None:
        lease.book.tag_item(element, lease)


class LeaseTracking:
    """Spider middleware, closest to the engine: tags what a leased request's callback gives."""

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        lease: Lease | None = response.request.meta.get(LEASE_META) if response.request else None
        if lease is None:
            async for element in result:
                yield element
            return
        async for element in tagged(result, lease):
            yield element
