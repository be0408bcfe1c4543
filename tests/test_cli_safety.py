"""No command of the tool destroys an archive it did not make: `demo --db` refuses them."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.crawling import run_crawl
from tests.test_cli import newsarchive


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_demo_refuses_a_crawled_archive_and_leaves_it_intact(mirror, expected, tmp_path):
    db = tmp_path / "archive.db"
    crawled = run_crawl(mirror.base_url, db, ["jining/qufu"])
    assert crawled.returncode == 0, crawled.stdout + crawled.stderr
    captures = sorted((tmp_path / "warc").glob("*.warc.gz"))
    before = (digest(db), sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    assert before[1] > 0

    result = newsarchive("demo", "--db", str(db))

    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "something other than a demo archive" in result.stderr
    assert (digest(db), sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0]) == before
    assert sorted((tmp_path / "warc").glob("*.warc.gz")) == captures


@pytest.mark.parametrize("content", [b"field notes, not an archive\n", b"SQLite format 3\x00" + bytes(200)])
def test_demo_refuses_any_other_file(tmp_path, content):
    other = tmp_path / "notes.db"
    other.write_bytes(content)
    result = newsarchive("demo", "--db", str(other))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert other.read_bytes() == content


def test_demo_help_says_what_it_does_to_the_file():
    result = newsarchive("demo", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "REPLACES its file" in text and "refused" in text
