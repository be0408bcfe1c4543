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


def _extensions(tmp_path, *, progress: bool) -> dict[str, int | None]:
    """The extensions of `newsarchive crawl`, CrawlProgress's or Scrapy's CoreStats in its
    place, without those that need a crawl (the run, the WARC files) or a running loop."""
    settings = crawl_settings(CrawlOptions(base_url="http://127.0.0.1:9", channels=[], db=tmp_path / "a.db"))
    extensions = {path: order for path, order in settings.getdict("EXTENSIONS").items()
                  if not path.startswith("newsarchive.archive.")}
    extensions["scrapy.extensions.logstats.LogStats"] = None
    if not progress:
        extensions["newsarchive.console.progress.CrawlProgress"] = None
        extensions["scrapy.extensions.corestats.CoreStats"] = 0
    return extensions


@given(st.lists(st.sampled_from(["response", "scraped", "dropped", "not_article", "error"]), max_size=40))
def test_crawl_progress_keeps_the_stats_of_scrapys_corestats_in_its_place(tmp_path_factory, events):
    from scrapy import Request, Spider, signals
    from scrapy.exceptions import DropItem
    from scrapy.http import HtmlResponse
    from twisted.python.failure import Failure

    from newsarchive.items import CapturedArticle

    item = CapturedArticle(pages=[], channel_path="jining/qufu", fetched_at="2026-11-30T00:00:00+00:00",
                           requested_url=None, warc_file=None, warc_record_id=None, channel_names=None)
    request = Request("http://127.0.0.1:9/jining/qufu/")
    response = HtmlResponse(request.url, body=b"<html></html>", request=request)
    stats = []
    for progress in (True, False):
        crawler = get_crawler(Spider, settings_dict={"EXTENSIONS": _extensions(tmp_path_factory.mktemp("x"), progress=progress)})
        crawler._apply_settings()
        spider = crawler.spider = Spider("portal")
        send = crawler.signals.send_catch_log
        send(signals.spider_opened, spider=spider)
        for event in events:
            if event == "response":
                send(signals.response_received, response=response, request=request, spider=spider)
            elif event == "scraped":
                send(signals.item_scraped, item=item, response=response, spider=spider)
            elif event == "error":
                send(signals.item_error, item=item, response=response, spider=spider, failure=Failure(ValueError()))
            else:
                reason = "not an article: no body" if event == "not_article" else "invalid record"
                send(signals.item_dropped, item=item, response=response, exception=DropItem(reason), spider=spider)
        send(signals.spider_closed, spider=spider, reason="finished")
        values = crawler.stats.get_stats()
        stats.append({key: value for key, value in values.items() if not key.endswith("_time") and key != "elapsed_time_seconds"})
        assert {"start_time", "finish_time", "elapsed_time_seconds"} <= set(values)
    ours, scrapys = stats
    assert ours == scrapys


def test_crawl_progress_takes_corestats_place_and_each_page_signal_has_one_receiver(tmp_path):
    from pydispatch.dispatcher import getAllReceivers, liveReceivers
    from scrapy import Spider, signals
    from scrapy.extensions.logstats import LogStats

    from newsarchive.console.progress import CrawlProgress

    settings = crawl_settings(CrawlOptions(base_url="http://127.0.0.1:9", channels=[], db=tmp_path / "a.db"))
    extensions = {path: order for path, order in settings.getdict("EXTENSIONS").items()
                  if not path.startswith("newsarchive.archive.")}
    crawler = get_crawler(Spider, settings_dict={"EXTENSIONS": extensions})
    crawler._apply_settings()
    loaded = [type(extension) for extension in crawler.extensions.middlewares]
    assert "scrapy.extensions.corestats.CoreStats" not in {f"{kind.__module__}.{kind.__name__}" for kind in loaded}
    # first, as CoreStats was: LogStats reads the finish time it sets when the spider closes
    assert loaded.index(CrawlProgress) < loaded.index(LogStats)
    for signal in (signals.response_received, signals.item_scraped, signals.item_dropped):
        receivers = list(liveReceivers(getAllReceivers(crawler.signals.sender, signal)))
        assert len(receivers) == 1, (signal, receivers)
