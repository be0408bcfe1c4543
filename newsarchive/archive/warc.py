"""Raw captures: every HTTP response the crawl receives, written to gzip WARC files.

`WarcCapture` is a Scrapy extension. It listens to `response_downloaded`, which the
downloader sends right after a download handler returns and *before* any downloader
middleware sees the response. At that point:

- redirects (3xx) have not yet been turned into new requests by RedirectMiddleware,
- 5xx answers have not yet been swallowed by RetryMiddleware,
- 4xx answers have not yet been dropped by HttpErrorMiddleware,
- HttpCompressionMiddleware has not yet decoded the body: a gzip response is still
  gzip bytes with its `Content-Encoding: gzip` header, i.e. the HTTP payload as sent.

(`response_received` fires only for what survives the middlewares: no redirects,
no retried 503s, and bodies already decompressed with Content-Encoding removed.)

What the record holds, and where it differs from the bytes on the wire:
- The response headers are those the download handler reports. Twisted removes the
  connection-control headers (Transfer-Encoding, Connection, Keep-Alive) and decodes
  chunked transfer coding; Scrapy re-adds Content-Length when the server sent one.
  The record therefore holds the de-chunked payload with no Transfer-Encoding header,
  which is consistent (and what replay tools expect); the original header order of
  Twisted's header map is kept, header name case is Scrapy's (title case). Non-ASCII
  bytes in a header are percent-encoded (warcio writes headers as ASCII).
- The reason phrase is the standard one for the status code (Scrapy does not keep
  the server's phrase).
- The request record is rebuilt from the request as the download handler got it
  (after every downloader middleware: User-Agent, Accept-Encoding, Cookie ...), plus
  the Host header Twisted adds. It is not a byte copy of what was sent.
- A body cut short is declared: Scrapy's "dataloss" flag (connection lost before the
  announced Content-Length, kept when DOWNLOAD_FAIL_ON_DATALOSS is off) gives
  `WARC-Truncated: disconnect`, "download_stopped" (StopDownload) `unspecified`.
  ("partial" is not truncation: a body without Content-Length ended by the close.)
- An HTTP/2 exchange is written in HTTP/1.1 form, as WARC tools expect.
Downloads that fail without a response (reset, timeout, size limit) write nothing.

Writing happens in a writer process (`warc_files.WarcFiles`, a one-worker ReactorPool
forked when the spider opens): building the records, their digests and the gzip
compression would cost the reactor thread, the crawl's bottleneck. The extension sends
it the exchanges of each reactor turn as plain data, in one message at the turn's end
(a message costs the reactor more than pickling a page), and learns where each
response record landed once it is written. Files, rotation and durability are
described in warc_files.py: `{prefix}-{run_stamp}-{serial:05d}.warc.gz` under
NEWSARCHIVE_WARC_DIR (empty: `warc/` next to NEWSARCHIVE_DB), one set per run,
NEWSARCHIVE_WARC_PREFIX naming them; a new file once the current one reaches
NEWSARCHIVE_WARC_MAX_BYTES; each pair appended whole with one write(), fsync when a
file is closed. A write that fails (disk full, quota) closes the crawl with finish
reason `warc_write_failed`: a crawl that can no longer keep its responses stops rather
than go on without them. Note that `warcio check` does NOT report a cut gzip tail (it
stops quietly or says "digest present but not checked"): `gzip -t FILE` does
("unexpected end of file").

Where a response landed is known only once it is written: `await capture.location(request)`
waits for it and answers {"file", "record_id", "offset"} (file relative to the WARC
directory, offset of the response record's gzip member), or None when the response
was not captured; it is then also in `request.meta["warc"]`. The spider waits for page
1's location before it builds the article, so a stored article only ever names a
capture that was written.
"""

from __future__ import annotations

import gc
import logging
import os
import socket
import time
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from scrapy.utils.log import failure_to_exc_info
from scrapy.utils.reactor import CallLaterOnce
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from newsarchive import __version__
from newsarchive.archive.warc_files import CLOSE, Answer, Exchange, WarcFiles, WarcWriteFailed, Written
from newsarchive.workers import ReactorPool

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 1_000_000_000  # the IIPC's customary 1 GB per WARC file
DEFAULT_PREFIX = "newsarchive"
META_KEY = "warc"
WRITE_FAILED_REASON = "warc_write_failed"
# Scrapy response flags that mean the body is not all the server meant to send.
_TRUNCATION_BY_FLAG = {"dataloss": "disconnect", "download_stopped": "unspecified"}


class WarcLocation(TypedDict):
    """Where a response record sits: `request.meta["warc"]`."""

    file: str  # file name relative to NEWSARCHIVE_WARC_DIR
    record_id: str  # WARC-Record-ID of the response record, e.g. <urn:uuid:…>
    offset: int  # byte offset of the record's gzip member in the file


def _is_http(url: str) -> bool:
    """Whether a response's URL is http(s): Scrapy's URLs have a lower-case scheme."""
    return url.startswith(("http://", "https://"))


def run_stamp(now: datetime | None = None) -> str:
    """17-digit UTC timestamp (yyyyMMddHHmmssSSS), the form Heritrix uses in WARC names."""
    now = now or datetime.now(UTC)
    return now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 1000:03d}"


def warc_dir_from_settings(settings: BaseSettings) -> Path:
    """NEWSARCHIVE_WARC_DIR, or when empty a `warc/` folder next to NEWSARCHIVE_DB."""
    if warc_dir := settings.get("NEWSARCHIVE_WARC_DIR"):
        return Path(warc_dir)
    if db := settings.get("NEWSARCHIVE_DB"):
        return Path(db).parent / "warc"
    raise NotConfigured("neither NEWSARCHIVE_WARC_DIR nor NEWSARCHIVE_DB is set: no WARC capture")


class WarcCapture:
    """Scrapy extension writing every downloaded response as a WARC request/response pair."""

    def __init__(
        self,
        crawler: Crawler,
        warc_dir: Path,
        *,
        prefix: str = DEFAULT_PREFIX,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        if max_bytes <= 0:
            raise ValueError(f"NEWSARCHIVE_WARC_MAX_BYTES must be positive, got {max_bytes}")
        if not prefix or "/" in prefix or os.sep in prefix:
            raise ValueError(f"NEWSARCHIVE_WARC_PREFIX must be a plain file name part, got {prefix!r}")
        self.crawler = crawler
        self.warc_dir = warc_dir
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.run_stamp = run_stamp()
        self.files: list[str] = []  # names written this run, in order
        self._hostname = socket.gethostname()
        self._writer: ReactorPool | None = None  # the writer process, from spider_opened on
        # Requests whose response was sent to the writer and not written yet, with
        # whoever waits for its location.
        self._unwritten: dict[Request, list[Deferred[WarcLocation | None]]] = {}
        # The exchanges of this reactor turn, sent together at its end (_send).
        self._batch: list[tuple[Request, Exchange]] = []
        self._send_later = CallLaterOnce(self._send)
        self._warcinfo_sent: tuple[str, str] | None = None  # (base URL, channels) last sent
        self._sending = True  # false once a write failed or the capture is closing
        self._file_closed: Deferred[None] | None = None
        self._closed: Deferred[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCapture:
        settings = crawler.settings
        extension = cls(
            crawler,
            warc_dir_from_settings(settings),
            prefix=settings.get("NEWSARCHIVE_WARC_PREFIX") or DEFAULT_PREFIX,
            max_bytes=settings.getint("NEWSARCHIVE_WARC_MAX_BYTES", DEFAULT_MAX_BYTES),
        )
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    # -- signals -------------------------------------------------------------------

    def spider_opened(self) -> None:
        # Fail at the start, not at the first response, when the directory is unusable.
        self.warc_dir.mkdir(parents=True, exist_ok=True)
        # What the writer inherits is left out of every later collection, here and in
        # it: a collection writes to each object it visits, and so copies its page.
        gc.collect()
        gc.freeze()
        # Forked now, before any other worker: a process forked later holds a copy of
        # the crawl's end of the writer's socket until it exits (see close).
        self._writer = ReactorPool(WarcFiles(self.warc_dir, self.prefix, self.run_stamp, self.max_bytes), 1)

    def response_downloaded(self, response: Response, request: Request) -> None:
        # A location copied from a redirected request's meta is not this response's.
        request.meta.pop(META_KEY, None)
        if self._writer is None or not self._sending or not _is_http(response.url):
            return  # data:, file:, s3: responses are not HTTP exchanges
        self._unwritten.setdefault(request, [])
        if not self._batch:
            self._send_later.schedule()
        self._batch.append((request, self._exchange(response, request)))

    def _send(self) -> None:
        """Hand the exchanges of the turn to the writer, in one message: a message
        costs the reactor more than the pickling of a page (a crawl downloads 2-3
        pages a turn)."""
        batch, self._batch = self._batch, []
        if not batch:
            return
        requests = [request for request, _ in batch]
        if self._writer is None or not self._sending:  # the capture stopped this turn
            for request in requests:
                self._resolve(request, None)
            return
        self._writer.submit([exchange for _, exchange in batch]).addCallbacks(
            self._written, self._not_written, callbackArgs=(requests,), errbackArgs=(requests,)
        )

    async def spider_closed(self) -> None:
        # a coroutine: Scrapy 2.19 deprecates a signal handler that returns a Deferred
        await maybe_deferred_to_future(self.close())

    # -- locations -----------------------------------------------------------------

    async def location(self, request: Request) -> WarcLocation | None:
        """Where the response to `request` was written, once it is; None when it was
        not captured (not HTTP, or the capture had stopped)."""
        waiting = self._unwritten.get(request)
        if waiting is None:
            location: WarcLocation | None = request.meta.get(META_KEY)
            return location
        written: Deferred[WarcLocation | None] = Deferred()
        waiting.append(written)
        return await maybe_deferred_to_future(written)

    def _written(self, answers: list[Answer], requests: list[Request]) -> None:
        pairs, size = 0, 0
        for request, written in zip(requests, answers, strict=True):
            location = None
            if isinstance(written, Written):
                location = WarcLocation(file=written.file, record_id=written.record_id, offset=written.offset)
                request.meta[META_KEY] = location
                if written.opened:
                    self.files.append(written.file)
                    self.crawler.stats.inc_value("warc/files")
                pairs += 1
                size += written.size
            elif written is not None:  # records that could not be built: this exchange only
                logger.error("WARC capture of %s failed: %s", request.url, written)
            self._resolve(request, location)
        if pairs:  # counted once a message: Scrapy's stats cost a few µs a call
            self.crawler.stats.inc_value("warc/bytes", size)
            self.crawler.stats.inc_value("warc/records", 2 * pairs)

    def _not_written(self, failure: Failure, requests: list[Request]) -> None:
        for request in requests:
            self._resolve(request, None)
        if failure.check(WarcWriteFailed):
            self._give_up(f"writing {failure.value}")
        elif failure.check(BrokenProcessPool):
            self._give_up(f"its writer process ended ({failure.value})")
        else:
            logger.error("WARC capture of %s failed", ", ".join(request.url for request in requests),
                         exc_info=failure_to_exc_info(failure))

    def _resolve(self, request: Request, location: WarcLocation | None) -> None:
        for waiter in self._unwritten.pop(request, ()):
            waiter.callback(location)

    def _give_up(self, what: str) -> None:
        if self._file_closed is not None:  # closing already: nothing more to stop
            logger.error("WARC capture failed %s", what)
            return
        if not self._sending:
            return  # the first failure was reported; the writer answers None since
        self._sending = False
        logger.error("WARC capture failed %s; closing the crawl, which can no longer keep its responses", what)
        assert self.crawler.engine is not None
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=WRITE_FAILED_REASON))

    # -- the exchange sent to the writer -----------------------------------------------

    def _exchange(self, response: Response, request: Request) -> Exchange:
        truncated = None
        for flag in response.flags:
            truncated = _TRUNCATION_BY_FLAG.get(flag, truncated)
        return Exchange(
            response.url,
            response.status,
            response.protocol or "",
            dict.copy(response.headers),  # the plain dict under Scrapy's Headers: name -> values
            response.body,
            str(response.ip_address) if response.ip_address is not None else None,
            truncated,
            request.method,
            dict.copy(request.headers),
            request.body or b"",
            time.time(),
            self._warcinfo_if_changed(),
        )

    def _warcinfo_if_changed(self) -> dict[str, str] | None:
        """The fields for the next file's warcinfo record, when they differ from the
        last ones sent (a city's channels are learnt from its page)."""
        spider = self.crawler.spider
        channels = getattr(spider, "channels", None)
        if isinstance(channels, (list, tuple)):
            channels = " ".join(str(c) for c in channels)
        varying = (str(getattr(spider, "base_url", "") or ""), str(channels or ""))
        if varying == self._warcinfo_sent:
            return None
        self._warcinfo_sent = varying
        base_url, channels = varying
        return {
            "software": f"newsarchive/{__version__} (Scrapy/{scrapy.__version__})",
            "format": "WARC File Format 1.0",
            "conformsTo": "http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf",
            "hostname": self._hostname,
            "isPartOf": f"{self.prefix}-{self.run_stamp}",
            "base-url": base_url,
            "channels": channels,
            "robots": "obey" if self.crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": str(self.crawler.settings.get("USER_AGENT") or ""),
        }

    # -- closing -----------------------------------------------------------------------

    def close_file(self) -> Deferred[None]:
        """Capture nothing more; fires once every exchange sent is written and the open
        file is fsynced and closed (a failure is logged)."""
        if self._file_closed is None:
            self._send_later.cancel()
            self._send()  # the exchanges of this turn, before the close
            self._sending = False
            self._file_closed = deferred_from_coro(self._close_file())
        return self._file_closed

    async def _close_file(self) -> None:
        if self._writer is None:
            return
        try:
            await maybe_deferred_to_future(self._writer.submit(CLOSE))
        except (WarcWriteFailed, BrokenProcessPool) as error:
            logger.error("WARC capture failed closing its file: %s", error)

    def close(self) -> Deferred[None]:
        """Close the file (close_file), then end the writer process."""
        if self._closed is None:
            self._closed = deferred_from_coro(self._close())
        return self._closed

    async def _close(self) -> None:
        await maybe_deferred_to_future(self.close_file())
        if self._writer is not None:
            writer, self._writer = self._writer, None
            # Reaping it waits for its end of input: every process forked after it (the
            # extraction workers) must have exited, as they have when the engine has
            # closed the item pipelines, before spider_closed.
            await writer.close()
        logger.info("WARC capture: %d file(s) in %s: %s", len(self.files), self.warc_dir, ", ".join(self.files))
