"""What the crawl spends a page besides its own work: Scrapy's stats calls, garbage collections."""

import time

from hypothesis import given
from hypothesis import strategies as st
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from newsarchive.crawl.runner import CrawlOptions, crawl_settings
from newsarchive.crawl.stats import CrawlStats

_KEYS = st.sampled_from(["downloader/request_count", "newsarchive/list_pages", "x"])
_CALLS = st.lists(st.one_of(
    st.tuples(st.just("inc_value"), _KEYS, st.integers(-5, 5)),
    st.tuples(st.just("set_value"), _KEYS, st.integers(-5, 5)),
    st.tuples(st.just("max_value"), _KEYS, st.integers(-5, 5)),
    st.tuples(st.just("min_value"), _KEYS, st.integers(-5, 5)),
), max_size=30)


@given(_CALLS)
def test_it_keeps_the_stats_scrapys_collector_keeps(calls):
    crawler = get_crawler()
    ours, scrapys = CrawlStats(crawler), MemoryStatsCollector(crawler)
    for collector in (ours, scrapys):
        for method, key, value in calls:
            getattr(collector, method)(key, value)
        collector.close_spider(reason="finished")
    assert ours.get_stats() == scrapys.get_stats()
    assert ours.spider_stats == scrapys.spider_stats
    assert [ours.get_value(key, "none") for key in ("x", "y")] == [scrapys.get_value(key, "none") for key in ("x", "y")]


def test_it_is_the_crawls_stats_collector_and_much_cheaper_a_call(tmp_path):
    settings = crawl_settings(CrawlOptions(base_url="http://127.0.0.1:9", channels=[], db=tmp_path / "a.db"))
    assert load_object(settings["STATS_CLASS"]) is CrawlStats

    def cost(collector: MemoryStatsCollector) -> float:
        started = time.perf_counter()
        for _ in range(20_000):
            collector.inc_value("downloader/request_count")
        return time.perf_counter() - started

    crawler = get_crawler()
    assert min(cost(CrawlStats(crawler)) for _ in range(3)) * 4 < min(cost(MemoryStatsCollector(crawler)) for _ in range(3))


def test_a_crawl_collects_garbage_less_often_and_leaves_the_collector_as_it_was() -> None:
    import gc

    from newsarchive.crawl.runner import GC_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    try:
        with fewer_collections():
            assert gc.get_threshold() == GC_THRESHOLD
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    assert gc.get_threshold() == before != GC_THRESHOLD
