"""Document.css answers a template's kind of selector from its class index
(newsarchive.extract.selectors), not with parsel's XPath: on generated pages and
selectors, the same elements in the same order as the XPath; any other selector goes to
the XPath."""

from __future__ import annotations

import random

import pytest
from cssselect import SelectorError

from newsarchive.extract.document import Document, compiled_css
from newsarchive.extract.selectors import simple_selector

TAGS = ("div", "p", "span", "td", "h1", "a", "ul", "li")
NAMES = ("a", "b", "info", "content", "article", "m-title", "x_1", "Info")
# what lies between class names: XPath's normalize-space separates at the first four only
SEPARATORS = (" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\f")


def random_class(rng: random.Random) -> str:
    names = rng.choices(NAMES, k=rng.randint(1, 3))
    text = rng.choice(("", " ", "\t"))
    for name in names:
        text += name + rng.choice(SEPARATORS)
    return text


def random_page(rng: random.Random, elements: int = 40) -> str:
    """Nested elements with random classes (repeated names and odd spaces too) and ids."""
    parts, open_tags = ["<html><body>"], []
    for _ in range(elements):
        if open_tags and rng.random() < 0.35:
            parts.append(f"</{open_tags.pop()}>")
        tag = rng.choice(TAGS)
        attributes = ""
        if rng.random() < 0.7:
            attributes += f' class="{random_class(rng)}"'
        if rng.random() < 0.2:
            attributes += f' id="{rng.choice(NAMES)}"'
        parts.append(f"<{tag}{attributes}>text")
        open_tags.append(tag)
    parts.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(parts) + "</body></html>"


def random_compound(rng: random.Random) -> str:
    text = rng.choice(("", "", *TAGS, "*", "DIV"))
    for _ in range(rng.randint(0 if text else 1, 2)):
        text += "." + rng.choice(NAMES)
    if rng.random() < 0.15:
        text += "#" + rng.choice(NAMES)
    return text or "*"


def random_selector(rng: random.Random) -> str:
    text = random_compound(rng)
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        text += rng.choice((" > ", " ", ">")) + random_compound(rng)
    return text


@pytest.mark.parametrize("seed", range(40))
def test_template_selectors_match_what_their_xpath_matches(seed: int) -> None:
    rng = random.Random(seed)
    html = random_page(rng)
    document = Document.from_html(html.encode(), "https://example.com/")
    matched = 0
    for _ in range(60):
        query = random_selector(rng)
        assert simple_selector(query) is not None, query
        expected = compiled_css(query)(document.root)
        assert document.css(query) == expected, (query, html)
        matched += bool(expected)
    assert matched  # the pages and selectors share names: most selectors find something


@pytest.mark.parametrize("query", ["div:not(.a) p", "a, .b", "p + p.info", "li:first-child", "div[id] .a",
                                   "p.a::text", "a:has(.b)"])
def test_other_selectors_run_as_xpath(query: str) -> None:
    assert simple_selector(query) is None
    html = ('<html><body><div id="a" class="a"><p class="info">x</p><p class="info b">y</p>'
            '<ul><li class="a">1</li><li>2</li></ul><a class="x"><b class="b">z</b></a></div></body></html>')
    document = Document.from_html(html.encode(), "https://example.com/")
    assert document.css(query) == compiled_css(query)(document.root)


def test_a_bad_selector_is_refused_as_before() -> None:
    document = Document.from_html(b"<html><body><p>x</p></body></html>", "https://example.com/")
    with pytest.raises(SelectorError):
        document.css("div..a")


@pytest.mark.parametrize(("attribute", "found"), [
    (" a\tb\r\nc  d ", "abcd"),  # tabs and line breaks separate names
    ("a\u00a0b c\u3000d\fe", ""),  # other spaces do not: `a b` and `c d e` are one name each
    ("b b", "b"),
])
def test_class_names_are_separated_as_normalize_space_does(attribute: str, found: str) -> None:
    document = Document.from_html(f'<html><body><p class="{attribute}">x</p></body></html>'.encode(),
                                  "https://example.com/")
    assert "".join(name for name in "abcde" if document.css(f"p.{name}")) == found
    assert len(document.css(".b")) == ("b" in found)
