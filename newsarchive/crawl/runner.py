"""Run the portal spider in this process, as `newsarchive crawl` and `newsarchive demo` do."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from twisted.python.failure import Failure

from newsarchive import __version__
from newsarchive.archive.lock import AlreadyRunning
from newsarchive.archive.runs import CrawlRun
from newsarchive.crawl.precheck import Prechecker
from newsarchive.crawl.spiders.portal import DEFAULT_CHANNELS, PortalSpider
from newsarchive.store.archive_file import check_archive_file, check_folder_writable


@dataclass
class CrawlOptions:
    base_url: str
    channels: list[str]
    db: Path
    warc_dir: Path | None = None
    full: bool = False
    refresh: bool = False
    contact: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # any Scrapy setting, by name
    log_level: str = "INFO"
    demo: bool = False  # mark the run as the demo's, so a later demo may replace the archive


@dataclass
class CrawlOutcome:
    db: Path
    run_id: int | None = None
    finish_reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    verdict: str | None = None  # why the run failed, in one line
    already_running: bool = False

    @property
    def ok(self) -> bool:
        return self.verdict is None and self.run_id is not None

    def summary(self) -> str:
        if self.already_running:
            return f"newsarchive: already running: {self.verdict}"
        if self.run_id is None:
            return f"newsarchive: no run: {self.verdict}"
        c = self.counts
        line = (
            f"run {self.run_id} {self.finish_reason}: {c.get('articles_new', 0)} new, "
            f"{c.get('articles_changed', 0)} changed, {c.get('articles_unchanged', 0)} unchanged, "
            f"{c.get('pages_skipped_non_article', 0)} not articles, {c.get('articles_invalid', 0)} invalid, "
            f"{c.get('pages_requested', 0)} pages requested; archive {self.db}"
        )
        return line if self.verdict is None else f"{line}\nnewsarchive: run failed: {self.verdict}"


def warc_dir_of(options: CrawlOptions) -> Path:
    return options.warc_dir or options.db.parent / "warc"


def crawl_settings(options: CrawlOptions) -> Settings:
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    chosen: dict[str, Any] = {
        "NEWSARCHIVE_DB": str(options.db),
        "NEWSARCHIVE_WARC_DIR": str(warc_dir_of(options)),
        "LOG_LEVEL": options.log_level,
    }
    if options.contact:
        chosen["USER_AGENT"] = f"newsarchive/{__version__} (news archive crawler; +{options.contact})"
    settings.update(chosen, priority="cmdline")
    settings.update(options.settings, priority="cmdline")
    return settings


def crawl(options: CrawlOptions) -> CrawlOutcome:
    """Crawl in this process until done; Ctrl-C stops it cleanly (twice: at once).

    Raises ArchiveFileError, before anything is written, when the archive or the WARC
    folder cannot be used, and PrecheckFailed when a channel cannot be read."""
    check_archive_file(options.db, for_writing=True)
    check_folder_writable(warc_dir_of(options))
    settings = crawl_settings(options)
    Prechecker(
        options.base_url, settings.get("USER_AGENT"), obey_robots=settings.getbool("ROBOTSTXT_OBEY")
    ).check(options.channels or list(DEFAULT_CHANNELS))
    options.db.parent.mkdir(parents=True, exist_ok=True)
    process = CrawlerProcess(settings)
    crawler: Crawler = process.create_crawler(PortalSpider)
    outcome = CrawlOutcome(db=options.db)

    def failed(failure: Failure) -> None:
        outcome.already_running = failure.check(AlreadyRunning) is not None
        outcome.verdict = failure.getErrorMessage()

    if options.demo:
        crawler.signals.connect(lambda: _mark_demo_run(crawler), signal=signals.spider_opened, weak=False)
    process.crawl(
        crawler,
        channels=options.channels,
        base_url=options.base_url,
        full=options.full,
        refresh=options.refresh,
    ).addErrback(failed)
    process.start()
    run = _crawl_run(crawler)
    if run is not None:
        outcome.run_id = run.run_id
        outcome.finish_reason = crawler.stats.get_value("finish_reason")
        outcome.counts = run.counts
        outcome.verdict = run.verdict
    return outcome


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


def run_demo(db: Path) -> bool:
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
            base_url=mirror.base_url, channels=site.channels, db=db, warc_dir=warc_dir,
            full=True, log_level="WARNING", demo=True,
        )
        outcome = crawl(options)
    print(outcome.summary())
    if outcome.ok:
        print(
            f"\nLook at it:\n"
            f"  newsarchive serve --db {db}          # datasette on http://127.0.0.1:8001\n"
            f"  sqlite3 {db} 'select published_at, source, headline from articles'\n"
            f"  newsarchive export --db {db} --format jsonl"
        )
    return outcome.ok
