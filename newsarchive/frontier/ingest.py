"""`newsarchive ingest`: the one writer of a distributed crawl.

It reads the workers' records from the frontier's stream (stream.RecordStream), writes
them through the same ArchiveDB as a local crawl, a batch per transaction, and
acknowledges the records of a batch only once it is committed: a writer killed at any
moment loses nothing (its unacknowledged records are read again by the next one) and
doubles nothing (a record whose effects are committed is recognised by its stream id,
ingest_progress; an article fetched twice in one run counts once). After each commit
it tells the workers what the archive now holds (holdings.py). A run ends when the
crawl hash says its crawl is done and the stream is drained (run_end.py).
"""

from __future__ import annotations

import json
import logging
import math
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from newsarchive import settings as project_settings
from newsarchive.archive.lock import RunLock
from newsarchive.frontier.connection import DEFAULT_RECONNECT_SECONDS, Frontier
from newsarchive.frontier.holdings import publish_archive, publish_complete_channels, publish_settled
from newsarchive.frontier.ledger import MALFORMED_RECORD, DistributedRun, RunLedger
from newsarchive.frontier.protocol import DEFAULT_PREFIX, FrontierKeys, Record, article_from_data, decode
from newsarchive.frontier.run_end import Judging, RunEnd, finish_run
from newsarchive.frontier.stream import Entry, RecordStream, stream_position
from newsarchive.store import ArchiveDB
from newsarchive.store.archive_file import check_archive_file

logger = logging.getLogger(__name__)

EXIT_INTERRUPTED = 130
BLOCK_MS = 1000  # a read waits at most this long: a stop request is seen within a second
DEFAULT_BATCH = 500
DEFAULT_COMMIT_SECONDS = 2.0
DEFAULT_LOST_AFTER = 60.0
# What a record the ingest cannot use raises: no JSON, a field missing or of the wrong
# type, a value the archive refuses (no headline, a date that is no date).
_BAD_RECORD = (KeyError, TypeError, ValueError, AttributeError, sqlite3.IntegrityError)


@dataclass
class IngestOptions:
    frontier: str  # redis://HOST:PORT/N
    db: Path
    prefix: str = DEFAULT_PREFIX
    until_idle: bool = False  # exit once the crawl is done and the stream drained
    batch_size: int = DEFAULT_BATCH
    commit_seconds: float = DEFAULT_COMMIT_SECONDS
    # A worker not heard from this long after its crawl is done is recorded as lost.
    lost_after: float = DEFAULT_LOST_AFTER
    reconnect_seconds: float = DEFAULT_RECONNECT_SECONDS


@dataclass
class IngestOutcome:
    runs: list[RunEnd] = field(default_factory=list)  # the runs finished by this ingest
    records: int = 0  # records committed (and acknowledged)
    interrupted: bool = False

    @property
    def exit_status(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return 1 if any(end.verdict is not None for end in self.runs) else 0


class StopRequest:
    """Ctrl-C and SIGTERM: the first lets the ingest commit, acknowledge and leave; a
    second leaves at once (KeyboardInterrupt: the open batch is rolled back, its
    records stay pending for the next writer)."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    @contextmanager
    def installed(self) -> Iterator[StopRequest]:
        previous = {signum: signal.signal(signum, self) for signum in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield self
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)


def ingest(options: IngestOptions, report: Callable[[str], None] | None = None) -> IngestOutcome:
    """Ingest until stopped (or, with until_idle, until the crawl is done and drained).

    Raises ArchiveFileError before anything is written when the archive cannot be used,
    FrontierUnavailable when Redis cannot be reached (also when it stays away longer than
    reconnect_seconds), AlreadyRunning when another run holds the archive, and
    ArchiveWriteFailed when the archive refuses a write (the uncommitted records stay
    pending). `report` gets the lines worth showing (a summary per finished run).
    """
    check_archive_file(options.db, for_writing=True)
    frontier = Frontier(options.frontier, reconnect_seconds=options.reconnect_seconds)
    lock = RunLock.for_database(options.db)
    lock.acquire()
    try:
        # The ingest commits itself: a batch of records and its bookkeeping in one
        # transaction, acknowledged after it.
        with ArchiveDB(options.db, batch_size=sys.maxsize, commit_seconds=math.inf) as db, \
                StopRequest().installed() as stop:
            return Ingest(options, frontier, db, stop, report or print).run()
    finally:
        lock.release()


class Ingest:
    def __init__(self, options: IngestOptions, frontier: Frontier, db: ArchiveDB, stop: StopRequest,
                 report: Callable[[str], None]) -> None:
        self.options = options
        self.frontier = frontier
        self.db = db
        self.stop = stop
        self.report = report
        self.keys = FrontierKeys(options.prefix)
        self.stream = RecordStream(frontier, self.keys)
        self.ledger = RunLedger(db, frontier=frontier.shown, prefix=options.prefix)
        self.stream_name = f"{frontier.shown} {self.keys.records}"
        # The last record whose effects are in the archive (or in the open batch).
        committed = self.ledger.position(self.stream_name)
        self.applied_position = stream_position(committed) if committed else (-1, -1)
        self.runs: dict[str, DistributedRun] = {run.crawl: run for run in self.ledger.open_runs()}
        self.over_since: dict[str, float] = {}  # crawl id -> when the ingest first saw it done
        self.judging = Judging(project_settings.NEWSARCHIVE_MAX_FAILURE_SHARE,
                               project_settings.NEWSARCHIVE_MAX_FLAGGED_SHARE)
        self.outcome = IngestOutcome()
        # The open batch: stream ids to acknowledge, URLs to publish once committed.
        self.batch_ids: list[str] = []
        self.batch_settled: list[str] = []
        self.batch_started = 0.0

    def run(self) -> IngestOutcome:
        settled, channels = publish_archive(self.frontier, self.keys, self.db)
        self.report(f"ingest: {self.stream_name} into {self.db.path}; published {settled} settled URLs"
                    f" and {channels} complete channels")
        while not self.stop.requested:
            crawl = self._crawl_hash()  # read before the stream: a crawl done then has all its records there
            entries = self.stream.read(self.options.batch_size - len(self.batch_ids), BLOCK_MS)
            for entry in entries:
                self._apply(entry)
            if not entries or len(self.batch_ids) >= self.options.batch_size or self._batch_due():
                self._commit()
            if not entries:
                self._finish_due_runs(crawl)
                if self.options.until_idle and self._idle(crawl):
                    break
        self._commit()
        self.outcome.interrupted = self.stop.requested
        return self.outcome

    # -- one record -----------------------------------------------------------------------

    def _apply(self, entry: Entry) -> None:
        if not self.batch_ids:
            self.batch_started = time.monotonic()
        self.batch_ids.append(entry.id)
        if stream_position(entry.id) <= self.applied_position:
            return  # committed before a crash that came ahead of its acknowledgement
        try:
            record = decode(entry.fields)
            run = self._run_of(record)
        except _BAD_RECORD as error:
            self._malformed(entry, None, error)
        else:
            self.ledger.note_worker(run, record.worker)
            try:
                self._store(record, run)
            except _BAD_RECORD as error:
                self._malformed(entry, run, error)
        self.ledger.set_position(self.stream_name, entry.id)
        self.applied_position = stream_position(entry.id)

    def _store(self, record: Record, run: DistributedRun) -> None:
        data = record.data
        if record.kind == "article":
            article, capture = article_from_data(data)
            fetched_at = capture["fetched_at"]
            if not isinstance(fetched_at, str):
                raise TypeError(f"the capture of {article.url} says no fetched_at")
            # An article fetched twice in one run (a worker killed after sending it, its
            # request leased again) is stored again but counted once, as a local run would.
            counted = self.db.last_run_of(article.url) != run.run_id
            result = self.db.save(article, run_id=run.run_id, fetched_at=fetched_at,
                                  requested_url=capture.get("requested_url"), warc_file=capture.get("warc_file"),
                                  warc_record_id=capture.get("warc_record_id"))
            if counted:
                self.ledger.count_save(run, record.worker, result)
            if capture.get("warc_record_id"):
                urls = [article.url, *article.pages, capture.get("requested_url")]
                self.batch_settled.extend(url for url in urls if url)
        elif record.kind == "seen":
            self.db.mark_seen(str(data["url"]), run.run_id)
        elif record.kind == "skip":
            self.db.mark_skipped(str(data["url"]), str(data["reason"]), run.run_id)
            self.batch_settled.append(str(data["url"]))
        elif record.kind == "channel_failed":
            self.ledger.channel_failed(run, record.worker, str(data["channel"]))
        elif record.kind == "worker_finished":
            self.ledger.worker_finished(run, record.worker, data)
        # crawl_started: its run was made by _run_of

    def _malformed(self, entry: Entry, run: DistributedRun | None, error: BaseException) -> None:
        """Logged, counted in its run (when it names one) and acknowledged: read again, it
        would fail again."""
        logger.warning("stream record %s is malformed and was left out: %s", entry.id, error)
        if run is None:
            crawl = entry.fields.get(b"crawl")
            run = self.runs.get(crawl.decode(errors="replace")) if crawl else None
        if run is not None:
            self.ledger.count_error(run, MALFORMED_RECORD)

    def _run_of(self, record: Record) -> DistributedRun:
        run = self.runs.get(record.crawl) or self.ledger.find(record.crawl)
        if run is None:
            # Its crawl_started, or what the crawl hash says of it (the start was trimmed
            # from the stream, or came before this archive's first ingest).
            if record.kind == "crawl_started":
                description = record.data
            else:
                description = _described(self._crawl_hash(), record.crawl)
            run = self.ledger.start(record.crawl, description)
        self.runs[record.crawl] = run
        return run

    # -- batches ----------------------------------------------------------------------------

    def _batch_due(self) -> bool:
        return bool(self.batch_ids) and time.monotonic() - self.batch_started >= self.options.commit_seconds

    def _commit(self) -> None:
        """Commit the batch, then acknowledge its records and publish what it stored."""
        if not self.batch_ids:
            return
        self.db.flush()
        self.stream.ack(self.batch_ids)
        publish_settled(self.frontier, self.keys, self.batch_settled)
        self.outcome.records += len(self.batch_ids)
        self.batch_ids, self.batch_settled = [], []

    # -- the end of runs ----------------------------------------------------------------------

    def _crawl_hash(self) -> dict[str, str]:
        return self.frontier.hash_of(self.keys.crawl)

    def _frontier_workers(self, crawl: str) -> list[str]:
        """The workers the frontier registered in crawl `crawl`."""
        names = []
        for name, value in self.frontier.hash_of(self.keys.workers).items():
            try:
                state = json.loads(value)
            except ValueError:
                continue
            if isinstance(state, dict) and state.get("crawl") == crawl:
                names.append(name)
        return sorted(names)

    def _finish_due_runs(self, crawl_hash: dict[str, str]) -> None:
        """Finish each run whose crawl is over and whose records are all committed (the
        stream is drained: the caller read nothing), once every worker said it left, or
        `lost_after` seconds after the crawl was seen over."""
        now = time.monotonic()
        for run in [run for run in self.runs.values() if not run.finished]:
            if not _is_over(crawl_hash, run.crawl):
                continue
            since = self.over_since.setdefault(run.crawl, now)
            frontier_workers = self._frontier_workers(run.crawl)
            reasons = self.ledger.worker_reasons(run)
            silent = [w for w in {*reasons, *frontier_workers} if reasons.get(w) is None]
            if silent and now - since < self.options.lost_after:
                continue
            end = finish_run(self.db, self.ledger, run, frontier_workers=frontier_workers, judging=self.judging)
            publish_complete_channels(self.frontier, self.keys, self.db)
            self.outcome.runs.append(end)
            for line in end.lines(self.db.path):
                self.report(line)

    def _idle(self, crawl_hash: dict[str, str]) -> bool:
        """The crawl is done and every run of this ingest is finished (the caller read nothing)."""
        return crawl_hash.get("state") == "done" and all(run.finished for run in self.runs.values())


def _is_over(crawl_hash: dict[str, str], crawl: str) -> bool:
    """Whether crawl `crawl` is over: the hash says it is done, or names a later crawl
    (a new one starts only after the last is done), or is gone."""
    return crawl_hash.get("id") != crawl or crawl_hash.get("state") == "done"


def _described(crawl_hash: dict[str, str], crawl: str) -> dict[str, Any]:
    """A crawl_started record's data from the crawl hash, when it describes `crawl`."""
    if crawl_hash.get("id") != crawl:
        return {}
    return {"base_url": crawl_hash.get("base_url", ""), "channels": json.loads(crawl_hash.get("channels", "[]")),
            "options": json.loads(crawl_hash.get("options", "{}"))}
