"""What a channel's list page links to: its articles and its further list pages.

The channel's list is found by its structure, as MDR/DEPTA find data regions: the
article links of a page fall into record groups (records of one shape repeated under
one parent, with no titled element between them), and the main list is the group next
to the pager that holds the most of the channel's article-like links. Every other group
is a box beside the list (热点排行, 猜你喜欢, another channel's headlines): its links are
not followed, so a crawl stays inside the channels it was asked for. Box titles and
class names only break ties between groups; they never veto a link inside the main
list's records, whatever words its headline uses.

A link inside the main list's records is a candidate article whatever its URL looks
like (old addresses the portal redirects: `/html/2016/0224/{id}.html`, `show.php?id=`),
as long as it stays on the portal and is no list, channel or 专题 page: the extractor
decides what is an article. Every link not followed is reported with its reason.

Linear in the size of the page: every element is marked at most twice per pass.
Works on any HTML with lxml; no Scrapy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, TypeAlias
from urllib.parse import urlsplit

from lxml import html as lxml_html

from newsarchive.crawl import links
from newsarchive.crawl.links import LinkKind
from newsarchive.extract.boilerplate import heading_of

Element: TypeAlias = lxml_html.HtmlElement

# class/id tokens of boxes beside a channel's list (rankings, recommendations, ads).
_SIDE_BOX_NAME: Final = re.compile(
    r"(?:^|[\s_\-])(xgxw|tuijian|tj|remen|rmph|rdph|paihang|phb|redian|rdyd|hot|hotnews|rank|"
    r"ranking|top10|recommend|related|relate|sidebar|side|aside|ad|ads|advert|banner|"
    r"zhuanti|topic|special)(?:$|[\s_\-\d])",
    re.IGNORECASE,
)
# Words in the title of a box beside a list: rankings, recommendations, headlines of
# the whole site, other places (今日头条, 网友关注, 点击排行, 其他县区 …). Only ever read
# in a title outside the records of a group, to break a tie between groups.
_SIDE_BOX_TITLE: Final = re.compile(r"推荐|排行|排名|榜|热门|热点|热读|头条|关注|猜你|精彩|专题|广告|相关|阅读|其他|其它|周边")
_HEADING_TAGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "legend"})
_HEADING_CLASS: Final = re.compile(
    r"(?:^|[\s_\-])(?:title|tit|hd|head|header|bt|biaoti|lanmu)(?:$|[\s_\-\d])", re.IGNORECASE
)
# The markup of one list item: a one-item list in a titled box is that item, not the box.
_ITEM_TAGS: Final = frozenset({"li", "tr"})
_PAGE_END: Final = frozenset({"body", "html"})
_TITLE_LENGTH: Final = 12  # a box's title bar is at most this long
_HEADLINE_LENGTH: Final = 5  # an anchor text this long may be a headline (old-style article URL)
# A main list whose records outnumber the articles it gave by this much is flagged.
_SHORT_ABSOLUTE: Final = 2
_SHORT_SHARE: Final = 0.1

# Why a link on a list page is not followed (stats: newsarchive/not_followed/<reason>).
SIDE_BOX: Final = "side_box"  # an article of the channel's city in a box beside the list
OTHER_CITY: Final = "other_city"
OFF_PORTAL: Final = "off_portal"
ZT_PAGE: Final = "zt_page"
CHANNEL_PAGE: Final = "channel_page"  # another channel, a city page, the home page
NOT_ARTICLE_URL: Final = "not_article_url"  # a portal page outside the main list's records
CONTINUATION: Final = "continuation_page"  # page 2+ of an article: reached from its page 1
NOT_A_PAGE: Final = "not_a_page"  # an image, a download
NO_PAGE_URL: Final = "no_page_url"  # javascript:, mailto:, a bare #fragment


@dataclass(frozen=True)
class NotFollowed:
    url: str  # the absolute URL, or the raw href when it names no page
    text: str  # the anchor text, for the log
    reason: str


@dataclass
class ListLinks:
    articles: list[str] = field(default_factory=list)  # the main list's article links, in page order
    list_pages: list[str] = field(default_factory=list)  # further list pages of the channel
    not_followed: list[NotFollowed] = field(default_factory=list)  # every other link, once each
    records: int = 0  # records in the main list, whether or not each gave an article

    @property
    def skipped(self) -> list[str]:
        """Article links not followed: in boxes beside the list, or of another city."""
        return [link.url for link in self.not_followed if link.reason in (SIDE_BOX, OTHER_CITY)]

    @property
    def short(self) -> bool:
        """The main list has clearly more records than it gave article links."""
        missing = self.records - len(self.articles)
        return missing >= max(_SHORT_ABSOLUTE, self.records * _SHORT_SHARE)


@dataclass
class _Link:
    anchor: Element
    url: str  # absolute; the raw href when it names no page
    path: str | None  # the portal path
    kind: LinkKind
    city: str | None  # of an article URL
    text: str
    group: _Group | None = None


@dataclass
class _Group:
    """Records of one shape repeated under one parent: a list, or a box beside it. A
    list split in parts by a textless separator (`<ul>…</ul><hr><ul>…</ul>`) is one group."""

    region: Element
    record_tag: str
    path: tuple[str, ...]  # tag path from a record down to its link
    titled: bool  # its (first) record carries a title of its own before its link
    run: int
    parts: list[tuple[Element, int]]  # (region, run) of each part
    links: list[_Link] = field(default_factory=list)
    records: list[Element] = field(default_factory=list)
    pager: int = 0  # 2: the pager stands in the group's own box; 1: right before or after it

    @property
    def is_box(self) -> bool:
        """One record with a title of its own: a box beside the list, not a list (a
        title repeated in every record is each item's kicker)."""
        return self.titled and len(self.records) == 1

    def add(self, link: _Link, record: Element) -> None:
        if record not in self.records[-1:]:
            self.records.append(record)
        self.links.append(link)

    def absorb(self, other: _Group) -> None:
        for link in other.links:
            self.add(link, _record_in(link.anchor, other.region))
        self.parts += other.parts

    def continues(self, other: _Group) -> bool:
        """`other` is the next part of this list: a sibling region of the same markup."""
        return (
            not self.is_box
            and not other.is_box
            and (self.record_tag, self.path) == (other.record_tag, other.path)
            and (self.region.tag, self.region.get("class")) == (other.region.tag, other.region.get("class"))
        )

    def article_like(self, city: str) -> int:
        """Distinct links that look like this city's articles (an old-style URL counts
        when its anchor text reads like a headline)."""
        urls = {
            link.url
            for link in self.links
            if (link.kind is LinkKind.ARTICLE and link.city == city)
            or (link.kind is LinkKind.OTHER and len(link.text) >= _HEADLINE_LENGTH)
        }
        return len(urls)

    def weight(self, city: str) -> int:
        """Article-like links of the city, less those of other cities: a box of the
        province's headlines holding two of ours is no list of ours."""
        others = {link.url for link in self.links if link.kind is LinkKind.ARTICLE and link.city != city}
        return self.article_like(city) - len(others)


class ReadingStopped(Exception):
    """The caller asked the list reader to stop (the crawl is shutting down)."""


_CHECK_EVERY: Final = 1024  # links read between two looks at `stop`


def parse_list_page(
    html: str, page_url: str, base_url: str, channel: str, stop: Callable[[], bool] | None = None
) -> ListLinks:
    """Article links of `channel` on one of its list pages, its further list pages,
    and every other link with the reason it is not followed. `stop`, asked now and
    then on a long page, ends the reading with ReadingStopped when it returns True."""
    document = lxml_html.document_fromstring(html or "<html></html>")
    page_url = links.page_base(page_url, next(iter(document.xpath("//base/@href")), None), base_url)
    channel = channel.strip("/")
    page_links: list[_Link] = []
    for position, anchor in enumerate(document.iter("a")):
        if stop is not None and position % _CHECK_EVERY == 0 and stop():
            raise ReadingStopped(page_url)
        link = _read_link(anchor, page_url, base_url, channel)
        if link is not None:
            page_links.append(link)
    if stop is not None and stop():
        raise ReadingStopped(page_url)
    channels = _Channels.of_page(page_links, channel)
    city = links.channel_city(channel)
    grouping = _Grouping(page_links, channels)
    lists = _lists(grouping, page_links, channels, city)
    return _collect(page_links, lists, grouping, city)


def _read_link(anchor: Element, page_url: str, base_url: str, channel: str) -> _Link | None:
    href = anchor.get("href")
    if href is None:
        return None  # a named anchor, not a link
    text = " ".join("".join(anchor.itertext()).split())
    url = links.resolve(href, page_url, base_url)
    if url is None:
        return _Link(anchor, href.strip(), None, LinkKind.NO_PAGE, None, text)
    kind, city, path = links.classify(url, base_url, text, channel)
    if kind is LinkKind.ARTICLE:
        url = url.split("?", 1)[0]  # ?from=list and the like name the same article
    return _Link(anchor, url, path, kind, city, text)


def _collect(page_links: list[_Link], lists: list[_Group], grouping: _Grouping, city: str) -> ListLinks:
    """Follows the links of the lists (the main list first) and reports every other."""
    found = ListLinks()
    followed: set[str] = set()
    for link in page_links:
        if link.kind is LinkKind.LIST_PAGE:
            _follow(found.list_pages, followed, link.url)
    for group in lists:  # the main list in page order, then what a feature box adds
        for link in group.links:
            if link.kind is LinkKind.OTHER or link.city == city:
                _follow(found.articles, followed, link.url)
    if lists:
        found.records = grouping.record_count(lists[0])
    for link in page_links:
        if link.url not in followed:
            followed.add(link.url)  # reported once
            found.not_followed.append(NotFollowed(link.url, link.text, _reason(link, city)))
    return found


def _follow(urls: list[str], followed: set[str], url: str) -> None:
    if url not in followed:
        followed.add(url)
        urls.append(url)


_REASONS: Final = {
    LinkKind.OFF_PORTAL: OFF_PORTAL,
    LinkKind.TOPIC: ZT_PAGE,
    LinkKind.CHANNEL: CHANNEL_PAGE,
    LinkKind.OTHER: NOT_ARTICLE_URL,
    LinkKind.CONTINUATION: CONTINUATION,
    LinkKind.ASSET: NOT_A_PAGE,
    LinkKind.NO_PAGE: NO_PAGE_URL,
}


def _reason(link: _Link, city: str) -> str:
    if link.kind is LinkKind.ARTICLE:
        return SIDE_BOX if link.city == city else OTHER_CITY
    return _REASONS[link.kind]


class _Grouping:
    """Every candidate link (an article, or any other portal page) in its record, and
    every record in its group."""

    def __init__(self, page_links: list[_Link], channels: _Channels) -> None:
        self.channels = channels
        candidates = [link for link in page_links if link.kind.is_candidate]
        self.owner = _owners(candidates)
        self._records: dict[Element, tuple[Element, tuple[str, ...], str | None]] = {}
        self._runs: dict[Element, dict[Element, int]] = {}
        keyed: dict[tuple[object, ...], _Group] = {}
        last: tuple[object, ...] | None = None  # key of the latest candidate link's record
        segment: dict[tuple[object, ...], int] = {}
        for link in candidates:
            record, path, title = self._record(link)
            region = record.getparent()
            run = self._run_of(region, record)
            # a record titled with a channel's name is that channel's box, whatever its
            # neighbours; records with a heading of their own group only while no other
            # group's link comes between (each item's kicker; not one-link boxes of one shape)
            base = (region, path, run, record if title == _CHANNEL_TITLE else None)
            if title == _HEADING_TITLE and base in segment and last != base:
                segment[base] += 1  # another group's link came between: a new group
            segment.setdefault(base, 0)
            last = base
            key = (*base, segment[base])
            group = keyed.get(key)
            if group is None:
                group = keyed[key] = _Group(region, str(record.tag), path, title is not None, run, [(region, run)])
            group.add(link, record)
        self.groups = self._join_parts(list(keyed.values()))  # in document order of their first link

    def _join_parts(self, groups: list[_Group]) -> list[_Group]:
        """Join a group to the list part before it, when only textless elements (`<hr>`,
        an empty ad slot) stand between the two. A part of one record may be the list
        element itself (`<ol><li>…</li></ol><hr><ol><li>…</li><li>…</li></ol>`)."""
        joined: dict[int, _Group] = {}  # by id of the group as first made, in page order
        part_at: dict[Element, int] = {}  # a list part's element -> its key in `joined`
        for group in groups:
            target = None
            for form in (group, self._rerooted(group)):
                key = part_at.get(self._previous_part(form.region)) if form is not None else None
                if form is None or key is None or form.run != self._first_run(form.region):
                    continue  # a part joins by its first records, not ones after a title inside it
                before = joined[key]
                if not before.continues(form):
                    alternative = self._rerooted(before)
                    if alternative is None or not alternative.continues(form):
                        continue
                    if self._lead(form.region) != self._lead(alternative.region):
                        continue  # each part titled, and not alike: two lists (曲阜新闻, 泗水新闻)
                    joined[key] = before = alternative
                    part_at[before.region] = key
                elif self._lead(form.region) != self._lead(before.region):
                    continue
                before.absorb(form)
                part_at[form.region] = target = key
                break
            if target is None:
                joined[id(group)] = group
                part_at[group.region] = id(group)
                if len(group.records) == 1:
                    part_at[group.records[0]] = id(group)
        for group in joined.values():
            for link in group.links:
                link.group = group
        return list(joined.values())

    def _previous_part(self, element: Element) -> Element | None:
        """The element before, passing textless ones that hold no candidate link."""
        previous = element.getprevious()
        while previous is not None and not isinstance(previous.tag, str) or (
            previous is not None and previous not in self.owner and not _ink(previous)
        ):
            previous = previous.getprevious()
        return previous

    def _rerooted(self, group: _Group) -> _Group | None:
        """A group of one record seen as a list of its own: the record the region, its
        child on the link's path the record."""
        record = group.records[0]
        if len(group.records) != 1 or len(group.path) < 2 or record.tag in _ITEM_TAGS:
            return None  # (a box's title becomes its list's title)
        inner = _record_in(group.links[0].anchor, record)
        run = self._run_of(record, inner)
        rerooted = _Group(record, group.path[1], group.path[1:], False, run, [(record, run)])
        for link in group.links:
            rerooted.add(link, _record_in(link.anchor, record))
        return rerooted

    def _record(self, link: _Link) -> tuple[Element, tuple[str, ...], str | None]:
        """The record holding a link: the highest element holding no other candidate
        URL, or the list item inside it when it is a titled box around a one-item list;
        with its tag path down to the link, and the kind of its own title if any."""
        anchor, url = link.anchor, link.url
        highest, item = anchor, None
        node = anchor.getparent()
        while node is not None and node.tag not in _PAGE_END and self.owner.get(node) == url:
            highest = node
            if node.tag in _ITEM_TAGS:
                item = node
            node = node.getparent()
        if highest not in self._records:
            if item is not None and item is not highest and _ink(highest) > _ink(item):
                record, title = item, None
            else:
                record, title = highest, self._title_of(highest)
            self._records[highest] = (record, tuple(_path_down(record, anchor)), title)
        return self._records[highest]

    def _title_of(self, record: Element) -> str | None:
        """The kind of a record's own title before its link, if it has one: a first
        line naming a channel, or a heading (a one-record box's title, or in a list
        of many records each item's kicker)."""
        if record.tag in _ITEM_TAGS or record.tag == "a":
            return None
        for position, child in enumerate(record):
            if not isinstance(child.tag, str):
                continue
            if child in self.owner:
                return None  # the link's own branch: a title stands before it
            if position == 0 and _is_short(child) and self.channels.names_a_channel(child):
                return _CHANNEL_TITLE
            if _looks_like_heading(child) and _ink(child):
                return _HEADING_TITLE
        return None

    def _run_of(self, region: Element, record: Element) -> int:
        if region not in self._runs:
            self._runs[region] = self._number_runs(region)
        return self._runs[region].get(record, 0)

    def _lead(self, region: Element) -> str:
        """The text before a region's first record: a part's own title, if any."""
        lead = []
        for child in region:
            if child in self.owner:
                break
            if isinstance(child.tag, str):
                lead.append(title_text(child))
        return "".join("".join(lead).split())

    def _first_run(self, region: Element) -> int:
        """The run of a region's first record (a title may stand before it)."""
        runs = self._runs[region]
        return next((runs[child] for child in region if child in self.owner), 0)

    def _number_runs(self, region: Element) -> dict[Element, int]:
        """Run number of each child of a region. A child with text that holds no
        candidate link starts a new run (a title such as 其他县区 between two lists),
        unless it has a record's tag and a link (an item linking off the portal)."""
        record_tags = {str(child.tag) for child in region if child in self.owner}
        runs: dict[Element, int] = {}
        run = 0
        for child in region:
            if not isinstance(child.tag, str):
                continue
            if child not in self.owner and _ink(child) and not (child.tag in record_tags and _holds_link(child)):
                run += 1
            runs[child] = run
        return runs

    def record_count(self, group: _Group) -> int:
        """Records of a list: children of its regions with its records' tag and one of
        their classes, in its run, that hold a link, followed or not (an item linking
        off the portal counts)."""
        if group.is_box:
            return 1
        classes = {record.get("class") for record in group.records}
        return sum(
            1
            for region, run in group.parts
            for child in region
            if child.tag == group.record_tag
            and child.get("class") in classes  # li.odd and li.even both
            and self._runs[region].get(child) == run
            and _holds_link(child)
        )


def _record_in(anchor: Element, region: Element) -> Element:
    node = anchor
    while node.getparent() is not region:
        node = node.getparent()
    return node


def _path_down(record: Element, anchor: Element) -> list[str]:
    path = [str(anchor.tag)]
    node = anchor
    while node is not record:
        node = node.getparent()
        path.append(str(node.tag))
    return path[::-1]


def _holds_link(element: Element) -> bool:
    return element.tag == "a" or next(element.iter("a"), None) is not None


_CHANNEL_TITLE: Final = "channel"
_HEADING_TITLE: Final = "heading"
_MISSING: Final = object()
_SEVERAL: Final = ""  # an element holding several candidate URLs


def _owners(candidates: list[_Link]) -> dict[Element, str]:
    """For every element holding candidate links: the one URL they all name, or
    _SEVERAL. Each element is set at most twice, so this is linear in the page."""
    owner: dict[Element, str] = {}
    for link in candidates:
        node = link.anchor
        while node is not None and node.tag not in _PAGE_END:
            current = owner.get(node, _MISSING)
            if current == link.url or current == _SEVERAL:
                break  # its ancestors were marked by this URL already, or hold several
            owner[node] = link.url if current is _MISSING else _SEVERAL
            node = node.getparent()
    return owner


def _lists(grouping: _Grouping, page_links: list[_Link], channels: _Channels, city: str) -> list[_Group]:
    """The groups whose links are followed: the main list, and any untitled box whose
    links mostly repeat the main list's (the channel's own photo headlines above it)."""
    candidates = [group for group in grouping.groups if group.article_like(city)]
    if not candidates:
        return []
    titles = _Titles(grouping.groups, channels, grouping.owner)
    _mark_pager_neighbours(page_links, channels.channel, titles.box_of)
    order = {id(group): index for index, group in enumerate(grouping.groups)}

    def rank(group: _Group) -> tuple[int, bool, int, int, int]:
        """Next to the pager first, then untitled, then most of the city's article links,
        then most text (a list's dates and summaries outrank a box of photo headlines)."""
        text = sum(_ink(record) for record in group.records)
        return (group.pager, not titles.elsewhere(group), group.weight(city), text, -order[id(group)])

    main = max(candidates, key=rank)
    in_main = {link.url for link in main.links}
    features = [
        group
        for group in candidates
        if group is not main and not titles.elsewhere(group) and _repeats(group, in_main)
    ]
    return [main, *features]


def _repeats(group: _Group, urls: set[str]) -> bool:
    """At least half the group's links stand in `urls` too."""
    own = {link.url for link in group.links}
    return 2 * len(own & urls) >= len(own)


def _mark_pager_neighbours(page_links: list[_Link], channel: str, box_of: dict[Element, _Group | None]) -> None:
    """A group whose own box holds a pager link (2), or that stands right before or
    after one in the page, with no other group between (1)."""
    last: _Group | None = None
    pager_seen = False
    for link in page_links:
        if link.group is not None:
            if pager_seen:
                link.group.pager = max(link.group.pager, 1)
                pager_seen = False
            last = link.group
        elif link.kind is LinkKind.LIST_PAGE and _is_pager_link(link, channel):
            if last is not None:
                last.pager = max(last.pager, 1)
                last = None
            pager_seen = True
            for ancestor in link.anchor.iterancestors():
                box = box_of.get(ancestor)
                if box is not None:
                    box.pager = 2
                    break


def _is_pager_link(link: _Link, channel: str) -> bool:
    """A page link; the channel's root counts only when named as a page (首页, 1)."""
    if link.path != f"/{channel}/" or urlsplit(link.url).query:
        return True
    text = link.text.lower()
    return text.isdigit() or text in links.PAGINATION_TEXTS


class _Titles:
    """Whether a group is titled or named as a box beside the list."""

    def __init__(self, groups: list[_Group], channels: _Channels, holders: dict[Element, str]) -> None:
        self.channels = channels
        self.holders = holders  # every element holding a candidate link
        # each element holding the records of one group only (that group's box), or of several (None)
        self.box_of: dict[Element, _Group | None] = {}
        for group in groups:
            for record in group.records:
                node = record.getparent()
                while node is not None and node.tag not in _PAGE_END:
                    current = self.box_of.get(node, _MISSING)
                    if current is group or current is None:
                        break
                    self.box_of[node] = group if current is _MISSING else None
                    node = node.getparent()

    def elsewhere(self, group: _Group) -> bool:
        first = group.records[0]
        # a box of its own is titled by its first line; a list by the line before it
        if self._heading_is_elsewhere(first, own_title=group.is_box):
            return True
        node = group.region
        while node is not None and node.tag not in _PAGE_END:
            if _SIDE_BOX_NAME.search(f"{node.get('class', '')} {node.get('id', '')}"):
                return True
            if self.box_of.get(node) is group and self._heading_is_elsewhere(node, own_title=True):
                return True
            node = node.getparent()
        return False

    def _heading_is_elsewhere(self, box: Element, own_title: bool) -> bool:
        """The box's heading (its first heading-like child, or the heading right
        before it) names a boilerplate box such as 热点排行, or links or names another
        channel. An element holding a candidate link is a record, never a title."""
        candidates = []
        first_child = next(iter(box), None)
        if own_title and first_child is not None and (_looks_like_heading(first_child) or _is_short(first_child)):
            candidates.append(first_child)
        previous = box.getprevious()
        # a short line before the box titles it (`<div>其他县区</div><ul>…`, a tab bar
        # `阳信 | 惠民`); a nav line of the city's channels is longer, and names this one too
        if previous is not None and (_looks_like_heading(previous) or _is_short(previous)):
            candidates.append(previous)
        return any(
            heading_of(title_text(element))
            or bool(_SIDE_BOX_TITLE.search(title_text(element)))
            or self.channels.heads_another_channel(element)
            for element in candidates
            if element not in self.holders
        )


@dataclass(frozen=True)
class _Channels:
    """The channel being crawled, and the portal's channels the page names: by link,
    and by name (the nav line links 昌乐新闻 to /weifang/changle/)."""

    channel: str
    by_name: dict[str, str]
    channel_of_anchor: dict[Element, str]

    @classmethod
    def of_page(cls, page_links: list[_Link], channel: str) -> _Channels:
        by_name: dict[str, str] = {}
        channel_of_anchor: dict[Element, str] = {}
        for link in page_links:
            found = links.channel_of(link.path) if link.path else None
            if found:
                channel_of_anchor[link.anchor] = found
                if link.text and len(link.text) <= _TITLE_LENGTH:
                    by_name.setdefault(_bare_name(link.text), found)
        return cls(channel, by_name, channel_of_anchor)

    def names_a_channel(self, heading: Element) -> bool:
        return bool(self._named(heading))

    def heads_another_channel(self, heading: Element) -> bool:
        """The heading links or names other channels and not this one (a tab bar
        naming this channel among its siblings still heads this channel's list)."""
        named = self._named(heading)
        return bool(named) and self.channel not in named

    def _named(self, heading: Element) -> set[str]:
        anchors = [heading] if heading.tag == "a" else heading.iter("a")
        named = {self.channel_of_anchor[anchor] for anchor in anchors if anchor in self.channel_of_anchor}
        title = self.by_name.get(_bare_name(_MORE.sub("", title_text(heading)).strip()))
        return named | {title} if title else named


def _bare_name(name: str) -> str:
    """招远新闻, 招远频道 and 招远 name one channel."""
    return _CHANNEL_SUFFIX.sub("", name.strip()) or name.strip()


_CHANNEL_SUFFIX: Final = re.compile(r"(?:新闻|频道|资讯|动态)$")
_MORE: Final = re.compile(r"(?:更多|more)\s*[>»›]*\s*$|[>»›]+\s*$", re.IGNORECASE)


def _ink(element: Element) -> int:
    """Characters of text in an element, whitespace left out."""
    return sum(len("".join(text.split())) for text in element.itertext())


def title_text(element: Element) -> str:
    """A title bar's words: its text, or the alt text of the banner image it is made of."""
    text = element.text_content().strip()
    return text or " ".join(alt.strip() for alt in element.xpath(".//img/@alt | self::img/@alt")).strip()


def _is_short(element: Element) -> bool:
    """A box's first child this short is its title bar, whatever its markup
    (`<div><span>薛城新闻</span><a href=…>更多</a></div>`, a banner `<img alt=…>`)."""
    if not isinstance(element.tag, str):
        return False
    length = 0
    for text in element.itertext():  # stops early: a long element may be the whole page
        length += len(text.strip())
        if length > _TITLE_LENGTH:
            return False
    return len(title_text(element)) <= _TITLE_LENGTH


def _looks_like_heading(element: Element) -> bool:
    if not isinstance(element.tag, str):
        return False
    if element.tag in _HEADING_TAGS:
        return True
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(_HEADING_CLASS.search(names)) and _is_short(element)
