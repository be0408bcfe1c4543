"""The crawler never leaves the portal: a redirect, a meta refresh or a `<base href>` to
another host is refused before anything is fetched from it.

A second loopback server ("elsewhere", serving a copy of the same portal, so that
whatever it were asked for would look like an article) stands for any other host:
an internal address, another site. Its request log must stay empty.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scrapy import Request
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from newsarchive.crawl.offsite import ERROR_STAT, NOT_FOLLOWED_STAT, OffPortalRequest, RefuseOffPortal, is_on_portal
from newsarchive.crawl.spiders.portal import PortalSpider
from newsarchive.mirror import MirrorServer
from tests.conftest import MIRROR_SITE
from tests.crawling import connect, run_crawl

MOVED = "/jining/news/201812/8777888.html"  # an article of the 邹城 channel's list
CONTINUED = "/jining/news/201906/9012345.html"  # links its pages 2 and 3 relatively


@pytest.fixture
def elsewhere(tmp_path: Path):
    with MirrorServer(shutil.copytree(MIRROR_SITE, tmp_path / "elsewhere")) as server:
        yield server


def _warc_target_uris(folder: Path) -> list[str]:
    uris = []
    for path in folder.glob("*.warc.gz"):
        with path.open("rb") as stream:
            uris += [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(stream)]
    return [uri for uri in uris if uri]


def _set_route(site: Path, path: str, route: dict) -> None:
    routes_file = site / "_routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    routes[path] = route
    routes_file.write_text(json.dumps(routes), encoding="utf-8")


def _redirect(status: int):
    def arrange(site: Path, other: str) -> None:
        _set_route(site, MOVED, {"redirect": other + MOVED, "status": status})

    return arrange


def _meta_refresh(site: Path, other: str) -> None:
    page = f'<html><head><meta http-equiv="refresh" content="0; url={other}{MOVED}"></head><body></body></html>'
    (site / MOVED.lstrip("/")).write_text(page, encoding="utf-8")


def _base_href(site: Path, other: str) -> None:
    page = site / CONTINUED.lstrip("/")
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<head>", f'<head><base href="{other}/jining/news/201906/">', 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("arrange", "refused"),
    [
        pytest.param(_redirect(301), MOVED, id="301"),
        pytest.param(_redirect(302), MOVED, id="302"),
        pytest.param(_meta_refresh, MOVED, id="meta-refresh"),
        pytest.param(_base_href, None, id="base-href"),
    ],
)
def test_nothing_is_requested_from_another_host(mirror, mirror_site, elsewhere, expected, tmp_path, arrange, refused):
    arrange(mirror_site, elsewhere.base_url)
    db = tmp_path / "archive.db"
    log_file = tmp_path / "crawl.log"
    result = run_crawl(mirror.base_url, db, expected["channels"], "--log-file", str(log_file))
    log = result.stdout + result.stderr + log_file.read_text(encoding="utf-8")
    assert result.returncode == 0, log

    assert elsewhere.requests == []  # not the page, not its robots.txt
    conn = connect(db)
    stored = [row[0] for row in conn.execute("SELECT url FROM articles UNION SELECT url FROM article_urls")]
    assert not [url for url in stored if url.startswith(elsewhere.base_url)]
    captured = _warc_target_uris(tmp_path / "warc")
    assert captured and not [uri for uri in captured if uri.startswith(elsewhere.base_url)]
    # the rest of the portal is still archived
    others = {mirror.base_url + path for path in expected["articles"] if path != MOVED}
    assert others <= {url for url in stored}

    if refused:
        run = conn.execute("SELECT errors, links_not_followed FROM crawl_runs").fetchone()
        assert json.loads(run["errors"])[ERROR_STAT] == 1
        # the refused redirect, besides the off-portal links the list pages hold
        assert f"list page {mirror.base_url}" in log and "not followed (off_portal)" in log
        listed_off_portal = log.count("not followed (off_portal)")
        assert json.loads(run["links_not_followed"])["off_portal"] == listed_off_portal + 1
        assert f"refused {elsewhere.base_url}{refused}: not on the portal" in log


# --- the rule, on generated URLs -----------------------------------------------------------

_hosts = st.from_regex(r"[a-z][a-z0-9]{0,8}(\.[a-z]{2,5}){0,2}", fullmatch=True) | st.sampled_from(
    ["127.0.0.1", "10.0.0.1", "localhost", "169.254.169.254"]
)
_ports = st.none() | st.integers(min_value=1, max_value=65535)
_schemes = st.sampled_from(["http", "https"])
_paths = st.from_regex(r"(/[a-z0-9_]{0,8}){0,3}/?", fullmatch=True)


def _url(scheme: str, host: str, port: int | None, path: str) -> str:
    return f"{scheme}://{host}{f':{port}' if port is not None else ''}{path}"


@given(_schemes, _hosts, _ports, _paths, _paths)
def test_any_path_on_the_base_host_and_port_is_on_the_portal(scheme, host, port, base_path, path):
    base = _url(scheme, host, port, base_path)
    assert is_on_portal(_url(scheme, host.upper(), port, path), base)
    # the same site in the other scheme, where the port is given
    other_scheme = "https" if scheme == "http" else "http"
    if port is not None:
        assert is_on_portal(_url(other_scheme, host, port, path), base)


@given(_schemes, _hosts, _ports, _hosts, _paths)
def test_another_host_is_not(scheme, host, port, other_host, path):
    base = _url(scheme, host, port, "")
    assert is_on_portal(_url(scheme, other_host, port, path), base) is (other_host == host)


@given(_schemes, _hosts, st.integers(min_value=1, max_value=65535), st.integers(min_value=1, max_value=65535), _paths)
def test_another_port_on_the_same_host_is_not(scheme, host, port, other_port, path):
    base = _url(scheme, host, port, "")
    assert is_on_portal(_url(scheme, host, other_port, path), base) is (other_port == port)


@given(_schemes, _hosts, _ports, _paths, st.sampled_from(["", ";p=1", "?q=1", "#f"]), _schemes, _hosts, _ports)
def test_a_url_in_parts_is_judged_as_the_url(scheme, host, port, path, tail, base_scheme, base_host, base_port):
    """The middleware passes Scrapy's parse of the request's URL (urlparse_cached)."""
    url, base = _url(scheme, host, port, path or "/") + tail, _url(base_scheme, base_host, base_port, "")
    assert is_on_portal(urlparse(url), base) is is_on_portal(url, base)
    assert is_on_portal(urlparse(url), _url(scheme, host.upper(), port, "")) is True


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1:8080/x", "file:///etc/passwd", "http://127.0.0.1:99999/", "http:///x", "data:text/html,hi"],
)
def test_other_schemes_and_broken_urls_are_not_on_the_portal(url):
    assert not is_on_portal(url, "http://127.0.0.1:8080")


def test_the_middleware_refuses_counts_and_lets_portal_requests_pass():
    crawler = get_crawler(PortalSpider)
    crawler.spider = PortalSpider(base_url="http://127.0.0.1:8080")
    crawler.stats.open_spider()
    guard = RefuseOffPortal.from_crawler(crawler)
    assert guard.process_request(Request("http://127.0.0.1:8080/jining/qufu/")) is None
    with pytest.raises(OffPortalRequest):
        guard.process_request(Request("http://127.0.0.1:8081/robots.txt", meta={"redirect_urls": ["http://127.0.0.1:8080/a"]}))
    assert crawler.stats.get_value(NOT_FOLLOWED_STAT) == 1
    assert crawler.stats.get_value(ERROR_STAT) == 1
