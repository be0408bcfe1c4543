"""Reprints: the same story published more than once across the archive.

Local news travels: one report runs in several county channels, or is reprinted from
济宁晚报 or 大众日报 under a new header. Two articles are reprints of each other when
the exact Jaccard similarity of their bodies' character 3-, 4- and 5-grams is at least
THRESHOLD. Candidates come from MinHash LSH (datasketch), so an update compares each
new article with a handful of others, not with the whole archive; every candidate is
then verified exactly.

Two tables keep the result (schema.py creates them):
- `reprints`: one row per article that has at least one reprint: its cluster (the
  smallest article id in it), the cluster's earliest article, and the article's
  similarity to that earliest one.
- `reprint_signatures`: each article's MinHash signature and the content hash it was
  computed from, so an update only signs articles that are new or changed.

`update_reprints` is incremental and idempotent: the crawl's store pipeline calls it
at the end of a run. A changed article leaves its cluster and is matched afresh; a
cluster that a change would split stays whole until `rebuild=True`.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

REPRINTS_TABLE = "reprints"
SIGNATURES_TABLE = "reprint_signatures"
THRESHOLD = 0.5
NUM_PERM = 64
# datasketch's hashing scheme the stored signatures were made with.
SCHEME = "affine32"
GRAM_SIZES = (3, 4, 5)
# Bodies shorter than this (after dropping spaces and punctuation) are notices and
# captions: too little text to tell a reprint from a template.
MIN_CHARS = 40

_NOISE = re.compile(r"[\W_]+")


def shingles(body: str) -> set[str]:
    """The body's character 3-, 4- and 5-grams, ignoring spaces and punctuation."""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", body))
    return {text[i:i + n] for n in GRAM_SIZES for i in range(len(text) - n + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def signature(grams: set[str]) -> MinHash:
    # CRC-32 rather than datasketch's default SHA-1: five times faster, and the
    # permutations MinHash applies on top make up for its weaker mixing.
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, scheme=SCHEME)
    minhash.update_batch([g.encode("utf-8") for g in grams])
    return minhash


def _packed(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


def _unpacked(blob: bytes) -> LeanMinHash:
    return LeanMinHash(seed=1, hashvalues=np.frombuffer(blob, dtype="<u4"), scheme=SCHEME)


@dataclass(frozen=True)
class ReprintUpdate:
    signed: int  # articles (new or changed) signed by this update
    pairs: int  # verified reprint pairs they took part in
    clustered: int  # articles in a reprint cluster afterwards


def _bodies(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, str]:
    ids = list(ids)
    found: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(conn.execute(
            f"SELECT id, body FROM articles WHERE id IN ({marks})", chunk).fetchall())
    return found


def update_reprints(conn: sqlite3.Connection, *, rebuild: bool = False) -> ReprintUpdate:
    """Sign the articles that are new or changed since the last update, find their
    reprints and merge them into the clusters. One transaction; commits.

    `conn` is in autocommit mode (as ArchiveDB's), with no transaction open.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = _update(conn, rebuild)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return result


def _update(conn: sqlite3.Connection, rebuild: bool) -> ReprintUpdate:
    if rebuild:
        conn.execute(f"DELETE FROM {SIGNATURES_TABLE}")
        conn.execute(f"DELETE FROM {REPRINTS_TABLE}")
    todo = conn.execute(
        f"SELECT a.id, a.body, a.content_hash FROM articles a"
        f" LEFT JOIN {SIGNATURES_TABLE} s ON s.article_id = a.id"
        f" WHERE s.article_id IS NULL OR s.content_hash != a.content_hash"
        f" ORDER BY a.id").fetchall()
    if not todo:
        return ReprintUpdate(0, 0, _clustered(conn))
    todo_ids = [row[0] for row in todo]
    _leave_clusters(conn, todo_ids)

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    pending = set(todo_ids)
    with lsh.insertion_session() as session:
        for article_id, blob in conn.execute(
                f"SELECT article_id, signature FROM {SIGNATURES_TABLE}"
                f" WHERE signature IS NOT NULL"):
            if article_id not in pending:
                session.insert(article_id, _unpacked(blob), check_duplication=False)

    grams_of: dict[int, set[str]] = {}
    edges: list[tuple[int, int, float]] = []
    for article_id, body, content_hash in todo:
        grams = shingles(body)
        if len(_NOISE.sub("", body)) < MIN_CHARS:
            conn.execute(f"INSERT OR REPLACE INTO {SIGNATURES_TABLE}"
                         f" (article_id, content_hash, signature) VALUES (?, ?, NULL)",
                         (article_id, content_hash))
            continue
        minhash = signature(grams)
        candidates = lsh.query(minhash)
        missing = [c for c in candidates if c not in grams_of]
        for other, other_body in _bodies(conn, missing).items():
            grams_of[other] = shingles(other_body)
        for other in candidates:
            similarity = jaccard(grams, grams_of[other])
            if similarity >= THRESHOLD:
                edges.append((article_id, other, similarity))
        lsh.insert(article_id, minhash, check_duplication=False)
        grams_of[article_id] = grams
        conn.execute(f"INSERT OR REPLACE INTO {SIGNATURES_TABLE}"
                     f" (article_id, content_hash, signature) VALUES (?, ?, ?)",
                     (article_id, content_hash, _packed(minhash)))
    _merge(conn, edges)
    return ReprintUpdate(len(todo), len(edges), _clustered(conn))


def _clustered(conn: sqlite3.Connection) -> int:
    return conn.execute(f"SELECT count(*) FROM {REPRINTS_TABLE}").fetchone()[0]


def _leave_clusters(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Changed articles leave their clusters; a cluster left with one member ends."""
    touched = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        touched.update(r[0] for r in conn.execute(
            f"SELECT cluster_id FROM {REPRINTS_TABLE} WHERE article_id IN ({marks})",
            chunk))
        conn.execute(f"DELETE FROM {REPRINTS_TABLE} WHERE article_id IN ({marks})", chunk)
    for cluster in touched:
        _settle(conn, cluster)


def _merge(conn: sqlite3.Connection, edges: list[tuple[int, int, float]]) -> None:
    """Join each verified pair's clusters (union by smallest id)."""
    parent: dict[int, int] = {}

    def cluster_of(article_id: int) -> int:
        if article_id not in parent:
            row = conn.execute(f"SELECT cluster_id FROM {REPRINTS_TABLE}"
                               f" WHERE article_id = ?", (article_id,)).fetchone()
            parent[article_id] = row[0] if row else article_id
            parent.setdefault(parent[article_id], parent[article_id])
        root = article_id
        while parent[root] != root:
            root = parent[root]
        return root

    for a, b, _ in edges:
        root_a, root_b = cluster_of(a), cluster_of(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    members: dict[int, set[int]] = {}
    for article_id in list(parent):
        members.setdefault(cluster_of(article_id), set()).add(article_id)
    for root, articles in members.items():
        old_clusters = {a for a in articles if a != root} | {root}
        marks = ",".join("?" * len(old_clusters))
        articles |= {r[0] for r in conn.execute(
            f"SELECT article_id FROM {REPRINTS_TABLE} WHERE cluster_id IN ({marks})",
            list(old_clusters))}
        if len(articles) < 2:
            continue
        new_root = min(articles)
        conn.executemany(
            f"INSERT INTO {REPRINTS_TABLE} (article_id, cluster_id, earliest_id, similarity)"
            f" VALUES (?, ?, ?, 1.0) ON CONFLICT (article_id) DO UPDATE"
            f" SET cluster_id = excluded.cluster_id",
            [(a, new_root, new_root) for a in articles])
        _settle(conn, new_root)


def _settle(conn: sqlite3.Connection, cluster: int) -> None:
    """Number a cluster by its smallest member, set its earliest article and each
    member's similarity to it; a cluster of one is no cluster."""
    members = [r[0] for r in conn.execute(
        f"SELECT r.article_id FROM {REPRINTS_TABLE} r JOIN articles a"
        f" ON a.id = r.article_id WHERE r.cluster_id = ?"
        f" ORDER BY coalesce(a.published_at, a.fetched_at), a.id", (cluster,))]
    if len(members) < 2:
        conn.execute(f"DELETE FROM {REPRINTS_TABLE} WHERE cluster_id = ?", (cluster,))
        return
    earliest = members[0]
    conn.execute(f"UPDATE {REPRINTS_TABLE} SET cluster_id = ? WHERE cluster_id = ?",
                 (min(members), cluster))
    bodies = _bodies(conn, members)
    first = shingles(bodies[earliest])
    conn.executemany(
        f"UPDATE {REPRINTS_TABLE} SET earliest_id = ?, similarity = ?"
        f" WHERE article_id = ?",
        [(earliest, round(jaccard(first, shingles(bodies[m])), 3), m) for m in members])
