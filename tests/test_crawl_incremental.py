"""Incremental runs, refresh, resume after a kill, and runs that never overlap."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from tests.crawling import REPO, article_paths_requested, connect, crawl_command, run_crawl

NEW_ARTICLE = "/jining/news/202211/9990001.html"
QUFU_INDEX = Path("jining/qufu/index.html")


def publish_new_article(site: Path, expected: dict) -> None:
    """Copy a qufu article to a new URL with a new headline and list it first."""
    template_path, _ = next(
        (path, article) for path, article in expected["articles"].items()
        if article["channel_path"] == "jining/qufu" and len(article["pages"]) == 1
        and article["template"] == "v2"
    )
    html = (site / template_path.lstrip("/")).read_text(encoding="utf-8")
    headline = expected["articles"][template_path]["headline"]
    (site / NEW_ARTICLE.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
    (site / NEW_ARTICLE.lstrip("/")).write_text(html.replace(headline, "新发布的文章"), encoding="utf-8")
    index = (site / QUFU_INDEX).read_text(encoding="utf-8")
    first_link = index.index('<a href="/jining/news/')
    item_start = index.rindex("<li", 0, first_link)
    new_item = f'<li><a href="{NEW_ARTICLE}">新发布的文章</a></li>\n'
    (site / QUFU_INDEX).write_text(index[:item_start] + new_item + index[item_start:], encoding="utf-8")


def test_three_runs_fetch_only_what_is_new(mirror, mirror_site, expected, tmp_path):
    db = tmp_path / "archive.db"
    first = run_crawl(mirror.base_url, db, expected["channels"])
    assert first.returncode == 0, first.stdout + first.stderr
    before_second = len(mirror.requests)

    second = run_crawl(mirror.base_url, db, expected["channels"])
    assert second.returncode == 0, second.stdout + second.stderr
    assert article_paths_requested(mirror.requests[before_second:]) == []

    publish_new_article(mirror_site, expected)
    before_third = len(mirror.requests)
    third = run_crawl(mirror.base_url, db, expected["channels"])
    assert third.returncode == 0, third.stdout + third.stderr
    assert article_paths_requested(mirror.requests[before_third:]) == [NEW_ARTICLE]

    conn = connect(db)
    runs = conn.execute("SELECT * FROM crawl_runs ORDER BY id").fetchall()
    assert [run["articles_new"] for run in runs] == [len(expected["articles"]), 0, 1]
    new_row = conn.execute("SELECT * FROM articles WHERE url = ?", (mirror.base_url + NEW_ARTICLE,)).fetchone()
    assert new_row["headline"] == "新发布的文章"
    assert new_row["first_run_id"] == runs[2]["id"]
    seed = conn.execute("SELECT * FROM articles WHERE url LIKE '%/7713943.html'").fetchone()
    assert (seed["first_run_id"], seed["last_run_id"]) == (runs[0]["id"], runs[2]["id"])


def test_refresh_keeps_the_earlier_version_of_a_changed_article(mirror, mirror_site, expected, tmp_path):
    db = tmp_path / "archive.db"
    assert run_crawl(mirror.base_url, db, expected["channels"]).returncode == 0
    seed_file = mirror_site / "jining/news/201506/7713943.html"
    seed_file.write_text(
        seed_file.read_text(encoding="utf-8").replace("今年以来,曲阜市", "今年以来,全曲阜市"), encoding="utf-8"
    )
    result = run_crawl(mirror.base_url, db, expected["channels"], "--refresh")
    assert result.returncode == 0, result.stdout + result.stderr
    conn = connect(db)
    run = conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC").fetchone()
    assert (run["articles_changed"], run["articles_unchanged"]) == (1, len(expected["articles"]) - 1)
    article = conn.execute("SELECT * FROM articles WHERE url LIKE '%/7713943.html'").fetchone()
    assert "今年以来,全曲阜市" in article["body"]
    versions = conn.execute("SELECT * FROM article_versions WHERE article_id = ?", (article["id"],)).fetchall()
    assert len(versions) == 1 and "今年以来,曲阜市" in versions[0]["body"]


def slow_down_articles(site: Path, expected: dict, seconds: float) -> None:
    routes_file = site / "_routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    for path in expected["articles"]:
        routes.setdefault(path, {}).setdefault("delay", seconds)
    routes_file.write_text(json.dumps(routes), encoding="utf-8")


def kill_midway_then_finish(mirror, mirror_site, expected, tmp_path, sig: int) -> None:
    slow_down_articles(mirror_site, expected, 0.4)
    db = tmp_path / "archive.db"
    command = crawl_command(mirror.base_url, db, expected["channels"], "-s", "CONCURRENT_REQUESTS=2")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while len(article_paths_requested(mirror.requests)) < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(sig)
    child.communicate(timeout=60)
    assert child.returncode != 0

    result = run_crawl(mirror.base_url, db, expected["channels"])
    assert result.returncode == 0, result.stdout + result.stderr
    conn = connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    urls = [row["url"] for row in conn.execute("SELECT url FROM articles")]
    assert sorted(urls) == sorted(mirror.base_url + path for path in expected["articles"])
    credits = conn.execute("SELECT article_id, position, COUNT(*) FROM credits GROUP BY 1, 2 HAVING COUNT(*) > 1")
    assert credits.fetchall() == []
    runs = conn.execute("SELECT * FROM crawl_runs ORDER BY id").fetchall()
    assert runs[-1]["finish_reason"] == "finished"
    assert runs[-1]["exit_status"] == "ok"
    return runs


def test_ctrl_c_then_rerun_loses_nothing_and_doubles_nothing(mirror, mirror_site, expected, tmp_path):
    runs = kill_midway_then_finish(mirror, mirror_site, expected, tmp_path, signal.SIGINT)
    assert runs[0]["finish_reason"] == "shutdown"


def test_kill_9_then_rerun_loses_nothing_and_doubles_nothing(mirror, mirror_site, expected, tmp_path):
    runs = kill_midway_then_finish(mirror, mirror_site, expected, tmp_path, signal.SIGKILL)
    # The killed run never closed its row; the rerun, holding the lock, gave it its verdict.
    assert (runs[0]["finish_reason"], runs[0]["exit_status"]) == ("killed", "killed")
    assert runs[0]["finished_at"] is None  # when it died is not known


def test_a_second_run_while_one_is_going_says_so_and_exits(mirror, mirror_site, expected, tmp_path):
    slow_down_articles(mirror_site, expected, 2.0)
    db = tmp_path / "archive.db"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = crawl_command(mirror.base_url, db, expected["channels"], "-s", "CONCURRENT_REQUESTS=1")
    first = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not article_paths_requested(mirror.requests) and time.monotonic() < deadline:
            time.sleep(0.05)
        second = run_crawl(mirror.base_url, db, expected["channels"])
        assert first.poll() is None, "the first run ended before the second one started"
        assert second.returncode == 75
        assert "already running" in second.stderr.lower()
    finally:
        first.send_signal(signal.SIGINT)
        first.wait(timeout=120)
    assert connect(db).execute("SELECT COUNT(*) FROM crawl_runs").fetchone()[0] == 1
