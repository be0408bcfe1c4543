"""Refuse every request that would leave the portal, before it is downloaded.

The crawl may fetch the base URL's host and nothing else; links, redirects and
`<base href>`s naming the live portal (www./m.yybnet.net) have already been mapped
onto it by `RebaseOntoCrawl`, which runs just before this middleware. Anything else
— a `301 Location:` to another host, a `<meta http-equiv="refresh">` to one, an open
redirect on a portal page — could make the crawler fetch arbitrary hosts, internal
addresses included, write them into the WARC files and store them as articles.

Redirect and meta-refresh middlewares hand their new request back to the engine,
which schedules it and sends it through every downloader middleware's
`process_request` again: placed before robots.txt, this one refuses it before its
host's robots.txt is even asked for.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from urllib.parse import ParseResult, SplitResult, urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)

NOT_FOLLOWED_STAT = "newsarchive/not_followed/off_portal"
# Under newsarchive/errors/, so the run's `errors` JSON in crawl_runs counts it.
ERROR_STAT = "newsarchive/errors/offsite_refused"

_DEFAULT_PORTS = {"http": 80, "https": 443}


class OffPortalRequest(IgnoreRequest):
    """A request for a host other than the crawl's base URL."""


def _site(url: str) -> tuple[str, int, bool] | None:
    """(host, port, whether the port is its scheme's default) of an http(s) URL; None
    for any other scheme or a URL with no usable host or port."""
    return _site_of(urlsplit(url))


def _site_of(parts: SplitResult | ParseResult) -> tuple[str, int, bool] | None:
    """_site of a URL split into its parts."""
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:  # out of range or not a number
        return None
    default = _DEFAULT_PORTS[parts.scheme]
    return parts.hostname.lower().rstrip("."), port or default, port in (None, default)


@lru_cache(maxsize=8)
def _base_site(base_url: str) -> tuple[str, int, bool] | None:
    return _site(base_url)  # parsed once: every request is checked against it


def is_on_portal(url: str | ParseResult, base_url: str) -> bool:
    """Whether `url` (or its parts, as urlparse gives them) is on the crawl's base URL's
    host and port. http and https count as one site on the same port, or when both use
    their scheme's default port (a portal or mirror that moves to https stays itself)."""
    site = _site(url) if isinstance(url, str) else _site_of(url)
    base = _base_site(base_url)
    if site is None or base is None or site[0] != base[0]:
        return False
    return site[1] == base[1] or (site[2] and base[2])


class RefuseOffPortal:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RefuseOffPortal:
        return cls(crawler)

    def process_request(self, request: scrapy.Request) -> None:
        base_url = getattr(self.crawler.spider, "base_url", None)
        # parsed once a request for every middleware (Scrapy's robots.txt and proxy ones too)
        if not base_url or is_on_portal(urlparse_cached(request), base_url):
            return
        stats = self.crawler.stats
        stats.inc_value(NOT_FOLLOWED_STAT)
        stats.inc_value(ERROR_STAT)
        via = request.meta.get("redirect_urls") or []
        logger.warning(
            "refused %s: not on the portal %s%s",
            request.url,
            base_url,
            f" (redirected from {via[0]})" if via else "",
        )
        raise OffPortalRequest(f"{request.url} is not on the portal {base_url}")
