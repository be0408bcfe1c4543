"""City and county in one spelling each, and the names a channel's list page gives itself."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scrapy.utils.test import get_crawler

from newsarchive.crawl.channelpage import read_channel_names
from newsarchive.extract.lexicon import CHANNEL_NAME_SUFFIXES
from newsarchive.items import Article, CapturedArticle, ChannelNames, Page
from newsarchive.pipelines.extract import prepare
from newsarchive.pipelines.place import PlacePipeline, place
from newsarchive.places import Place, place_name, place_of

BASE = "http://127.0.0.1:9"


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("济宁市", "济宁"), ("曲阜市", "曲阜"), ("嘉祥县", "嘉祥"), ("任城区", "任城"), ("曲阜新闻", "曲阜"),
        ("济宁新闻", "济宁"), ("济宁市新闻", "济宁"), ("曲阜频道", "曲阜"), ("济宁新闻网", "济宁"),
        ("曲阜", "曲阜"), ("曹县", "曹县"), ("单县新闻", "单县"), ("冠县", "冠县"), ("市中区", "市中"),
        ("彬縣", "彬縣"), ("", None), (None, None), ("news", None), ("更多新闻资讯请点击这里查看全部", None),
    ],
)
def test_place_name(name, place):
    assert place_name(name) == place


# Place names as generated: 2–4 Han characters that do not end like a suffix; the
# suffixes: an administrative unit's, a channel's (every word of the lexicon), or both.
_ADMIN = ("市", "县", "区")
_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF).filter(
    lambda c: c not in {*_ADMIN, *(word[-1] for word in CHANNEL_NAME_SUFFIXES)})
_places = st.text(_HAN, min_size=2, max_size=4)
_suffixes = st.sampled_from(
    ["", *_ADMIN] + [admin + word for admin in ("", *_ADMIN) for word in CHANNEL_NAME_SUFFIXES])


@given(_places, _suffixes)
def test_any_place_with_any_suffix_is_the_place(place, suffix):
    assert place_name(place + suffix) == place


@given(st.text(_HAN, min_size=1, max_size=1), st.sampled_from(["县", "区", "市"]))
def test_a_one_character_place_keeps_its_suffix(place, suffix):
    assert place_name(place + suffix) == place + suffix


@given(_places, _places, st.sampled_from(["市", ""]), st.sampled_from(CHANNEL_NAME_SUFFIXES))
def test_every_spelling_of_a_breadcrumb_gives_one_city_and_county(city, county, city_suffix, channel_suffix):
    """`山东 / 济宁市 / 曲阜`, `济宁 / 曲阜`, `曲阜` with the channel page's city: one place."""
    want = Place(city=city, county=county)
    channel = county + channel_suffix
    assert place_of("c/k", channel, ["山东", city + city_suffix, county]) == want
    assert place_of("c/k", channel, [city, county]) == want
    assert place_of("c/k", channel, [county], city_name=city + city_suffix) == want
    assert place_of("c/k", None, ["山东省", city + "市", county + "县"]) == want
    assert place_of("c/k", channel, [], city_name=city + "新闻") == want
    # a city channel has a city and no county; a path that is no channel, neither
    assert place_of("c", city + channel_suffix, ["山东"]) == Place(city=city)
    assert place_of(None, channel, [city, county]) == Place()
    assert place_of("c/k/x", channel, [city, county]) == Place()
    assert place_of("c/news", channel, [city, county]) == Place()


def test_a_province_is_no_city_but_a_municipality_is():
    assert place_of("jining/qufu", "曲阜新闻", ["山东", "曲阜"]) == Place(city=None, county="曲阜")
    assert place_of("beijing/chaoyang", "朝阳新闻", ["北京", "朝阳"]) == Place(city="北京", county="朝阳")


# --- a list page's own names, in the forms the portal's templates print them ---------------------

_CITY, _COUNTY, _SIBLING = ("济宁", "jining"), ("曲阜", "qufu"), ("邹城", "zoucheng")


def _nav(with_city: bool) -> str:
    items = [(f"/{_CITY[1]}/", f"{_CITY[0]}新闻")] if with_city else []
    items += [(f"/{_CITY[1]}/{slug}/", f"{name}新闻") for name, slug in (_SIBLING, _COUNTY)]
    return " | ".join(f'<a href="{href}">{text}</a>' for href, text in items)


_CRUMBS = {
    "none": "",
    "trail": f'<div class="position">当前位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
    f'<a href="/{_CITY[1]}/">{_CITY[0]}市</a> &gt; {_COUNTY[0]}新闻</div>',
    "linked": f'<ol class="breadcrumb"><li><a href="https://www.yybnet.net/">首页</a></li>'
    f'<li><a href="https://www.yybnet.net/{_CITY[1]}/">{_CITY[0]}</a></li>'
    f'<li><a href="https://www.yybnet.net/{_CITY[1]}/{_COUNTY[1]}/">{_COUNTY[0]}新闻</a></li></ol>',
}
_TITLES = {"none": "", "county": f"{_COUNTY[0]}新闻_地方网", "both": f"{_COUNTY[0]}新闻 - {_CITY[0]} - 地方网"}


@given(
    st.sampled_from(sorted(_CRUMBS)),
    st.sampled_from(sorted(_TITLES)),
    st.sampled_from(["none", "siblings", "city"]),
    st.booleans(),
)
def test_a_list_page_names_its_channel_and_city(crumb, title, nav, pager_links_home):
    body = [_CRUMBS[crumb]]
    if nav != "none":
        body.insert(0, _nav(with_city=nav == "city"))
    body.append('<ul><li><a href="/jining/news/201506/7713943.html">老百姓的“贴心人”</a></li></ul>')
    if pager_links_home:  # a pager's 首页 and 1 link the channel's folder too
        body.append(f'<a href="/{_CITY[1]}/{_COUNTY[1]}/">首页</a> <a href="/{_CITY[1]}/{_COUNTY[1]}/">1</a>')
    html = f"<html><head><title>{_TITLES[title]}</title></head><body>{''.join(body)}</body></html>"
    names = read_channel_names(html, f"{BASE}/jining/qufu/list_2.html", BASE, "jining/qufu")

    named = crumb != "none" or nav != "none" or title != "none"
    assert names.channel == (f"{_COUNTY[0]}新闻" if named else None)
    city_named = crumb != "none" or nav == "city" or title == "both"
    assert place_name(names.city) == (_CITY[0] if city_named else None)


def test_another_channels_trail_names_not_this_channel_but_still_the_city():
    html = (
        '<div class="crumb"><a href="/">地方网</a> &gt; <a href="/jining/">济宁市</a> &gt; '
        '<a href="/jining/zoucheng/">邹城新闻</a></div>'
    )
    assert read_channel_names(html, f"{BASE}/jining/qufu/", BASE, "jining/qufu") == ChannelNames(None, "济宁市")


# --- the pipeline: the breadcrumb's channel if it is one of the portal's, else the list's ---------

LISTED = ChannelNames(channel="曲阜新闻", city="济宁市")
ARTICLE_URL = f"{BASE}/jining/news/201506/7713943.html"


def _captured(channel: str | None, channel_path: str, region: list[str]) -> tuple[Article, CapturedArticle]:
    article = Article(url=ARTICLE_URL, headline="h", source=None, published_at=None, body=["正文。"],
                      channel=channel, channel_path=channel_path, region=region)
    capture = CapturedArticle(pages=[Page(ARTICLE_URL, b"")], channel_path="jining/qufu",
                              fetched_at="2026-11-29T22:00:00+00:00", channel_names=LISTED)
    return article, capture


def _placed(channel: str | None, channel_path: str, region: list[str]) -> Article:
    article, capture = _captured(channel, channel_path, region)
    place(article, capture)
    return article


@pytest.mark.parametrize(
    ("channel", "channel_path", "region", "want"),
    [
        # no breadcrumb: the list page names the channel
        (None, "jining/qufu", [], ("曲阜新闻", "jining/qufu", [], "济宁", "曲阜")),
        # its own breadcrumb, as printed, and the list's spelling of the place
        ("曲阜", "jining/qufu", ["济宁", "曲阜"], ("曲阜", "jining/qufu", ["济宁", "曲阜"], "济宁", "曲阜")),
        # a breadcrumb naming another channel of the city: the article's own channel
        ("邹城新闻", "jining/zoucheng", ["山东", "济宁市", "邹城"],
         ("邹城新闻", "jining/zoucheng", ["山东", "济宁市", "邹城"], "济宁", "邹城")),
        # a footer's link bar read as a breadcrumb: no channel of the portal, the list's instead
        ("网站地图", "sitemap", ["关于我们", "联系我们"], ("曲阜新闻", "jining/qufu", [], "济宁", "曲阜")),
        ("关于我们", "about/us", [], ("曲阜新闻", "jining/qufu", [], "济宁", "曲阜")),
        ("菏泽新闻", "heze/caoxian", [], ("曲阜新闻", "jining/qufu", [], "济宁", "曲阜")),
    ],
)
def test_the_pipeline_names_channel_city_and_county(channel, channel_path, region, want):
    article = _placed(channel, channel_path, region)
    assert (article.channel, article.channel_path, article.region, article.city, article.county) == want


@pytest.mark.parametrize(("channel", "channel_path"), [("网站地图", "sitemap"), ("菏泽新闻", "heze/caoxian")])
def test_the_pipeline_logs_and_counts_a_channel_taken_from_the_list(caplog, channel, channel_path):
    crawler = get_crawler()
    crawler.stats.open_spider()
    article, capture = _captured(channel, channel_path, [])
    with caplog.at_level("INFO", logger="newsarchive.pipelines.place"):
        PlacePipeline.from_crawler(crawler).process_item(prepare(article, capture, store=False).of(capture))
    assert crawler.stats.get_value("newsarchive/articles/channel_from_list") == 1
    assert (f"{ARTICLE_URL}: breadcrumb {channel_path!r} names no channel of the portal;"
            " channel jining/qufu from its list page") in caplog.text


def test_the_pipeline_says_nothing_of_a_breadcrumb_that_names_the_channel(caplog):
    crawler = get_crawler()
    crawler.stats.open_spider()
    article, capture = _captured("曲阜", "jining/qufu", ["济宁", "曲阜"])
    with caplog.at_level("INFO", logger="newsarchive.pipelines.place"):
        PlacePipeline.from_crawler(crawler).process_item(prepare(article, capture, store=False).of(capture))
    assert crawler.stats.get_value("newsarchive/articles/channel_from_list") is None
    assert "names no channel" not in caplog.text


def test_a_list_of_100000_links_is_read_in_seconds():
    items = "".join(f'<li><a href="/jining/news/201506/{7000000 + i}.html">标题{i}</a></li>' for i in range(100_000))
    html = (f'<html><head><title>曲阜新闻_济宁_地方网</title></head><body><div class="position"><a href="/">地方网</a>'
            f' &gt; <a href="/jining/">济宁市</a> &gt; 曲阜新闻</div><ul>{items}</ul></body></html>')
    started = time.monotonic()
    assert read_channel_names(html, f"{BASE}/jining/qufu/", BASE, "jining/qufu") == ChannelNames("曲阜新闻", "济宁市")
    assert time.monotonic() - started < 5  # about 1 s on one core; resolving every link took 7
