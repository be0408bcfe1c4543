"""Leases: a request popped from the shared queue stays in Redis until its output is handled.

scrapy-redis pops a request and forgets it: a worker killed with `kill -9` loses it,
and everything below it, for good (its fingerprint is in the dupefilter, so nobody asks
again). Here popping MOVES the request, atomically, into the leases:

    requests (zset: data by priority) ──pop──► leases (zset: id by deadline)
                                               leased (hash: id -> "score\\ndata")

The worker holding a lease renews its deadline on every heartbeat and deletes it once
the request's output is handled (children enqueued, its article published). A lease
whose deadline passed belongs to a dead (or stuck) worker: any worker puts its request
back into the queue. Deadlines are Redis's clock (TIME), so workers on machines whose
clocks differ agree on them.

In the worker, a `Lease` counts what is still to be handled for its request: the
request's own processing (open until its callback or errback has given all its output)
and each request or item it gave, until that request is in the queue or that item is
published (or dropped). At zero, the lease is deleted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import redis

from newsarchive.frontier.protocol import FrontierKeys

logger = logging.getLogger(__name__)

# KEYS: requests, leases, leased; ARGV: lease seconds. Returns {id, data} or nil.
_POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
local now = redis.call('TIME')
local id = redis.sha1hex(now[1] .. '.' .. now[2] .. top[1])
redis.call('ZADD', KEYS[2], tonumber(now[1]) + tonumber(now[2]) / 1e6 + tonumber(ARGV[1]), id)
redis.call('HSET', KEYS[3], id, top[2] .. '\\n' .. top[1])
return {id, top[1]}
"""

# KEYS: dupefilter, requests; ARGV: fingerprint ('' = not filtered), score, data.
# One step, so a worker dying in between never leaves a fingerprint without its request.
_PUSH = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

# KEYS: leases; ARGV: lease seconds, ids. Only leases still there are renewed.
_RENEW = """
local now = redis.call('TIME')
local deadline = tonumber(now[1]) + tonumber(now[2]) / 1e6 + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', deadline, ARGV[i]) end
return #ARGV - 1
"""

# KEYS: requests, leases, leased; ARGV: ids, or none for every expired lease.
# A lease without a request (the seeding lease) is just deleted.
_REQUEUE = """
local ids = ARGV
if #ids == 0 then
  local now = redis.call('TIME')
  ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', tonumber(now[1]) + tonumber(now[2]) / 1e6)
end
local count = 0
for _, id in ipairs(ids) do
  local entry = redis.call('HGET', KEYS[3], id)
  if redis.call('ZREM', KEYS[2], id) == 1 and entry then
    local cut = string.find(entry, '\\n', 1, true)
    redis.call('ZADD', KEYS[1], string.sub(entry, 1, cut - 1), string.sub(entry, cut + 1))
    count = count + 1
  end
  redis.call('HDEL', KEYS[3], id)
end
return count
"""


class LeaseBook:
    """This worker's leases, and the Redis operations on leases."""

    def __init__(self, server: redis.Redis, keys: FrontierKeys, seconds: float,
                 on_unavailable: Callable[[redis.RedisError], None], stopping: Callable[[], bool]) -> None:
        self.server = server
        # While the crawl stops (Ctrl-C, SIGTERM) a callback may cut its output short
        # (the spider stops reading a list): no lease is released any more, and the
        # worker gives them all back as it leaves. At worst a page is fetched twice.
        self.stopping = stopping
        # Told of a Redis error where Scrapy (not the run) calls in: a lease released
        # by the spider middleware or a pipeline.
        self.on_unavailable = on_unavailable
        self.gone = False  # Redis failed past its retries: no more waiting on it
        self.keys = keys
        self.seconds = seconds
        self.held: dict[str, Lease] = {}
        self._items: dict[int, Lease] = {}  # id(CapturedArticle) -> the lease of its request
        self._pop = server.register_script(_POP)
        self._push = server.register_script(_PUSH)
        self._renew = server.register_script(_RENEW)
        self._requeue = server.register_script(_REQUEUE)

    def pop(self) -> tuple[Lease, bytes] | None:
        """The next request's data, leased to this worker."""
        popped = self._pop(keys=[self.keys.requests, self.keys.leases, self.keys.leased], args=[self.seconds])
        if not popped:
            return None
        lease_id, data = popped
        return self.hold(lease_id.decode()), data

    def hold(self, lease_id: str) -> Lease:
        lease = Lease(self, lease_id)
        self.held[lease_id] = lease
        return lease

    def push(self, data: bytes, score: float, fingerprint: str | None) -> bool:
        """Queue a request unless its fingerprint was seen (None: never filtered)."""
        args: list[str | float | bytes] = [fingerprint or "", score, data]
        return bool(self._push(keys=[self.keys.dupefilter, self.keys.requests], args=args))

    def release(self, lease: Lease) -> None:
        if self.stopping():
            return
        self.held.pop(lease.id, None)
        if self.gone:
            return  # the lease expires and its request comes back: at least once
        try:
            with self.server.pipeline() as pipe:
                pipe.zrem(self.keys.leases, lease.id)
                pipe.hdel(self.keys.leased, lease.id)
                pipe.execute()
        except redis.RedisError as error:
            self.on_unavailable(error)

    def release_all(self) -> None:
        for lease in list(self.held.values()):
            self.release(lease)

    def renew(self) -> None:
        if self.held:
            self._renew(keys=[self.keys.leases], args=[self.seconds, *self.held])

    def requeue_expired(self) -> int:
        """Put the requests of leases whose deadline passed back into the queue."""
        count = int(self._requeue(keys=[self.keys.requests, self.keys.leases, self.keys.leased], args=[]))
        if count:
            logger.warning("requeued %d request(s) whose worker stopped renewing their lease", count)
        return count

    def give_back(self) -> None:
        """A worker leaving before its requests were handled puts them back at once,
        so the other workers need not wait for the leases to expire."""
        if self.held:
            ids = list(self.held)
            self._requeue(keys=[self.keys.requests, self.keys.leases, self.keys.leased], args=ids)
            self.held.clear()
            self._items.clear()

    def tag_item(self, item: Any, lease: Lease) -> None:
        if id(item) not in self._items:
            lease.add()
            self._items[id(item)] = lease

    def item_done(self, item: Any) -> None:
        lease = self._items.pop(id(item), None)
        if lease is not None:
            lease.done()

    def in_flight(self) -> tuple[int, int]:
        """(requests queued, leases held) by all workers, read at one instant."""
        with self.server.pipeline() as pipe:
            pipe.zcard(self.keys.requests)
            pipe.zcard(self.keys.leases)
            queued, leased = pipe.execute()
        return int(queued), int(leased)


class Lease:
    """What is still to be handled for one leased request (see the module's docstring)."""

    def __init__(self, book: LeaseBook, lease_id: str) -> None:
        self.book = book
        self.id = lease_id
        self.pending = 0  # requests and items it gave, not yet queued or published
        self.processing = True  # its callback or errback has not given all its output yet

    def add(self) -> None:
        self.pending += 1

    def done(self) -> None:
        self.pending -= 1
        self._release_if_handled()

    def processed(self) -> None:
        """Its callback or errback has given all its output (or it went back to the queue)."""
        if self.processing:
            self.processing = False
            self._release_if_handled()

    def _release_if_handled(self) -> None:
        if not self.processing and self.pending <= 0 and self.id in self.book.held:
            self.book.release(self)
