"""Streaming export of articles as JSON Lines or CSV (`newsarchive export`).

Rows are read from a cursor one at a time, so an archive of any size exports in
constant memory.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal, TextIO

from newsarchive.store.archive_file import ArchiveFileError, check_archive_file, connect_read_only

ExportFormat = Literal["jsonl", "csv"]
FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv")

# Columns holding JSON text; JSON Lines output nests them as real lists.
_JSON_COLUMNS = {"authors", "editors", "images", "pages", "credits", "flags"}

# The record as `newsarchive extract` prints it, plus the archive's bookkeeping.
_EXPORT_SQL = """
SELECT a.id, a.url, a.article_id, a.headline, a.source, a.published_at,
       a.authors, a.editors,
       (SELECT json_group_array(json_object('name', name, 'role', role, 'kind', kind))
          FROM (SELECT * FROM credits c WHERE c.article_id = a.id ORDER BY position))
         AS credits,
       a.body, a.images, a.channel, a.channel_path, a.region, a.city, a.county, a.pages,
       a.parser, a.flags,
       a.fetched_at, a.first_run_id, a.last_run_id, a.warc_file, a.warc_record_id
FROM articles a
{where}
ORDER BY a.id
"""


class BadCondition(ValueError):
    """The --where condition is not one SQL condition over articles."""


# Quoted text inside which parentheses and comment marks are plain characters.
_QUOTES = {"'": "'", '"': '"', "`": "`", "[": "]"}


def check_condition(where: str) -> None:
    """Raise BadCondition when `where` could reach outside its `WHERE (…)`: its
    parentheses, outside quotes and comments, must close what they open and no more
    (so `0) UNION SELECT …` is refused), and it holds no `;`."""
    depth, i = 0, 0
    while i < len(where):
        char = where[i]
        if char in _QUOTES:
            end = where.find(_QUOTES[char], i + 1)
            if end < 0:
                raise BadCondition(f"bad --where condition {where!r}: unclosed {char}")
            i = end + 1
            continue
        if where.startswith("--", i):
            end = where.find("\n", i)
            i = len(where) if end < 0 else end + 1
            continue
        if where.startswith("/*", i):
            end = where.find("*/", i + 2)
            i = len(where) if end < 0 else end + 2
            continue
        if char == ";":
            raise BadCondition(f"bad --where condition {where!r}: one condition, no ';'")
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise BadCondition(f"bad --where condition {where!r}: a ')' closes nothing it opened")
        i += 1
    if depth:
        raise BadCondition(f"bad --where condition {where!r}: a '(' is never closed")


def excel_cell(column: str, value: object) -> object:
    """A JSON column as a spreadsheet reader wants it: names joined by 、, credits
    as `role name` joined by ；, images as `caption src` and pages one per line."""
    if column not in _JSON_COLUMNS or value is None:
        return value
    items = json.loads(str(value))
    if column == "credits":
        return "；".join(" ".join(filter(None, (c["role"], c["name"]))) for c in items)
    if column == "images":
        return "\n".join(" ".join(filter(None, (i.get("caption"), i["src"])))
                         for i in items)
    if column == "pages":
        return "\n".join(items)
    return "、".join(items)


def _records_cursor(
    conn: sqlite3.Connection,
    where: str | None,
    params: Sequence[object] | Mapping[str, object],
) -> sqlite3.Cursor:
    if where:
        check_condition(where)
    # The condition on lines of its own: a trailing comment in it cannot swallow the ')'.
    sql = _EXPORT_SQL.format(where=f"WHERE (\n{where}\n)" if where else "")
    try:
        return conn.execute(sql, params)
    except sqlite3.OperationalError as error:
        if where and not _is_file_error(error):
            raise BadCondition(f"bad --where condition {where!r}: {error}") from error
        raise ArchiveFileError(f"cannot read the archive: {error}") from error
    except sqlite3.Error as error:  # damaged file, or a parameter of the wrong kind
        if isinstance(error, sqlite3.ProgrammingError) and where:
            raise BadCondition(f"bad --where condition {where!r}: {error}") from error
        raise ArchiveFileError(f"cannot read the archive: {error}") from error


def _is_file_error(error: sqlite3.Error) -> bool:
    """The file's fault, not the condition's."""
    text = str(error)
    return any(part in text for part in ("unable to open", "disk I/O", "locked", "malformed", "not a database"))


def export_records(
    db_path: str | Path,
    fmt: ExportFormat,
    where: str | None,
    params: Sequence[object] | Mapping[str, object],
    out: TextIO,
    *,
    excel: bool = False,
) -> int:
    """Write every article matching `where` to `out`; returns how many.

    jsonl: one JSON object per line, JSON columns as lists. csv: a header row, then
    one row per article, JSON columns as JSON text and body with its newlines.
    csv with `excel`: a UTF-8 byte-order mark first (Excel otherwise reads the file
    as the local code page and shows mojibake), and the JSON columns as plain text
    (excel_cell).
    `where` is an SQL condition over `articles` (aliased `a`; columns usable bare),
    with `?` or `:name` placeholders filled from `params`: `year = ? AND source = ?`.
    The archive is opened read-only. Raises BadCondition (a ValueError) for a bad
    `where`, ArchiveFileError for a file that is no readable archive.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {FORMATS}")
    path = Path(db_path)
    check_archive_file(path, for_writing=False)  # ArchiveFileError says what is wrong
    conn = connect_read_only(path)
    count = 0
    try:
        cursor = _records_cursor(conn, where, params)
        names = [d[0] for d in cursor.description]
        if fmt == "jsonl":
            for row in cursor:
                record = dict(zip(names, row))
                for column in _JSON_COLUMNS:
                    if record[column] is not None:  # flags: NULL for rows never checked
                        record[column] = json.loads(record[column])
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        else:
            writer = csv.writer(out)
            if excel:
                out.write("\ufeff")
            writer.writerow(names)
            for row in cursor:
                writer.writerow([excel_cell(n, v) for n, v in zip(names, row)] if excel
                                else row)
                count += 1
    finally:
        conn.close()
    return count
