"""The frontier's Redis, reached once and kept: one line when it cannot be reached, a
wait (not a traceback loop) while it restarts.

A Redis restarted with its append-only file comes back with the stream, the consumer
group and its pending entries, so whoever was talking to it simply goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import redis

from newsarchive.frontier.protocol import FrontierUnavailable

logger = logging.getLogger(__name__)

T = TypeVar("T")

REDIS_SCHEMES = ("redis", "rediss", "unix")
# A blocking read waits at most a second or two: the socket must wait longer than that.
SOCKET_TIMEOUT = 30.0
CONNECT_TIMEOUT = 5.0
DEFAULT_RECONNECT_SECONDS = 60.0
# What a server that is restarting, or gone, answers.
_CONNECTION_ERRORS = (redis.ConnectionError, redis.TimeoutError)


def redacted(url: str) -> str:
    """The URL as it may be printed: its password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def reason_of(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


class Frontier:
    """A Redis client that says in one line why the server cannot be reached
    (FrontierUnavailable), and rides out a restart: a command that meets a closed
    connection is tried again, for up to `reconnect_seconds`."""

    def __init__(self, url: str, *, reconnect_seconds: float = DEFAULT_RECONNECT_SECONDS) -> None:
        self.url = url
        self.shown = redacted(url)
        self.reconnect_seconds = reconnect_seconds
        try:
            self.client = redis.Redis.from_url(
                url, socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=CONNECT_TIMEOUT
            )
        except ValueError as error:  # not a Redis URL
            raise FrontierUnavailable(f"{self.shown} is not a Redis URL: {reason_of(error)}") from None
        self.call(self.client.ping, retry=False)

    def call(self, command: Callable[..., T], *args: object, retry: bool = True, **kwargs: object) -> T:
        """`command(*args, **kwargs)`, tried again while the server is restarting."""
        deadline: float | None = None
        while True:
            try:
                return command(*args, **kwargs)
            except _CONNECTION_ERRORS as error:
                now = time.monotonic()
                if deadline is None and retry:  # the server went away: it may be restarting
                    deadline = now + self.reconnect_seconds
                    logger.warning("lost the frontier at %s (%s); trying again for %.0f s",
                                   self.shown, reason_of(error), self.reconnect_seconds)
                if deadline is None or now >= deadline:
                    raise FrontierUnavailable(f"cannot reach the frontier at {self.shown}: {reason_of(error)}") from None
                time.sleep(0.5)
            except redis.ResponseError as error:
                if not retry:  # the first contact: a wrong database number, a missing password …
                    raise FrontierUnavailable(f"the frontier at {self.shown} refused: {reason_of(error)}") from None
                raise

    def hash_of(self, key: str) -> dict[str, str]:
        """HGETALL `key`, as text."""
        reply: dict[Any, Any] = self.call(self.client.hgetall, key)
        return {_text(name): _text(value) for name, value in reply.items()}


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
