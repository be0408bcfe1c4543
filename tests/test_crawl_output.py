"""OneOutputPass: Scrapy's UrlLength, Referer and Start spider middlewares as one pass."""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy import Request, Spider
from scrapy.core.spidermw import SpiderMiddlewareManager
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.spidermiddlewares.referer import RefererMiddleware
from scrapy.spidermiddlewares.start import StartSpiderMiddleware
from scrapy.spidermiddlewares.urllength import UrlLengthMiddleware
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newsarchive.crawl.output import OneOutputPass

POLICIES = ["", "no-referrer", "same-origin", "origin", "strict-origin", "unsafe-url", "no-referrer-when-downgrade"]
_HOSTS = st.sampled_from(["http://127.0.0.1:8000", "https://www.yybnet.net", "http://www.yybnet.net", "https://other.example"])
_PATHS = st.one_of(st.sampled_from(["/", "/jining/qufu/", "/jining/news/201504/8001251.html", "/a?x=1#frag"]),
                   st.integers(2000, 2200).map(lambda n: "/" + "a" * n))  # around URLLENGTH_LIMIT (2083)


@st.composite
def outputs(draw: st.DrawFn) -> list[Any]:
    """What a callback gives: requests (some with a Referer or a policy of their own) and items."""
    found: list[Any] = []
    for kind in draw(st.lists(st.sampled_from(["request", "item"]), max_size=8)):
        if kind == "item":
            found.append({"n": len(found)})
            continue
        headers = {"Referer": "http://set.by/spider"} if draw(st.booleans()) else {}
        meta = {"referrer_policy": draw(st.sampled_from(POLICIES))} if draw(st.booleans()) else {}
        found.append(Request(draw(_HOSTS) + draw(_PATHS), headers=headers, meta=meta))
    return found


def crawler_with(**values: Any) -> Any:
    crawler = get_crawler(Spider, settings_dict=values)
    crawler.spider = Spider("portal")
    return crawler


def scrapys_three(crawler: Any, response: Response | None, given_outputs: list[Any]) -> list[Any]:
    """The outputs as Scrapy's own three middlewares pass them on (the one nearest the spider first)."""
    parts = []
    for kind in (UrlLengthMiddleware, RefererMiddleware, StartSpiderMiddleware):
        try:
            parts.append(build_from_crawler(kind, crawler))
        except Exception:  # NotConfigured: turned off by its setting
            continue
    passed = []
    for output in given_outputs:
        for part in parts:
            output = part._get_processed(output, response)
            if output is None:
                break
        if output is not None:
            passed.append(output)
    return passed


def ours(crawler: Any, response: Response | None, given_outputs: list[Any]) -> list[Any]:
    one_pass = OneOutputPass.from_crawler(crawler)

    async def source() -> Any:
        for output in given_outputs:
            yield output

    async def collect() -> list[Any]:
        chain = one_pass.process_start(source()) if response is None else one_pass.process_spider_output_async(response, source())
        return [output async for output in chain]

    return asyncio.run(collect())


def described(found: list[Any]) -> list[Any]:
    return [(o.url, o.headers.to_unicode_dict(), o.meta) if isinstance(o, Request) else o for o in found]


@settings(max_examples=150, deadline=None)
@given(outputs(), st.one_of(st.none(), st.tuples(_HOSTS, st.sampled_from(POLICIES))),
       st.sampled_from([{}, {"REFERER_ENABLED": False}, {"URLLENGTH_LIMIT": 0}, {"REFERRER_POLICY": "same-origin"}]))
def test_one_pass_gives_what_scrapys_three_middlewares_give(given_outputs, source, values):
    response = None
    if source is not None:
        host, policy = source
        response = HtmlResponse(host + "/jining/qufu/list_2.html", body=b"<html></html>",
                                headers={"Referrer-Policy": policy} if policy else {})
    copies = [[o.copy() if isinstance(o, Request) else dict(o) for o in given_outputs] for _ in range(2)]
    theirs_crawler, our_crawler = crawler_with(**values), crawler_with(**values)
    expected = scrapys_three(theirs_crawler, response, copies[0])
    got = ours(our_crawler, response, copies[1])
    assert described(got) == described(expected)
    ignored = "urllength/request_ignored_count"
    assert our_crawler.stats.get_value(ignored) == theirs_crawler.stats.get_value(ignored)


def test_the_crawls_spider_middlewares_are_scrapys_with_one_output_layer():
    project = Settings()
    project.setmodule("newsarchive.settings", priority="project")
    crawler = get_crawler(Spider, settings_dict={"SPIDER_MIDDLEWARES_BASE": project.getdict("SPIDER_MIDDLEWARES_BASE")})
    manager = SpiderMiddlewareManager.from_crawler(crawler)
    names = [type(middleware).__name__ for middleware in manager.middlewares]
    assert names == ["HttpErrorMiddleware", "OneOutputPass"]  # Depth and MetaCopy never run (settings.NEVER_RUN)
    assert [method for method in manager.methods["process_spider_output"] if method is not None] == [
        manager.middlewares[1].process_spider_output_async
    ]


def test_a_redirect_keeps_the_referer_its_policy_allows():
    # Scrapy's redirect middlewares ask the RefererMiddleware they find for a redirect's Referer.
    crawler = crawler_with()
    one_pass = OneOutputPass.from_crawler(crawler)
    assert isinstance(one_pass, RefererMiddleware)
    redirect = RedirectMiddleware.from_crawler(crawler)
    redirect._referer_spider_middleware = one_pass
    listing = HtmlResponse("https://www.yybnet.net/jining/qufu/", body=b"")
    for target, referer in (("https://www.yybnet.net/a.html", "https://www.yybnet.net/jining/qufu/"),
                            ("http://www.yybnet.net/a.html", None)):  # no Referer on a downgrade
        request = Request(target, headers={"Referer": "stale"})
        redirect.handle_referer(request, listing)
        assert request.headers.to_unicode_dict().get("Referer") == referer
