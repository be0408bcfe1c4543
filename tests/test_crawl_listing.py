"""A channel list page: its articles are followed, the boxes beside it are not."""

import pytest

from newsarchive.crawl.listing import parse_list_page

BASE = "http://127.0.0.1:8123"
PAGE = f"{BASE}/jining/qufu/"

LIST_PAGE = """<html><body>
<div class="nav"><a href="/jining/sishui/">泗水新闻</a><a href="/jining/qufu/">曲阜新闻</a></div>
<div class="main">
  <h2>曲阜新闻</h2>
  <ul class="list">
    <li><a href="/jining/news/201506/101.html">第一篇</a><span>2015-06-22</span></li>
    <li><a href="https://www.yybnet.net/jining/news/201506/102.html">第二篇</a></li>
    <li><a href="/jining/news/201506/101.html">第一篇(重复)</a></li>
    <li><a href="/jining/news/201506/101.html?from=list">第一篇(带参数)</a></li>
  </ul>
  <div class="pages"><a href="/jining/qufu/list_2.html">2</a><a href="list_3.html">下一页</a></div>
</div>
<div class="box"><h3>热点排行</h3><ul>
  <li><a href="/jining/news/201506/900.html">泗水的新闻</a></li></ul></div>
<div class="paihang"><ul><li><a href="/jining/news/201506/901.html">排行</a></li></ul></div>
<div><a href="/heze/news/201506/902.html">别的城市</a></div>
<div><a href="/jining/qufu/zhuanti/2015.html">专题</a></div>
</body></html>"""


def test_articles_of_the_list_in_page_order_once_each():
    found = parse_list_page(LIST_PAGE, PAGE, BASE, "jining/qufu")
    assert found.articles == [
        f"{BASE}/jining/news/201506/101.html",
        f"{BASE}/jining/news/201506/102.html",
    ]


def test_boxes_beside_the_list_and_other_cities_are_skipped():
    found = parse_list_page(LIST_PAGE, PAGE, BASE, "jining/qufu")
    assert found.skipped == [
        f"{BASE}/jining/news/201506/900.html",
        f"{BASE}/jining/news/201506/901.html",
        f"{BASE}/heze/news/201506/902.html",
    ]


def test_further_list_pages_but_no_topic_page_or_other_channel():
    found = parse_list_page(LIST_PAGE, PAGE, BASE, "jining/qufu")
    assert found.list_pages == [f"{BASE}/jining/qufu/", f"{BASE}/jining/qufu/list_2.html",
                                f"{BASE}/jining/qufu/list_3.html"]


def test_empty_or_broken_html_gives_nothing():
    assert parse_list_page("", PAGE, BASE, "jining/qufu").articles == []
    assert parse_list_page("<div><a href=", PAGE, BASE, "jining/qufu").articles == []


def test_a_gbk_list_page_under_a_lying_header_still_pages_by_its_chinese_anchor_text():
    from newsarchive.extract.decode import decode_html

    html = '<meta charset="gb2312"><a href="/jining/qufu/page/2/">下一页</a>'.encode("gb18030")
    found = parse_list_page(decode_html(html, "utf-8"), PAGE, BASE, "jining/qufu")
    assert found.list_pages == [f"{BASE}/jining/qufu/page/2/"]


def test_a_box_headed_by_a_link_to_another_channel_is_not_the_list():
    html = """<table><tr><td><a href="/jining/news/201506/101.html">本频道</a></td></tr></table>
    <div class="x"><h4><a href="/jining/sishui/">泗水新闻</a></h4><ul>
      <li><a href="/jining/news/201506/900.html">泗水的新闻</a></li></ul></div>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/101.html"]
    assert found.skipped == [f"{BASE}/jining/news/201506/900.html"]


def test_a_tab_bar_naming_this_channel_among_others_still_heads_the_list():
    html = """<div class="x"><h2><a href="/jining/qufu/">曲阜新闻</a> | <a href="/jining/sishui/">泗水新闻</a></h2>
    <ul><li><a href="/jining/news/201506/101.html">本频道</a></li></ul></div>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/101.html"]


def test_a_box_whose_plain_title_bar_links_another_channel_is_not_the_list():
    html = """<div><div class="a"><span>曲阜新闻</span><a href="/jining/qufu/">更多</a></div>
    <ul><li><a href="/jining/news/201506/101.html">本频道</a></li></ul></div>
    <div><div class="b"><span>泗水新闻</span><a href="/jining/sishui/">更多</a></div>
    <ul><li><a href="/jining/news/201506/900.html">泗水的新闻</a></li></ul></div>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/101.html"]
    assert found.skipped == [f"{BASE}/jining/news/201506/900.html"]


def test_relative_links_resolve_against_a_base_href_on_the_live_host():
    html = """<head><base href="https://www.yybnet.net/jining/qufu/"></head>
    <ul><li><a href="../news/201506/101.html">本频道</a></li></ul><a href="list_2.html">2</a>"""
    found = parse_list_page(html, f"{BASE}/jining/qufu/index.html", BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/101.html"]
    assert found.list_pages == [f"{BASE}/jining/qufu/list_2.html"]


def test_a_box_titled_with_another_channels_name_from_the_nav_line_is_not_the_list():
    html = """<div class="nav"><a href="/jining/qufu/">曲阜新闻</a><a href="/jining/sishui/">泗水新闻</a></div>
    <table><tr><td><b>曲阜新闻</b></td></tr>
      <tr><td><a href="/jining/news/201506/101.html">本频道</a></td></tr></table>
    <table><tr><td><b>泗水新闻</b></td></tr>
      <tr><td><a href="/jining/news/201506/900.html">泗水的新闻</a></td></tr></table>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/101.html"]
    assert found.skipped == [f"{BASE}/jining/news/201506/900.html"]


@pytest.mark.parametrize(
    "title",
    ['<h4>今日头条</h4>', '<b>网友关注</b>', '<div>点击排行</div>', '<div><img src="t.gif" alt="泗水新闻"></div>'],
)
def test_boxes_titled_as_site_wide_boxes_or_by_a_banner_image_are_not_the_list(title):
    html = f"""<div class="nav"><a href="/jining/qufu/">曲阜新闻</a> <a href="/jining/sishui/">泗水新闻</a></div>
    <div class="a"><h2>曲阜新闻</h2><ul><li><a href="/jining/news/201506/101.html">本频道</a></li></ul></div>
    <div class="b">{title}<ul><li><a href="/jining/news/201506/900.html">别处的新闻</a></li></ul></div>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/101.html"]
    assert found.skipped == [f"{BASE}/jining/news/201506/900.html"]


def test_an_article_in_a_box_before_the_list_and_in_the_list_is_followed():
    html = """<div class="b"><h4>今日头条</h4><ul><li><a href="/jining/news/201506/101.html">本频道</a></li>
    <li><a href="/jining/news/201506/900.html">别处</a></li></ul></div>
    <div class="a"><h2>曲阜新闻</h2><ul><li><a href="/jining/news/201506/101.html">本频道</a></li></ul></div>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/101.html"]
    assert found.skipped == [f"{BASE}/jining/news/201506/900.html"]


def test_a_box_titled_with_the_bare_name_of_another_channel_is_not_the_list():
    html = """<div class="nav"><a href="/jining/qufu/">曲阜新闻</a><a href="/jining/sishui/">泗水新闻</a></div>
    <div class="a"><p><span>[05-06]</span><a href="/jining/news/201506/101.html">本频道</a></p></div>
    <div class="b"><div><i class="icon"></i>泗水</div><p><a href="/jining/news/201506/900.html">泗水的新闻</a></p></div>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/101.html"]
    assert found.skipped == [f"{BASE}/jining/news/201506/900.html"]


def test_a_list_titled_by_a_plain_line_before_it_as_other_places_is_not_the_list():
    html = """<ul><li><a href="/jining/news/201506/101.html">本频道</a></li></ul>
    <div>其他县区</div><ul><li><a href="/jining/news/201506/900.html">别处的新闻</a></li></ul>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/101.html"]
    assert found.skipped == [f"{BASE}/jining/news/201506/900.html"]


def test_a_tab_bar_of_other_channels_before_a_list_titles_that_list_as_theirs():
    html = """<ul><li><a href="/jining/news/201506/101.html">本频道</a></li></ul>
    <div class="tabs"><a href="/jining/sishui/">泗水</a> | <a href="/jining/zoucheng/">邹城</a></div>
    <ul><li><a href="/jining/news/201506/900.html">泗水的新闻</a></li></ul>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/101.html"]
    assert found.skipped == [f"{BASE}/jining/news/201506/900.html"]


# --- the list found by its structure ---------------------------------------------------

ITEM_HEADLINES = ["周边游持续升温", "暑期推荐阅读书目发布", "县域经济综合排行榜发布", "精彩回顾｜第三届黄河大集圆满落幕",
                  "网购热点排行出炉", "今日头条：曲阜秋粮收购过半", "网友关注的停车难有了解法", "相关部门回应", "其他县区经验交流会"]


def test_items_with_their_own_headings_are_all_followed_whatever_their_words():
    items = "".join(
        f'<div class="news-item"><h3><a href="/jining/news/201506/{100 + i}.html">{headline}</a></h3>'
        f"<p>{headline}。记者获悉……</p></div>"
        for i, headline in enumerate(ITEM_HEADLINES)
    )
    html = f"""<div class="main"><h2>曲阜新闻</h2>{items}<div class="pages"><a href="list_2.html">2</a></div></div>
    <div class="side"><h3>热点排行</h3><ul><li><a href="/jining/news/201506/900.html">网购热点排行出炉</a></li></ul></div>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/{100 + i}.html" for i in range(len(ITEM_HEADLINES))]
    assert found.skipped == [f"{BASE}/jining/news/201506/900.html"]
    assert found.records == len(ITEM_HEADLINES) and not found.short


def test_old_addresses_in_the_lists_records_are_followed_but_not_beside_it():
    hrefs = ["/html/2016/0224/101.html", "/jining/show.php?id=102", "/jining/news/201602/103_old.html",
             "/jining/news/201602/104.html"]
    items = "".join(f'<li><a href="{href}">曲阜新闻标题{i}</a><span>2016-02-24</span></li>' for i, href in enumerate(hrefs))
    html = f"""<ul class="list">{items}</ul><div class="pages"><a href="list_2.html">2</a></div>
    <div><h4>猜你喜欢</h4><ul><li><a href="/html/2016/0224/900.html">别的文章标题</a></li>
    <li><a href="/jining/news/201602/901.html">别的文章标题</a></li></ul></div>
    <div class="nav"><a href="/jining/sishui/">泗水新闻</a> <a href="/jining/qufu/zhuanti/x.html">专题页面标题</a>
    <a href="/about.html">关于我们</a> <a href="/img/a.jpg">图</a> <a href="http://other.example/x.html">别的网站</a>
    <a href="javascript:void(0)">收藏</a> <a href="/heze/news/201602/902.html">菏泽的新闻</a>
    <a href="/jining/news/201602/104_2.html">第二页</a></div>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [BASE + href for href in hrefs]
    reasons = {link.url.replace(BASE, ""): link.reason for link in found.not_followed}
    assert reasons == {
        "/html/2016/0224/900.html": "not_article_url",
        "/jining/news/201602/901.html": "side_box",
        "/jining/sishui/": "channel_page",
        "/jining/qufu/zhuanti/x.html": "zt_page",
        "/about.html": "not_article_url",
        "/img/a.jpg": "not_a_page",
        "http://other.example/x.html": "off_portal",
        "javascript:void(0)": "no_page_url",
        "/heze/news/201602/902.html": "other_city",
        "/jining/news/201602/104_2.html": "continuation_page",
    }


def test_a_list_whose_records_give_clearly_fewer_articles_is_short():
    articles = "".join(f'<li><a href="/jining/news/201506/{i}.html">曲阜新闻{i}</a></li>' for i in range(15))
    ads = "".join(f'<li><a href="http://ad.example/{i}">广告{i}</a></li>' for i in range(5))
    found = parse_list_page(f"<ul>{articles}{ads}</ul>", PAGE, BASE, "jining/qufu")
    assert (len(found.articles), found.records, found.short) == (15, 20, True)
    whole = parse_list_page(f"<ul>{articles}</ul>", PAGE, BASE, "jining/qufu")
    assert (len(whole.articles), whole.records, whole.short) == (15, 15, False)


def _items(ids) -> str:
    return "".join(f'<li><a href="/jining/news/201506/{i}.html">曲阜新闻{i}</a></li>' for i in ids)


def test_a_list_split_by_a_rule_is_one_list():
    html = f"""<div class="list"><ul class="xw">{_items([1])}</ul><hr><ul class="xw">{_items([2, 3])}</ul>
    <div class="pages"><a href="?page=2">2</a></div></div>
    <div class="b"><h3>网友关注</h3><ul>{_items([7, 8, 9, 10])}</ul></div>"""
    found = parse_list_page(html, PAGE, BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/{i}.html" for i in (1, 2, 3)]
    assert found.records == 3


def test_a_box_beside_the_list_with_more_links_than_the_last_list_page_is_still_a_box():
    html = f"""<div class="c"><ul>{_items([1, 2])}</ul><div class="pages"><a href="list_2.html">上一页</a></div></div>
    <div class="r"><ul>{_items(range(10, 20))}</ul></div>"""
    found = parse_list_page(html, f"{BASE}/jining/qufu/list_3.html", BASE, "jining/qufu")
    assert found.articles == [f"{BASE}/jining/news/201506/{i}.html" for i in (1, 2)]
