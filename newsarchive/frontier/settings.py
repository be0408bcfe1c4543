"""The Scrapy settings of a `crawl --frontier` worker, on top of the project's."""

from __future__ import annotations

from scrapy.settings import BaseSettings

from newsarchive.frontier.politeness import politeness_settings

# Components a worker swaps in: the shared frontier for the local scheduler, Redis for
# the SQLite archive, the stream for the store.
_EXTENSIONS = {"newsarchive.archive.runs.CrawlRun": None, "newsarchive.frontier.worker.FrontierRun": 100}
_PIPELINES = {"newsarchive.pipelines.store.StorePipeline": None, "newsarchive.frontier.publish.PublishPipeline": 300}
# Closest to the engine: it sees what really leaves the spider (see frontier/scheduler.py).
_SPIDER_MIDDLEWARES = {"newsarchive.frontier.scheduler.LeaseTracking": 10}


def apply_frontier(settings: BaseSettings, *, url: str, prefix: str, worker: str) -> None:
    """Make `settings` those of a worker of the frontier at `url` (its keys under `prefix`)."""
    chosen: dict[str, object] = {
        # one rate and concurrency per host for all workers, in Redis, instead of each
        # process's own delay and AutoThrottle
        **politeness_settings(url, prefix),
        "SCHEDULER": "newsarchive.frontier.scheduler.FrontierScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "NEWSARCHIVE_FRONTIER_URL": url,
        "NEWSARCHIVE_FRONTIER_PREFIX": prefix,
        "NEWSARCHIVE_FRONTIER_WORKER": worker,
        # each worker its own WARC files, named after it
        "NEWSARCHIVE_WARC_PREFIX": f"newsarchive-{worker}",
        # A worker takes from the shared queue only what it can download at once (one
        # portal: its per-host limit), leaving the rest to the other workers.
        "CONCURRENT_REQUESTS": settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
    }
    for name, changes in (("EXTENSIONS", _EXTENSIONS), ("ITEM_PIPELINES", _PIPELINES),
                          ("SPIDER_MIDDLEWARES", _SPIDER_MIDDLEWARES)):
        chosen[name] = {**settings.getdict(name), **changes}
    settings.update(chosen, priority="cmdline")
