"""Faults of the archive's own disk: a refused write is never a silent "ok".

The disk-full cases put the database on a small tmpfs (mount needs root, as in
`.ci/run`; elsewhere they are skipped and say why) with the WARC files elsewhere, and
run the real `newsarchive crawl` against the test portal.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.store import ArchiveDB
from newsarchive.store.writer import ArchiveWriteFailed
from tests.crawling import (
    REPO,
    article_paths_requested,
    connect,
    crawl_command,
    run_crawl,
)
from tests.test_store import generated_article, start

SMALL_DISK = "2m"


def _mount_tmpfs(mount_point: Path, size: str) -> str | None:
    """Mount a tmpfs of `size`; None when done, else why it could not be."""
    if shutil.which("mount") is None:
        return "no mount command"
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
        capture_output=True, text=True, check=False,
    )
    return None if result.returncode == 0 else result.stderr.strip() or f"mount exited {result.returncode}"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs of its own, unmounted afterwards."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    why_not = _mount_tmpfs(mount_point, SMALL_DISK)
    if why_not:
        pytest.skip(f"cannot mount a {SMALL_DISK} tmpfs to fill (needs root, as .ci/run has): {why_not}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path, leave_bytes: int) -> None:
    """Take all the space of `disk` but `leave_bytes`."""
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    (disk / "filler").write_bytes(b"\0" * max(0, free - leave_bytes))


def grow(disk: Path, size: str = "64m") -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(disk)], check=True)


def printed_new(stdout: str) -> int:
    match = re.search(r"^run \d+ \S+: (\d+) new,", stdout, re.MULTILINE)
    assert match, stdout
    return int(match.group(1))


# -- 1. the disk fills while articles are stored ------------------------------------------

@pytest.mark.parametrize(
    ("commit_seconds", "free_kb"),
    [("0", 210), ("5", 60)],
    ids=["every-article-committed", "one-batch-for-the-run"],
)
def test_a_full_disk_stops_the_crawl_and_counts_only_what_was_committed(
    mirror, expected, tmp_path, small_disk, commit_seconds, free_kb
):
    db = small_disk / "archive.db"
    ArchiveDB(db).close()  # the schema first, whatever its size: then room for some articles only
    fill(small_disk, free_kb * 1024)
    result = run_crawl(
        mirror.base_url, db, expected["channels"],
        "--warc-dir", str(tmp_path / "warc"), "-s", f"NEWSARCHIVE_COMMIT_SECONDS={commit_seconds}",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    failure_lines = [line for line in output.splitlines() if line.startswith("newsarchive: run failed")]
    assert failure_lines == [
        f"newsarchive: run failed (exit 1): cannot write the archive {db}: database or disk is full"
    ], output
    assert "cannot rollback" not in output

    conn = connect(db)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert stored < len(expected["articles"])
    # What the summary calls new is what the table holds, no more.
    assert printed_new(result.stdout) == stored
    run = conn.execute("SELECT * FROM crawl_runs").fetchone()
    if run["exit_status"] is not None:  # its row could still be written
        assert run["exit_status"].startswith("failed: cannot write the archive")
        assert run["articles_new"] == stored
    if commit_seconds == "0":  # the disk filled mid-crawl: it stopped there
        assert re.search(r"^run \d+ archive_write_failed: ", result.stdout, re.MULTILINE), result.stdout
    conn.close()

    grow(small_disk)
    again = run_crawl(mirror.base_url, db, expected["channels"], "--warc-dir", str(tmp_path / "warc"))
    assert again.returncode == 0, again.stdout + again.stderr
    conn = connect(db)
    urls = [row["url"] for row in conn.execute("SELECT url FROM articles")]
    assert sorted(urls) == sorted(mirror.base_url + path for path in expected["articles"])
    credits = conn.execute("SELECT article_id, position FROM credits GROUP BY 1, 2 HAVING count(*) > 1")
    assert credits.fetchall() == []
    runs = conn.execute("SELECT exit_status, articles_new FROM crawl_runs ORDER BY id").fetchall()
    assert runs[0]["exit_status"].startswith("failed: ") or runs[0]["exit_status"] == "killed"
    assert (runs[-1]["exit_status"], runs[-1]["articles_new"]) == ("ok", len(expected["articles"]) - stored)
    conn.close()


@pytest.mark.parametrize("closing", ["close", "with-block"])
def test_closing_after_a_failed_commit_raises_that_failure_only(small_disk, closing):
    path = small_disk / "a.db"
    db = ArchiveDB(path, commit_seconds=3600)
    run = start(db)
    fill(small_disk, 0)
    for n in range(20):  # one open batch, in SQLite's page cache until the commit
        db.save(generated_article(n), run_id=run, fetched_at="t")
    with pytest.raises(ArchiveWriteFailed) as failed:
        if closing == "close":
            db.close()
        else:
            with db:
                pass
    assert str(failed.value) == f"cannot write the archive {path}: database or disk is full"
    assert isinstance(failed.value.__cause__, sqlite3.OperationalError)
    assert db.committed["new"] == 0
    with pytest.raises(sqlite3.ProgrammingError):  # closed all the same
        db.conn.execute("SELECT 1")
    (small_disk / "filler").unlink()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM crawl_runs").fetchone() == (1,)
    conn.close()


# -- 2. the disk is full before the schema is written -------------------------------------

def test_a_full_disk_while_the_schema_is_created_names_the_cause(mirror, expected, tmp_path, small_disk):
    db = small_disk / "archive.db"
    fill(small_disk, 80 * 1024)  # the empty schema takes ~150 KB of WAL
    result = run_crawl(mirror.base_url, db, expected["channels"], "--warc-dir", str(tmp_path / "warc"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip() == (
        f"newsarchive crawl: no run: cannot prepare the archive {db}: database or disk is full"
    )
    assert "cannot rollback" not in result.stdout + result.stderr
    assert article_paths_requested(mirror.requests) == []

    grow(small_disk)
    again = run_crawl(mirror.base_url, db, expected["channels"], "--warc-dir", str(tmp_path / "warc"))
    assert again.returncode == 0, again.stdout + again.stderr


# -- 3. the write lock is never held for long -----------------------------------------------

def test_another_connection_can_write_while_the_crawl_waits_between_batches(
    mirror, mirror_site, expected, tmp_path
):
    # A channel of two articles: the first is stored at once, the second answers 25 s
    # later (within the 30 s download timeout). No other write comes in between, so
    # only a timer can commit the first one's batch meanwhile.
    index = mirror_site / "jining/qufu/index.html"
    html = index.read_text(encoding="utf-8")
    item = re.compile(r'^<li><span class="date">[^<]*</span><a href="([^"]+)".*\n', re.MULTILINE)
    listed = [m.group(1) for m in item.finditer(html)]
    fast, slow = [path for path in listed if len(expected["articles"].get(path, {}).get("pages", [])) == 1][:2]
    html = item.sub(lambda m: m.group(0) if m.group(1) in (fast, slow) else "", html)
    index.write_text(re.sub(r'<div class="pages">.*?</div>', "", html), encoding="utf-8")
    routes_file = mirror_site / "_routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    routes.setdefault(slow, {})["delay"] = 25
    routes_file.write_text(json.dumps(routes), encoding="utf-8")

    db = tmp_path / "archive.db"
    command = crawl_command(mirror.base_url, db, ["jining/qufu"], "-s", "NEWSARCHIVE_COMMIT_SECONDS=1")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    crawl = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # before the slow page answers, with room for a start-up on a loaded machine
        deadline = time.monotonic() + 20
        stored: list[str] = []
        while stored != [mirror.base_url + fast]:
            assert crawl.poll() is None, crawl.communicate()[0][-3000:]
            assert time.monotonic() < deadline, "the first article was never committed while the crawl waited"
            time.sleep(0.2)
            if db.exists():
                with sqlite3.connect(db) as reader:
                    try:
                        stored = [url for (url,) in reader.execute("SELECT url FROM articles")]
                    except sqlite3.OperationalError:  # the file is made, its schema not yet
                        stored = []
        assert slow in mirror.requests

        # A researcher's session writes while the crawl waits for its last article.
        researcher = sqlite3.connect(db, timeout=4, isolation_level=None)
        researcher.execute("BEGIN IMMEDIATE")
        researcher.execute("CREATE TABLE notes (url TEXT, note TEXT)")
        researcher.execute("INSERT INTO notes VALUES (?, '待核实')", (mirror.base_url + fast,))
        researcher.execute("COMMIT")
        researcher.close()
        assert crawl.poll() is None, "the crawl ended before the researcher wrote"

        output, _ = crawl.communicate(timeout=120)
    finally:
        if crawl.poll() is None:
            crawl.kill()
            crawl.wait()
    assert crawl.returncode == 0, output[-3000:]
    conn = connect(db)
    assert sorted(url for (url,) in conn.execute("SELECT url FROM articles")) == sorted(
        mirror.base_url + path for path in (fast, slow))
    assert [tuple(row) for row in conn.execute("SELECT note FROM notes")] == [("待核实",)]


# -- 4. an article stored without its WARC capture is fetched again ------------------------

def test_articles_stored_without_their_capture_are_fetched_again_and_captured(
    mirror, expected, tmp_path, small_disk
):
    db = tmp_path / "archive.db"
    warc_dir = small_disk / "warc"
    fill(small_disk, 40 * 1024)  # room for a few responses
    first = run_crawl(mirror.base_url, db, expected["channels"], "--warc-dir", str(warc_dir))
    assert first.returncode == 1, first.stdout + first.stderr
    conn = connect(db)
    assert conn.execute("SELECT finish_reason FROM crawl_runs").fetchone()[0] == "warc_write_failed"
    stored = {row["url"] for row in conn.execute("SELECT url FROM articles")}
    # Articles in flight when the WARC disk filled are stored without a capture. Which
    # ones depends on timing, so one more is made so, as such an article would be.
    if stored and not conn.execute("SELECT 1 FROM articles WHERE warc_record_id IS NULL").fetchone():
        with conn:
            conn.execute("UPDATE articles SET warc_file = NULL, warc_record_id = NULL WHERE url = ?",
                         (min(stored),))
    uncaptured = {row["url"] for row in conn.execute("SELECT url FROM articles WHERE warc_record_id IS NULL")}
    conn.close()

    grow(small_disk)
    before = len(mirror.requests)
    second = run_crawl(mirror.base_url, db, expected["channels"], "--warc-dir", str(warc_dir))
    assert second.returncode == 0, second.stdout + second.stderr
    requested = {mirror.base_url + path for path in article_paths_requested(mirror.requests[before:])}
    assert uncaptured <= requested

    conn = connect(db)
    urls = [row["url"] for row in conn.execute("SELECT url FROM articles")]
    assert sorted(urls) == sorted(mirror.base_url + path for path in expected["articles"])
    warc_files = {path.name for path in warc_dir.glob("*.warc.gz")}
    for row in conn.execute("SELECT url, warc_file, warc_record_id FROM articles"):
        assert row["warc_record_id"] and row["warc_file"] in warc_files, row["url"]
    run = conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC").fetchone()
    assert (run["articles_new"], run["articles_unchanged"]) == (len(expected["articles"]) - len(stored),
                                                                 len(uncaptured))
    conn.close()

    # Captured now: the next run leaves them alone.
    before = len(mirror.requests)
    third = run_crawl(mirror.base_url, db, expected["channels"], "--warc-dir", str(warc_dir))
    assert third.returncode == 0, third.stdout + third.stderr
    assert article_paths_requested(mirror.requests[before:]) == []


# -- 6. a symlink to the archive shares its lock ---------------------------------------------

def test_a_crawl_through_a_symlink_waits_for_the_lock_of_the_archive_it_names(
    mirror, mirror_site, expected, tmp_path
):
    routes_file = mirror_site / "_routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    for path in expected["articles"]:
        routes.setdefault(path, {}).setdefault("delay", 2.0)
    routes_file.write_text(json.dumps(routes), encoding="utf-8")
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    db = real_dir / "archive.db"
    file_link = tmp_path / "link.db"
    file_link.symlink_to(db)
    dir_link = tmp_path / "linked-dir"
    dir_link.symlink_to(real_dir, target_is_directory=True)

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = crawl_command(mirror.base_url, db, expected["channels"], "-s", "CONCURRENT_REQUESTS=1")
    first = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not article_paths_requested(mirror.requests) and time.monotonic() < deadline:
            time.sleep(0.05)
        for other_path in (file_link, dir_link / "archive.db"):
            second = run_crawl(mirror.base_url, other_path, expected["channels"])
            assert second.returncode == 75, second.stdout + second.stderr
            assert first.poll() is None, "the first run ended before the second one started"
            assert "already running" in second.stderr.lower()
    finally:
        first.send_signal(signal.SIGINT)
        first.wait(timeout=120)
    assert connect(db).execute("SELECT count(*) FROM crawl_runs").fetchone()[0] == 1
