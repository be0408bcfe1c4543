"""`newsarchive status`: an archive at a glance, for checking on a scheduled crawl.

The archive is opened read-only (it may be on a read-only medium, or a crawl may be
writing to it).
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from newsarchive.store.archive_file import check_archive_file, connect_read_only

SHOWN_RUNS = 5
SHOWN_WARC_FILES = 5


def size(n: float) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    raise AssertionError("unreachable")


def status_lines(db: Path, warc_dir: Path | None = None) -> list[str]:
    """Raises ArchiveFileError when `db` is no readable archive."""
    check_archive_file(db, for_writing=False)
    with closing(connect_read_only(db)) as conn:
        conn.row_factory = sqlite3.Row
        lines = _archive(conn, db) + _channels(conn) + _runs(conn)
        recorded = conn.execute(
            "SELECT json_extract(options, '$.warc_dir') FROM crawl_runs"
            " WHERE json_extract(options, '$.warc_dir') IS NOT NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
    # the folder asked for, else the one the last run wrote to, else warc/ beside the archive
    return lines + _warc_files(warc_dir or (Path(recorded[0]) if recorded else db.parent / "warc"))


def _archive(conn: sqlite3.Connection, db: Path) -> list[str]:
    wal = Path(f"{db}-wal")
    on_disk = db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    lines = [f"archive {db}: {articles} articles, {size(on_disk)}"]
    newest = conn.execute(
        "SELECT published_at, headline FROM articles WHERE published_at IS NOT NULL "
        "ORDER BY published_date DESC, published_at DESC LIMIT 1"
    ).fetchone()
    if newest:
        lines.append(f"newest article: {newest['published_at']} {newest['headline']}")
    return lines


def _channels(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT channel_path, MAX(channel) AS name, COUNT(*) AS n, MAX(published_date) AS newest "
        "FROM articles GROUP BY channel_path ORDER BY n DESC, channel_path"
    ).fetchall()
    if not rows:
        return []
    width = max(len(row["channel_path"] or "?") for row in rows)
    return ["articles per channel:"] + [
        f"  {(row['channel_path'] or '?'):<{width}}  {row['n']:>7}  newest {row['newest'] or '-'}  {row['name'] or ''}"
        for row in rows
    ]


def _runs(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT ?", (SHOWN_RUNS,)).fetchall()
    if not rows:
        return ["no crawl run yet"]
    lines = [f"last {len(rows)} run(s), newest first:"]
    for row in rows:
        verdict = row["exit_status"] or "no verdict (running now, or killed)"
        channels = ", ".join(json.loads(row["channels"]))
        lines.append(
            f"  run {row['id']}  {row['started_at']} → {row['finished_at'] or '…'}  "
            f"{row['finish_reason'] or '-'}  {verdict}  {row['articles_new']} new, "
            f"{row['articles_changed']} changed  ({channels})"
        )
    return lines


def _warc_files(folder: Path) -> list[str]:
    files = sorted(folder.glob("*.warc.gz")) if folder.is_dir() else []
    if not files:
        return [f"no WARC files in {folder}"]
    total = sum(f.stat().st_size for f in files)
    lines = [f"WARC files in {folder}: {len(files)}, {size(total)}"]
    lines += [f"  {f.name}  {size(f.stat().st_size)}" for f in files[-SHOWN_WARC_FILES:]]
    if len(files) > SHOWN_WARC_FILES:
        lines.insert(1, f"  … {len(files) - SHOWN_WARC_FILES} earlier")
    return lines
