"""The datasette plugin: Chinese search in the search box, the reading pages
(article, person, source, channel, raw capture), links in every cell, and the chart.

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
from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response

from newsarchive.datasette import pages
from newsarchive.datasette.capture import capture_page, capture_payload
from newsarchive.datasette.cells import archive_cell, foreign_key_cell
from newsarchive.datasette.chart import MONTHLY_COUNTS_SQL, chart_path, render_page
from newsarchive.datasette.links import NAME_PAGES
from newsarchive.store.search import fts_query


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    # trylast: run after datasette's own prepare_connection, so this one wins.
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)


async def chart_page(datasette, request) -> Response:
    name = tilde_decode(request.url_vars["database"])
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
    db = r"(?P<database>[^/]+)"
    return [
        (rf"^/-/chart/{db}$", chart_page),
        (rf"^/-/article/{db}/(?P<id>\d+)$", pages.article_page),
        (rf"^/-/capture/{db}/(?P<id>\d+)$", capture_page),
        (rf"^/-/capture/{db}/(?P<id>\d+)/page$", capture_payload),
        *[(rf"^/-/{kind}/{db}/(?P<name>[^/]+)$", pages.name_route(kind))
          for kind in NAME_PAGES],
    ]


async def _is_archive(datasette, database: str) -> bool:
    # Asked for every cell: remembered per database (an archive stays one).
    known = datasette.__dict__.setdefault("_newsarchive_archives", {})
    if database not in known:
        known[database] = await datasette.get_database(database).table_exists("articles")
    return known[database]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    async def inner():
        if isinstance(value, dict) and table and {"value", "label"} <= set(value):
            db = datasette.get_database(database)
            for key in await db.foreign_keys_for_table(table):
                if key["column"] == column:
                    return foreign_key_cell(datasette.setting("base_url"), database,
                                            key["other_table"], value)
            return None
        if await _is_archive(datasette, database):
            return archive_cell(database, table, column, row, value)
        return None
    return inner


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
