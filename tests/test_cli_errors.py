"""Each mistake an archivist can make gets one line on stderr and its exit status,
never a traceback (unless --verbose)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from newsarchive.store import ArchiveDB
from tests.crawling import REPO
from tests.test_cli import newsarchive
from tests.test_store import BASE, seed_article, start


def one_line_error(result: subprocess.CompletedProcess, status: int) -> str:
    assert result.returncode == status, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """An archive of 400 articles: more JSON than a pipe buffer holds."""
    path = tmp_path_factory.mktemp("archive") / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        for number in range(400):
            url = f"{BASE}jining/news/201707/{number + 1}.html"
            db.save(seed_article(url=url, pages=[url], headline=f"第{number}条"), run_id=run, fetched_at="t")
    return path


@pytest.mark.parametrize("args, status, words", [
    (["crawl", "--db", "/etc/hostname/a.db"], 2, "/etc/hostname is not a directory"),
    (["crawl", "--base-url", "ftp://example.org"], 2, "must be an http(s) URL"),
    (["crawl", "--base-url", "www.yybnet.net"], 2, "must be an http(s) URL"),
    (["crawl", "--base-url", "http://"], 2, "must be an http(s) URL"),
    (["crawl", "-s", "CONCURRENT_REQUESTS=many"], 2, "CONCURRENT_REQUESTS takes a int"),
    (["crawl", "-s", "DOWNLOAD_DELAY=slow"], 2, "DOWNLOAD_DELAY takes a float"),
    (["crawl", "-s", "ROBOTSTXT_OBEY=perhaps"], 2, "ROBOTSTXT_OBEY takes a bool"),
    (["crawl", "-s", "NOVALUE"], 2, "expected NAME=VALUE"),
    (["crawl", "--channel", ""], 2, "is not a channel"),
    (["crawl", "--channel", "/"], 2, "is not a channel"),
    (["crawl", "--channel", "jining/news"], 2, "is not a channel"),
    (["crawl", "--channel", "a/b/c"], 2, "is not a channel"),
    (["serve", "--port", "99999"], 2, "not a port number"),
    (["serve", "--port", "0"], 2, "not a port number"),
    (["serve", "--db", "/tmp"], 2, "is a directory"),
    (["export", "--db", "/tmp"], 2, "is a directory"),
    (["export", "--db", "/etc/hostname"], 2, "not a SQLite file"),
])
def test_a_mistake_is_one_line_and_its_exit_status(args, status, words):
    line = one_line_error(newsarchive(*args, timeout=60), status)
    assert line.startswith(f"newsarchive {args[0]}: ") and words in line


def test_verbose_adds_the_traceback():
    result = newsarchive("export", "--db", "/etc/hostname", "--verbose")
    assert result.returncode == 2 and "Traceback" in result.stderr


@pytest.mark.parametrize("where", [
    "0) UNION SELECT 1 --",
    "0) UNION SELECT " + ",".join(["1"] * 21) + " --",
    "1; DROP TABLE articles",
    "(year = 2015",
    "source = '济宁晚报",
])
def test_a_condition_that_would_escape_its_where_is_refused(archive, where):
    line = one_line_error(newsarchive("export", "--db", str(archive), "--where", where), 2)
    assert "bad --where condition" in line


def test_a_condition_with_parentheses_and_quoted_brackets_is_fine(archive):
    result = newsarchive("export", "--db", str(archive), "--format", "csv",
                         "--where", "(headline = '第1条)' OR headline IN ('第2条', '第3条')) -- a comment")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "exported 2 records"


def test_export_on_a_foreign_file_blames_the_file_not_the_condition(tmp_path):
    other = tmp_path / "other.db"
    other.write_bytes(os.urandom(4096))
    line = one_line_error(newsarchive("export", "--db", str(other), "--where", "year = 2015"), 2)
    assert "--where" not in line and "not a SQLite file" in line


def test_export_to_a_bad_path_is_one_line_and_keeps_an_existing_file(archive, tmp_path):
    line = one_line_error(newsarchive("export", "--db", str(archive), "-o", "/nonexistent/x.csv"), 1)
    assert "cannot write /nonexistent/x.csv" in line
    kept = tmp_path / "kept.jsonl"
    kept.write_text("earlier export\n")
    one_line_error(newsarchive("export", "--db", str(archive), "--where", "nosuch = 1", "-o", str(kept)), 2)
    assert kept.read_text() == "earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.jsonl"]


def test_export_into_a_closed_pipe_ends_quietly(archive):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = f"{sys.executable} -m newsarchive export --db {archive} | head -1; echo \"status ${{PIPESTATUS[0]}}\""
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith('{"id": 1,') and lines[1] == "status 0"
    assert result.stderr == ""


def test_serve_on_a_busy_port_says_so_and_names_a_free_one(archive):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = newsarchive("serve", "--db", str(archive), "--port", str(port), timeout=60)
    line = one_line_error(result, 1)
    assert f"port {port} on 127.0.0.1 is busy; try --port " in line
    assert "Serving" not in result.stdout + result.stderr
    suggested = int(line.rsplit(" ", 1)[1])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", suggested))  # it was free
