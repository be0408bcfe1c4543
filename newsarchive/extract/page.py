"""The page object: one method per field, and the PORTAL.md rules, once for every page.

Where things are comes from the locator (newsarchive.extract.fallback): the nodes a template
names, and whatever it leaves out found by the page's structure. The rules here are the same
for a built-in template, a template file and a page no template claims: the info line is
read block by block; a date comes from the info line, else the page's metadata, else the
article's `<time>`, else a date line closing or following the text; credits come from the
info line, the byline, the body and the credit lines right under the text.
"""

from __future__ import annotations

import re
from datetime import datetime

from newsarchive.extract.blocks import TextBlock, split_blocks
from newsarchive.extract.bylines import parse_credits
from newsarchive.extract.content import Content, merge_credits, read_content
from newsarchive.extract.dates import parse_datetime, search_datetime
from newsarchive.extract.document import Document, title_without_suffix
from newsarchive.extract.fallback import SENTENCE_MARKS, GivenNodes, StructureLocator
from newsarchive.extract.infoline import HAS_LABEL, MAX_INFO_CHARS, InfoLine, header_time, parse_info_line
from newsarchive.extract.lazy import cached_property
from newsarchive.extract.lexicon import ROLE_WORDS, alternation
from newsarchive.extract.templates import Template
from newsarchive.items import Article, Credit, Image

# The parser name of a page no template claims.
FALLBACK = "fallback"
# 曲阜新闻, 国际财经, 专题报道: channel names are short.
MAX_CHANNEL_NAME = 8
# Closing body paragraphs that may be the post's info line.
BODY_FOOTER_LINES = 2
# A post's own line names its poster, then when: 本贴由 X 于…, 由 X 张贴 @ …
_POST_LINE = re.compile(r"^(?:本[贴帖文]|此[贴帖]|该[贴帖])?由\s*[^\s，。,]{1,20}\s*(?:于|@)")
# A line under the text that opens with a role word and a colon: `（编辑：X 审核：Y）`.
_CREDIT_LINE = re.compile(rf"^[\s(（【\[-]*(?:{alternation(ROLE_WORDS)})\s*[:：]")
# <meta attribute="value" content="date">: what CMSs print for the publication time.
_PUBLISHED_META = (
    ("property", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "pubdate"),
    ("name", "PubDate"),
    ("name", "publishdate"),
    ("name", "publish_date"),
    ("name", "date"),
)


def given_nodes(document: Document, template: Template | None) -> GivenNodes:
    """The nodes a template locates on the page (nothing without a template)."""
    if template is None:
        return GivenNodes()
    excluded = frozenset(template.all(document, "exclude"))
    return GivenNodes(
        headline=template.first(document, "headline"),
        info=template.first(document, "info"),
        body=template.first(document, "body"),
        breadcrumb=template.first(document, "breadcrumb"),
        bylines=tuple(template.all(document, "byline")),
        images=tuple(template.all(document, "images")),
        excluded=excluded,
    )


class ArticlePage:
    """Fields of one article page, read with a template's nodes (or by structure alone)."""

    def __init__(self, document: Document, now: datetime | None = None, template: Template | None = None) -> None:
        self.document = document
        self.now = now
        self.name = template.name if template is not None else FALLBACK
        self.nodes = StructureLocator(document, now, given_nodes(document, template))

    # --- headline -----------------------------------------------------------------------
    @cached_property
    def _headline(self) -> str:
        # <title> without its suffix only as a last resort
        return self.nodes.headline_text() or title_without_suffix(self.document.title)

    def headline(self) -> str:
        return self._headline

    # --- info line: source, date, credits -------------------------------------------------
    @cached_property
    def _info(self) -> InfoLine:
        """Each info block read on its own (a field never runs into the next block): the
        first source found, every credit, and the first date with a publication label
        (发表于 …) or else the first date (a blog's box above the post says `建立于:2004年10月6日`)."""
        combined = InfoLine()
        for text in self.nodes.info_segments():
            line = parse_info_line(text, url=self.document.url, now=self.now)
            combined.source = combined.source or line.source
            if line.date_labelled and not combined.date_labelled:
                combined.published_at, combined.date_labelled = line.published_at, True
            combined.published_at = combined.published_at or line.published_at
            combined.credits.extend(line.credits)
        return combined

    def source(self) -> str | None:
        # a source line opening or closing the body speaks when the info line does not
        return self._info.source or self._content.source

    def published_at(self) -> str | None:
        return self._published_at

    @cached_property
    def _published_at(self) -> str | None:
        """The info line's date; else the page's metadata; else the article's `<time datetime>`;
        else a date line under the text (blogs print `发表于 2004年12月27日 12:40` after the post).
        Kept: a dated template asks for it before the record does."""
        return (self._info.published_at or self._meta_date() or self._time_element_date()
                or self._date_line_after_text() or self._post_line_date())

    def _parsed(self, text: str | None) -> str | None:
        return parse_datetime(text, url=self.document.url, now=self.now) if text else None

    def _meta_date(self) -> str | None:
        metas = list(self.document.root.iter("meta"))  # one pass, not a query per name
        for attribute, name in _PUBLISHED_META:
            value = next((meta.get("content") for meta in metas
                          if meta.get(attribute) == name and meta.get("content") is not None), None)
            if parsed := self._parsed(value):
                return parsed
        return None

    def _time_element_date(self) -> str | None:
        body = self.nodes.body_node()
        return self._parsed(header_time(self.nodes.headline_node(), body)) if body is not None else None

    def _date_line_after_text(self) -> str | None:
        for line in [*self._body_footer, *self.nodes.lines_after_body]:
            if len(line) <= MAX_INFO_CHARS and (found := self._parsed(line)):
                return found
        return None

    def _post_line_date(self) -> str | None:
        """The date of a forum or blog post's own line, in or under the body:
        `本贴由 大卫 于2005年8月12日16:12:21在〖心灵体操〗发表`, `由海姑娘张贴 @ 2005-06-14 03:25:55`."""
        lines = [block.text for block in self.nodes.body_blocks() if isinstance(block, TextBlock)]
        for line in [*lines, *self.nodes.lines_after_body]:
            if len(line) <= MAX_INFO_CHARS and _POST_LINE.match(line) and (found := self._parsed(line)):
                return found
        return None

    # --- body and images ------------------------------------------------------------------
    @cached_property
    def _content(self) -> Content:
        node = self.nodes.body_node()
        if node is None:
            return Content()
        return read_content(self.nodes.body_blocks(), container=node, skip_texts=self._not_body_texts(),
                            channel=self.channel())

    def _not_body_texts(self) -> frozenset[str]:
        """Lines that are no body when the body element holds them: headline, info line, byline."""
        return frozenset(filter(None, (self.headline(), *self.nodes.info_texts(), *self._byline_texts)))

    @cached_property
    def _body_footer(self) -> list[str]:
        """Info lines closing the body (`发表于 2004年12月27日 12:40 - (阅读:3727)`): blogs
        and forums print the post's date under it. They are no body."""
        paragraphs = self._content.paragraphs
        footer: list[str] = []
        for text in reversed(paragraphs[1:][-BODY_FOOTER_LINES:]):
            if not self._is_info_text(text):
                break
            footer.insert(0, text)
        return footer

    def _is_info_text(self, text: str) -> bool:
        """A short line with labels, or no sentence, and a date (looked for last: it is the slow test)."""
        if len(text) > MAX_INFO_CHARS:
            return False
        if not HAS_LABEL.search(text) and any(mark in text for mark in SENTENCE_MARKS):
            return False
        return search_datetime(text, url=self.document.url, now=self.now) is not None

    def body(self) -> list[str]:
        paragraphs = self._content.paragraphs
        return paragraphs[: len(paragraphs) - len(self._body_footer)]

    def images(self) -> list[Image]:
        """The body's pictures, or those of the template's `images` nodes where it names them."""
        boxes = self.nodes.given.images
        if not boxes:
            return self._content.images
        link_base = self.document.link_base
        return [image for box in boxes
                for image in read_content(split_blocks(box, link_base, self.nodes.given.excluded), container=box).images]

    # --- credits ----------------------------------------------------------------------------
    @cached_property
    def _byline_texts(self) -> list[str]:
        return self.nodes.byline_texts()

    def body_credits(self) -> list[Credit]:
        """Credits found in the body alone (what a continuation page contributes)."""
        return self._content.credits

    def credits(self) -> list[Credit]:
        """In page order: the info line's, the byline's, the body's, then labelled credit
        lines right under the text."""
        byline = [parse_credits(text) for text in self._byline_texts]
        under = [parse_info_line(line, url=self.document.url, now=self.now).credits
                 for line in self.nodes.lines_after_body_matching(_CREDIT_LINE)]
        return merge_credits(self._info.credits, *byline, self._content.credits, *under)

    # --- channel ----------------------------------------------------------------------------
    def channel(self) -> str | None:
        return self.nodes.breadcrumb.channel

    def channel_path(self) -> str | None:
        return self.nodes.breadcrumb.channel_path

    def region(self) -> list[str]:
        return self.nodes.breadcrumb.region

    def not_article_reason(self) -> str | None:
        """Why the page is a channel or list page rather than an article (None: it is not).

        A channel page's headline is the channel's own name, the one its breadcrumb ends
        with; or its <title> is that name and not the headline found (a list item). (An
        article whose breadcrumb ends with its own title has a longer headline.)
        """
        headline, channel, title = self.headline(), self.channel(), self.document.title
        if not channel or len(channel) > MAX_CHANNEL_NAME:
            return None
        if headline == channel or (title_without_suffix(title) == channel and headline not in title):
            return f"a channel page: its headline or title {channel!r} is the channel the breadcrumb names"
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

