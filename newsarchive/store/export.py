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

ExportFormat = Literal["jsonl", "csv"]
FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv")

# Columns holding JSON text; JSON Lines output nests them as real lists.
_JSON_COLUMNS = {"authors", "editors", "images", "pages", "credits"}

# The record as `newsarchive extract` prints it, plus the archive's bookkeeping.
_EXPORT_SQL = """
SELECT a.id, a.url, a.article_id, a.headline, a.source, a.published_at,
       a.authors, a.editors,
       (SELECT json_group_array(json_object('name', name, 'role', role, 'kind', kind))
          FROM (SELECT * FROM credits c WHERE c.article_id = a.id ORDER BY position))
         AS credits,
       a.body, a.images, a.channel, a.channel_path, a.region, a.pages, a.parser,
       a.fetched_at, a.first_run_id, a.last_run_id, a.warc_file, a.warc_record_id
FROM articles a
{where}
ORDER BY a.id
"""


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
    sql = _EXPORT_SQL.format(where=f"WHERE ({where})" if where else "")
    try:
        return conn.execute(sql, params)
    except sqlite3.Error as error:
        raise ValueError(f"bad --where condition {where!r}: {error}") from error


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
    The archive is opened read-only.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {FORMATS}")
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"no archive at {path}")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    count = 0
    try:
        cursor = _records_cursor(conn, where, params)
        names = [d[0] for d in cursor.description]
        if fmt == "jsonl":
            for row in cursor:
                record = dict(zip(names, row))
                for column in _JSON_COLUMNS:
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
