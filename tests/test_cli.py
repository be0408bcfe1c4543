"""The command line as a user runs it: extract, demo, export, serve's errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import SEED_HTML
from tests.crawling import REPO

SEED_URL = "https://www.yybnet.net/jining/news/201506/7713943.html"


def newsarchive(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", *args],
        capture_output=True, text=True, timeout=timeout, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_extract_on_the_seed_page_gives_the_portal_md_record():
    result = newsarchive("extract", str(SEED_HTML), "--url", SEED_URL)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["url"] == SEED_URL
    assert record["headline"] == "老百姓的“贴心人”——曲阜市驻村联户工作纪实"
    assert record["source"] == "济宁晚报"
    assert record["published_at"] == "2015-06-22T07:21:00+08:00"
    assert record["authors"] == ["梅花", "宋思亮", "陈宏如"]
    assert record["credits"] == [
        {"name": name, "role": "通讯员", "kind": "author"} for name in ("梅花", "宋思亮", "陈宏如")
    ]
    assert record["editors"] == []
    assert record["channel"] == "曲阜新闻"
    assert record["channel_path"] == "jining/qufu"
    assert record["region"] == ["山东", "济宁市", "曲阜"]
    assert len(record["body"]) == 15
    assert record["body"][0].startswith("每户农户门口都要悬挂")
    assert record["body"][-1].endswith("责令限期进行整改。")


def test_extract_prints_one_line_per_file_in_order_and_reports_bad_files(tmp_path):
    not_an_article = tmp_path / "list.html"
    not_an_article.write_text("<html><body><ul><li><a href='/a'>x</a></li></ul></body></html>", encoding="utf-8")
    missing = tmp_path / "missing.html"
    result = newsarchive("extract", str(SEED_HTML), str(not_an_article), str(missing), str(SEED_HTML))
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [("error" in line) for line in lines] == [False, True, True, False]
    assert lines[0]["headline"] == lines[3]["headline"]
    assert "list.html" in result.stderr and "missing.html" in result.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = newsarchive("demo", "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "7 new" in result.stdout and "newsarchive serve --db" in result.stdout
    return db


def test_demo_crawls_the_bundled_mirror_with_the_real_spider(demo_db):
    import sqlite3

    conn = sqlite3.connect(demo_db)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 7
    assert conn.execute("SELECT finish_reason FROM crawl_runs").fetchall() == [("finished",)]
    assert list((demo_db.parent / "demo-warc").glob("*.warc.gz"))


def test_a_second_demo_starts_afresh(demo_db):
    import sqlite3

    result = newsarchive("demo", "--db", str(demo_db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert sqlite3.connect(demo_db).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 7


def test_export_jsonl_and_csv_with_a_condition(demo_db):
    jsonl = newsarchive("export", "--db", str(demo_db), "--format", "jsonl")
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(records) == 7 and all(isinstance(r["authors"], list) for r in records)
    source = records[0]["source"]
    subset = newsarchive("export", "--db", str(demo_db), "--format", "csv", "--where", "source = :s",
                         "--param", f"s={source}")
    rows = list(csv.DictReader(io.StringIO(subset.stdout)))
    assert rows and all(row["source"] == source for row in rows)
    assert len(rows) == sum(r["source"] == source for r in records)
    assert f"exported {len(rows)} records" in subset.stderr


def test_export_with_a_bad_condition_is_a_clear_error(demo_db):
    result = newsarchive("export", "--db", str(demo_db), "--where", "nosuch = 1")
    assert result.returncode == 2
    assert "no such column: nosuch" in result.stderr


def test_serve_and_export_refuse_a_missing_archive(tmp_path):
    for command in ("serve", "export"):
        result = newsarchive(command, "--db", str(tmp_path / "none.db"))
        assert result.returncode == 2
        assert "no archive at" in result.stderr
