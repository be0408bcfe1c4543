"""How the archive's cells render in datasette's tables and query results: every
headline links to its article page, every name to its person, source, channel or
county page, so no table or canned query is a dead end.

Also the links of expanded foreign keys, which datasette 0.65 writes with the raw
database name (markup for a file named `q"><img …>.db`); here they are written with
the name tilde-encoded, as datasette's other links are.
"""

from __future__ import annotations

import json
from typing import Any

from datasette.utils import tilde_encode
from markupsafe import Markup, escape

from newsarchive.datasette.links import article_path, link, name_path
from newsarchive.store.search import HIT_END, HIT_START

# Columns whose value names a page, in any table or query of an archive.
_NAME_COLUMNS = {"source": "source", "channel": "channel", "county": "county"}
# Columns holding a JSON array of people's names.
_PEOPLE_COLUMNS = {"authors", "editors", "people"}


def _keys(row: Any) -> set[str]:
    return set(row.keys()) if hasattr(row, "keys") else set()


def archive_cell(database: str, table: str | None, column: str, row: Any,
                 value: Any) -> Markup | None:
    """The HTML of a cell of an archive, or None for datasette's default."""
    if value in (None, "") or isinstance(value, (bytes, dict)):
        return None
    keys = _keys(row)
    if column == "snippet" and table is None and isinstance(value, str):
        return Markup(str(escape(value)).replace(HIT_START, "<mark>")
                      .replace(HIT_END, "</mark>"))
    if column == "headline" and table in (None, "articles") and "id" in keys:
        return link(article_path(database, row["id"]), value)
    if column == "headline" and table is None and "article_id" in keys:
        return link(article_path(database, row["article_id"]), value)
    if column in _NAME_COLUMNS and table in (None, "articles", "article_versions"):
        return link(name_path(_NAME_COLUMNS[column], database, str(value)), value)
    if column == "name" and table in (None, "credits"):
        return link(name_path("person", database, str(value)), value)
    if column in _PEOPLE_COLUMNS and isinstance(value, str) and value.startswith("["):
        try:
            names = json.loads(value)
        except ValueError:
            return None
        if not all(isinstance(name, str) for name in names):
            return None
        return Markup(", ").join(
            link(name_path("person", database, name), name) for name in names
        ) or Markup("&nbsp;")
    return None


def foreign_key_cell(base_url: str, database: str, other_table: str,
                     value: dict) -> Markup:
    """An expanded foreign key, as datasette draws it, with a safe link."""
    target = f"{base_url}{tilde_encode(database)}/{tilde_encode(other_table)}/" \
             f"{tilde_encode(str(value['value']))}"
    label, key = value["label"], value["value"]
    if label != key:
        return Markup('<a href="{}">{}</a>&nbsp;<em>{}</em>').format(
            target, escape(label) or "-", key)
    return Markup('<a href="{}">{}</a>').format(target, key)
