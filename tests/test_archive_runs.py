"""CrawlRun, the run's bookkeeping, driven directly: the stats it copies into crawl_runs,
its verdict rules, and a run whose archive refuses its writes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

import newsarchive.settings as project_settings
from newsarchive.archive.lock import RunLock
from newsarchive.archive.runs import CrawlRun
from newsarchive.crawl.spiders.portal import PortalSpider
from tests.test_store import generated_article

BASE = "http://127.0.0.1:9"


def crawl_run(db: Path, **settings: object) -> CrawlRun:
    """A CrawlRun as the crawler builds it, with the project's NEWSARCHIVE_* settings."""
    values = {name: getattr(project_settings, name) for name in dir(project_settings) if name.startswith("NEWSARCHIVE_")}
    crawler = get_crawler(PortalSpider, {**values, "NEWSARCHIVE_DB": str(db), **settings})
    crawler.spider = PortalSpider(base_url=BASE, channels="jining/qufu")
    return CrawlRun(crawler)


def run_row(db: Path, run_id: int) -> sqlite3.Row:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM crawl_runs WHERE id = ?", (run_id,)).fetchone()
    finally:
        conn.close()


def test_spider_closed_copies_the_new_counts_from_the_stats(tmp_path):
    db = tmp_path / "a.db"
    run = crawl_run(db)
    for n in range(5):
        run.archive.save(generated_article(n), run_id=run.run_id, fetched_at="t")
    stats = run.crawler.stats
    for key, value in {
        "newsarchive/not_followed/offsite": 3,
        "newsarchive/not_followed/side_box": 7,
        "newsarchive/list_pages/short": 2,
        "newsarchive/articles/flagged": 1,
        "newsarchive/articles/already_known": 4,
        "newsarchive/articles/new": 99,  # a stat of saves: the committed ones count
    }.items():
        stats.set_value(key, value)
    run.spider_closed(run.crawler.spider, "finished")

    row = run_row(db, run.run_id)
    assert json.loads(row["links_not_followed"]) == {"offsite": 3, "side_box": 7}
    assert (row["list_pages_short"], row["articles_flagged"], row["articles_already_archived"]) == (2, 1, 4)
    assert row["articles_new"] == 5 == stats.get_value("newsarchive/articles/new")
    assert row["exit_status"] == "ok"  # 1 of 5 flagged: not more than 20%


@pytest.mark.parametrize("max_share", [None, 0.5, 0.0])
@pytest.mark.parametrize("stored", [1, 7, 40])
def test_a_run_with_too_many_flagged_articles_fails(tmp_path, stored, max_share):
    settings = {} if max_share is None else {"NEWSARCHIVE_MAX_FLAGGED_SHARE": max_share}
    run = crawl_run(tmp_path / "a.db", **settings)
    share = project_settings.NEWSARCHIVE_MAX_FLAGGED_SHARE if max_share is None else max_share
    for flagged in range(stored + 1):
        run.counts = {
            "articles_new": stored, "articles_changed": 0, "articles_unchanged": 0,
            "articles_invalid": 0, "pages_skipped_non_article": 0, "articles_already_archived": 0,
            "articles_flagged": flagged,
        }
        verdict = run.judge("finished")
        if flagged / stored > share:
            assert verdict == (
                f"{flagged} of {stored} stored articles were flagged as doubtful (more than {share:.0%})"
            )
        else:
            assert verdict is None, (flagged, stored)
    run.spider_closed(run.crawler.spider, "finished")


def test_a_run_whose_archive_refuses_its_last_writes_fails_from_memory(tmp_path):
    db = tmp_path / "a.db"
    run = crawl_run(db)
    for n in range(3):  # pending in the open batch
        run.archive.save(generated_article(n), run_id=run.run_id, fetched_at="t")
    # Every write is refused from here (the open batch may still be committed).
    run.archive.conn.execute("PRAGMA query_only = ON")
    run.spider_closed(run.crawler.spider, "finished")  # must not raise

    assert run.verdict == f"cannot write the archive {db}: attempt to write a readonly database"
    stored = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert run.counts["articles_new"] == stored
    assert run.crawler.stats.get_value("newsarchive/errors/archive_write_failed") >= 1
    row = run_row(db, run.run_id)
    assert row["exit_status"] is None and row["finished_at"] is None  # its row could not be written
    assert sqlite3.connect(db).execute("SELECT count(*) FROM channel_state").fetchone() == (0,)
    with RunLock.for_database(db):  # released
        pass

    # The next run, holding the lock, gives that row its verdict.
    after = crawl_run(db)
    assert (run_row(db, run.run_id)["exit_status"], run_row(db, run.run_id)["finish_reason"]) == ("killed", "killed")
    after.spider_closed(after.crawler.spider, "finished")
