"""One fetched page, decoded and parsed once: what page objects read."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from lxml import html as lxml_html
from parsel import Selector

from newsarchive.extract.decode import decode_html
from newsarchive.extract.text import clean_text

# Elements whose text is never visible article text.
INVISIBLE_TAGS = frozenset(
    {"script", "style", "noscript", "template", "select", "option", "textarea", "button",
     "iframe", "object", "embed", "svg", "head", "title", "meta", "link"}
)


@dataclass
class Document:
    """A decoded, parsed page and its URL."""

    url: str
    selector: Selector

    @classmethod
    def from_html(cls, html: bytes | str, url: str, header_encoding: str | None = None) -> Document:
        text = decode_html(html, header_encoding)
        return cls(url=url, selector=Selector(text=text, type="html", base_url=url))

    @property
    def root(self) -> lxml_html.HtmlElement:
        return self.selector.root

    def css(self, query: str) -> list[lxml_html.HtmlElement]:
        return [s.root for s in self.selector.css(query)]

    def first(self, query: str) -> lxml_html.HtmlElement | None:
        found = self.selector.css(query)
        return found[0].root if found else None

    @cached_property
    def title(self) -> str:
        return clean_text(" ".join(self.selector.css("title::text").getall()))

    @cached_property
    def body(self) -> lxml_html.HtmlElement:
        body = self.root.find("body")
        return body if body is not None else self.root


def node_text(element: lxml_html.HtmlElement | None) -> str:
    """Visible text of an element, cleaned (scripts and styles skipped)."""
    if element is None:
        return ""
    parts: list[str] = []
    _collect_text(element, parts)
    return clean_text("".join(parts))


def _collect_text(element: lxml_html.HtmlElement, parts: list[str]) -> None:
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
