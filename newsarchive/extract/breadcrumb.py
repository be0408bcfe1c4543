"""The breadcrumb (地方网 > 山东 > 济宁市 > 曲阜新闻 > 正文): channel, its path, region."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from lxml.etree import _Element as Element

from newsarchive.extract.lexicon import PORTAL_NAMES
from newsarchive.extract.text import clean_text
from newsarchive.extract.urls import join_url

# A hyphen separates (`地方网 - 山东 - 内容`) but not between digits (a date, `2019-03`).
SEPARATORS = re.compile(r"\s*(?:>>|-+>|[>›»→＞/|｜]|&gt;|(?<!\d)-+(?!\d))\s*")
# 您现在的位置：, 您所在的位置：, 当前位置：, 现在位置, 所在位置
_LOCATION_LABEL = re.compile(r"^(?:您|你)?(?:现在|当前|所在)?的?(?:位置|页面)\s*[:：]?\s*")
# The site itself opens a breadcrumb; these are not regions.
_SITE_ITEMS = frozenset({*PORTAL_NAMES, "首页", "主页", "网站首页", "返回首页", "home", "Home", "HOME"})
# 地方网首页, 本站首页, 新闻网首页: the site's home by any name.
_HOME_ITEM = re.compile(r"[\u4e00-\u9fff]{0,6}首页")
# The last item names the page itself, not a place: 正文, 内容, 查看内容 (Discuz!), 文章详情,
# 新闻正文, 浏览文章, 阅读全文 …
_PAGE_ITEM = re.compile(
    r"(?:查看|浏览|阅读)?(?:文章|新闻|信息|内容)?(?:正文|内容|详情|全文|详细内容|正文内容)"
    r"|(?:查看|浏览|阅读)(?:文章|正文|内容|全文)?|文章"
)
_CLASS_HINT = re.compile(r"crumb|position|location|weizhi|dqwz|mianbao|daohang|lujing|bread|\bpath\b|\bwz\b", re.I)
MAX_BREADCRUMB_CHARS = 150
_CANDIDATE_TAGS = frozenset({"div", "p", "span", "nav", "ol", "ul", "td", "section", "header"})
# Channel names are short (曲阜新闻, 商业频道); a longer last item is the page's headline.
MAX_CHANNEL_CHARS = 12


@dataclass
class Breadcrumb:
    channel: str | None = None
    channel_path: str | None = None
    region: list[str] = field(default_factory=list)


@dataclass
class _Item:
    text: str
    href: str | None


def parse_breadcrumb(element: Element | None, base_url: str) -> Breadcrumb:
    """Channel name and path, and the region, from a breadcrumb element (empty when None)."""
    if element is None:
        return Breadcrumb()
    items = [item for item in _items(element) if item.text]
    if items:
        items[0].text = _LOCATION_LABEL.sub("", items[0].text)
    items = [item for item in items if item.text]
    if items and (items[0].text in _SITE_ITEMS or _HOME_ITEM.fullmatch(items[0].text)
                  or _is_site_root(items[0].href, base_url)):
        items = items[1:]
    if items and (_PAGE_ITEM.fullmatch(items[-1].text) or len(items[-1].text) > MAX_CHANNEL_CHARS):
        # the last item is the page itself: 正文, or the headline
        items = items[:-1]
    if not items:
        return Breadcrumb()
    channel = items[-1]
    region = [item.text for item in items[:-1]]
    place = channel.text.removesuffix("新闻")
    if place and place != channel.text:
        region.append(place)
    return Breadcrumb(channel.text, channel_path(channel.href, base_url), region)


def channel_path(href: str | None, base_url: str) -> str | None:
    """`/jining/qufu/` (relative or absolute) -> `jining/qufu`."""
    if not href:
        return None
    path = urlsplit(join_url(base_url, href)).path
    segments = [s for s in path.split("/") if s]
    if segments and "." in segments[-1]:
        segments = segments[:-1]  # index.html, list_1.html
    return "/".join(segments) or None


def find_breadcrumb(root: Element, title: str = "", text_start: Element | None = None) -> Element | None:
    """The element that looks most like a breadcrumb: short (but for a tail that is the
    page's `title`), several links, separators.

    Candidates are the parents and grandparents of links (`<div><a/> &gt; <a/></div>`,
    `<ol><li><a/></li>…</ol>`), so the page is not searched element by element. A breadcrumb
    stands above the text: a bar of links after `text_start` (the element of the page's first
    prose) is a footer's or a box's (关于我们 | 网站地图 | 联系我们), unless its name or a
    location label (您现在的位置：) says it is a breadcrumb.
    """
    above_text = _elements_before(root, text_start) if text_start is not None else None
    links_under: dict[Element, int] = {}
    for link in root.iter("a"):
        parent = link.getparent()
        for candidate in (parent, parent.getparent() if parent is not None else None):
            if candidate is not None and candidate.tag in _CANDIDATE_TAGS:
                links_under[candidate] = links_under.get(candidate, 0) + 1
    best: tuple[int, Element] | None = None
    for element, links in links_under.items():
        if not 2 <= links <= 10:
            continue
        raw = _text_up_to(element, 4 * MAX_BREADCRUMB_CHARS)
        if raw is None:  # a container of much more than links: not read to its end
            continue
        text = clean_text(raw)
        # the unlinked tail may be the page's own headline, however long: <title> holds it
        if len(text) > MAX_BREADCRUMB_CHARS \
                and len(text) - _own_title_chars(_trailing_text(element), title) > MAX_BREADCRUMB_CHARS:
            continue
        hinted = _hinted(element) or _hinted(element.getparent())
        labelled = bool(_LOCATION_LABEL.match(text))
        if above_text is not None and element not in above_text and not (hinted or labelled):
            continue
        # separators may be drawn by CSS (<ol class="breadcrumb"><li>…): then a name must say so
        if not (hinted or labelled) and len(SEPARATORS.findall(text)) < links - 1:
            continue
        # a breadcrumb ends with the page itself, unlinked (正文, the headline); a nav bar with a link
        ends_unlinked = bool(SEPARATORS.sub("", _trailing_text(element)))
        score = 2 * hinted + 2 * labelled + ends_unlinked + 1
        # on a tie the element inside the other is the breadcrumb itself, not a box around it
        if best is None or score > best[0] or (score == best[0] and best[1] in element.iterancestors()):
            best = (score, element)
    return best[1] if best else None


def _own_title_chars(trailing: str, title: str) -> int:
    """The length of the text after the last link when it is the page's own title (0: not)."""
    opening = SEPARATORS.match(trailing)
    tail = trailing[opening.end():] if opening else trailing
    return len(trailing) if tail and tail in title else 0


def _elements_before(root: Element, element: Element) -> set[Element]:
    """The elements that open before `element` in document order (its ancestors included)."""
    before: set[Element] = set()
    for node in root.iter():
        if node is element:
            break
        before.add(node)
    return before


def _trailing_text(element: Element) -> str:
    """The text that follows the element's last link (cleaned)."""
    links = list(element.iter("a"))
    if not links:
        return ""
    trailing: list[str] = []
    node = links[-1]
    while node is not element and node is not None:
        trailing.append(node.tail or "")
        for sibling in node.itersiblings():
            trailing.append("".join(sibling.itertext()) + (sibling.tail or ""))
        node = node.getparent()
    return clean_text("".join(trailing))


def _text_up_to(element: Element, limit: int) -> str | None:
    """The element's text (its `itertext()` joined, which libxml2 writes out several times
    faster than Python joins), or None when it runs past `limit` characters."""
    text = etree.tostring(element, method="text", encoding=str, with_tail=False)
    return text if len(text) <= limit else None


def _hinted(element: Element | None) -> bool:
    if element is None:
        return False
    names = f"{element.get('class', '')} {element.get('id', '')} {element.get('aria-label', '')}"
    return bool(_CLASS_HINT.search(names))


def _items(element: Element) -> list[_Item]:
    items: list[_Item] = []

    def add_text(text: str | None) -> None:
        for piece in SEPARATORS.split(text or ""):
            piece = clean_text(piece)
            if piece:
                items.append(_Item(piece, None))

    def visit(node: Element) -> None:
        if node.tag == "a":
            # the link's text as libxml2 writes it out: itertext() joined, a third of the time
            text = etree.tostring(node, method="text", encoding=str, with_tail=False)
            items.append(_Item(clean_text(text), node.get("href")))
        elif isinstance(node.tag, str) and node.tag not in ("script", "style"):
            add_text(node.text)
            for child in node:
                visit(child)
                add_text(child.tail)

    visit(element)
    return items


def _is_site_root(href: str | None, base_url: str) -> bool:
    if href is None:
        return False
    return urlsplit(join_url(base_url, href)).path in ("", "/", "/index.html", "/index.htm")
