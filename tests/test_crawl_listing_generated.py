"""The list reader on generated list pages (tests/generator/lists.py), and a crawl of a
generated channel over HTTP: every main-list article followed, whatever its headline's
words or its URL's form, no article that stands only in a box beside the list, every
list page requested once, every link left out counted by reason."""

from __future__ import annotations

import random
import re
from collections import Counter

from hypothesis import HealthCheck, given, settings

from newsarchive.crawl.listing import OTHER_CITY, SIDE_BOX, parse_list_page
from newsarchive.mirror import MirrorServer
from tests.crawling import connect, run_crawl
from tests.generator.lists import (
    BASE_URL,
    compose_channel,
    list_page_strategy,
    write_site,
)
from tests.generator.picking import RandomPicker


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(list_page_strategy())
def test_the_main_list_is_read_whole_and_nothing_beside_it(page):
    found = parse_list_page(page.html, page.url, BASE_URL, page.channel)
    assert found.articles == list(page.truth.articles), page.choices
    assert set(page.truth.list_pages) <= set(found.list_pages), page.choices
    assert not found.short, page.choices
    # a one-record list may group with a one-record box of its very shape; else exact
    assert found.records == page.truth.records or page.truth.records == 1, page.choices
    reasons = {link.url: link.reason for link in found.not_followed}
    for url in page.truth.side_only:
        assert reasons.get(url) in (SIDE_BOX, OTHER_CITY), (url, page.choices)


def _stats(stderr: str) -> dict[str, int]:
    return {key: int(value) for key, value in re.findall(r"'([a-z_/]+(?:/[a-z_0-9]+)*)': (\d+)", stderr)}


def test_a_generated_channel_is_crawled_whole_over_http(tmp_path):
    picker = RandomPicker(random.Random(20261129))
    # items with their own h3 (headlines with box words), old addresses, a pager linking every page
    pages = compose_channel(
        picker, pages=4, list_markup="h3_items", old_urls="yes", pager_markup="numbers", pager_style="?page=N"
    )
    assert all(page.truth.redirects for page in pages) and any(page.truth.side_only for page in pages)
    site = write_site(pages, tmp_path / "site")
    main = {url for page in pages for url in page.truth.articles}
    side_only = {url for page in pages for url in page.truth.side_only} - main
    stored_urls = {page.truth.redirects.get(url, url) for page in pages for url in page.truth.articles}
    db = tmp_path / "archive.db"
    with MirrorServer(site) as mirror:
        result = run_crawl(mirror.base_url, db, ["jining/qufu"], "--full", "--log-file", str(tmp_path / "crawl.log"))
        requests, base = mirror.requests, mirror.base_url
    assert result.returncode == 0, result.stderr[-3000:]
    local = {url.replace(BASE_URL, base) for url in stored_urls}
    with connect(db) as conn:
        stored = {row["url"] for row in conn.execute("SELECT url FROM articles")}
        linked = {row["url"] for row in conn.execute("SELECT url FROM article_urls")}
    assert stored == local  # the final URL after a redirect is the one stored
    old = {url.replace(BASE_URL, base) for page in pages for url in page.truth.redirects}
    assert old <= linked  # so an incremental run does not fetch an old address again
    requested = [base + path for path in requests]
    assert not {url.replace(BASE_URL, base) for url in side_only} & set(requested)
    # each list page once, and the channel's first page once more by the check before the crawl
    list_requests = Counter(url for url in requested if "/jining/qufu/" in url)
    assert len(list_requests) == len(pages)
    assert list_requests.pop(f"{base}/jining/qufu/") == 2 and set(list_requests.values()) == {1}
    log = (tmp_path / "crawl.log").read_text(encoding="utf-8")
    stats = _stats(log)
    assert "dupefilter/filtered" not in stats  # no request was built only to be dropped
    assert stats["newsarchive/list_pages"] == len(pages)
    assert stats.get("newsarchive/not_followed/side_box", 0) + stats.get("newsarchive/not_followed/other_city", 0) > 0
    assert "not followed (channel_page)" in log
