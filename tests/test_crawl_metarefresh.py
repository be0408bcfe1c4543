"""MetaRefreshUnlessRuledOut: Scrapy's meta refresh, without decoding pages that declare none."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from newsarchive.crawl.metarefresh import MetaRefreshUnlessRuledOut
from newsarchive.crawl.runner import CrawlOptions, crawl_settings

URL = "http://127.0.0.1:8080/jining/news/201506/7713943.html"
# Pieces of a page's head and body: refreshes in the forms w3lib reads (cases, attribute
# orders, quotes, a URL or none), inside comments and scripts, other <meta> tags, text.
_PIECES = st.sampled_from([
    '<meta http-equiv="refresh" content="0; url=/jining/qufu/">',
    "<META HTTP-EQUIV='Refresh' CONTENT='5;URL=http://www.yybnet.net/a.html'>",
    '<meta content="1;url=../b.html" http-equiv="REFRESH">',
    '<meta http-equiv="refresh" content="3">',
    '<meta http-equiv="ReFrEsH" content="0;url=http://other.example/x">',
    '<!-- <meta http-equiv="refresh" content="0;url=/c.html"> -->',
    '<script>var s = \'<meta http-equiv="refresh" content="0;url=/d.html">\';</script>',
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
    '<meta name="keywords" content="曲阜,新闻,refresh">',
    "<p>曲阜新闻 刷新 Refresh 页面</p>", "<p>地方网</p>", "<base href='/jining/'>", "<!-- unclosed",
])
_ENCODINGS = st.sampled_from(["utf-8", "gbk", "gb18030", "utf-16", "utf-16-le", "cp500", "cp1252"])


def outcome(result: Request | Response) -> tuple[str, str]:
    return ("request", result.url) if isinstance(result, Request) else ("response", result.url)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=6), st.lists(_PIECES, max_size=6), _ENCODINGS, st.booleans())
def test_it_redirects_every_page_scrapys_middleware_redirects(head: list[str], body: list[str], encoding: str,
                                                              declared_in_header: bool) -> None:
    html = f"<html><head>{''.join(head)}</head><body>{''.join(body)}</body></html>"
    headers = {"Content-Type": f"text/html; charset={encoding}"} if declared_in_header else {}
    crawler = get_crawler(settings_dict={"METAREFRESH_MAXDELAY": 4})
    ours, scrapys = MetaRefreshUnlessRuledOut.from_crawler(crawler), MetaRefreshMiddleware.from_crawler(crawler)
    request = Request(URL)

    def response() -> HtmlResponse:  # one each: Scrapy caches what it reads of a response
        encoded = html.encode(encoding, errors="replace")
        if declared_in_header:
            return HtmlResponse(URL, body=encoded, headers=headers)
        return HtmlResponse(URL, body=encoded, encoding=encoding)

    assert outcome(ours.process_response(request, response())) == outcome(scrapys.process_response(request, response()))


def test_a_page_that_declares_no_refresh_is_not_decoded() -> None:
    crawler = get_crawler()
    middleware = MetaRefreshUnlessRuledOut.from_crawler(crawler)
    for encoding in ("utf-8", "gb18030"):
        html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>曲阜</body></html>'
        response = HtmlResponse(URL, body=html.encode(encoding), encoding=encoding)
        assert middleware.process_response(Request(URL), response) is response
        assert response._cached_ubody is None


def test_the_crawl_runs_it_in_place_of_scrapys(tmp_path) -> None:
    settings: Settings = crawl_settings(CrawlOptions(base_url="http://127.0.0.1:9", channels=[], db=tmp_path / "a.db"))
    middlewares = settings.get_component_priority_dict_with_base("DOWNLOADER_MIDDLEWARES")
    assert middlewares["newsarchive.crawl.metarefresh.MetaRefreshUnlessRuledOut"] == 580
    assert "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware" not in middlewares
