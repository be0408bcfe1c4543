"""The names a channel's list page gives itself and its city (曲阜新闻, 济宁市).

An article page without a breadcrumb does not say which channel it belongs to; the
list page the crawl found it on does, in its own breadcrumb (地方网 > 山东 > 济宁市 >
曲阜新闻), in the nav line linking the city's channels (济宁新闻 | … | 曲阜新闻) or in
its `<title>` (曲阜新闻_济宁_地方网). Links are matched by the channel's path, so a
page naming many channels still gives this one's name. Pure: HTML and URLs in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import html as lxml_html

from newsarchive.crawl import links
from newsarchive.extract.breadcrumb import MAX_CHANNEL_CHARS, find_breadcrumb, parse_breadcrumb
from newsarchive.items import ChannelNames
from newsarchive.places import ADMIN_SUFFIX, CHANNEL_SUFFIX, is_province, place_name

# `曲阜新闻_济宁_地方网`, `滕州新闻 - 枣庄 - 地方网`, `沂南新闻|临沂`
_TITLE_SEPARATOR = re.compile(r"\s*[_|｜\-–—]\s*")
# 7713943.html, list_2.html, 2.shtml?from=x: pages, never a channel's folder.
_NUMBERED_PAGE = re.compile(r"\d\.s?html?(?:[?#]|$)")
# Anchors to a channel's folder that name no place: 更多, 首页, a page number …
_NOT_A_NAME = re.compile(r"^(?:更多|查看更多|返回|首页|列表|全部|more|\d+)$|网$", re.IGNORECASE)


def read_channel_names(html: str, page_url: str, base_url: str, channel: str) -> ChannelNames:
    """The name of `channel` (`jining/qufu`) and of its city, as its list page prints
    them; None for a name the page does not give."""
    document = lxml_html.document_fromstring(html or "<html></html>")
    page_url = links.page_base(page_url, next(iter(document.xpath("//base/@href")), None), base_url)
    channel = channel.strip("/")
    city_path = links.channel_city(channel)
    crumb = parse_breadcrumb(find_breadcrumb(document), page_url)
    if crumb.channel_path not in (None, channel):
        crumb.channel, crumb.region = None, []  # a nav bar or another channel's trail
    by_path: dict[str, list[str]] = {}
    for anchor in document.iter("a"):
        href, text = anchor.get("href", ""), anchor.text_content().strip()
        # Only links that may name a folder are resolved: a list of 100,000 articles
        # is read in a moment.
        if not text or len(text) > MAX_CHANNEL_CHARS or _NUMBERED_PAGE.search(href):
            continue
        url = links.resolve(href, page_url, base_url)
        path = links.portal_path(url, base_url) if url else None
        if path is not None:
            by_path.setdefault(path.strip("/"), []).append(text)
    title = _TITLE_SEPARATOR.split(document.findtext(".//title") or "")
    title_names = [part.strip() for part in title if part.strip()]
    crumb_places = [item for item in crumb.region if not is_province(item)] if crumb.channel else []
    if crumb_places and place_name(crumb_places[-1]) == place_name(crumb.channel):
        crumb_places.pop()  # the channel's own place, added from its name
    return ChannelNames(
        channel=_first_name([crumb.channel], by_path.get(channel, []), title_names[:1]),
        city=_first_name(crumb_places[-1:], by_path.get(city_path, []), title_names[1:2]),
    )


def _first_name(*sources: Iterable[str | None]) -> str | None:
    """The first name that is a place's, from the most telling source on: within a
    source, a name marked as a channel or an administrative unit (曲阜新闻, 济宁市) first."""
    for source in sources:
        names = [name for name in source if name and not _NOT_A_NAME.search(name) and place_name(name)]
        marked = [name for name in names if CHANNEL_SUFFIX.search(name) or ADMIN_SUFFIX.search(name)]
        if marked or names:
            return (marked or names)[0]
    return None
