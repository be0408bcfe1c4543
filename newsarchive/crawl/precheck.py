"""Before a crawl: is each channel there, with a list of articles?

One blocking GET per channel (the page the crawl would read first anyway, and only
when robots.txt allows it), so a typo (`jining/qfu`), a city that does not exist or
a wrong base URL is said in one line, with the paths that do exist, instead of a
run that "yielded nothing". A city's own channel links (or, for a city, the home
page's) supply the suggestions.
"""

from __future__ import annotations

import difflib
import re
import socket
import ssl
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass

from newsarchive.crawl import links
from newsarchive.crawl.listing import parse_list_page
from newsarchive.extract.decode import decode_html

CITY = re.compile(r"[a-z0-9]+")  # a city's folder: jining
TIMEOUT = 15.0  # seconds; the live portal answers well within it
_MAX_BODY = 16 * 1024 * 1024  # as DOWNLOAD_MAXSIZE


class PrecheckFailed(RuntimeError):
    """A channel or the base URL is not what the crawl needs; str(error) says it in one line."""


@dataclass
class _Page:
    url: str
    status: int
    html: str


class _StayOnThePortal(urllib.request.HTTPRedirectHandler):
    """Follow redirects on the base URL's host (portal hosts mapped onto it) only."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = links.rebase(newurl, self.base_url)
        if links.portal_path(target, self.base_url) is None:
            return None  # not followed: the redirect itself is the answer
        return super().redirect_request(req, fp, code, msg, headers, target)


class Prechecker:
    def __init__(self, base_url: str, user_agent: str, *, obey_robots: bool = True) -> None:
        self.base_url = base_url.rstrip("/")
        self.user_agent = user_agent
        self.obey_robots = obey_robots
        self._opener = urllib.request.build_opener(_StayOnThePortal(self.base_url))
        self._robots: urllib.robotparser.RobotFileParser | None = None

    def check(self, channels: list[str]) -> None:
        """Raise PrecheckFailed for the first channel the crawl could not read."""
        for channel in channels:
            self.check_channel(channel)

    def check_channel(self, channel: str) -> None:
        url = f"{self.base_url}/{channel}/"
        if not self.allowed(url):
            raise PrecheckFailed(f"channel {channel}: robots.txt of {self.base_url} does not allow {url}")
        page = self.get(url)
        is_city = "/" not in channel
        what = "city" if is_city else "channel"
        if page.status >= 300:  # a redirect off the portal is not followed, so it ends here
            raise PrecheckFailed(
                f"{what} {channel}: {page.status} at {url} — is the path right?{self._suggest(channel)}"
            )
        if is_city:
            if not self._county_channels(page, channel):
                raise PrecheckFailed(
                    f"city {channel}: {url} links no county channel — is the path right?{self._suggest(channel)}"
                )
            return
        found = parse_list_page(page.html, page.url, self.base_url, channel)
        if not found.articles and not found.list_pages:
            raise PrecheckFailed(
                f"channel {channel}: no list of articles at {url} — is the path right?{self._suggest(channel)}"
            )

    # -- suggestions --------------------------------------------------------------

    def _suggest(self, channel: str) -> str:
        """` (jining/qufu exists)`, from the city page's channel links, or the home page's cities."""
        city = links.channel_city(channel)
        try:
            if "/" in channel:
                page = self.get(f"{self.base_url}/{city}/")
                known = sorted(self._county_channels(page, city)) if page.status < 300 else []
                label = f"{city} has"
            else:
                home = self.get(f"{self.base_url}/")
                known = sorted(self._cities_linked(home)) if home.status < 300 else []
                label = "the portal has"
        except PrecheckFailed:
            return ""
        # Compared by their last part: every county of a city shares its first.
        by_name = {known_path.rsplit("/", 1)[-1]: known_path for known_path in known}
        close = difflib.get_close_matches(channel.rsplit("/", 1)[-1], list(by_name), n=3, cutoff=0.6)
        if close:
            return f" ({', '.join(by_name[name] for name in close)} {'exists' if len(close) == 1 else 'exist'})"
        if known:
            return f" ({label} {', '.join(known[:8])}{' …' if len(known) > 8 else ''})"
        return ""

    def _county_channels(self, page: _Page, city: str) -> set[str]:
        return {channel for channel in self._channels_linked(page) if links.channel_city(channel) == city}

    def _channels_linked(self, page: _Page) -> set[str]:
        return {channel for path in self._paths_linked(page) if (channel := links.channel_of(path))}

    def _cities_linked(self, page: _Page) -> set[str]:
        """Cities a page links, as `/jining/` or through one of their channels."""
        cities = {links.channel_city(channel) for channel in self._channels_linked(page)}
        for path in self._paths_linked(page):
            folder = path.strip("/")
            if folder and path.endswith("/") and "/" not in folder and CITY.fullmatch(folder):
                cities.add(folder)
        return cities

    def _paths_linked(self, page: _Page) -> list[str]:
        from lxml import html as lxml_html

        document = lxml_html.document_fromstring(page.html or "<html></html>")
        page_url = links.page_base(page.url, next(iter(document.xpath("//base/@href")), None), self.base_url)
        paths = []
        for href in document.xpath("//a/@href"):
            url = links.resolve(href, page_url, self.base_url)
            path = links.portal_path(url, self.base_url) if url else None
            if path:
                paths.append(path)
        return paths

    # -- HTTP ---------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        if not self.obey_robots:
            return True
        if self._robots is None:
            self._robots = urllib.robotparser.RobotFileParser()
            robots = self.get(f"{self.base_url}/robots.txt")
            # As Scrapy does: no robots.txt (4xx) allows everything.
            self._robots.parse(robots.html.splitlines() if robots.status < 400 else [])
        return self._robots.can_fetch(self.user_agent, url)

    def get(self, url: str) -> _Page:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with self._opener.open(request, timeout=TIMEOUT) as response:
                return _Page(response.url, response.status, self._text(response.read(_MAX_BODY), response))
        except urllib.error.HTTPError as error:
            return _Page(url, error.code, "")
        except (urllib.error.URLError, OSError) as error:
            reason = error.reason if isinstance(error, urllib.error.URLError) else error
            raise PrecheckFailed(f"cannot connect to {self.base_url} ({_reason(reason)})") from None

    @staticmethod
    def _text(body: bytes, response) -> str:
        return decode_html(body, response.headers.get_content_charset())


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "no such host"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {TIMEOUT:.0f} s"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {reason.reason or reason}"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason)

