"""URL rules of the portal: which links are articles, continuation pages, list pages.

Pure functions over URLs and anchor texts, so the spider's decisions can be tested
without Scrapy. Every rule works on paths, because a crawl runs against any base URL
with the portal's paths (the live host, the mobile host, a mirror, a replay server).
"""

from __future__ import annotations

import enum
import posixpath
import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from scrapy.linkextractors import IGNORED_EXTENSIONS

# Hosts whose absolute links mean "this portal": rewritten onto the crawl's base URL.
PORTAL_HOSTS = frozenset({"www.yybnet.net", "yybnet.net", "m.yybnet.net"})

# /jining/news/201506/7713943.html, and its continuation pages 7713943_2.html …
ARTICLE_PATH = re.compile(
    r"^/(?P<city>[a-z0-9]+)/(?:[a-z0-9]+/)*news/(?P<yyyymm>\d{6})/(?P<id>\d+)(?:_(?P<page>\d+))?\.s?html?$"
)
# Topic pages (专题) live under these path segments; they are never followed.
TOPIC_SEGMENT = re.compile(r"/(?:zhuanti|zt|special|topic)s?/", re.IGNORECASE)
# Pagination in the styles channels use: list_2.html, index_2.html, 2.html, ?page=2.
LIST_PAGE_FILE = re.compile(r"^(?:(?:list|index)[_-]?)?\d+\.s?html?$|^(?:list|index)\.s?html?$")
PAGE_QUERY = re.compile(r"(?:^|&)(?:page|p|pn|pageno|pageindex)=\d+(?:&|$)", re.IGNORECASE)
PAGINATION_TEXTS = frozenset(
    {"下一页", "下页", "后页", "下一頁", "上一页", "上页", "前页", "首页", "尾页", "末页"}
    | {">", "›", "»", ">>", "<", "‹", "«", "<<", "next", "prev", "last", "first"}
)


def rebase(url: str, base_url: str) -> str:
    """Map a link on a portal host onto the crawl's base URL; other URLs unchanged."""
    parts = urlsplit(url)
    if parts.hostname not in PORTAL_HOSTS:
        return url
    base = urlsplit(base_url)
    base_path = base.path.rstrip("/")
    return urlunsplit((base.scheme, base.netloc, base_path + parts.path, parts.query, ""))


def resolve(href: str, page_url: str, base_url: str) -> str | None:
    """An anchor's href as an absolute URL on the crawl's base, or None if unusable."""
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    if href.startswith("/") and not href.startswith("//") and "/." not in href:
        # the common case, a path on the page's own host: no parsing (a page may hold 100k links)
        return _origin(page_url) + href.split("#", 1)[0]
    absolute = urljoin(page_url, href)
    if urlsplit(absolute).scheme not in ("http", "https"):
        return None
    return rebase(absolute, base_url).split("#", 1)[0]


def page_base(page_url: str, base_href: str | None, base_url: str) -> str:
    """The URL a page's relative links resolve against: its `<base href>` if any
    (mapped onto the crawl's base URL when it names the portal), else the page's URL."""
    if not base_href or not base_href.strip():
        return page_url
    return resolve(base_href, page_url, base_url) or page_url


def portal_path(url: str, base_url: str) -> str | None:
    """The portal path of a URL on the crawl's base (`/jining/qufu/`), else None."""
    origin = _origin(base_url)
    prefix = base_url[len(origin) :].split("?", 1)[0].rstrip("/")
    if not url.startswith(f"{origin}{prefix}/"):
        return None
    path = url[len(origin) :].split("#", 1)[0].split("?", 1)[0]
    return path[len(prefix) :]


@lru_cache(maxsize=64)
def _origin(url: str) -> str:
    """`http://host:port` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def article_match(path: str) -> re.Match[str] | None:
    return ARTICLE_PATH.match(path)


def continuation_number(path: str, first_page_path: str) -> int | None:
    """N when `path` is page N (>= 2) of the article whose page 1 is `first_page_path`."""
    page, first = ARTICLE_PATH.match(path), ARTICLE_PATH.match(first_page_path)
    if not page or not first or page.group("page") is None:
        return None
    same_article = page.group("city", "yyyymm", "id") == first.group("city", "yyyymm", "id")
    return int(page.group("page")) if same_article and int(page.group("page")) >= 2 else None


def channel_of(path: str) -> str | None:
    """The channel a channel-folder path names (`/jining/qufu/`, `/jining/qufu` -> `jining/qufu`)."""
    parts = path.strip("/").split("/")
    if len(parts) == 2 and all(parts) and parts[1] != "news" and "." not in parts[1]:
        return "/".join(parts)
    return None


def channel_city(channel: str) -> str:
    return channel.strip("/").split("/", 1)[0]


def is_in_channel(path: str, channel: str) -> bool:
    """The path lies under the channel's folder (`/jining/qufu/...`)."""
    return path.startswith("/" + channel.strip("/") + "/")


def is_list_page(path: str, query: str, anchor_text: str, channel: str) -> bool:
    """A further list page of `channel`: under its folder, paginated by file name
    (list_2.html, index_2.html, 2.html), by query (?page=2) or, for any other style,
    by an anchor text that is a page number or 下一页; never a topic page or an article."""
    if not is_in_channel(path, channel) or TOPIC_SEGMENT.search(path) or ARTICLE_PATH.match(path):
        return False
    rest = path[len(channel.strip("/")) + 2 :]
    if rest == "" or PAGE_QUERY.search(query):
        return True
    if "/" not in rest and LIST_PAGE_FILE.match(rest):
        return True
    text = anchor_text.strip().lower()
    return text.isdigit() or text in PAGINATION_TEXTS


class LinkKind(enum.Enum):
    """What a link on a list page points at, by its URL (and, for pagers, its text)."""

    ARTICLE = "article"  # page 1 of an article: /{city}/news/{yyyymm}/{id}.html
    OTHER = "other"  # any other portal page: an old article address, or a site page
    LIST_PAGE = "list_page"  # a list page of the channel being crawled
    CHANNEL = "channel"  # another channel, a city page, the home page
    TOPIC = "topic"  # a 专题 page
    CONTINUATION = "continuation"  # page 2+ of an article
    ASSET = "asset"  # an image, a download, a feed
    OFF_PORTAL = "off_portal"
    NO_PAGE = "no_page"  # javascript:, mailto:, a bare #fragment

    @property
    def is_candidate(self) -> bool:
        """A link that may stand in an article list: an article, or any portal page
        (inside the main list's records, an old address the portal redirects)."""
        return self in (LinkKind.ARTICLE, LinkKind.OTHER)


# list_2.html, index.html of any folder (a bare 2.html may be an old article address)
_LIST_FILE = re.compile(r"^(?:list|index)(?:[_-]?\d+)?\.s?html?$")
_ASSET_EXTENSIONS = frozenset(f".{extension}" for extension in IGNORED_EXTENSIONS)


def classify(url: str, base_url: str, anchor_text: str, channel: str) -> tuple[LinkKind, str | None, str | None]:
    """The kind of a resolved link, the city of an article URL, and the portal path."""
    path = portal_path(url, base_url)
    if path is None:
        return LinkKind.OFF_PORTAL, None, None
    if TOPIC_SEGMENT.search(path):
        return LinkKind.TOPIC, None, path
    match = ARTICLE_PATH.match(path)
    if match:
        if match.group("page") is not None:
            return LinkKind.CONTINUATION, None, path
        return LinkKind.ARTICLE, match.group("city"), path
    if is_list_page(path, urlsplit(url).query, anchor_text, channel):
        return LinkKind.LIST_PAGE, None, path
    if path.endswith("/") or channel_of(path) or _LIST_FILE.match(posixpath.basename(path)):
        return LinkKind.CHANNEL, None, path  # a folder or its list pages: a channel, a city, the home page
    if posixpath.splitext(path)[1].lower() in _ASSET_EXTENSIONS:
        return LinkKind.ASSET, None, path
    return LinkKind.OTHER, None, path
