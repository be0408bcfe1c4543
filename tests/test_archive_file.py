"""newsarchive.store.archive_file: every kind of wrong file is refused before anything
is written to it, and read-only media are read read-only."""

from __future__ import annotations

import asyncio
import hashlib
import random
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from newsarchive.datasette.serve import build_datasette
from newsarchive.store import ArchiveDB
from newsarchive.store.archive_file import ArchiveFileError, check_archive_file, connect_read_only
from newsarchive.store.export import export_records
from newsarchive.store.schema import SCHEMA_VERSION
from tests.test_datasette import build_archive


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in the folder with its digest: a refused file must stay exactly so."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def foreign_sqlite(path: Path, ddl: str) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript(ddl)
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_not_an_archive_and_stay_untouched(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "random.db"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 9000))))
    before = snapshot(tmp_path)
    for for_writing in (True, False):
        with pytest.raises(ArchiveFileError, match="not a SQLite file"):
            check_archive_file(path, for_writing=for_writing)
    with pytest.raises(ArchiveFileError):
        ArchiveDB(path)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("ddl", [
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes VALUES (1, 'x');",
    "CREATE TABLE moz_places (id INTEGER, url TEXT); CREATE TABLE moz_bookmarks (id INTEGER);",
    "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, text TEXT);",
    "CREATE TABLE articles (url TEXT, headline TEXT); CREATE TABLE authors (name TEXT);",
])
def test_another_applications_sqlite_file_is_refused_before_it_is_touched(tmp_path, ddl):
    path = foreign_sqlite(tmp_path / "other.db", ddl)
    before = snapshot(tmp_path)
    with pytest.raises(ArchiveFileError, match="another application's SQLite file"):
        ArchiveDB(path)
    assert snapshot(tmp_path) == before  # no tables added, no -wal or -shm file
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_schema_newer_than_the_code_is_refused_for_reading_and_writing(tmp_path):
    path = build_archive(tmp_path / "a.db")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    for for_writing in (True, False):
        with pytest.raises(ArchiveFileError, match="newer than this newsarchive"):
            check_archive_file(path, for_writing=for_writing)
    with pytest.raises(ArchiveFileError, match="newer"):
        build_datasette(path)


def test_a_directory_and_a_path_under_a_file_are_refused(tmp_path):
    with pytest.raises(ArchiveFileError, match="is a directory"):
        check_archive_file(tmp_path, for_writing=False)
    with pytest.raises(ArchiveFileError, match="is a directory"):
        check_archive_file(tmp_path, for_writing=True)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(ArchiveFileError, match="is not a directory"):
        check_archive_file(a_file / "deeper" / "a.db", for_writing=True)


def test_our_archive_an_empty_file_and_a_new_path_pass(tmp_path):
    archive = build_archive(tmp_path / "a.db")
    check_archive_file(archive, for_writing=True)
    check_archive_file(archive, for_writing=False)
    empty = tmp_path / "empty.db"
    empty.touch()
    check_archive_file(empty, for_writing=True)
    with pytest.raises(ArchiveFileError, match="not a SQLite file"):
        check_archive_file(empty, for_writing=False)
    check_archive_file(tmp_path / "new" / "folder" / "a.db", for_writing=True)


@pytest.fixture
def read_only_medium(tmp_path):
    """A small tmpfs holding an archive in WAL mode, remounted read-only."""
    mount_point = tmp_path / "ro"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        build_archive(mount_point / "a.db")
        with closing(sqlite3.connect(mount_point / "a.db")) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
        yield mount_point / "a.db"
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_export_and_serve_read_an_archive_on_a_read_only_medium(read_only_medium):
    import io

    out = io.StringIO()
    assert export_records(read_only_medium, "jsonl", "year = 2015", (), out) == 4
    with closing(connect_read_only(read_only_medium)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone() == (4,)
    datasette = build_datasette(read_only_medium)

    async def fetch() -> tuple[int, int]:
        await datasette.invoke_startup()
        page = await datasette.client.get("/a/articles.json?_shape=array")
        return page.status_code, len(page.json())

    assert asyncio.run(fetch()) == (200, 4)
    with pytest.raises(ArchiveFileError, match="read-only"):
        check_archive_file(read_only_medium, for_writing=True)
