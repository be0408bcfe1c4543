"""`newsarchive reextract`: stored records re-derived from their WARC captures, with no network."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from benchmarks.sitegen import CHANNEL, write_site
from newsarchive.mirror import MirrorServer
from tests.crawling import REPO, connect, run_crawl

# Edits a researcher's script (or a bad migration) could make; each row stays valid SQL.
TAMPERING = (
    "UPDATE articles SET headline = '篡改的标题', body = '' WHERE id = 1",
    "UPDATE articles SET source = NULL, published_at = '1999-01-01', year = 1999 WHERE id = 2",
    # an article with author credits (ids follow the order articles were stored, which varies)
    "UPDATE articles SET authors = '[]' WHERE id = (SELECT min(article_id) FROM credits WHERE kind = 'author')",
    "DELETE FROM credits WHERE article_id = (SELECT min(article_id) FROM credits WHERE kind = 'author')",
    "UPDATE images SET caption = '错' WHERE article_id = (SELECT min(article_id) FROM images)",
    "UPDATE images SET caption = '也错' WHERE article_id = (SELECT max(article_id) FROM images)",
    "UPDATE articles SET year = 1900, paragraphs = 0 WHERE id = 4",  # derived columns only
    "UPDATE articles SET published_at = '昨天' WHERE id = 5",
    # the three-page article cut back to its first page's paragraphs
    "UPDATE articles SET body = substr(body, 1, 20) WHERE json_array_length(pages) > 2",
)


def reextract_command(db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newsarchive", "reextract", "--db", str(db), *extra]


def run_reextract(db: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(reextract_command(db, *extra), capture_output=True, text=True, timeout=300,
                          cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every row a record is made of, bookkeeping included, and its search index entry."""
    conn = sqlite3.connect(db)
    # the index is contentless: its entries are the tokens it holds
    conn.execute("CREATE VIRTUAL TABLE temp.fts_instances USING fts5vocab(main, articles_fts, instance)")
    queries = {
        "articles": "SELECT * FROM articles ORDER BY id",
        "credits": "SELECT * FROM credits ORDER BY article_id, position",
        "images": "SELECT * FROM images ORDER BY article_id, position",
        "article_urls": "SELECT * FROM article_urls ORDER BY url",
        "search": "SELECT doc, col, offset, term FROM temp.fts_instances ORDER BY doc, col, offset",
    }
    return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}


def tamper(db: Path, statements: tuple[str, ...] | list[str]) -> None:
    conn = sqlite3.connect(db)
    with conn:
        for statement in statements:
            assert conn.execute(statement).rowcount > 0, statement
    conn.close()


@pytest.fixture
def archive(mirror_site: Path, expected: dict, tmp_path: Path) -> Path:
    """The test portal crawled into an archive; the mirror is stopped before the test runs."""
    db = tmp_path / "archive.db"
    with MirrorServer(mirror_site) as server:
        result = run_crawl(server.base_url, db, expected["channels"],
                           "-s", "NEWSARCHIVE_WARC_MAX_BYTES=20000")  # several files, to lose one
        assert result.returncode == 0, result.stdout + result.stderr
    return db


def test_tampered_records_come_back_from_warc_with_the_mirror_down(archive: Path) -> None:
    original = snapshot(archive)
    tamper(archive, TAMPERING)
    tampered = snapshot(archive)
    assert tampered != original

    result = run_reextract(archive, "--jobs", "2")
    assert result.returncode == 0, result.stdout + result.stderr

    assert snapshot(archive) == original  # every column, credits, images, URLs, search index
    conn = connect(archive)
    versions = conn.execute("SELECT article_id, headline, body, source FROM article_versions ORDER BY article_id")
    kept = {row["article_id"]: dict(row) for row in versions}
    assert kept[1]["headline"] == "篡改的标题" and kept[1]["body"] == ""
    assert kept[2]["source"] is None
    assert set(kept) == _edited_ids(original, tampered)  # one earlier version per tampered record
    run = conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
    assert json.loads(run["options"])["command"] == "reextract"
    assert (run["articles_changed"], run["pages_requested"], run["exit_status"]) == (len(kept), 0, "ok")
    assert f"{len(kept)} changed" in result.stdout and "pages from WARC" in result.stdout
    assert "reextract:" in result.stderr  # progress


def _edited_ids(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> set[int]:
    """Articles (by id) with a row in articles, credits or images that differs."""
    return {row[0] for table in ("articles", "credits", "images")
            for row in set(before[table]) ^ set(after[table])}


def test_a_rerun_changes_nothing_and_versions_are_not_doubled(archive: Path) -> None:
    tamper(archive, TAMPERING[:2])
    assert run_reextract(archive).returncode == 0
    restored, versions = snapshot(archive), connect(archive).execute("SELECT * FROM article_versions").fetchall()
    result = run_reextract(archive, "--jobs", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(archive) == restored
    assert connect(archive).execute("SELECT * FROM article_versions").fetchall() == versions
    assert " 0 changed" in result.stdout


def test_every_record_names_the_extractor_and_parser_that_produced_it(archive: Path) -> None:
    from newsarchive.extract.version import extractor_version

    tamper(archive, ["UPDATE articles SET extractor_version = NULL, parser = 'old'"])
    assert run_reextract(archive, "--where", "id <= 5").returncode == 0
    rows = connect(archive).execute("SELECT id, parser, extractor_version FROM articles ORDER BY id").fetchall()
    assert all(row["extractor_version"] == extractor_version() and row["parser"] != "old"
               for row in rows if row["id"] <= 5)
    assert all(row["extractor_version"] is None and row["parser"] == "old" for row in rows if row["id"] > 5)


def _restorable(db: Path) -> set[str]:
    """Articles whose page 1 record and every continuation page are in the WARC files left."""
    captured, ids = set(), set()
    for path in (db.parent / "warc").glob("*.warc.gz"):
        with open(path, "rb") as stream:
            try:
                for record in ArchiveIterator(stream):
                    if record.rec_type == "response" and record.http_headers.get_statuscode() == "200":
                        captured.add(record.rec_headers.get_header("WARC-Target-URI"))
                        ids.add(record.rec_headers.get_header("WARC-Record-ID"))
            except Exception:
                pass  # a damaged tail: what came before it counts
    return {
        row["url"] for row in connect(db).execute("SELECT url, pages, warc_record_id FROM articles")
        if row["warc_record_id"] in ids and set(json.loads(row["pages"])) <= captured
    }


@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_a_missing_or_damaged_capture_is_listed_and_its_record_left_alone(archive: Path, damage: str) -> None:
    assert len(list((archive.parent / "warc").glob("*.warc.gz"))) >= 3
    # the file holding the last stored article's page 1, cut inside that record or deleted
    row = connect(archive).execute("SELECT warc_file, warc_record_id FROM articles ORDER BY id DESC").fetchone()
    victim = archive.parent / "warc" / row["warc_file"]
    if damage == "delete":
        victim.unlink()
    else:
        with open(victim, "rb") as stream:
            records = ArchiveIterator(stream)
            offset = next(records.get_record_offset() for record in records
                          if record.rec_headers.get_header("WARC-Record-ID") == row["warc_record_id"])
        victim.write_bytes(victim.read_bytes()[: offset + 100])
    original = snapshot(archive)
    restorable = _restorable(archive)
    urls = [row[1] for row in original["articles"]]
    lost = set(urls) - restorable
    assert lost and restorable
    tamper(archive, ["UPDATE articles SET headline = headline || '（改）'"])
    tampered = snapshot(archive)

    result = run_reextract(archive)
    assert result.returncode == 1, result.stdout + result.stderr
    listed = [line.split("\t") for line in result.stdout.splitlines() if "\t" in line]
    assert sorted(url for _, url, _ in listed) == sorted(lost)
    kinds = {kind for kind, _, _ in listed}
    assert kinds == {"missing"} if damage == "delete" else "damaged" in kinds <= {"missing", "damaged"}
    assert victim.name in "".join(detail for _, _, detail in listed)
    # the summary counts them by kind: a cut file can leave a record damaged and the next missing
    summary = result.stdout.splitlines()[-1]
    for kind in ("missing", "damaged"):
        count = sum(k == kind for k, _, _ in listed)
        assert (f" {count} {kind}" in summary) if count else (kind not in summary), summary
    after = {row[1]: row for row in snapshot(archive)["articles"]}
    for row in tampered["articles"]:
        if row[1] in lost:
            assert after[row[1]] == row  # untouched, still as it was
    for row in original["articles"]:
        if row[1] in restorable:
            assert after[row[1]] == row  # restored
    run = connect(archive).execute("SELECT exit_status, errors FROM crawl_runs ORDER BY id DESC LIMIT 1").fetchone()
    assert run["exit_status"] == "failed"
    assert sum(json.loads(run["errors"]).values()) == len(lost)


def test_killed_halfway_then_rerun_loses_nothing_and_doubles_nothing(tmp_path: Path) -> None:
    site, db = tmp_path / "site", tmp_path / "archive.db"
    facts = write_site(site, articles=400)
    with MirrorServer(site) as server:
        result = run_crawl(server.base_url, db, [CHANNEL])
        assert result.returncode == 0, result.stdout + result.stderr
    original = snapshot(db)
    assert len(original["articles"]) == facts.articles
    tamper(db, ["UPDATE articles SET body = '（空）', source = NULL"])

    child = subprocess.Popen(reextract_command(db, "--jobs", "1"), cwd=REPO, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(REPO)})
    reader = sqlite3.connect(db)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if reader.execute("SELECT count(*) FROM article_versions").fetchone()[0]:
            break  # a batch is committed
        time.sleep(0.01)
    assert child.poll() is None, "reextract finished before it could be killed halfway"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    done = reader.execute("SELECT count(*) FROM article_versions").fetchone()[0]
    assert 0 < done < facts.articles

    result = run_reextract(db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(db) == original
    conn = connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    per_article = conn.execute("SELECT article_id, count(*) FROM article_versions GROUP BY 1").fetchall()
    assert len(per_article) == facts.articles and {row[1] for row in per_article} == {1}
    assert f"{facts.articles - done} changed" in result.stdout


def test_bad_options_get_one_line_and_touch_nothing(tmp_path: Path) -> None:
    missing = run_reextract(tmp_path / "none.db")
    assert missing.returncode == 2 and "no archive at" in missing.stderr
    db = tmp_path / "a.db"
    from newsarchive.store.writer import ArchiveDB

    ArchiveDB(db).close()
    bad = run_reextract(db, "--where", "no_such_column = 1")
    assert bad.returncode == 2 and "bad --where condition" in bad.stderr
    assert connect(db).execute("SELECT count(*) FROM crawl_runs").fetchone()[0] == 0
    assert run_reextract(db, "--jobs", "0").returncode == 2


def test_killed_with_its_workers_running_the_next_run_starts_at_once(archive: Path) -> None:
    from tests.test_extract_pool import _alive, _children

    original = snapshot(archive)
    tamper(archive, TAMPERING)
    child = subprocess.Popen(reextract_command(archive, "--jobs", "2"), cwd=REPO, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline, workers = time.monotonic() + 60, set()
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = {pid for pid in _children(child.pid) if _alive(pid)}
        time.sleep(0.01)
    assert len(workers) == 2
    child.send_signal(signal.SIGKILL)
    child.wait()
    result = run_reextract(archive)  # at once: no worker holds the run lock
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(archive) == original
    time.sleep(1)
    assert not [pid for pid in workers if _alive(pid)]
