"""HTML + URL -> Article: the extraction API.

`extract_article(pages)` reads page 1 with the template that claims it (or by structure
alone) and appends the body paragraphs and images of the continuation pages. Templates are
the built-in ones unless `templates` (from `load_templates`) says otherwise. No Scrapy here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from newsarchive.extract.content import merge_credits
from newsarchive.extract.document import Document
from newsarchive.extract.page import ArticlePage
from newsarchive.extract.templates import Template, TemplateError, builtin_templates, load_templates
from newsarchive.items import Article, Page

__all__ = ["NotAnArticle", "TemplateError", "extract_article", "extract_html", "load_templates", "page_object"]

CHINA = ZoneInfo("Asia/Shanghai")


class NotAnArticle(ValueError):
    """The page is not an article (a list page, a gallery, a notice); the reason says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def page_object(document: Document, now: datetime | None = None,
                templates: Sequence[Template] | None = None) -> ArticlePage:
    """The page object of the first template that claims the page (and, for a dated
    version, covers the date it reads), else the page located by structure alone."""
    for template in builtin_templates() if templates is None else templates:
        if template.claims(document):
            page = ArticlePage(document, now, template)
            # only a dated version reads the date here (a continuation page's is never read)
            if not template.dated or template.covers(page.published_at()):
                return page
    return ArticlePage(document, now)


def extract_article(pages: Sequence[Page], *, now: datetime | None = None,
                    templates: Sequence[Template] | None = None) -> Article:
    """One Article from an article's pages (page 1 first)."""
    if not pages:
        raise ValueError("extract_article needs at least one page")
    now = now or datetime.now(CHINA)

    def read(page: Page) -> ArticlePage:
        return page_object(Document.from_html(page.body, page.url, page.header_encoding), now, templates)

    first = read(pages[0])
    article = first.to_article()
    if not article.headline:
        raise NotAnArticle(f"no headline found on {pages[0].url}")
    if reason := first.not_article_reason():
        raise NotAnArticle(f"{reason} ({pages[0].url})")
    extra_credits = []
    for page in pages[1:]:
        more = read(page)
        article.body.extend(more.body())
        article.images.extend(more.images())
        extra_credits.extend(more.body_credits())
        article.pages.append(page.url)
        article.source = article.source or more.source()  # a `（来源：…）` line closing the last page
    article.credits = merge_credits(article.credits, extra_credits)
    if not article.body:
        raise NotAnArticle(f"no body text found on {pages[0].url} (headline {article.headline!r})")
    return article


def extract_html(html: bytes | str, url: str, *, now: datetime | None = None,
                 header_encoding: str | None = None, templates: Sequence[Template] | None = None) -> Article:
    """One Article from one page's HTML."""
    return extract_article([Page(url=url, body=html, header_encoding=header_encoding)], now=now,
                           templates=templates)
