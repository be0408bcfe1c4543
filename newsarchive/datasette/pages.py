"""The archive's reading pages, served by the plugin's routes in datasette's look:
an article, a person, a source, a channel, a county.

Routes rather than a `row-<db>-articles.html` template: a row template is chosen by
the database's name, which is the archive's file name and differs between archives,
and a row page's context holds only the row; these pages need credits, images and
reprints, and the person/source/channel pages are no row of any table at all.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response

from newsarchive.datasette.archived import archived_images
from newsarchive.datasette.links import article_path, capture_path, image_path, name_path
from newsarchive.datasette.sources import source_spellings
from newsarchive.store.reprints import REPRINTS_TABLE

# A page lists at most this many articles, newest first.
PAGE_ARTICLES = 500


async def archive_database(datasette, request):
    """The database named in the URL, which must be an archive."""
    name = tilde_decode(request.url_vars["database"])
    try:
        db = datasette.get_database(name)
    except KeyError:
        raise NotFound(f"no database {name}") from None
    if not await db.table_exists("articles"):
        raise NotFound(f"{name} is not a newsarchive archive")
    return name, db


async def _rows(db, sql: str, params: dict | tuple = ()) -> list[dict[str, Any]]:
    result = await db.execute(sql, params)
    return [dict(row) for row in result.rows]


async def reprints_of(db, article_id: int) -> list[dict[str, Any]]:
    """The other articles of the article's reprint cluster, earliest first."""
    if not await db.table_exists(REPRINTS_TABLE):
        return []
    return await _rows(db, f"""
        SELECT a.id, a.headline, a.source, a.channel, a.published_at, r.similarity,
               r.article_id = r.earliest_id AS earliest
        FROM {REPRINTS_TABLE} mine
        JOIN {REPRINTS_TABLE} r ON r.cluster_id = mine.cluster_id
             AND r.article_id != mine.article_id
        JOIN articles a ON a.id = r.article_id
        WHERE mine.article_id = ?
        ORDER BY a.published_at, a.id""", (article_id,))


async def article_page(datasette, request) -> Response:
    name, db = await archive_database(datasette, request)
    article_id = int(request.url_vars["id"])
    found = await _rows(db, "SELECT * FROM articles WHERE id = ?", (article_id,))
    if not found:
        raise NotFound(f"no article {article_id}")
    article = found[0]
    credits = await _rows(db, "SELECT name, role, kind FROM credits"
                              " WHERE article_id = ? ORDER BY position", (article_id,))
    archived = await archived_images(datasette, db, article)
    images = [{**image, "archived": image_path(name, article_id, image["position"])
               if image["position"] in archived else None}
              for image in await _rows(db, "SELECT position, src, caption FROM images"
                                           " WHERE article_id = ? ORDER BY position",
                                       (article_id,))]
    reprints = await reprints_of(db, article_id)
    return Response.html(await datasette.render_template(
        "newsarchive_article.html", {
            "database": name,
            "article": article,
            "paragraphs": [p for p in article["body"].split("\n") if p.strip()],
            "credits": credits,
            "images": images,
            "reprints": reprints,
            "first_seen": reprints[0] if reprints and reprints[0]["earliest"] else None,
            "pages": json.loads(article["pages"] or "[]"),
            "capture": capture_path(name, article_id) if article["warc_record_id"] else None,
            "article_path": article_path,
            "name_path": name_path,
        }, request=request))


# For each kind of name page: the SQL of its articles (with :name), and of the
# lists of related names beside them. A source page lists every spelling of its
# newspaper (济宁晚报, 济宁晚报社: datasette/sources.py), passed as :spellings.
_SPELLINGS = "(SELECT value FROM json_each(:spellings))"
_ARTICLES_SQL = {
    "person": "SELECT a.id, a.headline, a.published_at, a.source, a.channel,"
              " group_concat(coalesce(c.role, c.kind), '、') AS role"
              " FROM credits c JOIN articles a ON a.id = c.article_id"
              " WHERE c.name = :name GROUP BY a.id",
    "source": "SELECT a.id, a.headline, a.published_at, a.source, a.channel,"
              f" NULL AS role FROM articles a WHERE a.source IN {_SPELLINGS}",
    "channel": "SELECT a.id, a.headline, a.published_at, a.source, a.channel,"
               " NULL AS role FROM articles a WHERE a.channel = :name",
    # The county column, one spelling per county (曲阜), not the breadcrumb's
    # region, which may name it 曲阜市 on one page and 曲阜 on the next.
    "county": "SELECT a.id, a.headline, a.published_at, a.source, a.channel,"
              " NULL AS role FROM articles a WHERE a.county = :name",
}
_RELATED_SQL = {
    "person": {
        "Credited with": "SELECT c2.name, c2.kind, count(DISTINCT c2.article_id) AS n"
                         " FROM credits c JOIN credits c2 ON c2.article_id = c.article_id"
                         " AND c2.name != c.name WHERE c.name = :name"
                         " GROUP BY c2.name ORDER BY n DESC, c2.name LIMIT 100",
        "Sources": "SELECT a.source AS name, 'source' AS kind, count(DISTINCT a.id) AS n"
                   " FROM credits c JOIN articles a ON a.id = c.article_id"
                   " WHERE c.name = :name AND a.source IS NOT NULL"
                   " GROUP BY a.source ORDER BY n DESC LIMIT 100",
        "Channels": "SELECT a.channel AS name, 'channel' AS kind,"
                    " count(DISTINCT a.id) AS n FROM credits c"
                    " JOIN articles a ON a.id = c.article_id WHERE c.name = :name"
                    " AND a.channel IS NOT NULL GROUP BY a.channel ORDER BY n DESC LIMIT 100",
        "Counties": "SELECT a.county AS name, 'county' AS kind,"
                    " count(DISTINCT a.id) AS n FROM credits c"
                    " JOIN articles a ON a.id = c.article_id WHERE c.name = :name"
                    " AND a.county IS NOT NULL GROUP BY a.county ORDER BY n DESC LIMIT 100",
    },
    "source": {
        "People": "SELECT c.name, c.kind, count(DISTINCT a.id) AS n FROM articles a"
                  f" JOIN credits c ON c.article_id = a.id WHERE a.source IN {_SPELLINGS}"
                  " GROUP BY c.name ORDER BY n DESC, c.name LIMIT 100",
        "Channels": "SELECT channel AS name, 'channel' AS kind, count(*) AS n"
                    f" FROM articles WHERE source IN {_SPELLINGS} AND channel IS NOT NULL"
                    " GROUP BY channel ORDER BY n DESC LIMIT 100",
        "Counties": "SELECT county AS name, 'county' AS kind, count(*) AS n"
                    f" FROM articles WHERE source IN {_SPELLINGS} AND county IS NOT NULL"
                    " GROUP BY county ORDER BY n DESC LIMIT 100",
    },
    "channel": {
        "People": "SELECT c.name, c.kind, count(DISTINCT a.id) AS n FROM articles a"
                  " JOIN credits c ON c.article_id = a.id WHERE a.channel = :name"
                  " GROUP BY c.name ORDER BY n DESC, c.name LIMIT 100",
        "Sources": "SELECT source AS name, 'source' AS kind, count(*) AS n"
                   " FROM articles WHERE channel = :name AND source IS NOT NULL"
                   " GROUP BY source ORDER BY n DESC LIMIT 100",
        "Counties": "SELECT county AS name, 'county' AS kind, count(*) AS n"
                    " FROM articles WHERE channel = :name AND county IS NOT NULL"
                    " GROUP BY county ORDER BY n DESC LIMIT 100",
    },
    "county": {
        "Sources": "SELECT source AS name, 'source' AS kind, count(*) AS n"
                   " FROM articles WHERE county = :name AND source IS NOT NULL"
                   " GROUP BY source ORDER BY n DESC LIMIT 100",
        "Channels": "SELECT channel AS name, 'channel' AS kind, count(*) AS n"
                    " FROM articles WHERE county = :name AND channel IS NOT NULL"
                    " GROUP BY channel ORDER BY n DESC LIMIT 100",
        "People": "SELECT c.name, c.kind, count(DISTINCT a.id) AS n FROM articles a"
                  " JOIN credits c ON c.article_id = a.id WHERE a.county = :name"
                  " GROUP BY c.name ORDER BY n DESC, c.name LIMIT 100",
    },
}
# A credited name's page is a person's page, a news agency's (新华社) included: it
# lists the articles crediting the name, which a source page (by 来源) would not.
_PAGE_KIND_OF = {"author": "person", "editor": "person", "agency": "person",
                 "source": "source", "channel": "channel", "county": "county"}


async def name_page(datasette, request, kind: str) -> Response:
    database, db = await archive_database(datasette, request)
    name = unquote(request.url_vars["name"])
    params = {"name": name, "spellings": json.dumps(
        await source_spellings(db, name) if kind == "source" else [])}
    total = (await db.execute(f"SELECT count(*) FROM ({_ARTICLES_SQL[kind]})",
                              params)).single_value()
    if not total:
        raise NotFound(f"no {kind} {name} in {database}")
    articles = await _rows(db, f"{_ARTICLES_SQL[kind]}"
                               f" ORDER BY a.published_at DESC, a.id DESC"
                               f" LIMIT {PAGE_ARTICLES}", params)
    related = {}
    for title, sql in _RELATED_SQL[kind].items():
        rows = await _rows(db, sql, params)
        related[title] = [
            {**row, "path": name_path(_PAGE_KIND_OF.get(row["kind"], "person"),
                                      database, row["name"])}
            for row in rows]
    dates = [a["published_at"] for a in articles if a["published_at"]]
    label = kind
    if kind == "person":
        kinds = {r[0] for r in (await db.execute(
            "SELECT DISTINCT kind FROM credits WHERE name = :name", params)).rows}
        label = "agency" if kinds == {"agency"} else "person"
    return Response.html(await datasette.render_template(
        "newsarchive_name.html", {
            "database": database, "kind": kind, "label": label, "name": name,
            "total": total,
            "articles": articles, "related": related,
            "first": min(dates) if dates else None, "last": max(dates) if dates else None,
            "limit": PAGE_ARTICLES, "article_path": article_path,
            "name_path": name_path,
        }, request=request))


def name_route(kind: str):
    async def page(datasette, request) -> Response:
        return await name_page(datasette, request, kind)
    return page
