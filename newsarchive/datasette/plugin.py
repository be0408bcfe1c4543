"""The datasette plugin: Chinese search in the search box, and the chart page.

Datasette's table search runs `… MATCH escape_fts(:search)`, and escape_fts is an SQL
function datasette registers on every connection. This plugin registers it again,
last, with a version that also spaces out CJK characters the way the archive's index
holds them (newsarchive.store.search), so the search box's `曲阜` becomes the phrase
`"曲 阜"`. For queries without CJK characters it quotes words exactly as datasette's
own escape_fts does, so other databases served alongside are unaffected.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from newsarchive.datasette.chart import MONTHLY_COUNTS_SQL, chart_path, render_page
from newsarchive.store.search import fts_query


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    # trylast: run after datasette's own prepare_connection, so this one wins.
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)


async def chart_page(datasette, request) -> Response:
    name = request.url_vars["database"]
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise NotFound(f"no database {name}")
    if not await db.table_exists("articles"):
        raise NotFound(f"{name} is not a newsarchive archive")
    result = await db.execute(MONTHLY_COUNTS_SQL)
    return Response.html(render_page(name, [tuple(row) for row in result.rows]))


@hookimpl
def register_routes():
    return [(r"^/-/chart/(?P<database>[^/]+)$", chart_page)]


def _chart_link(datasette, database: str):
    async def inner():
        if await datasette.get_database(database).table_exists("articles"):
            return [{"href": datasette.urls.path(chart_path(database)),
                     "label": "Chart: articles per month per channel"}]
        return []
    return inner


@hookimpl
def database_actions(datasette, database):
    return _chart_link(datasette, database)


@hookimpl
def table_actions(datasette, database, table):
    return _chart_link(datasette, database) if table == "articles" else None
