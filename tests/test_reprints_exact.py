"""The reprint update gives exactly what its definition gives: the articles whose bodies'
shingles have a Jaccard similarity of at least THRESHOLD with one of their LSH candidates
(the first MAX_CANDIDATES of them) are clustered, and each member's similarity to its
cluster's earliest article is the exact one. A plain reference, written from that
definition (Python sets, every pair once), is compared with update_reprints on generated
corpora: planted reprints, near misses, texts on both sides of the threshold, many copies
of one text, unrelated bodies; in one update and in several."""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from benchmarks.crawl import planted_found
from benchmarks.reprints import generated_stories
from benchmarks.sitegen import article_text, site_articles
from newsarchive.items import Article, Credit
from newsarchive.store import ArchiveDB, reprints
from newsarchive.store.reprints import THRESHOLD, jaccard, shingles, signature, update_reprints

Row = tuple[int, int, int, float]  # article, cluster, earliest, similarity


def candidates(signatures: np.ndarray) -> dict[int, set[int]]:
    """Each row's earlier rows that share one of its LSH band keys."""
    found: dict[int, set[int]] = {}
    for band in range(reprints._BANDS[0]):
        rows_of: dict[int, list[int]] = {}
        for row, key in enumerate(reprints._band_key(signatures, band).tolist()):
            found.setdefault(row, set()).update(rows_of.setdefault(key, []))
            rows_of[key].append(row)
    return found


def reference(path: Path) -> list[Row]:
    """The reprints table by the definition, computed afresh over the whole archive."""
    conn = sqlite3.connect(path)
    articles = conn.execute("SELECT id, body, coalesce(published_at, fetched_at) FROM articles ORDER BY id").fetchall()
    conn.close()
    compared = [(i, body, when) for i, body, when in articles if len(re.sub(r"[\W_]+", "", body)) >= reprints.MIN_CHARS]
    if not compared:
        return []
    grams = [shingles(body) for _, body, _ in compared]
    signatures = np.array([signature(body) for _, body, _ in compared], dtype=np.uint32)
    parent = list(range(len(compared)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for row, others in candidates(signatures).items():
        for other in sorted(others)[:reprints.MAX_CANDIDATES]:
            if jaccard(grams[row], grams[other]) >= THRESHOLD:
                parent[max(root(row), root(other))] = min(root(row), root(other))
    clusters: dict[int, list[int]] = {}
    for i in range(len(compared)):
        clusters.setdefault(root(i), []).append(i)
    rows = []
    for members in clusters.values():
        if len(members) < 2:
            continue
        earliest = min(members, key=lambda i: (compared[i][2], compared[i][0]))
        for i in members:
            rows.append((compared[i][0], compared[members[0]][0], compared[earliest][0],
                         round(jaccard(grams[earliest], grams[i]), 3)))
    return sorted(rows)


def table(path: Path) -> list[Row]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT article_id, cluster_id, earliest_id, similarity FROM reprints"
                            " ORDER BY article_id").fetchall()
    finally:
        conn.close()


def store(path: Path, bodies: list[list[str]], start: int = 0, urls: list[str] | None = None) -> None:
    with ArchiveDB(path, batch_size=500) as db:
        run = db.start_run(base_url="http://bench/", channels=["bench"], version="0", options={})
        for n, paragraphs in enumerate(bodies, start):
            url = urls[n - start] if urls else f"http://bench/news/{n}.html"
            db.save(Article(url=url, headline=f"报道{n}", source="济宁晚报",
                            published_at=f"20{10 + n * 7 % 13}-03-{1 + n % 28:02d}",
                            credits=[Credit("记者甲", "记者")], body=paragraphs, images=[],
                            channel="测试新闻", channel_path="bench", region=["山东"], pages=[url],
                            parser="bench"), run_id=run, fetched_at="2026-01-01T00:00:00+00:00")


def update(path: Path) -> reprints.ReprintUpdate:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        return update_reprints(conn)
    finally:
        conn.close()


def straddling(rng: random.Random, originals: list[list[str]]) -> list[list[str]]:
    """Variants of each original with more and more of its paragraphs written afresh
    (from other originals): Jaccard similarities on both sides of the threshold, and
    exact copies."""
    out = []
    for paragraphs in originals:
        for kept in range(len(paragraphs) // 2, len(paragraphs) + 1):
            fresh = [rng.choice(rng.choice(originals))[::-1] for _ in range(len(paragraphs) - kept)]
            out.append(paragraphs[:kept] + fresh)
    return out


def corpus(seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    site = [article_text(article) for article, _, _ in site_articles(300, seed)]
    stories = [story.paragraphs for story, _ in generated_stories(15, seed)]
    bodies = site + stories + straddling(rng, site[:12]) + [site[5]] * 6 + [["短讯。"], ["会议要求各部门落实安全生产责任。"]]
    rng.shuffle(bodies)
    return bodies


@pytest.mark.parametrize("seed", [1, 2])
def test_one_update_clusters_exactly_the_pairs_the_definition_does(tmp_path, seed):
    path = tmp_path / "a.db"
    store(path, corpus(seed))
    result = update(path)
    expected = reference(path)
    assert table(path) == expected
    assert result.clustered == len(expected) > 50
    assert any(THRESHOLD <= similarity < THRESHOLD + 0.1 for *_, similarity in expected)  # close calls


def test_updates_after_each_crawl_end_where_one_update_of_it_all_does(tmp_path):
    bodies = corpus(3)
    path = tmp_path / "a.db"
    for start in range(0, len(bodies), 130):
        store(path, bodies[start:start + 130], start)
        update(path)
    assert table(path) == reference(path)


def test_a_cap_on_candidates_and_new_articles_taken_a_chunk_at_a_time_keep_to_the_definition(
        tmp_path, monkeypatch):
    monkeypatch.setattr(reprints, "MAX_CANDIDATES", 2)
    monkeypatch.setattr(reprints, "CANDIDATE_CHUNK", 7)
    rng = random.Random(4)
    site = [article_text(article) for article, _, _ in site_articles(60, 4)]
    bodies = site + [site[3]] * 8 + straddling(rng, site[:6])
    rng.shuffle(bodies)
    path = tmp_path / "a.db"
    store(path, bodies)
    update(path)
    assert table(path) == reference(path)


def test_planted_reprints_are_found_and_near_misses_are_not(tmp_path):
    planted = list(site_articles(1000, 5))
    path = tmp_path / "a.db"
    store(path, [article_text(article) for article, _, _ in planted],
          urls=[f"http://127.0.0.1:8080{article.path}" for article, _, _ in planted])
    update(path)
    reprinted = [(of.path, a.path) for a, of, _ in planted if of]
    missed = [(of.path, a.path) for a, _, of in planted if of]
    assert len(reprinted) == len(missed) == 19
    # what benchmarks/crawl.py prints as "reprint pairs found / planted"
    assert planted_found(path, reprinted) == 19 and planted_found(path, missed) == 0
    assert planted_found(path, [(reprinted[0][0], missed[0][1])]) == 0


@pytest.mark.parametrize("seed", range(4))
def test_shingle_similarity_is_the_jaccard_of_the_shingle_sets(seed):
    """On generated pairs (copies, edits, texts of 0 to 5 characters, punctuation and
    full-width forms, texts of more characters than the exact keys number): the
    similarity from the grams' keys is the float the sets give."""
    rng = random.Random(seed)
    small = "曲阜市驻村联户工作干部，。！ ab１２"
    large = [chr(0x4E00 + n) for n in range(5000)]
    # two texts of more characters than the keys number (the sets' way), and 150 others
    pairs = [("".join(rng.choices(large, k=8000)), "".join(rng.choices(large, k=8000)))]
    assert len(set("".join(pairs[0]))) >= 4096
    for _ in range(150):
        alphabet = rng.choice([small, large, "济宁"])
        a = "".join(rng.choice(alphabet) for _ in range(rng.choice([0, 1, 3, 4, 5, 6, 40, 400, 3000])))
        b = rng.choice([a, a[::-1], a[: len(a) // 2] + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50))),
                        "".join(rng.choice(alphabet) for _ in range(len(a)))])
        pairs.append((a, b))
    for a, b in pairs:
        expected = jaccard(shingles(a), shingles(b))
        assert reprints.shingle_similarity(reprints.comparable_points(a), reprints.comparable_points(b)) == expected
