"""Chinese search at archive scale: datasette's search box and SQL, against LIKE.

Builds a synthetic archive (default 200,000 articles) through ArchiveDB.save, the
writer's own index code path, then times searches for rare and common 2- and
4-character words:

- datasette JSON: `GET /bench/articles.json?_search=WORD` on the real datasette that
  `newsarchive serve` starts (a page of rows, the total count and the facets, as the
  table page computes them);
- FTS SQL: the same page and count straight from sqlite3 through the index;
- LIKE SQL: the same page and count with `headline LIKE … OR body LIKE …`.

Text is generated, seeded, from a Zipf-distributed vocabulary of 1-4 character words
over the common CJK block, with punctuation and paragraphs; the measured words are
planted at known rates and their characters kept out of the vocabulary, so the hit
counts are exact. Target: rare words under 50 ms.

    python benchmarks/search.py              # 200,000 articles, ~6 minutes on 2 cores
    python benchmarks/search.py --rows 20000 # a quick run
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsarchive.items import Article, Credit  # noqa: E402
from newsarchive.store import ArchiveDB  # noqa: E402

# word -> (kind, share of articles containing it)
TERMS = {
    "曲阜": ("rare 2-char", 1 / 2000),
    "驻村联户": ("rare 4-char", 1 / 4000),
    "工作": ("common 2-char", 0.30),
    "经济发展": ("common 4-char", 0.10),
}
CHANNELS = [f"{city}{county}新闻" for city in "甲乙丙丁戊" for county in "东西南北"]
SOURCES = ["济宁晚报", "济宁日报", "齐鲁晚报", "大众日报", "咸阳日报", "成都商报"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
PAGE_SIZE = 20


class TextGenerator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        excluded = set("".join(TERMS))
        chars = [chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in excluded]
        char_weights = list(itertools.accumulate(1 / (n + 1) ** 0.9
                                                 for n in range(len(chars))))
        lengths = self.random.choices([1, 2, 3, 4], weights=[30, 50, 12, 8], k=40000)
        self.words = ["".join(self.random.choices(chars, cum_weights=char_weights, k=n))
                      for n in lengths]
        self.word_weights = list(itertools.accumulate(1 / (n + 1)
                                                      for n in range(len(self.words))))

    def paragraphs(self, count: int) -> list[str]:
        # One draw of words for the whole body, then cut into sentences and
        # paragraphs: drawing per sentence made generation slower than indexing.
        rnd = self.random
        sentences = [rnd.randint(4, 14) for _ in range(count * 5)]
        words = rnd.choices(self.words, cum_weights=self.word_weights, k=sum(sentences))
        ends = rnd.choices("，，，。", k=len(sentences))
        paragraphs, start = [], 0
        for p in range(count):
            parts = []
            for s in range(p * 5, p * 5 + 5):
                parts.append("".join(words[start:start + sentences[s]]) + ends[s])
                start += sentences[s]
            paragraphs.append("".join(parts)[:-1] + "。")
        return paragraphs

    def article(self, n: int) -> Article:
        rnd = self.random
        body = self.paragraphs(rnd.randint(4, 14))
        headline = "".join(rnd.choices(self.words, cum_weights=self.word_weights,
                                       k=rnd.randint(4, 9)))
        for term, (_, share) in TERMS.items():
            if rnd.random() < share:
                p = rnd.randrange(len(body))
                cut = rnd.randrange(len(body[p]) + 1)
                body[p] = body[p][:cut] + term + body[p][cut:]
        year = rnd.randint(2010, 2020)
        month = rnd.randint(1, 12)
        url = f"https://www.yybnet.net/bench/news/{year}{month:02d}/{n}.html"
        credits = [Credit(rnd.choice(SURNAMES) + "".join(rnd.choices(self.words[:3000],
                                                                     k=1))[:2], "记者")
                   for _ in range(rnd.randint(1, 3))]
        channel = rnd.choice(CHANNELS)
        return Article(
            url=url, headline=headline, source=rnd.choice(SOURCES),
            published_at=f"{year}-{month:02d}-{rnd.randint(1, 28):02d}T08:00:00+08:00",
            credits=credits, body=body, channel=channel, channel_path=f"bench/{n % 20}",
            region=["山东", "济宁市"], pages=[url], parser="benchmark")


def build(path: Path, rows: int, seed: int) -> float:
    generator = TextGenerator(seed)
    started = time.perf_counter()
    with ArchiveDB(path, batch_size=5000) as db:
        run = db.start_run(base_url="https://www.yybnet.net", channels=["bench"],
                           version="benchmark", options={"rows": rows})
        for n in range(rows):
            db.save(generator.article(n), run_id=run, fetched_at="2026-01-01T00:00:00Z")
            if n % 20000 == 19999:
                print(f"  {n + 1} articles stored", file=sys.stderr)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    conn.commit()
    conn.close()
    return time.perf_counter() - started


def sizes(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    by_table = dict(conn.execute(
        "SELECT CASE WHEN name LIKE 'articles_fts%' THEN 'index' ELSE 'rest' END,"
        " sum(pgsize) FROM dbstat GROUP BY 1"))
    conn.close()
    return {"file": path.stat().st_size, **by_table}


def timed(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    run()  # warm the page cache and the statement cache
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


FTS_PAGE = ("SELECT id, headline FROM articles WHERE id IN (SELECT rowid FROM"
            " articles_fts WHERE articles_fts MATCH :q) ORDER BY published_at DESC"
            f" LIMIT {PAGE_SIZE}")
FTS_COUNT = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q"
LIKE_WHERE = "headline LIKE :q OR body LIKE :q OR authors LIKE :q"
LIKE_PAGE = (f"SELECT id, headline FROM articles WHERE {LIKE_WHERE}"
             f" ORDER BY published_at DESC LIMIT {PAGE_SIZE}")
LIKE_COUNT = f"SELECT count(*) FROM articles WHERE {LIKE_WHERE}"


def sql_search(conn: sqlite3.Connection, page: str, count: str, q: str):
    return lambda: (conn.execute(page, {"q": q}).fetchall(),
                    conn.execute(count, {"q": q}).fetchone()[0])


def start_datasette(path: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.datasette", str(path), "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("datasette did not start")


def datasette_search(base: str, db_name: str, word: str, extra: dict[str, str]):
    url = (f"{base}/{db_name}/articles.json?"
           + urllib.parse.urlencode({"_search": word, "_size": PAGE_SIZE, **extra}))

    def run():
        with urllib.request.urlopen(url, timeout=60) as response:
            data = json.load(response)
        return data["filtered_table_rows_count"]
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20150622)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path,
                        help="keep the archive here; an existing one is measured again"
                        " without rebuilding (default: a temporary file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        build_seconds = None
        if not path.exists():
            print(f"Building {args.rows} articles into {path} …", file=sys.stderr)
            build_seconds = build(path, args.rows, args.seed)
        size = sizes(path)
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        rows, chars = conn.execute(
            "SELECT count(*), sum(length(headline) + length(body)) FROM articles"
        ).fetchone()
        server, base = start_datasette(path)
        try:
            lines = []
            for word, (kind, _share) in TERMS.items():
                match = '"' + " ".join(word) + '"'
                fts_ms, (_, fts_hits) = timed(
                    sql_search(conn, FTS_PAGE, FTS_COUNT, match), args.repeat)
                like_ms, (_, like_hits) = timed(
                    sql_search(conn, LIKE_PAGE, LIKE_COUNT, f"%{word}%"), args.repeat)
                ds_ms, ds_hits = timed(datasette_search(base, path.stem, word, {}),
                                       args.repeat)
                bare_ms, _ = timed(datasette_search(base, path.stem, word,
                                                    {"_nofacet": "1"}), args.repeat)
                if not fts_hits == like_hits == ds_hits:
                    raise SystemExit(f"hit counts disagree for {word}: FTS {fts_hits},"
                                     f" LIKE {like_hits}, datasette {ds_hits}")
                lines.append(f"| {word} | {kind} | {fts_hits} | {ds_ms:.1f} | "
                             f"{bare_ms:.1f} | {fts_ms:.1f} | {like_ms:.1f} |")
        finally:
            server.terminate()
            server.wait()
            conn.close()

    print(f"\n{rows} articles, {chars / rows:.0f} characters each on average")
    if build_seconds is not None:
        print(f"built and indexed in {build_seconds:.0f} s"
              f" ({rows / build_seconds:.0f} articles/s through ArchiveDB.save)")
    print(f"file {size['file'] / 2**20:.0f} MiB: search index {size['index'] / 2**20:.0f}"
          f" MiB, tables {size['rest'] / 2**20:.0f} MiB (incl. indexes)\n")
    print(f"Median of {args.repeat} runs, in ms; a search = first page of {PAGE_SIZE}"
          " newest hits + total count.")
    print("| word | kind | hits | datasette JSON | datasette, no facets | FTS SQL |"
          " LIKE SQL |")
    print("|---|---|---:|---:|---:|---:|---:|")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
