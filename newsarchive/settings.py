"""Scrapy settings: live-portal manners by default, the archive's components in order.

Every NEWSARCHIVE_* setting can be overridden with `-s KEY=VALUE` (scrapy crawl,
scrapyd) or the `newsarchive crawl` options.
"""

from scrapy.settings import default_settings as scrapy_defaults

from newsarchive import __version__

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["newsarchive.crawl.spiders"]
NEWSPIDER_MODULE = "newsarchive.crawl.spiders"

# --- the archive -----------------------------------------------------------
NEWSARCHIVE_DB = "data/newsarchive.db"
NEWSARCHIVE_WARC_DIR = ""  # empty: a `warc/` folder next to the database
NEWSARCHIVE_WARC_MAX_BYTES = 1_000_000_000
# A run whose share of fetched article pages that fail extraction or validation
# exceeds this ends with a non-zero exit status, so cron and systemd notice.
NEWSARCHIVE_MAX_FAILURE_SHARE = 0.2
# ... or whose share of stored articles flagged as doubtful exceeds this.
NEWSARCHIVE_MAX_FLAGGED_SHARE = 0.2
# The open batch of writes is committed once it is this many seconds old (or holds
# 1,000 articles), so a researcher's sqlite3 can write to the archive during a crawl.
NEWSARCHIVE_COMMIT_SECONDS = 5.0
# Folders of article template files (*.toml, see newsarchive/extract/templates/README.md)
# read besides the built-in ones: `-s NEWSARCHIVE_TEMPLATE_DIRS=/srv/templates`.
NEWSARCHIVE_TEMPLATE_DIRS: list[str] = []

# --- the distributed crawl (`newsarchive crawl --frontier redis://…`) --------
NEWSARCHIVE_FRONTIER_URL = ""  # empty: a local crawl
NEWSARCHIVE_FRONTIER_PREFIX = "newsarchive"  # the frontier's Redis keys start with it
NEWSARCHIVE_FRONTIER_WORKER = ""  # empty: <hostname>-<pid>
# A request popped by a worker that stops renewing its lease this long (killed) goes
# back into the queue for the others.
NEWSARCHIVE_FRONTIER_LEASE_SECONDS = 60.0

# --- manners on the live portal ---------------------------------------------
# Names the project; `newsarchive crawl --contact ADDRESS` adds who runs the crawl.
USER_AGENT = f"newsarchive/{__version__} (news archive crawler; +https://pypi.org/project/newsarchive/)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS_PER_DOMAIN = 4
RETRY_ENABLED = True
RETRY_TIMES = 3  # 5xx, 408, 429 and timeouts
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # a page that never ends is cut off, not awaited
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 10
# On the asyncio reactor Scrapy starts CONCURRENT_ITEMS tasks (and one more) for every
# callback's output, however short: the default 100 cost about a third of the crawl's
# reactor time in a profile (220,000 tasks for 2,181 pages), 16 still 0.15 ms a page.
# Only items are awaited in them (the item pipelines), and every callback of the spider
# yields at most one item (an article page's, or a lost continuation page's); the
# requests a list page yields are queued at once, whatever the number. So one loses no
# parallelism: responses are still processed side by side, each with its own task.
CONCURRENT_ITEMS = 1
# Scrapy 2.19's own lets a host's queue out all at once (see the class).
DOWNLOADER = "newsarchive.crawl.downloader.SlotBoundDownloader"
# Scrapy's rule (each request once a run), the fingerprints in SQLite, not a Python set.
DUPEFILTER_CLASS = "newsarchive.crawl.dupefilter.SQLiteDupeFilter"
# Scrapy's stats collector without its per-call deprecation wrapper (see the class).
STATS_CLASS = "newsarchive.crawl.stats.CrawlStats"

# --- manners of a distributed crawl (newsarchive crawl --frontier URL) ----------
# Politeness across workers (newsarchive/frontier/politeness.py): with a frontier
# (NEWSARCHIVE_FRONTIER_URL set), these limits, shared in Redis by all workers under
# the key NEWSARCHIVE_FRONTIER_PREFIX:rate:HOST, replace DOWNLOAD_DELAY and AutoThrottle.
# Requests per second to one host, all workers together (0: no limit): 1.0 is what
# DOWNLOAD_DELAY 1.0 gives the live portal in a local crawl. Requests are spaced
# 1/rate apart, with no burst.
NEWSARCHIVE_FRONTIER_RATE = 1.0
# Requests in flight to one host, all workers together (0: no limit), as
# CONCURRENT_REQUESTS_PER_DOMAIN in a local crawl; raise that too if one worker
# should use more than 4.
NEWSARCHIVE_FRONTIER_CONCURRENCY = 4
# A host on this machine (a mirror) gets only the limits given with -s: it is crawled
# at full speed, as in a local crawl.
# A worker renews its concurrency slots every third of this; a killed worker's slots
# come back to the others after at most this many seconds.
NEWSARCHIVE_FRONTIER_SLOT_SECONDS = 30.0
# A lost Redis (restarting) is retried this long before a request fails with
# FrontierUnavailable (the worker then exits 75).
NEWSARCHIVE_FRONTIER_RECONNECT_SECONDS = 20.0

# --- safety ----------------------------------------------------------------
# RemoteControl is a localhost code-execution endpoint, on by default in 2.19.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False

# --- components, in the order data flows: response -> record -> row --------
# Scrapy's components the archive never runs are left out of Scrapy's base lists, not
# set to None below: Scrapy imports a None entry to match it against the base, and these
# import aiohttp (RemoteControl) and tldextract (CookiesMiddleware), a quarter of a
# second of every start.
NEVER_RUN = {
    # a localhost code-execution endpoint, on by default in 2.19 (REMOTE_CONTROL_ENABLED
    # above turns it off as well)
    "scrapy.extensions.remote_control.RemoteControl",
    "scrapy.extensions.telnet.TelnetConsole",
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware",  # the portal needs no session
    # Scrapy's offsite check (spider.allowed_domains, which the portal spider leaves
    # unset, so it lets everything by): RefuseOffPortal already refuses every host but
    # the base URL's. It cost each request a pass for nothing.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware",
    # It tracks each request's link depth, for DEPTH_LIMIT and DEPTH_PRIORITY: nothing
    # here reads it, and what the crawl follows is bounded by its own rules (list pages
    # once each, articles, at most 50 pages an article). It cost every request and
    # item a pass through it.
    "scrapy.spidermiddlewares.depth.DepthMiddleware",
    # It warns, once, about a request yielded with meta copied from a response (a
    # mistake in a spider's code): the portal spider builds each request's meta itself.
    # It cost every request and item a spider-middleware pass for nothing.
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware",
    # replaced by MetaRefreshUnlessRuledOut, at its place (below)
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware",
}
EXTENSIONS_BASE = {path: order for path, order in scrapy_defaults.EXTENSIONS_BASE.items() if path not in NEVER_RUN}
DOWNLOADER_MIDDLEWARES_BASE = {
    path: order for path, order in scrapy_defaults.DOWNLOADER_MIDDLEWARES_BASE.items() if path not in NEVER_RUN
}
# Scrapy's spider middlewares that only map requests (an over-long URL dropped, Referer
# set, a start request marked) run as one pass over each callback's output, at
# RefererMiddleware's place (newsarchive/crawl/output.py).
ONE_OUTPUT_PASS_PARTS = {
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware",
    "scrapy.spidermiddlewares.referer.RefererMiddleware",
    "scrapy.spidermiddlewares.start.StartSpiderMiddleware",
}
SPIDER_MIDDLEWARES_BASE = {
    path: order for path, order in scrapy_defaults.SPIDER_MIDDLEWARES_BASE.items()
    if path not in NEVER_RUN and path not in ONE_OUTPUT_PASS_PARTS
} | {"newsarchive.crawl.output.OneOutputPass": scrapy_defaults.SPIDER_MIDDLEWARES_BASE["scrapy.spidermiddlewares.referer.RefererMiddleware"]}
EXTENSIONS = {
    "newsarchive.archive.runs.CrawlRun": 100,
    "newsarchive.archive.warc.WarcCapture": 200,
}
DOWNLOADER_MIDDLEWARES = {
    # before robots.txt and offsite checks: redirects to the live portal stay on the mirror
    "newsarchive.crawl.rebase.RebaseOntoCrawl": 40,
    # right after it, before robots.txt: a request for any other host (a redirect or
    # meta refresh to it included) is refused before anything is fetched from there
    "newsarchive.crawl.offsite.RefuseOffPortal": 45,
    # Scrapy's MetaRefreshMiddleware (580), which decodes a page only when its bytes
    # hold `refresh`
    "newsarchive.crawl.metarefresh.MetaRefreshUnlessRuledOut": 580,
    # last, so a request's wait ends right before it is sent; off unless
    # NEWSARCHIVE_FRONTIER_URL is set (a frontier worker: see the manners above)
    "newsarchive.frontier.politeness.SharedPoliteness": 990,
}
ITEM_PIPELINES = {
    "newsarchive.pipelines.extract.ExtractPipeline": 100,
    "newsarchive.pipelines.place.PlacePipeline": 150,
    "newsarchive.pipelines.validate.ValidatePipeline": 200,
    "newsarchive.pipelines.store.StorePipeline": 300,
}

LOG_LEVEL = "INFO"
LOGSTATS_INTERVAL = 30.0
FEED_EXPORT_ENCODING = "utf-8"
