"""The end of a distributed run: its workers closed (lost ones marked), its counts (the
ingest's committed saves plus the workers' summed stats), its verdict by the rules of
every run (archive.runs.judge_run), its channels marked complete when the whole crawl
paged them to the end, the reprints table brought up to date, its row finished.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsarchive.archive.runs import counts_of_stats, judge_run
from newsarchive.console.summary import RunReport, summary_lines
from newsarchive.frontier.ledger import WORKERS_LOST, DistributedRun, RunLedger, WorkerRow
from newsarchive.store import ArchiveDB
from newsarchive.store.reprints import update_reprints

logger = logging.getLogger(__name__)

FINISHED = "finished"
REPRINTS_NOT_UPDATED = "newsarchive/errors/reprints_not_updated"


@dataclass(frozen=True)
class Judging:
    """The failure shares a run may reach (NEWSARCHIVE_MAX_FAILURE_SHARE, …_FLAGGED_SHARE)."""

    max_failure_share: float
    max_flagged_share: float


@dataclass
class RunEnd:
    run: DistributedRun
    finish_reason: str
    stats: dict[str, int]  # the workers' summed stats, with the ingest's saves and errors
    verdict: str | None  # why the run failed, in one line; None when it went well
    workers: list[WorkerRow]
    seconds: float

    def lines(self, db: Path) -> list[str]:
        """The summary a local crawl prints, and a line on the workers."""
        report = RunReport(db=db, run_id=self.run.run_id, finish_reason=self.finish_reason, stats=self.stats,
                           seconds=self.seconds, verdict=self.verdict, exit_status=0 if self.verdict is None else 1)
        lines = summary_lines(report)
        said = ", ".join(f"{w.worker} ({w.finish_reason or 'lost'})" for w in self.workers)
        return [*lines[:-1], f"  crawl {self.run.crawl}: {len(self.workers)} workers: {said or 'none'}", lines[-1]]


def finish_reason_of(workers: list[WorkerRow]) -> str:
    """`finished` when every worker that said why it left said `finished`; else the
    first other reason (shutdown …); `no_worker_finished` when none said anything."""
    said = [w.finish_reason for w in workers if w.finish_reason]
    other = sorted({reason for reason in said if reason != FINISHED})
    if other:
        return other[0]
    return FINISHED if said else "no_worker_finished"


def finish_run(db: ArchiveDB, ledger: RunLedger, run: DistributedRun, *, frontier_workers: list[str],
               judging: Judging) -> RunEnd:
    """Close `run` (everything of it committed already); ArchiveWriteFailed when the
    archive refuses."""
    workers = ledger.close_workers(run, frontier_workers)
    stats: Counter[str] = Counter()
    for worker in workers:
        stats.update(worker.stats)
    saves, ingest_errors = ledger.ingest_counts(run)
    stats.update(ingest_errors)
    for key, count in saves.items():  # workers store nothing: the saves are the ingest's, whatever they say
        stats[key] = count
    lost = sum(1 for w in workers if w.finish_reason is None)
    if lost:
        stats[WORKERS_LOST] = lost
    reason = finish_reason_of(workers)
    failed_channels = {channel for w in workers for channel in w.channels_failed}
    db.flush()
    if reason == FINISHED and not lost and not failed_channels:
        for channel in run.channels:
            db.set_channel_complete(channel, run.base_url, run.run_id)
    try:
        update_reprints(db.conn)
    except sqlite3.Error as error:
        # The articles are stored; the reprints table can be brought up to date later.
        stats[REPRINTS_NOT_UPDATED] += 1
        logger.error("the reprints table was not updated (%s); `newsarchive reprints` does it later", error)
    counts, errors, links_not_followed = counts_of_stats(dict(stats))
    verdict = judge_run(
        reason, counts, extraction_failed=stats["newsarchive/errors/extraction_failed"], write_failure=None,
        max_failure_share=judging.max_failure_share, max_flagged_share=judging.max_flagged_share,
    )
    db.finish_run(run.run_id, finish_reason=reason, counts=counts, errors=errors,
                  exit_status="ok" if verdict is None else f"failed: {verdict}",
                  links_not_followed=links_not_followed)
    run.finished = True
    return RunEnd(run, reason, dict(stats), verdict, workers, _seconds_since_start(db, run))


def _seconds_since_start(db: ArchiveDB, run: DistributedRun) -> float:
    started = db.conn.execute("SELECT started_at FROM crawl_runs WHERE id = ?", (run.run_id,)).fetchone()[0]
    return (datetime.now(UTC) - datetime.fromisoformat(started)).total_seconds()
