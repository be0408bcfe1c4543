"""Ctrl-C and SIGTERM on a slow portal: the crawl stops within seconds, keeps and says
what it stored, closes its run's row, and a re-run completes the archive."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from newsarchive.archive.warc_reader import scan_file
from tests.crawling import REPO, article_paths_requested, connect, crawl_command, run_crawl


def slow_articles(site: Path, expected: dict, seconds_by_channel: dict[str, float]) -> None:
    routes_file = site / "_routes.json"
    routes = json.loads(routes_file.read_text(encoding="utf-8"))
    for path, article in expected["articles"].items():
        delay = seconds_by_channel.get(article["channel_path"])
        if delay:
            routes.setdefault(path, {})["delay"] = delay
    routes_file.write_text(json.dumps(routes), encoding="utf-8")


def interrupt(mirror, expected, db: Path, signals: list[signal.Signals], articles_first: int):
    """Start a crawl, wait for `articles_first` article requests, send the signals 0.2 s
    apart; returns the finished process, its stdout and the seconds from first signal to exit."""
    command = crawl_command(mirror.base_url, db, expected["channels"], "-s", "CONCURRENT_REQUESTS=4")
    child = subprocess.Popen(command, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(article_paths_requested(mirror.requests)) < articles_first and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    first = time.monotonic()
    for sig in signals:
        child.send_signal(sig)
        time.sleep(0.2)
    out, err = child.communicate(timeout=60)
    return child.returncode, out, err, time.monotonic() - first


def stored_this_run(stdout: str) -> int:
    return int(re.search(r"^run \d+ shutdown: (\d+) new", stdout, re.MULTILINE).group(1))


@pytest.mark.parametrize("signals", [[signal.SIGINT], [signal.SIGTERM], [signal.SIGINT, signal.SIGINT],
                                     [signal.SIGINT, signal.SIGTERM]])
def test_a_stop_is_quick_honest_and_a_rerun_completes(mirror, mirror_site, expected, tmp_path, signals):
    # zoucheng's articles come at once; qufu's take 12 s each, far beyond the stop's grace
    slow_articles(mirror_site, expected, {"jining/qufu": 12})
    db = tmp_path / "a.db"
    status, out, err, seconds = interrupt(mirror, expected, db, signals, articles_first=6)

    assert status == 130, out + err
    assert seconds < 5, f"took {seconds:.1f} s to stop"
    assert "Traceback" not in err
    assert "channel jining/qufu: " in err and "(stopped before its end)" in err
    kept = stored_this_run(out)
    assert f"interrupted: the {kept} articles stored before the stop are kept; " \
           "run the same command again to go on from there" in out
    conn = connect(db)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == kept
    run = conn.execute("SELECT * FROM crawl_runs").fetchone()
    assert (run["finish_reason"], run["articles_new"]) == ("shutdown", kept)
    assert run["exit_status"] == "failed: the crawl did not finish (shutdown)"
    # The writer process wrote what was downloaded before the run was closed: the
    # files are whole, and every stored article names a record in them.
    warc_dir = db.parent / "warc"
    scans = [scan_file(warc_dir, path.name) for path in warc_dir.glob("*.warc.gz")]
    assert scans and all(scan.error is None for scan in scans), [scan.error for scan in scans]
    written = {capture.record_id: capture.file for scan in scans for capture in scan.captures}
    for row in conn.execute("SELECT url, warc_file, warc_record_id FROM articles"):
        assert written.get(row["warc_record_id"]) == row["warc_file"], row["url"]
    conn.close()

    slow_articles(mirror_site, expected, {"jining/qufu": 0.01})
    again = run_crawl(mirror.base_url, db, expected["channels"])
    assert again.returncode == 0, again.stdout + again.stderr
    urls = {row["url"] for row in connect(db).execute("SELECT url FROM articles")}
    assert urls == {mirror.base_url + path for path in expected["articles"]}
