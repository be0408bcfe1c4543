"""What an archivist sees during and after a crawl: a live view in a terminal only,
a few lines otherwise, the whole log in --log-file, and a summary of the whole run."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import time

from newsarchive.console.summary import RunReport, summary_lines
from tests.crawling import REPO, crawl_command, run_crawl

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_in_pty(command: list[str], timeout: float = 180) -> tuple[int, str]:
    """The command with a terminal as stdin, stdout and stderr; its exit status and screen text."""
    leader, follower = pty.openpty()
    child = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, cwd=REPO,
                             env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "120"})
    os.close(follower)
    output, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    return child.wait(timeout=30), ANSI.sub("", output.decode("utf-8", "replace"))


def test_without_a_terminal_stderr_is_a_line_per_channel(mirror, expected, tmp_path):
    result = run_crawl(mirror.base_url, tmp_path / "a.db", expected["channels"])
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert sorted(line.split(":")[0] for line in lines) == sorted(f"channel {c}" for c in expected["channels"])
    assert "Scrapy" not in result.stderr and "list pages" not in result.stderr  # no banner, no live table
    qufu = next(line for line in lines if line.startswith("channel jining/qufu"))
    assert re.fullmatch(r"channel jining/qufu: \d+ list page\(s\) read, \d+ articles queued, \d+ stored, "
                        r"1 not articles, 1 failed", qufu), qufu


def test_in_a_terminal_the_live_view_shows_each_channel(mirror, expected, tmp_path):
    status, screen = run_in_pty(crawl_command(mirror.base_url, tmp_path / "a.db", expected["channels"]))
    assert status == 0, screen
    assert "list pages" in screen and "queued" in screen and "requests/s" in screen
    for channel in expected["channels"]:
        assert re.search(rf"{channel}\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+done", screen), screen
    assert f"run 1 finished: {len(expected['articles'])} new" in screen


def test_the_log_file_keeps_what_stderr_leaves_out_and_verbose_shows_it(mirror, expected, tmp_path):
    log = tmp_path / "crawl.log"
    quiet = run_crawl(mirror.base_url, tmp_path / "a.db", ["jining/zoucheng"], "--log-file", str(log))
    assert quiet.returncode == 0, quiet.stderr
    text = log.read_text(encoding="utf-8")
    assert "Scrapy 2.19" in text and "Overridden settings" in text and "Dumping Scrapy stats" in text
    verbose_log = tmp_path / "verbose.log"
    verbose = run_crawl(mirror.base_url, tmp_path / "b.db", ["jining/zoucheng"], "--verbose",
                        "--log-file", str(verbose_log))
    assert verbose.returncode == 0
    assert "Dumping Scrapy stats" in verbose.stderr and "channel jining/zoucheng:" not in verbose.stderr
    # Scrapy's per-page DEBUG lines, which its loggers make only with --verbose
    assert "DEBUG: Crawled (200)" in verbose_log.read_text(encoding="utf-8")
    assert "DEBUG: Crawled (200)" not in text


def test_the_summary_tells_the_whole_run(mirror, expected, tmp_path):
    db = tmp_path / "a.db"
    first = run_crawl(mirror.base_url, db, expected["channels"])
    lines = first.stdout.splitlines()
    assert lines[0].startswith(f"run 1 finished: {len(expected['articles'])} new, 0 changed, 0 unchanged, ")
    assert "1 not articles" in lines[0]
    assert re.fullmatch(r"  \d+ pages fetched \(\d+ requests\) in \d+\.\d s", lines[1])
    assert "  failed: 1" in lines
    assert f"    article http_404 ×1: {mirror.base_url}/jining/news/201601/7900404.html" in lines
    assert lines[-1] == "newsarchive: run ok (exit 0)"

    again = run_crawl(mirror.base_url, db, expected["channels"])
    head = again.stdout.splitlines()[0]
    assert head.startswith("run 2 finished: 0 new, 0 changed, 0 unchanged, ")
    already = int(re.search(r"(\d+) already archived \(not fetched\)", head).group(1))
    assert already > 0  # the first list pages, all archived: paging stops there


def report(**stats: int) -> list[str]:
    return summary_lines(RunReport(db="a.db", run_id=7, finish_reason="finished", stats=stats, seconds=3.25,
                                   verdict="no article was stored", exit_status=1,
                                   failed_urls={"ConnectionRefusedError": ["http://x/a/", "http://x/b/"]}))


def test_a_summary_with_nothing_reachable_claims_no_page():
    lines = report(**{"downloader/request_count": 8, "newsarchive/errors/list/ConnectionRefusedError": 2})
    assert lines[1] == "  0 pages fetched (8 requests) in 3.2 s"
    assert lines[3] == "    list ConnectionRefusedError ×2: http://x/a/, http://x/b/"
    assert lines[-1] == "newsarchive: run failed (exit 1): no article was stored"


def test_not_followed_and_flagged_figures_are_read_by_prefix():
    reasons = {f"newsarchive/not_followed/{reason}": count for reason, count in
               (("offsite", 4), ("topic_page", 2), ("side_box", 9))}
    lines = report(**reasons, **{"newsarchive/articles/flagged": 3})
    assert "3 flagged" in lines[0]
    assert "  not followed: 15 links (offsite 4, side_box 9, topic_page 2)" in lines
