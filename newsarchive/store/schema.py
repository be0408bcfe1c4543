"""The archive's schema, built by ordered migrations.

`PRAGMA user_version` holds the number of migrations applied. Opening an archive runs
the missing ones, each in its own transaction, so an archive written by any earlier
version of newsarchive is brought up to date and a half-applied migration never
sticks. A migration, once released, never changes: new needs get a new function.

The DDL is plain SQL on purpose: it is the contract researchers read, and no table
has a trigger or a default that needs anything beyond a stock sqlite3.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable

from newsarchive.places import place_of
from newsarchive.store.search import FTS_TABLE, create_search_index, index_articles, stored_index_values


class SchemaTooNew(RuntimeError):
    """The archive was written by a newer newsarchive than this one."""


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    # Not conn.executescript(): that commits first, and a migration must stay one
    # transaction.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1_core_tables(conn: sqlite3.Connection) -> None:
    _execute_script(
        conn,
        """
        CREATE TABLE crawl_runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            base_url TEXT NOT NULL,
            channels TEXT NOT NULL,          -- JSON array of channel paths
            software_version TEXT NOT NULL,
            options TEXT NOT NULL,           -- JSON object of the run's options
            finish_reason TEXT,
            pages_requested INTEGER NOT NULL DEFAULT 0,
            articles_new INTEGER NOT NULL DEFAULT 0,
            articles_changed INTEGER NOT NULL DEFAULT 0,
            articles_unchanged INTEGER NOT NULL DEFAULT 0,
            pages_skipped_non_article INTEGER NOT NULL DEFAULT 0,
            articles_invalid INTEGER NOT NULL DEFAULT 0,
            errors TEXT NOT NULL DEFAULT '{}', -- JSON object: error kind -> count
            exit_status TEXT
        );

        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            article_id INTEGER,
            headline TEXT NOT NULL,
            source TEXT,
            published_at TEXT,
            published_date TEXT,
            year INTEGER,
            authors TEXT NOT NULL,           -- JSON array of names, byline order
            editors TEXT NOT NULL,           -- JSON array of names
            body TEXT NOT NULL,              -- paragraphs joined by newlines
            paragraphs INTEGER NOT NULL,
            images TEXT NOT NULL,            -- JSON array of {src, caption}
            channel TEXT,
            channel_path TEXT,
            region TEXT,                     -- 山东 / 济宁市 / 曲阜
            parser TEXT NOT NULL,
            pages TEXT NOT NULL,             -- JSON array of page URLs
            fetched_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            first_run_id INTEGER REFERENCES crawl_runs(id),
            last_run_id INTEGER REFERENCES crawl_runs(id),
            warc_file TEXT,
            warc_record_id TEXT,
            content_hash TEXT NOT NULL
        );
        CREATE INDEX idx_articles_published_at ON articles(published_at);
        CREATE INDEX idx_articles_channel_date ON articles(channel, published_date);
        CREATE INDEX idx_articles_source_date ON articles(source, published_date);
        CREATE INDEX idx_articles_year ON articles(year);
        CREATE INDEX idx_articles_article_id ON articles(article_id);

        CREATE TABLE credits (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            role TEXT,
            kind TEXT NOT NULL,              -- author, editor or agency
            PRIMARY KEY (article_id, position)
        );
        CREATE INDEX idx_credits_name_role ON credits(name, role);
        CREATE INDEX idx_credits_role ON credits(role);
        CREATE INDEX idx_credits_kind ON credits(kind);

        CREATE TABLE images (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            position INTEGER NOT NULL,
            src TEXT NOT NULL,
            caption TEXT,
            PRIMARY KEY (article_id, position)
        );

        CREATE TABLE article_urls (
            url TEXT PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id)
        );
        CREATE INDEX idx_article_urls_article ON article_urls(article_id);

        CREATE TABLE article_versions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            superseded_at TEXT NOT NULL,
            superseded_by_run_id INTEGER REFERENCES crawl_runs(id),
            url TEXT NOT NULL,
            headline TEXT NOT NULL,
            source TEXT,
            published_at TEXT,
            authors TEXT NOT NULL,
            editors TEXT NOT NULL,
            credits TEXT NOT NULL,           -- JSON array of {name, role, kind}
            body TEXT NOT NULL,
            images TEXT NOT NULL,
            channel TEXT,
            channel_path TEXT,
            region TEXT,
            parser TEXT NOT NULL,
            pages TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            run_id INTEGER REFERENCES crawl_runs(id),
            warc_file TEXT,
            warc_record_id TEXT,
            content_hash TEXT NOT NULL
        );
        CREATE INDEX idx_article_versions_article ON article_versions(article_id);

        CREATE TABLE channel_state (
            base_url TEXT NOT NULL,
            channel_path TEXT NOT NULL,
            completed_run_id INTEGER REFERENCES crawl_runs(id),
            completed_at TEXT NOT NULL,
            PRIMARY KEY (base_url, channel_path)
        );
        """
    )


def _v2_search_index(conn: sqlite3.Connection) -> None:
    # A regular FTS5 table (it keeps its own copy of the indexed text) with the stock
    # unicode61 tokenizer over text in which every CJK character stands alone; see
    # SEARCH.md for why. Migration 10 replaces it with a contentless one.
    conn.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
        "headline, body, people, tokenize = 'unicode61 remove_diacritics 2')"
    )
    conn.executemany(f"INSERT INTO {FTS_TABLE} (rowid, headline, body, people) VALUES (?, ?, ?, ?)",
                     ((rowid, *values) for rowid, values in stored_index_values(conn)))


def _v3_skipped_pages(conn: sqlite3.Connection) -> None:
    # Pages a crawl should not fetch again: not articles (a gallery at an article URL)
    # or gone (404/410). Without them every incremental run would fetch them anew.
    _execute_script(
        conn,
        """
        CREATE TABLE skipped_pages (
            url TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            first_run_id INTEGER REFERENCES crawl_runs(id),
            last_run_id INTEGER REFERENCES crawl_runs(id),
            skipped_at TEXT NOT NULL
        );
        """,
    )


def _v4_flags_and_places(conn: sqlite3.Connection) -> None:
    # Values the validate step found suspect, kept queryable (WHERE flags != '[]'): a
    # JSON array, '[]' when clean; NULL for rows stored before there were flags, which
    # nobody checked (a --refresh crawl checks them). And the article's city and county
    # in one spelling each (济宁, 曲阜), beside `region`, the breadcrumb as printed.
    _execute_script(
        conn,
        """
        ALTER TABLE articles ADD COLUMN flags TEXT;
        ALTER TABLE articles ADD COLUMN city TEXT;
        ALTER TABLE articles ADD COLUMN county TEXT;
        CREATE INDEX idx_articles_city_county ON articles(city, county);
        """,
    )
    _backfill_places(conn)


def _backfill_places(conn: sqlite3.Connection) -> None:
    """City and county of the rows stored before there were columns for them, from
    their channel path, channel and region; each channel path gets the spelling most
    of its rows give, so that one county is one value."""
    channel_paths: set[str] = set()
    cities: dict[str, Counter[str]] = defaultdict(Counter)
    counties: dict[str, Counter[str]] = defaultdict(Counter)
    for channel_path, channel, region, count in conn.execute(
        "SELECT channel_path, channel, region, count(*) FROM articles"
        " WHERE channel_path IS NOT NULL GROUP BY 1, 2, 3"
    ):
        place = place_of(channel_path, channel, region.split(" / ") if region else [])
        channel_paths.add(channel_path)
        if place.city:
            cities[channel_path][place.city] += count
        if place.county:
            counties[channel_path][place.county] += count
    for channel_path in sorted(channel_paths):
        conn.execute(
            "UPDATE articles SET city = ?, county = ? WHERE channel_path = ?",
            (_most_common(cities[channel_path]), _most_common(counties[channel_path]), channel_path),
        )


def _most_common(names: Counter[str]) -> str | None:
    return names.most_common(1)[0][0] if names else None


def _v5_run_link_and_flag_counts(conn: sqlite3.Connection) -> None:
    # What a run left aside, from its Scrapy stats; links_not_followed is a JSON
    # object, reason -> count. NULL in runs recorded before these were counted: not
    # known, rather than zero.
    _execute_script(
        conn,
        """
        ALTER TABLE crawl_runs ADD COLUMN links_not_followed TEXT;
        ALTER TABLE crawl_runs ADD COLUMN list_pages_short INTEGER;
        ALTER TABLE crawl_runs ADD COLUMN articles_flagged INTEGER;
        ALTER TABLE crawl_runs ADD COLUMN articles_already_archived INTEGER;
        """,
    )


def _v6_reprints(conn: sqlite3.Connection) -> None:
    # Near-duplicate articles (newsarchive.store.reprints), filled by the crawl's
    # store pipeline at the end of each run.
    _execute_script(
        conn,
        """
        CREATE TABLE reprints (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            cluster_id INTEGER NOT NULL,     -- the smallest article id of the cluster
            earliest_id INTEGER NOT NULL REFERENCES articles(id),
            similarity REAL NOT NULL         -- Jaccard of the body with the earliest's
        );
        CREATE INDEX idx_reprints_cluster ON reprints(cluster_id);

        CREATE TABLE reprint_signatures (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            content_hash TEXT NOT NULL,      -- the content the signature was made from
            signature BLOB                   -- MinHash, 64 little-endian uint32, NULL
                                             -- for a body too short to compare
        );
        """,
    )


def _v7_search_facet_index(conn: sqlite3.Connection) -> None:
    # A search from datasette (`search_id IN (SELECT rowid FROM articles_fts …)`) and
    # its facets read these columns of every hit; through the id itself SQLite
    # reads each hit's whole row (a page per article), through this index a few
    # pages in all: 2-3 times faster for a word with 15,000 hits. A virtual column,
    # because SQLite never looks beyond the rowid's own b-tree for `id IN (…)`.
    conn.execute("ALTER TABLE articles ADD COLUMN search_id INTEGER"
                 " GENERATED ALWAYS AS (id) VIRTUAL")
    conn.execute("CREATE INDEX idx_articles_search ON articles"
                 "(search_id, published_at, source, channel, year, authors)")


def _v8_extractor_version(conn: sqlite3.Connection) -> None:
    # Which extraction code produced a row (newsarchive.extract.version), so rows
    # re-derived by `newsarchive reextract` can be told apart; NULL for rows written
    # before it was recorded.
    conn.execute("ALTER TABLE articles ADD COLUMN extractor_version TEXT")
    conn.execute("ALTER TABLE article_versions ADD COLUMN extractor_version TEXT")



def _v9_distributed_runs(conn: sqlite3.Connection) -> None:
    # A distributed crawl (`newsarchive ingest` writing what `crawl --frontier` workers
    # find) is one crawl_runs row; these are the workers that took part, with what each
    # said of itself. And how far the ingest has committed each Redis stream, so a record
    # read again after a crash between the commit and its acknowledgement is not counted
    # twice.
    _execute_script(
        conn,
        """
        CREATE TABLE crawl_run_workers (
            run_id INTEGER NOT NULL REFERENCES crawl_runs(id),
            worker TEXT NOT NULL,            -- its name: host-pid, or its --worker
            first_record_at TEXT,            -- when the ingest stored its first record (UTC)
            finished_at TEXT,                -- when it left, as it said (UTC)
            finish_reason TEXT,              -- the reason it gave (finished, shutdown ...),
                                             -- NULL: it never said
            lost INTEGER NOT NULL DEFAULT 0, -- 1: the run ended without hearing from it
                                             -- again (killed, or its machine died)
            articles_stored INTEGER NOT NULL DEFAULT 0, -- its articles stored in this run
            channels_failed TEXT NOT NULL DEFAULT '[]', -- JSON array of channel paths
                                             -- whose list page failed in it
            counts TEXT,                     -- JSON object of its crawl_runs counts
                                             -- (pages_requested ...), from its stats
            stats TEXT,                      -- JSON object: its Scrapy stats as it sent
                                             -- them (numbers only)
            PRIMARY KEY (run_id, worker)
        );

        CREATE TABLE ingest_progress (
            stream TEXT PRIMARY KEY,         -- redis://host:port/db and the stream's key
            last_record_id TEXT NOT NULL,    -- the last record whose effects are committed
            updated_at TEXT NOT NULL
        );
        """,
    )


def _v10_contentless_search_index(conn: sqlite3.Connection) -> None:
    # The index without its own copy of the spaced text (a third of the archive), its
    # segments merged 16 at a time (search.create_search_index). Each entry is copied
    # as it is, so every search finds what it found before, edited rows included.
    conn.execute(f"ALTER TABLE {FTS_TABLE} RENAME TO {FTS_TABLE}_v9")
    create_search_index(conn)
    entries = conn.execute(f"SELECT rowid, headline, body, people FROM {FTS_TABLE}_v9 ORDER BY rowid")
    index_articles(conn, ((rowid, (headline, body, people)) for rowid, headline, body, people in entries))
    conn.execute(f"DROP TABLE {FTS_TABLE}_v9")


def _v11_search_index_segment_a_batch(conn: sqlite3.Connection) -> None:
    # FTS5 writes the terms it holds in memory out as a new segment of the index at each
    # commit and whenever they pass its `hashsize`, 1 MB by default: a writer's batch of
    # 1,000 articles (writer.DEFAULT_BATCH_SIZE, about 5 MB of terms) became five small
    # segments, each merged again later. 8 MB makes it one: the writer spends a quarter
    # less CPU an article (a third less at 100,000), and the archive is no larger
    # (SEARCH.md, Figures). Stored in the index's config, as `automerge` is.
    conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('hashsize', ?)", (8 * 2**20,))


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1_core_tables,
    _v2_search_index,
    _v3_skipped_pages,
    _v4_flags_and_places,
    _v5_run_link_and_flag_counts,
    _v6_reprints,
    _v7_search_facet_index,
    _v8_extractor_version,
    _v9_distributed_runs,
    _v10_contentless_search_index,
    _v11_search_index_segment_a_batch,
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the missing migrations; returns the resulting schema version.

    `conn` must be in autocommit mode (isolation_level=None) with no open transaction.
    """
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"archive schema version {version} is newer than this newsarchive "
            f"understands ({SCHEMA_VERSION}); upgrade newsarchive"
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            if schema_version(conn) >= number:
                conn.execute("COMMIT")
                continue
            MIGRATIONS[number - 1](conn)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            _roll_back_quietly(conn)
            raise
    return schema_version(conn)


def _roll_back_quietly(conn: sqlite3.Connection) -> None:
    """Roll back a failed migration without hiding why it failed: after a full disk
    SQLite has often rolled back already, and a second error would replace the first."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the migration's own error is the one to report
