"""The SQLite archive: schema and migrations, the batched writer, search, export."""

from newsarchive.store.writer import RUN_COUNTS, ArchiveDB, SaveResult

__all__ = ["ArchiveDB", "RUN_COUNTS", "SaveResult"]
