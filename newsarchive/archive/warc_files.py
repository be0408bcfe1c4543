"""The WARC files of one run, written by WarcCapture's writer process.

`WarcFiles` is the function of a one-worker `ReactorPool` (newsarchive/workers.py):
the crawl sends it the HTTP exchanges of each reactor turn as plain data (a list of
`Exchange`), and it builds the request/response records, gzips them and appends them
to the open file, answering where each response record landed (`Written`). Its state
(the open file, the serial number) lives in the worker only: the object reaches it by
fork and is never sent back.

Records: the response and request records are written byte for byte as warcio's
record builder writes them (WARC/1.0, its header order, SHA-1 base32 digests, the
HTTP headers as ASCII; tests/test_warc_records.py compares the two on generated
exchanges), but formatted here directly: warcio's builder (StatusAndHeaders, its
Digester, header lists searched for every header it adds) cost more CPU than
compressing the records. The warcinfo record, one a file, is warcio's.

Files: `{prefix}-{run_stamp}-{serial:05d}.warc.gz` in the WARC directory, created with
O_EXCL, so a run never appends to a file of an earlier run (one left with a cut last
record by kill -9, say). Each file opens with a `warcinfo` record and is opened on
demand, so rotation never leaves a file holding only its warcinfo; a new file is
started once the current one reaches `max_bytes`.

Durability: each pair is serialised in memory and appended whole, and a task's pairs
are flushed before it is answered, so a killed crawl (and its writer) leaves at most
the last pair cut short, and no article names a record not yet written. A power loss
can also lose what the OS had not yet written back. Files are fsynced when they are
closed (rotation and `CLOSE`). A write that fails (disk full, quota) raises
`WarcWriteFailed` and ends the writing: the file is closed (its last record may be
cut; the next run starts a new file) and every later exchange is answered None.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import time
from http import HTTPStatus
from pathlib import Path
from typing import IO, Final, NamedTuple
from urllib.parse import quote_from_bytes, urlsplit

from isal import isal_zlib
from warcio.warcwriter import WARCWriter

RawHeaders = dict[bytes, list[bytes]]  # as Scrapy's Headers hold them: name -> values
CLOSE: Final = "close"  # the task that fsyncs and closes the open file


class Exchange(NamedTuple):
    """One HTTP exchange, as the plain data that crosses to the writer."""

    url: str  # the response's
    status: int
    protocol: str  # "HTTP/1.1", "h2", or "" when the download handler did not say
    response_headers: RawHeaders
    body: bytes
    ip_address: str | None  # the server's, as text (an ipaddress object costs more to pickle)
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


# What the writer answers for each exchange of a task: where it landed; None once a
# write has failed; the error of an exchange whose records cannot be built.
Answer = Written | ValueError | None


class WarcWriteFailed(Exception):
    """A write to a WARC file failed (disk full, quota): the writer writes nothing more."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)  # both in args: it crosses back to the crawl pickled
        self.path, self.reason = path, reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


WARC_VERSION: Final = "WARC/1.0"  # what warcio's builder writes, and these files always held
GZIP_LEVEL: Final = isal_zlib.ISAL_DEFAULT_COMPRESSION
_PRINTABLE_ASCII = "".join(map(chr, range(0x20, 0x7F)))


@functools.cache  # a handful of statuses; the enum lookup cost more than the rest of the line
def status_line(status: int) -> str:
    """`200 OK`: the standard reason phrase (Scrapy does not keep the server's)."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return f"{status} {phrase}".rstrip()


def header_bytes(raw: bytes) -> bytes:
    """A header name or value as the ASCII warcio would write for it.

    warcio writes HTTP headers as ASCII and percent-encodes any non-ASCII character of
    the text it is given. Bytes that are not ASCII (raw UTF-8 or GBK in a Location or
    Content-Disposition) are therefore percent-encoded here, byte by byte, so the record
    keeps the exact bytes recoverable instead of a re-encoding of a guessed decoding.
    """
    return raw if raw.isascii() else quote_from_bytes(raw, safe=_PRINTABLE_ASCII).encode("ascii")


def header_lines(headers: RawHeaders) -> bytes:
    """A `Name: value` line for each value, in the headers' order."""
    lines = b"".join([b"%s: %s\r\n" % (name, value) for name, values in headers.items() for value in values])
    if lines.isascii():  # nearly always: then each name and value is ASCII, as it is written
        return lines
    return b"".join([b"%s: %s\r\n" % (header_bytes(name), header_bytes(value))
                     for name, values in headers.items() for value in values])


def response_head(exchange: Exchange) -> bytes:
    """The response's status line and headers, with the blank line that ends them.
    An HTTP/2 exchange is written in HTTP/1.1 form, as WARC tools expect."""
    protocol = exchange.protocol if exchange.protocol.startswith("HTTP/1") else "HTTP/1.1"
    status = f"{protocol} {status_line(exchange.status)}\r\n".encode("ascii")
    return status + header_lines(exchange.response_headers) + b"\r\n"


def request_head(exchange: Exchange) -> bytes:
    """The request line and headers rebuilt from the request (see warc.py), with the
    Host header Twisted adds and, for a body, its Content-Length."""
    parts = urlsplit(exchange.url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    names = {name.lower() for name in exchange.request_headers}
    host = b"" if b"host" in names else b"Host: %s\r\n" % header_bytes(parts.netloc.encode())
    length = b""
    if exchange.request_body and b"content-length" not in names:
        length = b"Content-Length: %d\r\n" % len(exchange.request_body)
    line = f"{exchange.method} {target} HTTP/1.1\r\n".encode("ascii")  # Scrapy's URLs are escaped
    return line + host + header_lines(exchange.request_headers) + length + b"\r\n"


# Each 10 bits as their two base-32 characters (RFC 4648): a SHA-1's 160 bits are 16 of
# them. base64.b32encode, pure Python in 3.11, took a fifth of the writer's time a page.
_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_BASE32_PAIRS = [_BASE32[bits >> 5] + _BASE32[bits & 31] for bits in range(1024)]
_SHA1_SHIFTS = range(150, -1, -10)


def sha1_digest(*parts: bytes) -> str:
    """A WARC digest value: `sha1:` and the base32 of the SHA-1 of the parts in order."""
    sha1 = hashlib.sha1()
    for part in parts:
        sha1.update(part)
    digest = int.from_bytes(sha1.digest(), "big")
    return "sha1:" + "".join([_BASE32_PAIRS[(digest >> shift) & 1023] for shift in _SHA1_SHIFTS])


# The payload digest of an empty payload: a GET's request record.
_EMPTY_DIGEST = sha1_digest(b"")
# A UUID's variant digit (RFC 4122: bits 10xx) for each hex digit of the random bytes.
_VARIANT_DIGIT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def record_ids(count: int) -> list[str]:
    """`count` new WARC-Record-IDs, as warcio makes them (random UUIDs, version 4, from
    os.urandom as uuid.uuid4's), from one read of os.urandom and without a UUID object each."""
    random = os.urandom(16 * count).hex()
    return [f"<urn:uuid:{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT_DIGIT[h[16]]}{h[17:20]}-{h[20:]}>"
            for h in (random[start:start + 32] for start in range(0, 32 * count, 32))]


def gzip_member(parts: list[bytes]) -> bytes:
    """`parts` in order as one gzip member (a record of its own, readable from its offset).

    Compressed with ISA-L (isal) at its default level (2), not zlib: compression is
    most of the writer's CPU, and on real pages (CWCED's and the portal mirror's, 32 KB
    on average) ISA-L takes 0.07 ms a page where zlib's level 6 took 0.54 (warcio's 9:
    0.73), for 10% more bytes; any gzip reader reads it.
    """
    return isal_zlib.compress(b"".join(parts), GZIP_LEVEL, 16 + isal_zlib.MAX_WBITS)


def record_member(fields: str, concurrent_to: str, content_type: str, http_head: bytes, payload: bytes) -> bytes:
    """A request or response record, gzipped, with the header order warcio's builder
    gives it: `fields` (`Name: value` lines), the payload digest, any
    WARC-Concurrent-To, the block digest, Content-Type, Content-Length."""
    linked = f"WARC-Concurrent-To: {concurrent_to}\r\n" if concurrent_to else ""
    payload_digest = sha1_digest(payload) if payload else _EMPTY_DIGEST
    head = (f"{WARC_VERSION}\r\n{fields}WARC-Payload-Digest: {payload_digest}\r\n{linked}"
            f"WARC-Block-Digest: {sha1_digest(http_head, payload)}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(http_head) + len(payload)}\r\n\r\n")
    return gzip_member([head.encode(), http_head, payload, b"\r\n\r\n"])


class WarcFiles:
    """Called with a list of exchanges (answers an `Answer` for each) and with `CLOSE`."""

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

    def __call__(self, task: list[Exchange] | str) -> list[Answer] | None:
        if task == CLOSE:
            try:
                self._close_file()
            except OSError as error:
                raise self._give_up(error) from error
            return None
        if not isinstance(task, list) or not all(isinstance(exchange, Exchange) for exchange in task):
            raise ValueError(f"not a WARC writer's task: {task!r}")
        if self.failed:
            return [None] * len(task)
        try:
            ids = record_ids(2 * len(task))  # a response's and a request's each
            answers: list[Answer] = [self._write(exchange, ids[2 * n], ids[2 * n + 1])
                                     for n, exchange in enumerate(task)]
            if self._file is not None:
                self._file.flush()
        except OSError as error:
            raise self._give_up(error) from error
        return answers

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

    def _write(self, exchange: Exchange, response_id: str, request_id: str) -> Written | ValueError:
        """Append the exchange's pair (flushed with the rest of its batch)."""
        if exchange.warcinfo is not None:
            self.warcinfo = exchange.warcinfo
        size = 0
        opened = self._file is None
        if opened:
            size += self._open_next_file()
        try:
            data = self._pair(exchange, response_id, request_id)
        except ValueError as error:  # (UnicodeError) a URL or method that is not ASCII: this exchange only
            return error
        assert self._file is not None
        offset = self._file.tell()
        self._file.write(data)
        if self._file.tell() >= self.max_bytes:
            self._close_file()
        return Written(self._file_name, response_id, offset, size + len(data), opened)

    def _pair(self, exchange: Exchange, response_id: str, request_id: str) -> bytes:
        """The exchange's response record then its request record (warcio's order: the
        pair's offset is the response's), with these record ids."""
        # Both records carry the time of the download, not of the writing.
        date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(exchange.downloaded_at))
        extra = ""
        if exchange.ip_address is not None:
            extra += f"WARC-IP-Address: {exchange.ip_address}\r\n"
        if exchange.truncated is not None:
            extra += f"WARC-Truncated: {exchange.truncated}\r\n"
        common = f"WARC-Target-URI: {exchange.url}\r\nWARC-Date: {date}\r\n"
        response = record_member(
            f"WARC-Warcinfo-ID: {self._warcinfo_id}\r\n{extra}WARC-Type: response\r\n"
            f"WARC-Record-ID: {response_id}\r\n{common}",
            "", "application/http; msgtype=response", response_head(exchange), exchange.body,
        )
        request = record_member(
            f"WARC-Warcinfo-ID: {self._warcinfo_id}\r\nWARC-Type: request\r\nWARC-Record-ID: {request_id}\r\n{common}",
            response_id, "application/http; msgtype=request", request_head(exchange), exchange.request_body,
        )
        return response + request

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
        self._file.write(data)
        return len(data)

    def _close_file(self) -> None:
        if self._file is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
