"""One fetched page, decoded and parsed once: what page objects read."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree
from lxml.etree import _Element as Element
from parsel.csstranslator import css2xpath

from newsarchive.extract.decode import html_as_utf8
from newsarchive.extract.lazy import cached_property
from newsarchive.extract.selectors import ClassIndex, simple_selector
from newsarchive.extract.text import clean_text

# `headline_地方网`, `headline - 曲阜新闻 - 地方网`, `headline|site`
_TITLE_SUFFIX = re.compile(r"\s*(?:_|\||｜|\s-\s|\s--\s|\s—\s|--).*$")

# Elements whose text is never visible article text.
INVISIBLE_TAGS = frozenset(
    {"script", "style", "noscript", "template", "select", "option", "textarea", "button",
     "iframe", "object", "embed", "svg", "head", "title", "meta", "link"}
)


_parsers = threading.local()


def _parser() -> etree.HTMLParser:
    # a parser per thread, kept: lxml parsers must not be shared between threads, and a
    # new one for every page cost a tenth of the parse (no id table: nothing looks
    # elements up by id, and CSS `#id` is an XPath on @id)
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                                    huge_tree=True, collect_ids=False)
    return parser


@dataclass
class Document:
    """A decoded, parsed page and its URL."""

    url: str
    root: Element
    # query -> the elements it matches: a template's required selectors are mostly the ones
    # it reads the nodes with, and extraction never changes the tree
    _matches: dict[str, list[Element]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_html(cls, html: bytes | str, url: str, header_encoding: str | None = None) -> Document:
        # Plain lxml elements (not lxml.html's): no per-node class lookup, and comments are
        # dropped at parse time; CSS queries run as selectors.py matches them, or as XPath.
        root = etree.fromstring(html_as_utf8(html, header_encoding), _parser())
        if root is None:  # an empty page
            root = etree.fromstring(b"<html><body></body></html>", _parser())
        return cls(url=url, root=root)

    def css(self, query: str) -> list[Element]:
        """The elements a CSS selector matches, in document order."""
        found = self._matches.get(query)
        if found is None:
            selector = simple_selector(query)  # a template's kind: matched by class, not XPath
            found = compiled_css(query)(self.root) if selector is None else self._classes.select(selector)
            self._matches[query] = found
        return list(found)

    def first(self, query: str) -> Element | None:
        found = self.css(query)
        return found[0] if found else None

    @cached_property
    def _classes(self) -> ClassIndex:
        return ClassIndex(self.root)

    @cached_property
    def title(self) -> str:
        # the text nodes of every <title> (CSS `title::text`), without an XPath over the page
        texts = []
        for title in self.root.iter("title"):
            texts.append(title.text or "")
            texts.extend(child.tail or "" for child in title)
        return clean_text(" ".join(texts))

    @cached_property
    def link_base(self) -> str:
        """What relative links and image sources resolve against: the page's
        `<base href>` when it has one, else its URL."""
        for base in self.root.iter("base"):
            href = (base.get("href") or "").strip()
            if href:
                return urljoin(self.url, href)
        return self.url

    @cached_property
    def body(self) -> Element:
        # the root's first <body> child, as root.find("body") but without ElementPath
        return next((child for child in self.root if child.tag == "body"), self.root)


_compiled = threading.local()


def compiled_css(query: str) -> etree.XPath:
    """parsel's translation of `query` into XPath, compiled once
    per query and thread (compiled XPath must not be shared between threads): a parsel
    Selector would translate the query and wrap every result on each call. A bad selector
    raises cssselect's SelectorError."""
    cache = _compiled.__dict__.setdefault("xpaths", {})
    xpath = cache.get(query)
    if xpath is None:
        xpath = cache[query] = etree.XPath(css2xpath(query), smart_strings=False)
    return xpath


def title_without_suffix(title: str) -> str:
    """<title> without the site's name after it: the headline a page shows when no node does."""
    return clean_text(_TITLE_SUFFIX.sub("", title))


def node_text(element: Element | None) -> str:
    """Visible text of an element, cleaned (scripts and styles skipped)."""
    if element is None:
        return ""
    parts: list[str] = []
    _collect_text(element, parts)
    return clean_text("".join(parts))


def _collect_text(element: Element, parts: list[str]) -> None:
    tag = element.tag
    if isinstance(tag, str) and tag not in INVISIBLE_TAGS:
        if tag == "br":
            parts.append(" ")
        if element.text:
            parts.append(element.text)
        for child in element:
            _collect_text(child, parts)
            if child.tail:
                parts.append(child.tail)
        if tag in ("p", "div", "td", "li", "tr", "br", "h1", "h2", "h3", "span", "dd", "dt"):
            parts.append(" ")
