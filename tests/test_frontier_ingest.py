"""`newsarchive ingest`, the one writer of a distributed crawl, against a real redis-server:
the archive holds exactly what the workers sent, once, whatever stops the writer."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from newsarchive.frontier import stream as stream_module
from newsarchive.frontier.ingest import IngestOptions, ingest
from newsarchive.frontier.protocol import FrontierKeys, url_key
from newsarchive.frontier.stream import stream_position
from newsarchive.items import ExtractedArticle
from newsarchive.store import ArchiveDB
from tests.crawling import connect
from tests.frontier_feed import BASE_URL, CHANNELS, Feed, portal_articles, run_ingest, start_ingest
from tests.redis_server import free_port
from tests.test_store_faults import fill, grow, small_disk  # noqa: F401 - small_disk is a fixture

GONE = BASE_URL + "/jining/news/201601/7900404.html"


def article_rows(db: Path) -> dict[str, dict]:
    """Every stored article with its credits and images, by URL, without bookkeeping columns."""
    conn = connect(db)
    rows = {}
    for row in conn.execute("SELECT * FROM articles ORDER BY url"):
        credits = [tuple(c) for c in conn.execute(
            "SELECT name, role, kind FROM credits WHERE article_id = ? ORDER BY position", (row["id"],))]
        images = [tuple(i) for i in conn.execute(
            "SELECT src, caption FROM images WHERE article_id = ? ORDER BY position", (row["id"],))]
        rows[row["url"]] = {
            "headline": row["headline"], "source": row["source"], "published_at": row["published_at"],
            "body": row["body"].split("\n"), "channel_path": row["channel_path"], "pages": json.loads(row["pages"]),
            "credits": credits, "images": images, "warc_record_id": row["warc_record_id"],
        }
    conn.close()
    return rows


def sent_rows(items: list[ExtractedArticle]) -> dict[str, dict]:
    """What article_rows should say of the articles sent."""
    return {
        item.article.url: {
            "headline": item.article.headline, "source": item.article.source,
            "published_at": item.article.published_at, "body": item.article.body,
            "channel_path": item.article.channel_path, "pages": item.article.pages,
            "credits": [(c.name, c.role, c.kind) for c in item.article.credits],
            "images": [(i.src, i.caption) for i in item.article.images],
            "warc_record_id": item.capture.warc_record_id,
        }
        for item in items
    }


def archive_state(db: Path) -> dict[str, list[tuple]]:
    """Everything a replay must leave as it was."""
    conn = sqlite3.connect(db)
    state = {
        "articles": conn.execute("SELECT id, url, content_hash, first_run_id, last_run_id, last_seen_at, warc_record_id"
                                 " FROM articles ORDER BY id").fetchall(),
        "versions": conn.execute("SELECT count(*) FROM article_versions").fetchall(),
        "credits": conn.execute("SELECT count(*) FROM credits").fetchall(),
        "runs": conn.execute("SELECT id, finish_reason, exit_status, articles_new, articles_changed,"
                             " articles_unchanged, pages_requested, errors FROM crawl_runs").fetchall(),
        "workers": conn.execute("SELECT * FROM crawl_run_workers ORDER BY worker").fetchall(),
    }
    conn.close()
    return state


def one_run(db: Path) -> sqlite3.Row:
    conn = connect(db)
    runs = conn.execute("SELECT * FROM crawl_runs").fetchall()
    conn.close()
    assert len(runs) == 1, [dict(r) for r in runs]
    return runs[0]


def workers_of(db: Path) -> dict[str, sqlite3.Row]:
    conn = connect(db)
    rows = {row["worker"]: row for row in conn.execute("SELECT * FROM crawl_run_workers")}
    conn.close()
    return rows


def whole_crawl(feed: Feed, items: list[ExtractedArticle]) -> None:
    """Two workers share the articles; one also finds a dead link; both leave."""
    feed.start("worker-a")
    half = len(items) // 2
    feed.articles("worker-a", items[:half])
    feed.articles("worker-b", items[half:])
    feed.send("skip", "worker-b", {"url": GONE, "reason": "404"})
    feed.finished("worker-a", **{"downloader/request_count": 30, "newsarchive/errors/page/timeout": 2,
                                 "newsarchive/articles/new": 99})  # a stat of saves: the ingest's count
    feed.finished("worker-b", **{"downloader/request_count": 12, "newsarchive/not_followed/offsite": 3})
    feed.done()


def wait_for(condition, timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # the schema is not made yet
        return 0


# -- what the archive holds -----------------------------------------------------------------

def test_the_archive_holds_exactly_the_records_the_workers_sent(redis_server, tmp_path):
    items = portal_articles()
    feed = Feed(redis_server.client())
    whole_crawl(feed, items)
    db = tmp_path / "archive.db"

    result = run_ingest(redis_server.url, db, "--until-idle")

    assert result.returncode == 0, result.stdout + result.stderr
    assert article_rows(db) == sent_rows(items)
    assert feed.pending() == 0
    run = one_run(db)
    assert json.loads(run["options"])["crawl"] == "crawl-1"
    assert json.loads(run["channels"]) == CHANNELS and run["base_url"] == BASE_URL
    # the ingest's saves, and the workers' own counts summed
    assert (run["articles_new"], run["articles_changed"], run["articles_unchanged"]) == (len(items), 0, 0)
    assert run["pages_requested"] == 42
    assert json.loads(run["errors"]) == {"newsarchive/errors/page/timeout": 2}
    assert json.loads(run["links_not_followed"]) == {"offsite": 3}
    assert (run["finish_reason"], run["exit_status"]) == ("finished", "ok")
    workers = workers_of(db)
    assert {name: (w["finish_reason"], w["lost"], w["articles_stored"]) for name, w in workers.items()} == {
        "worker-a": ("finished", 0, len(items) // 2), "worker-b": ("finished", 0, len(items) - len(items) // 2)}
    assert json.loads(workers["worker-a"]["counts"])["pages_requested"] == 30
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT url, reason FROM skipped_pages").fetchall() == [(GONE, "404")]
    assert sorted(conn.execute("SELECT base_url, channel_path, completed_run_id FROM channel_state")) == [
        (BASE_URL, channel, run["id"]) for channel in CHANNELS]
    # the reprints table was brought up to date: every article signed
    assert conn.execute("SELECT count(*) FROM reprint_signatures").fetchone() == (len(items),)
    conn.close()
    assert f"run {run['id']} finished: {len(items)} new," in result.stdout
    assert "newsarchive: run ok (exit 0)" in result.stdout

    # what the archive holds is published: every URL of a stored article, the dead link
    client = redis_server.client()
    keys = FrontierKeys()
    settled = {member.decode() for member in client.smembers(keys.settled)}
    assert settled == {url_key(url) for item in items for url in item.article.pages} | {url_key(GONE)}
    assert {m.decode() for m in client.smembers(keys.complete_channels)} == {
        f"{BASE_URL} {channel}" for channel in CHANNELS}


def test_what_the_archive_holds_is_published_when_the_ingest_starts(redis_server, tmp_path):
    db = tmp_path / "archive.db"
    captured, uncaptured = portal_articles()[:2]
    with ArchiveDB(db) as archive:
        run_id = archive.start_run(base_url=BASE_URL, channels=["jining/qufu"], version="t", options={})
        archive.save(captured.article, run_id=run_id, fetched_at="t", warc_file="w", warc_record_id="<urn:1>",
                     requested_url=BASE_URL + "/old/1.html")
        archive.save(uncaptured.article, run_id=run_id, fetched_at="t")  # its WARC write failed: fetched again
        archive.mark_skipped(GONE, "404", run_id)
        archive.set_channel_complete("jining/qufu", BASE_URL, run_id)
        archive.finish_run(run_id, finish_reason="finished", counts={}, errors={}, exit_status="ok")
    client = redis_server.client()
    keys = FrontierKeys("province")
    client.sadd(keys.complete_channels, f"{BASE_URL} jining/sishui")  # no longer true: replaced
    client.hset(keys.crawl, mapping={"id": "earlier", "state": "done"})

    result = run_ingest(redis_server.url, db, "--until-idle", "--prefix", "province")

    assert result.returncode == 0, result.stdout + result.stderr
    assert {m.decode() for m in client.smembers(keys.settled)} == {
        url_key(url) for url in [*captured.article.pages, BASE_URL + "/old/1.html", GONE]}
    assert {m.decode() for m in client.smembers(keys.complete_channels)} == {f"{BASE_URL} jining/qufu"}
    assert client.exists(FrontierKeys().settled) == 0  # another prefix, another frontier


def test_publishing_a_large_archive_is_done_in_few_round_trips(redis_server, tmp_path):
    from newsarchive.frontier.connection import Frontier
    from newsarchive.frontier.holdings import publish_settled

    urls = [f"{BASE_URL}/jining/news/2015/{n}.html" for n in range(60_000)]
    frontier = Frontier(redis_server.url)
    started = time.monotonic()
    assert publish_settled(frontier, FrontierKeys(), urls) == len(urls)
    assert time.monotonic() - started < 10
    assert redis_server.client().scard(FrontierKeys().settled) == len(urls)


# -- replays: nothing changes ---------------------------------------------------------------

def test_a_replay_of_acknowledged_records_changes_nothing(redis_server, tmp_path):
    items = portal_articles()
    client = redis_server.client()
    feed = Feed(client)
    whole_crawl(feed, items)
    sent = [fields for _id, fields in client.xrange(feed.keys.records)]
    db = tmp_path / "archive.db"
    assert run_ingest(redis_server.url, db, "--until-idle").returncode == 0
    before = archive_state(db)
    # what is stored and acknowledged leaves the stream: Redis keeps no crawl's history
    assert client.xlen(feed.keys.records) == 0

    # Every record sent a second time (a worker that retried): new stream ids.
    for fields in sent:
        if fields[b"kind"] != b"skip":  # a skipped page notes when it was skipped last
            client.xadd(feed.keys.records, fields)
    assert run_ingest(redis_server.url, db, "--until-idle").returncode == 0
    assert archive_state(db) == before
    assert feed.pending() == 0


def test_an_article_fetched_twice_in_a_run_is_stored_and_counted_once(redis_server, tmp_path):
    items = portal_articles()[:4]
    feed = Feed(redis_server.client())
    feed.start("worker-a")
    feed.articles("worker-a", items)
    feed.articles("worker-b", items[:2])  # worker-a was killed after sending, its leases went to worker-b
    feed.finished("worker-b")
    feed.done()
    db = tmp_path / "archive.db"

    result = run_ingest(redis_server.url, db, "--until-idle", "--lost-after", "0")

    assert result.returncode == 0, result.stdout + result.stderr
    assert article_rows(db) == sent_rows(items)
    run = one_run(db)
    assert (run["articles_new"], run["articles_unchanged"]) == (4, 0)
    assert {w: row["articles_stored"] for w, row in workers_of(db).items()} == {"worker-a": 4, "worker-b": 0}


def test_a_batch_committed_but_not_acknowledged_is_not_counted_again(redis_server, tmp_path, monkeypatch):
    """The writer dies between its commit and its XACK: the records come back, and are
    recognised as stored."""
    items = portal_articles()
    feed = Feed(redis_server.client())
    whole_crawl(feed, items)
    db = tmp_path / "archive.db"

    def dies(self, ids):
        raise KeyboardInterrupt  # as kill -9 would, right after the commit

    with monkeypatch.context() as patched:
        patched.setattr(stream_module.RecordStream, "ack", dies)
        with pytest.raises(KeyboardInterrupt):
            ingest(IngestOptions(frontier=redis_server.url, db=db, until_idle=True), report=lambda line: None)
    assert stored_count(db) == len(items)  # committed
    assert feed.pending() > 0  # not acknowledged

    outcome = ingest(IngestOptions(frontier=redis_server.url, db=db, until_idle=True), report=lambda line: None)

    assert outcome.exit_status == 0
    assert article_rows(db) == sent_rows(items)
    run = one_run(db)
    assert (run["articles_new"], run["articles_changed"], run["articles_unchanged"]) == (len(items), 0, 0)
    assert feed.pending() == 0


# -- the writer stopped or killed ---------------------------------------------------------------

def test_a_writer_killed_mid_batch_then_restarted_loses_and_doubles_nothing(redis_server, tmp_path):
    items = portal_articles(copies=30)  # 630 articles
    feed = Feed(redis_server.client())
    db = tmp_path / "archive.db"
    feed.start("worker-a")
    writer = start_ingest(redis_server.url, db)
    sent = 0
    try:
        while stored_count(db) == 0:  # arriving over a while, as from a crawl, until a first commit
            assert sent < len(items), "no commit while every article was sent"
            feed.articles("worker-a", items[sent:sent + 5])
            sent += 5
            time.sleep(0.05)
        feed.articles("worker-a", items[sent:sent + 20])  # the next batch is read, not committed
        sent += 20
        wait_for(lambda: feed.pending() > 0, what="records read and not acknowledged")
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
    finally:
        writer.kill()
        writer.communicate()
    assert 0 < stored_count(db) < sent
    assert feed.pending() > 0  # the killed writer's batch: read, never committed

    feed.articles("worker-a", items[sent:])
    feed.finished("worker-a")
    feed.done()
    result = run_ingest(redis_server.url, db, "--until-idle")

    assert result.returncode == 0, result.stdout + result.stderr
    assert article_rows(db) == sent_rows(items)
    run = one_run(db)
    assert (run["articles_new"], run["articles_unchanged"], run["exit_status"]) == (len(items), 0, "ok")
    assert feed.pending() == 0


def test_sigterm_commits_acknowledges_and_exits_130_leaving_the_run_open(redis_server, tmp_path):
    items = portal_articles()
    feed = Feed(redis_server.client())
    db = tmp_path / "archive.db"
    feed.start("worker-a")
    feed.articles("worker-a", items)
    writer = start_ingest(redis_server.url, db)
    wait_for(lambda: stored_count(db) == len(items) and feed.pending() == 0, what="the articles stored")
    writer.send_signal(signal.SIGTERM)
    stdout, stderr = writer.communicate(timeout=20)

    assert writer.returncode == 130, stdout + stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("newsarchive ingest: stopped after storing")
    run = one_run(db)
    assert run["finished_at"] is None and run["articles_new"] == len(items)  # the crawl goes on

    feed.finished("worker-a")
    feed.done()
    result = run_ingest(redis_server.url, db, "--until-idle")  # the next writer finishes the run
    assert result.returncode == 0, result.stdout + result.stderr
    run = one_run(db)
    assert (run["exit_status"], run["articles_new"]) == ("ok", len(items))


def test_until_idle_waits_while_the_crawl_runs(redis_server, tmp_path):
    items = portal_articles()
    feed = Feed(redis_server.client())
    db = tmp_path / "archive.db"
    feed.start("worker-a")
    writer = start_ingest(redis_server.url, db, "--until-idle")
    try:
        feed.articles("worker-a", items)
        wait_for(lambda: stored_count(db) == len(items), what="the articles stored")
        # each commit is published at once: the workers skip what is stored
        wait_for(lambda: feed.client.scard(feed.keys.settled) == len({url_key(url) for item in items
                                                                      for url in item.article.pages}),
                 what="the stored articles published")
        time.sleep(2)
        assert writer.poll() is None  # the crawl still runs: more may come
        feed.finished("worker-a")
        feed.done()
        stdout, stderr = writer.communicate(timeout=30)
    finally:
        writer.kill()
    assert writer.returncode == 0, stdout + stderr
    assert one_run(db)["exit_status"] == "ok"


def test_redis_restarted_mid_ingest(redis_server, tmp_path):
    items = portal_articles(copies=4)
    feed = Feed(redis_server.client())
    db = tmp_path / "archive.db"
    feed.start("worker-a")
    half = len(items) // 2
    feed.articles("worker-a", items[:half])
    writer = start_ingest(redis_server.url, db, "--until-idle")
    try:
        wait_for(lambda: stored_count(db) == half, what="the first half stored")
        redis_server.restart()
        feed = Feed(redis_server.client())
        feed.articles("worker-a", items[half:])
        feed.finished("worker-a")
        feed.done()
        stdout, stderr = writer.communicate(timeout=60)
    finally:
        writer.kill()
    assert writer.returncode == 0, stdout + stderr
    assert article_rows(db) == sent_rows(items)
    assert one_run(db)["articles_new"] == len(items)
    assert feed.pending() == 0


# -- the run's workers and verdict -------------------------------------------------------------

def test_a_worker_that_never_finished_is_recorded_lost_and_no_channel_is_complete(redis_server, tmp_path):
    items = portal_articles()[:6]
    client = redis_server.client()
    feed = Feed(client)
    feed.start("worker-a")
    feed.articles("worker-a", items[:3])
    feed.articles("worker-b", items[3:])  # then killed: no worker_finished
    # a third registered with the frontier and was killed before sending anything
    client.hset(feed.keys.workers, "worker-c", json.dumps({"crawl": "crawl-1", "state": "running", "heartbeat": 0}))
    client.hset(feed.keys.workers, "worker-old", json.dumps({"crawl": "crawl-0", "state": "finished"}))
    feed.finished("worker-a")
    feed.done()
    db = tmp_path / "archive.db"

    result = run_ingest(redis_server.url, db, "--until-idle", "--lost-after", "1")

    assert result.returncode == 0, result.stdout + result.stderr  # the crawl went on without them
    assert {name: (w["finish_reason"], w["lost"]) for name, w in workers_of(db).items()} == {
        "worker-a": ("finished", 0), "worker-b": (None, 1), "worker-c": (None, 1)}
    run = one_run(db)
    assert json.loads(run["errors"]) == {"newsarchive/errors/ingest/workers_lost": 2}
    assert sqlite3.connect(db).execute("SELECT count(*) FROM channel_state").fetchone() == (0,)
    assert "worker-b (lost)" in result.stdout


@pytest.mark.parametrize(("reason", "failed_channel"), [("shutdown", None), ("finished", "jining/qufu")])
def test_a_run_not_finished_everywhere_is_failed_or_incomplete(redis_server, tmp_path, reason, failed_channel):
    feed = Feed(redis_server.client())
    feed.start("worker-a")
    feed.articles("worker-a", portal_articles()[:3])
    if failed_channel:
        feed.send("channel_failed", "worker-a", {"channel": failed_channel})
    feed.finished("worker-a", reason=reason)
    feed.done()
    db = tmp_path / "archive.db"

    result = run_ingest(redis_server.url, db, "--until-idle")

    run = one_run(db)
    completed = {row[0] for row in sqlite3.connect(db).execute("SELECT channel_path FROM channel_state")}
    if reason == "shutdown":
        assert result.returncode == 1, result.stdout + result.stderr
        assert run["exit_status"] == "failed: the crawl did not finish (shutdown)"
        assert "newsarchive: run failed (exit 1): the crawl did not finish (shutdown)" in result.stdout
        assert completed == set()
    else:
        assert result.returncode == 0, result.stdout + result.stderr
        assert json.loads(workers_of(db)["worker-a"]["channels_failed"]) == [failed_channel]
        assert completed == set()  # not one channel: the crawl did not page that one to its end


# -- bad input and faults ---------------------------------------------------------------------

def test_a_malformed_record_is_counted_acknowledged_and_the_rest_stored(redis_server, tmp_path):
    items = portal_articles()[:5]
    client = redis_server.client()
    feed = Feed(client)
    feed.start("worker-a")
    feed.articles("worker-a", items[:2])
    client.xadd(feed.keys.records, {"kind": "dance", "crawl": "crawl-1", "worker": "worker-a", "data": "{}"})
    client.xadd(feed.keys.records, {"kind": "article", "crawl": "crawl-1", "worker": "worker-a", "data": "{not json"})
    client.xadd(feed.keys.records, {"crawl": "crawl-1"})
    feed.send("article", "worker-a", {"article": {"url": "x"}, "capture": {}})  # fields missing
    bad_date = portal_articles()[5]
    bad_date.article.published_at = "yesterday"
    feed.articles("worker-a", [bad_date])  # the archive refuses it
    feed.articles("worker-a", items[2:])
    feed.finished("worker-a")
    feed.done()
    db = tmp_path / "archive.db"

    result = run_ingest(redis_server.url, db, "--until-idle")

    assert result.returncode == 0, result.stdout + result.stderr
    assert article_rows(db) == sent_rows(items)
    assert json.loads(one_run(db)["errors"]) == {"newsarchive/errors/ingest/malformed_record": 5}
    assert result.stderr.count("is malformed and was left out") == 5
    assert "Traceback" not in result.stderr
    assert feed.pending() == 0


@pytest.mark.parametrize("url", ["redis://127.0.0.1:{port}/0", "redis://127.0.0.1:{redis}/99",
                                 "redis://nohost.invalid:6379/0"])
def test_an_unreachable_redis_is_one_line_and_exit_75(redis_server, tmp_path, url):
    url = url.format(port=free_port(), redis=redis_server.port)
    result = run_ingest(url, tmp_path / "archive.db", "--until-idle", timeout=60)
    assert result.returncode == 75, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsarchive ingest: ") and url in lines[0], result.stderr
    assert not (tmp_path / "archive.db").exists()


def test_a_url_that_is_no_redis_url_is_a_usage_error(tmp_path):
    result = run_ingest("http://127.0.0.1:6379/0", tmp_path / "archive.db")
    assert result.returncode == 2
    assert "is not a Redis URL" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("prefix", ["a b", "keys:x", "-x", ""])
def test_a_prefix_that_cannot_name_keys_is_a_usage_error(tmp_path, prefix):
    # Checked as the workers' --prefix is: a writer on other keys than its workers' would wait forever.
    result = run_ingest("redis://127.0.0.1:6379/0", tmp_path / "archive.db", f"--prefix={prefix}")
    assert result.returncode == 2, result.stderr
    assert "use letters, digits" in result.stderr
    assert not (tmp_path / "archive.db").exists()


def test_a_second_writer_on_one_archive_waits_its_turn(redis_server, tmp_path):
    from newsarchive.archive.lock import RunLock

    db = tmp_path / "archive.db"
    with RunLock.for_database(db):
        result = run_ingest(redis_server.url, db, "--until-idle")
    assert result.returncode == 75, result.stdout + result.stderr
    assert "another newsarchive run holds" in result.stderr


def test_a_full_disk_stops_the_writer_and_leaves_the_records_pending(
    redis_server, tmp_path, small_disk  # noqa: F811 - test_store_faults' tmpfs fixture
):
    from newsarchive.store import ArchiveWriteFailed

    items = portal_articles(copies=10)
    client = redis_server.client()
    feed = Feed(client)
    whole_crawl(feed, items)
    db = small_disk / "archive.db"
    ArchiveDB(db).close()  # the schema first: then room for a few articles only
    fill(small_disk, 500 * 1024)

    result = run_ingest(redis_server.url, db, "--until-idle")

    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"newsarchive ingest: cannot write the archive {db}: database or disk is full"
        " (the records not stored wait in the frontier for the next ingest)"), result.stderr
    assert "Traceback" not in result.stderr
    assert stored_count(db) == 0 and feed.pending() > 0  # its first batch was refused whole

    # With smaller batches some are committed before the disk fills again.
    grow(small_disk, "3m")
    with pytest.raises(ArchiveWriteFailed, match="database or disk is full"):
        ingest(IngestOptions(frontier=redis_server.url, db=db, until_idle=True, batch_size=20),
               report=lambda line: None)
    stored = stored_count(db)
    assert 0 < stored < len(items)
    committed = sqlite3.connect(db).execute("SELECT last_record_id FROM ingest_progress").fetchone()[0]
    pending = client.xpending_range(feed.keys.records, "ingest", min="-", max="+", count=1000)
    # what was committed was acknowledged, what was not stays pending for the next writer
    assert pending and all(stream_position(p["message_id"].decode()) > stream_position(committed) for p in pending)

    grow(small_disk)
    again = run_ingest(redis_server.url, db, "--until-idle")

    assert again.returncode == 0, again.stdout + again.stderr
    assert article_rows(db) == sent_rows(items)
    run = one_run(db)
    assert (run["articles_new"], run["articles_unchanged"], run["exit_status"]) == (len(items), 0, "ok")
    assert feed.pending() == 0


def test_an_archive_of_schema_8_gains_the_tables_of_distributed_runs(tmp_path):
    from newsarchive.store.schema import MIGRATIONS, SCHEMA_VERSION

    db = tmp_path / "archive.db"
    conn = sqlite3.connect(db, isolation_level=None)
    for number, migration in enumerate(MIGRATIONS[:8], start=1):
        conn.execute("BEGIN")
        migration(conn)
        conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    conn.close()

    ArchiveDB(db).close()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) and SCHEMA_VERSION >= 9
    assert [row[1] for row in conn.execute("PRAGMA table_info(crawl_run_workers)")] == [
        "run_id", "worker", "first_record_at", "finished_at", "finish_reason", "lost", "articles_stored",
        "channels_failed", "counts", "stats"]
    assert [row[1] for row in conn.execute("PRAGMA table_info(ingest_progress)")] == [
        "stream", "last_record_id", "updated_at"]
    conn.close()


@hyp_settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sends=st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["worker-a", "worker-b"]), st.integers(0, 2)),
                   min_size=1, max_size=25),
    crash_at=st.integers(0, 30), crash_after_commit=st.booleans(),
)
def test_any_order_of_records_and_a_crash_anywhere_store_each_article_once(
    redis_server, tmp_path, monkeypatch, sends, crash_at, crash_after_commit
):
    """Articles sent by either worker, again and again, some changed (variant 1, 2); the
    writer dies at any record, before or after a commit; a second one finishes. The
    archive is what applying each record once gives."""
    import newsarchive.frontier.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "BLOCK_MS", 50)
    pool = portal_articles()[:6]
    crawl = f"crawl-{uuid.uuid4().hex}"
    feed = Feed(redis_server.client(), crawl=crawl, prefix=crawl)
    db = tmp_path / f"{crawl}.db"
    feed.start("worker-a")
    for index, worker, variant in sends:
        item = pool[index]
        if variant:
            item = ExtractedArticle(replace(item.article, headline=f"{item.article.headline} v{variant}"), item.capture)
        feed.articles(worker, [item])
    feed.finished("worker-a")
    feed.finished("worker-b")
    feed.done()
    options = IngestOptions(frontier=redis_server.url, db=db, prefix=crawl, until_idle=True, batch_size=3,
                            lost_after=0)

    applied = 0
    original_apply, original_ack = ingest_module.Ingest._apply, stream_module.RecordStream.ack

    def apply_then_maybe_die(self, entry):
        nonlocal applied
        applied += 1
        if applied > crash_at and not crash_after_commit:
            raise KeyboardInterrupt  # killed mid-batch: the batch is rolled back
        original_apply(self, entry)

    def ack_or_die(self, ids):
        if applied > crash_at and crash_after_commit:
            raise KeyboardInterrupt  # killed between the commit and the acknowledgement
        original_ack(self, ids)

    with monkeypatch.context() as dying:
        dying.setattr(ingest_module.Ingest, "_apply", apply_then_maybe_die)
        dying.setattr(stream_module.RecordStream, "ack", ack_or_die)
        try:
            ingest(options, report=lambda line: None)
        except KeyboardInterrupt:
            pass
    assert ingest(options, report=lambda line: None).runs or one_run(db)["finished_at"]

    last = {}  # url -> its last headline sent
    versions = 0
    for index, _worker, variant in sends:
        article = pool[index].article
        headline = f"{article.headline} v{variant}" if variant else article.headline
        if article.url in last and last[article.url] != headline:
            versions += 1
        last[article.url] = headline
    conn = sqlite3.connect(db)
    assert dict(conn.execute("SELECT url, headline FROM articles")) == last
    assert conn.execute("SELECT count(*) FROM article_versions").fetchone() == (versions,)
    run = one_run(db)
    assert (run["articles_new"], run["articles_changed"], run["articles_unchanged"]) == (len(last), 0, 0)
    assert conn.execute("SELECT sum(articles_stored) FROM crawl_run_workers").fetchone() == (len(last),)
    conn.close()
    assert feed.pending() == 0
