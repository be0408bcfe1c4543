"""The crawl's memory does not grow with the channel it crawls: the duplicate filter
keeps Scrapy's rule (each request once a run) off the Python heap, and the request
queue never holds more than a few list pages' articles."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable

from scrapy import Request
from scrapy.pqueues import ScrapyPriorityQueue
from scrapy.settings import Settings
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from newsarchive.crawl.dupefilter import FingerprintStore, SQLiteDupeFilter
from newsarchive.crawl.spiders.portal import PortalSpider
from tests.crawling import REPO

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


def growth_kib(keeper: str, warm_up: int = 100_000, more: int = 200_000) -> int:
    """How much this process grows while `more` fingerprints go into `keeper` (a
    FingerprintStore or a Python set) after `warm_up` of them; they are made and dropped
    in batches, so only what the keeper keeps stays."""
    add: Callable[[bytes], object] = FingerprintStore(cache_kib=512).add if keeper == "store" else set().add
    for start in range(0, warm_up, 10_000):
        for fingerprint in _fingerprints(start, start + 10_000):
            add(fingerprint)
    before = _rss_kib()
    for start in range(warm_up, warm_up + more, 10_000):
        for fingerprint in _fingerprints(start, start + 10_000):
            add(fingerprint)
    return _rss_kib() - before


def _growth_in_a_new_process(keeper: str) -> int:
    # A new interpreter: a long test session's freed memory would hide a set's growth.
    code = f"from tests.test_crawl_memory import growth_kib; print(growth_kib({keeper!r}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                            capture_output=True, text=True, timeout=300, check=True)
    return int(result.stdout)


def test_the_seen_state_does_not_grow_with_the_requests_of_a_run():
    # Past the warm-up the page cache is full: 200,000 more fingerprints cost no
    # memory. A Python set of them (RFPDupeFilter's) grows by about 80 bytes each,
    # which this measure sees.
    assert _growth_in_a_new_process("store") < 1024
    assert _growth_in_a_new_process("set") > 10 * 1024


def test_the_store_knows_every_fingerprint_also_beyond_its_page_cache():
    store = FingerprintStore(cache_kib=64)
    assert all(store.add(fingerprint) for fingerprint in _fingerprints(0, 50_000))
    assert len(store) == 50_000
    assert not any(store.add(fingerprint) for fingerprint in _fingerprints(0, 50_000)[::97])
    assert store.add(_fingerprints(50_000, 50_001)[0])
    store.close()


def _pager(page: int, pages: int, numbers: int = 10) -> list[int]:
    """The list pages a list page links, as the portal's pager does: first, previous,
    ten numbers around it, next, last."""
    first = max(1, min(page - numbers // 2, pages - numbers + 1))
    return [1, max(1, page - 1), *range(first, min(pages, first + numbers - 1) + 1), min(pages, page + 1), pages]


def test_the_queue_holds_a_few_list_pages_of_articles_not_a_channel():
    # Scrapy's priority queue, fed as a crawl feeds it: up to CONCURRENT_REQUESTS
    # requests are out at once, and each list page answered adds its 20 article
    # requests and the pager's pages not yet requested. A queue that took list pages
    # first would hold most of the channel's 20,000 articles before fetching any.
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    queue = ScrapyPriorityQueue.from_crawler(
        get_crawler(PortalSpider), load_object(settings["SCHEDULER_MEMORY_QUEUE"]), key="")
    spider = PortalSpider(base_url=SITE, channels="jining/qufu")
    pages, per_page, concurrency = 1_000, 20, settings.getint("CONCURRENT_REQUESTS")

    def list_url(page: int) -> str:
        return spider.channel_url("jining/qufu") + ("" if page == 1 else f"list_{page}.html")

    queue.push(spider.list_request(list_url(1), "jining/qufu"))
    out: list[Request] = []
    largest = articles = 0
    while len(queue) or out:
        while len(queue) and len(out) < concurrency:
            out.append(queue.pop())
        request = out.pop(0)
        if request.callback == spider.parse_list:
            page = 1 if request.url.endswith("/") else int(request.url.rsplit("_", 1)[1].split(".")[0])
            for n in range(per_page):
                queue.push(spider.article_request(f"{SITE}/jining/news/201506/{page * per_page + n}.html", "jining/qufu"))
            for linked in map(list_url, _pager(page, pages)):
                if linked not in spider.listed:
                    queue.push(spider.list_request(linked, "jining/qufu"))
        else:
            articles += 1
        largest = max(largest, len(queue))
    assert articles == pages * per_page and len(spider.listed) == pages
    # at most a list page's articles for each request out (254 here; list pages first: 9,522)
    assert largest <= concurrency * per_page
