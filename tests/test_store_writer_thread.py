"""ArchiveDB's writer thread: writes handed to it are made there, in order, and every
other call sees them as if they had been made in the caller's thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from newsarchive.store import ArchiveDB
from newsarchive.store.record import ArticleRecord, article_record
from newsarchive.store.writer import ArchiveWriteFailed
from tests.test_store import generated_article, rows, start


def record(n: int, paragraphs: int = 1) -> ArticleRecord:
    return article_record(generated_article(n, paragraphs), fetched_at="2026-01-01T00:00:00+00:00",
                          warc_file="w.warc.gz", warc_record_id=f"<urn:uuid:{n}>")


class CalledLater:
    """A call_back that keeps the calls for the test's thread to run (the reactor's role)."""

    def __init__(self) -> None:
        self.calls: list[tuple[Callable[..., object], tuple[object, ...]]] = []

    def __call__(self, function: Callable[..., object], *args: object) -> None:
        self.calls.append((function, args))

    def run(self) -> None:
        for function, args in self.calls:
            function(*args)


@pytest.mark.parametrize(("articles", "batch_size"), [(1, 100), (37, 5), (250, 100)])
def test_background_writes_are_made_on_the_writer_thread_in_the_order_handed(tmp_path, articles, batch_size,
                                                                            monkeypatch):
    writing_threads = set()
    write_rows = ArchiveDB._write_rows

    def spied(self, *args, **kwargs):
        writing_threads.add(threading.get_ident())
        return write_rows(self, *args, **kwargs)

    monkeypatch.setattr(ArchiveDB, "_write_rows", spied)
    path = tmp_path / "a.db"
    order = [(n * 7919) % articles for n in range(articles)]  # not the URLs' order
    with ArchiveDB(path, batch_size=batch_size, commit_seconds=3600) as db:
        run = start(db)
        db.start_writer_thread(CalledLater())
        futures = [db.write_in_background(record(n), run_id=run) for n in order]
        # Asked at once, before the writes are done: it waits for every one handed before.
        assert db.is_captured(record(order[-1]).url)
        assert [future.result() for future in futures] == ["new"] * articles
    assert writing_threads and threading.get_ident() not in writing_threads
    assert len(writing_threads) == 1
    stored = rows(path, "SELECT url FROM articles ORDER BY id")
    assert [url for (url,) in stored] == [record(n).url for n in order]
    assert db.committed["new"] == articles


def test_calls_from_the_callers_thread_see_every_write_handed_before_them(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path, batch_size=10, commit_seconds=3600) as db:
        run = start(db)
        db.start_writer_thread(CalledLater())
        for n in range(60):
            db.write_in_background(record(n), run_id=run)
            # the article just handed over is known, the next one not yet
            assert db.is_known(record(n).url) and not db.is_known(record(n + 1).url)
            assert db.mark_seen(record(n).url, run) is True
        db.mark_skipped(record(99).url, "not an article", run)
        assert db.is_skipped(record(99).url)
    assert rows(path, "SELECT count(*) FROM articles") == [(60,)]


def test_a_refused_background_write_fails_its_future_and_is_reported_through_the_call_back(tmp_path):
    path = tmp_path / "a.db"
    failures: list[ArchiveWriteFailed] = []
    later = CalledLater()
    db = ArchiveDB(path, batch_size=4, commit_seconds=3600, on_failure=failures.append)
    run = start(db)
    db.start_writer_thread(later)
    pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
    db.conn.execute(f"PRAGMA max_page_count = {pages + 20}")  # SQLite's "database or disk is full"
    futures = [db.write_in_background(record(n, paragraphs=3), run_id=run) for n in range(200)]
    outcomes = [future.exception() for future in futures]
    refused = [error for error in outcomes if error is not None]
    assert refused and all(isinstance(error, ArchiveWriteFailed) for error in refused)
    assert "database or disk is full" in str(refused[0])
    assert failures == []  # not told on the writer thread …
    later.run()
    assert failures and failures[0] is refused[0]  # … but through the call back
    db.close()
    stored = rows(path, "SELECT count(*) FROM articles")[0][0]
    assert db.committed["new"] == stored and stored % 4 == 0  # whole batches, never part of one


def test_writing_in_the_background_needs_the_writer_thread(tmp_path):
    with ArchiveDB(tmp_path / "a.db") as db:
        with pytest.raises(RuntimeError, match="start_writer_thread"):
            db.write_in_background(record(1), run_id=start(db))


def test_a_timers_commit_never_waits_for_the_writer_thread_whose_next_save_commits(tmp_path, monkeypatch):
    """commit_if_due while the writer thread has a write in hand returns at once (the
    crawl's reactor calls it each second); the batch, once old, is committed by the
    thread's next save, and by the timer's call once the thread is idle."""
    in_write, go_on = threading.Event(), threading.Event()
    write_rows = ArchiveDB._write_rows

    def held(self, record, *args, **kwargs):
        if record.url == generated_article(1).url:
            in_write.set()
            go_on.wait(10)
        return write_rows(self, record, *args, **kwargs)

    monkeypatch.setattr(ArchiveDB, "_write_rows", held)
    path = tmp_path / "a.db"
    with ArchiveDB(path, batch_size=100, commit_seconds=0.2) as db:
        run = start(db)
        db.start_writer_thread(CalledLater())
        db.write_in_background(record(0), run_id=run).result()
        busy = db.write_in_background(record(1), run_id=run)
        queued = db.write_in_background(record(2), run_id=run)
        assert in_write.wait(10)
        threading.Event().wait(0.3)  # the batch is old now
        timer = threading.Thread(target=db.commit_if_due)
        timer.start()
        timer.join(2)
        assert not timer.is_alive()  # it did not wait for the write in hand
        assert rows(path, "SELECT count(*) FROM articles") == [(0,)]
        go_on.set()
        assert busy.result() == queued.result() == "new"
        # the save in hand found its batch old and committed it; the queued one began the next
        assert rows(path, "SELECT count(*) FROM articles") == [(2,)]
        threading.Event().wait(0.3)
        db.commit_if_due()  # the thread is idle: the timer commits
        assert rows(path, "SELECT count(*) FROM articles") == [(3,)]
