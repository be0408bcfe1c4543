"""The WARC writer (newsarchive/archive/warc_files.py), called as its worker process
calls it, on generated exchanges: every exchange lands where its answer says, with the
request, headers, body, digests and time it came with; files rotate by size, each
opening with a warcinfo record; a write that fails stops the writing and keeps what
was written readable."""

from __future__ import annotations

import base64
import gzip
import hashlib
import multiprocessing
import random
import resource
import signal
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from warcio.archiveiterator import ArchiveIterator

from newsarchive.archive.warc_files import CLOSE, Exchange, WarcFiles, WarcWriteFailed, Written

FIELDS = {"software": "newsarchive/test", "isPartOf": "t-1", "base-url": "http://mirror.test", "channels": "a/b"}


def exchanges(seed: int, count: int) -> list[Exchange]:
    """Random exchanges: bodies of any bytes and size, header values with non-ASCII
    bytes, statuses with and without a standard reason, cut bodies, request bodies."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        body = rng.randbytes(rng.choice([0, 10, 3000, 20000]))
        raw_value = rng.choice([b"plain", "新闻".encode(), "新闻".encode("gbk"), b"a\x7fb"])
        status = rng.choice([200, 200, 301, 404, 503, 299])
        request_body = rng.choice([b"", b"q=1"])
        out.append(Exchange(
            url=f"http://mirror.test/p/{n}.html" + rng.choice(["", "?page=2"]),
            status=status,
            protocol=rng.choice(["HTTP/1.1", "HTTP/1.0", "h2", ""]),
            response_headers={b"Content-Type": [b"text/html"], b"X-Title": [raw_value],
                              b"Set-Cookie": [b"a=1", b"b=2"]},
            body=body,
            ip_address=rng.choice([None, "127.0.0.1", "::1"]),
            truncated=rng.choice([None, None, "disconnect"]),
            method="POST" if request_body else "GET",
            request_headers={b"User-Agent": [b"newsarchive/test"], b"Accept": [b"*/*"]},
            request_body=request_body,
            downloaded_at=1_700_000_000 + n * 61.5,
            warcinfo={**FIELDS, "channels": f"a/b c/{n // 7}"} if n % 7 == 0 else None,
        ))
    return out


def batches(sent: list[Exchange], seed: int) -> list[list[Exchange]]:
    """The exchanges in tasks of 1 to 5, as the crawl sends those of a reactor turn."""
    rng = random.Random(seed)
    out = []
    while len(sent) > sum(map(len, out)):
        start = sum(map(len, out))
        out.append(sent[start:start + rng.randrange(1, 6)])
    return out


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def read_all(path: Path) -> list:
    """(offset, type, WARC headers, HTTP headers, content) of each record of a file."""
    out = []
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            content = record.content_stream().read() if record.rec_type == "warcinfo" else record.raw_stream.read()
            # (asked after the content: asking first reads the record through)
            out.append((iterator.get_record_offset(), record.rec_type, record.rec_headers, record.http_headers, content))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_every_exchange_lands_where_its_answer_says(tmp_path: Path, seed: int) -> None:
    sent = exchanges(seed, 40)
    writer = WarcFiles(tmp_path, "t", "20261130010203004", max_bytes=60_000)
    answers = [answer for batch in batches(sent, seed) for answer in writer(batch)]
    assert writer(CLOSE) is None

    files = sorted(tmp_path.glob("*.warc.gz"))
    assert [f.name for f in files] == [f"t-20261130010203004-{i:05d}.warc.gz" for i in range(1, len(files) + 1)]
    assert len(files) >= 3, "60 kB files should rotate several times"
    by_file = {f.name: read_all(f) for f in files}
    for f in files:  # whole gzip members only: a file closed is complete
        gzip.decompress(f.read_bytes())
        assert f.stat().st_size < 60_000 + 50_000  # rotated once past the limit
    assert sum(a.opened for a in answers) == len(files)
    assert sum(a.size for a in answers) == sum(f.stat().st_size for f in files)

    warcinfo_fields = dict(FIELDS, channels="a/b c/0")
    for exchange, answer in zip(sent, answers, strict=True):
        assert isinstance(answer, Written)
        records = by_file[answer.file]
        if exchange.warcinfo is not None:
            warcinfo_fields = exchange.warcinfo
        if answer.opened:  # the file's warcinfo holds the fields last sent before it
            _, kind, headers, _, text = records[0]
            assert kind == "warcinfo" and headers.get_header("WARC-Filename") == answer.file
            assert text.decode() == "".join(f"{k}: {v}\r\n" for k, v in warcinfo_fields.items())
        warcinfo_id = records[0][2].get_header("WARC-Record-ID")
        at = [i for i, record in enumerate(records) if record[0] == answer.offset]
        assert len(at) == 1
        (_, kind, headers, http, payload), (_, req_kind, req_headers, req_http, req_payload) = records[at[0]:at[0] + 2]
        date = datetime.fromtimestamp(exchange.downloaded_at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        assert (kind, req_kind) == ("response", "request")
        assert headers.get_header("WARC-Record-ID") == answer.record_id
        assert req_headers.get_header("WARC-Concurrent-To") == answer.record_id
        assert headers.get_header("WARC-Target-URI") == req_headers.get_header("WARC-Target-URI") == exchange.url
        assert headers.get_header("WARC-Date") == req_headers.get_header("WARC-Date") == date
        assert headers.get_header("WARC-Warcinfo-ID") == req_headers.get_header("WARC-Warcinfo-ID") == warcinfo_id
        assert headers.get_header("WARC-IP-Address") == exchange.ip_address
        assert headers.get_header("WARC-Truncated") == exchange.truncated
        assert payload == exchange.body and headers.get_header("WARC-Payload-Digest") == sha1_b32(exchange.body)
        assert int(http.get_statuscode()) == exchange.status
        assert http.protocol == (exchange.protocol if exchange.protocol.startswith("HTTP/1") else "HTTP/1.1")
        (value,) = exchange.response_headers[b"X-Title"]
        # ASCII as it came; other bytes percent-encoded one by one, so they can be recovered
        expected = value.decode() if value.isascii() else quote_from_bytes(value, safe="".join(map(chr, range(0x20, 0x7F))))
        assert http.get_header("X-Title") == expected
        assert [v for k, v in http.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
        assert req_payload == exchange.request_body
        assert req_http.protocol == exchange.method
        assert req_http.get_header("Host") == "mirror.test"
        assert req_http.get_header("Content-Length") == (str(len(exchange.request_body)) if exchange.request_body else None)


def test_a_new_writer_never_appends_to_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "t-1-00001.warc.gz").write_bytes(b"someone else's")
    writer = WarcFiles(tmp_path, "t", "1", max_bytes=10**9)
    (answer,) = writer(exchanges(0, 1))
    writer(CLOSE)
    assert answer is not None and answer.file == "t-1-00002.warc.gz"
    assert (tmp_path / "t-1-00001.warc.gz").read_bytes() == b"someone else's"


@pytest.mark.parametrize("task", ["flush", exchanges(0, 1)[0], [*exchanges(0, 1), "close"]])
def test_a_writer_takes_only_its_tasks(tmp_path: Path, task: object) -> None:
    with pytest.raises(ValueError, match="not a WARC writer's task"):
        WarcFiles(tmp_path, "t", "1", max_bytes=10**9)(task)


def test_an_exchange_whose_records_cannot_be_built_fails_alone(tmp_path: Path) -> None:
    good = exchanges(2, 3)
    bad = good[1]._replace(url="http://mirror.test/新闻.html")  # Scrapy escapes its URLs: not one of its
    writer = WarcFiles(tmp_path, "t", "1", max_bytes=10**9)
    first, failed, last = writer([good[0], bad, good[2]])
    writer(CLOSE)
    assert isinstance(failed, UnicodeEncodeError)
    assert isinstance(first, Written) and isinstance(last, Written)
    found = [record[2].get_header("WARC-Target-URI") for record in read_all(tmp_path / first.file) if record[1] == "response"]
    assert found == [good[0].url, good[2].url]


def _write_until_full(warc_dir: Path, limit: int, results: multiprocessing.queues.Queue) -> None:
    """In a child: files can't grow past `limit` (write() fails with EFBIG, as on a full disk)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    writer = WarcFiles(warc_dir, "t", "1", max_bytes=10**9)
    for exchange in exchanges(1, 30):
        try:
            (answer,) = writer([exchange])
        except WarcWriteFailed as error:
            results.put(("failed", error.path, error.reason))
        else:
            results.put(("written", answer.record_id if answer else None))
    writer(CLOSE)
    results.put(("closed",))


def test_a_failed_write_stops_the_writing_and_keeps_what_was_written(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_write_until_full, args=(tmp_path, 40_000, results))
    child.start()
    child.join(30)
    outcomes = []
    while not outcomes or outcomes[-1] != ("closed",):
        outcomes.append(results.get(timeout=5))
    kinds = [outcome[0] for outcome in outcomes]
    failed_at = kinds.index("failed")
    assert 0 < failed_at and kinds[failed_at + 1:] == ["written"] * (30 - failed_at - 1) + ["closed"]
    assert all(outcome[1] is None for outcome in outcomes[failed_at + 1:-1]), "nothing is written after a failure"
    (path,) = tmp_path.glob("*.warc.gz")
    assert outcomes[failed_at][1] == str(path) and "File too large" in outcomes[failed_at][2]
    written = {outcome[1] for outcome in outcomes[:failed_at]}
    with path.open("rb") as stream:  # the records answered are readable; the one that failed is cut
        found = set()
        try:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    record.raw_stream.read()
                    found.add(record.rec_headers.get_header("WARC-Record-ID"))
        except Exception:
            pass
    assert written <= found
