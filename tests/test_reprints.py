"""Reprints: near-duplicates clustered, kept up to date as crawls add articles, shown."""

from __future__ import annotations

import random
import re
import sqlite3
import urllib.parse
from pathlib import Path

import pytest

from benchmarks.reprints import StoryWriter
from newsarchive.items import Credit
from newsarchive.store import ArchiveDB
from newsarchive.store.reprints import THRESHOLD, jaccard, presign, shingles, update_reprints
from tests.crawling import run_crawl
from tests.test_cli import newsarchive
from tests.test_datasette import get_page, links_in, serve_archive
from tests.test_store import BASE, seed_article, start


def save(db: ArchiveDB, run: int, n: int, paragraphs: list[str], *, day: int,
         source: str = "济宁晚报", channel: str = "曲阜新闻") -> None:
    url = f"{BASE}jining/news/202003/{n}.html"
    db.save(seed_article(url=url, pages=[url], headline=f"报道{n}", body=paragraphs,
                         source=source, channel=channel, images=[],
                         published_at=f"2020-03-{day:02d}",
                         credits=[Credit("王涛", "记者")]),
            run_id=run, fetched_at="2026-01-01T00:00:00+00:00")


def cluster_members(path: Path) -> dict[int, set[str]]:
    """cluster id -> the headlines in it."""
    conn = sqlite3.connect(path)
    try:
        found: dict[int, set[str]] = {}
        for cluster, headline in conn.execute(
                "SELECT r.cluster_id, a.headline FROM reprints r"
                " JOIN articles a ON a.id = r.article_id"):
            found.setdefault(cluster, set()).add(headline)
        return found
    finally:
        conn.close()


def update(path: Path):
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        return update_reprints(conn)
    finally:
        conn.close()


@pytest.mark.parametrize("seed", range(8))
def test_a_reprint_under_a_new_header_is_clustered_and_a_same_topic_story_is_not(
        tmp_path, seed):
    writer = StoryWriter(seed)
    original = writer.story("s", topic=seed, place="曲阜")
    reprint, _, _, rewrite, same_topic, *_ = writer.variants(original, seed, "曲阜")
    assert reprint.label == "reprint: new header" and same_topic.label == "not: same topic"
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        save(db, run, 1, original.paragraphs, day=2)
        save(db, run, 2, reprint.paragraphs, day=3, source="大众日报")
        save(db, run, 3, same_topic.paragraphs, day=4)
        save(db, run, 4, rewrite.paragraphs, day=5)
    update(path)
    assert list(cluster_members(path).values()) == [{"报道1", "报道2"}]


def test_reprints_are_kept_up_to_date_incrementally(tmp_path):
    writer = StoryWriter(11)
    story = writer.story("s", topic=0, place="泗水")
    other = writer.story("t", topic=1, place="邹城")
    header, footer, *_ = writer.variants(story, 0, "泗水")
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        save(db, run, 1, header.paragraphs, day=10)
        save(db, run, 2, other.paragraphs, day=1)
    assert update(path).clustered == 0
    # a later crawl brings the original (published earlier) and another reprint
    with ArchiveDB(path) as db:
        run = start(db)
        save(db, run, 3, story.paragraphs, day=5)
        save(db, run, 4, footer.paragraphs, day=12)
    result = update(path)
    assert result.signed == 2
    assert list(cluster_members(path).values()) == [{"报道1", "报道3", "报道4"}]
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT article_id, cluster_id, earliest_id, similarity"
                        " FROM reprints ORDER BY article_id").fetchall()
    assert [r[1] for r in rows] == [1, 1, 1]  # numbered by its smallest id
    assert {r[2] for r in rows} == {3}  # the earliest publication, 2020-03-05
    similarity = {r[0]: r[3] for r in rows}
    assert similarity[3] == 1.0 and THRESHOLD <= similarity[1] < 1.0
    assert similarity[1] == round(jaccard(shingles("\n".join(story.paragraphs)),
                                          shingles("\n".join(header.paragraphs))), 3)
    # nothing new: nothing signed, nothing changed
    assert update(path).signed == 0
    assert conn.execute("SELECT * FROM reprints ORDER BY article_id").fetchall() == rows
    # an article rewritten on the portal leaves its cluster
    with ArchiveDB(path) as db:
        run = start(db)
        save(db, run, 4, writer.story("u", topic=3, place="兖州").paragraphs, day=12)
    update(path)
    assert list(cluster_members(path).values()) == [{"报道1", "报道3"}]


@pytest.mark.parametrize("seed", range(4))
def test_signatures_given_by_content_hash_are_taken_without_reading_those_bodies(tmp_path, seed):
    """The crawl hands the update its workers' signatures by content hash: the update
    stores what it would have signed, reads none of those bodies to sign them, and signs
    the articles it was given nothing for (or something for content they no longer hold)."""
    rng = random.Random(seed)
    writer = StoryWriter(seed)
    stories = [writer.story(f"s{n}", topic=n % 3, place="曲阜") for n in range(4)]
    bodies = [story.paragraphs for story in stories]
    bodies += [variant.paragraphs for variant in writer.variants(stories[0], 0, "曲阜")]
    bodies += [["短讯。"], ["会议要求各部门落实安全生产责任。"]]  # too short to compare
    rng.shuffle(bodies)
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        for n, paragraphs in enumerate(bodies, start=1):
            save(db, run, n, paragraphs, day=n)
    conn = sqlite3.connect(path, isolation_level=None)
    content = dict(conn.execute("SELECT id, content_hash FROM articles"))
    signed = {article_id: presign("\n".join(bodies[article_id - 1])) for article_id in content}
    given = {content[a]: s for a, s in signed.items() if s is not None and rng.random() < 0.7}
    given["0" * 64] = b"\0" * 256  # of content no article holds: never taken

    def tables() -> list[list[tuple]]:
        return [conn.execute(f"SELECT * FROM {table} ORDER BY article_id").fetchall()
                for table in ("reprint_signatures", "reprints")]

    expected = update_reprints(conn), tables()
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    assert (update_reprints(conn, rebuild=True, presigned=given), tables()) == expected
    conn.set_trace_callback(None)
    read = {int(n) for sql in statements if sql.startswith("SELECT id, body")
            for n in re.findall(r"'?(\d+)'?[,)]", sql.partition(" IN ")[2])}
    assert read == {a for a in content if content[a] not in given}
    # what is given is what is stored, not signed again
    article_id = next(a for a in content if content[a] in given)
    marked = bytes(reversed(given[content[article_id]]))
    update_reprints(conn, rebuild=True, presigned={**given, content[article_id]: marked})
    assert conn.execute("SELECT signature FROM reprint_signatures WHERE article_id = ?",
                        (article_id,)).fetchone()[0] == marked
    conn.close()


def test_short_notices_are_never_reprints(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        for n in range(3):
            save(db, run, n, ["会议要求各部门落实安全生产责任。"], day=n + 1)
    assert update(path).clustered == 0


def test_article_page_and_canned_query_show_reprints(tmp_path):
    writer = StoryWriter(3)
    story = writer.story("s", topic=2, place="曲阜")
    header, footer, *_ = writer.variants(story, 2, "曲阜")
    path = tmp_path / "archive.db"
    with ArchiveDB(path) as db:
        run = start(db)
        save(db, run, 1, story.paragraphs, day=2, source="济宁晚报")
        save(db, run, 2, header.paragraphs, day=4, source="大众日报", channel="泗水新闻")
        save(db, run, 3, footer.paragraphs, day=6, source="齐鲁晚报", channel="邹城新闻")
    update(path)
    with serve_archive(path) as base:
        page, _ = get_page(base, "/-/article/archive/3")
        assert "Also published in" in page and "First seen 2020-03-02" in page
        links = links_in(page)
        assert links["济宁晚报 (2020-03-02)"] == "/-/article/archive/1"
        assert links["大众日报 (2020-03-04)"] == "/-/article/archive/2"
        first, _ = get_page(base, "/-/article/archive/1")
        assert "This is the earliest of them." in first
        top, _ = get_page(base, "/archive/most_reprinted_stories")
        assert links_in(top)["报道1"] == "/-/article/archive/1"
        assert re.search(r"<td class=\"col-publications[^\"]*\">3</td>", top)
        table, _ = get_page(base, "/archive/reprints.json?_shape=array")
        assert urllib.parse.unquote(table).count('"cluster_id": 1') == 3


def test_a_crawl_leaves_reprints_up_to_date(mirror, expected, tmp_path):
    db = tmp_path / "archive.db"
    result = run_crawl(mirror.base_url, db, expected["channels"])
    assert result.returncode == 0, result.stdout + result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute(
        "SELECT count(*) FROM articles a JOIN reprint_signatures s"
        " ON s.article_id = a.id AND s.content_hash = a.content_hash").fetchone()[0] \
        == len(expected["articles"])


def test_reprints_command_updates_and_rebuilds(tmp_path):
    writer = StoryWriter(5)
    story = writer.story("s", topic=4, place="微山")
    header, *_ = writer.variants(story, 4, "微山")
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        save(db, run, 1, story.paragraphs, day=1)
        save(db, run, 2, header.paragraphs, day=2)
    first = newsarchive("reprints", "--db", str(path))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == ("2 articles compared, 1 reprint pairs found;"
                                    " 2 articles are in a reprint cluster")
    again = newsarchive("reprints", "--db", str(path))
    assert again.stdout.startswith("0 articles compared")
    rebuilt = newsarchive("reprints", "--db", str(path), "--rebuild")
    assert rebuilt.stdout.startswith("2 articles compared")
    missing = newsarchive("reprints", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "no archive at" in missing.stderr
