"""The WARC writer builds its request/response records itself (newsarchive/archive/
warc_files.py): on generated exchanges (odd and non-ASCII header bytes, GBK pages,
empty, large and binary bodies, redirects, unknown statuses, HTTP/2, request bodies,
IPv6, cut bodies), every record must be byte for byte what warcio's own builder
writes for the same exchange, record ids aside; each record its own gzip member; the
files pass `warcio check`, `warcio index` and `gzip -t`, and read back with warcio and
the project's reader."""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import shutil
import subprocess
import sys
import uuid
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes, urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from newsarchive.archive import warc_files
from newsarchive.archive.warc_files import CLOSE, Exchange, WarcFiles, Written, record_ids, status_line
from newsarchive.archive.warc_reader import WarcIndex, read_response, scan_file

PRINTABLE_ASCII = "".join(map(chr, range(0x20, 0x7F)))
GBK_PAGE = "<html><head><meta charset=gbk></head><body><p>济宁新闻网 曲阜市 本报讯</p></body></html>"
ODD_VALUES = [b"", b" ", b"plain", "新闻".encode(), "新闻".encode("gbk"), b"a\x7fb\x01", b"\xff\xfe\x80",
              b"attachment; filename=\"\xc4\xe3\xba\xc3.txt\"", b"100%25 \"quoted\" ;=,"]


def random_headers(rng: random.Random) -> dict[bytes, list[bytes]]:
    headers: dict[bytes, list[bytes]] = {}
    for _ in range(rng.randrange(0, 8)):
        name = rng.choice([b"X-Title", b"Set-Cookie", b"Link", b"X-\xe6\x96\xb0", b"x-lower", b"Content-Disposition", b"Via"])
        headers.setdefault(name, []).extend(rng.choice(ODD_VALUES) for _ in range(rng.randrange(1, 3)))
    return headers


def random_body(rng: random.Random) -> bytes:
    """A body of one kind; "gzip" stands for a page sent with Content-Encoding: gzip."""
    kind = rng.choice(["empty", "gbk", "utf8", "binary", "large", "gzip"])
    if kind == "empty":
        return b""
    if kind == "gbk":
        return (GBK_PAGE * rng.randrange(1, 30)).encode("gbk")
    if kind == "utf8":
        return (GBK_PAGE * rng.randrange(1, 30)).encode()
    if kind == "binary":
        return rng.randbytes(rng.randrange(1, 70_000))
    if kind == "gzip":
        return gzip.compress(GBK_PAGE.encode() * 50, mtime=0)
    return rng.randbytes(1000) * rng.randrange(100, 600)  # up to 600 kB, compressible


def exchanges(seed: int, count: int) -> list[Exchange]:
    rng = random.Random(seed)
    out = []
    for n in range(count):
        status = rng.choice([200, 200, 200, 301, 302, 304, 404, 503, 299, 599, 100])
        headers = random_headers(rng)
        body = random_body(rng)
        if body.startswith(b"\x1f\x8b"):
            headers[b"Content-Encoding"] = [b"gzip"]
        headers[b"Content-Type"] = [rng.choice([b"text/html; charset=gbk", b"text/html", b"application/octet-stream"])]
        if status in (301, 302):
            headers[b"Location"] = [rng.choice([b"/next.html", "/新闻/页.html".encode(), "/新闻".encode("gbk")])]
        request_headers = random_headers(rng)
        request_headers[b"User-Agent"] = [b"newsarchive/test"]
        if rng.random() < 0.2:
            request_headers[rng.choice([b"Host", b"host"])] = [b"other.test:8080"]
        request_body = rng.choice([b"", b"", b"q=1&\xe6\x96\xb0=2", rng.randbytes(300)])
        if request_body and rng.random() < 0.3:
            request_headers[b"Content-Length"] = [str(len(request_body)).encode()]
        out.append(Exchange(
            url=rng.choice(["http://mirror.test/p/{n}.html", "https://u:p@mirror.test:8443/{n}?a=1&b=%E6%96%B0",
                            "http://mirror.test", "http://mirror.test/?{n}", "http://[::1]:8080/x/{n}.html#frag"]).format(n=n),
            status=status,
            protocol=rng.choice(["HTTP/1.1", "HTTP/1.0", "h2", ""]),
            response_headers=headers,
            body=body,
            ip_address=rng.choice([None, "127.0.0.1", "2001:db8::1"]),
            truncated=rng.choice([None, None, None, "disconnect", "unspecified"]),
            method="POST" if request_body else rng.choice(["GET", "GET", "HEAD"]),
            request_headers=request_headers,
            request_body=request_body,
            downloaded_at=rng.uniform(0, 2_000_000_000),
            warcinfo={"software": f"newsarchive/test {n}", "channels": "新闻/济宁"} if n % 9 == 0 else None,
        ))
    return out


# -- what warcio's own builder writes for an exchange (the writer's records until 2026-11-30) --

def header_text(raw: bytes) -> str:
    return raw.decode("ascii") if raw.isascii() else quote_from_bytes(raw, safe=PRINTABLE_ASCII)


def header_pairs(headers: dict[bytes, list[bytes]]) -> list[tuple[str, str]]:
    return [(header_text(name), header_text(value)) for name, values in headers.items() for value in values]


class DatedWriter(WARCWriter):
    def __init__(self, out: io.BytesIO, date: str) -> None:
        super().__init__(out, gzip=False)
        self.date = date

    def curr_warc_date(self) -> str:
        return self.date


def warcio_pair(exchange: Exchange, warcinfo_id: str) -> bytes:
    """The response then the request record, uncompressed, as warcio builds them."""
    out = io.BytesIO()
    writer = DatedWriter(out, datetime_to_iso_date(datetime.fromtimestamp(exchange.downloaded_at, UTC).replace(tzinfo=None)))
    warc_headers = {"WARC-Warcinfo-ID": warcinfo_id}
    if exchange.ip_address is not None:
        warc_headers["WARC-IP-Address"] = exchange.ip_address
    if exchange.truncated is not None:
        warc_headers["WARC-Truncated"] = exchange.truncated
    protocol = exchange.protocol if exchange.protocol.startswith("HTTP/1") else "HTTP/1.1"
    response = writer.create_warc_record(
        exchange.url, "response", payload=io.BytesIO(exchange.body), length=len(exchange.body),
        http_headers=StatusAndHeaders(status_line(exchange.status), header_pairs(exchange.response_headers), protocol=protocol),
        warc_headers_dict=warc_headers,
    )
    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
    pairs = header_pairs(exchange.request_headers)
    if not any(name.lower() == "host" for name, _ in pairs):
        pairs.insert(0, ("Host", parts.netloc))
    if exchange.request_body and not any(name.lower() == "content-length" for name, _ in pairs):
        pairs.append(("Content-Length", str(len(exchange.request_body))))
    request = writer.create_warc_record(
        exchange.url, "request", payload=io.BytesIO(exchange.request_body), length=len(exchange.request_body),
        http_headers=StatusAndHeaders(f"{exchange.method} {target} HTTP/1.1", pairs, is_http_request=True),
        warc_headers_dict={"WARC-Warcinfo-ID": warcinfo_id},
    )
    writer.write_request_response_pair(request, response)
    return out.getvalue()


RECORD_ID = re.compile(rb"<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>")


def ids_numbered(data: bytes) -> tuple[bytes, list[bytes]]:
    """`data` with each record id replaced by its order of first appearance, and the ids."""
    seen: list[bytes] = []

    def number(match: re.Match[bytes]) -> bytes:
        if match.group() not in seen:
            seen.append(match.group())
        return b"<id %d>" % seen.index(match.group())

    return RECORD_ID.sub(number, data), seen


def members(data: bytes, start: int, count: int) -> list[bytes]:
    """`count` gzip members of `data` from `start`, each decompressed."""
    out = []
    while len(out) < count:
        inflater = zlib.decompressobj(31)
        out.append(inflater.decompress(data[start:]) + inflater.flush())
        assert inflater.eof
        start = len(data) - len(inflater.unused_data)
    return out


def write_all(tmp_path: Path, sent: list[Exchange], max_bytes: int = 10**9) -> list[Any]:
    writer = WarcFiles(tmp_path, "t", "20261130010203004", max_bytes=max_bytes)
    answers = [answer for start in range(0, len(sent), 3) for answer in writer(sent[start:start + 3])]
    writer(CLOSE)
    return answers


@pytest.mark.parametrize("seed", range(6))
def test_each_pair_is_what_warcio_would_write_record_ids_aside(tmp_path: Path, seed: int) -> None:
    sent = exchanges(seed, 30)
    answers = write_all(tmp_path, sent, max_bytes=20_000)
    files = {path.name: path.read_bytes() for path in tmp_path.glob("*.warc.gz")}
    assert len(files) >= 2, "the files should rotate"
    for exchange, answer in zip(sent, answers, strict=True):
        assert isinstance(answer, Written)
        data = files[answer.file]
        (warcinfo,) = members(data, 0, 1)
        warcinfo_id = RECORD_ID.search(warcinfo)
        assert warcinfo.startswith(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n") and warcinfo_id
        response, request = members(data, answer.offset, 2)
        ours, our_ids = ids_numbered(response + request)
        theirs, their_ids = ids_numbered(warcio_pair(exchange, warcinfo_id.group().decode()))
        assert ours == theirs
        assert our_ids[0] == warcinfo_id.group() and our_ids[1] == answer.record_id.encode()
        assert len(set(our_ids)) == 3  # the warcinfo's, the response's, the request's


def test_record_ids_are_the_uuid4s_of_the_random_bytes_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each id is what uuid.uuid4 makes of the same 16 random bytes, in warcio's <urn:uuid:…> form."""
    rng = random.Random(5)
    drawn: list[bytes] = []

    def urandom(size: int) -> bytes:
        drawn.append(rng.randbytes(size))
        return drawn[-1]

    monkeypatch.setattr(warc_files.os, "urandom", urandom)
    for count in (1, 2, 7, 500):
        ids = record_ids(count)
        (random_bytes,) = drawn[-1:]
        assert ids == [f"<urn:uuid:{uuid.UUID(bytes=random_bytes[start:start + 16], version=4)}>"
                       for start in range(0, 16 * count, 16)]
    monkeypatch.undo()
    fresh = record_ids(1000)
    assert len(set(fresh)) == 1000 and all(uuid.UUID(rid[10:-1]).version == 4 for rid in fresh)


def as_parsed(headers: dict[bytes, list[bytes]]) -> list[tuple[str, str]]:
    """The headers as warcio's parser reads them back (values stripped of spaces)."""
    return [(name, value.strip()) for name, value in header_pairs(headers)]


def test_the_records_read_back_with_every_header_and_payload(tmp_path: Path) -> None:
    sent = exchanges(7, 40)
    answers = write_all(tmp_path, sent)
    (path,) = tmp_path.glob("*.warc.gz")
    by_offset = {}
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream, check_digests="raise")
        for record in iterator:
            payload = record.raw_stream.read()
            by_offset[iterator.get_record_offset()] = (record, payload)
    responses = {answer.offset: exchange for exchange, answer in zip(sent, answers, strict=True)}
    assert sum(record.rec_type == "response" for record, _ in by_offset.values()) == len(sent)
    offsets = sorted(by_offset)
    for at, exchange in responses.items():
        record, payload = by_offset[at]
        request, request_payload = by_offset[offsets[offsets.index(at) + 1]]
        assert record.rec_headers.get_header("WARC-Record-ID") == answers[sent.index(exchange)].record_id
        assert payload == exchange.body and request_payload == exchange.request_body
        assert record.http_headers.headers == as_parsed(exchange.response_headers)
        assert request.rec_headers.get_header("WARC-Concurrent-To") == record.rec_headers.get_header("WARC-Record-ID")
        assert int(record.http_headers.get_statuscode()) == exchange.status
    index = WarcIndex(tmp_path, [scan_file(tmp_path, path.name)])  # the project's reader
    for exchange, answer in zip(sent, answers, strict=True):
        archived = read_response(tmp_path, index.record(answer.file, answer.record_id))
        assert archived.url == exchange.url and archived.headers == as_parsed(exchange.response_headers)
        encoded = exchange.response_headers.get(b"Content-Encoding") == [b"gzip"]
        assert archived.payload == (gzip.decompress(exchange.body) if encoded else exchange.body)


def test_the_files_pass_warcio_check_index_and_gzip_t(tmp_path: Path) -> None:
    sent = exchanges(11, 40)
    write_all(tmp_path, sent, max_bytes=30_000)
    files = sorted(map(str, tmp_path.glob("*.warc.gz")))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *files], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("digest pass") == check.stdout.count("WARC-Record-ID") == 2 * len(sent) + len(files)
    index = subprocess.run([sys.executable, "-m", "warcio.cli", "index", "-f", "warc-type,warc-target-uri,http:status",
                            *files], capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in index.stdout.splitlines()]
    assert [(row["warc-target-uri"], row["http:status"]) for row in rows if row["warc-type"] == "response"] == \
        [(exchange.url, str(exchange.status)) for exchange in sent]
    if gzip_tool := shutil.which("gzip"):
        subprocess.run([gzip_tool, "-t", *files], check=True)


def test_a_record_is_its_own_gzip_member_from_its_offset(tmp_path: Path) -> None:
    sent = exchanges(3, 20)
    answers = write_all(tmp_path, sent)
    (path,) = tmp_path.glob("*.warc.gz")
    data = path.read_bytes()
    for exchange, answer in zip(sent, answers, strict=True):
        inflater = zlib.decompressobj(31)
        record = inflater.decompress(data[answer.offset:])
        assert inflater.eof, "the response record ends its member"
        assert record.startswith(b"WARC/1.0\r\n") and record.endswith(exchange.body + b"\r\n\r\n")
        assert b"WARC-Type: response\r\n" in record and answer.record_id.encode() in record
