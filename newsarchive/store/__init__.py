"""The SQLite archive: schema and migrations, the batched writer, search, export."""

from newsarchive.store.writer import (
    RUN_COUNTS,
    ArchiveDB,
    ArchiveWriteFailed,
    SaveResult,
)

__all__ = ["RUN_COUNTS", "ArchiveDB", "ArchiveWriteFailed", "SaveResult"]
