"""The extractors the benchmark compares: this project's, trafilatura, GNE, readability.

Each tool turns the pages of one article (page 1 first) into an `Extraction` with the
fields it knows; `fields` says which ones it reports at all (the others print "n/a").
The peers see page 1 only — none of them follows continuation pages — as text decoded
by `decode_for_peers`, so an encoding a peer would misdetect does not count against it.
This project's extractor gets the raw bytes (decoding is part of its job) and every
page of the article.

Peer settings are the ones a user after these fields would pick, and otherwise the
tools' defaults (no favor_precision / favor_recall for trafilatura):
- trafilatura: `bare_extraction(with_metadata=True)`, its own date parameters with an
  output format that keeps the time (the default keeps only the day); headline =
  title, source = sitename, authors = author split on ; , 、 and spaces, body = text;
- GNE: `GeneralNewsExtractor().extract(html)`; headline = title, date = publish_time,
  authors = author split likewise, body = content; it has no source field;
- readability-lxml: `Document(html)`; headline = `short_title()` (the title without the
  site suffix), body = the text of `summary()`; it has no date, author or source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from benchmarks.scoring import split_names

FIELDS = ("headline", "source", "date", "authors", "body")


@dataclass(frozen=True)
class PageInput:
    """One page of a labelled article, as every tool may read it."""

    url: str
    raw: bytes
    text: str  # decode_for_peers(raw)
    # charset of the Content-Type header the mirror serves the page with (it may lie)
    header_encoding: str | None = None


@dataclass
class Extraction:
    headline: str | None = None
    source: str | None = None
    published_at: str | None = None  # as the tool printed it; scoring normalises it
    authors: list[str] = field(default_factory=list)
    body: str = ""  # paragraphs joined by newlines


class Tool(Protocol):
    name: str
    fields: frozenset[str]

    def extract(self, pages: Sequence[PageInput]) -> Extraction: ...


def decode_for_peers(raw: bytes) -> str:
    """Strict UTF-8, else GBK read as its superset gb18030 (bad bytes replaced).

    Deliberately independent of newsarchive's decoder, so that a decoding bug there
    cannot change the peers' figures.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


class NewsarchiveTool:
    """This project: `extract_html` for a single page, `extract_article` for several."""

    name = "newsarchive"
    fields = frozenset(FIELDS)

    def __init__(self) -> None:
        from newsarchive.extract import extract_article, extract_html
        from newsarchive.items import Page

        self._extract_article = extract_article
        self._extract_html = extract_html
        self._page = Page

    def extract(self, pages: Sequence[PageInput]) -> Extraction:
        if len(pages) == 1:
            page = pages[0]
            article = self._extract_html(page.raw, page.url, header_encoding=page.header_encoding)
        else:
            article = self._extract_article([
                self._page(url=p.url, body=p.raw, header_encoding=p.header_encoding)
                for p in pages
            ])
        return Extraction(
            headline=article.headline,
            source=article.source,
            published_at=article.published_at,
            authors=list(article.authors),
            body="\n".join(article.body),
        )


class TrafilaturaTool:
    name = "trafilatura"
    fields = frozenset(FIELDS)

    def __init__(self) -> None:
        import trafilatura
        from trafilatura.settings import set_date_params

        self._bare_extraction = trafilatura.bare_extraction
        self._date_params = {**set_date_params(True), "outputformat": "%Y-%m-%d %H:%M"}

    def extract(self, pages: Sequence[PageInput]) -> Extraction:
        page = pages[0]
        document = self._bare_extraction(
            page.text,
            url=page.url,
            with_metadata=True,
            date_extraction_params=self._date_params,
        )
        if document is None:
            return Extraction()
        return Extraction(
            headline=document.title,
            source=document.sitename,
            published_at=document.date,
            authors=split_names(document.author),
            body=document.text or "",
        )


class GneTool:
    name = "gne"
    fields = frozenset({"headline", "date", "authors", "body"})

    def __init__(self) -> None:
        from gne import GeneralNewsExtractor

        self._extractor = GeneralNewsExtractor()

    def extract(self, pages: Sequence[PageInput]) -> Extraction:
        result = self._extractor.extract(pages[0].text)
        return Extraction(
            headline=result.get("title"),
            published_at=result.get("publish_time"),
            authors=split_names(result.get("author")),
            body=result.get("content") or "",
        )


class ReadabilityTool:
    name = "readability"
    fields = frozenset({"headline", "body"})

    def __init__(self) -> None:
        import lxml.html
        from readability import Document

        self._document = Document
        self._fromstring = lxml.html.fromstring

    def extract(self, pages: Sequence[PageInput]) -> Extraction:
        document = self._document(pages[0].text)
        summary = self._fromstring(document.summary())
        return Extraction(headline=document.short_title(), body=summary.text_content())


TOOL_CLASSES: dict[str, type] = {
    tool.name: tool for tool in (NewsarchiveTool, TrafilaturaTool, GneTool, ReadabilityTool)
}
