"""WarcCapture end to end: a real Scrapy crawl (subprocess) against a loopback server.

The server answers with the cases a capture must keep: robots.txt, a redirect, a 404,
a 503 that succeeds on retry, a gzip-encoded page and a chunked page. Every response
must be in the WARC files as a request/response pair that warcio verifies, and the
spider's `await capture.location(request)` (and then `response.meta["warc"]`) must
point at the record of the URL it got.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

REPO = Path(__file__).resolve().parents[1]

GZIP_HTML = "<html><body><p>压缩的新闻页面</p></body></html>".encode()
GZIP_BODY = gzip.compress(GZIP_HTML, mtime=0)
UTF8_HEADER = "新闻".encode()
GBK_HEADER = "新闻".encode("gbk")
CUT_BODY = b"<html><body><p>the start of a long page"
CHUNKS = [b"<html><body><p>first chunk</p>", b"<p>second chunk</p></body></html>"]
START_HTML = b"""<html><body>
<a href="/redirect">r</a> <a href="/missing.html">m</a> <a href="/flaky.html">f</a>
<a href="/gzip.html">g</a> <a href="/chunked.html">c</a> <a href="/cut.html">x</a>
</body></html>"""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    flaky_hits = 0
    release_hang = threading.Event()
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})
        elif self.path == "/start.html":
            self._send(200, START_HTML)
        elif self.path == "/redirect":
            self._send(302, b"", {"Location": "/target.html"})
        elif self.path == "/target.html":
            self._send(200, b"<html><body>target</body></html>")
        elif self.path == "/flaky.html":
            with Handler.lock:
                Handler.flaky_hits += 1
                first = Handler.flaky_hits == 1
            if first:
                self._send(503, b"busy", {"Retry-After": "0"})
            else:
                self._send(200, b"<html><body>recovered</body></html>")
        elif self.path == "/gzip.html":
            # http.server writes header text as latin-1: these are the raw UTF-8 bytes.
            self._send(200, GZIP_BODY, {"Content-Encoding": "gzip", "X-Title": UTF8_HEADER.decode("latin-1")})
        elif self.path == "/before-hang.html":
            self._send(200, b'<a href="/target.html">t</a> <a href="/hang.html">h</a>')
        elif self.path == "/hang.html":
            Handler.release_hang.wait(60)  # until the test is over
            self._send(200, b"late")
        elif self.path == "/cut.html":
            # announces 1000 bytes, sends 40, closes: the body is cut short
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(CUT_BODY)
            self.close_connection = True
        elif self.path == "/chunked.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("X-Title", GBK_HEADER.decode("latin-1"))
            self.end_headers()
            for chunk in CHUNKS:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self._send(404, b"not here")


SPIDER = '''
import json
import scrapy

class CaptureSpider(scrapy.Spider):
    name = "capture"
    custom_settings = {
        "EXTENSIONS": {"newsarchive.archive.warc.WarcCapture": 500,
                       "scrapy.extensions.remote_control.RemoteControl": None},
        "ROBOTSTXT_OBEY": True,
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [503],
        "HTTPERROR_ALLOW_ALL": True,
        "DOWNLOAD_FAIL_ON_DATALOSS": False,
        "LOG_LEVEL": "INFO",
        "TELNETCONSOLE_ENABLED": False,
    }

    def __init__(self, base_url, start="/start.html", **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url
        self.start_path = start
        self.channels = ["test/one"]

    async def start(self):
        yield scrapy.Request(self.base_url + self.start_path)

    async def parse(self, response):
        from newsarchive.archive.warc import WarcCapture

        location = await self.crawler.get_extension(WarcCapture).location(response.request)
        assert response.meta["warc"] == location  # kept in meta too, once written
        yield {"url": response.url, "status": response.status, "warc": location}
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href)
'''


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        Handler.release_hang.set()
        httpd.shutdown()
        httpd.server_close()


def crawl_command(tmp: Path, base_url: str, warc_dir: Path, max_bytes: int, items: Path,
                  start: str = "/start.html") -> list[str]:
    spider_file = tmp / "capture_spider.py"
    spider_file.write_text(SPIDER)
    return [sys.executable, "-m", "scrapy", "runspider", str(spider_file),
            "-a", f"base_url={base_url}", "-a", f"start={start}",
            "-s", f"NEWSARCHIVE_WARC_DIR={warc_dir}",
            "-s", f"NEWSARCHIVE_WARC_MAX_BYTES={max_bytes}",
            "-o", f"{items}:jsonlines"]


def crawl_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return env


def crawl(tmp: Path, base_url: str, warc_dir: Path, max_bytes: int) -> list[dict]:
    items = tmp / f"items-{len(list(tmp.glob('items-*')))}.jsonl"
    result = subprocess.run(
        crawl_command(tmp, base_url, warc_dir, max_bytes, items),
        cwd=tmp, env=crawl_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return [json.loads(line) for line in items.read_text().splitlines()]


def records(path: Path) -> list:
    with path.open("rb") as stream:
        out = []
        for record in ArchiveIterator(stream):
            out.append((record.rec_type, record.rec_headers, record.http_headers,
                        record.content_stream().read() if record.rec_type == "warcinfo"
                        else record.raw_stream.read()))
        return out


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


@pytest.fixture(scope="module")
def first_run(server: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict], list[Path]]:
    tmp = tmp_path_factory.mktemp("warc")
    warc_dir = tmp / "warc"
    # A small rotation size so the run spans several files.
    items = crawl(tmp, server, warc_dir, max_bytes=3000)
    return tmp, items, sorted(warc_dir.glob("*.warc.gz"))


def test_files_are_named_per_run_and_rotate(first_run) -> None:
    _, _, files = first_run
    assert len(files) >= 2, "rotation at NEWSARCHIVE_WARC_MAX_BYTES=3000 should give several files"
    stems = {f.name.rsplit("-", 1)[0] for f in files}
    assert len(stems) == 1 and stems.pop().startswith("newsarchive-")
    assert [f.name.rsplit("-", 1)[1] for f in files] == [f"{i:05d}.warc.gz" for i in range(1, len(files) + 1)]
    for f in files:
        file_records = records(f)
        assert "response" in {r[0] for r in file_records}, f"{f.name} holds no capture"
        rec_type, headers, _, payload = file_records[0]
        assert rec_type == "warcinfo"
        warcinfo_id = headers.get_header("WARC-Record-ID")
        assert all(h.get_header("WARC-Warcinfo-ID") == warcinfo_id for _, h, _, _ in file_records[1:])
        assert headers.get_header("WARC-Filename") == f.name
        text = payload.decode()
        assert "software: newsarchive/" in text and "Scrapy/" in text
        assert "base-url: http://127.0.0.1:" in text


def test_warcio_check_passes_on_every_file(first_run) -> None:
    _, _, files = first_run
    result = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", *map(str, files)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # -v prints "digest pass" under each record whose digests it verified.
    assert result.stdout.count("digest pass") == result.stdout.count("WARC-Record-ID") > 10


def test_index_has_request_and_response_for_every_url(first_run, server: str) -> None:
    _, _, files = first_run
    result = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "index", "-f", "warc-type,warc-target-uri,http:status", *map(str, files)],
        capture_output=True, text=True, check=True,
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    responses: dict[str, list[str]] = {}
    requests: dict[str, int] = {}
    for row in rows:
        if row["warc-type"] == "response":
            responses.setdefault(row["warc-target-uri"], []).append(row["http:status"])
        elif row["warc-type"] == "request":
            requests[row["warc-target-uri"]] = requests.get(row["warc-target-uri"], 0) + 1
    expected = {
        "/robots.txt": ["200"], "/start.html": ["200"], "/redirect": ["302"], "/target.html": ["200"],
        "/missing.html": ["404"], "/flaky.html": ["503", "200"], "/gzip.html": ["200"], "/chunked.html": ["200"], "/cut.html": ["200"],
    }
    assert responses == {server + path: statuses for path, statuses in expected.items()}
    assert requests == {url: len(statuses) for url, statuses in responses.items()}


def test_pairs_are_linked_and_carry_ip(first_run) -> None:
    _, _, files = first_run
    all_records = [r for f in files for r in records(f)]
    response_ids = {h.get_header("WARC-Record-ID"): h for t, h, _, _ in all_records if t == "response"}
    for rec_type, headers, _, payload in all_records:
        if rec_type == "response":
            assert headers.get_header("WARC-Payload-Digest") == sha1_b32(payload)
    request_headers = [h for t, h, _, _ in all_records if t == "request"]
    assert len(request_headers) == len(response_ids)
    for req in request_headers:
        resp = response_ids[req.get_header("WARC-Concurrent-To")]
        assert resp.get_header("WARC-Target-URI") == req.get_header("WARC-Target-URI")
        assert resp.get_header("WARC-Date") == req.get_header("WARC-Date")
        assert resp.get_header("WARC-IP-Address") == "127.0.0.1"


def test_payload_is_stored_as_received(first_run, server: str) -> None:
    _, _, files = first_run
    by_url = {h.get_header("WARC-Target-URI"): (h, http, payload)
              for f in files for t, h, http, payload in records(f) if t == "response"}
    # gzip: the compressed bytes, with the Content-Encoding header that describes them.
    headers, http_headers, payload = by_url[server + "/gzip.html"]
    assert payload == GZIP_BODY
    assert http_headers.get_header("Content-Encoding") == "gzip"
    assert http_headers.get_header("Content-Length") == str(len(GZIP_BODY))
    assert headers.get_header("WARC-Payload-Digest") == sha1_b32(GZIP_BODY)
    # chunked: de-chunked payload, and no Transfer-Encoding header claiming otherwise.
    headers, http_headers, payload = by_url[server + "/chunked.html"]
    assert payload == b"".join(CHUNKS)
    assert http_headers.get_header("Transfer-Encoding") is None
    assert headers.get_header("WARC-Payload-Digest") == sha1_b32(payload)
    # non-ASCII header bytes: percent-encoded byte by byte, whatever their encoding
    assert by_url[server + "/gzip.html"][1].get_header("X-Title") == urllib.parse.quote_from_bytes(UTF8_HEADER)
    assert by_url[server + "/chunked.html"][1].get_header("X-Title") == urllib.parse.quote_from_bytes(GBK_HEADER)
    # a body cut short is declared truncated; complete ones are not
    headers, http_headers, payload = by_url[server + "/cut.html"]
    assert payload == CUT_BODY and headers.get_header("WARC-Truncated") == "disconnect"
    assert by_url[server + "/chunked.html"][0].get_header("WARC-Truncated") is None
    # the redirect keeps its Location
    assert by_url[server + "/redirect"][1].get_header("Location") == "/target.html"


def test_meta_points_at_the_response_record(first_run, server: str) -> None:
    tmp, items, _ = first_run
    urls = {item["url"] for item in items}
    assert urls == {server + p for p in ("/start.html", "/target.html", "/missing.html", "/flaky.html",
                                          "/gzip.html", "/chunked.html", "/cut.html")}
    for item in items:
        location = item["warc"]
        with (tmp / "warc" / location["file"]).open("rb") as stream:
            stream.seek(location["offset"])
            record = next(iter(ArchiveIterator(stream)))
            assert record.rec_type == "response"
            assert record.rec_headers.get_header("WARC-Target-URI") == item["url"]
            assert record.rec_headers.get_header("WARC-Record-ID") == location["record_id"]
            assert record.http_headers.get_statuscode() == str(item["status"])


def test_new_run_never_appends_to_earlier_files(first_run, server: str) -> None:
    tmp, _, files = first_run
    # Simulate a kill -9 in the middle of a write: the last file ends in a cut record.
    damaged = files[-1]
    damaged.write_bytes(damaged.read_bytes()[:-40])
    before = {f.name: f.read_bytes() for f in files}
    # warcio check does not notice a cut gzip tail; gzip's own end-of-member check does.
    with pytest.raises(EOFError):
        gzip.decompress(damaged.read_bytes())

    crawl(tmp, server, tmp / "warc", max_bytes=10**9)
    after = sorted((tmp / "warc").glob("*.warc.gz"))
    new = [f for f in after if f.name not in before]
    assert len(new) == 1
    assert {f.name: f.read_bytes() for f in after if f.name in before} == before
    result = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(new[0])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_warc_dir_defaults_to_next_to_the_database(tmp_path: Path) -> None:
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.test import get_crawler

    from newsarchive.archive.warc import WarcCapture

    db = tmp_path / "archive" / "news.db"
    capture = WarcCapture.from_crawler(get_crawler(settings_dict={"NEWSARCHIVE_DB": str(db)}))
    assert capture.warc_dir == tmp_path / "archive" / "warc"
    with pytest.raises(NotConfigured):
        WarcCapture.from_crawler(get_crawler(settings_dict={}))


def responses_in(path: Path) -> set[str]:
    """Target URIs of the response records readable so far (the file may be growing)."""
    found = set()
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    found.add(record.rec_headers.get_header("WARC-Target-URI"))
    except Exception:  # a record being written right now
        pass
    return found


def test_kill_9_keeps_every_record_written_before_it(server: str, tmp_path: Path) -> None:
    warc_dir = tmp_path / "warc"
    process = subprocess.Popen(
        crawl_command(tmp_path, server, warc_dir, 10**9, tmp_path / "items.jsonl", start="/before-hang.html"),
        cwd=tmp_path, env=crawl_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        # /target.html is answered at once; /hang.html keeps the crawl open.
        while server + "/target.html" not in set().union(*map(responses_in, warc_dir.glob("*.warc.gz"))):
            assert process.poll() is None and time.monotonic() < deadline, "the crawl never wrote /target.html"
            time.sleep(0.1)
        process.kill()  # SIGKILL: no spider_closed, no close, no fsync
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
    (killed,) = warc_dir.glob("*.warc.gz")
    # Every pair was appended whole and flushed: the file is complete without a close.
    gzip.decompress(killed.read_bytes())
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(killed)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert {server + "/robots.txt", server + "/before-hang.html", server + "/target.html"} <= responses_in(killed)


def _limit_file_size(limit: int) -> None:
    """In the crawl process: files can't grow past `limit` (write() fails with EFBIG, as on a full disk)."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the process instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_failed_write_closes_the_crawl(server: str, tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    result = subprocess.run(
        crawl_command(tmp_path, server, tmp_path / "warc", 10**9, items),
        cwd=tmp_path, env=crawl_env(), capture_output=True, text=True, timeout=120,
        preexec_fn=lambda: _limit_file_size(2500),
    )
    assert "WARC capture failed writing" in result.stderr, result.stderr[-3000:]
    assert "'finish_reason': 'warc_write_failed'" in result.stderr, result.stderr[-3000:]
    # The records written before the failure stay readable.
    (warc,) = (tmp_path / "warc").glob("*.warc.gz")
    assert server + "/robots.txt" in responses_in(warc)
