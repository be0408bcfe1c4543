"""The WARC files of one run, written by WarcCapture's writer process.

`WarcFiles` is the function of a one-worker `ReactorPool` (newsarchive/workers.py):
the crawl sends it each HTTP exchange as plain data (`Exchange`), and it builds the
request/response records with warcio, gzips them and appends them to the open file,
answering where the response record landed (`Written`). Building, digesting and
compressing a pair cost the crawl's reactor thread about 0.25 ms of CPU a page;
sending it here costs the reactor about 0.02 ms (a pickle out, one back). Its state
(the open file, the serial number) lives in the worker only: the object reaches it
by fork and is never sent back.

Files: `{prefix}-{run_stamp}-{serial:05d}.warc.gz` in the WARC directory, created with
O_EXCL, so a run never appends to a file of an earlier run (one left with a cut last
record by kill -9, say). Each file opens with a `warcinfo` record and is opened on
demand, so rotation never leaves a file holding only its warcinfo; a new file is
started once the current one reaches `max_bytes`.

Durability: each pair is serialised in memory and appended with one write() and a
flush, so a killed crawl (and its writer) leaves at most the last pair cut short. A
power loss can also lose what the OS had not yet written back. Files are fsynced when
they are closed (rotation and `CLOSE`). A write that fails (disk full, quota) raises
`WarcWriteFailed` and ends the writing: the file is closed (its last record may be
cut; the next run starts a new file) and every later exchange is answered None.
"""

from __future__ import annotations

import io
import os
import zlib
from datetime import UTC, datetime
from http import HTTPStatus
from ipaddress import IPv4Address, IPv6Address
from pathlib import Path
from typing import IO, Any, Final, NamedTuple
from urllib.parse import quote_from_bytes, urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import GzippingWrapper, WARCWriter

RawHeaders = dict[bytes, list[bytes]]  # as Scrapy's Headers hold them: name -> values
CLOSE: Final = "close"  # the task that fsyncs and closes the open file


class Exchange(NamedTuple):
    """One HTTP exchange, as the plain data that crosses to the writer."""

    url: str  # the response's
    status: int
    protocol: str  # "HTTP/1.1", "h2", or "" when the download handler did not say
    response_headers: RawHeaders
    body: bytes
    ip_address: IPv4Address | IPv6Address | None
    truncated: str | None  # the WARC-Truncated value, when the body is cut short
    method: str
    request_headers: RawHeaders
    request_body: bytes
    downloaded_at: float  # time.time() when the response arrived: both records' WARC-Date
    warcinfo: dict[str, str] | None  # the fields of the next warcinfo record, when they changed


class Written(NamedTuple):
    """Where an exchange's response record landed."""

    file: str  # name relative to the WARC directory
    record_id: str  # WARC-Record-ID of the response record
    offset: int  # of the response record's gzip member
    size: int  # bytes appended, a warcinfo record written for it included
    opened: bool  # a new file was started for it


class WarcWriteFailed(Exception):
    """A write to a WARC file failed (disk full, quota): the writer writes nothing more."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)  # both in args: it crosses back to the crawl pickled
        self.path, self.reason = path, reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class _GzipMember(GzippingWrapper):
    """warcio's gzip member around each record, at zlib's default level (6), not 9:
    half the CPU on real pages (45 KB on average in CWCED: 1.6 ms a page at 9, 0.8 at 6)
    for 0.3% more bytes."""

    def __init__(self, out: IO[bytes]) -> None:
        self.compressor = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.out = out


class _DatedWriter(WARCWriter):
    """A WARCWriter whose records carry the time set in `date` (the download's),
    not the time they are written, each record its own gzip member (_GzipMember)."""

    date = ""

    def __init__(self) -> None:
        super().__init__(None, gzip=False)  # gzipped by _write_warc_record below

    def curr_warc_date(self) -> str:
        return self.date

    def _write_warc_record(self, out: IO[bytes], record: Any) -> None:
        super()._write_warc_record(_GzipMember(out), record)


def status_line(status: int) -> str:
    """`200 OK`: the standard reason phrase (Scrapy does not keep the server's)."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return f"{status} {phrase}".rstrip()


_PRINTABLE_ASCII = "".join(map(chr, range(0x20, 0x7F)))


def header_text(raw: bytes) -> str:
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


def header_pairs(headers: RawHeaders) -> list[tuple[str, str]]:
    """(name, value) pairs, one per value, in the headers' order."""
    pairs: list[tuple[str, str]] = []
    for name, values in headers.items():
        key = header_text(name)
        pairs.extend((key, header_text(value)) for value in values)
    return pairs


class WarcFiles:
    """Called with each `Exchange` (answers `Written`, or None once a write has failed)
    and with `CLOSE`."""

    def __init__(self, warc_dir: Path, prefix: str, run_stamp: str, max_bytes: int) -> None:
        self.warc_dir = warc_dir
        self.prefix = prefix
        self.run_stamp = run_stamp
        self.max_bytes = max_bytes
        self.serial = 0
        self.failed = False
        self.warcinfo: dict[str, str] = {}  # the fields of the next file's warcinfo record
        self._file: IO[bytes] | None = None
        self._file_name = ""
        self._warcinfo_id = ""  # WARC-Record-ID of the current file's warcinfo record
        # One writer, pointed at each pair's buffer: a new WARCWriter asks the system
        # for the host name.
        self._writer = _DatedWriter()

    def __call__(self, task: Exchange | str) -> Written | None:
        if not isinstance(task, Exchange) and task != CLOSE:
            raise ValueError(f"not a WARC writer's task: {task!r}")
        if isinstance(task, Exchange) and self.failed:
            return None
        try:
            if isinstance(task, Exchange):
                if task.warcinfo is not None:
                    self.warcinfo = task.warcinfo
                return self._write(task)
            self._close_file()
            return None
        except OSError as error:
            raise self._give_up(error) from error

    def _give_up(self, error: OSError) -> WarcWriteFailed:
        """Write nothing more; the file is closed (its last record may be cut short)."""
        self.failed = True
        path = self.warc_dir / self._file_name if self._file_name else self.warc_dir
        if self._file is not None:
            file, self._file = self._file, None
            try:
                file.close()
            except OSError:
                pass
        return WarcWriteFailed(str(path), str(error))

    def _write(self, exchange: Exchange) -> Written:
        size = 0
        opened = self._file is None
        if opened:
            size += self._open_next_file()
        buffer = io.BytesIO()
        writer = self._writer
        writer.out = buffer
        writer.date = datetime_to_iso_date(datetime.fromtimestamp(exchange.downloaded_at, UTC).replace(tzinfo=None))
        response = self._response_record(exchange)
        request = self._request_record(exchange)
        # Response first (as warcio does): its gzip member starts at the pair's offset.
        writer.write_request_response_pair(request, response)
        data = buffer.getvalue()
        offset = self._append(data)
        written = Written(self._file_name, response.rec_headers.get_header("WARC-Record-ID"), offset,
                          size + len(data), opened)
        assert self._file is not None
        if self._file.tell() >= self.max_bytes:
            self._close_file()
        return written

    def _open_next_file(self) -> int:
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
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        warcinfo = writer.create_warcinfo_record(name, self.warcinfo)
        writer.write_record(warcinfo)
        self._warcinfo_id = warcinfo.rec_headers.get_header("WARC-Record-ID")
        data = buffer.getvalue()
        self._append(data)
        return len(data)

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
        return offset

    def _response_record(self, exchange: Exchange) -> Any:
        http_headers = StatusAndHeaders(
            status_line(exchange.status),
            header_pairs(exchange.response_headers),
            protocol=exchange.protocol if exchange.protocol.startswith("HTTP/1") else "HTTP/1.1",
        )
        warc_headers = {"WARC-Warcinfo-ID": self._warcinfo_id}
        if exchange.ip_address is not None:
            warc_headers["WARC-IP-Address"] = str(exchange.ip_address)
        if exchange.truncated is not None:
            warc_headers["WARC-Truncated"] = exchange.truncated
        return self._writer.create_warc_record(
            exchange.url,
            "response",
            payload=io.BytesIO(exchange.body),
            length=len(exchange.body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )

    def _request_record(self, exchange: Exchange) -> Any:
        parts = urlsplit(exchange.url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        pairs = header_pairs(exchange.request_headers)
        if not any(name.lower() == "host" for name, _ in pairs):
            pairs.insert(0, ("Host", parts.netloc))
        body = exchange.request_body
        if body and not any(name.lower() == "content-length" for name, _ in pairs):
            pairs.append(("Content-Length", str(len(body))))
        # warcio splits a request line as "<method> <target HTTP-version>".
        http_headers = StatusAndHeaders(f"{exchange.method} {target} HTTP/1.1", pairs, is_http_request=True)
        return self._writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Warcinfo-ID": self._warcinfo_id},
        )
