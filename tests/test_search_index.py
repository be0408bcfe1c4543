"""The contentless search index kept in step: by the writer through new, changed and
unchanged saves, through rows edited outside newsarchive, and across the migration
from the index that kept its own copy of the text (schema 9)."""

from __future__ import annotations

import logging
import random
import sqlite3
from dataclasses import replace

import pytest

from newsarchive.items import Article, Credit
from newsarchive.store import ArchiveDB
from newsarchive.store.schema import MIGRATIONS, SCHEMA_VERSION
from newsarchive.store.search import fts_query, index_values, rebuild_search_index
from newsarchive.store.writer import DEFAULT_BATCH_SIZE
from tests.test_search import index_entries
from tests.test_store import BASE, seed_article, start

# A small alphabet, so that words recur across articles and most queries have hits.
CJK = "曲阜市驻村联户工作干部农民丰收节新闻济宁泗水"
PUNCTUATION = "，。“”——、！ "


def generated_text(rng: random.Random, length: int) -> str:
    text = "".join(rng.choice(CJK) if rng.random() < 0.8 else rng.choice(PUNCTUATION + "ab19")
                   for _ in range(length))
    return text.strip() or rng.choice(CJK)


def generated_article(rng: random.Random, n: int) -> Article:
    url = f"{BASE}jining/news/201506/{n}.html"
    credits = [Credit(generated_text(rng, rng.randint(2, 3)), rng.choice(["记者", "通讯员", None]),
                      rng.choice(["author", "author", "editor", "agency"]))
               for _ in range(rng.randint(0, 3))]
    return seed_article(url=url, pages=[url], headline=generated_text(rng, rng.randint(4, 20)),
                        body=[generated_text(rng, rng.randint(5, 120)) for _ in range(rng.randint(1, 4))],
                        credits=credits)


def query_words(rng: random.Random, count: int) -> list[str]:
    return [generated_text(rng, rng.randint(1, 4)) for _ in range(count)] + ["曲阜", "村联", "ab"]


def hits(conn: sqlite3.Connection, words: list[str]) -> dict[str, list[tuple[int, float]]]:
    """Each word's hits, with their rank (bm25), by rowid."""
    return {word: conn.execute("SELECT rowid, round(rank, 9) FROM articles_fts WHERE articles_fts MATCH ?"
                               " ORDER BY rowid", (fts_query(word),)).fetchall()
            for word in words}


def assert_index_is_rebuilt_one(path, tmp_path) -> None:
    """The writer's index holds exactly what rebuilding it from the rows gives."""
    conn, rebuilt = sqlite3.connect(path), sqlite3.connect(tmp_path / "rebuilt.db")
    conn.backup(rebuilt)
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    rebuild_search_index(rebuilt)
    assert index_entries(conn) == index_entries(rebuilt)
    words = query_words(random.Random(1), 40)
    assert hits(conn, words) == hits(rebuilt, words)
    assert (conn.execute("SELECT * FROM articles_fts_hashes ORDER BY rowid").fetchall()
            == rebuilt.execute("SELECT * FROM articles_fts_hashes ORDER BY rowid").fetchall())


@pytest.mark.parametrize("seed", range(6))
def test_the_writers_index_is_the_rows_index_through_any_saves(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "a.db"
    articles = [generated_article(rng, n) for n in range(12)]
    with ArchiveDB(path, batch_size=rng.choice([1, 3, 100])) as db:
        run = start(db)
        for _ in range(60):  # new, changed, unchanged, changed twice in one batch …
            n = rng.randrange(len(articles))
            if rng.random() < 0.5:
                articles[n] = replace(generated_article(rng, n), url=articles[n].url, pages=articles[n].pages)
            db.save(articles[n], run_id=run, fetched_at="t")
    assert_index_is_rebuilt_one(path, tmp_path)


def saved_articles(path, rng: random.Random, count: int) -> list[Article]:
    """`count` generated articles, saved by one run into a new archive at `path`."""
    articles = [generated_article(rng, n) for n in range(count)]
    with ArchiveDB(path) as db:
        run = start(db)
        for article in articles:
            db.save(article, run_id=run, fetched_at="t")
    return articles


def edit_outside(path, article_url: str, *, rebuild: bool) -> None:
    """What a researcher does with sqlite3: a new body, the index rebuilt or not."""
    conn = sqlite3.connect(path)
    with conn:
        assert conn.execute("UPDATE articles SET body = '兖州区开展植树活动' WHERE url = ?",
                            (article_url,)).rowcount == 1
        if rebuild:
            rebuild_search_index(conn)
    conn.close()


@pytest.mark.parametrize("rebuild", [False, True])
def test_a_row_edited_outside_newsarchive_then_changed_leaves_a_true_index(tmp_path, caplog, rebuild):
    rng = random.Random(7)
    path = tmp_path / "a.db"
    articles = saved_articles(path, rng, 5)
    edit_outside(path, articles[2].url, rebuild=rebuild)
    with caplog.at_level(logging.WARNING), ArchiveDB(path) as db:
        assert db.save(replace(articles[2], headline="泗水县举办农民丰收节"), run_id=start(db),
                       fetched_at="t") == "changed"
    # Without a rebuild the entry held the crawled body, which the rows no longer give:
    # the whole index is rebuilt; after one, the entry is replaced alone.
    assert ("rebuilding it" in caplog.text) is not rebuild
    assert_index_is_rebuilt_one(path, tmp_path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                        (fts_query("植树"),)).fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                        (fts_query("丰收节"),)).fetchone() == (1,)


def test_a_new_article_given_the_id_of_one_deleted_outside_newsarchive_is_indexed_alone(tmp_path):
    # SQLite gives the next article the largest id again once its row is deleted; the
    # deleted article's entry, left in the index, must not answer for the new one.
    rng = random.Random(3)
    path = tmp_path / "a.db"
    saved_articles(path, rng, 3)
    conn = sqlite3.connect(path)
    with conn:
        for table in ("credits", "images", "article_urls"):
            conn.execute(f"DELETE FROM {table} WHERE article_id = 3")
        conn.execute("DELETE FROM articles WHERE id = 3")
    conn.close()
    with ArchiveDB(path) as db:
        newcomer = replace(generated_article(rng, 10), headline="泗水县举办农民丰收节")
        assert db.save(newcomer, run_id=start(db), fetched_at="t") == "new"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT id FROM articles WHERE url = ?", (newcomer.url,)).fetchone() == (3,)
    assert_index_is_rebuilt_one(path, tmp_path)


def test_the_index_keeps_no_copy_of_the_text(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        db.save(seed_article(), run_id=start(db), fetched_at="t")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT rowid, headline, body FROM articles_fts").fetchall() == [(1, None, None)]
    assert "articles_fts_content" not in {name for (name,) in conn.execute("SELECT name FROM sqlite_schema")}


@pytest.mark.parametrize("hashsize", [None, 2**20])
def test_a_batch_of_pages_of_text_is_one_segment_of_the_index(tmp_path, hashsize):
    """FTS5 holds a whole default batch's terms in memory and writes them out as one
    segment when the batch commits (schema 11's `hashsize`), not one a megabyte
    (FTS5's own default, set again here to show the difference)."""
    rng = random.Random(7)
    alphabet = [chr(0x4E00 + n) for n in range(3000)]
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        if hashsize is not None:
            db.conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', ?)", (hashsize,))
        run = start(db)
        for n in range(DEFAULT_BATCH_SIZE + 10):  # a batch, and ten more committed at the close
            url = f"{BASE}jining/news/201506/{n}.html"
            body = ["".join(rng.choices(alphabet, k=300)) for _ in range(5)]  # a page of text
            db.save(seed_article(url=url, pages=[url], body=body), run_id=run, fetched_at="t")
    conn = sqlite3.connect(path)
    segments = conn.execute("SELECT count(DISTINCT segid) FROM articles_fts_idx").fetchone()[0]
    assert segments == 2 if hashsize is None else segments > 4
    conn.close()


def v9_archive(path, articles: list[Article]) -> None:
    """An archive as schema 9 left it, written as its writer did: each article's rows
    and an entry in the index that kept its own copy of the spaced text."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for migration in MIGRATIONS[:9]:
        migration(conn)
    conn.execute("PRAGMA user_version = 9")
    for article in articles:
        cursor = conn.execute(
            "INSERT INTO articles (url, headline, authors, editors, body, paragraphs, images, parser,"
            " pages, fetched_at, last_seen_at, content_hash) VALUES (?, ?, '[]', '[]', ?, ?, '[]', 'p', '[]',"
            " 't', 't', 'h')", (article.url, article.headline, "\n".join(article.body), len(article.body)))
        conn.executemany("INSERT INTO credits (article_id, position, name, role, kind) VALUES (?, ?, ?, ?, ?)",
                         [(cursor.lastrowid, n, c.name, c.role, c.kind) for n, c in enumerate(article.credits, 1)])
        people = [c.name for c in article.credits if c.kind != "agency"]
        conn.execute("INSERT OR REPLACE INTO articles_fts (rowid, headline, body, people) VALUES (?, ?, ?, ?)",
                     (cursor.lastrowid, *index_values(article.headline, "\n".join(article.body), people)))
    conn.execute("COMMIT")
    conn.close()


@pytest.mark.parametrize("seed", range(3))
def test_migration_keeps_every_search_result_and_rank(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "a.db"
    articles = [generated_article(rng, n) for n in range(40)]
    v9_archive(path, articles)
    edit_outside(path, articles[3].url, rebuild=False)  # its entry still holds the crawled body
    words = query_words(rng, 60)
    conn = sqlite3.connect(path)
    before, entries_before = hits(conn, words), index_entries(conn)
    conn.close()
    assert sum(map(len, before.values())) > 100  # the words do find articles

    ArchiveDB(path).close()

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert hits(conn, words) == before
    assert index_entries(conn) == entries_before
    assert conn.execute("SELECT body FROM articles_fts LIMIT 1").fetchone() == (None,)
    assert not conn.execute("SELECT name FROM sqlite_schema WHERE name LIKE 'articles_fts_v9%'").fetchall()
    # and the writer goes on from there: the edited article changed again, another new one
    with ArchiveDB(path) as db:
        run = start(db)
        db.save(replace(articles[3], headline="泗水县举办农民丰收节"), run_id=run, fetched_at="t")
        db.save(generated_article(rng, 99), run_id=run, fetched_at="t")
    assert_index_is_rebuilt_one(path, tmp_path)
