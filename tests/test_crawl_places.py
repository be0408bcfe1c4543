"""A crawl names every article's channel, city and county, and marks the values that look wrong.

The test portal gets two more articles in 曲阜新闻's list whose pages have no breadcrumb
(the seed page without its trail): their channel must come from the list page the crawl
found them on. One of them is dated after the crawl: it is stored, and flagged.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path

from newsarchive.items import Article
from newsarchive.store import ArchiveDB
from newsarchive.store.export import export_records
from newsarchive.store.record import content_hash
from newsarchive.store.schema import MIGRATIONS
from tests.crawling import connect, run_crawl

SEED = "/jining/news/201506/7713943.html"
NO_TRAIL = "/jining/news/202011/9911001.html"
NO_TRAIL_FUTURE = "/jining/news/202011/9911002.html"
# channel_path -> (city, county): one spelling each (济宁, 曲阜)
MIRROR_PLACES = {"jining/qufu": ("济宁", "曲阜"), "jining/zoucheng": ("济宁", "邹城")}


def _add_article_without_breadcrumb(site: Path, path: str, headline: str, date: str) -> None:
    html = (site / SEED.lstrip("/")).read_text(encoding="utf-8")
    html = re.sub(r'<div class="position[^"]*">.*?</div>\n', "", html)
    html = re.sub(r"<title>.*?</title>", f"<title>{headline}_地方网</title>", html)
    html = html.replace("老百姓的“贴心人”——曲阜市驻村联户工作纪实", headline).replace("2015-06-22 07:21", date)
    target = site / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    listing = site / "jining/qufu/index.html"
    item = f'<li><span class="date">{date[:10]}</span><a href="{path}" target="_blank">{headline}</a></li>\n'
    text = listing.read_text(encoding="utf-8")
    anchor = text.index('<li><span class="date">2020-10-22</span>')
    listing.write_text(text[:anchor] + item + text[anchor:], encoding="utf-8")


def test_channel_city_county_filled_and_suspect_values_flagged(mirror, mirror_site, expected, tmp_path):
    _add_article_without_breadcrumb(mirror_site, NO_TRAIL, "曲阜开展文明城市创建志愿服务活动", "2020-11-02 09:15")
    _add_article_without_breadcrumb(mirror_site, NO_TRAIL_FUTURE, "曲阜举行孔子文化节开幕式", "2099-09-28 08:30")
    db = tmp_path / "archive.db"
    log_file = tmp_path / "crawl.log"
    result = run_crawl(mirror.base_url, db, expected["channels"], "--log-file", str(log_file))
    log = result.stdout + result.stderr + log_file.read_text(encoding="utf-8")
    assert result.returncode == 0, log

    conn = connect(db)
    rows = {row["url"].removeprefix(mirror.base_url): row for row in conn.execute("SELECT * FROM articles")}
    assert set(rows) == set(expected["articles"]) | {NO_TRAIL, NO_TRAIL_FUTURE}
    for path, row in rows.items():
        assert row["channel"], path
        assert (row["city"], row["county"]) == MIRROR_PLACES[row["channel_path"]], path
    for path in (NO_TRAIL, NO_TRAIL_FUTURE):
        assert (rows[path]["channel"], rows[path]["channel_path"], rows[path]["region"]) == ("曲阜新闻", "jining/qufu", None)

    # stored and marked; everything else clean
    assert json.loads(rows[NO_TRAIL_FUTURE]["flags"]) == ["date_in_future"]
    assert [path for path, row in rows.items() if row["flags"] != "[]"] == [NO_TRAIL_FUTURE]
    assert f"flagged {mirror.base_url}{NO_TRAIL_FUTURE}: date_in_future '2099-09-28T08:30:00+08:00'" in log
    assert "'newsarchive/articles/flagged': 1" in log and "'newsarchive/flags/date_in_future': 1" in log
    # and exports say so, as a list
    out = io.StringIO()
    export_records(db, "jsonl", "flags != '[]'", (), out)
    exported = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["flags"], r["city"], r["county"]) for r in exported] == [(["date_in_future"], "济宁", "曲阜")]


# --- the migration fills city and county of rows stored before it --------------------------------


def test_the_migration_backfills_one_city_and_county_per_channel_path(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for number, migration in enumerate(MIGRATIONS[:3], start=1):
        migration(conn)
        conn.execute(f"PRAGMA user_version = {number}")
    spellings = [  # what earlier versions stored for one county: three regions, a missing channel
        ("jining/qufu", "曲阜新闻", "山东 / 济宁市 / 曲阜"),
        ("jining/qufu", "曲阜新闻", "济宁 / 曲阜"),
        ("jining/qufu", "曲阜新闻", "曲阜"),
        ("jining/qufu", None, None),
        ("jining/jiaxiang", "嘉祥县新闻", "山东 / 济宁市 / 嘉祥县"),
        ("jining/rencheng", None, "济宁市 / 任城区"),
        ("heze/caoxian", "曹县新闻", "山东 / 菏泽市 / 曹县"),
        (None, None, None),
    ]
    for n, (channel_path, channel, region) in enumerate(spellings):
        conn.execute(
            "INSERT INTO articles (url, headline, authors, editors, body, paragraphs, images, channel,"
            " channel_path, region, parser, pages, fetched_at, last_seen_at, content_hash)"
            " VALUES (?, 'h', '[]', '[]', 'b', 1, '[]', ?, ?, ?, 'p', '[]', 't', 't', 'x')",
            (f"u{n}", channel, channel_path, region),
        )
    conn.close()

    ArchiveDB(path).close()
    conn = sqlite3.connect(path)
    got = conn.execute("SELECT DISTINCT channel_path, city, county FROM articles ORDER BY 1").fetchall()
    assert got == [
        (None, None, None),
        ("heze/caoxian", "菏泽", "曹县"),
        ("jining/jiaxiang", "济宁", "嘉祥"),
        ("jining/qufu", "济宁", "曲阜"),
        ("jining/rencheng", "济宁", "任城"),
    ]
    # nobody checked the old rows: NULL, which the researchers' query for suspect records leaves out
    assert conn.execute("SELECT DISTINCT flags FROM articles").fetchall() == [(None,)]
    assert conn.execute("SELECT count(*) FROM articles WHERE flags != '[]'").fetchone() == (0,)
    conn.close()

    # a --refresh save of unchanged content checks it: flags and places are kept current
    with ArchiveDB(path) as db:
        run = db.start_run(base_url="http://h", channels=["jining/qufu"], version="t", options={})
        article = Article(url="u2", headline="h", source="济宁晚报阅读:231", published_at=None, body=["b"],
                          channel="曲阜新闻", channel_path="jining/qufu", region=["曲阜"],
                          city="济宁", county="曲阜", flags=["source_counter"])
        db.conn.execute("UPDATE articles SET content_hash = ? WHERE url = 'u2'", (content_hash(article),))
        assert db.save(article, run_id=run, fetched_at="t") == "unchanged"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT flags FROM articles WHERE flags != '[]'").fetchall() == [('["source_counter"]',)]
