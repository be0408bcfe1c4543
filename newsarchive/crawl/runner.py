"""Run the portal spider in this process, as `newsarchive crawl` and `newsarchive demo` do."""

from __future__ import annotations

import gc
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from twisted.python.failure import Failure

from newsarchive import __version__
from newsarchive.archive.lock import AlreadyRunning
from newsarchive.archive.runs import CrawlRun
from newsarchive.archive.warc import WarcCapture
from newsarchive.console import logs
from newsarchive.console.progress import CrawlProgress
from newsarchive.console.summary import RunReport, duration, summary_lines
from newsarchive.crawl.precheck import Prechecker
from newsarchive.crawl.spiders.portal import DEFAULT_CHANNELS, PortalSpider
from newsarchive.store.archive_file import check_archive_file, check_folder_writable

# After the first Ctrl-C or SIGTERM, the pages in flight get this long to arrive and
# be stored; then the run stops as after a second one.
STOP_GRACE_SECONDS = 3.0
# Then the WARC capture gets this long to write what was downloaded.
CAPTURE_CLOSE_SECONDS = 5.0
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_USAGE = 2
EXIT_TEMPFAIL = 75  # EX_TEMPFAIL: the frontier's Redis is unreachable, try again
DEFAULT_WORKER_WARC_DIR = Path("data/warc")  # a worker has no archive to put its WARC files beside
# Python collects cyclic garbage every 700 allocations of container objects (less
# deallocations) by default; a crawl allocates millions (requests, responses, Deferreds,
# tasks), and its collections cost the reactor thread about 0.1 ms a page. Every 5,000
# they cost it a third of that; the cycles they free wait a little longer.
GC_THRESHOLD = (5_000, 10, 10)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's garbage collector at GC_THRESHOLD meanwhile (a crawl), as it was after."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@dataclass
class CrawlOptions:
    base_url: str
    channels: list[str]
    db: Path
    warc_dir: Path | None = None
    full: bool = False
    refresh: bool = False
    images: bool = False  # fetch stored articles' images into the WARC files
    contact: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # any Scrapy setting, by name
    log_file: Path | None = None  # Scrapy's whole log
    verbose: bool = False  # the whole log on stderr too
    quiet: bool = False  # errors only on stderr
    view: str = "none"  # progress view: live (a terminal), lines (cron, systemd) or none
    demo: bool = False  # mark the run as the demo's, so a later demo may replace the archive


@dataclass
class CrawlOutcome:
    db: Path
    run_id: int | None = None
    finish_reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    verdict: str | None = None  # why the run failed, in one line
    already_running: bool = False
    interrupted: bool = False  # stopped by Ctrl-C or SIGTERM
    stats: dict[str, Any] = field(default_factory=dict)
    failed_urls: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.verdict is None and self.run_id is not None

    @property
    def exit_status(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return 0 if self.ok else 1

    def summary(self) -> str:
        if self.already_running:
            return f"newsarchive: already running: {self.verdict}"
        if self.run_id is None:
            return f"newsarchive: no run: {self.verdict}"
        report = RunReport(
            db=self.db, run_id=self.run_id, finish_reason=self.finish_reason, stats=self.stats,
            seconds=self.seconds, verdict=self.verdict, exit_status=self.exit_status,
            interrupted=self.interrupted, failed_urls=self.failed_urls,
        )
        return "\n".join(summary_lines(report))


def warc_dir_of(options: CrawlOptions) -> Path:
    return options.warc_dir or options.db.parent / "warc"


def crawl_settings(options: CrawlOptions) -> Settings:
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    extensions = settings.getdict("EXTENSIONS")
    # In CoreStats' place (first, before LogStats reads its finish time), with its stats.
    extensions["scrapy.extensions.corestats.CoreStats"] = None
    extensions["newsarchive.console.progress.CrawlProgress"] = -1
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    # Behind RetryMiddleware (550): sees only what failed for good.
    middlewares["newsarchive.console.progress.FailedRequests"] = 500
    chosen: dict[str, Any] = {
        "NEWSARCHIVE_DB": str(options.db),
        "NEWSARCHIVE_WARC_DIR": str(warc_dir_of(options)),
        "NEWSARCHIVE_PROGRESS_VIEW": options.view,
        "EXTENSIONS": extensions,
        "DOWNLOADER_MIDDLEWARES": middlewares,
        "LOG_INSTALL_ROOT_HANDLER": False,  # console/logs.py decides where lines go
        "LOGSTATS_INTERVAL": 60.0,
    }
    if options.contact:
        chosen["USER_AGENT"] = f"newsarchive/{__version__} (news archive crawler; +{options.contact})"
    settings.update(chosen, priority="cmdline")
    settings.update(options.settings, priority="cmdline")
    return settings


@dataclass
class WorkerOutcome:
    """What one `crawl --frontier` worker did."""

    worker: str
    warc_dir: Path
    crawl_id: str | None = None
    started_crawl: bool = False
    finish_reason: str | None = None
    crawl_done: bool = False  # it left because nobody had work left
    stats: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    error: BaseException | None = None  # why it could not start or go on

    @property
    def exit_status(self) -> int:
        from newsarchive.frontier.protocol import FrontierUnavailable
        from newsarchive.frontier.worker import UNAVAILABLE_REASON, CrawlMismatch

        if isinstance(self.error, FrontierUnavailable) or self.finish_reason == UNAVAILABLE_REASON:
            return EXIT_TEMPFAIL
        if isinstance(self.error, CrawlMismatch):
            return EXIT_USAGE
        if self.finish_reason == "shutdown":
            return EXIT_INTERRUPTED
        return 0 if self.finish_reason == "finished" and self.error is None else 1

    def summary(self) -> str:
        def c(key: str) -> int:
            return int(self.stats.get(key, 0))

        how = "started" if self.started_crawl else "joined"
        left = (f"the frontier is empty: crawl {self.crawl_id} is done" if self.crawl_done
                else f"before the crawl was done ({self.finish_reason})")
        status = self.exit_status
        return "\n".join([
            (f"worker {self.worker} {how} crawl {self.crawl_id}: {c('newsarchive/articles/published')} articles "
             f"published, {c('newsarchive/articles/already_known')} already archived (not fetched), "
             f"{c('newsarchive/pages/not_article')} not articles, {c('newsarchive/articles/invalid')} invalid; "
             f"WARC files newsarchive-{self.worker}-* in {self.warc_dir}"),
            (f"  {c('downloader/response_count')} pages fetched ({c('downloader/request_count')} requests), "
             f"{c('newsarchive/list_pages')} list pages, in {duration(self.seconds)}"),
            f"  left {left}",
            f"newsarchive: worker {'ok' if status == 0 else 'failed'} (exit {status})",
        ])


def crawl_worker(options: CrawlOptions, url: str, prefix: str, worker: str | None) -> WorkerOutcome:
    """Take part in the distributed crawl of the frontier at `url` until no worker has
    work left (see newsarchive/frontier/). Raises FrontierUnavailable when Redis does
    not answer, PrecheckFailed when a channel cannot be read; Ctrl-C stops the worker
    as Scrapy does (a second one at once), its requests in flight going back to the queue."""
    from newsarchive.frontier.protocol import FrontierUnavailable
    from newsarchive.frontier.settings import apply_frontier
    from newsarchive.frontier.worker import FrontierRun, check_reachable, default_worker_name

    check_reachable(url)
    warc_dir = options.warc_dir or DEFAULT_WORKER_WARC_DIR
    check_folder_writable(warc_dir)
    outcome = WorkerOutcome(worker=worker or default_worker_name(), warc_dir=warc_dir)
    settings = crawl_settings(replace(options, warc_dir=warc_dir))
    apply_frontier(settings, url=url, prefix=prefix, worker=outcome.worker)
    Prechecker(
        options.base_url, settings.get("USER_AGENT"), obey_robots=settings.getbool("ROBOTSTXT_OBEY")
    ).check(options.channels or list(DEFAULT_CHANNELS))
    logs.configure(log_file=options.log_file, verbose=options.verbose, quiet=options.quiet)
    process = CrawlerProcess(settings)
    logs.drop_unseen_debug(verbose=options.verbose)
    crawler: Crawler = process.create_crawler(PortalSpider)
    started = time.monotonic()

    def failed(failure: Failure) -> None:
        outcome.error = failure.value

    process.crawl(
        crawler, channels=options.channels, base_url=options.base_url,
        full=options.full, refresh=options.refresh, images=options.images,
    ).addErrback(failed)
    with fewer_collections():
        process.start()
    outcome.seconds = time.monotonic() - started
    try:
        run = crawler.get_extension(FrontierRun)
    except RuntimeError:  # the crawler failed before its extensions were built
        run = None
    if run is not None:
        outcome.crawl_id, outcome.started_crawl = run.crawl_id, run.starts_crawl
        outcome.crawl_done = run.frontier_empty
        if run.failure is not None:
            outcome.error = FrontierUnavailable(run.failure)
    outcome.finish_reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
    outcome.stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
    return outcome


def crawl(options: CrawlOptions, report: Callable[[CrawlOutcome], int] | None = None) -> CrawlOutcome:
    """Crawl in this process until done.

    Ctrl-C or SIGTERM stops it: the pages in flight get STOP_GRACE_SECONDS, then the
    run is closed as it stands (a second signal closes it at once). A run closed that
    way does not come back here: `report(outcome)` is called, and the process exits
    with the status it returns. Raises ArchiveFileError, before anything is written,
    when the archive or the WARC folder cannot be used, and PrecheckFailed when a
    channel cannot be read.
    """
    check_archive_file(options.db, for_writing=True)
    check_folder_writable(warc_dir_of(options))
    settings = crawl_settings(options)
    Prechecker(
        options.base_url, settings.get("USER_AGENT"), obey_robots=settings.getbool("ROBOTSTXT_OBEY")
    ).check(options.channels or list(DEFAULT_CHANNELS))
    options.db.parent.mkdir(parents=True, exist_ok=True)
    logs.configure(log_file=options.log_file, verbose=options.verbose, quiet=options.quiet)
    process = CrawlerProcess(settings)
    logs.drop_unseen_debug(verbose=options.verbose)
    crawler: Crawler = process.create_crawler(PortalSpider)
    outcome = CrawlOutcome(db=options.db)
    started = time.monotonic()

    def failed(failure: Failure) -> None:
        outcome.already_running = failure.check(AlreadyRunning) is not None
        outcome.verdict = failure.getErrorMessage()

    if options.demo:
        crawler.signals.connect(lambda: _mark_demo_run(crawler), signal=signals.spider_opened, weak=False)
    stopper = Stopper(process, crawler, outcome, started, report or (lambda o: o.exit_status))
    process.crawl(
        crawler,
        channels=options.channels,
        base_url=options.base_url,
        full=options.full,
        refresh=options.refresh,
        images=options.images,
    ).addErrback(failed)
    from twisted.internet import reactor

    reactor.addSystemEventTrigger("after", "startup", stopper.install)  # type: ignore[arg-type]  # zope stubs
    with fewer_collections():
        process.start(install_signal_handlers=False)
    _fill(outcome, crawler, started, crawler.stats.get_value("finish_reason"))
    outcome.interrupted = stopper.signals > 0
    return outcome


def _fill(outcome: CrawlOutcome, crawler: Crawler, started: float, reason: str | None) -> None:
    run = _crawl_run(crawler)
    if run is None:
        return
    outcome.run_id = run.run_id
    outcome.finish_reason = reason
    outcome.counts = run.counts
    outcome.verdict = run.verdict
    outcome.stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
    progress = crawler.get_extension(CrawlProgress)
    outcome.failed_urls = dict(progress.failed_urls) if progress else {}
    outcome.seconds = time.monotonic() - started


class Stopper:
    """Ctrl-C and SIGTERM: the first stops the crawl gracefully for a few seconds, then
    (or at a second signal) the run is closed as it stands: the current batch is
    committed, the crawl_runs row gets its verdict, the summary is printed."""

    def __init__(
        self, process: CrawlerProcess, crawler: Crawler, outcome: CrawlOutcome, started: float,
        report: Callable[[CrawlOutcome], int],
    ) -> None:
        self.process, self.crawler, self.outcome = process, crawler, outcome
        self.started, self.report = started, report
        self.signals = 0
        self.closed = False
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_closed(self) -> None:
        self.closed = True

    def install(self) -> None:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self.on_signal)

    def on_signal(self, signum: int, _frame: Any) -> None:
        from twisted.internet import reactor

        self.signals += 1
        # Nothing is printed or written in a signal handler: the reactor does it.
        reactor.callFromThread(self.stop_gracefully if self.signals == 1 else self.stop_now)

    def stop_gracefully(self) -> None:
        from twisted.internet import reactor

        print(
            f"stopping: the pages in flight get {STOP_GRACE_SECONDS:.0f} s, then what is stored is committed "
            "(Ctrl-C again to stop at once)",
            file=sys.stderr, flush=True,
        )
        self.process.stop()
        reactor.callLater(STOP_GRACE_SECONDS, self.stop_now)  # type: ignore[arg-type]  # zope stubs

    def stop_now(self) -> None:
        if self.closed or self.crawler.spider is None:
            return  # closed already, or never opened
        capture = self.crawler.get_extension(WarcCapture)
        if capture is None:
            self.close_run()
            return
        # The responses downloaded so far are written by the capture's writer process:
        # the run is closed once they are, and their file fsynced (or after a while).
        from twisted.internet import reactor

        def written(result: Any) -> Any:
            self.close_run()
            return result

        capture.close_file().addBoth(written)
        reactor.callLater(CAPTURE_CLOSE_SECONDS, self.close_run)  # type: ignore[arg-type]  # zope stubs

    def close_run(self) -> None:
        """Close the run as it stands and exit."""
        if self.closed or self.crawler.spider is None:
            return  # closed meanwhile: by the engine, or by an earlier call
        capture = self.crawler.get_extension(WarcCapture)
        if capture is not None:
            # Its file is closed; its writer process leaves with this one.
            self.crawler.signals.disconnect(capture.spider_closed, signal=signals.spider_closed)
        # The spider_closed handlers: CrawlRun commits the batch and writes the run's
        # row, the progress view stops.
        self.crawler.signals.send_catch_log(signal=signals.spider_closed, spider=self.crawler.spider, reason="shutdown")
        _fill(self.outcome, self.crawler, self.started, "shutdown")
        self.outcome.interrupted = True
        status = self.report(self.outcome)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)  # not through the reactor: it would wait for the requests in flight


def _crawl_run(crawler: Crawler) -> CrawlRun | None:
    try:
        return crawler.get_extension(CrawlRun)
    except Exception:  # the crawler failed before its extensions were built
        return None


def _mark_demo_run(crawler: Crawler) -> None:
    run = _crawl_run(crawler)
    if run is not None:
        run.archive.conn.execute(
            "UPDATE crawl_runs SET options = json_set(options, '$.demo', json('true')) WHERE id = ?",
            (run.run_id,),
        )


class NotADemoArchive(RuntimeError):
    """`demo --db` names a file that holds something other than a demo's archive."""


def is_demo_archive(db: Path) -> bool:
    """Every run in the archive at `db` was a demo's (an empty file counts: it holds nothing)."""
    if db.is_file() and db.stat().st_size == 0:
        return True
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        try:
            marks = [row[0] for row in conn.execute("SELECT json_extract(options, '$.demo') FROM crawl_runs")]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return bool(marks) and all(mark == 1 for mark in marks)


def print_summary(outcome: CrawlOutcome) -> int:
    """The summary on stdout; returns the exit status it states."""
    print(outcome.summary(), flush=True)
    return outcome.exit_status


def run_demo(db: Path, view: str = "none") -> bool:
    """Serve the bundled sample mirror on 127.0.0.1 and crawl it with the real spider.

    The mirror gets a new port each time, so its URLs differ between demos: each demo
    starts from an empty archive rather than piling runs of different URLs together.
    Only an archive an earlier demo made is replaced (its runs are marked `demo` in
    crawl_runs.options); any other file at `db` raises NotADemoArchive, untouched.
    """
    from newsarchive.mirror import MirrorServer, sample_site

    warc_dir = db.parent / "demo-warc"
    if db.exists() or db.is_symlink():
        if not is_demo_archive(db):
            raise NotADemoArchive(
                f"{db} holds something other than a demo archive; the demo replaces its file, "
                f"so it leaves this one alone (give another --db)"
            )
        for leftover in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            leftover.unlink(missing_ok=True)
        for old_capture in warc_dir.glob("*.warc.gz"):
            old_capture.unlink()
    site = sample_site()
    with MirrorServer(site.root) as mirror:
        print(f"serving the sample mirror at {mirror.base_url}; crawling it into {db} …")
        options = CrawlOptions(
            base_url=mirror.base_url, channels=list(site.channels), db=db, warc_dir=warc_dir,
            full=True, view=view, demo=True,
        )
        outcome = crawl(options, report=print_summary)
    print_summary(outcome)
    if outcome.ok:
        print(
            f"\nLook at it:\n"
            f"  newsarchive serve --db {db}          # datasette on http://127.0.0.1:8001\n"
            f"  sqlite3 {db} 'select published_at, source, headline from articles'\n"
            f"  newsarchive export --db {db} --format jsonl"
        )
    return outcome.ok
