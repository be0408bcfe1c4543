"""Extraction in worker processes (NEWSARCHIVE_EXTRACT_WORKERS): same records, no leftover processes."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.crawling import REPO, connect, crawl_command, run_crawl, stored_record


def records_by_url(db: Path) -> dict[str, dict]:
    conn = connect(db)
    return {
        row["url"]: {**stored_record(conn, row["url"]), "parser": row["parser"], "content_hash": row["content_hash"]}
        for row in conn.execute("SELECT url, parser, content_hash FROM articles")
    }


def test_a_pool_of_workers_stores_what_in_process_extraction_stores(mirror, expected, tmp_path):
    results = {}
    for workers in ("0", "2"):
        db = tmp_path / f"workers-{workers}.db"
        result = run_crawl(mirror.base_url, db, expected["channels"], "-s", f"NEWSARCHIVE_EXTRACT_WORKERS={workers}")
        assert result.returncode == 0, result.stdout + result.stderr
        results[workers] = records_by_url(db)
    assert len(results["0"]) == len(expected["articles"])
    assert results["2"] == results["0"]


def test_workers_read_with_the_crawls_own_template_files(mirror, expected, tmp_path):
    """A template folder named in the settings reaches the workers: the seed layout read
    by an archivist's copy of its template, named apart, ahead of the built-in one."""
    folder = tmp_path / "templates"
    folder.mkdir()
    builtin = (REPO / "newsarchive" / "extract" / "templates" / "yybnet_v2.toml").read_text(encoding="utf-8")
    (folder / "archivist.toml").write_text(
        builtin.replace('name = "yybnet_v2"', 'name = "archivist_v1"').replace("order = 30", "order = 1"),
        encoding="utf-8")
    db = tmp_path / "archive.db"
    result = run_crawl(mirror.base_url, db, expected["channels"],
                       "-s", "NEWSARCHIVE_EXTRACT_WORKERS=2", "-s", f"NEWSARCHIVE_TEMPLATE_DIRS={folder}")
    assert result.returncode == 0, result.stdout + result.stderr
    parsers = {row["parser"] for row in connect(db).execute("SELECT parser FROM articles")}
    assert "archivist_v1" in parsers and "yybnet_v2" not in parsers


def _children(pid: int) -> set[int]:
    found = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as children:
            found.update(int(child) for child in children.read().split())
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except FileNotFoundError:
        return False


def test_workers_leave_when_the_crawl_is_killed(mirror, mirror_site, expected, tmp_path):
    from tests.test_crawl_incremental import slow_down_articles

    slow_down_articles(mirror_site, expected, 0.3)
    command = crawl_command(mirror.base_url, tmp_path / "a.db", expected["channels"],
                            "-s", "NEWSARCHIVE_EXTRACT_WORKERS=2")
    child = subprocess.Popen(command, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline:  # the pool starts with the first article
        workers = {pid for pid in _children(child.pid) if _alive(pid)}
        time.sleep(0.05)
    assert len(workers) >= 2, "no pool workers appeared"
    child.send_signal(signal.SIGKILL)
    time.sleep(2)  # the crawl is a zombie now: nobody has reaped it yet
    assert not [pid for pid in workers if _alive(pid)]
    child.wait()
