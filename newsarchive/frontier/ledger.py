"""The bookkeeping of distributed runs in the archive: one crawl_runs row per crawl id,
its workers in crawl_run_workers, and how far each stream is committed.

Everything here is written in the ingest's open batch (ArchiveDB.in_batch), so it is
committed together with the records it counts: after a crash the archive's counts
agree with its rows, and a record read again is recognised by its stream id
(`ingest_progress`) and changes nothing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from newsarchive import __version__
from newsarchive.archive.runs import counts_of_stats
from newsarchive.store import ArchiveDB, SaveResult
from newsarchive.store.writer import KILLED, utc_now

logger = logging.getLogger(__name__)

# Errors of the ingest itself, in the run's errors beside its workers' own.
MALFORMED_RECORD = "newsarchive/errors/ingest/malformed_record"
WORKERS_LOST = "newsarchive/errors/ingest/workers_lost"
_SAVE_COLUMNS: dict[SaveResult, str] = {"new": "articles_new", "changed": "articles_changed",
                                        "unchanged": "articles_unchanged"}


@dataclass
class DistributedRun:
    """A crawl_runs row of a distributed crawl, as the ingest knows it."""

    run_id: int
    crawl: str
    base_url: str
    channels: list[str]
    finished: bool = False


@dataclass
class WorkerRow:
    worker: str
    finish_reason: str | None
    channels_failed: list[str]
    stats: dict[str, int] = field(default_factory=dict)


class RunLedger:
    def __init__(self, db: ArchiveDB, *, frontier: str, prefix: str) -> None:
        self.db = db
        self.frontier = frontier  # the Redis URL as shown (no password)
        self.prefix = prefix

    # -- runs ----------------------------------------------------------------------

    def find(self, crawl: str) -> DistributedRun | None:
        """The run of crawl id `crawl`, if the archive has one. A run that a local crawl
        marked killed meanwhile (no verdict yet) is taken up again: it is not over."""
        row = self.db.conn.execute(
            "SELECT id, base_url, channels, finished_at, exit_status FROM crawl_runs"
            " WHERE json_extract(options, '$.crawl') = ? ORDER BY id DESC LIMIT 1", (crawl,)
        ).fetchone()
        if row is None:
            return None
        run_id, base_url, channels, finished_at, exit_status = row
        if finished_at is None and exit_status == KILLED:
            with self.db.in_batch() as conn:
                conn.execute("UPDATE crawl_runs SET finish_reason = NULL, exit_status = NULL WHERE id = ?", (run_id,))
        return DistributedRun(run_id, crawl, base_url, json.loads(channels), finished=finished_at is not None)

    def open_runs(self) -> list[DistributedRun]:
        """The unfinished runs of this frontier (a writer stopped before their end)."""
        crawls = [row[0] for row in self.db.conn.execute(
            "SELECT json_extract(options, '$.crawl') FROM crawl_runs WHERE finished_at IS NULL"
            " AND json_extract(options, '$.frontier') = ? AND json_extract(options, '$.prefix') = ?"
            " AND json_extract(options, '$.crawl') IS NOT NULL ORDER BY id",
            (self.frontier, self.prefix),
        )]
        return [run for crawl in crawls if (run := self.find(crawl)) is not None]

    def start(self, crawl: str, description: dict[str, Any]) -> DistributedRun:
        """A new run for crawl id `crawl`; `description` is a crawl_started record's data
        (or the crawl hash's fields): base_url, channels, options. Commits the open batch."""
        channels = [str(channel) for channel in description.get("channels") or []]
        base_url = str(description.get("base_url") or "")
        options = {**(description.get("options") or {}), "frontier": self.frontier, "prefix": self.prefix,
                   "crawl": crawl}
        run_id = self.db.start_run(base_url=base_url, channels=channels, version=__version__, options=options)
        logger.info("run %d: distributed crawl %s of %s, channels %s", run_id, crawl, base_url, ", ".join(channels))
        return DistributedRun(run_id, crawl, base_url, channels)

    # -- what the records say -----------------------------------------------------------

    def note_worker(self, run: DistributedRun, worker: str) -> None:
        with self.db.in_batch() as conn:
            conn.execute(
                "INSERT INTO crawl_run_workers (run_id, worker, first_record_at) VALUES (?, ?, ?)"
                " ON CONFLICT (run_id, worker) DO UPDATE SET"
                " first_record_at = coalesce(first_record_at, excluded.first_record_at)",
                (run.run_id, worker, utc_now()),
            )

    def count_save(self, run: DistributedRun, worker: str, result: SaveResult) -> None:
        column = _SAVE_COLUMNS[result]
        with self.db.in_batch() as conn:
            conn.execute(f"UPDATE crawl_runs SET {column} = {column} + 1 WHERE id = ?", (run.run_id,))
            conn.execute("UPDATE crawl_run_workers SET articles_stored = articles_stored + 1"
                         " WHERE run_id = ? AND worker = ?", (run.run_id, worker))

    def count_error(self, run: DistributedRun, kind: str) -> None:
        with self.db.in_batch() as conn:
            conn.execute(
                "UPDATE crawl_runs SET errors = json_set(errors, '$.' || json_quote(:kind),"
                " coalesce(json_extract(errors, '$.' || json_quote(:kind)), 0) + 1) WHERE id = :run",
                {"kind": kind, "run": run.run_id},
            )

    def channel_failed(self, run: DistributedRun, worker: str, channel: str) -> None:
        with self.db.in_batch() as conn:
            conn.execute(
                "UPDATE crawl_run_workers SET channels_failed = (SELECT json_group_array(value) FROM"
                " (SELECT value FROM json_each(channels_failed) UNION SELECT :channel ORDER BY 1))"
                " WHERE run_id = :run AND worker = :worker",
                {"channel": channel, "run": run.run_id, "worker": worker},
            )

    def worker_finished(self, run: DistributedRun, worker: str, data: dict[str, Any]) -> None:
        stats = numeric_stats(data.get("stats"))
        counts, _errors, _links = counts_of_stats(stats)
        for column in _SAVE_COLUMNS.values():  # a worker stores nothing: articles_stored says what it brought
            del counts[column]
        with self.db.in_batch() as conn:
            conn.execute(
                "UPDATE crawl_run_workers SET finished_at = ?, finish_reason = ?, counts = ?,"
                " stats = ? WHERE run_id = ? AND worker = ?",
                (data.get("finished_at"), str(data.get("reason") or "unknown"), json.dumps(counts),
                 json.dumps(stats, ensure_ascii=False), run.run_id, worker),
            )

    # -- how far each stream is committed --------------------------------------------------

    def position(self, stream: str) -> str | None:
        row = self.db.conn.execute("SELECT last_record_id FROM ingest_progress WHERE stream = ?",
                                   (stream,)).fetchone()
        return row[0] if row else None

    def set_position(self, stream: str, record_id: str) -> None:
        with self.db.in_batch() as conn:
            conn.execute(
                "INSERT INTO ingest_progress (stream, last_record_id, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (stream) DO UPDATE SET last_record_id = excluded.last_record_id,"
                " updated_at = excluded.updated_at",
                (stream, record_id, utc_now()),
            )

    # -- the end of a run ----------------------------------------------------------------

    def worker_reasons(self, run: DistributedRun) -> dict[str, str | None]:
        """Each worker the run has heard of, and the reason it gave for leaving (None: not yet)."""
        return dict(self.db.conn.execute(
            "SELECT worker, finish_reason FROM crawl_run_workers WHERE run_id = ?", (run.run_id,)).fetchall())

    def close_workers(self, run: DistributedRun, also: list[str]) -> list[WorkerRow]:
        """The run's workers at its end, those that never said they finished marked lost.
        `also` names workers the frontier knew in this crawl that sent no record (killed
        before their first): they are recorded too."""
        with self.db.in_batch() as conn:
            conn.executemany("INSERT OR IGNORE INTO crawl_run_workers (run_id, worker) VALUES (?, ?)",
                             [(run.run_id, worker) for worker in also])
            conn.execute("UPDATE crawl_run_workers SET lost = (finish_reason IS NULL) WHERE run_id = ?",
                         (run.run_id,))
        return [
            WorkerRow(worker, reason, json.loads(failed), json.loads(stats) if stats else {})
            for worker, reason, failed, stats in self.db.conn.execute(
                "SELECT worker, finish_reason, channels_failed, stats FROM crawl_run_workers"
                " WHERE run_id = ? ORDER BY worker", (run.run_id,))
        ]

    def ingest_counts(self, run: DistributedRun) -> tuple[dict[str, int], dict[str, int]]:
        """What the ingest counted itself: its committed saves, as the stats a local crawl
        keeps them under (newsarchive/articles/new …), and its errors."""
        row = self.db.conn.execute(
            f"SELECT {', '.join(_SAVE_COLUMNS.values())}, errors FROM crawl_runs WHERE id = ?", (run.run_id,)
        ).fetchone()
        saves = {f"newsarchive/articles/{result}": count for result, count in zip(_SAVE_COLUMNS, row[:-1])}
        return saves, {key: int(value) for key, value in json.loads(row[-1]).items()}


def numeric_stats(stats: object) -> dict[str, int]:
    """A worker's Scrapy stats as sent, numbers only (times and dates left out)."""
    if not isinstance(stats, dict):
        return {}
    return {str(key): int(value) for key, value in stats.items()
            if isinstance(value, (int, float)) and not isinstance(value, bool)}
