"""`newsarchive reextract`: re-derive stored articles from their WARC captures.

No request goes anywhere: page 1 is read at the `articles.warc_file` /
`warc_record_id` pointer, continuation pages (`articles.pages`) by their URL in the
same run's WARC files. Today's extractor reads them in a process pool; the one
SQLite writer (`ArchiveDB.save`, in this process) stores what changed and keeps the
earlier version in `article_versions`, as a `--refresh` crawl does. Records whose
capture is missing or damaged, or that no longer extract, are listed, counted and
left untouched. The run takes the archive's run lock and has its own `crawl_runs`
row (base_url empty, options.command "reextract"); it leaves last_run_id and
last_seen_at alone, since it saw nothing new of the portal.

Killed at any point, the archive holds the batches committed so far; a rerun finds
those unchanged and does the rest.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TextIO

from newsarchive import __version__
from newsarchive.archive.lock import RunLock
from newsarchive.archive.warc_reader import (
    Capture,
    CaptureError,
    WarcIndex,
    read_response,
    run_files,
    run_key,
    scan_file,
)
from newsarchive.extract import NotAnArticle, extract_article
from newsarchive.extract.version import extractor_version
from newsarchive.items import Article, Credit, Image, Page
from newsarchive.pipelines.validate import flag_names, flags_of, problems
from newsarchive.places import place_of
from newsarchive.store.record import article_row, content_hash
from newsarchive.store.writer import ArchiveDB
from newsarchive.workers import process_pool

# What a record that could not be re-derived is counted as.
PROBLEMS = ("missing", "damaged", "not_article", "failed", "invalid")


@dataclass(frozen=True)
class Task:
    """One stored article to re-derive: its row id and where its pages are."""

    article_id: int
    url: str
    fetched_at: str
    pages: list[Capture | CaptureError]  # in page order


@dataclass
class Outcome:
    article_id: int
    url: str
    article: Article | None = None
    problem: str | None = None  # one of PROBLEMS
    detail: str = ""
    pages: int = 0


@dataclass
class Summary:
    selected: int = 0
    pages: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        rate = self.pages / self.seconds if self.seconds else 0.0
        parts = [f"{self.counts[name]} {name}" for name in ("changed", "unchanged")]
        parts += [f"{self.counts[name]} {name.replace('_', ' ')}" for name in PROBLEMS if self.counts[name]]
        return (f"reextract: {self.selected} articles, {self.pages} pages from WARC in {self.seconds:.1f} s"
                f" ({rate:.0f} pages/s): {', '.join(parts)}"
                + ("; earlier versions are in article_versions" if self.counts["changed"] else ""))


def extract_task(warc_dir: Path, task: Task) -> Outcome:
    """Read one article's captures and extract it (runs in a pool worker)."""
    outcome = Outcome(task.article_id, task.url)
    try:
        pages: list[Page] = []
        for capture in task.pages:
            if isinstance(capture, CaptureError):
                raise capture
            pages.append(read_response(warc_dir, capture).page())
        outcome.pages = len(pages)
        article = extract_article(pages, now=datetime.fromisoformat(task.fetched_at))
    except CaptureError as error:
        outcome.problem, outcome.detail = error.kind, str(error)
    except NotAnArticle as error:
        outcome.problem, outcome.detail = "not_article", str(error)
    except Exception as error:  # an extractor bug on one page must not stop the rest
        outcome.problem, outcome.detail = "failed", f"{type(error).__name__}: {error}"
    else:
        outcome.article = article
    return outcome


def _tasks(rows: list[sqlite3.Row], index: WarcIndex) -> Iterator[Task]:
    for row in rows:
        urls = json.loads(row["pages"]) or [row["url"]]
        try:
            first = index.record(row["warc_file"], row["warc_record_id"])
            pages: list[Capture | CaptureError] = [first]
        except CaptureError as error:
            yield Task(row["id"], row["url"], row["fetched_at"], [error])
            continue
        for url in urls[1:]:
            try:
                pages.append(continuation(index, url, first))
            except CaptureError as error:
                pages.append(error)
        yield Task(row["id"], row["url"], row["fetched_at"], pages)


def continuation(index: WarcIndex, url: str, page_one: Capture) -> Capture:
    """The newest successful capture of `url`, from page 1's run when there is one."""
    run = run_key(page_one.file)
    capture = index.latest(url, lambda name: run_key(name) == run) or index.latest(url)
    if capture is None:
        raise index.absent(page_one.file, f"no capture of {url}")
    return capture


def select_rows(conn: sqlite3.Connection, where: str | None) -> list[sqlite3.Row]:
    sql = ("SELECT id, url, fetched_at, pages, warc_file, warc_record_id FROM articles"
           + (f" WHERE ({where})" if where else "") + " ORDER BY id")
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.Error as error:
        raise ValueError(f"bad --where condition {where!r}: {error}") from error


def build_index(executor: Executor | None, warc_dir: Path, rows: list[sqlite3.Row]) -> WarcIndex:
    """Scan every WARC file of the runs the rows were captured in, once."""
    runs = {run_key(row["warc_file"]) for row in rows if row["warc_file"]}
    names = [name for run in sorted(runs) for name in run_files(warc_dir, run)]
    if executor is None:
        return WarcIndex(warc_dir, (scan_file(warc_dir, name) for name in names))
    return WarcIndex(warc_dir, executor.map(scan_file, [warc_dir] * len(names), names))


class Progress:
    """A line on stderr at most every `every` seconds, and one at the end."""

    def __init__(self, total: int, stream: TextIO, every: float = 2.0) -> None:
        self.total, self.stream, self.every = total, stream, every
        self.started = self.last = time.monotonic()

    def update(self, done: int, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self.last < self.every:
            return
        self.last = now
        rate = done / (now - self.started) if now > self.started else 0.0
        print(f"reextract: {done}/{self.total} articles ({rate:.0f}/s)", file=self.stream, flush=True)


def reextract(
    db: Path,
    warc_dir: Path,
    *,
    where: str | None = None,
    jobs: int | None = None,
    batch_size: int = 100,
    progress: TextIO = sys.stderr,
) -> Summary:
    """Re-derive the articles matching `where` from their captures; see the module doc.

    Raises AlreadyRunning when a crawl holds the archive, ValueError on a bad `where`.
    """
    jobs = jobs or os.cpu_count() or 1
    summary = Summary()
    started = time.monotonic()
    # Forked before the lock is taken and the archive opened: no worker holds either.
    executor = process_pool(jobs) if jobs > 1 else None
    try:
        with RunLock.for_database(db):
            with ArchiveDB(db, batch_size=batch_size) as archive:
                archive.conn.row_factory = sqlite3.Row
                rows = select_rows(archive.conn, where)
                summary.selected = len(rows)
                index = build_index(executor, warc_dir, rows)
                tasks = list(_tasks(rows, index))
                del rows
                run_id = archive.start_run(base_url="", channels=[], version=__version__, options={
                    "command": "reextract", "where": where, "extractor_version": extractor_version()})
                if executor is None:
                    outcomes: Iterator[Outcome] = (extract_task(warc_dir, task) for task in tasks)
                else:
                    outcomes = executor.map(extract_task, [warc_dir] * len(tasks), tasks, chunksize=8)
                meter = Progress(len(tasks), progress)
                for done, outcome in enumerate(outcomes, start=1):
                    _store(archive, outcome, run_id, summary)
                    meter.update(done)
                meter.update(len(tasks), final=True)
                summary.seconds = time.monotonic() - started
                archive.finish_run(
                    run_id,
                    finish_reason="finished",
                    counts={"articles_changed": summary.counts["changed"],
                            "articles_unchanged": summary.counts["unchanged"],
                            "pages_requested": 0},
                    errors={f"reextract/{name}": summary.counts[name] for name in PROBLEMS if summary.counts[name]},
                    exit_status="ok" if summary.ok else "failed",
                )
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    return summary


def _store(archive: ArchiveDB, outcome: Outcome, run_id: int, summary: Summary) -> None:
    summary.pages += outcome.pages
    article = outcome.article
    if article is not None and article.url != outcome.url:
        outcome.problem, outcome.detail = "failed", f"the extractor now gives the URL {article.url}"
    elif article is not None and (found := problems(article)):
        outcome.problem, outcome.detail = "invalid", "; ".join(found)
    if outcome.problem:
        summary.counts[outcome.problem] += 1
        summary.problems.append(outcome)
        return
    assert article is not None
    row = archive.conn.execute("SELECT * FROM articles WHERE id = ?", (outcome.article_id,)).fetchone()
    article.channel_path = article.channel_path or row["channel_path"]  # as the crawl's extract step does
    _place_and_flag(article, row)
    held = stored_article(archive.conn, row)
    held_hash = content_hash(held)
    if held_hash != row["content_hash"] or not _rows_match(row, held):
        # Edited outside newsarchive, its hash left stale: let save() see the change and keep
        # what the rows hold as the earlier version. When only a derived column (`year`) or a
        # JSON copy was edited, the content's hash is unchanged and is marked instead.
        archive.correct_content_hash(
            outcome.article_id, held_hash if held_hash != row["content_hash"] else f"{held_hash}-edited")
    status = archive.save(article, run_id=run_id, fetched_at=row["fetched_at"], warc_file=row["warc_file"],
                          warc_record_id=row["warc_record_id"], seen=False)
    summary.counts[status] += 1


def _place_and_flag(article: Article, row: sqlite3.Row) -> None:
    """What the crawl's later steps add to an extracted record, from what it stored: the
    channel's name and its city and county came from the list page (no capture holds
    them), and the flags are checked again against the time the page was fetched."""
    if article.channel_path == row["channel_path"]:
        article.channel = article.channel or row["channel"]
        article.city, article.county = row["city"], row["county"]
    else:  # the page's breadcrumb now places it elsewhere: its own names
        place = place_of(article.channel_path, article.channel, article.region)
        article.city, article.county = place.city, place.county
    flags = flags_of(article, datetime.fromisoformat(row["fetched_at"]))
    article.flags = flag_names(flags)


def _rows_match(row: sqlite3.Row, held: Article) -> bool:
    """Whether the article's row is exactly what the writer makes of `held` (the content
    read back with credits and images from their tables): derived columns and JSON copies too."""
    try:
        written = article_row(held)
    except ValueError:  # a published_at no writer would store
        return False
    same_columns = all(row[name] == value for name, value in written.items()
                       if name not in ("parser", "extractor_version", "content_hash"))
    return same_columns and json.loads(row["images"]) == [{"src": i.src, "caption": i.caption} for i in held.images]


def stored_article(conn: sqlite3.Connection, row: sqlite3.Row) -> Article:
    """The article as its rows hold it now (the inverse of record.article_row; credits
    and images from their tables)."""
    credits = [Credit(c["name"], c["role"], c["kind"]) for c in conn.execute(
        "SELECT name, role, kind FROM credits WHERE article_id = ? ORDER BY position", (row["id"],))]
    return Article(
        url=row["url"],
        headline=row["headline"],
        source=row["source"],
        published_at=row["published_at"],
        credits=credits,
        body=row["body"].split("\n") if row["body"] else [],
        images=[Image(i["src"], i["caption"]) for i in conn.execute(
            "SELECT src, caption FROM images WHERE article_id = ? ORDER BY position", (row["id"],))],
        channel=row["channel"],
        channel_path=row["channel_path"],
        region=row["region"].split(" / ") if row["region"] else [],
        pages=json.loads(row["pages"]),
        parser=row["parser"],
        city=row["city"],
        county=row["county"],
        flags=None if row["flags"] is None else json.loads(row["flags"]),
    )
