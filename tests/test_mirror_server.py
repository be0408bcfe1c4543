"""The loopback mirror, exercised over real HTTP with urllib: one test per behaviour."""

from __future__ import annotations

import gzip
import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.mirror import MirrorServer

PAGE = "<html><head><meta charset=gb2312></head><body><p>曲阜</p></body></html>".encode("gbk")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "jining/qufu").mkdir(parents=True)
    (root / "jining/news/201506").mkdir(parents=True)
    (root / "jining/qufu/index.html").write_text("<p>list 1</p>", encoding="utf-8")
    (root / "jining/qufu/index@page=2.html").write_text("<p>list 2</p>", encoding="utf-8")
    (root / "jining/news/201506/7713943.html").write_bytes(PAGE)
    (root / "robots.txt").write_text("User-agent: *\nDisallow:\n", encoding="utf-8")
    return root


@pytest.fixture
def server(site: Path) -> Iterator[MirrorServer]:
    with MirrorServer(site) as mirror:
        yield mirror


def set_routes(site: Path, routes: dict) -> None:
    (site / "_routes.json").write_text(json.dumps(routes), encoding="utf-8")


def get(server: MirrorServer, path: str, timeout: float = 5) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a GET, without following redirects or raising on 4xx/5xx."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_serves_files_and_directory_indexes(server: MirrorServer) -> None:
    with urllib.request.urlopen(server.base_url + "/jining/news/201506/7713943.html") as response:
        assert response.read() == PAGE
    with urllib.request.urlopen(server.base_url + "/jining/qufu/") as response:
        assert response.read() == b"<p>list 1</p>"
    assert server.base_url == f"http://127.0.0.1:{server.port}"


def test_html_has_no_charset_so_the_page_decides(server: MirrorServer) -> None:
    status, headers, _ = get(server, "/jining/news/201506/7713943.html")
    assert status == 200
    assert headers["Content-Type"] == "text/html"


def test_query_selects_the_variant_file_or_is_ignored(server: MirrorServer) -> None:
    assert get(server, "/jining/qufu/?page=2")[2] == b"<p>list 2</p>"
    assert get(server, "/jining/qufu/?page=9")[2] == b"<p>list 1</p>"


def test_directory_without_slash_redirects(server: MirrorServer) -> None:
    status, headers, _ = get(server, "/jining/qufu?page=2")
    assert (status, headers["Location"]) == (301, "/jining/qufu/?page=2")


def test_missing_files_hidden_files_and_traversal_are_404(server: MirrorServer, site: Path) -> None:
    (site.parent / "secret.html").write_text("secret", encoding="utf-8")
    set_routes(site, {})
    assert get(server, "/jining/news/201506/0000000.html")[0] == 404
    assert get(server, "/_routes.json")[0] == 404
    assert get(server, "/../secret.html")[0] == 404
    assert get(server, "/%2e%2e/secret.html")[0] == 404


def test_files_are_read_per_request(server: MirrorServer, site: Path) -> None:
    path = "/jining/news/201506/7714102.html"
    assert get(server, path)[0] == 404
    (site / path.lstrip("/")).write_text("<p>new</p>", encoding="utf-8")
    assert get(server, path)[:3:2] == (200, b"<p>new</p>")


def test_requests_are_logged_in_order_with_query(server: MirrorServer) -> None:
    for path in ("/jining/qufu/", "/jining/qufu/?page=2", "/robots.txt", "/nothing.html"):
        get(server, path)
    assert server.requests == ["/jining/qufu/", "/jining/qufu/?page=2", "/robots.txt", "/nothing.html"]


def test_requests_log_is_complete_under_concurrency(server: MirrorServer) -> None:
    paths = [f"/jining/qufu/?n={i}" for i in range(40)]
    threads = [threading.Thread(target=get, args=(server, p)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(server.requests) == sorted(paths)


def test_robots_txt_from_file(server: MirrorServer, site: Path) -> None:
    status, headers, body = get(server, "/robots.txt")
    assert (status, headers["Content-Type"], body) == (200, "text/plain", b"User-agent: *\nDisallow:\n")
    (site / "robots.txt").unlink()
    assert get(server, "/robots.txt")[0] == 404


def test_route_status(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/jining/news/201506/7713943.html": {"status": 404}})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(server.base_url + "/jining/news/201506/7713943.html")
    assert error.value.code == 404


def test_route_redirect_is_followed_to_the_final_url(server: MirrorServer, site: Path) -> None:
    set_routes(site, {
        "/old.html": {"redirect": "/older.html", "status": 301},
        "/older.html": {"redirect": "/jining/news/201506/7713943.html", "status": 302},
    })
    status, headers, _ = get(server, "/old.html")
    assert (status, headers["Location"]) == (301, "/older.html")
    with urllib.request.urlopen(server.base_url + "/old.html") as response:
        assert response.url == server.base_url + "/jining/news/201506/7713943.html"
        assert response.read() == PAGE
    assert server.requests[-3:] == ["/old.html", "/older.html", "/jining/news/201506/7713943.html"]


def test_route_redirect_defaults_to_301(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/old.html": {"redirect": "/jining/qufu/"}})
    status, headers, _ = get(server, "/old.html")
    assert (status, headers["Location"]) == (301, "/jining/qufu/")


def test_route_lying_header_replaces_content_type(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/jining/news/201506/7713943.html": {"headers": {"Content-Type": "text/html; charset=utf-8"}}})
    with urllib.request.urlopen(server.base_url + "/jining/news/201506/7713943.html") as response:
        assert response.headers.get_all("Content-Type") == ["text/html; charset=utf-8"]
        body = response.read()
    assert body == PAGE  # the bytes stay GBK: the header lies
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


def test_route_fail_first_then_the_page(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/jining/news/201506/7713943.html": {"fail_first": 2, "status": 503}})
    statuses = [get(server, "/jining/news/201506/7713943.html")[0] for _ in range(4)]
    assert statuses == [503, 503, 200, 200]


def test_route_reset_closes_without_response_times_limit(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/jining/qufu/": {"reset": True, "times": 1}})
    with pytest.raises((ConnectionError, http.client.RemoteDisconnected, urllib.error.URLError)):
        urllib.request.urlopen(server.base_url + "/jining/qufu/", timeout=5)
    with urllib.request.urlopen(server.base_url + "/jining/qufu/", timeout=5) as response:
        assert response.read() == b"<p>list 1</p>"


def test_route_reset_every_time_without_times(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/jining/qufu/": {"reset": True}})
    for _ in range(3):
        with pytest.raises((ConnectionError, http.client.RemoteDisconnected, urllib.error.URLError)):
            urllib.request.urlopen(server.base_url + "/jining/qufu/", timeout=5)


def test_route_delay_makes_the_client_time_out(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/jining/qufu/": {"delay": 30}})
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        urllib.request.urlopen(server.base_url + "/jining/qufu/", timeout=0.5)
    # other paths are not held up by the sleeping request
    assert get(server, "/robots.txt")[0] == 200


def test_route_delay_then_answers(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/jining/qufu/": {"delay": 0.2}})
    assert get(server, "/jining/qufu/")[2] == b"<p>list 1</p>"


def test_route_endless_streams_until_the_client_leaves(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/big.html": {"endless": True}})
    with urllib.request.urlopen(server.base_url + "/big.html", timeout=5) as response:
        assert response.headers["Content-Length"] is None
        chunk = response.read(3_000_000)
    assert len(chunk) == 3_000_000
    assert chunk.startswith(b"<html><body>")
    assert get(server, "/robots.txt")[0] == 200


def test_route_gzip(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/jining/news/201506/7713943.html": {"gzip": True}})
    status, headers, body = get(server, "/jining/news/201506/7713943.html")
    assert headers["Content-Encoding"] == "gzip"
    assert int(headers["Content-Length"]) == len(body)
    assert gzip.decompress(body) == PAGE


def test_route_keyed_by_path_and_query(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/jining/qufu/?page=2": {"status": 500}})
    assert get(server, "/jining/qufu/?page=2")[0] == 500
    assert get(server, "/jining/qufu/")[0] == 200


def test_bad_routes_file_is_a_clear_500(server: MirrorServer, site: Path) -> None:
    set_routes(site, {"/jining/qufu/": {"stauts": 404}})
    status, _, body = get(server, "/jining/qufu/")
    assert status == 500
    assert b"unknown keys ['stauts']" in body


def test_root_must_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        MirrorServer(tmp_path / "missing")


def test_stop_does_not_wait_for_sleeping_or_endless_handlers(site: Path) -> None:
    set_routes(site, {"/slow.html": {"delay": 60}, "/big.html": {"endless": True}})
    mirror = MirrorServer(site).start()
    def wait_for_slow_page() -> None:
        with pytest.raises(http.client.RemoteDisconnected):  # stop() cuts the sleep short
            get(mirror, "/slow.html", 120)

    threading.Thread(target=wait_for_slow_page, daemon=True).start()
    endless = urllib.request.urlopen(mirror.base_url + "/big.html", timeout=5)
    endless.read(1000)
    while len(mirror.requests) < 2:
        time.sleep(0.01)
    stopped = threading.Thread(target=mirror.stop)
    stopped.start()
    stopped.join(timeout=10)
    endless.close()
    assert not stopped.is_alive()
    with pytest.raises(RuntimeError):
        mirror.base_url  # noqa: B018


def test_command_line_prints_base_url_first_and_serves(site: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.mirror", str(site), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base_url + "/jining/qufu/?page=2", timeout=5) as response:
            assert response.read() == b"<p>list 2</p>"
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
