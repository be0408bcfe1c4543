"""An article's rows, made from the article and its capture alone: `article_record`.

Everything the writer stores that needs no database — the `articles` columns with
their content hash and JSON copies, the credits and images rows, the search index's
spaced text, the URLs that reach the article — is made here, by a pure function, so
that the crawl's extraction workers make it beside the reactor and ArchiveDB.write
only runs the statements. ArchiveDB.save makes it with the same function, for the
writers that hold an Article (the frontier's ingest, reextract).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsarchive.extract.version import extractor_version
from newsarchive.items import Article
from newsarchive.store.search import index_values

# /jining/news/201506/7713943.html, and its continuation pages 7713943_2.html
_ARTICLE_ID = re.compile(r"/(\d+)(?:_\d+)?\.s?html?$")

# 2015-06-22 or 2015-06-22T07:21:00+08:00 (the items contract)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|T)")


def _json_text() -> Callable[[object], str]:
    """json.dumps(value, ensure_ascii=False), with one encoder made once: json.dumps makes
    a new JSONEncoder for every call that sets an option, and JSONEncoder.encode a new C
    encoder for every value (half the cost of a record's short lists). Without the cycle
    check, which needs a fresh table each call: a record's values hold no cycles."""
    encoder = json.JSONEncoder(ensure_ascii=False, check_circular=False)
    make_encoder = getattr(json.encoder, "c_make_encoder", None)
    if make_encoder is None:  # a Python without the C accelerator
        return encoder.encode
    iterencode = make_encoder(None, encoder.default, json.encoder.encode_basestring, None,
                              encoder.key_separator, encoder.item_separator, False, False, True)
    return lambda value: "".join(iterencode(value, 0))


_JSON_TEXT = _json_text()


def content_hash(article: Article) -> str:
    """Hash of what the article says. The parser's name is left out: a new
    template parser that extracts the same content does not make a new version."""
    content = [
        article.url, article.headline, article.source, article.published_at,
        [[c.name, c.role, c.kind] for c in article.credits], article.body,
        [[i.src, i.caption] for i in article.images], article.channel,
        article.channel_path, article.region, article.pages,
    ]
    return hashlib.sha256(to_json(content).encode("utf-8")).hexdigest()


def portal_article_id(url: str) -> int | None:
    match = _ARTICLE_ID.search(urlsplit(url).path)
    return int(match.group(1)) if match else None


def to_json(value: object) -> str:
    """A JSON column's text: Chinese as it is, not \\u-escaped."""
    return _JSON_TEXT(value)


def article_row(article: Article) -> dict[str, object]:
    """The content columns of `articles` for one record."""
    published = article.published_at
    if published is not None and not _ISO_DATE.match(published):
        raise ValueError(f"published_at must be ISO 8601 (2015-06-22T07:21:00+08:00 or"
                         f" 2015-06-22), got {published!r} for {article.url}")
    return {
        "url": article.url,
        "article_id": portal_article_id(article.url),
        "headline": article.headline,
        "source": article.source,
        "published_at": published,
        "published_date": published[:10] if published else None,
        "year": int(published[:4]) if published else None,
        "authors": to_json(article.authors),
        "editors": to_json(article.editors),
        "body": "\n".join(article.body),
        "paragraphs": len(article.body),
        "images": to_json([{"src": i.src, "caption": i.caption} for i in article.images]),
        "channel": article.channel,
        "channel_path": article.channel_path,
        "region": " / ".join(article.region) or None,
        "city": article.city,
        "county": article.county,
        "flags": None if article.flags is None else to_json(article.flags),
        "parser": article.parser,
        "extractor_version": extractor_version(),
        "pages": to_json(article.pages),
        "content_hash": content_hash(article),
    }


@dataclass(frozen=True)
class ArticleRecord:
    """One article as the archive's rows hold it, ready for ArchiveDB.write."""

    row: dict[str, object]  # the `articles` columns it sets: article_row and the capture's
    credits: list[tuple[int, str, str | None, str]]  # (position, name, role, kind)
    images: list[tuple[int, str, str | None]]  # (position, src, caption)
    search: tuple[str, str, str]  # the search index's headline, body and people (index_values)
    urls: list[str]  # every URL that reaches it, sorted: page 1's, the continuations', the one linked

    @property
    def url(self) -> str:
        return str(self.row["url"])

    @property
    def fetched_at(self) -> str:
        return str(self.row["fetched_at"])


def article_record(
    article: Article,
    *,
    fetched_at: str,
    requested_url: str | None = None,
    warc_file: str | None = None,
    warc_record_id: str | None = None,
) -> ArticleRecord:
    """The rows of `article`, fetched at `fetched_at` (page 1's ISO time) from
    `requested_url` (when a redirect led elsewhere), captured at `warc_file` /
    `warc_record_id`. ValueError for a record the archive refuses."""
    if not article.url or not article.headline:
        raise ValueError(f"an article needs a url and a headline: {article.url!r}")
    row = article_row(article)
    row.update(fetched_at=fetched_at, warc_file=warc_file, warc_record_id=warc_record_id)
    # A credit without a name is the database's to refuse (credits.name NOT NULL), as the
    # record's other rows are: the index text leaves it out rather than fail first.
    people = [c.name for c in article.credits if c.kind != "agency" and c.name is not None]
    urls = {article.url, *article.pages}
    if requested_url:
        urls.add(requested_url)
    return ArticleRecord(
        row=row,
        credits=[(n, c.name, c.role, c.kind) for n, c in enumerate(article.credits, start=1)],
        images=[(n, i.src, i.caption) for n, i in enumerate(article.images, start=1)],
        search=index_values(article.headline, str(row["body"]), people),
        urls=sorted(urls),
    )
