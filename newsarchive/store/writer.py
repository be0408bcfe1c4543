"""ArchiveDB: the one writer of the SQLite archive.

Every article is written as a whole: its row, credits, images, URLs, search index
entry and (when it changed) the copy of its earlier version go in under one
savepoint, and savepoints are committed in batches. A process killed at any moment
leaves the archive as of the last committed batch: never half an article, never an
index out of step with the rows.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Literal
from urllib.parse import urlsplit

import sqlite_utils

from newsarchive.extract.version import extractor_version
from newsarchive.items import Article
from newsarchive.store.schema import migrate
from newsarchive.store.search import index_article

SaveResult = Literal["new", "changed", "unchanged"]

RUN_COUNTS = (
    "pages_requested",
    "articles_new",
    "articles_changed",
    "articles_unchanged",
    "pages_skipped_non_article",
    "articles_invalid",
)

# /jining/news/201506/7713943.html, and its continuation pages 7713943_2.html
_ARTICLE_ID = re.compile(r"/(\d+)(?:_\d+)?\.s?html?$")

# 2015-06-22 or 2015-06-22T07:21:00+08:00 (the items contract)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|T)")

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
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(article: Article) -> str:
    """Hash of what the article says. The parser's name is left out: a new
    template parser that extracts the same content does not make a new version."""
    content = [
        article.url, article.headline, article.source, article.published_at,
        [[c.name, c.role, c.kind] for c in article.credits], article.body,
        [[i.src, i.caption] for i in article.images], article.channel,
        article.channel_path, article.region, article.pages,
    ]
    canonical = json.dumps(content, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def portal_article_id(url: str) -> int | None:
    match = _ARTICLE_ID.search(urlsplit(url).path)
    return int(match.group(1)) if match else None


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def article_row(article: Article) -> dict[str, object]:
    """The content columns of `articles` for one record."""
    published = article.published_at
    if published is not None and not _ISO_DATE.match(published):
        raise ValueError(f"published_at must be ISO 8601 (2015-06-22T07:21:00+08:00 or"
                         f" 2015-06-22), got {published!r} for {article.url}")
    return {
        "url": article.url,
        "article_id": portal_article_id(article.url),
        "headline": article.headline,
        "source": article.source,
        "published_at": published,
        "published_date": published[:10] if published else None,
        "year": int(published[:4]) if published else None,
        "authors": _json(article.authors),
        "editors": _json(article.editors),
        "body": "\n".join(article.body),
        "paragraphs": len(article.body),
        "images": _json([{"src": i.src, "caption": i.caption} for i in article.images]),
        "channel": article.channel,
        "channel_path": article.channel_path,
        "region": " / ".join(article.region) or None,
        "parser": article.parser,
        "extractor_version": extractor_version(),
        "pages": _json(article.pages),
        "content_hash": content_hash(article),
    }


class ArchiveDB:
    """The archive at `path`, created or migrated on open; WAL mode.

    Writes are committed every `batch_size` saves and on flush()/close(). Use as a
    context manager, or call close(): pending saves are committed on a clean exit
    and rolled back when the block raises.
    """

    def __init__(self, path: str | Path, *, batch_size: int = 100) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.batch_size = batch_size
        # Autocommit mode: transactions are begun and committed here, explicitly.
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        self.db = sqlite_utils.Database(self.conn)
        self.db.enable_wal()
        self.conn.execute("PRAGMA foreign_keys = ON")
        # In WAL mode NORMAL keeps the database consistent through any crash; only
        # a power loss can drop the last commits.
        self.conn.execute("PRAGMA synchronous = NORMAL")
        migrate(self.conn)
        self._pending = 0

    # -- transactions ------------------------------------------------------------

    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")

    def _saved_one(self) -> None:
        self._pending += 1
        if self._pending >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Commit every pending write."""
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self._pending = 0

    def close(self) -> None:
        self.flush()
        self.conn.close()

    def __enter__(self) -> ArchiveDB:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None and self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.close()

    # -- runs ---------------------------------------------------------------------

    def start_run(
        self, *, base_url: str, channels: list[str], version: str, options: dict
    ) -> int:
        """Record the start of a crawl run (committed at once); returns its id."""
        self._begin()
        cursor = self.conn.execute(
            "INSERT INTO crawl_runs (started_at, base_url, channels, software_version,"
            " options) VALUES (?, ?, ?, ?, ?)",
            (utc_now(), base_url, _json(channels), version, _json(options)),
        )
        self.flush()
        return cursor.lastrowid

    def finish_run(
        self,
        run_id: int,
        *,
        finish_reason: str,
        counts: dict[str, int],
        errors: dict[str, int],
        exit_status: str | None = None,
    ) -> None:
        """Record the end of a run with its counts (keys from RUN_COUNTS); commits."""
        unknown = set(counts) - set(RUN_COUNTS)
        if unknown:
            raise ValueError(
                f"unknown run counts {sorted(unknown)}; expected some of {RUN_COUNTS}"
            )
        if self.conn.execute("SELECT 1 FROM crawl_runs WHERE id = ?", (run_id,)
                             ).fetchone() is None:
            raise ValueError(f"no crawl run {run_id}")
        assignments = ", ".join(f"{name} = :{name}" for name in counts)
        self._begin()
        self.conn.execute(
            "UPDATE crawl_runs SET finished_at = :finished_at,"
            " finish_reason = :finish_reason, errors = :errors,"
            f" exit_status = :exit_status{', ' + assignments if assignments else ''}"
            " WHERE id = :run_id",
            {
                **counts,
                "finished_at": utc_now(),
                "finish_reason": finish_reason,
                "errors": _json(errors),
                "exit_status": exit_status,
                "run_id": run_id,
            },
        )
        self.flush()

    # -- articles -------------------------------------------------------------------

    def _article_id_for(self, url: str) -> int | None:
        row = self.conn.execute(
            "SELECT id FROM articles WHERE url = ?"
            " UNION ALL SELECT article_id FROM article_urls WHERE url = ? LIMIT 1",
            (url, url),
        ).fetchone()
        return row[0] if row else None

    def is_known(self, url: str) -> bool:
        """Whether a stored article was reached by `url`: its final URL, a URL that
        redirected to it, or one of its continuation pages."""
        return self._article_id_for(url) is not None

    def is_skipped(self, url: str) -> bool:
        """Whether an earlier run found `url` to be no article, or gone."""
        row = self.conn.execute("SELECT 1 FROM skipped_pages WHERE url = ?", (url,)).fetchone()
        return row is not None

    def mark_skipped(self, url: str, reason: str, run_id: int) -> None:
        """Remember that `url` is no article (or gone), so later runs leave it alone."""
        self._begin()
        self.conn.execute(
            "INSERT INTO skipped_pages (url, reason, first_run_id, last_run_id, skipped_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
            " reason = excluded.reason, last_run_id = excluded.last_run_id,"
            " skipped_at = excluded.skipped_at",
            (url, reason, run_id, run_id, utc_now()),
        )
        self._saved_one()

    def mark_seen(self, url: str, run_id: int) -> bool:
        """Note that run `run_id` saw the article reached by `url` without storing
        it again; returns False when no stored article has that URL."""
        article_id = self._article_id_for(url)
        if article_id is None:
            return False
        self._begin()
        self.conn.execute(
            "UPDATE articles SET last_run_id = ?, last_seen_at = ? WHERE id = ?",
            (run_id, utc_now(), article_id),
        )
        self._saved_one()
        return True

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
        unchanged. A changed article's previous content goes to article_versions.
        `seen=False` (re-extraction from WARC) leaves last_run_id/last_seen_at alone."""
        if not article.url or not article.headline:
            raise ValueError(f"an article needs a url and a headline: {article.url!r}")
        row = article_row(article)
        row.update(fetched_at=fetched_at, warc_file=warc_file,
                   warc_record_id=warc_record_id)
        self._begin()
        self.conn.execute("SAVEPOINT save_article")
        try:
            result = self._save_rows(article, row, run_id, fetched_at, requested_url, seen)
        except BaseException:
            self.conn.execute("ROLLBACK TO save_article")
            self.conn.execute("RELEASE save_article")
            raise
        self.conn.execute("RELEASE save_article")
        self._saved_one()
        return result

    def _save_rows(
        self,
        article: Article,
        row: dict[str, object],
        run_id: int,
        seen_at: str,
        requested_url: str | None,
        seen: bool = True,
    ) -> SaveResult:
        existing_id = self._article_id_for(article.url)
        if existing_id is None:
            columns = [*row, "first_run_id", "last_run_id", "last_seen_at"]
            cursor = self.conn.execute(
                f"INSERT INTO articles ({', '.join(columns)})"
                f" VALUES ({', '.join(':' + c for c in columns)})",
                {**row, "first_run_id": run_id, "last_run_id": run_id,
                 "last_seen_at": seen_at},
            )
            article_id = cursor.lastrowid
            self._write_children(article_id, article)
            result: SaveResult = "new"
        else:
            article_id = existing_id
            old_hash = self.conn.execute(
                "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
            ).fetchone()[0]
            if old_hash == row["content_hash"]:
                # The content is the same, but the code that read it may be newer.
                self.conn.execute(
                    "UPDATE articles SET parser = ?, extractor_version = ? WHERE id = ?",
                    (row["parser"], row["extractor_version"], article_id),
                )
                if seen:
                    self.conn.execute(
                        "UPDATE articles SET last_run_id = ?, last_seen_at = ? WHERE id = ?",
                        (run_id, seen_at, article_id),
                    )
                result = "unchanged"
            else:
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
                self._write_children(article_id, article)
                result = "changed"
        urls = {article.url, *article.pages}
        if requested_url:
            urls.add(requested_url)
        self.conn.executemany(
            "INSERT OR IGNORE INTO article_urls (url, article_id) VALUES (?, ?)",
            [(url, article_id) for url in sorted(urls)],
        )
        return result

    def correct_content_hash(self, article_id: int, actual_hash: str) -> None:
        """Give a row the hash of what it holds now: a row edited outside newsarchive
        keeps its old hash, which would hide the edit from save(). In the open batch."""
        self._begin()
        self.conn.execute("UPDATE articles SET content_hash = ? WHERE id = ?", (actual_hash, article_id))

    def _write_children(self, article_id: int, article: Article) -> None:
        self.conn.executemany(
            "INSERT INTO credits (article_id, position, name, role, kind)"
            " VALUES (?, ?, ?, ?, ?)",
            [(article_id, n, c.name, c.role, c.kind)
             for n, c in enumerate(article.credits, start=1)],
        )
        self.conn.executemany(
            "INSERT INTO images (article_id, position, src, caption) VALUES (?, ?, ?, ?)",
            [(article_id, n, i.src, i.caption)
             for n, i in enumerate(article.images, start=1)],
        )
        people = [c.name for c in article.credits if c.kind != "agency"]
        index_article(self.conn, article_id, article.headline, "\n".join(article.body),
                      people)

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

    def set_channel_complete(self, channel_path: str, base_url: str, run_id: int) -> None:
        """Record that run `run_id` paged the channel to its end (committed at once)."""
        self._begin()
        self.conn.execute(
            "INSERT INTO channel_state (base_url, channel_path, completed_run_id,"
            " completed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (base_url, channel_path) DO UPDATE SET"
            " completed_run_id = excluded.completed_run_id,"
            " completed_at = excluded.completed_at",
            (_site_key(base_url), channel_path.strip("/"), run_id, utc_now()),
        )
        self.flush()


def _site_key(base_url: str) -> str:
    return base_url.rstrip("/")
