"""Datasette metadata for an archive: descriptions, facets, search, canned queries."""

from __future__ import annotations

from html import escape
from typing import Any

from datasette.utils import tilde_encode

from newsarchive.datasette.chart import chart_path
from newsarchive.store.search import FTS_TABLE

SOURCE = "地方网 (www.yybnet.net)"
SOURCE_URL = "https://www.yybnet.net/"
LICENSE = (
    "Articles remain the work of their publishers (the newspapers named in 'source'); "
    "archived for research and preservation. Archive software: MIT."
)

_ARTICLE_COLUMNS = {
    "id": "Row id of the article in this archive",
    "url": "The article's final URL (after redirects); page 1 of a multi-page article",
    "article_id": "The portal's numeric article id, from the URL (…/201506/7713943.html)",
    "headline": "The title as shown on the page",
    "source": "The publication named by 来源/稿件来源 (济宁晚报 …), never the portal",
    "published_at": "Publication time, ISO 8601 with +08:00; a bare day (2015-06-22) "
    "when the page shows no time",
    "published_date": "The day of publication, YYYY-MM-DD",
    "year": "The year of publication",
    "authors": "JSON array of the credited authors' names, in byline order "
    "(roles are in the credits table)",
    "editors": "JSON array of the editors' names (责任编辑, 编辑 …); not authors",
    "body": "The article's paragraphs across all its pages, one per line",
    "paragraphs": "Number of body paragraphs",
    "images": "JSON array of {src, caption}, in page order",
    "channel": "The portal channel the article belongs to (曲阜新闻)",
    "channel_path": "The channel's path on the portal (jining/qufu)",
    "region": "Region from the breadcrumb: province / city / county",
    "city": "The article's city, one spelling (济宁: no 市, no 新闻)",
    "county": "The article's county, one spelling (曲阜; 曹县 keeps its 县)",
    "flags": "JSON array of the values that look wrong (source_label, author_not_a_name, "
    "headline_breadcrumb, date_in_future …); [] when none; empty for rows stored "
    "before flags were checked",
    "parser": "Which extraction template produced the record",
    "extractor_version": "Which extraction code produced the record: package version + digest of "
    "newsarchive/extract (NULL: written before it was recorded)",
    "pages": "JSON array of the URLs of every page of the article, in order",
    "fetched_at": "When the stored content was fetched (UTC)",
    "last_seen_at": "When a crawl last saw the article (UTC)",
    "first_run_id": "The crawl run that first stored the article",
    "last_run_id": "The crawl run that last saw the article",
    "warc_file": "The WARC file holding the raw capture of page 1",
    "warc_record_id": "WARC-Record-ID of that capture",
    "content_hash": "SHA-256 of the record's content; a change makes a new version",
}

_VERSION_COLUMNS = {
    **{k: v for k, v in _ARTICLE_COLUMNS.items() if k in {
        "url", "headline", "source", "published_at", "authors", "editors", "body",
        "images", "channel", "channel_path", "region", "parser", "pages",
        "fetched_at", "warc_file", "warc_record_id", "content_hash", "extractor_version"}},
    "id": "Row id of this version",
    "article_id": "The article (articles.id) this was an earlier version of",
    "superseded_at": "When a crawl stored newer content in its place (UTC)",
    "superseded_by_run_id": "The crawl run that found the newer content",
    "credits": "JSON array of {name, role, kind} of this version",
    "run_id": "The crawl run that last saw this version",
}

_TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "One row per article. Search finds Chinese words of any length "
        "in headline, body and credited names.",
        "columns": _ARTICLE_COLUMNS,
        # source_name: one newspaper's spellings as one value (datasette/sources.py);
        # each bounded: not started over more hits than it can count (datasette/facets.py)
        "facets": [{"source_name": "source"}, {"column_bounded": "channel"},
                   {"column_bounded": "year"}, {"array_bounded": "authors"},
                   {"array_bounded": "editors"}],
        "sort_desc": "published_at",
        "sortable_columns": ["published_at", "headline", "source", "channel", "year",
                             "paragraphs", "fetched_at", "id"],
        "label_column": "headline",
        "fts_table": FTS_TABLE,
    },
    "credits": {
        "description": "One row per credited person or agency of an article, in "
        "byline order: authors (记者, 通讯员, 摄影 …), editors and agencies.",
        "columns": {
            "article_id": "The article (articles.id)",
            "position": "Order of the credit on the page, from 1",
            "name": "The person's (or agency's) name",
            "role": "记者, 见习记者, 通讯员, 实习生, 摄影 for authors; 责任编辑, 编辑 … for "
            "editors; empty when the page states none",
            "kind": "author, editor or agency (a news agency, not a person)",
        },
        "facets": ["name", "role", "kind"],
    },
    "images": {
        "description": "One row per image of an article, in page order.",
        "columns": {
            "article_id": "The article (articles.id)",
            "position": "Order of the image in the article, from 1",
            "src": "Absolute image URL",
            "caption": "The image's caption, if any",
        },
    },
    "article_urls": {
        "description": "Every URL that leads to a stored article: its own, URLs that "
        "redirected to it, its continuation pages.",
        "columns": {
            "url": "A URL the crawler requested or received",
            "article_id": "The article (articles.id) it leads to",
        },
    },
    "article_versions": {
        "description": "Earlier content of articles that changed on the portal; never "
        "overwritten.",
        "columns": _VERSION_COLUMNS,
        "sort_desc": "superseded_at",
    },
    "crawl_runs": {
        "description": "One row per crawl run, with what it did.",
        "columns": {
            "id": "Run id",
            "started_at": "Start time (UTC)",
            "finished_at": "End time (UTC)",
            "base_url": "The site crawled",
            "channels": "JSON array of the channel paths crawled",
            "software_version": "newsarchive version",
            "options": "JSON object of the run's options",
            "finish_reason": "Why the run ended",
            "pages_requested": "Pages requested",
            "articles_new": "Articles stored for the first time",
            "articles_changed": "Articles whose content changed (earlier version kept)",
            "articles_unchanged": "Articles fetched again with the same content",
            "pages_skipped_non_article": "Pages skipped because they were not articles",
            "articles_invalid": "Article pages dropped as invalid (no headline or body)",
            "errors": "JSON object: error kind -> count",
            "exit_status": "The run's exit status and reason (killed: it never recorded its end)",
            "links_not_followed": "JSON object: why a link was not followed -> count",
            "list_pages_short": "List pages that held fewer links than expected",
            "articles_flagged": "Stored articles flagged as doubtful",
            "articles_already_archived": "Listed articles not fetched because already archived",
        },
        "sort_desc": "id",
    },
    "crawl_run_workers": {
        "description": "The workers of a distributed crawl run (`newsarchive crawl --frontier`), "
        "one row each, with what each said of itself.",
        "columns": {
            "run_id": "The run (crawl_runs.id)",
            "worker": "The worker's name (host-pid, or its --worker)",
            "first_record_at": "When its first record was stored (UTC)",
            "finished_at": "When it left, as it said (UTC)",
            "finish_reason": "The reason it gave for leaving (NULL: it never said)",
            "lost": "1 when the run ended without hearing from it again (killed)",
            "articles_stored": "Its articles stored in this run",
            "channels_failed": "JSON array of channels whose list page failed in it",
            "counts": "JSON object of its counts (pages_requested …), from its own stats",
            "stats": "JSON object: its Scrapy stats as it sent them (numbers only)",
        },
    },
    "ingest_progress": {
        "description": "How far `newsarchive ingest` has committed each Redis stream of records.",
        "columns": {
            "stream": "The Redis server, database and stream key",
            "last_record_id": "The last stream record whose effects are committed",
            "updated_at": "When (UTC)",
        },
        "hidden": True,
    },
    "channel_state": {
        "description": "Channels that a run paged to the end; later runs may stop "
        "paging them early.",
        "columns": {
            "base_url": "The site",
            "channel_path": "The channel's path (jining/qufu)",
            "completed_run_id": "The run that last paged it to the end",
            "completed_at": "When (UTC)",
        },
    },
    "skipped_pages": {
        "description": "Pages a crawl found to be no article, or gone; later runs do "
        "not fetch them again.",
        "columns": {
            "url": "The page's URL",
            "reason": "Why it was skipped (not an article, 404, 410 …)",
            "first_run_id": "The run that first skipped it",
            "last_run_id": "The run that last skipped it",
            "skipped_at": "When it was last skipped (UTC)",
        },
        "sort_desc": "skipped_at",
    },
    "reprints": {
        "description": "Articles published more than once (a story in several "
        "channels, or reprinted under a new header): one row per article with at "
        "least one reprint. Bodies of a cluster share at least half of their "
        "character 3-5-grams (exact Jaccard).",
        "columns": {
            "article_id": "The article (articles.id)",
            "cluster_id": "The story: the smallest article id among its publications",
            "earliest_id": "The story's earliest publication (articles.id)",
            "similarity": "Jaccard similarity of this article's body with the "
            "earliest publication's (1.0 for that one)",
        },
        "facets": ["cluster_id"],
        "sort": "cluster_id",
    },
    "reprint_signatures": {
        "description": "Housekeeping for reprints: each article's MinHash signature, "
        "so a crawl compares only new or changed articles.",
        "columns": {
            "article_id": "The article (articles.id)",
            "content_hash": "The articles.content_hash the signature was computed from",
            "signature": "64 MinHash values (little-endian uint32); empty for a body "
            "too short to compare",
        },
        "hidden": True,
    },
    FTS_TABLE: {"hidden": True},
}

_QUERIES = {
    "articles_per_month_per_channel": {
        "title": "Articles per month per channel",
        "sql": "SELECT substr(published_date, 1, 7) AS month, channel,"
        " count(*) AS articles FROM articles WHERE published_date IS NOT NULL"
        " GROUP BY month, channel ORDER BY month, channel",
    },
    "most_credited_people": {
        "title": "Most credited people",
        "sql": "SELECT name, role, kind, count(DISTINCT article_id) AS articles"
        " FROM credits WHERE kind != 'agency'"
        " GROUP BY name, role, kind ORDER BY articles DESC, name LIMIT 200",
    },
    "articles_by_person": {
        "title": "Articles by a person",
        "description": "Every article crediting :name, as author or editor",
        "sql": "SELECT a.id, a.published_at, a.headline, c.role, c.kind, a.source,"
        " a.channel, a.url FROM credits c JOIN articles a ON a.id = c.article_id"
        " WHERE c.name = :name ORDER BY a.published_at",
    },
    "articles_from_source": {
        "title": "Everything from one source",
        "description": "Every article whose 来源 is :source (济宁晚报 …), in any of "
        "its spellings (济宁晚报社, 【济宁晚报】 …)",
        "sql": "SELECT id, published_at, headline, source, channel, authors, url"
        " FROM articles WHERE source_name(source) = source_name(:source)"
        " ORDER BY published_at",
    },
    "most_reprinted_stories": {
        "title": "Most reprinted stories",
        "description": "Stories published more than once, most publications first",
        "sql": "SELECT r.earliest_id AS id, a.headline, a.published_at AS first_seen,"
        " a.source, count(*) AS publications,"
        " group_concat(DISTINCT coalesce(o.source, o.channel)) AS published_in"
        " FROM reprints r JOIN articles a ON a.id = r.earliest_id"
        " JOIN articles o ON o.id = r.article_id"
        " GROUP BY r.cluster_id ORDER BY publications DESC, first_seen LIMIT 200",
    },
    "search_articles": {
        "title": "Search articles, best matches first",
        "description": "Chinese words of any length; several words must all occur",
        "hide_sql": True,
        "sql": f"SELECT a.id, a.published_at, a.headline,"
        f" search_snippet(a.body, :words) AS snippet, a.source, a.channel, a.url"
        f" FROM {FTS_TABLE} JOIN articles a ON a.id = {FTS_TABLE}.rowid"
        f" WHERE {FTS_TABLE} MATCH escape_fts(:words) ORDER BY rank LIMIT 200",
    },
}


# articles.search_id (schema migration 5): the same as id, behind an index that
# makes a search's count, page and facets read a few index pages, not every hit's row.
SEARCH_ID = "search_id"


def build_metadata(database: str, *, search_id: bool = False) -> dict:
    """Metadata for an archive served by datasette under the name `database`.

    The name comes from the file name, which may hold any character (`q"><img …>.db`):
    it is tilde-encoded into paths as datasette's own URLs are, and HTML-escaped.
    `search_id`: the archive has articles.search_id, for the table search to use.
    """
    tables = {**_TABLES, "articles": {**_TABLES["articles"],
                                      "fts_pk": SEARCH_ID if search_id else "id"}}
    db_path = escape("/" + tilde_encode(database))
    chart_href = escape(chart_path(database))
    return {
        "title": "地方网 news archive",
        "description_html": (
            "Local news from 地方网 (www.yybnet.net), crawled by newsarchive: one row "
            "per article with its source, date, credited people and body. The search "
            f"box on <a href=\"{db_path}/articles\">articles</a> finds Chinese words of"
            f" any length. <a href=\"{chart_href}\">Chart: articles per month per"
            " channel</a>."
        ),
        "source": SOURCE,
        "source_url": SOURCE_URL,
        "license": LICENSE,
        "databases": {
            database: {
                "description": "Articles, credits, images, versions and crawl runs.",
                "tables": tables,
                "queries": _QUERIES,
            }
        },
    }
