"""The archive writer alone: CPU an article of ArchiveDB.write, and where it goes.

Reads back the records a crawl stored (an archive kept by `benchmarks/crawl.py --keep
DIR`, in DIR/archive/archive.db) and writes them again, in the crawl's batches, into a
new archive, on one thread: its CPU time (time.thread_time) is what the crawl's
archive-writer thread spends an article, without the fetch and the extraction beside
it, so two versions of the writer compare within a few per cent. Prints CPU ms an
article, split into the article's rows, indexing the batch, and its commit (FTS5
writing its segments and merging them, the WAL), and the archive's size per 10,000
articles. `--copies N` writes each record N times under other URLs: an archive N
times larger, where the index's merges cost more.

    python benchmarks/crawl.py --articles 3000 --keep /tmp/bench
    python benchmarks/writer.py /tmp/bench/archive/archive.db --copies 3
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsarchive.store import writer  # noqa: E402
from newsarchive.store.record import ArticleRecord  # noqa: E402
from newsarchive.store.search import stored_index_values  # noqa: E402

# The `articles` columns a record sets (record.article_row and the capture's).
ROW_COLUMNS = ("url", "article_id", "headline", "source", "published_at", "published_date", "year", "authors",
               "editors", "body", "paragraphs", "images", "channel", "channel_path", "region", "city", "county",
               "flags", "parser", "extractor_version", "pages", "content_hash", "fetched_at", "warc_file",
               "warc_record_id")


def stored_records(db: Path) -> list[ArticleRecord]:
    """The records of every article in `db`, as the crawl handed them to the writer."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    search = dict(stored_index_values(conn))
    records = []
    for row in conn.execute(f"SELECT id, {', '.join(ROW_COLUMNS)} FROM articles ORDER BY id"):
        article_id = row["id"]
        records.append(ArticleRecord(
            row={name: row[name] for name in ROW_COLUMNS},
            credits=[tuple(c) for c in conn.execute(
                "SELECT position, name, role, kind FROM credits WHERE article_id = ? ORDER BY position",
                (article_id,))],
            images=[tuple(i) for i in conn.execute(
                "SELECT position, src, caption FROM images WHERE article_id = ? ORDER BY position", (article_id,))],
            search=search[article_id],
            urls=sorted(u for (u,) in conn.execute("SELECT url FROM article_urls WHERE article_id = ?",
                                                   (article_id,))),
        ))
    conn.close()
    return records


def copied(records: list[ArticleRecord], copies: int) -> list[ArticleRecord]:
    """Each record `copies` times, the copies at other URLs (?copy=N)."""
    def at(record: ArticleRecord, n: int) -> ArticleRecord:
        return dataclasses.replace(record, row={**record.row, "url": f"{record.url}?copy={n}"},
                                   urls=[f"{url}?copy={n}" for url in record.urls])
    return [record if n == 0 else at(record, n) for n in range(copies) for record in records]


def timed(seconds: Counter[str], name: str, function: Callable) -> Callable:
    @functools.wraps(function)
    def measured(*args, **kwargs):
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[name] += time.thread_time() - started
    return measured


def write_all(records: list[ArticleRecord], directory: Path, batch_size: int) -> tuple[float, Counter[str], int]:
    """CPU seconds to write `records` into a new archive, by part, and its bytes."""
    parts: Counter[str] = Counter()
    originals = writer.index_articles, writer.ArchiveDB._write_rows, writer.ArchiveDB._commit
    writer.index_articles = timed(parts, "index", writer.index_articles)
    writer.ArchiveDB._write_rows = timed(parts, "rows", writer.ArchiveDB._write_rows)  # type: ignore[method-assign]
    writer.ArchiveDB._commit = timed(parts, "commit", writer.ArchiveDB._commit)  # type: ignore[method-assign]
    try:
        path = directory / "archive.db"
        started = time.thread_time()
        with writer.ArchiveDB(path, batch_size=batch_size, commit_seconds=float("inf")) as db:
            run = db.start_run(base_url="http://127.0.0.1", channels=["bench"], version="bench", options={})
            for record in records:
                db.write(record, run_id=run)
        cpu = time.thread_time() - started
    finally:
        writer.index_articles, writer.ArchiveDB._write_rows, writer.ArchiveDB._commit = originals  # type: ignore[method-assign]
    parts["commit"] -= parts["index"]  # the batch is indexed inside its commit
    return cpu, parts, sum(f.stat().st_size for f in directory.glob("archive.db*"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path, help="an archive a crawl stored (benchmarks/crawl.py --keep)")
    parser.add_argument("--copies", type=int, default=1, help="write each record this many times (default 1)")
    parser.add_argument("--batch-size", type=int, default=writer.DEFAULT_BATCH_SIZE,
                        help=f"saves a commit, as the crawl's (default {writer.DEFAULT_BATCH_SIZE})")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median is printed (default 3)")
    args = parser.parse_args()
    if not args.archive.is_file():
        parser.error(f"no archive at {args.archive}")
    records = copied(stored_records(args.archive), args.copies)
    runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="newsarchive-writer-") as directory:
            runs.append(write_all(records, Path(directory), args.batch_size))
    cpu, parts, size = sorted(runs, key=lambda run: run[0])[len(runs) // 2]
    per_article = 1000 / len(records)
    print(f"{len(records):,} articles, batches of {args.batch_size}: writer CPU"
          f" {cpu * per_article:.3f} ms an article (runs: "
          f"{', '.join(f'{run[0] * per_article:.3f}' for run in runs)}; median"
          f" {statistics.median(run[0] for run in runs) * per_article:.3f})")
    print("  " + ", ".join(f"{name} {seconds * per_article:.3f}" for name, seconds in parts.items()))
    print(f"archive per 10k articles {size * 10_000 / len(records) / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
