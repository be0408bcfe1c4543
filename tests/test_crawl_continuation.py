"""The spider finds an article's next page without parsing pages that cannot link one.

`PortalSpider.continuation` first asks `may_link_continuation` whether any link of the
page can be a continuation; only then does it parse the page. These tests put the next
page's link into generated article pages in every form a page may write it (relative,
dotted, rooted, on a portal host, through `<base href>`, with character references,
with characters the parser drops, in UTF-8 or GBK) and check that the spider finds
exactly what parsing every page finds, and that ordinary pages are not parsed.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scrapy.http import HtmlResponse

from newsarchive.crawl import links
from newsarchive.crawl.continuation import may_link_continuation
from newsarchive.crawl.spiders.portal import PortalSpider
from newsarchive.items import Page
from tests.generator.articles import compose_article
from tests.generator.picking import DrawPicker, RandomPicker

BASE = "http://127.0.0.1:8080"
# A generated article page is large by nature, and slow to draw.
_SLOW_AND_LARGE = [HealthCheck.large_base_example, HealthCheck.too_slow, HealthCheck.data_too_large]


def parsed_continuation(spider: PortalSpider, response: HtmlResponse, pages: list[Page]) -> str | None:
    """The next page's URL by parsing the page, as the spider found it before the pre-check."""
    first_path = links.portal_path(pages[0].url, spider.base_url) or ""
    wanted = len(pages) + 1
    page_url = links.page_base(response.url, response.css("base::attr(href)").get(), spider.base_url)
    for href in response.css("a::attr(href)").getall():
        url = links.resolve(href, page_url, spider.base_url)
        path = links.portal_path(url, spider.base_url) if url else None
        if path and links.continuation_number(path, first_path) == wanted:
            return url
    return None


def _referenced(text: str, draw: st.DrawFn) -> str:
    """`text` with some characters written as character references (without their
    semicolon only where the next character cannot be read as part of the number)."""
    out = []
    for char, following in zip(text, [*text[1:], ""]):
        forms = ["plain", "plain", "plain", "decimal", "hex"]
        if not following or following not in "0123456789abcdefABCDEF;":
            forms.append("hex_no_semicolon")
        form = draw(st.sampled_from(forms))
        out.append({"plain": char, "decimal": f"&#{ord(char)};", "hex": f"&#x{ord(char):X};",
                    "hex_no_semicolon": f"&#x{ord(char):x}"}[form])
    return "".join(out)


FORMS = ("relative", "dotted", "parent", "rooted", "portal_host", "scheme_relative", "base_href", "nul_inside",
         "padded")


@st.composite
def continuation_pages(
    draw: st.DrawFn, forms: tuple[str, ...] = (*FORMS, "none"), next_page: bool = False
) -> tuple[bytes, str, str, list[Page], str]:
    """(body, encoding, page URL, pages so far, the next page's URL) for a generated article
    page that links its next page (always when `next_page`), another page, or nothing."""
    article = compose_article(DrawPicker(draw))
    first_url = links.rebase(article.url, BASE)
    first_path = links.portal_path(first_url, BASE) or ""
    folder, name = first_path.rsplit("/", 1)
    article_id = name.split(".")[0]
    number = draw(st.integers(2, 4))
    pages = [Page(url=first_url, body=b"")] + [
        Page(url=first_url.replace(".html", f"_{n}.html"), body=b"") for n in range(2, number)]
    page_url = pages[-1].url
    target_id, target_number = article_id, number
    if not next_page:
        target_id = draw(st.sampled_from([article_id, str(int(article_id) + 1), article_id + "0"]))
        target_number = draw(st.sampled_from([number, number + 1, 1]))
    target = f"{target_id}_{target_number}.html"
    form = draw(st.sampled_from(forms))
    base = ""
    href = {
        "relative": target, "dotted": f"./{target}", "parent": f"../{folder.rsplit('/', 1)[1]}/{target}",
        "rooted": f"{folder}/{target}", "portal_host": f"https://www.yybnet.net{folder}/{target}",
        "scheme_relative": f"//www.yybnet.net{folder}/{target}", "base_href": "?from=pager",
        "nul_inside": f"{target[:2]}\x00{target[2:]}", "padded": f"  {target}\n", "none": "#",
    }[form]
    if form == "base_href":
        base = f'<base href="{_referenced(f"{folder}/{target}", draw)}">'
    elif form != "nul_inside":
        href = _referenced(href, draw)
    anchor = f'<div class="page">第1页 <a href="{href}">下一页</a></div>'
    html = article.html.decode("gbk" if b"charset=gb2312" in article.html else "utf-8")
    html = html.replace("<head>", f"<head>{base}", 1).replace("</body>", f"{anchor}</body>", 1)
    encoding = "gbk" if "charset=gb2312" in html else "utf-8"
    next_url = f"{BASE}{folder}/{target}" + ("?from=pager" if form == "base_href" else "")
    return html.encode(encoding, errors="replace"), encoding, page_url, pages, next_url


@settings(max_examples=150, deadline=None, suppress_health_check=_SLOW_AND_LARGE)
@given(continuation_pages())
def test_the_spider_finds_what_parsing_every_page_finds(case: tuple[bytes, str, str, list[Page], str]) -> None:
    body, encoding, page_url, pages, _ = case
    spider = PortalSpider(base_url=BASE, channels="jining/qufu")
    response = HtmlResponse(page_url, body=body, encoding=encoding)
    assert spider.continuation(response, pages) == parsed_continuation(spider, response, pages)


@pytest.mark.parametrize("form", FORMS)
def test_every_form_of_the_next_pages_link_is_found(form: str) -> None:
    spider = PortalSpider(base_url=BASE, channels="jining/qufu")

    @settings(max_examples=12, deadline=None, suppress_health_check=_SLOW_AND_LARGE)
    @given(continuation_pages(forms=(form,), next_page=True))
    def check(case: tuple[bytes, str, str, list[Page], str]) -> None:
        body, encoding, page_url, pages, next_url = case
        assert spider.continuation(HtmlResponse(page_url, body=body, encoding=encoding), pages) == next_url

    check()


def test_a_page_that_links_no_next_page_is_not_parsed() -> None:
    """Generated one-page articles (with their breadcrumbs, boxes and footers of links): the
    text alone says that none links a continuation, for all but those naming `_` or a digit by reference."""
    rng = random.Random(9)
    skipped = 0
    for _ in range(200):
        article = compose_article(RandomPicker(rng))
        html = article.html.decode("gbk" if b"charset=gb2312" in article.html else "utf-8")
        article_id = article.url.rsplit("/", 1)[1].split(".")[0]
        skipped += not may_link_continuation(html, links.rebase(article.url, BASE), article_id)
    assert skipped == 200


def test_references_to_digits_and_underscores_are_parsed_to_be_sure() -> None:
    for reference in ("&#49;", "&#x5F;", "&#x5f", "&#0095;", "&lowbar;", "&#57"):
        assert may_link_continuation(f"<a href='x{reference}y'>", "http://h/a/1.html", "123")
    for harmless in ("&#160;", "&#x3000;", "&#490;", "&#x5f5;", "&nbsp;", "&amp;"):
        assert not may_link_continuation(f"<p>{harmless}</p>", "http://h/a/1.html", "123")


# Pieces of a UTF-8 page around the number of article 123: the key itself, references,
# controls and the noncharacters a parser may drop, stray and truncated UTF-8 sequences.
_UTF8_PIECES = st.sampled_from([
    b"123", b"_", b"123_", b"12", b"3_2.html", b"&#49;", b"&#x5f", b"&#95", b"&lowbar;", b"&amp;", b"&#160;",
    b"\x00", b"\x07", b"\x1f", b"\t", b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"\xef\xbf", b"\xbf", b"\xed\xa0\x80",
    "曲阜".encode(), "＿".encode(), b"\xe2", b"<a href='", b"'>", b" ",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_UTF8_PIECES, max_size=12).map(b"".join))
def test_a_utf8_page_is_ruled_out_in_its_bytes_only_when_its_text_is(body: bytes) -> None:
    """What the bytes rule out, Scrapy's text of them (the one the spider parses) does too."""
    text = HtmlResponse("http://h/a/1.html", body=body, encoding="utf-8").text
    if may_link_continuation(text, "http://h/a/1.html", "123"):
        assert may_link_continuation(body, "http://h/a/1.html", "123")


def test_a_generated_utf8_page_is_not_decoded_to_be_ruled_out() -> None:
    rng = random.Random(11)
    checked = 0
    for _ in range(100):
        article = compose_article(RandomPicker(rng))
        if b"charset=gb2312" in article.html:
            continue
        response = HtmlResponse(links.rebase(article.url, BASE), body=article.html, encoding="utf-8")
        spider = PortalSpider(base_url=BASE, channels="jining/qufu")
        assert spider.continuation(response, [Page(url=response.url, body=b"")]) is None
        assert response._cached_ubody is None  # never decoded
        checked += 1
    assert checked > 30
