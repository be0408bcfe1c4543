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

Files: `{prefix}-{run_stamp}-{serial:05d}.warc.gz` under NEWSARCHIVE_WARC_DIR (empty:
`warc/` next to NEWSARCHIVE_DB), one set per run; NEWSARCHIVE_WARC_PREFIX names them.
Each file opens with a `warcinfo` record; a new file is started once the current one
reaches NEWSARCHIVE_WARC_MAX_BYTES. Files are created with O_EXCL and a
run stamp to the millisecond, so a run never appends to a file of an earlier run, e.g.
one left with a truncated last record by kill -9.

Durability: each request/response pair is serialised in memory and appended to the
file with one write() and a flush, so a killed process (kill -9) leaves at most the
last pair cut short; the records before it stay readable. A power loss can also lose
what the OS had not yet written back. Files are fsynced when they
are closed (rotation and spider_closed). A write that fails (disk full, quota) closes
the crawl with finish reason `warc_write_failed`: a crawl that can no longer keep its
responses stops rather than go on without them. Note that `warcio check` does NOT report a cut
gzip tail (it stops quietly or says "digest present but not checked"): `gzip -t FILE`
does ("unexpected end of file").

Where each response landed is stored in `request.meta["warc"]` = {"file", "record_id",
"offset"} (file relative to the WARC directory, offset of the response record's gzip
member), so the spider can put page 1's location into the stored article.
"""

from __future__ import annotations

import io
import logging
import os
import socket
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import IO, Any, TypedDict
from urllib.parse import quote_from_bytes, urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import deferred_from_coro
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsarchive import __version__

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 1_000_000_000  # the IIPC's customary 1 GB per WARC file
DEFAULT_PREFIX = "newsarchive"
META_KEY = "warc"
# Scrapy response flags that mean the body is not all the server meant to send.
_TRUNCATION_BY_FLAG = {"dataloss": "disconnect", "download_stopped": "unspecified"}


class WarcLocation(TypedDict):
    """Where a response record sits: `request.meta["warc"]`."""

    file: str  # file name relative to NEWSARCHIVE_WARC_DIR
    record_id: str  # WARC-Record-ID of the response record, e.g. <urn:uuid:…>
    offset: int  # byte offset of the record's gzip member in the file


def run_stamp(now: datetime | None = None) -> str:
    """17-digit UTC timestamp (yyyyMMddHHmmssSSS), the form Heritrix uses in WARC names."""
    now = now or datetime.now(UTC)
    return now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 1000:03d}"


def _status_line(status: int) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return f"{status} {phrase}".rstrip()


_PRINTABLE_ASCII = "".join(map(chr, range(0x20, 0x7F)))


def _header_text(raw: bytes) -> str:
    """A header name or value as the ASCII text warcio writes unchanged.

    warcio writes HTTP headers as ASCII and percent-encodes any non-ASCII character of
    the text it is given. Bytes that are not ASCII (raw UTF-8 or GBK in a Location or
    Content-Disposition) are therefore percent-encoded here, byte by byte, so the record
    keeps the exact bytes recoverable instead of a re-encoding of a guessed decoding.
    """
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        return quote_from_bytes(raw, safe=_PRINTABLE_ASCII)


def _header_pairs(headers: Any) -> list[tuple[str, str]]:
    """Scrapy Headers -> (name, value) pairs, one per value, in Scrapy's order."""
    pairs: list[tuple[str, str]] = []
    for name, values in headers.items():
        key = _header_text(name)
        pairs.extend((key, _header_text(value)) for value in values)
    return pairs


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
        self.serial = 0
        self.files: list[str] = []  # names written this run, in order
        self._file: IO[bytes] | None = None
        self._file_name = ""
        self._warcinfo_id = ""  # WARC-Record-ID of the current file's warcinfo record
        self._hostname = socket.gethostname()
        # One writer, pointed at each pair's buffer: a new WARCWriter asks the system
        # for the host name (gethostname took 0.1 ms a page).
        self._writer = WARCWriter(None, gzip=True)
        self._failed = False  # a write failed: the crawl is being closed

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

    def response_downloaded(self, response: Response, request: Request) -> None:
        if self._failed or urlsplit(response.url).scheme not in ("http", "https"):
            return  # data:, file:, s3: responses are not HTTP exchanges
        try:
            if self._file is None:
                # Files are opened on demand, so rotation never leaves a file holding only its warcinfo.
                self._open_next_file()
            request.meta[META_KEY] = self._write_pair(request, response)
            assert self._file is not None
            if self._file.tell() >= self.max_bytes:
                self._close_file()
        except OSError as error:
            self._give_up(error)

    def spider_closed(self) -> None:
        self._close_file()
        logger.info("WARC capture: %d file(s) in %s: %s", len(self.files), self.warc_dir, ", ".join(self.files))

    # -- files ---------------------------------------------------------------------

    def _open_next_file(self) -> None:
        while True:
            self.serial += 1
            name = f"{self.prefix}-{self.run_stamp}-{self.serial:05d}.warc.gz"
            try:
                # "xb": never append to an existing file (another run's, or a damaged one).
                self._file = open(self.warc_dir / name, "xb")
            except FileExistsError:
                continue
            break
        self._file_name = name
        self.files.append(name)
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        warcinfo = writer.create_warcinfo_record(name, self._warcinfo_fields())
        writer.write_record(warcinfo)
        self._warcinfo_id = warcinfo.rec_headers.get_header("WARC-Record-ID")
        self._append(buffer.getvalue())
        self._inc_stat("warc/files")

    def _warcinfo_fields(self) -> dict[str, str]:
        spider = self.crawler.spider
        channels = getattr(spider, "channels", None)
        if isinstance(channels, (list, tuple)):
            channels = " ".join(str(c) for c in channels)
        return {
            "software": f"newsarchive/{__version__} (Scrapy/{scrapy.__version__})",
            "format": "WARC File Format 1.0",
            "conformsTo": "http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf",
            "hostname": self._hostname,
            "isPartOf": f"{self.prefix}-{self.run_stamp}",
            "base-url": str(getattr(spider, "base_url", "") or ""),
            "channels": str(channels or ""),
            "robots": "obey" if self.crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": str(self.crawler.settings.get("USER_AGENT") or ""),
        }

    def _give_up(self, error: OSError) -> None:
        logger.error(
            "WARC capture failed writing %s: %s; closing the crawl, which can no longer keep its responses",
            self.warc_dir / self._file_name, error,
        )
        self._failed = True
        if self._file is not None:
            file, self._file = self._file, None
            try:
                file.close()  # its last record may be cut; the next run starts a new file
            except OSError:
                pass
        assert self.crawler.engine is not None
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="warc_write_failed"))

    def _close_file(self) -> None:
        if self._file is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None

    def _append(self, data: bytes) -> int:
        assert self._file is not None
        offset = self._file.tell()
        self._file.write(data)
        self._file.flush()
        self._inc_stat("warc/bytes", len(data))
        return offset

    def _inc_stat(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key, count)

    # -- records -------------------------------------------------------------------

    def _write_pair(self, request: Request, response: Response) -> WarcLocation:
        buffer = io.BytesIO()
        writer = self._writer
        writer.out = buffer
        response_record = self._response_record(writer, response)
        request_record = self._request_record(writer, request, response.url)
        # Response first (as warcio does): its gzip member starts at the pair's offset.
        writer.write_request_response_pair(request_record, response_record)
        offset = self._append(buffer.getvalue())
        self._inc_stat("warc/records", 2)
        return WarcLocation(
            file=self._file_name,
            record_id=response_record.rec_headers.get_header("WARC-Record-ID"),
            offset=offset,
        )

    def _response_record(self, writer: WARCWriter, response: Response) -> Any:
        http_headers = StatusAndHeaders(
            _status_line(response.status),
            _header_pairs(response.headers),
            protocol=response.protocol if (response.protocol or "").startswith("HTTP/1") else "HTTP/1.1",
        )
        warc_headers = {"WARC-Warcinfo-ID": self._warcinfo_id}
        if response.ip_address is not None:
            warc_headers["WARC-IP-Address"] = str(response.ip_address)
        for flag in response.flags:
            if flag in _TRUNCATION_BY_FLAG:
                warc_headers["WARC-Truncated"] = _TRUNCATION_BY_FLAG[flag]
        body = response.body
        return writer.create_warc_record(
            response.url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )

    def _request_record(self, writer: WARCWriter, request: Request, url: str) -> Any:
        parts = urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        pairs = _header_pairs(request.headers)
        if not any(name.lower() == "host" for name, _ in pairs):
            pairs.insert(0, ("Host", parts.netloc))
        body = request.body or b""
        if body and not any(name.lower() == "content-length" for name, _ in pairs):
            pairs.append(("Content-Length", str(len(body))))
        # warcio splits a request line as "<method> <target HTTP-version>".
        http_headers = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", pairs, is_http_request=True)
        return writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Warcinfo-ID": self._warcinfo_id},
        )
