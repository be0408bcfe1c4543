"""ArchiveDB: the one writer of the SQLite archive.

Every article is written as a whole: its row, credits, images, URLs, search index
entry and (when it changed) the copy of its earlier version go in under one
savepoint, and savepoints are committed in batches. A process killed at any moment
leaves the archive as of the last committed batch: never half an article, never an
index out of step with the rows.

A batch is committed after `batch_size` saves or once it is `commit_seconds` old
(`commit_if_due()` lets a timer commit it while no save comes), so another writer
(a researcher's sqlite3) never waits long. A write the database refuses (disk full,
I/O error, read-only file) rolls the open batch back and raises ArchiveWriteFailed;
`committed` counts only the saves that reached the disk.

What an article's rows hold is made beforehand, without the database (record.py
article_record; the crawl makes it in its extraction workers): `write` only runs the
statements.

`write_in_background` runs a write on the archive's writer thread (SQLite lets go of the
GIL while a statement runs: the crawl's reactor goes on meanwhile, 0.3 ms an article).
Every other call waits until the writes handed to that thread before it are done, so
it sees the archive as if they had been made in its own thread.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Concatenate, Literal, ParamSpec, TypeVar

import sqlite_utils

from newsarchive.items import Article
from newsarchive.store.archive_file import check_archive_file
from newsarchive.store.record import ArticleRecord, article_record, to_json
from newsarchive.store.schema import migrate
from newsarchive.store.search import index_articles, rebuild_search_index, unindex_article

logger = logging.getLogger(__name__)

SaveResult = Literal["new", "changed", "unchanged"]

RUN_COUNTS = (
    "pages_requested",
    "articles_new",
    "articles_changed",
    "articles_unchanged",
    "pages_skipped_non_article",
    "articles_invalid",
    "list_pages_short",
    "articles_flagged",
    "articles_already_archived",
)

DEFAULT_COMMIT_SECONDS = 5.0
# Saves a batch. Each commit writes the batch's search-index terms as a new segment that
# later merges rewrite, and rewrites the pages every batch touches (the tables' and
# indexes' last leaves): batches of 1,000 rather than 100 cut the writer's CPU an article
# by a quarter at 10,000 articles and a third at 100,000 (schema migration 11 lets FTS5
# hold a whole batch's terms). A fast crawl commits every few seconds either way;
# commit_seconds bounds how long a batch stays open.
DEFAULT_BATCH_SIZE = 1000
# What a run that never recorded its end (kill -9, a crash, power loss) is marked with.
KILLED = "killed"


class ArchiveWriteFailed(RuntimeError):
    """The database refused a write (disk full, I/O error, read-only file …); the open
    batch was rolled back. str(exc) is one line naming the archive and the cause."""


# URLs in one `IN (…)` of settled_among: well under SQLite's oldest limit of 999 variables
_URLS_A_QUERY = 500

# Columns that hold an article's content, shared by `articles` and
# `article_versions`; the rest of an article row is bookkeeping.
_CONTENT_COLUMNS = (
    "url",
    "headline",
    "source",
    "published_at",
    "authors",
    "editors",
    "body",
    "images",
    "channel",
    "channel_path",
    "region",
    "parser",
    "extractor_version",
    "pages",
    "fetched_at",
    "warc_file",
    "warc_record_id",
    "content_hash",
)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


def _serialized(
    method: Callable[Concatenate[ArchiveDB, _Params], _Result],
) -> Callable[Concatenate[ArchiveDB, _Params], _Result]:
    """`method` holding the archive's lock, after the writes handed to the writer thread
    before it (called on that thread, it waits for none: they come after it)."""

    @functools.wraps(method)
    def serialized(self: ArchiveDB, *args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        with self._lock:
            if not self._no_write_queued() and threading.get_ident() != self._writer_ident:
                self._writes_begun.wait_for(self._no_write_queued)
            return method(self, *args, **kwargs)

    return serialized


class ArchiveDB:
    """The archive at `path`, created or migrated on open; WAL mode.

    Writes are committed every `batch_size` saves, when the open batch is
    `commit_seconds` old, and on flush()/close(). Use as a context manager, or call
    close(): pending saves are committed on a clean exit and rolled back when the
    block raises. `on_failure` is told of every ArchiveWriteFailed before it is raised,
    wherever the write came from (of a write in the background: through the
    `call_back` given to start_writer_thread).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        commit_seconds: float = DEFAULT_COMMIT_SECONDS,
        on_failure: Callable[[ArchiveWriteFailed], None] | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        if commit_seconds < 0:
            raise ValueError(f"commit_seconds must not be negative, got {commit_seconds}")
        self.path = Path(path)
        check_archive_file(self.path, for_writing=True)  # refuses before anything is written
        self.batch_size = batch_size
        self.commit_seconds = commit_seconds
        self.on_failure = on_failure
        self.committed: Counter[SaveResult] = Counter()  # saves that reached the disk
        self._uncommitted: Counter[SaveResult] = Counter()
        # The search-index text of the batch's new and changed articles, by article id,
        # indexed just before the batch commits: FTS5 writes its pending terms out as a
        # new segment at every savepoint, so indexing inside each article's savepoint
        # made a segment an article (and the merges after them), 0.4 ms an article.
        self._to_index: dict[int, tuple[str, str, str]] = {}
        # Set when an article's index entry could not be removed alone (its rows were
        # edited, or deleted, outside newsarchive): the batch rebuilds the whole index instead.
        self._rebuild_index = False
        self._pending = 0
        self._batch_started = 0.0  # time.monotonic() of the open batch's BEGIN
        # The connection is used by one thread at a time, holding the lock: the caller's,
        # or the writer thread's (start_writer_thread).
        self._lock = threading.RLock()
        self._writes_begun = threading.Condition(self._lock)  # notified as the writer thread begins each
        self._writer: ThreadPoolExecutor | None = None
        self._writer_ident: int | None = None
        self._call_back: Callable[..., object] | None = None
        self._handed = 0  # writes handed to the writer thread (counted by the callers' thread)
        self._started = 0  # of which the writer thread has begun (counted by it)
        conn: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are begun and committed here, explicitly.
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=60, check_same_thread=False)
            self.db = sqlite_utils.Database(conn)
            self.db.enable_wal()
            conn.execute("PRAGMA foreign_keys = ON")
            # In WAL mode NORMAL keeps the database consistent through any crash; only
            # a power loss can drop the last commits.
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
        except (sqlite3.Error, OSError) as error:
            if conn is not None:
                conn.close()
            raise ArchiveWriteFailed(f"cannot prepare the archive {self.path}: {error}") from error
        self.conn = conn

    # -- transactions ------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Turn a refused write into ArchiveWriteFailed, with the batch rolled back.

        A constraint error (IntegrityError) undoes only its statement: the batch is
        intact, so it passes through as it is."""
        try:
            yield
        except BaseException as error:
            if _refused_write(error):
                raise self._write_failed(error) from error
            raise

    def _write_failed(self, error: BaseException) -> ArchiveWriteFailed:
        self._discard_batch()
        failure = ArchiveWriteFailed(f"cannot write the archive {self.path}: {error}")
        if self.on_failure is not None:
            if self._call_back is not None and threading.get_ident() == self._writer_ident:
                self._call_back(self.on_failure, failure)
            else:
                self.on_failure(failure)
        return failure

    def _discard_batch(self) -> None:
        """Roll the open batch back; never raises, so the error that led here is the one reported."""
        self._pending = 0
        self._uncommitted.clear()
        self._to_index.clear()
        self._rebuild_index = False
        if self.conn.in_transaction:  # SQLite may have rolled back already (disk full)
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error as error:
                logger.warning("rolling back %s failed too: %s", self.path, error)

    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
            self._batch_started = time.monotonic()

    def _saved_one(self) -> None:
        self._pending += 1
        if self._pending >= self.batch_size or self._batch_age() >= self.commit_seconds:
            self._commit()

    def _batch_age(self) -> float:
        return time.monotonic() - self._batch_started if self.conn.in_transaction else 0.0

    def commit_if_due(self) -> None:
        """Commit the open batch if it is `commit_seconds` old: call it from a timer,
        so a batch that no save completes does not keep the write lock.

        While the writer thread has writes in hand it returns at once, waiting for none:
        the thread's next save commits a batch that old (waiting made the crawl's reactor
        sit out a whole commit of the thread's whenever its timer came during one)."""
        if not self._lock.acquire(blocking=False):
            return  # another thread is writing: its saves, or the next call, commit it
        try:
            if not self._no_write_queued() and threading.get_ident() != self._writer_ident:
                return
            if self.conn.in_transaction and self._batch_age() >= self.commit_seconds:
                self._commit()
        finally:
            self._lock.release()

    @_serialized
    def flush(self) -> None:
        """Commit every pending write; ArchiveWriteFailed when the database refuses."""
        self._commit()

    def _commit(self) -> None:
        if self.conn.in_transaction:
            with self._writing():
                if self._rebuild_index:
                    logger.warning("%s: articles edited or deleted outside newsarchive, the search"
                                   " index not rebuilt since: rebuilding it", self.path)
                    rebuild_search_index(self.conn)
                else:
                    index_articles(self.conn, self._to_index.items())
                self.conn.execute("COMMIT")
        self._to_index.clear()
        self._rebuild_index = False
        self.committed.update(self._uncommitted)
        self._uncommitted.clear()
        self._pending = 0

    @_serialized
    def close(self) -> None:
        """Commit what is pending and close. A failed commit raises its own error only:
        closing the connection afterwards never adds a second one."""
        try:
            self._commit()
        finally:
            try:
                self.conn.close()
            except sqlite3.Error as error:
                logger.warning("closing %s: %s", self.path, error)
            if self._writer is not None:
                self._writer.shutdown()  # idle: every write handed to it is done

    def __enter__(self) -> ArchiveDB:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            with self._lock:
                self._writes_begun.wait_for(self._no_write_queued)
                self._discard_batch()
        self.close()

    @contextmanager
    def in_batch(self) -> Iterator[sqlite3.Connection]:
        """The connection, for statements of the caller's own that must be committed with
        the open batch (the ingest's bookkeeping of what it has stored); a refused write
        rolls the batch back and raises ArchiveWriteFailed, as a save does."""
        with self._lock, self._writing():
            self._writes_begun.wait_for(self._no_write_queued)
            self._begin()
            yield self.conn

    # -- runs ---------------------------------------------------------------------

    @_serialized
    def close_abandoned_runs(self) -> int:
        """Give every run that never recorded its end the verdict `killed` (its
        finished_at stays NULL: when it died is not known). Call it holding the run
        lock, before start_run: no other run can be going. Returns how many."""
        with self._writing():
            self._begin()
            cursor = self.conn.execute(
                "UPDATE crawl_runs SET finish_reason = :killed, exit_status = :killed"
                " WHERE finished_at IS NULL AND exit_status IS NULL",
                {"killed": KILLED},
            )
        self._commit()
        return cursor.rowcount

    @_serialized
    def start_run(
        self, *, base_url: str, channels: list[str], version: str, options: dict
    ) -> int:
        """Record the start of a crawl run (committed at once); returns its id."""
        with self._writing():
            self._begin()
            cursor = self.conn.execute(
                "INSERT INTO crawl_runs (started_at, base_url, channels, software_version,"
                " options) VALUES (?, ?, ?, ?, ?)",
                (utc_now(), base_url, to_json(channels), version, to_json(options)),
            )
        self._commit()
        assert cursor.lastrowid is not None  # an INSERT into a rowid table sets it
        return cursor.lastrowid

    @_serialized
    def finish_run(
        self,
        run_id: int,
        *,
        finish_reason: str,
        counts: dict[str, int],
        errors: dict[str, int],
        exit_status: str | None = None,
        links_not_followed: dict[str, int] | None = None,
    ) -> None:
        """Record the end of a run with its counts (keys from RUN_COUNTS) and the links
        it did not follow, by reason; commits."""
        unknown = set(counts) - set(RUN_COUNTS)
        if unknown:
            raise ValueError(
                f"unknown run counts {sorted(unknown)}; expected some of {RUN_COUNTS}"
            )
        if self.conn.execute("SELECT 1 FROM crawl_runs WHERE id = ?", (run_id,)
                             ).fetchone() is None:
            raise ValueError(f"no crawl run {run_id}")
        assignments = ", ".join(f"{name} = :{name}" for name in counts)
        with self._writing():
            self._begin()
            self.conn.execute(
                "UPDATE crawl_runs SET finished_at = :finished_at,"
                " finish_reason = :finish_reason, errors = :errors,"
                " links_not_followed = :links_not_followed,"
                f" exit_status = :exit_status{', ' + assignments if assignments else ''}"
                " WHERE id = :run_id",
                {
                    **counts,
                    "finished_at": utc_now(),
                    "finish_reason": finish_reason,
                    "errors": to_json(errors),
                    "links_not_followed": to_json(links_not_followed or {}),
                    "exit_status": exit_status,
                    "run_id": run_id,
                },
            )
        self._commit()

    # -- articles -------------------------------------------------------------------

    def _article_id_for(self, url: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE url = ?"
            " UNION ALL SELECT article_id FROM article_urls WHERE url = ? LIMIT 1",
            (url, url),
        ).fetchone()
        return row[0] if row else None

    @_serialized
    def is_known(self, url: str) -> bool:
        """Whether a stored article was reached by `url`: its final URL, a URL that
        redirected to it, or one of its continuation pages."""
        return self._article_id_for(url) is not None

    @_serialized
    def last_run_of(self, url: str) -> int | None:
        """The run that last stored or saw the article reached by `url` (as in is_known)."""
        article_id = self._article_id_for(url)
        if article_id is None:
            return None
        return self.conn.execute("SELECT last_run_id FROM articles WHERE id = ?", (article_id,)).fetchone()[0]

    @_serialized
    def is_captured(self, url: str) -> bool:
        """Whether a stored article was reached by `url` (as in is_known) and its
        capture is recorded. One stored while the WARC files could not be written has
        none: the next run fetches it again, and saving it fills the capture in."""
        article_id = self._article_id_for(url)
        if article_id is None:
            return False
        row = self.conn.execute(
            "SELECT warc_record_id IS NOT NULL FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return bool(row[0])

    @_serialized
    def is_skipped(self, url: str) -> bool:
        """Whether an earlier run found `url` to be no article, or gone."""
        row = self.conn.execute("SELECT 1 FROM skipped_pages WHERE url = ?", (url,)).fetchone()
        return row is not None

    @_serialized
    def settled_among(self, urls: Iterable[str]) -> set[str]:
        """The URLs of `urls` that `is_captured` or `is_skipped` holds true of, found by a
        few queries for a whole list page: each call waits for the writes handed before
        it, so one call a page, not two a link, keeps the crawl's reactor from waiting."""
        pending = list(dict.fromkeys(urls))
        settled: set[str] = set()
        for start in range(0, len(pending), _URLS_A_QUERY):
            chunk = pending[start:start + _URLS_A_QUERY]
            marks = ",".join("?" * len(chunk))
            # A URL's article is the one whose final URL it is, else the one it reached
            # (a redirect or a continuation page): as _article_id_for finds it.
            captured = dict(self.conn.execute(
                f"SELECT url, warc_record_id IS NOT NULL FROM articles WHERE url IN ({marks})", chunk))
            others = [url for url in chunk if url not in captured]
            if others:
                captured.update(self.conn.execute(
                    f"SELECT u.url, a.warc_record_id IS NOT NULL FROM article_urls u"
                    f" JOIN articles a ON a.id = u.article_id WHERE u.url IN ({','.join('?' * len(others))})",
                    others))
            settled.update(url for url, has_capture in captured.items() if has_capture)
            settled.update(url for (url,) in self.conn.execute(
                f"SELECT url FROM skipped_pages WHERE url IN ({marks})", chunk))
        return settled

    @_serialized
    def mark_skipped(self, url: str, reason: str, run_id: int) -> None:
        """Remember that `url` is no article (or gone), so later runs leave it alone."""
        with self._writing():
            self._begin()
            self.conn.execute(
                "INSERT INTO skipped_pages (url, reason, first_run_id, last_run_id, skipped_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
                " reason = excluded.reason, last_run_id = excluded.last_run_id,"
                " skipped_at = excluded.skipped_at",
                (url, reason, run_id, run_id, utc_now()),
            )
        self._saved_one()

    @_serialized
    def mark_seen(self, url: str, run_id: int) -> bool:
        """Note that run `run_id` saw the article reached by `url` without storing
        it again; returns False when no stored article has that URL."""
        article_id = self._article_id_for(url)
        if article_id is None:
            return False
        with self._writing():
            self._begin()
            self.conn.execute(
                "UPDATE articles SET last_run_id = ?, last_seen_at = ? WHERE id = ?",
                (run_id, utc_now(), article_id),
            )
        self._saved_one()
        return True

    @_serialized
    def save(
        self,
        article: Article,
        *,
        run_id: int,
        fetched_at: str,
        requested_url: str | None = None,
        warc_file: str | None = None,
        warc_record_id: str | None = None,
        seen: bool = True,
    ) -> SaveResult:
        """Store `article` (upsert by URL) and say whether it was new, changed or
        unchanged: `write` of its `article_record`."""
        record = article_record(article, fetched_at=fetched_at, requested_url=requested_url,
                                warc_file=warc_file, warc_record_id=warc_record_id)
        return self._write(record, run_id=run_id, seen=seen)

    @_serialized
    def write(self, record: ArticleRecord, *, run_id: int, seen: bool = True) -> SaveResult:
        """Store the article `record` holds (upsert by URL) and say whether it was new,
        changed or unchanged. A changed article's previous content goes to
        article_versions. The result counts in `committed` once the batch is committed.
        `seen=False` (re-extraction from WARC) leaves last_run_id/last_seen_at alone."""
        return self._write(record, run_id=run_id, seen=seen)

    # -- the writer thread ------------------------------------------------------------

    def start_writer_thread(self, call_back: Callable[..., object]) -> None:
        """Start the thread `write_in_background` hands its writes to. `call_back(f, *args)`
        must run f(*args) on the caller's thread later (Twisted's reactor.callFromThread):
        on_failure is told of a failed background write through it."""
        if self._writer is None:
            self._call_back = call_back
            self._writer = ThreadPoolExecutor(1, "archive-writer", initializer=self._note_writer_thread)

    def write_in_background(self, record: ArticleRecord, *, run_id: int) -> Future[SaveResult]:
        """`write` on the writer thread, after the writes handed to it before; its result
        or its ArchiveWriteFailed comes in the Future (completed on the writer thread)."""
        if self._writer is None:
            raise RuntimeError("write_in_background needs start_writer_thread first")
        self._handed += 1
        return self._writer.submit(self._write_handed, record, run_id)

    def _note_writer_thread(self) -> None:
        self._writer_ident = threading.get_ident()

    def _write_handed(self, record: ArticleRecord, run_id: int) -> SaveResult:
        with self._lock:
            self._started += 1
            self._writes_begun.notify_all()  # a caller waiting for this write gets the lock after it
            return self._write(record, run_id=run_id, seen=True)

    def _no_write_queued(self) -> bool:
        return self._started == self._handed

    def _write(self, record: ArticleRecord, *, run_id: int, seen: bool) -> SaveResult:
        with self._writing():
            self._begin()
            self.conn.execute("SAVEPOINT save_article")
            try:
                result, article_id = self._write_rows(record, run_id, seen)
            except BaseException as error:
                if not _refused_write(error):  # else _writing rolls back the whole batch
                    self.conn.execute("ROLLBACK TO save_article")
                    self.conn.execute("RELEASE save_article")
                raise
            self.conn.execute("RELEASE save_article")
        if result != "unchanged":
            self._to_index[article_id] = record.search
        self._uncommitted[result] += 1
        self._saved_one()
        return result

    def _write_rows(self, record: ArticleRecord, run_id: int, seen: bool) -> tuple[SaveResult, int]:
        row, seen_at = record.row, record.fetched_at
        existing_id = self._article_id_for(record.url)
        if existing_id is None:
            columns = [*row, "first_run_id", "last_run_id", "last_seen_at"]
            cursor = self.conn.execute(
                f"INSERT INTO articles ({', '.join(columns)})"
                f" VALUES ({', '.join(':' + c for c in columns)})",
                {**row, "first_run_id": run_id, "last_run_id": run_id,
                 "last_seen_at": seen_at},
            )
            article_id = cursor.lastrowid
            assert article_id is not None  # an INSERT into a rowid table sets it
            self._unindex(article_id)  # the entry of a row deleted outside newsarchive, if its id is reused
            self._write_children(article_id, record)
            result: SaveResult = "new"
        else:
            article_id = existing_id
            old_hash = self.conn.execute(
                "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
            ).fetchone()[0]
            if old_hash == row["content_hash"]:
                # The content is the same, but the code that read it may be newer; city,
                # county and flags are derived, not content: kept current. A capture
                # missing since its WARC write failed is filled in.
                self.conn.execute(
                    "UPDATE articles SET parser = :parser, extractor_version = :extractor_version,"
                    " city = :city, county = :county, flags = :flags,"
                    " warc_file = CASE WHEN warc_record_id IS NULL THEN :warc_file"
                    "  ELSE warc_file END,"
                    " warc_record_id = coalesce(warc_record_id, :warc_record_id)"
                    " WHERE id = :id",
                    {"parser": row["parser"], "extractor_version": row["extractor_version"],
                     "city": row["city"], "county": row["county"],
                     "flags": row["flags"], "warc_file": row["warc_file"],
                     "warc_record_id": row["warc_record_id"], "id": article_id},
                )
                if seen:
                    self.conn.execute(
                        "UPDATE articles SET last_run_id = ?, last_seen_at = ? WHERE id = ?",
                        (run_id, seen_at, article_id),
                    )
                result = "unchanged"
            else:
                if article_id not in self._to_index:  # else this batch made the rows: none yet
                    self._unindex(article_id)  # its entry, made from the rows about to change
                self._keep_version(article_id, run_id)
                assignments = ", ".join(f"{c} = :{c}" for c in row)
                if seen:
                    assignments += ", last_run_id = :run_id, last_seen_at = :seen_at"
                self.conn.execute(
                    f"UPDATE articles SET {assignments} WHERE id = :id",
                    {**row, "run_id": run_id, "seen_at": seen_at, "id": article_id},
                )
                self.conn.execute("DELETE FROM credits WHERE article_id = ?", (article_id,))
                self.conn.execute("DELETE FROM images WHERE article_id = ?", (article_id,))
                self._write_children(article_id, record)
                result = "changed"
        self.conn.executemany(
            "INSERT OR IGNORE INTO article_urls (url, article_id) VALUES (?, ?)",
            [(url, article_id) for url in record.urls],
        )
        return result, article_id

    def _unindex(self, article_id: int) -> None:
        """Remove the article's index entry, from its rows as they are; when they no longer
        give the text it was made from, the batch rebuilds the whole index instead."""
        if not unindex_article(self.conn, article_id):
            self._rebuild_index = True

    @_serialized
    def correct_content_hash(self, article_id: int, actual_hash: str) -> None:
        """Give a row the hash of what it holds now: a row edited outside newsarchive
        keeps its old hash, which would hide the edit from save(). In the open batch."""
        with self._writing():
            self._begin()
            self.conn.execute("UPDATE articles SET content_hash = ? WHERE id = ?", (actual_hash, article_id))

    def _write_children(self, article_id: int, record: ArticleRecord) -> None:
        self.conn.executemany(
            "INSERT INTO credits (article_id, position, name, role, kind)"
            " VALUES (?, ?, ?, ?, ?)",
            [(article_id, *credit) for credit in record.credits],
        )
        self.conn.executemany(
            "INSERT INTO images (article_id, position, src, caption) VALUES (?, ?, ?, ?)",
            [(article_id, *image) for image in record.images],
        )

    def _keep_version(self, article_id: int, run_id: int) -> None:
        columns = ", ".join(_CONTENT_COLUMNS)
        self.conn.execute(
            f"INSERT INTO article_versions (article_id, superseded_at,"
            f" superseded_by_run_id, credits, run_id, {columns})"
            f" SELECT id, ?, ?,"
            "  (SELECT json_group_array(json_object('name', name, 'role', role,"
            "    'kind', kind)) FROM (SELECT * FROM credits WHERE article_id = a.id"
            "    ORDER BY position)),"
            f"  last_run_id, {columns} FROM articles a WHERE id = ?",
            (utc_now(), run_id, article_id),
        )

    # -- channels -----------------------------------------------------------------

    @_serialized
    def channel_complete(self, channel_path: str, base_url: str) -> bool:
        """Whether the latest run that asked for this channel of this site (by its
        path or its city) paged it to its end. Call it before `start_run`: a run that
        was killed while paging leaves the channel incomplete for the next one."""
        channel = channel_path.strip("/")
        row = self.conn.execute(
            "SELECT completed_run_id = (SELECT max(r.id) FROM crawl_runs r, json_each(r.channels) j"
            "   WHERE rtrim(r.base_url, '/') = :site AND j.value IN (:channel, :city))"
            " FROM channel_state WHERE base_url = :site AND channel_path = :channel",
            {"site": _site_key(base_url), "channel": channel, "city": channel.split("/")[0]},
        ).fetchone()
        return bool(row and row[0])

    @_serialized
    def set_channel_complete(self, channel_path: str, base_url: str, run_id: int) -> None:
        """Record that run `run_id` paged the channel to its end (committed at once)."""
        with self._writing():
            self._begin()
            self.conn.execute(
                "INSERT INTO channel_state (base_url, channel_path, completed_run_id,"
                " completed_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (base_url, channel_path) DO UPDATE SET"
                " completed_run_id = excluded.completed_run_id,"
                " completed_at = excluded.completed_at",
                (_site_key(base_url), channel_path.strip("/"), run_id, utc_now()),
            )
        self._commit()


def _site_key(base_url: str) -> str:
    return base_url.rstrip("/")


def _refused_write(error: BaseException) -> bool:
    """Whether the database refused a write (as opposed to one record breaking a
    constraint, or an error outside the database)."""
    return isinstance(error, (sqlite3.Error, OSError)) and not isinstance(
        error, sqlite3.IntegrityError
    )
