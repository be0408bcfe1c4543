"""Look at an archive's path before anything opens it for real.

`check_archive_file` says in one line (ArchiveFileError) why a path cannot be used:
a directory, a file that is not SQLite, another application's SQLite file, a schema
newer than this code, a location that cannot be written. It only reads, so a file
that is refused is left exactly as it was (no tables created, no WAL switched on).

`connect_read_only` opens an archive for export, serve and status without writing:
`mode=ro`, and `immutable=1` when the file's folder cannot be written (a read-only
medium), where SQLite could not create the WAL index it would otherwise need.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from newsarchive.store.schema import SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
# Columns every newsarchive `articles` table has had since the first schema.
_OUR_ARTICLE_COLUMNS = frozenset({"url", "headline", "body", "authors", "channel_path", "content_hash"})


class ArchiveFileError(OSError):
    """The path cannot be used as an archive; str(error) says why, in one line."""


class NoArchive(ArchiveFileError, FileNotFoundError):
    """Nothing at the path to read."""


def check_archive_file(path: str | os.PathLike[str], *, for_writing: bool) -> None:
    """Raise ArchiveFileError unless `path` is (or, for writing, may become) our archive.

    For reading the file must exist. For writing a missing file is fine when its
    folder can be made and written.
    """
    path = Path(path)
    if path.is_dir():
        raise ArchiveFileError(f"{path} is a directory, not an archive file")
    if not path.exists():
        if not for_writing:
            raise NoArchive(f"no archive at {path}")
        _check_creatable(path)
        return
    if for_writing:
        _check_writable(path)
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ArchiveFileError(f"cannot read {path}: {error.strerror}") from None
    if not header and for_writing:
        return  # an empty file is an empty SQLite database: nothing to lose
    if header != SQLITE_HEADER:
        raise ArchiveFileError(f"{path} is not a SQLite file (not a newsarchive archive)")
    try:
        conn = connect_read_only(path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            columns = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise ArchiveFileError(f"{path} cannot be read as SQLite ({error}); is it damaged?") from None
    if version > SCHEMA_VERSION:
        raise ArchiveFileError(
            f"{path} has archive schema version {version}, newer than this newsarchive understands "
            f"({SCHEMA_VERSION}); upgrade newsarchive"
        )
    if "articles" in tables and not _OUR_ARTICLE_COLUMNS <= columns:
        raise ArchiveFileError(
            f"{path} is another application's SQLite file (its articles table is not newsarchive's)"
        )
    if tables and "articles" not in tables:
        shown = ", ".join(sorted(tables)[:5]) + (" …" if len(tables) > 5 else "")
        raise ArchiveFileError(f"{path} is another application's SQLite file (tables: {shown})")
    if not tables and not for_writing:
        raise ArchiveFileError(f"{path} holds no archive (an empty SQLite file)")


def connect_read_only(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A connection that cannot write to the archive at `path`."""
    return sqlite3.connect(read_only_uri(path), uri=True)


def read_only_uri(path: str | os.PathLike[str]) -> str:
    resolved = Path(path).resolve()
    immutable = "&immutable=1" if is_on_read_only_medium(resolved) else ""
    return f"{resolved.as_uri()}?mode=ro{immutable}"


def is_on_read_only_medium(path: Path) -> bool:
    """The file's folder cannot be written (read-only mount, or no permission)."""
    return _folder_is_read_only(path.parent)


def _folder_is_read_only(folder: Path) -> bool:
    try:
        read_only_mount = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False
    return read_only_mount or not os.access(folder, os.W_OK | os.X_OK)


def check_folder_writable(folder: str | os.PathLike[str]) -> None:
    """Raise ArchiveFileError unless `folder` is, or can be made as, a writable directory
    (the WARC folder of a crawl)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ArchiveFileError(f"cannot write to {folder}: it is a file, not a folder")
    _check_creatable(folder / "_")


def _check_creatable(path: Path) -> None:
    """The missing file's folder exists or can be made, and can be written."""
    ancestor = path.parent
    while not ancestor.exists():
        if ancestor.is_symlink():  # a dangling link: mkdir would fail on it
            break
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ArchiveFileError(f"cannot create {path}: {ancestor} is not a directory")
    if _folder_is_read_only(ancestor):
        raise ArchiveFileError(f"cannot create {path}: {ancestor} is not writable")


def _check_writable(path: Path) -> None:
    if not os.access(path, os.W_OK) or is_on_read_only_medium(path):
        raise ArchiveFileError(f"cannot write to {path}: the file or its folder is read-only")

