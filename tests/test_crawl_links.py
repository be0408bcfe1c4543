"""URL rules: articles, continuation pages, list pages, portal hosts onto the base URL."""

import pytest

from newsarchive.crawl import links

BASE = "http://127.0.0.1:8123"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/jining/news/201506/7713943.html", f"{BASE}/jining/news/201506/7713943.html"),
        ("https://www.yybnet.net/jining/qufu/", f"{BASE}/jining/qufu/"),
        ("http://m.yybnet.net/jining/news/201506/1.html", f"{BASE}/jining/news/201506/1.html"),
        ("list_2.html", f"{BASE}/jining/qufu/list_2.html"),
        ("https://example.com/x.html", "https://example.com/x.html"),
        ("/jining/qufu/#top", f"{BASE}/jining/qufu/"),
        ("javascript:void(0)", None),
        ("mailto:a@b.c", None),
        ("", None),
    ],
)
def test_resolve_maps_portal_hosts_onto_the_base(href, expected):
    assert links.resolve(href, f"{BASE}/jining/qufu/", BASE) == expected


def test_resolve_keeps_a_base_path_prefix():
    base = "http://127.0.0.1:9/replay/2015"
    assert links.resolve("https://www.yybnet.net/jining/qufu/", f"{base}/jining/", base) == (
        f"{base}/jining/qufu/"
    )
    assert links.portal_path(f"{base}/jining/qufu/", base) == "/jining/qufu/"


def test_portal_path_refuses_other_hosts():
    assert links.portal_path("https://example.com/jining/qufu/", BASE) is None


@pytest.mark.parametrize(
    ("path", "page_one"),
    [
        ("/jining/news/201506/7713943.html", True),
        ("/chengdu/news/201807/7713943.shtml", True),
        ("/jining/news/201506/7713943_2.html", False),  # continuation, reached from page 1
        ("/jining/qufu/list_2.html", False),
        ("/jining/news/2015/7713943.html", False),
        ("/jining/qufu/zhuanti/201506/7713943.html", False),
    ],
)
def test_article_match_finds_page_one_of_articles(path, page_one):
    match = links.article_match(path)
    assert (bool(match) and match.group("page") is None) is page_one


def test_continuation_number_only_for_the_same_article():
    first = "/jining/news/201506/7713943.html"
    assert links.continuation_number("/jining/news/201506/7713943_3.html", first) == 3
    assert links.continuation_number("/jining/news/201506/7713944_2.html", first) is None
    assert links.continuation_number("/jining/news/201506/7713943_1.html", first) is None
    assert links.continuation_number(first, first) is None


@pytest.mark.parametrize(
    ("path", "query", "text", "expected"),
    [
        ("/jining/qufu/list_2.html", "", "2", True),
        ("/jining/qufu/index_3.html", "", "下一页", True),
        ("/jining/qufu/4.html", "", "4", True),
        ("/jining/qufu/", "page=2", "2", True),
        ("/jining/qufu/index.php", "page=2", "下一页", True),
        ("/jining/qufu/page/5/", "", "5", True),  # any style, told by its anchor text
        ("/jining/qufu/zhuanti/2015.html", "", "2", False),  # topic pages never
        ("/jining/qufu/zt/list_2.html", "", "2", False),
        ("/jining/zoucheng/list_2.html", "", "2", False),  # another channel
        ("/jining/qufu/about.html", "", "关于我们", False),
        ("/jining/news/201506/7713943.html", "", "2", False),
    ],
)
def test_is_list_page(path, query, text, expected):
    assert links.is_list_page(path, query, text, "jining/qufu") is expected


@pytest.mark.parametrize(
    ("path", "channel"),
    [("/jining/qufu/", "jining/qufu"), ("/jining/qufu", "jining/qufu"), ("/jining/news/", None),
     ("/jining/", None), ("/jining/qufu/list_2.html", None), ("//qufu/", None)],
)
def test_channel_of_a_channel_folder(path, channel):
    assert links.channel_of(path) == channel


def test_page_base_prefers_a_base_href_mapped_onto_the_crawl():
    page = f"{BASE}/jining/qufu/index.html"
    assert links.page_base(page, None, BASE) == page
    assert links.page_base(page, "  ", BASE) == page
    assert links.page_base(page, "https://www.yybnet.net/jining/", BASE) == f"{BASE}/jining/"
    assert links.page_base(page, "/jining/zoucheng/", BASE) == f"{BASE}/jining/zoucheng/"
