"""The datasette plugin: Chinese search in the search box, the reading pages
(article, person, source, channel, county, raw capture), links in every cell, and the chart.

Datasette's table search runs `… MATCH escape_fts(:search)`, and escape_fts is an SQL
function datasette registers on every connection. This plugin registers it again,
last, with a version that also spaces out CJK characters the way the archive's index
holds them (newsarchive.store.search), so the search box's `曲阜` becomes the phrase
`"曲 阜"`. For queries without CJK characters it quotes words exactly as datasette's
own escape_fts does, so other databases served alongside are unaffected.
"""

from __future__ import annotations

import json
import sqlite3
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response

from newsarchive.datasette import pages
from newsarchive.datasette.capture import capture_page, capture_payload, image_payload
from newsarchive.datasette.cells import archive_cell, foreign_key_cell
from newsarchive.datasette.chart import MONTHLY_COUNTS_SQL, chart_context, chart_path
from newsarchive.datasette.facets import BoundedArrayFacet, BoundedColumnFacet
from newsarchive.datasette.lean import ALL_COLUMNS_ARG, lean_articles_table
from newsarchive.datasette.links import NAME_PAGES, name_path
from newsarchive.datasette.sources import SourceNameFacet, source_filter, source_name
from newsarchive.store.search import fts_query, hit_snippet


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    # trylast: run after datasette's own prepare_connection, so this one wins.
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
    conn.create_function("search_snippet", 2, hit_snippet, deterministic=True)
    conn.create_function("source_name", 1, source_name, deterministic=True)


@hookimpl
def register_facet_classes():
    return [SourceNameFacet, BoundedColumnFacet, BoundedArrayFacet]


@hookimpl
def filters_from_request(request, database, table, datasette):
    return source_filter(request, database, table, datasette)


async def chart_page(datasette, request) -> Response:
    name, db = await pages.archive_database(datasette, request)
    rows = [tuple(row) for row in (await db.execute(MONTHLY_COUNTS_SQL)).rows]
    return Response.html(await datasette.render_template(
        "newsarchive_chart.html",
        {**chart_context(name, rows), "name_path": name_path,
         "channel_names": {channel for _, channel, _ in rows}},
        request=request))


@hookimpl
def register_routes():
    db = r"(?P<database>[^/]+)"
    return [
        (rf"^/-/chart/{db}$", chart_page),
        (rf"^/-/article/{db}/(?P<id>\d+)$", pages.article_page),
        (rf"^/-/capture/{db}/(?P<id>\d+)$", capture_page),
        (rf"^/-/capture/{db}/(?P<id>\d+)/page$", capture_payload),
        (rf"^/-/image/{db}/(?P<id>\d+)/(?P<position>\d+)$", image_payload),
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


def _articles_links(datasette, database: str, request):
    async def inner():
        links = await _chart_link(datasette, database)()
        if links:
            table = datasette.urls.table(database, "articles")
            links.append({"href": f"{table}?{ALL_COLUMNS_ARG}=1",
                          "label": "Show every column (body, crawl housekeeping)"})
            query = datasette.urls.query(database, "search_articles")
            words = request.args.get("_search", "") if request else ""
            links.append({"href": f"{query}?{urlencode({'words': words})}",
                          "label": "Search: best matches first, with snippets"})
        return links
    return inner


@hookimpl
def table_actions(datasette, database, table, request):
    return _articles_links(datasette, database, request) if table == "articles" else None


@hookimpl
def asgi_wrapper(datasette):
    return lambda app: lean_articles_table(app, datasette)


# Folds a table's column descriptions under one line, so that on an archive's wide
# tables the search box and the rows are on the first screen.
_FOLD_DESCRIPTIONS = """
document.querySelectorAll('dl.column-descriptions').forEach(function (list) {
  var fold = document.createElement('details');
  var title = document.createElement('summary');
  title.textContent = 'Column descriptions';
  fold.className = 'column-descriptions-fold';
  list.replaceWith(fold);
  fold.append(title, list);
});
"""


# Beside the search box of a search: the same words, ranked, with snippets.
_RANKED_LINK = """
(function (href) {
  var row = document.querySelector('form.filters .search-row');
  if (!row) return;
  var line = document.createElement('p');
  var link = document.createElement('a');
  link.href = href;
  link.className = 'ranked-search';
  link.textContent = 'Best matches first, with snippets';
  line.append(link);
  row.after(line);
})(%s);
"""


def _script_string(text: str) -> str:
    # A JS string literal that cannot end the <script> element it sits in.
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e")


@hookimpl
def extra_body_script(database, table, view_name, request, datasette):
    if view_name != "table" or not database:
        return None

    async def inner():
        if not await _is_archive(datasette, database):
            return ""
        script = _FOLD_DESCRIPTIONS
        words = request.args.get("_search") if request else None
        if table == "articles" and words:
            ranked = datasette.urls.query(database, "search_articles")
            script += _RANKED_LINK % _script_string(
                f"{ranked}?{urlencode({'words': words})}")
        return script
    return inner
