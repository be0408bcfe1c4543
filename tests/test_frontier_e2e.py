"""The distributed crawl end to end: `newsarchive ingest` and three `newsarchive crawl
--frontier` workers on one redis-server make the archive a local crawl makes, and a
second distributed run is incremental as a local one is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.crawling import REPO, connect, run_crawl, stored_record
from tests.test_frontier_workers import (
    TIMEOUT,
    article_urls,
    finish,
    records,
    slow_down,
    start_worker,
    worker_command,
)


def start_ingest(frontier: str, db: Path, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "newsarchive", "ingest", "--from", frontier, "--db", str(db), "--until-idle"]
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=REPO,
                                env={**os.environ, "PYTHONPATH": str(REPO)})


def distributed_run(redis_server, base_url: str, channels: list[str], db: Path, workers: int,
                    tmp_path: Path, round_name: str) -> tuple[str, list[str]]:
    """One writer and `workers` workers until the crawl is stored; their outputs."""
    ingest_log = tmp_path / f"{round_name}-ingest.log"
    writer = start_ingest(redis_server.url, db, ingest_log)
    logs = [tmp_path / f"{round_name}-w{n}.log" for n in range(workers)]
    started = [start_worker(worker_command(redis_server.url, base_url, channels, f"w{n}", tmp_path / "warc"), log)
               for n, log in enumerate(logs)]
    try:
        outputs = [finish(worker, log) for worker, log in zip(started, logs)]
        status = writer.wait(TIMEOUT)
    finally:
        for process in [*started, writer]:
            if process.poll() is None:
                process.kill()
    ingest_output = ingest_log.read_text(encoding="utf-8", errors="replace")
    assert status == 0, ingest_output
    return ingest_output, outputs


def articles(db: Path) -> dict[str, dict]:
    conn = connect(db)
    return {row["url"]: stored_record(conn, row["url"]) for row in conn.execute("SELECT url FROM articles")}


def skipped(db: Path) -> set[tuple[str, str]]:
    return {(row["url"], row["reason"]) for row in connect(db).execute("SELECT url, reason FROM skipped_pages")}


def test_a_writer_and_three_workers_make_the_archive_a_local_crawl_makes(
    redis_server, mirror, mirror_site, expected, tmp_path
):
    local_db = tmp_path / "local.db"
    local = run_crawl(mirror.base_url, local_db, expected["channels"])
    assert local.returncode == 0, local.stdout + local.stderr
    slow_down(mirror_site, 0.3)  # so that the three workers overlap
    db = tmp_path / "distributed.db"

    _, outputs = distributed_run(redis_server, mirror.base_url, expected["channels"], db, 3, tmp_path, "first")
    # a worker publishes; only the writer stores, and each says so
    channel_lines = [line for output in outputs for line in output.splitlines() if line.startswith("channel ")]
    assert channel_lines and all(" published, " in line and " stored" not in line for line in channel_lines)

    assert articles(db) == articles(local_db)
    assert len(articles(db)) == len(expected["articles"])
    assert skipped(db) == skipped(local_db)
    conn = connect(db)
    (run,) = conn.execute("SELECT * FROM crawl_runs").fetchall()
    (local_run,) = connect(local_db).execute("SELECT * FROM crawl_runs").fetchall()
    assert run["exit_status"] == "ok"
    assert run["articles_new"] == local_run["articles_new"] == len(expected["articles"])
    assert json.loads(run["options"])["frontier"] == redis_server.url
    workers = conn.execute("SELECT worker, lost, finish_reason FROM crawl_run_workers WHERE run_id = ?",
                           (run["id"],)).fetchall()
    assert sorted(tuple(row) for row in workers) == [("w0", 0, "finished"), ("w1", 0, "finished"),
                                                     ("w2", 0, "finished")]
    # every article points to its capture, in one of the workers' WARC files
    for row in conn.execute("SELECT warc_file, warc_record_id FROM articles"):
        assert row["warc_record_id"] and (tmp_path / "warc" / row["warc_file"]).is_file()

    # a second distributed run fetches no stored article again, as a local re-run
    requested_before = len(mirror.requests)
    ingest_output, _ = distributed_run(redis_server, mirror.base_url, expected["channels"], db, 2, tmp_path, "second")
    again = [path for path in mirror.requests[requested_before:] if "/news/" in path]
    stored_paths = {url.removeprefix(mirror.base_url) for url in articles(db)}
    assert not stored_paths & set(again), again
    (second,) = conn.execute("SELECT * FROM crawl_runs WHERE id > ?", (run["id"],)).fetchall()
    assert (second["articles_new"], second["articles_changed"]) == (0, 0)
    assert second["articles_already_archived"] > 0
    assert second["exit_status"] == "ok", ingest_output


def test_scrapy_crawl_with_a_frontier_url_is_a_worker(redis_server, mirror, expected, tmp_path):
    """The way a scrapyd job runs it: a setting, no `newsarchive crawl --frontier`."""
    db = tmp_path / "never-opened.db"
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "portal",
         "-a", f"channels={','.join(expected['channels'])}", "-a", f"base_url={mirror.base_url}",
         "-s", f"NEWSARCHIVE_FRONTIER_URL={redis_server.url}", "-s", "NEWSARCHIVE_FRONTIER_WORKER=node7",
         "-s", f"NEWSARCHIVE_DB={db}", "-s", f"NEWSARCHIVE_WARC_DIR={tmp_path / 'warc'}"],
        capture_output=True, text=True, timeout=TIMEOUT, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    found = records(redis_server)
    assert sorted(article_urls(found)) == sorted(mirror.base_url + path for path in expected["articles"])
    assert {record.worker for record in found} == {"node7"}
    assert not db.exists()
    assert all(path.name.startswith("newsarchive-node7-") for path in (tmp_path / "warc").glob("*.warc.gz"))
