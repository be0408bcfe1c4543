"""ArchiveDB: rows written, versions kept, URLs known, runs recorded, crash safety."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from newsarchive.items import Article, Credit, Image
from newsarchive.store import ArchiveDB, schema
from newsarchive.store.schema import MIGRATIONS, SCHEMA_VERSION, SchemaTooNew, migrate
from newsarchive.store.writer import ArchiveWriteFailed

BASE = "http://127.0.0.1:9/"
SEED_URL = BASE + "jining/news/201506/7713943.html"


def seed_article(**changes) -> Article:
    article = Article(
        url=SEED_URL,
        headline="老百姓的“贴心人”——曲阜市驻村联户工作纪实",
        source="济宁晚报",
        published_at="2015-06-22T07:21:00+08:00",
        credits=[
            Credit("梅花", "通讯员"),
            Credit("宋思亮", "通讯员"),
            Credit("陈宏如", "通讯员"),
            Credit("孔丽", "责任编辑", "editor"),
        ],
        body=["每户农户门口都要悬挂联系卡。", "规范管理,建立完善工作机制", "…责令限期进行整改。"],
        images=[Image(BASE + "img/1.jpg", "干部走访农户")],
        channel="曲阜新闻",
        channel_path="jining/qufu",
        region=["山东", "济宁市", "曲阜"],
        pages=[SEED_URL, SEED_URL.replace(".html", "_2.html")],
        parser="templates.yybnet_v1",
    )
    return replace(article, **changes)


def start(db: ArchiveDB) -> int:
    return db.start_run(base_url=BASE, channels=["jining/qufu"], version="0.1.0",
                        options={"refresh": False})


def rows(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_new_article_row_has_every_field(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        assert db.save(seed_article(), run_id=run, fetched_at="2026-01-01T00:00:00+00:00",
                       warc_file="run1.warc.gz", warc_record_id="<urn:uuid:1>") == "new"
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM articles").fetchone())
    assert row["article_id"] == 7713943
    assert row["published_date"] == "2015-06-22"
    assert row["year"] == 2015
    assert json.loads(row["authors"]) == ["梅花", "宋思亮", "陈宏如"]
    assert json.loads(row["editors"]) == ["孔丽"]
    assert row["body"].split("\n")[0] == "每户农户门口都要悬挂联系卡。"
    assert row["paragraphs"] == 3
    assert row["region"] == "山东 / 济宁市 / 曲阜"
    assert json.loads(row["images"]) == [{"src": BASE + "img/1.jpg", "caption": "干部走访农户"}]
    assert (row["first_run_id"], row["last_run_id"]) == (run, run)
    assert (row["warc_file"], row["warc_record_id"]) == ("run1.warc.gz", "<urn:uuid:1>")
    credits = conn.execute(
        "SELECT position, name, role, kind FROM credits ORDER BY position").fetchall()
    assert [tuple(c) for c in credits] == [
        (1, "梅花", "通讯员", "author"), (2, "宋思亮", "通讯员", "author"),
        (3, "陈宏如", "通讯员", "author"), (4, "孔丽", "责任编辑", "editor")]
    images = conn.execute("SELECT position, src, caption FROM images").fetchall()
    assert [tuple(i) for i in images] == [(1, BASE + "img/1.jpg", "干部走访农户")]


def test_unchanged_then_changed_keeps_every_earlier_version(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run1 = start(db)
        assert db.save(seed_article(), run_id=run1, fetched_at="t1") == "new"
        run2 = start(db)
        assert db.save(seed_article(parser="templates.other"), run_id=run2,
                       fetched_at="t2") == "unchanged"
        run3 = start(db)
        edited = seed_article(headline="老百姓的贴心人", credits=[Credit("梅花", "记者")])
        assert db.save(edited, run_id=run3, fetched_at="t3") == "changed"
        assert db.save(seed_article(source="齐鲁晚报"), run_id=run3, fetched_at="t4") == "changed"
    assert rows(path, "SELECT count(*) FROM articles") == [(1,)]
    assert rows(path, "SELECT headline, source, first_run_id, last_run_id, fetched_at"
                " FROM articles") == [(seed_article().headline, "齐鲁晚报", run1, run3, "t4")]
    versions = rows(path, "SELECT headline, json_extract(credits, '$[0].role'), run_id,"
                    " superseded_by_run_id, fetched_at FROM article_versions ORDER BY id")
    assert versions == [
        (seed_article().headline, "通讯员", run2, run3, "t1"),
        ("老百姓的贴心人", "记者", run3, run3, "t3"),
    ]
    # credits follow the current content
    assert rows(path, "SELECT count(*) FROM credits") == [(4,)]


def test_is_known_for_final_redirected_and_continuation_urls(tmp_path):
    with ArchiveDB(tmp_path / "a.db") as db:
        run = start(db)
        old_url = BASE + "jining/news/201506/old-7713943.html"
        db.save(seed_article(), run_id=run, fetched_at="t", requested_url=old_url)
        assert db.is_known(SEED_URL)
        assert db.is_known(old_url)
        assert db.is_known(SEED_URL.replace(".html", "_2.html"))
        assert not db.is_known(SEED_URL.replace("7713943", "7713944"))
        # Reached again through its old URL: the same article, not a new one.
        assert db.save(seed_article(), run_id=run, fetched_at="t",
                       requested_url=old_url) == "unchanged"


def test_mark_seen_updates_last_run(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run1 = start(db)
        db.save(seed_article(), run_id=run1, fetched_at="t")
        run2 = start(db)
        assert db.mark_seen(SEED_URL.replace(".html", "_2.html"), run2)
        assert not db.mark_seen(BASE + "nowhere.html", run2)
    assert rows(path, "SELECT first_run_id, last_run_id FROM articles") == [(run1, run2)]


def test_runs_record_counts_errors_and_exit_status(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        db.finish_run(run, finish_reason="finished",
                      counts={"pages_requested": 12, "articles_new": 3},
                      errors={"timeout": 2}, exit_status="1: nothing stored")
        with pytest.raises(ValueError, match="unknown run counts"):
            db.finish_run(run, finish_reason="x", counts={"articles_lost": 1}, errors={})
        db.save(seed_article(), run_id=run, fetched_at="t")  # pending in the batch
        with pytest.raises(ValueError, match="no crawl run 99"):
            db.finish_run(99, finish_reason="x", counts={}, errors={})
    assert rows(path, "SELECT count(*) FROM articles") == [(1,)]
    run_row = rows(path, "SELECT base_url, channels, options, finish_reason,"
                   " pages_requested, articles_new, articles_changed, errors, exit_status,"
                   " finished_at IS NOT NULL FROM crawl_runs")
    assert run_row == [(BASE, '["jining/qufu"]', '{"refresh": false}', "finished", 12, 3,
                        0, '{"timeout": 2}', "1: nothing stored", 1)]


def test_channel_complete_is_per_site_and_channel(tmp_path):
    with ArchiveDB(tmp_path / "a.db") as db:
        run = start(db)
        assert not db.channel_complete("jining/qufu", BASE)
        db.set_channel_complete("jining/qufu", BASE, run)
        db.set_channel_complete("jining/qufu", BASE, run)
        assert db.channel_complete("jining/qufu", BASE.rstrip("/"))
        assert not db.channel_complete("jining/sishui", BASE)
        assert not db.channel_complete("jining/qufu", "http://127.0.0.1:10/")


def test_writes_are_committed_in_batches(tmp_path):
    path = tmp_path / "a.db"
    db = ArchiveDB(path, batch_size=3)
    run = start(db)
    for n in range(2):
        db.save(seed_article(url=f"{BASE}jining/news/201506/{n}.html", pages=[]),
                run_id=run, fetched_at="t")
    assert rows(path, "SELECT count(*) FROM articles") == [(0,)]
    db.save(seed_article(url=f"{BASE}jining/news/201506/2.html", pages=[]),
            run_id=run, fetched_at="t")
    assert rows(path, "SELECT count(*) FROM articles") == [(3,)]
    db.save(seed_article(url=f"{BASE}jining/news/201506/3.html", pages=[]),
            run_id=run, fetched_at="t")
    db.flush()
    assert rows(path, "SELECT count(*) FROM articles") == [(4,)]
    db.close()


def test_failed_save_leaves_no_part_of_that_article(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        db.save(seed_article(), run_id=run, fetched_at="t")
        broken = seed_article(url=BASE + "jining/news/201506/2.html", pages=[],
                              credits=[Credit("王涛", "记者"), Credit(None, None)])
        with pytest.raises(sqlite3.IntegrityError):
            db.save(broken, run_id=run, fetched_at="t")
        with pytest.raises(ValueError, match="headline"):
            db.save(seed_article(headline=""), run_id=run, fetched_at="t")
        with pytest.raises(ValueError, match="ISO 8601"):
            db.save(seed_article(published_at="06-22 07:21"), run_id=run, fetched_at="t")
    assert rows(path, "SELECT url FROM articles") == [(SEED_URL,)]
    assert rows(path, "SELECT count(*) FROM credits") == [(4,)]
    assert rows(path, "SELECT count(*) FROM articles_fts") == [(1,)]


_WRITER = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    sys.path[:0] = [sys.argv[2], sys.argv[3]]
    from test_store import seed_article, start, BASE
    from newsarchive.store import ArchiveDB
    db = ArchiveDB(sys.argv[1], batch_size=10)
    run = start(db)
    for n in range(25):  # two batches committed, five saves in the open one
        url = f"{BASE}jining/news/201506/{n}.html"
        db.save(seed_article(url=url, pages=[url], headline=f"第{n}篇"),
                run_id=run, fetched_at="t")
    print("mid-batch", flush=True)
    sys.stdin.read()  # wait here to be killed
    """
)


def test_killed_writer_leaves_whole_batches_only(tmp_path):
    path = tmp_path / "a.db"
    repo = Path(__file__).resolve().parents[1]
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), str(repo / "tests"), str(repo)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline() == "mid-batch\n"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert stored == 20
    # every stored article is whole: 4 credits, 1 image, its URL, its index entry
    assert conn.execute("SELECT count(*) FROM credits").fetchone()[0] == 4 * stored
    assert conn.execute("SELECT count(*) FROM images").fetchone()[0] == stored
    assert conn.execute("SELECT count(*) FROM article_urls").fetchone()[0] == stored
    assert conn.execute(
        "SELECT count(*) FROM articles a JOIN articles_fts f ON f.rowid = a.id"
    ).fetchone()[0] == stored
    conn.close()

    # a new run stores the rest once
    with ArchiveDB(path) as db:
        run = start(db)
        results = [db.save(seed_article(url=f"{BASE}jining/news/201506/{n}.html",
                                        pages=[f"{BASE}jining/news/201506/{n}.html"],
                                        headline=f"第{n}篇"),
                           run_id=run, fetched_at="t") for n in range(40)]
    assert results.count("new") == 40 - stored
    assert rows(path, "SELECT count(*), count(DISTINCT url) FROM articles") == [(40, 40)]


def test_migrations_are_idempotent_and_upgrade_old_archives(tmp_path):
    path = tmp_path / "a.db"
    # An archive at schema version 1 (before the search index), with an article.
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.execute(
        "INSERT INTO articles (url, headline, authors, editors, body, paragraphs, images,"
        " parser, pages, fetched_at, last_seen_at, content_hash) VALUES"
        " (?, '曲阜新闻一则', '[]', '[]', '驻村联户', 1, '[]', 'p', '[]', 't', 't', 'h')",
        (SEED_URL,))
    conn.close()

    ArchiveDB(path).close()
    ArchiveDB(path).close()
    assert rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(path, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH"
                " '\"驻 村 联 户\"'") == [(1,)]
    assert rows(path, "PRAGMA journal_mode") == [("wal",)]

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(SchemaTooNew):
        migrate(conn)
    conn.close()


def test_plain_sqlite3_can_write_articles(tmp_path):
    """No trigger or default needs anything a stock sqlite3 lacks."""
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        db.save(seed_article(), run_id=start(db), fetched_at="t")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE articles SET headline = '改过的标题'")
    conn.execute("INSERT INTO articles (url, headline, authors, editors, body, paragraphs,"
                 " images, parser, pages, fetched_at, last_seen_at, content_hash) VALUES"
                 " ('u', 'h', '[]', '[]', 'b', 1, '[]', 'p', '[]', 't', 't', 'x')")
    conn.execute("DELETE FROM articles WHERE url = 'u'")
    conn.commit()
    assert conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall() == []
    conn.close()


def generated_article(n: int, paragraphs: int = 1) -> Article:
    url = f"{BASE}jining/news/201506/{8000000 + n}.html"
    return seed_article(url=url, pages=[url], headline=f"第{n}篇", body=[f"第{n}篇的正文。" * 50] * paragraphs)


@pytest.mark.parametrize("batch_size", [1, 4, 1000])
def test_a_refused_write_rolls_the_batch_back_and_counts_only_what_was_committed(tmp_path, batch_size):
    path = tmp_path / "a.db"
    failures = []
    db = ArchiveDB(path, batch_size=batch_size, commit_seconds=3600, on_failure=failures.append)
    run = start(db)
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages + 20}")  # SQLite's "database or disk is full"
    results = []
    with pytest.raises(ArchiveWriteFailed, match=f"cannot write the archive {path}: database or disk is full"):
        for n in range(200):
            results.append(db.save(generated_article(n, paragraphs=3), run_id=run, fetched_at="t"))
    assert len(failures) == 1 and str(failures[0]).startswith("cannot write the archive")
    db.close()  # nothing pending: no second error
    stored = rows(path, "SELECT count(*) FROM articles")[0][0]
    assert db.committed["new"] == stored <= len(results)
    assert stored % batch_size == 0  # whole batches, never part of one
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]

    # With room again, a new writer stores the rest, each article once.
    with ArchiveDB(path) as again:
        run = start(again)
        saved = [again.save(generated_article(n, paragraphs=3), run_id=run, fetched_at="t") for n in range(200)]
    assert saved.count("new") == 200 - stored
    assert rows(path, "SELECT count(*), count(DISTINCT url) FROM articles") == [(200, 200)]


def test_a_batch_is_committed_once_it_is_old_enough(tmp_path):
    path = tmp_path / "a.db"
    db = ArchiveDB(path, batch_size=100, commit_seconds=0.3)
    run = start(db)
    db.save(generated_article(1), run_id=run, fetched_at="t")
    db.commit_if_due()  # too young
    assert rows(path, "SELECT count(*) FROM articles") == [(0,)]
    time.sleep(0.4)
    db.commit_if_due()  # a timer's call, with no save coming
    assert rows(path, "SELECT count(*) FROM articles") == [(1,)]
    db.save(generated_article(2), run_id=run, fetched_at="t")
    time.sleep(0.4)
    db.save(generated_article(3), run_id=run, fetched_at="t")  # the save finds its batch old
    assert rows(path, "SELECT count(*) FROM articles") == [(3,)]
    assert db.committed["new"] == 3
    db.close()


def test_an_article_without_its_capture_is_not_settled_until_saved_with_one(tmp_path):
    with ArchiveDB(tmp_path / "a.db") as db:
        run = start(db)
        old_url = BASE + "jining/news/201506/old-7713943.html"
        db.save(seed_article(), run_id=run, fetched_at="t1", requested_url=old_url)
        continuation = SEED_URL.replace(".html", "_2.html")
        for url in (SEED_URL, old_url, continuation):
            assert db.is_known(url) and not db.is_captured(url)
        # Fetched again with its capture: unchanged, and the capture is filled in.
        assert db.save(seed_article(), run_id=run, fetched_at="t2", warc_file="w1.warc.gz",
                       warc_record_id="<urn:uuid:1>") == "unchanged"
        assert all(db.is_captured(url) for url in (SEED_URL, old_url, continuation))
        # A capture once recorded is kept: a later unchanged fetch does not move it.
        db.save(seed_article(), run_id=run, fetched_at="t3", warc_file="w2.warc.gz",
                warc_record_id="<urn:uuid:2>")
        row = db.conn.execute("SELECT warc_file, warc_record_id, fetched_at FROM articles").fetchone()
        assert row == ("w1.warc.gz", "<urn:uuid:1>", "t1")


def test_runs_that_never_recorded_their_end_are_marked_killed(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        finished = start(db)
        db.finish_run(finished, finish_reason="finished", counts={}, errors={}, exit_status="ok")
        killed = [start(db), start(db)]
        assert db.close_abandoned_runs() == 2
        assert db.close_abandoned_runs() == 0
        current = start(db)
    assert rows(path, "SELECT id, finish_reason, exit_status, finished_at IS NULL FROM crawl_runs"
                " ORDER BY id") == [
        (finished, "finished", "ok", 0), (killed[0], "killed", "killed", 1),
        (killed[1], "killed", "killed", 1), (current, None, None, 1)]


def test_a_failed_migration_reports_its_own_error(tmp_path, monkeypatch):
    path = tmp_path / "a.db"

    def runs_out_of_space(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE scratch (x)")
        conn.execute("ROLLBACK")  # what SQLite does itself when the disk fills
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(schema, "MIGRATIONS", [*MIGRATIONS, runs_out_of_space])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(ArchiveWriteFailed) as failed:
        ArchiveDB(path)
    assert str(failed.value) == f"cannot prepare the archive {path}: database or disk is full"
    assert str(failed.value.__cause__) == "database or disk is full"
    # The migrations before it are kept; nothing of the failed one is.
    assert rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(path, "SELECT name FROM sqlite_master WHERE name = 'scratch'") == []


@pytest.mark.parametrize("seed", range(5))
def test_settled_among_answers_for_a_whole_list_what_is_captured_or_is_skipped_say_of_each_link(tmp_path, seed):
    """A list page's links asked at once: stored with and without a capture, reached by
    an old URL or a continuation page, skipped, unknown, repeated, and more links than
    one query takes."""
    rng = random.Random(seed)
    with ArchiveDB(tmp_path / "a.db", batch_size=rng.choice([1, 7, 100])) as db:
        run = start(db)
        links = []
        for n in range(rng.randint(400, 1200)):
            article = generated_article(n)
            continuation = article.url.replace(".html", "_2.html")
            kind = rng.choice(["captured", "uncaptured", "old url", "continuation", "skipped", "unknown"])
            if kind == "skipped":
                db.mark_skipped(article.url, "not_an_article", run)
            elif kind != "unknown":
                if kind == "continuation":
                    article.pages = [article.url, continuation]
                old_url = article.url.replace(".html", "-old.html")
                db.save(article, run_id=run, fetched_at="t", requested_url=old_url if kind == "old url" else None,
                        warc_file=None if kind == "uncaptured" else "w.warc.gz",
                        warc_record_id=None if kind == "uncaptured" else f"<urn:uuid:{n}>")
                if kind == "old url":
                    links.append(old_url)
                if kind == "continuation":
                    links.append(continuation)
            links.append(article.url)
        links += rng.sample(links, 50)  # a list that links some articles twice
        rng.shuffle(links)
        expected = {url for url in links if db.is_captured(url) or db.is_skipped(url)}
        assert db.settled_among(links) == expected
        assert expected and set(links) - expected  # both kinds were asked about
        assert db.settled_among([]) == set()
