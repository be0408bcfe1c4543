"""The crawl's duplicate filter: Scrapy's rule (each request once a run), and a memory
that does not grow with the number of requests a run makes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from scrapy import Request
from scrapy.settings import Settings
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from newsarchive.crawl.dupefilter import FingerprintStore, SQLiteDupeFilter
from newsarchive.crawl.spiders.portal import PortalSpider

SITE = "http://127.0.0.1:9"


def test_a_request_is_let_through_once_whatever_its_spelling():
    dupefilter = SQLiteDupeFilter()
    article = f"{SITE}/jining/news/201506/7713943.html"
    assert not dupefilter.request_seen(Request(article))
    assert dupefilter.request_seen(Request(article))
    assert dupefilter.request_seen(Request(article + "#comment"))  # the canonical URL decides
    assert not dupefilter.request_seen(Request(f"{SITE}/list?b=2&a=1"))
    assert dupefilter.request_seen(Request(f"{SITE}/list?a=1&b=2"))
    assert not dupefilter.request_seen(Request(article, method="POST", body=b"q=1"))  # and method and body
    assert not dupefilter.request_seen(Request(article, method="POST", body=b"q=2"))
    assert dupefilter.request_seen(Request(article, method="POST", body=b"q=2"))
    assert len(dupefilter.store) == 4
    dupefilter.close("finished")


def test_the_crawl_uses_it_with_its_settings():
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    assert load_object(settings["DUPEFILTER_CLASS"]) is SQLiteDupeFilter
    crawler = get_crawler(PortalSpider, {"DUPEFILTER_DEBUG": True})
    dupefilter = SQLiteDupeFilter.from_crawler(crawler)
    assert dupefilter.fingerprinter is crawler.request_fingerprinter and dupefilter.debug
    dupefilter.close("finished")


def _fingerprints(start: int, stop: int) -> list[bytes]:
    return [hashlib.sha1(n.to_bytes(8, "big")).digest() for n in range(start, stop)]


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def _growth_kib(add: Callable[[bytes], object], warm_up: int, more: int) -> int:
    """How much the process grows while `more` fingerprints go in after `warm_up` of them
    (made and dropped in batches: only what `add` keeps stays)."""
    for start in range(0, warm_up, 10_000):
        for fingerprint in _fingerprints(start, start + 10_000):
            add(fingerprint)
    before = _rss_kib()
    for start in range(warm_up, warm_up + more, 10_000):
        for fingerprint in _fingerprints(start, start + 10_000):
            add(fingerprint)
    return _rss_kib() - before


def test_the_seen_state_does_not_grow_with_the_requests_of_a_run():
    # Past the warm-up the page cache is full: 200,000 more fingerprints, and every one
    # of them still known, cost no memory. A Python set of them (RFPDupeFilter's) grows
    # by about 100 bytes each, which this measure sees.
    store = FingerprintStore(cache_kib=512)
    assert _growth_kib(store.add, 100_000, 200_000) < 1024
    assert len(store) == 300_000
    assert not store.add(_fingerprints(123_456, 123_457)[0])
    assert store.add(_fingerprints(300_000, 300_001)[0])
    store.close()
    fingerprints: set[bytes] = set()
    assert _growth_kib(fingerprints.add, 100_000, 200_000) > 10 * 1024
