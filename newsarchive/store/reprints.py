"""Reprints: the same story published more than once across the archive.

Local news travels: one report runs in several county channels, or is reprinted from
济宁晚报 or 大众日报 under a new header. Two articles are reprints of each other when
the exact Jaccard similarity of their bodies' character 3-, 4- and 5-grams is at least
THRESHOLD. Candidates come from MinHash LSH, with datasketch's signatures and bands
(made here with numpy: tests/test_ngrams.py checks them against datasketch, which is
not imported at run time, since it loads scipy, half a second of every command's
start); the bands of the whole archive are matched at once (datasketch's in-memory
MinHashLSH took 40 s to load 200,000 stored signatures), so an update
compares each new article with a handful of others, never with the whole archive.
Every candidate is then verified exactly.

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
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from newsarchive.store.ngrams import gram_keys, letters_and_digits, point_gram_crc32s

REPRINTS_TABLE = "reprints"
SIGNATURES_TABLE = "reprint_signatures"
THRESHOLD = 0.5
NUM_PERM = 64
# datasketch's hashing scheme the stored signatures were made with: h -> a * h + b mod
# 2**32 after MurmurHash3's finalizer, a and b drawn from its seed (1).
SCHEME = "affine32"
SEED = 1
GRAM_SIZES = (3, 4, 5)
# Bodies shorter than this (after dropping spaces and punctuation) are notices and
# captions: too little text to tell a reprint from a template.
MIN_CHARS = 40

_NOISE = re.compile(r"[\W_]+")
T = TypeVar("T")
# An article compared exactly with at most this many candidates: a text copied
# thousands of times needs only some of its copies to join their cluster.
MAX_CANDIDATES = 200
# New articles whose candidates are gathered at once.
CANDIDATE_CHUNK = 2_000
# What an update's caches hold: grams of articles' gram keys (12 bytes a gram), and
# characters of their comparable text (4 bytes each, for shingle_similarity): each is
# made once for the candidates of an article that come up while it is held. A pair's
# similarity is kept (_Similarities), so settling a cluster compares no text again.
COUNTED_HELD = 200_000
CODES_HELD = 1_000_000


# LSH bands, and rows per band: datasketch's MinHashLSH(THRESHOLD, NUM_PERM).b and .r,
# the choice that minimises its false positives and negatives at the threshold.
_BANDS = (14, 4)


# The full-width marks of Chinese prose and what NFKC makes of each: one ASCII mark, its
# whole decomposition. Put in first, they leave most bodies normalised already, so NFKC's
# quick check passes where a full normalisation took 4 times longer; the result is the
# same, since NFKC decomposes a character to the same marks either way.
_FULL_WIDTH_MARKS = tuple((mark, unicodedata.normalize("NFKC", mark)) for mark in "，！？：；（）")


def comparable_text(body: str) -> str:
    """The body as reprints are compared: NFKC-folded, spaces and punctuation dropped."""
    return _NOISE.sub("", _nfkc_folded(body))


def comparable_points(body: str) -> np.ndarray:
    """The code points of comparable_text(body), made without the regex."""
    return letters_and_digits(_nfkc_folded(body))


def _nfkc_folded(body: str) -> str:
    for mark, folded in _FULL_WIDTH_MARKS:
        body = body.replace(mark, folded)
    return unicodedata.normalize("NFKC", body)


def long_enough(body: str) -> bool:
    """Whether the body holds MIN_CHARS letters or digits (before folding) to be compared.
    A page of text settles it on its first few lines, not with a regex over all of it."""
    return any(len(_NOISE.sub("", text)) >= MIN_CHARS for text in (body[:4 * MIN_CHARS], body))


def shingles(body: str) -> set[str]:
    """The body's character 3-, 4- and 5-grams, ignoring spaces and punctuation."""
    text = comparable_text(body)
    return {text[i:i + n] for n in GRAM_SIZES for i in range(len(text) - n + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not (a or b):
        return 0.0
    common = len(a & b) if len(a) <= len(b) else len(b & a)  # the smaller set is walked
    return common / (len(a) + len(b) - common)  # the union, without making it


# A gram's exact key: its characters' numbers in the two texts' alphabet, 12 bits each, the
# first highest. Numbers start at 1, so a gram's length is its key's magnitude: 3-, 4- and
# 5-grams never share a key (5 x 12 bits fit in 64).
_NUMBER_BITS = 12


def shingle_similarity(a: np.ndarray, b: np.ndarray) -> float:
    """jaccard(shingles(x), shingles(y)) of the texts whose comparable_points are `a` and
    `b`, exactly, from each gram's key made of its characters (0.3 ms a pair of pages,
    where making the two sets of strings took 1.5); by the sets when the two texts hold
    more characters than 12 bits number."""
    alphabet, numbers = np.unique(np.concatenate((a, b)), return_inverse=True)
    if len(alphabet) >= 1 << _NUMBER_BITS:
        return jaccard(*(shingles(codes.tobytes().decode("utf-32-le")) for codes in (a, b)))
    numbered = numbers.astype(np.uint64) + np.uint64(1)
    keys_a, keys_b = (np.unique(_gram_numbers(part)) for part in (numbered[:len(a)], numbered[len(a):]))
    common = len(np.intersect1d(keys_a, keys_b, assume_unique=True))
    union = len(keys_a) + len(keys_b) - common
    return common / union if union else 0.0


def _gram_numbers(numbers: np.ndarray) -> np.ndarray:
    """The exact key (see _NUMBER_BITS) of every gram of GRAM_SIZES of a text whose
    characters have these numbers, repeats kept."""
    found, key = [], numbers
    for n in range(2, max(GRAM_SIZES) + 1):
        if len(key) < 2:
            break
        key = (key[:-1] << np.uint64(_NUMBER_BITS)) | numbers[n - 1:]
        if n in GRAM_SIZES:
            found.append(key)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.uint64)


CountedKeys = tuple[np.ndarray, np.ndarray]  # distinct gram keys, ascending, and how many grams have each


def counted_keys(body: str) -> CountedKeys:
    """The body's gram keys (ngrams.gram_keys), counted: 0.1 ms for a page once it is
    folded, where the CRCs of its grams took 0.25 and its set of shingles takes 0.4."""
    keys, counts = np.unique(gram_keys(comparable_text(body), GRAM_SIZES), return_counts=True)
    return keys, counts.astype(np.uint32)


def similarity_bound(a: CountedKeys, b: CountedKeys) -> float:
    """An upper bound of the Jaccard similarity of two bodies' shingles, from their
    grams' keys: a small part of the cost of the exact one, and it rules out nearly all
    candidates that are not reprints.

    Each shingle both bodies hold has a key both hold, and no more shingles share a key
    in a body than its grams with that key: |A ∩ B| <= sum over common keys of the
    smaller count. Different shingles never have fewer keys than themselves:
    |A ∪ B| >= the number of distinct keys of both. (Any function of the gram would
    do; keys that seldom collide make the bound close to the similarity.)"""
    (hashes_a, counts_a), (hashes_b, counts_b) = a, b
    common, in_a, in_b = np.intersect1d(hashes_a, hashes_b, assume_unique=True, return_indices=True)
    union = len(hashes_a) + len(hashes_b) - len(common)
    return int(np.minimum(counts_a[in_a], counts_b[in_b]).sum()) / union if union else 0.0


def _permutations() -> np.ndarray:
    """datasketch 2's affine32 permutations for SEED: [a, b], NUM_PERM of each, a odd
    (drawn once; datasketch draws them for every MinHash, 0.7 ms each)."""
    draw = np.random.RandomState(SEED)
    a = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np.array([a, b])


_PERMUTATIONS = _permutations()


def _fmix32(hashes: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch mixes hashes before permuting them."""
    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes = hashes * np.uint32(0x85EBCA6B)
    hashes = hashes ^ (hashes >> np.uint32(13))
    hashes = hashes * np.uint32(0xC2B2AE35)
    return hashes ^ (hashes >> np.uint32(16))


def signature(body: str) -> np.ndarray:
    """The MinHash of the body's shingles (NUM_PERM uint32 values), each shingle hashed
    by zlib.crc32 of its UTF-8 bytes: datasketch's MinHash(scheme=SCHEME,
    hashfunc=zlib.crc32) of the shingle strings, made without them.

    CRC-32 rather than datasketch's default SHA-1: five times faster, and the
    permutations MinHash applies on top make up for its weaker mixing. The CRCs are
    computed with numpy over every gram at once (ngrams.py), without making the
    grams, then mixed and permuted as one array."""
    hashes = point_gram_crc32s(comparable_points(body), GRAM_SIZES)  # a repeated gram changes no minimum
    if not len(hashes):
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)  # datasketch's empty MinHash
    a, b = _PERMUTATIONS
    # One row per permutation: the minimum runs along contiguous memory (2.4x faster
    # than one row per gram), and the sum is made in place.
    permuted = np.multiply.outer(a, _fmix32(hashes), out=_scratch(len(hashes)))
    permuted += b[:, np.newaxis]
    return permuted.min(axis=1)


# Grams of the bodies signed in a reused buffer (2 MB, a body of up to ~2,700 characters):
# a new 64-row array for every page cost a tenth of the signature in fresh memory.
_SCRATCH_GRAMS = 8_192
_scratches = threading.local()  # a buffer per thread: the writer may sign beside the reactor


def _scratch(grams: int) -> np.ndarray | None:
    """A (NUM_PERM, grams) view of this thread's buffer; None (numpy allocates) for more grams."""
    if grams > _SCRATCH_GRAMS:
        return None
    buffer = getattr(_scratches, "buffer", None)
    if buffer is None:
        buffer = _scratches.buffer = np.empty((NUM_PERM, _SCRATCH_GRAMS), dtype=np.uint32)
    return buffer[:, :grams]


def _packed(hashvalues: np.ndarray) -> bytes:
    return np.asarray(hashvalues, dtype="<u4").tobytes()


def presign(body: str) -> bytes | None:
    """The packed signature of an article's body, for update_reprints' `presigned`;
    None for a body too short to be compared. The crawl's extraction workers make
    them, beside the reactor, so that the update at the end of the run signs nothing."""
    if not long_enough(body):
        return None
    return _packed(signature(body))


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


def update_reprints(
    conn: sqlite3.Connection,
    *,
    rebuild: bool = False,
    presigned: Mapping[str, bytes] | None = None,
) -> ReprintUpdate:
    """Sign the articles that are new or changed since the last update, find their
    reprints and merge them into the clusters. One transaction; commits.

    `conn` is in autocommit mode (as ArchiveDB's), with no transaction open.
    `presigned` holds signatures made already (`presign`), by the content_hash of the
    article row whose body was signed: the update reads no body of those articles.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = _update(conn, rebuild, presigned or {})
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # a full disk may have ended it already
            conn.execute("ROLLBACK")
        raise
    return result


def _update(conn: sqlite3.Connection, rebuild: bool, presigned: Mapping[str, bytes]) -> ReprintUpdate:
    if rebuild:
        conn.execute(f"DELETE FROM {SIGNATURES_TABLE}")
        conn.execute(f"DELETE FROM {REPRINTS_TABLE}")
    todo = [row[0] for row in conn.execute(
        f"SELECT a.id FROM articles a LEFT JOIN {SIGNATURES_TABLE} s"
        f" ON s.article_id = a.id"
        f" WHERE s.article_id IS NULL OR s.content_hash != a.content_hash ORDER BY a.id")]
    if not todo:
        return ReprintUpdate(0, 0, _clustered(conn))
    # Bounded by the grams they hold, not by articles: a long body has tens of thousands.
    similarity = _Similarities(_ArticleCache(conn, comparable_points, weight=len, max_weight=CODES_HELD))
    counted = _ArticleCache(conn, counted_keys, weight=lambda keys: len(keys[0]), max_weight=COUNTED_HELD)
    _leave_clusters(conn, todo, similarity)
    # All signatures in one buffer, the stored ones first: 256 bytes an article and no
    # object each, so a run that stored 100,000 articles adds 25 MB here, not 130.
    packed = bytearray()
    stored_ids = _stored_signatures(conn, set(todo), packed)
    ids = stored_ids + _sign(conn, todo, presigned, packed)
    signatures = np.frombuffer(packed, dtype="<u4").astype(np.uint32, copy=False).reshape(len(ids), NUM_PERM)
    edges = []
    # The new articles' candidates a chunk at a time: on texts that share much of their
    # words each article has more candidates the larger the archive.
    buckets = _Buckets(signatures)
    for first in range(len(stored_ids), len(ids), CANDIDATE_CHUNK):
        for index, others in buckets.candidates(first, first + CANDIDATE_CHUNK).items():
            article = ids[index]
            for other in sorted(others)[:MAX_CANDIDATES]:
                if similarity_bound(counted[article], counted[ids[other]]) < THRESHOLD:
                    continue  # their shingles' Jaccard similarity is lower still
                if (found := similarity(article, ids[other])) >= THRESHOLD:
                    edges.append((article, ids[other], found))
    _merge(conn, edges, similarity)
    return ReprintUpdate(len(todo), len(edges), _clustered(conn))


def _sign(conn: sqlite3.Connection, todo: list[int], presigned: Mapping[str, bytes], packed: bytearray) -> list[int]:
    """Sign the articles (or take their signatures from `presigned`) and store the
    signatures; returns those long enough to compare, their packed signatures appended
    to `packed` in that order."""
    ids = []
    for start in range(0, len(todo), 500):
        chunk = todo[start:start + 500]
        hashes = dict(conn.execute(f"SELECT id, content_hash FROM articles"
                                   f" WHERE id IN ({','.join(map(str, chunk))})"))
        # A body is read only when its signature is not known by the content's hash.
        bodies = _bodies(conn, [article_id for article_id, content in hashes.items()
                                if content not in presigned])
        rows = []
        for article_id, content in sorted(hashes.items()):
            blob = presigned[content] if article_id not in bodies else presign(bodies[article_id])
            if blob is not None:
                ids.append(article_id)
                packed += blob
            rows.append((article_id, content, blob))
        conn.executemany(f"INSERT OR REPLACE INTO {SIGNATURES_TABLE}"
                         f" (article_id, content_hash, signature) VALUES (?, ?, ?)", rows)
    return ids


def _stored_signatures(conn: sqlite3.Connection, exclude: set[int], packed: bytearray) -> list[int]:
    """The articles with a stored signature, but those in `exclude`; their signatures
    appended to `packed` in that order."""
    ids = []
    for article_id, blob in conn.execute(
            f"SELECT article_id, signature FROM {SIGNATURES_TABLE}"
            f" WHERE signature IS NOT NULL ORDER BY article_id"):
        if article_id not in exclude:
            ids.append(article_id)
            packed += blob
    return ids


def _band_key(signatures: np.ndarray, band: int) -> np.ndarray:
    """One 64-bit key per row for LSH band `band`: signatures agreeing on the band's
    values share its key. The bands and rows are datasketch's optimum for THRESHOLD.
    One band at a time: 8 bytes an article, not 8 for each of the bands."""
    _, rows = _BANDS
    key = np.zeros(len(signatures), dtype=np.uint64)
    for column in range(band * rows, (band + 1) * rows):
        key = (key * np.uint64(0x100000001B3)) ^ signatures[:, column].astype(np.uint64)
    return key


class _Buckets:
    """The LSH buckets of all rows, sorted out once an update: for each band, the rows
    that share its key with another row, grouped by key, ascending within a group.
    (Sorting every row's band keys again for each chunk of new rows took most of a
    100,000-article update.) Only rows that share a key are kept: a few on real text."""

    def __init__(self, signatures: np.ndarray) -> None:
        # Per band: the sharing rows, ascending; the rows grouped by key; and, for each
        # sharing row, where its group begins in the grouped rows and where it stands.
        self.bands: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for band in range(_BANDS[0]):
            _, bucket, sizes = np.unique(_band_key(signatures, band), return_inverse=True, return_counts=True)
            shared = np.flatnonzero(sizes[bucket] > 1)
            order = np.argsort(bucket[shared], kind="stable")
            grouped = shared[order]
            group = bucket[grouped]
            group_starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
            start_of = np.repeat(group_starts, np.diff(np.r_[group_starts, len(grouped)]))
            position = np.empty(len(shared), dtype=np.int64)
            position[order] = np.arange(len(shared))
            self.bands.append((shared.astype(np.int32), grouped.astype(np.int32),
                               start_of[position].astype(np.int32), position.astype(np.int32)))

    def candidates(self, first_new: int, stop: int) -> dict[int, set[int]]:
        """For each new row (first_new <= index < stop): the rows sharing a band key
        with it, older rows and earlier new rows only, so that each pair comes up once."""
        found: dict[int, set[int]] = {}
        for shared, grouped, starts, positions in self.bands:
            low, high = np.searchsorted(shared, [first_new, stop])
            for row, start, position in zip(shared[low:high].tolist(), starts[low:high].tolist(),
                                            positions[low:high].tolist(), strict=True):
                found.setdefault(row, set()).update(grouped[start:position].tolist())
        return found


def _candidates(signatures: np.ndarray, first_new: int, stop: int | None = None) -> dict[int, set[int]]:
    """_Buckets.candidates of new rows from first_new to `stop` (by default the end)."""
    return _Buckets(signatures).candidates(first_new, len(signatures) if stop is None else stop)


class _ArticleCache(Generic[T]):
    """`make(body)` of articles, read from the archive as needed, the least recently
    used dropped first. Bounded by the total `weight` (grams, characters) of what it
    holds, not by articles: a long body has tens of thousands, so an update stays small
    in memory whatever it compares."""

    def __init__(self, conn: sqlite3.Connection, make: Callable[[str], T], weight: Callable[[T], int],
                 max_weight: int) -> None:
        self.conn, self.make, self.weight, self.max_weight = conn, make, weight, max_weight
        self.cache: dict[int, T] = {}
        self.held = 0  # the weight of what the cache holds

    def __getitem__(self, article_id: int) -> T:
        if article_id not in self.cache:
            (body,) = self.conn.execute("SELECT body FROM articles WHERE id = ?",
                                        (article_id,)).fetchone()
            value = self.make(body)
            while self.cache and self.held + self.weight(value) > self.max_weight:
                self.held -= self.weight(self.cache.pop(next(iter(self.cache))))
            self.cache[article_id] = value
            self.held += self.weight(value)
        else:
            self.cache[article_id] = self.cache.pop(article_id)  # the most recently used, last
        return self.cache[article_id]


class _Similarities:
    """The Jaccard similarity of two articles' shingles, each pair computed once an
    update: a cluster's members are compared with its earliest article when it is
    settled, most often the very pair that was just verified."""

    def __init__(self, grams: _ArticleCache[np.ndarray]) -> None:
        self.grams = grams
        self.known: dict[tuple[int, int], float] = {}
        self.nonempty: set[int] = set()  # articles with shingles: each one's similarity to itself is 1

    def __call__(self, a: int, b: int) -> float:
        if a == b and a in self.nonempty:
            return 1.0
        pair = (min(a, b), max(a, b))
        if pair not in self.known:
            self.known[pair] = shingle_similarity(self.grams[a], self.grams[b])
            if self.known[pair] > 0:
                self.nonempty.update(pair)
        return self.known[pair]


def _clustered(conn: sqlite3.Connection) -> int:
    return conn.execute(f"SELECT count(*) FROM {REPRINTS_TABLE}").fetchone()[0]


def _leave_clusters(conn: sqlite3.Connection, ids: list[int], similarity: _Similarities) -> None:
    """Changed articles leave their clusters; a cluster left with one member ends."""
    touched: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        touched.update(r[0] for r in conn.execute(
            f"SELECT cluster_id FROM {REPRINTS_TABLE} WHERE article_id IN ({marks})",
            chunk))
        conn.execute(f"DELETE FROM {REPRINTS_TABLE} WHERE article_id IN ({marks})", chunk)
    for cluster in touched:
        _settle(conn, cluster, similarity)


def _merge(conn: sqlite3.Connection, edges: list[tuple[int, int, float]], similarity: _Similarities) -> None:
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
        _settle(conn, new_root, similarity)


def _settle(conn: sqlite3.Connection, cluster: int, similarity: _Similarities) -> None:
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
    conn.executemany(
        f"UPDATE {REPRINTS_TABLE} SET earliest_id = ?, similarity = ?"
        f" WHERE article_id = ?",
        [(earliest, round(similarity(earliest, m), 3), m) for m in members])
