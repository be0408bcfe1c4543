"""The page object: one method per field, over the nodes a template (or the fallback) locates.

A template subclass says where things are (`headline_node`, `info_text`, `body_node`,
`breadcrumb_node`); the field methods here apply the PORTAL.md rules to what it found, so
every parser reads fields the same way.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from datetime import datetime
from functools import cached_property
from typing import ClassVar

from lxml.etree import _Element as Element

from newsarchive.extract.blocks import Block, split_blocks
from newsarchive.extract.breadcrumb import Breadcrumb, parse_breadcrumb
from newsarchive.extract.content import Content, merge_credits, read_content
from newsarchive.extract.document import Document, node_text
from newsarchive.extract.infoline import InfoLine, parse_info_line
from newsarchive.extract.text import clean_text
from newsarchive.items import Article, Credit, Image

# `headline_地方网`, `headline - 曲阜新闻 - 地方网`, `headline|site`
_TITLE_SUFFIX = re.compile(r"\s*(?:_|\||｜|\s-\s|\s--\s|\s—\s|--).*$")

# 曲阜新闻, 国际财经, 专题报道: channel names are short.
MAX_CHANNEL_NAME = 8


def title_without_suffix(title: str) -> str:
    return clean_text(_TITLE_SUFFIX.sub("", title))


class ArticlePage(ABC):
    """Fields of one article page. Subclasses locate nodes; the rules live here."""

    name: ClassVar[str] = ""

    def __init__(self, document: Document, now: datetime | None = None) -> None:
        self.document = document
        self.now = now

    @classmethod
    @abstractmethod
    def matches(cls, document: Document) -> bool:
        """Whether the page uses this template."""

    # --- where things are (templates override) --------------------------------------
    @abstractmethod
    def headline_node(self) -> Element | None:
        """The element showing the headline."""

    @abstractmethod
    def info_text(self) -> str:
        """The info line's text (来源, date, credit fields)."""

    @abstractmethod
    def body_node(self) -> Element | None:
        """The element holding the article's paragraphs."""

    @abstractmethod
    def breadcrumb_node(self) -> Element | None:
        """The breadcrumb element."""

    # --- fields -----------------------------------------------------------------------
    @cached_property
    def _headline(self) -> str:
        shown = node_text(self.headline_node())
        return shown or title_without_suffix(self.document.title)

    def headline(self) -> str:
        return self._headline

    @cached_property
    def _info(self) -> InfoLine:
        return parse_info_line(self.info_text(), url=self.document.url, now=self.now)

    def source(self) -> str | None:
        # a source line opening or closing the body speaks when the info line does not
        return self._info.source or self._content.source

    def published_at(self) -> str | None:
        return self._info.published_at

    @cached_property
    def _content(self) -> Content:
        node = self.body_node()
        if node is None:
            return Content()
        return read_content(self.body_blocks(node), container=node, skip_texts=self.not_body_texts(),
                            channel=self.channel())

    def not_body_texts(self) -> frozenset[str]:
        """Lines that are no body when the body element holds them: headline, info line."""
        return frozenset(filter(None, (self.headline(), clean_text(self.info_text()))))

    def body_blocks(self, node: Element) -> list[Block]:
        """The text blocks and images of the body element, in order."""
        return split_blocks(node, self.document.link_base)

    def body(self) -> list[str]:
        return self._content.paragraphs

    def images(self) -> list[Image]:
        return self._content.images

    def body_credits(self) -> list[Credit]:
        """Credits found in the body alone (what a continuation page contributes)."""
        return self._content.credits

    def credits(self) -> list[Credit]:
        # the info line stands above the body: its credits come first in page order
        return merge_credits(self._info.credits, self._content.credits)

    @cached_property
    def _breadcrumb(self) -> Breadcrumb:
        return parse_breadcrumb(self.breadcrumb_node(), self.document.link_base)

    def channel(self) -> str | None:
        return self._breadcrumb.channel

    def channel_path(self) -> str | None:
        return self._breadcrumb.channel_path

    def region(self) -> list[str]:
        return self._breadcrumb.region

    def not_article_reason(self) -> str | None:
        """Why the page is a channel or list page rather than an article (None: it is not).

        A channel page's headline is the channel's own name: the one its breadcrumb ends with.
        (An article whose breadcrumb ends with its own title has a longer headline.)
        """
        headline = self.headline()
        if headline and headline == self.channel() and len(headline) <= MAX_CHANNEL_NAME:
            return f"a channel page: its headline {headline!r} is the channel the breadcrumb names"
        return None

    def to_article(self) -> Article:
        return Article(
            url=self.document.url,
            headline=self.headline(),
            source=self.source(),
            published_at=self.published_at(),
            credits=self.credits(),
            body=self.body(),
            images=self.images(),
            channel=self.channel(),
            channel_path=self.channel_path(),
            region=self.region(),
            pages=[self.document.url],
            parser=self.name,
        )


class SelectorPage(ArticlePage):
    """A known template: CSS selectors say where each part is (first match wins)."""

    # A page uses the template when every one of these selectors matches.
    REQUIRED: ClassVar[tuple[str, ...]] = ()
    HEADLINE: ClassVar[str] = ""
    INFO: ClassVar[str] = ""
    BODY: ClassVar[str] = ""
    BREADCRUMB: ClassVar[str] = ""

    @classmethod
    def matches(cls, document: Document) -> bool:
        return all(document.first(query) is not None for query in cls.REQUIRED)

    def headline_node(self) -> Element | None:
        return self.document.first(self.HEADLINE)

    def info_text(self) -> str:
        return node_text(self.document.first(self.INFO))

    def body_node(self) -> Element | None:
        return self.document.first(self.BODY)

    def breadcrumb_node(self) -> Element | None:
        return self.document.first(self.BREADCRUMB)
