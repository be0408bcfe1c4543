"""The articles table as a reader first sees it: headline, date, source, channel
and authors, not the body and the crawl's housekeeping.

Datasette 0.65 has no metadata setting for the columns a table shows by default, so
an ASGI wrapper adds them as `_col` arguments to a request for the articles table's
HTML page that names no columns itself. Any `_col` or `_nocol` in the URL, or
`_all=1` (the "every column" link), shows what it asks for; the JSON and CSV
renderers are never touched, so the API keeps returning whole rows.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from datasette.utils import tilde_decode

LEAN_COLUMNS = ["headline", "published_date", "source", "channel", "authors"]
# Shown too where an archive has the column (another part of the project adds it).
OPTIONAL_COLUMNS = ["county"]
ALL_COLUMNS_ARG = "_all"


def lean_query(query_string: str, available: set[str]) -> str | None:
    """The query string with the lean columns added, or None to leave it alone."""
    args = parse_qsl(query_string, keep_blank_values=True)
    if any(key in ("_col", "_nocol", ALL_COLUMNS_ARG) for key, _ in args):
        return None
    columns = [c for c in LEAN_COLUMNS + OPTIONAL_COLUMNS if c in available]
    return urlencode(args + [("_col", c) for c in columns])


def articles_table_database(path: str) -> str | None:
    """The database of a request for `/<db>/articles` (HTML), else None."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "" and parts[2] == "articles" and parts[1]:
        return tilde_decode(parts[1])
    return None


def lean_articles_table(app, datasette):
    async def wrapped(scope, receive, send):
        if scope["type"] == "http" and scope.get("method") == "GET":
            path = scope.get("raw_path", b"").decode("ascii", "replace").split("?")[0] \
                or scope["path"]
            database = articles_table_database(path)
            if database is not None and database in datasette.databases:
                db = datasette.get_database(database)
                columns = set(await db.table_columns("articles")) \
                    if await db.table_exists("articles") else set()
                query = lean_query(scope.get("query_string", b"").decode("latin-1"),
                                   columns) if columns else None
                if query is not None:
                    scope = {**scope, "query_string": query.encode("latin-1")}
        await app(scope, receive, send)
    return wrapped
