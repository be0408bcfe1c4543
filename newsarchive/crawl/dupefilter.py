"""The crawl's duplicate filter: Scrapy's rule, with the fingerprints off the Python heap.

Scrapy's RFPDupeFilter asks each request (canonical URL, method and body) once a run,
and keeps every fingerprint of the run in a Python set: about 80 bytes of objects a
request, 9 MB at 100,000 articles, and growing for as long as the crawl goes on.
SQLiteDupeFilter applies the same rule and keeps the fingerprints in a private
temporary SQLite database (deleted when it closes) whose page cache is capped: the
pages beyond the cache go to a temporary file, 20-odd bytes a request, so the crawl's
memory stays flat however many pages it requests. Across runs nothing is kept: the
archive itself tells the spider which articles a later run need not ask for.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from scrapy.dupefilters import RFPDupeFilter

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

# The page cache of the fingerprint table, in KiB (SQLite's default is 2,000).
CACHE_KIB = 1024


class FingerprintStore:
    """A set of byte strings in a private temporary SQLite database: its memory is the
    capped page cache, whatever the number of entries."""

    def __init__(self, cache_kib: int = CACHE_KIB) -> None:
        # "" opens a private temporary database: in the page cache while it fits,
        # spilled to an unnamed file beyond it, gone when closed.
        self._conn = sqlite3.connect("", isolation_level=None)
        for pragma in (f"cache_size = -{cache_kib}", "journal_mode = OFF", "synchronous = OFF"):
            self._conn.execute(f"PRAGMA {pragma}")
        self._conn.execute("CREATE TABLE fingerprints (fingerprint BLOB PRIMARY KEY) WITHOUT ROWID")
        # One transaction for the store's life: nothing is ever read back after a crash,
        # so no insert pays for a commit.
        self._conn.execute("BEGIN")

    def add(self, fingerprint: bytes) -> bool:
        """Add `fingerprint`; True when it was not in the store yet."""
        cursor = self._conn.execute("INSERT OR IGNORE INTO fingerprints VALUES (?)", (fingerprint,))
        return cursor.rowcount == 1

    def __len__(self) -> int:
        count: int = self._conn.execute("SELECT count(*) FROM fingerprints").fetchone()[0]
        return count

    def close(self) -> None:
        self._conn.close()


class SQLiteDupeFilter(RFPDupeFilter):
    """RFPDupeFilter's rule and log, its fingerprints in a FingerprintStore."""

    def __init__(self, debug: bool = False, *, crawler: Crawler | None = None) -> None:
        # No path: Scrapy's requests.seen file under JOBDIR would be a growing set again.
        super().__init__(None, debug, fingerprinter=crawler.request_fingerprinter if crawler else None)
        self.store = FingerprintStore()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.settings.getbool("DUPEFILTER_DEBUG"), crawler=crawler)

    def request_seen(self, request: Request) -> bool:
        return not self.store.add(self.fingerprinter.fingerprint(request))

    def close(self, reason: str) -> None:
        self.store.close()
        super().close(reason)
