"""End to end: the real command crawls the served test portal into SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.crawling import REPO, connect, expected_record, run_crawl, stored_record


@pytest.fixture
def crawled(mirror, expected, tmp_path):
    """One crawl of the asked channels; the result, the archive and the mirror."""
    db = tmp_path / "archive.db"
    result = run_crawl(mirror.base_url, db, expected["channels"])
    assert result.returncode == 0, result.stdout + result.stderr
    return result, db, mirror


def test_every_article_is_stored_once_with_every_field(crawled, expected):
    _, db, mirror = crawled
    conn = connect(db)
    for path, article in expected["articles"].items():
        url = mirror.base_url + path
        assert stored_record(conn, url) == expected_record(article, mirror.base_url), path
    urls = [row["url"] for row in conn.execute("SELECT url FROM articles")]
    assert sorted(urls) == sorted(mirror.base_url + path for path in expected["articles"])


def test_nothing_outside_the_asked_channels_is_requested(crawled, expected):
    _, db, mirror = crawled
    requested = {request.split("?")[0] for request in mirror.requests}
    assert requested.isdisjoint(expected["never_requested"])
    stored = {row["url"] for row in connect(db).execute("SELECT url FROM articles")}
    for skipped in expected["not_stored"]:
        assert mirror.base_url + skipped["path"] not in stored, skipped["reason"]


def test_images_are_not_fetched_unless_asked(crawled, expected):
    _, _, mirror = crawled
    assert any(article["images"] for article in expected["articles"].values())
    assert not [path for path in mirror.requests if path.startswith("/uploads/")]


def test_each_article_page_is_requested_once(crawled):
    _, _, mirror = crawled
    article_pages = [path for path in mirror.requests if "/news/" in path]
    retried = {path for path in article_pages if article_pages.count(path) > 1}
    # only the flaky 503 page and the reset page are asked again, by the retry middleware
    assert retried == {"/jining/news/201709/8300503.html", "/jining/news/202010/9876543.html"}


def test_the_run_is_recorded(crawled, expected):
    result, db, _ = crawled
    run = connect(db).execute("SELECT * FROM crawl_runs").fetchone()
    assert run["finish_reason"] == "finished"
    assert run["articles_new"] == len(expected["articles"])
    assert run["pages_skipped_non_article"] == 1  # the photo gallery
    assert json.loads(run["channels"]) == expected["channels"]
    assert run["exit_status"] == "ok"
    assert json.loads(run["errors"])["newsarchive/errors/article/http_404"] == 1
    assert f"run {run['id']} finished: {len(expected['articles'])} new" in result.stdout


def test_articles_point_to_their_raw_capture(crawled):
    from warcio.archiveiterator import ArchiveIterator

    _, db, _ = crawled
    for row in connect(db).execute("SELECT url, warc_file, warc_record_id FROM articles"):
        with open(db.parent / "warc" / row["warc_file"], "rb") as stream:
            records = {
                record.rec_headers.get_header("WARC-Record-ID"): record.rec_headers.get_header("WARC-Target-URI")
                for record in ArchiveIterator(stream)
            }
        assert records[row["warc_record_id"]] == row["url"]


def test_scrapy_crawl_does_the_same(mirror, expected, tmp_path):
    db = tmp_path / "scrapy.db"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "portal",
         "-a", f"channels={','.join(expected['channels'])}", "-a", f"base_url={mirror.base_url}",
         "-s", f"NEWSARCHIVE_DB={db}", "-s", f"NEWSARCHIVE_WARC_DIR={tmp_path / 'warc'}"],
        capture_output=True, text=True, timeout=180, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    conn = connect(db)
    for path, article in expected["articles"].items():
        assert stored_record(conn, mirror.base_url + path) == expected_record(article, mirror.base_url)
    assert list((tmp_path / "warc").glob("*.warc.gz"))


def test_a_city_stands_for_its_county_channels(mirror, tmp_path):
    db = tmp_path / "city.db"
    result = run_crawl(mirror.base_url, db, ["jining"], "--full")
    assert result.returncode == 0, result.stdout + result.stderr
    channels = {row["channel_path"] for row in connect(db).execute("SELECT channel_path FROM articles")}
    assert {"jining/qufu", "jining/zoucheng"} <= channels


def test_a_run_that_finds_nothing_fails_loudly(mirror, tmp_path):
    result = run_crawl(mirror.base_url, tmp_path / "empty.db", ["jining/nosuchcounty"])
    assert result.returncode == 1
    assert "channel jining/nosuchcounty: 404 at" in result.stderr


def test_bad_base_url_is_a_clear_error(tmp_path):
    result = run_crawl("ftp://example.org", tmp_path / "x.db", ["jining/qufu"])
    assert result.returncode != 0
    assert "base_url must be an http(s) URL" in result.stdout + result.stderr
