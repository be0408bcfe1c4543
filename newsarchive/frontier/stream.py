"""The records stream as the one writer reads it: through the consumer group, its own
unacknowledged entries first (what a writer that died had read and not committed),
then new ones; an entry is acknowledged (and deleted) only when the caller says it is
committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import redis

from newsarchive.frontier.connection import Frontier
from newsarchive.frontier.protocol import INGEST_GROUP, FrontierKeys

CONSUMER = "ingest"
NEW = ">"  # XREADGROUP's id for entries never delivered


@dataclass(frozen=True)
class Entry:
    id: str  # the stream id, "1764464000000-0"
    fields: dict[bytes, bytes]  # empty when the entry was trimmed from the stream meanwhile


def stream_position(entry_id: str) -> tuple[int, int]:
    """A stream id as a number pair, for comparing ids (as strings "9-0" > "10-0")."""
    millis, _, sequence = entry_id.partition("-")
    return int(millis), int(sequence or 0)


class RecordStream:
    def __init__(self, frontier: Frontier, keys: FrontierKeys) -> None:
        self.frontier = frontier
        self.key = keys.records
        # Where the re-reading of our own pending entries stands; None once they are all read.
        self._pending_after: str | None = "0"
        self.ensure_group()

    def ensure_group(self) -> None:
        """The consumer group (and the stream) made if missing, reading from the start."""
        try:
            self.frontier.call(self.frontier.client.xgroup_create, self.key, INGEST_GROUP, id="0", mkstream=True)
        except redis.ResponseError as error:
            if "BUSYGROUP" not in str(error):
                raise

    @property
    def rereading(self) -> bool:
        """Still re-reading entries delivered to this consumer before (a restart)."""
        return self._pending_after is not None

    def read(self, count: int, block_ms: int) -> list[Entry]:
        """Up to `count` entries: our own pending ones first, then new ones (waiting up
        to `block_ms` for them)."""
        while self._pending_after is not None:
            entries = self._read(self._pending_after, count, None)
            if entries:
                self._pending_after = entries[-1].id
                return entries
            self._pending_after = None
        return self._read(NEW, count, block_ms)

    def _read(self, after: str, count: int, block_ms: int | None) -> list[Entry]:
        try:
            reply: Any = self.frontier.call(
                self.frontier.client.xreadgroup, INGEST_GROUP, CONSUMER, {self.key: after},
                count=count, block=block_ms,
            )
        except redis.ResponseError as error:
            if "NOGROUP" not in str(error):
                raise
            # The server came back without our group (no append-only file): start over;
            # every record already stored is recognised and changes nothing.
            self.ensure_group()
            self._pending_after = "0"
            return []
        entries: list[Entry] = []
        for _key, messages in reply or []:
            for entry_id, fields in messages:
                text_id = entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)
                entries.append(Entry(text_id, dict(fields or {})))
        return entries

    def ack(self, ids: list[str]) -> None:
        """Acknowledge committed entries and delete them: the stream would otherwise keep
        every record of every crawl in Redis's memory (4.5 kB an article)."""
        if ids:
            self.frontier.call(self._ack_and_delete, ids)

    def _ack_and_delete(self, ids: list[str]) -> None:
        transaction = self.frontier.client.pipeline(transaction=True)
        transaction.xack(self.key, INGEST_GROUP, *ids)
        transaction.xdel(self.key, *ids)
        transaction.execute()
