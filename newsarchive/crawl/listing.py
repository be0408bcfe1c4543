"""What a channel's list page links to: its articles and its further list pages.

A list page also carries boxes that link elsewhere (热点排行, 猜你喜欢, 频道推荐 …,
often to other channels' articles); those links are never followed, so a crawl stays
inside the channels it was asked for. Works on any HTML with lxml; no Scrapy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import html as lxml_html

from newsarchive.crawl import links
from newsarchive.extract.boilerplate import heading_of

# class/id tokens of boxes beside a channel's list (rankings, recommendations, ads).
_SIDE_BOX_NAME = re.compile(
    r"(?:^|[\s_\-])(xgxw|tuijian|tj|remen|rmph|rdph|paihang|phb|redian|rdyd|hot|hotnews|rank|"
    r"ranking|top10|recommend|related|relate|sidebar|side|aside|ad|ads|advert|banner|"
    r"zhuanti|topic|special)(?:$|[\s_\-\d])",
    re.I,
)
# Words in the title of a box beside a list: rankings, recommendations, headlines of
# the whole site, other places (今日头条, 网友关注, 点击排行, 其他县区 …). A channel's
# own list is titled with its name or 最新/列表, none of these.
_SIDE_BOX_TITLE = re.compile(r"推荐|排行|排名|榜|热门|热点|热读|头条|关注|猜你|精彩|专题|广告|相关|阅读|其他|其它|周边")
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "legend"})
_HEADING_CLASS = re.compile(r"(?:^|[\s_\-])(?:title|tit|hd|head|header|bt|biaoti|lanmu)(?:$|[\s_\-\d])", re.I)


@dataclass
class ListLinks:
    articles: list[str] = field(default_factory=list)  # page-1 article URLs, in page order
    list_pages: list[str] = field(default_factory=list)  # further list pages of the channel
    skipped: list[str] = field(default_factory=list)  # article links in boxes beside the list


def parse_list_page(html: str, page_url: str, base_url: str, channel: str) -> ListLinks:
    """Article links of `channel` on one of its list pages, and its further list pages."""
    document = lxml_html.document_fromstring(html or "<html></html>")
    page_url = links.page_base(page_url, next(iter(document.xpath("//base/@href")), None), base_url)
    anchors = []  # (anchor, absolute URL, portal path): each href resolved once
    for anchor in document.iter("a"):
        url = links.resolve(anchor.get("href", ""), page_url, base_url)
        path = links.portal_path(url, base_url) if url else None
        if path is not None:
            anchors.append((anchor, url, path))
    channels = _Channels.of_page(anchors, page_url, base_url, channel)
    city = links.channel_city(channel)
    found = ListLinks()
    seen: set[str] = set()
    for anchor, url, path in anchors:
        match = links.article_match(path)
        if match:
            url = url.split("?", 1)[0]  # ?from=list and the like name the same article
        if url in seen:
            continue
        if match and match.group("page") is None:
            if match.group("city") != city or _in_side_box(anchor, channels):
                # not `seen`: the same article may still stand in the list itself
                if url not in found.skipped:
                    found.skipped.append(url)
                continue
            found.articles.append(url)
        elif links.is_list_page(path, urlsplit(url).query, anchor.text_content(), channel):
            found.list_pages.append(url)
        seen.add(url)
    found.skipped = [url for url in found.skipped if url not in seen]
    return found


@dataclass(frozen=True)
class _Channels:
    """The channel being crawled, and the portal's channels the page names: by link,
    and by name (the nav line links 昌乐新闻 to /weifang/changle/)."""

    page_url: str
    base_url: str
    channel: str
    by_name: dict[str, str]

    @classmethod
    def of_page(
        cls, anchors: list[tuple[lxml_html.HtmlElement, str, str]], page_url: str, base_url: str, channel: str
    ) -> _Channels:
        channels = cls(page_url, base_url, channel.strip("/"), {})
        for anchor, _, path in anchors:
            name = anchor.text_content().strip()
            found = links.channel_of(path)
            if found and name and len(name) <= 12:
                channels.by_name.setdefault(_bare_name(name), found)
        return channels

    def channel_of_href(self, href: str) -> str | None:
        url = links.resolve(href, self.page_url, self.base_url)
        path = links.portal_path(url, self.base_url) if url else None
        return links.channel_of(path) if path else None

    def heads_another_channel(self, heading: lxml_html.HtmlElement) -> bool:
        """The heading links or names other channels and not this one (a tab bar
        naming this channel among its siblings still heads this channel's list)."""
        named = {self.channel_of_href(href) for href in heading.xpath(".//a/@href | self::a/@href")}
        title = _MORE.sub("", title_text(heading)).strip()
        named.add(self.by_name.get(_bare_name(title)))
        named.discard(None)
        return bool(named) and self.channel not in named


def _bare_name(name: str) -> str:
    """招远新闻, 招远频道 and 招远 name one channel."""
    return _CHANNEL_SUFFIX.sub("", name.strip()) or name.strip()


_CHANNEL_SUFFIX = re.compile(r"(?:新闻|频道|资讯|动态)$")
_MORE = re.compile(r"(?:更多|more)\s*[>»›]*\s*$|[>»›]+\s*$", re.I)


def _in_side_box(anchor: lxml_html.HtmlElement, channels: _Channels) -> bool:
    """The link sits in a box beside the list: by the box's class/id or its heading."""
    for ancestor in anchor.iterancestors():
        if ancestor.tag in ("body", "html"):
            return False
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if _SIDE_BOX_NAME.search(names):
            return True
        if _box_heading_is_elsewhere(ancestor, channels):
            return True
    return False


def _box_heading_is_elsewhere(box: lxml_html.HtmlElement, channels: _Channels) -> bool:
    """The box's own heading (its first heading-like child, or the heading right
    before it) names a boilerplate box such as 热点排行, or links or names another
    channel (a box of 费县新闻 beside the list of 兰陵新闻)."""
    candidates = []
    first_child = next(iter(box), None)
    if first_child is not None and (_looks_like_heading(first_child) or _is_short(first_child)):
        candidates.append(first_child)
    previous = box.getprevious()
    # a short line before the box titles it (`<div>其他县区</div><ul>…`, a tab bar
    # `阳信 | 惠民`); a nav line of the city's channels is longer, and names this one too
    if previous is not None and (_looks_like_heading(previous) or _is_short(previous)):
        candidates.append(previous)
    return any(
        heading_of(title_text(element))
        or bool(_SIDE_BOX_TITLE.search(title_text(element)))
        or channels.heads_another_channel(element)
        for element in candidates
    )


def title_text(element: lxml_html.HtmlElement) -> str:
    """A title bar's words: its text, or the alt text of the banner image it is made of."""
    text = element.text_content().strip()
    return text or " ".join(alt.strip() for alt in element.xpath(".//img/@alt | self::img/@alt")).strip()


def _is_short(element: lxml_html.HtmlElement) -> bool:
    """A box's first child this short is its title bar, whatever its markup
    (`<div><span>薛城新闻</span><a href=…>更多</a></div>`, a banner `<img alt=…>`)."""
    return isinstance(element.tag, str) and len(title_text(element)) <= 12


def _looks_like_heading(element: lxml_html.HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    if element.tag in _HEADING_TAGS:
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(_HEADING_CLASS.search(names)) and len(element.text_content().strip()) <= 12
