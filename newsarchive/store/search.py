"""Chinese full-text search that works in every SQLite client.

The index `articles_fts` is a stock FTS5 table (tokenizer unicode61) whose text is
the article's with every CJK character standing alone between spaces
(`曲阜市` -> `曲 阜 市`). Each character is then a token, and a word of any length is
the phrase of its characters: `MATCH '"曲 阜"'` finds 曲阜 wherever it occurs and
nothing else. No custom tokenizer is involved, so sqlite3, pandas, R and datasette
read and query it as they are. SEARCH.md explains the choice and gives examples.

The writer (ArchiveDB) keeps the index in step; there are no triggers, because a
trigger that spaces characters would need a custom SQL function that plain clients
lack. `rebuild_search_index` re-derives the whole index from `articles`. The index is
contentless (it keeps no copy of the spaced text): an entry is removed with the text
its article's rows give, which HASH_TABLE confirms is the text it was made from.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import numpy as np

FTS_TABLE = "articles_fts"

# Han (with extensions and compatibility ideographs), kana, bopomofo and hangul: the
# scripts written without spaces between words.
_CJK_RANGES = ((0x3040, 0x30FF), (0x3100, 0x312F), (0x31A0, 0x31BF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
               (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
_CJK = "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _CJK_RANGES) + "]"
_CJK_RUNS = re.compile(f"({_CJK}+)")  # re.split keeps the runs: every other part
# Punctuation, spaces and line breaks next to a CJK character become a barrier
# token, so that a phrase never matches across them: 人曲 must not be found in
# 贴心人”——曲阜, nor a word in the last character of one paragraph and the first of
# the next, nor in two adjacent names. U+E000 is a private-use character, a token character for unicode61, that
# no article contains. Between Latin letters or digits (2015-06-22, COVID-19) the
# punctuation stays as it is, so those phrases behave as in any stock FTS5 table.
BARRIER = "\ue000"
# A run of non-word characters (the whole run: a run is maximal, so the character beside
# it is a word character, and one inside it never is) with a CJK character before or after.
# The leading (?=\W) only says what both branches need: it turns most positions down at once.
_NON_WORD_BESIDE_CJK = re.compile(rf"(?=\W)(?:(?<={_CJK})(?<=\w)\W+|\W+(?={_CJK})(?=\w))")
# The way datasette's escape_fts splits a query: whitespace, and "quoted phrases".
_QUERY_PARTS = re.compile(r'\s+|(".*?")')


def spaced_text(text: str) -> str:
    """`text` as the index holds it: NFKC-normalised, each CJK character a word,
    a BARRIER where punctuation or space meets a CJK character.

    NFKC folds full-width digits and letters (２０１５, ＡＢＣ) to their ASCII forms,
    so `2015` finds `２０１５` too.
    """
    # Punctuation first: full-width ，。 would otherwise make NFKC's quick check fail
    # on nearly every Chinese text, and normalising is the slowest step.
    text = _NON_WORD_BESIDE_CJK.sub(f" {BARRIER} ", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _spaced_runs(text) if len(text) < _LONG_TEXT else _spaced_codes(text)


# From this length on (a body) numpy spaces a text faster than string operations: about
# 0.05 ms a page of text where they take 0.1; for a headline or a name its fixed cost is more.
_LONG_TEXT = 100


def _cjk_table() -> np.ndarray:
    table = np.zeros(0x110000, dtype=bool)
    for low, high in _CJK_RANGES:
        table[low:high + 1] = True
    return table


_IS_CJK = _cjk_table()  # by code point
_SPACE = ord(" ")


def _spaced_runs(text: str) -> str:
    """Each CJK character a word, spaces collapsed: whole runs of CJK at a time (four
    times faster than a substitution per character)."""
    parts = _CJK_RUNS.split(text)  # other text, a CJK run, other text, …
    parts[1::2] = [" ".join(run) for run in parts[1::2]]
    return " ".join(" ".join(parts).split())


def _spaced_codes(text: str) -> str:
    """What _spaced_runs makes, by arrays of code points: a word starts at each CJK
    character, after one, and after a space; each but the first gets a space before it."""
    text = " ".join(text.split())  # every space one ASCII space
    if not text:
        return text
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cjk = _IS_CJK[codes]
    kept = codes != _SPACE
    starts = kept.copy()
    starts[1:] &= ~kept[:-1] | cjk[:-1] | cjk[1:]
    starts[0] = False  # the text begins with no space
    spaced = np.empty((len(codes), 2), dtype=np.uint32)  # a space, then the character
    spaced[:, 0] = _SPACE
    spaced[:, 1] = codes
    chosen = np.empty((len(codes), 2), dtype=bool)
    chosen[:, 0] = starts
    chosen[:, 1] = kept
    return spaced[chosen].tobytes().decode("utf-32-le", "surrogatepass")


def fts_query(query: str) -> str:
    """A user's search words -> an FTS5 MATCH expression over the spaced index.

    Whitespace separates terms that must all occur (AND); each term, or each
    "quoted phrase", must occur as written. Characters FTS5 treats as syntax lose
    their meaning, as with datasette's escape_fts, so any input is a valid query.
    A query with no searchable character matches nothing.
    """
    if query.count('"') % 2:
        query += '"'
    phrases = []
    for part in _QUERY_PARTS.split(query):
        if not part:
            continue
        # Quotes and barriers at the ends of a term mean nothing to search for.
        words = spaced_text(part.replace('"', " ")).strip(f"{BARRIER} ")
        if words:
            phrases.append(f'"{words}"')
    return " ".join(phrases) if phrases else '""'


# Around each hit in a snippet: private-use characters no article contains, which a
# renderer turns into its own markup (<mark> in datasette) after escaping the text.
HIT_START, HIT_END = "\ue001", "\ue002"


def query_terms(query: str) -> list[str]:
    """The words or "quoted phrases" of a search, as typed."""
    return [part.replace('"', "").strip() for part in _QUERY_PARTS.split(query)
            if part and part.replace('"', "").strip()]


def hit_snippet(text: str | None, query: str, width: int = 80) -> str:
    """About `width` characters of `text` around the first hit of `query`, each hit
    between HIT_START and HIT_END; the start of the text when no term occurs in it
    (the hit was in the headline or a name)."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if len(folded) != len(text):  # NFKC changed lengths: positions would not map
        folded = text.casefold()
    terms = [t.casefold() for t in query_terms(query)]
    hits = sorted((i, i + len(t)) for t in terms if t
                  for i in _occurrences(folded, unicodedata.normalize("NFKC", t)))
    start = max(0, hits[0][0] - width // 3) if hits else 0
    end = min(len(text), start + width)
    parts, at = [], start
    for hit_start, hit_end in hits:
        if hit_start < at or hit_end > end:
            continue
        parts += [text[at:hit_start], HIT_START, text[hit_start:hit_end], HIT_END]
        at = hit_end
    parts.append(text[at:end])
    snippet = "".join(parts).replace("\n", " ")
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")


def _occurrences(text: str, term: str) -> Iterable[int]:
    at = text.find(term)
    while at != -1:
        yield at
        at = text.find(term, at + len(term))


def index_values(
    headline: str, body: str, people: Iterable[str]
) -> tuple[str, str, str]:
    """The three indexed columns of one article: headline, body, credited names."""
    # One name per line: a barrier between names, so 花宋 is not found in 梅花, 宋思亮.
    return spaced_text(headline), spaced_text(body), spaced_text("\n".join(people))


# The hash of the text each article is indexed with, by rowid. The index keeps no text
# (contentless): removing an entry takes the very text it was made from, re-derived from
# the article's rows; this hash says whether that text is still the one indexed.
HASH_TABLE = "articles_fts_hashes"
# Segments of the index merged 16 at a time instead of FTS5's 4: each posting is
# rewritten half as often as the archive grows, which is most of what indexing costs
# (SEARCH.md, Figures). Stored in the index's own config: every client uses it.
AUTOMERGE = 16
_CHUNK = 500  # articles a statement, when (re)indexing many


def create_search_index(conn: sqlite3.Connection) -> None:
    """Create the empty index: contentless FTS5, stock unicode61, and its hash table."""
    conn.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(headline, body, people,"
        " content = '', tokenize = 'unicode61 remove_diacritics 2')"
    )
    conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('automerge', ?)", (AUTOMERGE,))
    conn.execute(f"CREATE TABLE {HASH_TABLE} (rowid INTEGER PRIMARY KEY, text_hash INTEGER NOT NULL)")


def text_hash(values: tuple[str, str, str]) -> int:
    """A 64-bit hash of an article's index text (index_values)."""
    digest = hashlib.blake2b("\0".join(values).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def index_articles(conn: sqlite3.Connection, articles: Iterable[tuple[int, tuple[str, str, str]]]) -> None:
    """Index articles not in the index: (rowid, index_values) pairs, rowid = articles.id."""
    pending = iter(articles)
    while chunk := list(islice(pending, _CHUNK)):
        conn.executemany(f"INSERT INTO {FTS_TABLE} (rowid, headline, body, people) VALUES (?, ?, ?, ?)",
                         ((rowid, *values) for rowid, values in chunk))
        conn.executemany(f"INSERT INTO {HASH_TABLE} (rowid, text_hash) VALUES (?, ?)",
                         ((rowid, text_hash(values)) for rowid, values in chunk))


def unindex_article(conn: sqlite3.Connection, rowid: int) -> bool:
    """Remove an article's entry before its rows change; True when done (or it had none).

    False when its rows no longer give the text it was indexed with (they were edited
    outside newsarchive and the index not rebuilt, or the spacing rules changed): the
    entry cannot be removed alone, and the caller must rebuild the index.
    """
    row = conn.execute(f"SELECT text_hash FROM {HASH_TABLE} WHERE rowid = ?", (rowid,)).fetchone()
    if row is None:
        return True
    stored = [values for _, values in stored_index_values(conn, rowid)]
    if not stored or text_hash(values := stored[0]) != row[0]:
        return False
    conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, headline, body, people)"
                 " VALUES ('delete', ?, ?, ?, ?)", (rowid, *values))
    conn.execute(f"DELETE FROM {HASH_TABLE} WHERE rowid = ?", (rowid,))
    return True


def stored_index_values(
    conn: sqlite3.Connection, rowid: int | None = None
) -> Iterator[tuple[int, tuple[str, str, str]]]:
    """(rowid, index_values) of every stored article, or of the one with `rowid`, from
    `articles` and `credits` as they are now."""
    rows = conn.execute(
        "SELECT a.id, a.headline, a.body,"
        " (SELECT json_group_array(name) FROM"
        "   (SELECT name FROM credits c WHERE c.article_id = a.id"
        "    AND c.kind != 'agency' ORDER BY position))"
        " FROM articles a" + ("" if rowid is None else " WHERE a.id = ?"),
        () if rowid is None else (rowid,),
    )
    for article_id, headline, body, people in rows:
        yield article_id, index_values(headline, body, json.loads(people))


def rebuild_search_index(conn: sqlite3.Connection) -> int:
    """Re-derive the whole index from `articles` and `credits`; returns rows indexed.

    For an archive whose articles were edited outside newsarchive. Runs in the
    caller's transaction, if any.
    """
    conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")
    conn.execute(f"DELETE FROM {HASH_TABLE}")
    index_articles(conn, stored_index_values(conn))
    return conn.execute(f"SELECT count(*) FROM {HASH_TABLE}").fetchone()[0]


SEARCH_SQL = f"""
SELECT a.id, a.url, a.headline, a.source, a.published_at, a.channel, a.authors, a.body
FROM {FTS_TABLE} JOIN articles a ON a.id = {FTS_TABLE}.rowid
WHERE {FTS_TABLE} MATCH :match
ORDER BY rank
LIMIT :limit
"""


def search(
    db: str | Path | sqlite3.Connection, query: str, *, limit: int = 100
) -> list[dict]:
    """Articles matching `query` (words as typed: `曲阜`, `驻村联户 曲阜`), best first.

    `db` is an archive path or an open connection. Each hit is a dict with id, url,
    headline, source, published_at, channel, authors (a list of names) and snippet
    (the body around the first hit, each hit between HIT_START and HIT_END).
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    conn = db if isinstance(db, sqlite3.Connection) else _open_read_only(Path(db))
    try:
        cursor = conn.execute(SEARCH_SQL, {"match": fts_query(query), "limit": limit})
        names = [d[0] for d in cursor.description]
        hits = [dict(zip(names, row)) for row in cursor]
    finally:
        if conn is not db:
            conn.close()
    for hit in hits:
        hit["authors"] = json.loads(hit["authors"])
        hit["snippet"] = hit_snippet(hit.pop("body"), query)
    return hits


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise FileNotFoundError(f"no archive at {path}")
    from newsarchive.store.archive_file import connect_read_only  # archive_file needs schema, which needs this module

    return connect_read_only(path)


def format_hits(hits: list[dict], fmt: str) -> Iterable[str]:
    """Lines for the terminal: `table` (date, source, channel, headline, then the
    snippet with the hit in 【】), or `jsonl` (each hit, the snippet's marks dropped)."""
    for hit in hits:
        if fmt == "jsonl":
            plain = hit["snippet"].replace(HIT_START, "").replace(HIT_END, "")
            yield json.dumps({**hit, "snippet": plain}, ensure_ascii=False)
            continue
        date = (hit["published_at"] or "")[:10] or "?"
        yield (f"{hit['id']:>7}  {date:10}  {hit['source'] or '-'} · "
               f"{hit['channel'] or '-'}  {hit['headline']}")
        yield "         " + hit["snippet"].replace(HIT_START, "【").replace(HIT_END, "】")
