"""Faults of a real portal: the crawl finishes, counts each fault, stores every good article once.

The test portal already has a 503-then-200 page, a connection reset, a redirect chain,
malformed HTML, a dead link, a list page whose 下一页 points at itself and an article
linked from two channels (test_crawl_e2e checks those records); here a read that
times out and a page that never ends are added to a copy of it.
"""

from __future__ import annotations

import json

from tests.crawling import connect, run_crawl

SLOW = "/jining/news/201812/8777888.html"
ENDLESS = "/jining/news/201509/7800456.html"


def test_a_timeout_and_an_endless_page_are_counted_and_the_rest_is_stored(mirror, mirror_site, expected, tmp_path):
    routes_file = mirror_site / "_routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    routes[SLOW] = {"delay": 30}
    routes[ENDLESS] = {"endless": True}
    routes_file.write_text(json.dumps(routes), encoding="utf-8")

    db = tmp_path / "archive.db"
    result = run_crawl(
        mirror.base_url, db, expected["channels"],
        "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=1", "-s", "DOWNLOAD_MAXSIZE=1000000",
    )
    assert result.returncode == 0, result.stdout + result.stderr

    conn = connect(db)
    urls = [row["url"] for row in conn.execute("SELECT url FROM articles")]
    good = {mirror.base_url + path for path in expected["articles"] if path not in (SLOW, ENDLESS)}
    assert sorted(urls) == sorted(good)

    run = conn.execute("SELECT * FROM crawl_runs").fetchone()
    errors = json.loads(run["errors"])
    assert errors["newsarchive/errors/article/DownloadTimeoutError"] == 1
    assert errors["newsarchive/errors/article/DownloadCancelledError"] == 1
    # the summary names each failure by kind, with its URL
    assert f"article DownloadTimeoutError ×1: {mirror.base_url}{SLOW}" in result.stdout
    assert f"article DownloadCancelledError ×1: {mirror.base_url}{ENDLESS}" in result.stdout


def test_a_redirect_to_the_live_portal_stays_on_the_mirror(mirror, mirror_site, expected, tmp_path):
    moved = "/jining/news/201812/8777889.html"
    (mirror_site / moved.lstrip("/")).write_bytes((mirror_site / SLOW.lstrip("/")).read_bytes())
    routes_file = mirror_site / "_routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    routes[SLOW] = {"redirect": f"https://www.yybnet.net{moved}", "status": 301}
    routes_file.write_text(json.dumps(routes), encoding="utf-8")

    db = tmp_path / "archive.db"
    result = run_crawl(mirror.base_url, db, expected["channels"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert moved in mirror.requests
    row = connect(db).execute("SELECT headline FROM articles WHERE url = ?", (mirror.base_url + moved,)).fetchone()
    assert row["headline"] == expected["articles"][SLOW]["headline"]
