"""Extraction of article pages: the seed record, every template field by field, the fallback
on templates it never saw, non-articles, multi-page stitching, a GBK page behind a lying header,
and one test per heuristic of the fallback."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newsarchive.extract import NotAnArticle, extract_article, extract_html
from newsarchive.extract.blocks import ImageBlock, TextBlock, split_blocks
from newsarchive.extract.boilerplate import has_boilerplate_name, heading_of, is_noise_line, starts_section
from newsarchive.extract.breadcrumb import channel_path, find_breadcrumb, parse_breadcrumb
from newsarchive.extract.content import is_data_table, read_content
from newsarchive.extract.infoline import parse_info_line
from newsarchive.items import Credit, Image, Page

TESTS = Path(__file__).resolve().parent
SITE = TESTS / "mirror" / "site"
EXPECTED = json.loads((TESTS / "mirror" / "expected.json").read_text(encoding="utf-8"))
ROUTES = json.loads((SITE / "_routes.json").read_text(encoding="utf-8"))
BASE = "https://www.yybnet.net"
NOW = datetime(2022, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=8)))
PARSER_OF_TEMPLATE = {
    "v1": "yybnet_v1", "v2": "yybnet_v2", "v3": "yybnet_v3", "mobile": "yybnet_mobile",
    "unseen": "fallback",  # no selector names this template: the fallback must do it all
}


def header_encoding(path: str) -> str | None:
    match = re.search(r"charset=([\w-]+)", ROUTES.get(path, {}).get("headers", {}).get("Content-Type", ""))
    return match.group(1) if match else None


def mirror_pages(paths: list[str]) -> list[Page]:
    return [Page(BASE + p, (SITE / p.lstrip("/")).read_bytes(), header_encoding(p)) for p in paths]


def record_of(path: str) -> dict:
    """The extracted record in expected.json's shape (URLs relative to the portal)."""
    article = extract_article(mirror_pages(EXPECTED["articles"][path]["pages"]), now=NOW)
    record = article.to_record()
    record["images"] = [{"src": i["src"].removeprefix(BASE), "caption": i["caption"]} for i in record["images"]]
    record["pages"] = [p.removeprefix(BASE) for p in record["pages"]]
    return record


# --- the seed page: exactly the PORTAL.md record ------------------------------------------


def test_seed_page_gives_the_portal_md_record(seed_html: bytes) -> None:
    article = extract_html(seed_html, f"{BASE}/jining/news/201506/7713943.html", now=NOW)
    assert article.parser == "yybnet_v2"
    assert article.headline == "老百姓的“贴心人”——曲阜市驻村联户工作纪实"
    assert article.source == "济宁晚报"
    assert article.published_at == "2015-06-22T07:21:00+08:00"
    assert article.credits == [Credit("梅花", "通讯员"), Credit("宋思亮", "通讯员"), Credit("陈宏如", "通讯员")]
    assert article.authors == ["梅花", "宋思亮", "陈宏如"]
    assert article.editors == []
    assert len(article.body) == 15
    assert article.body[0].startswith("每户农户门口都要悬挂")
    assert article.body[-1].endswith("责令限期进行整改。")
    assert "规范管理,建立完善工作机制" in article.body  # subheadings are paragraphs
    assert not any("梅花" in p or "新闻推荐" in p or "讲述家乡的故事" in p for p in article.body)
    assert article.images == []
    assert (article.channel, article.channel_path) == ("曲阜新闻", "jining/qufu")
    assert article.region == ["山东", "济宁市", "曲阜"]
    assert article.url == article.pages[0] == f"{BASE}/jining/news/201506/7713943.html"


# --- every mirror article, every field, per template --------------------------------------

FIELDS = ("headline", "source", "published_at", "credits", "body", "images", "channel",
          "channel_path", "region", "pages")
CASES = [(path, field) for path in sorted(EXPECTED["articles"]) for field in FIELDS]


@pytest.mark.parametrize(("path", "field"), CASES, ids=[f"{EXPECTED['articles'][p]['template']}-{p.rsplit('/', 1)[1]}-{f}" for p, f in CASES])
def test_mirror_article_field(path: str, field: str) -> None:
    assert record_of(path)[field] == EXPECTED["articles"][path][field]


@pytest.mark.parametrize("path", sorted(EXPECTED["articles"]))
def test_each_template_is_read_by_its_parser(path: str) -> None:
    expected = EXPECTED["articles"][path]
    assert record_of(path)["parser"] == PARSER_OF_TEMPLATE[expected["template"]]


# --- non-articles ---------------------------------------------------------------------------


def test_gallery_without_body_text_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle, match="no body text"):
        extract_article(mirror_pages(["/jining/news/201805/8500777.html"]), now=NOW)


@pytest.mark.parametrize("path", ["/jining/qufu/index.html", "/jining/qufu/list_2.html", "/jining/zoucheng/index.html"])
def test_channel_list_pages_are_not_articles(path: str) -> None:
    with pytest.raises(NotAnArticle, match="channel page"):
        extract_article(mirror_pages([path]), now=NOW)


def test_topic_page_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle, match="no body text"):
        extract_article(mirror_pages(["/jining/qufu/zhuanti/wenming.html"]), now=NOW)


def test_page_without_any_headline_is_not_an_article() -> None:
    html = "<html><body><div><p>只有一段正文，没有标题，也没有网页标题。这一段足够长，可以算作正文。</p></div></body></html>"
    with pytest.raises(NotAnArticle, match="no headline"):
        extract_html(html, "http://example.test/a.html", now=NOW)


def test_a_two_character_h1_is_a_headline() -> None:
    article = extract_html("<html><body><h1>春雨</h1><p>正文一段，写春天的雨。</p></body></html>", "http://example.test/a.html", now=NOW)
    assert (article.headline, article.body) == ("春雨", ["正文一段，写春天的雨。"])


def test_a_pathologically_deep_page_is_read_without_recursion() -> None:
    page = ("<html><head><title>很深的页面标题</title></head><body><h1>很深的页面标题</h1>"
            + "<div>" * 5000 + "<p>深处的正文。</p>" + "</div>" * 5000 + "</body></html>")
    try:
        extract_html(page, "http://example.test/deep.html", now=NOW)
    except NotAnArticle:
        pass  # the parser may cut the tree; what matters is a clear answer, not a RecursionError


def test_not_an_article_is_a_value_error_with_a_reason() -> None:
    error = NotAnArticle("no body text")
    assert isinstance(error, ValueError) and error.reason == "no body text"


# --- multi-page articles and encodings --------------------------------------------------------


def test_multi_page_article_is_stitched_in_page_order() -> None:
    paths = ["/jining/news/201906/9012345.html", "/jining/news/201906/9012345_2.html", "/jining/news/201906/9012345_3.html"]
    article = extract_article(mirror_pages(paths), now=NOW)
    expected = EXPECTED["articles"][paths[0]]
    assert article.body == expected["body"]
    assert article.pages == [BASE + p for p in paths]
    assert [i.src for i in article.images] == [BASE + i["src"] for i in expected["images"]]
    assert article.editors == ["孔蕾"]  # the editor line stands on the last page
    assert not any("下一页" in p or "上一页" in p for p in article.body)


def test_page_order_matters() -> None:
    paths = ["/jining/news/201906/9012345.html", "/jining/news/201906/9012345_2.html"]
    forward = extract_article(mirror_pages(paths), now=NOW).body
    assert forward[0].startswith("在曲阜市尼山镇鲁源村")
    assert len(forward) > len(extract_article(mirror_pages(paths[:1]), now=NOW).body)


def test_gbk_page_behind_a_lying_utf8_header() -> None:
    path = "/jining/news/201011/4410087.html"
    assert header_encoding(path) == "utf-8" and b"charset=gb2312" in (SITE / path.lstrip("/")).read_bytes()
    article = extract_article(mirror_pages([path]), now=NOW)
    assert article.credits == [Credit("王堃", "通讯员"), Credit("陈喆", "记者")]
    assert article.headline == "曲阜孔子研究院举办首届青年儒学论坛"
    assert "\ufffd" not in "".join(article.body)


def test_mobile_date_takes_its_year_from_the_url() -> None:
    article = extract_article(mirror_pages(["/jining/news/201506/7714102.html"]), now=NOW)
    assert article.published_at == "2015-06-24T18:05:00+08:00"
    assert article.source == "济宁晚报"


# --- the fallback on a template written here ----------------------------------------------------

INLINE_TEMPLATE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>汶上县举办首届农民丰收节 - 汶上新闻 - 地方网</title></head><body>
<div id="logo"><a href="/"><h1>地方网</h1></a></div>
<div class="mianbao">当前位置：<a href="/">首页</a> » <a href="/shandong/">山东</a> » <a href="/jining/">济宁市</a> » <a href="https://www.yybnet.net/jining/wenshang/">汶上新闻</a> » 正文</div>
<div class="ce">
  <div class="bt2">热门推荐</div>
  <p>这是一段推荐文章的摘要，它有标点，也有不少文字，却不是本文的内容。推荐摘要还在继续，写得比正文还长一些。</p>
</div>
<div class="wz">
  <div class="wz_bt">汶上县举办首届农民丰收节</div>
  <div class="wz_sj">发布时间：2020年9月22日 上午10:30　稿件来源：汶上融媒　作者：记者 张三</div>
  <div class="wz_nr">
    　　9月22日，汶上县首届农民丰收节在南旺镇开幕，来自全县的农民代表欢聚一堂。<br><br>
    　　丰收节期间，各镇街展示了特色农产品，举办了农事竞赛和文艺演出。<br><br>
    <center><img src="/pic/2020/0922.jpg"><br>农民展示丰收的玉米。</center>
    　　（通讯员 李四）<br><br>
    　　责任编辑：王五
  </div>
  <div class="wz_xg"><b>相关阅读：</b>
    <p>另一篇文章的摘要也有标点，并且写得很长很长，长到足以骗过只看文字多少的算法。</p>
  </div>
</div>
<div id="footer"><p>免责声明：本站转载的文章，版权归原作者所有。</p></div>
</body></html>"""


@pytest.fixture(scope="module")
def inline_article():
    return extract_html(INLINE_TEMPLATE, f"{BASE}/jining/news/202009/9100001.html", now=NOW)


def test_inline_template_falls_back(inline_article) -> None:
    assert inline_article.parser == "fallback"


def test_fallback_headline_is_the_block_matching_the_title_not_the_logo_h1(inline_article) -> None:
    assert inline_article.headline == "汶上县举办首届农民丰收节"


def test_fallback_info_line_source_and_date(inline_article) -> None:
    assert inline_article.source == "汶上融媒"
    assert inline_article.published_at == "2020-09-22T10:30:00+08:00"


def test_fallback_credits_in_page_order_editors_apart(inline_article) -> None:
    assert inline_article.credits == [
        Credit("张三", "记者"), Credit("李四", "通讯员"), Credit("王五", "责任编辑", "editor"),
    ]
    assert inline_article.authors == ["张三", "李四"]


def test_fallback_body_splits_br_runs_and_drops_boxes_and_bylines(inline_article) -> None:
    assert inline_article.body == [
        "9月22日，汶上县首届农民丰收节在南旺镇开幕，来自全县的农民代表欢聚一堂。",
        "丰收节期间，各镇街展示了特色农产品，举办了农事竞赛和文艺演出。",
    ]


def test_fallback_image_with_caption(inline_article) -> None:
    assert inline_article.images == [Image(f"{BASE}/pic/2020/0922.jpg", "农民展示丰收的玉米。")]


def test_fallback_breadcrumb_with_absolute_channel_link(inline_article) -> None:
    assert (inline_article.channel, inline_article.channel_path) == ("汶上新闻", "jining/wenshang")
    assert inline_article.region == ["山东", "济宁市", "汶上"]


# Two more layouts the selectors never name: an old GBK table page (text between <br> pairs,
# a captioned picture in a nested table, a wordy channel blurb in the side column) and a
# modern one (date above the headline, the name of the paper after the date, prev/next links).
TABLE_TEMPLATE = """<html><head><meta charset="gb2312"><title>嘉祥县召开秋季农业生产现场会_嘉祥新闻_地方网</title></head>
<body><table width="100%"><tr><td class="logo"><a href="/"><img src="/logo.gif"></a></td></tr></table>
<table width="980"><tr><td class="dh">当前位置: <a href="/">首页</a> &gt;&gt; <a href="/jining/">济宁</a> &gt;&gt; <a href="/jining/jiaxiang/">嘉祥新闻</a></td></tr></table>
<table width="980"><tr>
<td width="700" valign="top">
 <table width="100%"><tr><td class="bt" align="center"><strong>嘉祥县召开秋季农业生产现场会</strong></td></tr>
 <tr><td align="center" class="sj">时间：2012-09-14 09:30:00　来源：济宁日报　作者：本报记者 李强　浏览：<span id="hits">12</span>次</td></tr>
 <tr><td class="nr">
　　9月13日，嘉祥县秋季农业生产现场会在纸坊镇召开，与会人员实地观摩了玉米机收和小麦播种现场。<br>
<br>
　　会议要求，各镇街要抢抓农时，确保秋收秋种工作顺利进行。<br>
<br>
<table align="center"><tr><td><img src="/uploads/2012/0914a.jpg" width="500"></td></tr><tr><td align="center">玉米机收现场。</td></tr></table>
　　今年全县秋播小麦面积预计达到60万亩。<br><br>
 </td></tr>
 <tr><td>【<a href="#">收藏本文</a>】【<a href="javascript:window.print()">打印本文</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
 </table>
 <table class="xgwz"><tr><td>相关文章</td></tr><tr><td><a href="/a/1.html">嘉祥县举行秋季征兵体检工作</a></td></tr></table>
</td>
<td width="260" valign="top">
 <table><tr><td class="lmjs">栏目介绍</td></tr><tr><td>嘉祥新闻是地方网的地方频道，报道嘉祥县的时政、经济、民生、文化等方面的新闻，欢迎广大网友投稿，共同讲好嘉祥故事。我们的邮箱是 jx@example.cn。</td></tr></table>
</td></tr></table>
<table><tr><td class="bottom">Copyright 2012 地方网 版权所有</td></tr></table>
</body></html>
"""
MODERN_TEMPLATE = """<!doctype html><html><head><meta charset="utf-8"><title>金乡大蒜出口量创新高 - 金乡新闻 - 地方网</title></head>
<body><header><h1 class="site"><a href="/">地方网</a></h1><nav><a href="/a/">要闻</a> <a href="/b/">社会</a> <a href="/c/">体育</a></nav></header>
<main><div class="crumbs"><a href="/">首页</a> / <a href="/shandong/">山东</a> / <a href="/jining/jinxiang/">金乡新闻</a></div>
<article class="post">
 <p class="meta"><time>2021年3月2日 14:05</time> <span>大众日报</span></p>
 <h2 class="post-title">金乡大蒜出口量创新高</h2>
 <div class="post-body">
  <p>记者 王芳 通讯员 李娟</p>
  <p>今年前两个月，金乡县大蒜出口量达到12万吨，同比增长15%，创历史新高。</p>
  <figure><img src="https://img.example.cn/2021/0302.jpg" alt=""><figcaption>工人在分拣大蒜。</figcaption></figure>
  <p>据介绍，金乡大蒜远销160多个国家和地区。</p>
  <p>（责任编辑：张敏）</p>
 </div>
 <div class="tags">标签：<a href="/tag/1">大蒜</a> <a href="/tag/2">出口</a></div>
 <div class="prev-next"><p>上一篇：<a href="/x/1.html">金乡县召开全县经济工作会议</a></p><p>下一篇：<a href="/x/2.html">金乡县开展植树活动</a></p></div>
</article>
<aside class="side"><h3>热门文章</h3><ol><li><a href="/1.html">第一条热门文章的标题比较长</a></li><li><a href="/2.html">第二条热门文章的标题比较长</a></li></ol>
<div class="about"><p>金乡新闻频道关注金乡县的发展变化，记录百姓生活，传播正能量，欢迎关注我们的公众号，获取更多本地资讯。</p></div></aside>
</main><footer><p>版权所有 地方网</p></footer></body></html>
"""


def test_fallback_on_an_old_gbk_table_layout() -> None:
    article = extract_html(TABLE_TEMPLATE.encode("gb18030"), f"{BASE}/jining/news/201209/5300001.html", now=NOW)
    assert article.parser == "fallback"
    assert article.headline == "嘉祥县召开秋季农业生产现场会"
    assert (article.source, article.published_at) == ("济宁日报", "2012-09-14T09:30:00+08:00")
    assert article.credits == [Credit("李强", "记者")]
    assert article.body == [
        "9月13日，嘉祥县秋季农业生产现场会在纸坊镇召开，与会人员实地观摩了玉米机收和小麦播种现场。",
        "会议要求，各镇街要抢抓农时，确保秋收秋种工作顺利进行。",
        "今年全县秋播小麦面积预计达到60万亩。",
    ]
    assert article.images == [Image(f"{BASE}/uploads/2012/0914a.jpg", "玉米机收现场。")]
    assert (article.channel, article.channel_path, article.region) == ("嘉祥新闻", "jining/jiaxiang", ["济宁", "嘉祥"])


def test_fallback_on_a_modern_layout_with_the_date_above_the_headline() -> None:
    article = extract_html(MODERN_TEMPLATE, f"{BASE}/jining/news/202103/9900001.html", now=NOW)
    assert article.headline == "金乡大蒜出口量创新高"
    assert (article.source, article.published_at) == ("大众日报", "2021-03-02T14:05:00+08:00")
    assert article.credits == [Credit("王芳", "记者"), Credit("李娟", "通讯员"), Credit("张敏", "责任编辑", "editor")]
    assert article.body == ["今年前两个月，金乡县大蒜出口量达到12万吨，同比增长15%，创历史新高。", "据介绍，金乡大蒜远销160多个国家和地区。"]
    assert article.images == [Image("https://img.example.cn/2021/0302.jpg", "工人在分拣大蒜。")]
    assert (article.channel, article.channel_path) == ("金乡新闻", "jining/jinxiang")


# --- heuristics, one by one ----------------------------------------------------------------------


def parse(fragment: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<div>{fragment}</div>")


def texts(fragment: str) -> list[str]:
    return [b.text for b in split_blocks(parse(fragment), BASE) if isinstance(b, TextBlock)]


def test_blocks_split_on_p_and_block_children() -> None:
    assert texts("<p>一段。</p><div>二段。<span>仍是二段</span></div><li>三</li>") == ["一段。", "二段。仍是二段", "三"]


def test_blocks_split_on_br_pairs_not_on_a_lone_line_break() -> None:
    assert texts("第一段前半<br>后半。<br><br>第二段") == ["第一段前半后半。", "第二段"]


def test_blocks_split_on_a_lone_br_before_indentation() -> None:
    assert texts("第一段<br>\u3000\u3000第二段") == ["第一段", "第二段"]


def test_a_line_break_in_a_heading_ends_the_title() -> None:
    assert texts("<h1>标题<br><span>2019-03-12 来源：某报</span></h1>") == ["标题", "2019-03-12 来源：某报"]


def test_blocks_skip_scripts_and_hidden_elements() -> None:
    assert texts('<p>正文</p><script>var a="不是正文";</script><p style="display:none">隐藏</p>') == ["正文"]


def test_a_skipped_subtree_keeps_its_tail_and_what_follows_it() -> None:
    fragment = ('<div>一<span style="display:none">隐<b>藏</b></span>二<div><p>三</p>'
                '<select><option>选项</option></select>四</div></div><p>五</p>')
    assert texts(fragment) == ["一二", "三", "四", "五"]
    assert texts('<p>正文</p><div>尾<noscript><p>无脚本</p></noscript></div>') == ["正文", "尾"]


def test_blocks_count_link_text() -> None:
    (block,) = [b for b in split_blocks(parse('<p><a href="/x">链接文字</a>正文</p>'), BASE) if isinstance(b, TextBlock)]
    assert block.link_chars == 4 and block.chars == 6


def test_images_are_absolute_and_spacers_skipped() -> None:
    blocks = split_blocks(parse('<img src="/a.jpg"><img src="/dot.gif" width="1"><img src="data:image/gif;base64,AA">'), BASE + "/x/y.html")
    assert [b.src for b in blocks if isinstance(b, ImageBlock)] == [BASE + "/a.jpg"]


@pytest.mark.parametrize("line", ["相关新闻:", "猜你喜欢：", "新闻推荐", "热点排行", "上一篇：某某", "评论:(某标题)", "免责声明:本站…", "版权所有 地方网"])
def test_section_headings_end_the_body(line: str) -> None:
    assert starts_section(line)


@pytest.mark.parametrize("line", ["新闻推荐工作取得新进展，全市推荐了一百名优秀人才。", "评论员文章"])
def test_prose_starting_like_a_heading_is_not_one(line: str) -> None:
    assert heading_of(line) is None and not starts_section(line)


@pytest.mark.parametrize("line", ["分享到:", "上一页 1 2 3 下一页", "[1] [2] [3]", "共3页：上一页 1 2 3 下一页", "「点击查看」", "点击查看原文"])
def test_noise_lines(line: str) -> None:
    assert is_noise_line(line)


@pytest.mark.parametrize(("names", "boilerplate"), [
    ("xgxw", True), ("side-box rdph", True), ("fenxiang", True), ("pinglun", True), ("footer", True),
    ("cnxh", True), ("youbian", True),
    ("content", False), ("article-content", False), ("zhengwen", False),
])
def test_boilerplate_class_names(names: str, boilerplate: bool) -> None:
    assert has_boilerplate_name(lxml_html.fromstring(f'<div class="{names}">x</div>')) is boilerplate


def test_body_stops_at_a_heading_and_drops_bylines_and_noise() -> None:
    blocks = split_blocks(parse(
        "<p>■本报记者 王涛</p><p>分享到:</p><p>本报济宁6月8日讯(记者张彦彦)为进一步推进工作，今天召开会议。</p>"
        "<p>正文第二段。</p><p>(记者 王涛)</p><p>相关新闻:</p><p>别的文章的摘要。</p>"
    ), BASE)
    content = read_content(blocks)
    assert content.paragraphs == ["本报济宁6月8日讯(记者张彦彦)为进一步推进工作，今天召开会议。", "正文第二段。"]
    assert [c.name for c in content.credits] == ["王涛", "张彦彦", "王涛"]  # page order; merged later


@pytest.mark.parametrize("line", [
    "■本报通讯员梅花宋思亮陈宏如", "(记者 王涛)", "责任编辑：王五", "文/图 本报记者 赵六", "杨文道摄",
    "据央视新闻", "张三 整理", "實習生 李四", "本报记者 欧阳晓娟 实习生 司马文静",
])
def test_byline_paragraphs_leave_the_body(line: str) -> None:
    content = read_content(split_blocks(parse(f"<p>正文第一段，有内容。</p><p>{line}</p><p>正文第二段。</p>"), BASE))
    assert content.paragraphs == ["正文第一段，有内容。", "正文第二段。"]
    assert content.credits


def test_a_bare_name_opening_the_body_is_a_byline_but_not_later() -> None:
    blocks = split_blocks(parse("<p>胡平</p><p>人心不会熄灭，但它可能蒙上灰烬。</p><p>王涛</p><p>前言</p>"), BASE)
    content = read_content(blocks)
    assert [c.name for c in content.credits] == ["胡平"]
    assert content.paragraphs == ["人心不会熄灭，但它可能蒙上灰烬。", "王涛", "前言"]


def test_a_list_of_bare_names_is_a_byline() -> None:
    content = read_content(split_blocks(parse("<p>宋怡、杨志华</p><p>正文从这里开始。</p>"), BASE))
    assert [c.name for c in content.credits] == ["宋怡", "杨志华"]
    assert content.paragraphs == ["正文从这里开始。"]


def test_caption_classes_and_figcaptions_go_with_images() -> None:
    blocks = split_blocks(parse(
        '<p>正文。</p><figure><img src="/1.jpg"><figcaption>图一</figcaption></figure>'
        '<p style="text-align:center"><img src="/2.jpg"></p><p class="pic-txt">图二</p>'
        '<img src="/3.jpg" alt="图片"><p>紧跟在图片后的正文不是图注。</p>'
    ), BASE)
    container = blocks[0].element.getparent()
    content = read_content(blocks, container=container)
    assert content.images == [Image(BASE + "/1.jpg", "图一"), Image(BASE + "/2.jpg", "图二"), Image(BASE + "/3.jpg", None)]
    assert content.paragraphs == ["正文。", "紧跟在图片后的正文不是图注。"]


def body_and_images(fragment: str) -> tuple[list[str], list[Image]]:
    root = parse(fragment)
    content = read_content(split_blocks(root, BASE), container=root)
    return content.paragraphs, content.images


@pytest.mark.parametrize("caption", [
    '<p class="photo-note">车间里工人正在组装机床。</p>',  # a class the body paragraphs do not carry
    '<p style="text-align:center">车间里工人正在组装机床。</p>',
    '<p style="font-size:12px">车间里工人正在组装机床。</p>',
    '<p><font size="2">车间里工人正在组装机床。</font></p>',
])
def test_a_short_line_set_apart_under_a_picture_is_its_caption(caption: str) -> None:
    paragraphs, images = body_and_images(
        '<p>　　开发区的企业今年订单不断，生产线满负荷运转。</p>'
        f'<p style="text-align:center"><img src="/a.jpg"></p>{caption}<p>　　企业负责人介绍了今年的打算。</p>')
    assert images == [Image(BASE + "/a.jpg", "车间里工人正在组装机床。")]
    assert paragraphs == ["开发区的企业今年订单不断，生产线满负荷运转。", "企业负责人介绍了今年的打算。"]


@pytest.mark.parametrize("line", [
    '<p>车间里工人正在组装机床。</p>',  # plain, like the body paragraphs
    '<p class="txt">车间里工人正在组装机床。</p>',  # the class every body paragraph carries
    '<p class="photo-note">车间里工人正在组装机床。订单排到了明年。</p>',  # a chain of sentences
])
def test_a_line_under_a_picture_styled_like_the_text_or_a_chain_of_sentences_stays_body(line: str) -> None:
    paragraphs, images = body_and_images(
        '<p class="txt">开发区的企业今年订单不断。</p>'
        f'<p><img src="/a.jpg"></p>{line}<p class="txt">企业负责人介绍了今年的打算。</p>')
    assert images == [Image(BASE + "/a.jpg", None)]
    assert len(paragraphs) == 3


def test_two_pictures_each_with_a_classed_caption() -> None:
    paragraphs, images = body_and_images(
        '<p>正文第一段，有内容。</p><p><img src="/a.jpg"></p><p class="tu">图一的说明。</p>'
        '<p><img src="/b.jpg"></p><p class="tu">图二的说明。</p><p>正文第二段。</p>')
    assert [image.caption for image in images] == ["图一的说明。", "图二的说明。"]
    assert paragraphs == ["正文第一段，有内容。", "正文第二段。"]


def test_the_cells_of_a_data_table_in_the_body_are_no_paragraphs() -> None:
    prose = "今年以来，全县经济运行总体平稳，主要指标好于预期，工业和服务业都保持了较快增长。"
    paragraphs, _ = body_and_images(
        f'<p>{prose}</p><table><tr><th>项目</th><th>数值</th><th>增幅</th></tr>'
        '<tr><td>粮食产量（万吨）</td><td>52.1</td><td>3.2%</td></tr>'
        '<tr><td>居民收入（元）</td><td>21034</td><td>6.5%</td></tr></table>'
        f'<p>{prose}</p><table><tr><td>单位</td><td>名次</td></tr><tr><td>城关镇</td><td>第一</td></tr></table>')
    assert paragraphs == [prose, prose]


def test_a_layout_table_holding_the_article_keeps_its_text() -> None:
    article = ("　　本报讯 昨天上午，县里召开秋季农业生产现场会，与会人员观摩了玉米机收。"
               "<br><br>　　会议要求各乡镇抓好秋收秋种，确保颗粒归仓。")
    layout = f'<table><tr><td>首页</td><td>新闻</td></tr><tr><td>2012-09-14</td><td>{article}</td></tr></table>'
    assert not is_data_table(parse(layout).find("table"))
    assert not is_data_table(parse(f"<table><tr><td>{layout}</td><td>右栏</td></tr><tr><td>a</td><td>b</td></tr></table>")
                             .find("table"))  # a table holding tables lays out the page
    paragraphs, _ = body_and_images(f"<p>导读：秋收开始了。</p>{layout}")
    assert paragraphs[-2:] == ["本报讯 昨天上午，县里召开秋季农业生产现场会，与会人员观摩了玉米机收。",
                               "会议要求各乡镇抓好秋收秋种，确保颗粒归仓。"]


def test_a_table_that_is_the_whole_article_stays_body() -> None:
    rows = "".join(f"<tr><td>专业{n}</td><td>{n * 3}人</td></tr>" for n in range(1, 8))
    paragraphs, _ = body_and_images(f'<p>招生计划如下。</p><table><tr><th>专业</th><th>人数</th></tr>{rows}</table>')
    assert paragraphs[:4] == ["招生计划如下。", "专业", "人数", "专业1"]


def test_breadcrumb_region_and_channel_path() -> None:
    crumb = parse_breadcrumb(parse(
        '您现在的位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
        '<a href="/jining/">济宁市</a> &gt; <a href="/jining/qufu/">曲阜新闻</a> &gt; 正文'), BASE + "/jining/news/1.html")
    assert (crumb.channel, crumb.channel_path, crumb.region) == ("曲阜新闻", "jining/qufu", ["山东", "济宁市", "曲阜"])


@pytest.mark.parametrize("channel_link", [
    '<a href="/jining/qufu/"><b>曲阜</b><span>新闻</span></a>',
    '<a href="/jining/qufu/"><font color="red">曲阜<i>新</i></font>闻</a>',
    '<a href="/jining/qufu/">\n  曲阜<!-- 频道 -->新闻 <img src="/i.gif"></a>',
])
def test_a_links_text_is_read_whole_through_its_inline_markup(channel_link: str) -> None:
    crumb = parse_breadcrumb(parse(f'<a href="/">地方网</a> &gt; <a href="/jining/">济宁市</a> &gt; {channel_link} &gt; 正文'),
                             BASE + "/jining/news/1.html")
    assert (crumb.channel, crumb.channel_path, crumb.region) == ("曲阜新闻", "jining/qufu", ["济宁市", "曲阜"])


def test_a_list_breadcrumb_without_separators_is_found_by_its_name() -> None:
    root = lxml_html.fromstring(
        '<body><nav class="bread-nav"><ol><li><a href="/">地方网</a></li><li><a href="/shaanxi/">陕西</a></li>'
        '<li><a href="/xianyang/binxian/">彬县新闻</a></li><li>正文</li></ol></nav></body>')
    crumb = parse_breadcrumb(find_breadcrumb(root), BASE)
    assert (crumb.channel, crumb.channel_path, crumb.region) == ("彬县新闻", "xianyang/binxian", ["陕西", "彬县"])


@pytest.mark.parametrize("tail", ["查看内容", "文章详情", "新闻正文", "阅读全文", "浏览文章"])
def test_the_breadcrumbs_own_tail_is_never_the_channel(tail: str) -> None:
    crumb = parse_breadcrumb(parse(
        f'<a href="/">地方网</a> › <a href="/hebei/">河北</a> › <a href="/handan/">邯郸市</a> › '
        f'<a href="/handan/shexian/">涉县新闻</a> › {tail}'), BASE + "/handan/news/1.html")
    assert (crumb.channel, crumb.channel_path, crumb.region) == ("涉县新闻", "handan/shexian", ["河北", "邯郸市", "涉县"])


@pytest.mark.parametrize(("label", "home"), [
    ("您所在的位置：", "本站首页"), ("当前位置:", "新闻网首页"), ("所在位置：", "首页"), ("现在位置：", "地方网"),
])
def test_location_labels_and_the_home_item_are_no_region(label: str, home: str) -> None:
    crumb = parse_breadcrumb(parse(
        f'{label}<a href="index.html">{home}</a> &gt;&gt; <a href="/henan/">河南</a> &gt;&gt; '
        f'<a href="/xinxiang/huixian/">辉县新闻</a> &gt;&gt; 正文'), BASE + "/xinxiang/news/1.html")
    assert (crumb.channel, crumb.region) == ("辉县新闻", ["河南", "辉县"])


def test_a_hyphen_separated_breadcrumb_in_a_table_cell_is_found() -> None:
    root = lxml_html.fromstring(
        '<body><table><tr><td><a href="/">首页</a> <a href="/about/">关于我们</a></td></tr>'
        '<tr><td>日期 2019-03-12 <a href="/a/">甲</a> <a href="/b/">乙</a></td></tr>'
        '<tr><td><a href="/">地方网</a> - <a href="/hunan/">湖南</a> - <a href="/hengyang/">衡阳市</a> - '
        '<a href="/hengyang/leiyang/">耒阳新闻</a> - 内容</td></tr></table></body>')
    crumb = parse_breadcrumb(find_breadcrumb(root), BASE + "/hengyang/news/1.html")
    assert (crumb.channel, crumb.channel_path, crumb.region) == ("耒阳新闻", "hengyang/leiyang", ["湖南", "衡阳市", "耒阳"])


@pytest.mark.parametrize("separator", ["-", "|"])
def test_a_breadcrumb_ending_with_the_page_itself_wins_over_a_nav_bar_above_it(separator: str) -> None:
    root = lxml_html.fromstring(
        f'<body><div><div><a href="/">首页</a> {separator} <a href="/news/">新闻</a> {separator} <a href="/about/">关于我们</a></div>'
        '<div><a href="/">地方网</a> &gt; <a href="/hunan/">湖南</a> &gt; <a href="/hengyang/leiyang/">耒阳新闻</a> &gt; '
        '<span>正文</span></div></div></body>')
    crumb = parse_breadcrumb(find_breadcrumb(root), BASE + "/hengyang/news/1.html")
    assert (crumb.channel, crumb.region) == ("耒阳新闻", ["湖南", "耒阳"])


def test_channel_path_from_absolute_and_file_hrefs() -> None:
    assert channel_path("https://www.yybnet.net/jining/qufu/", "http://127.0.0.1:8000/x.html") == "jining/qufu"
    assert channel_path("/jining/qufu/index.html", BASE) == "jining/qufu"


def test_breadcrumb_is_found_by_separators_not_by_a_nav_line() -> None:
    root = lxml_html.fromstring(
        '<body><div class="nav"><a href="/a/">甲新闻</a> <a href="/b/">乙新闻</a> <a href="/c/">丙新闻</a></div>'
        '<div><a href="/">首页</a> » <a href="/a/">甲新闻</a> » 正文</div></body>')
    assert find_breadcrumb(root).text_content().startswith("首页")


@pytest.mark.parametrize(("line", "source", "date"), [
    ("来源:济宁晚报 2015-06-22 07:21   https://www.yybnet.net/", "济宁晚报", "2015-06-22T07:21:00+08:00"),
    ("稿件来源：济宁日报　发布时间：2009年09月28日 10:02　点击数：", "济宁日报", "2009-09-28T10:02:00+08:00"),
    ("发布时间：2019-06-14 09:30:12 来源：大众日报", "大众日报", "2019-06-14T09:30:12+08:00"),
    ("济宁晚报 06-22 07:21", "济宁晚报", "2015-06-22T07:21:00+08:00"),
    ("咸阳日报 · 06-15 09:30", "咸阳日报", "2015-06-15T09:30:00+08:00"),
    ("济宁晚报 2015-06-22 07:21 点击：12", "济宁晚报", "2015-06-22T07:21:00+08:00"),
    ("2021年3月2日 14:05 大众日报", "大众日报", "2021-03-02T14:05:00+08:00"),
    ("来源：地方网 2016-03-08", None, "2016-03-08"),
    ("来源:https://www.yybnet.net/ 2016-03-08 09:12", None, "2016-03-08T09:12:00+08:00"),
    # Discuz! portal: 来自 is the article's source field, 发布者 the posting account
    ("2020-7-9 10:05 | 发布者: editor | 查看: 12 | 来自: 邢台日报", "邢台日报", "2020-07-09T10:05:00+08:00"),
])
def test_info_line_source_and_date(line: str, source: str | None, date: str) -> None:
    info = parse_info_line(line, url=f"{BASE}/jining/news/201506/1.html", now=NOW)
    assert (info.source, info.published_at) == (source, date)


def test_a_labelled_date_wins_over_other_dates_on_the_info_line() -> None:
    info = parse_info_line("建立于:2004年10月6日 日志:279 ggjjzhzz 发表于 2005-9-15 11:46:00", url=None, now=NOW)
    assert info.published_at == "2005-09-15T11:46:00+08:00"


def test_info_line_credit_fields() -> None:
    info = parse_info_line("作者：记者 孔茜 责任编辑:李娜 2017-09-01", url=None, now=NOW)
    assert info.credits == [Credit("孔茜", "记者"), Credit("李娜", "责任编辑", "editor")]


def test_the_cms_account_that_posted_a_page_is_no_credit() -> None:
    assert parse_info_line("发布者：王小明 2019-06-14 09:30", url=None, now=NOW).credits == []


def test_an_unknown_label_ends_a_credit_field() -> None:
    info = parse_info_line("- 作者： 流泉 访问统计： 2005年08月30日, 星期二 13:22", url=None, now=NOW)
    assert info.credits == [Credit("流泉")]
    assert info.published_at == "2005-08-30T13:22:00+08:00"


def test_fallback_reads_a_date_line_closing_the_post_and_drops_it_from_the_body() -> None:
    text = "<p>博客正文第一段，写了一些事情。</p><p>博客正文第二段，又写了一些事情。</p>"
    page = (f"<html><head><title>入住博客堂 - 博客</title></head><body><h2>入住博客堂</h2>"
            f"<div class='post'>{text}<p>发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)</p></div></body></html>")
    article = extract_html(page, "http://example.test/blog/1.html", now=NOW)
    assert article.published_at == "2004-12-27T12:40:00+08:00"
    assert article.body == ["博客正文第一段，写了一些事情。", "博客正文第二段，又写了一些事情。"]


def test_fallback_leaves_the_channel_blurb_out_of_a_short_article() -> None:
    page = ("<html><head><title>泗水举办桃花节_泗水新闻_地方网</title></head><body>"
            "<div class='lj'><a href='/'>地方网</a> &gt; <a href='/jining/sishui/'>泗水新闻</a> &gt; 正文</div>"
            "<div class='zw'><div class='bt'>泗水举办桃花节</div><div class='nr'><p>4月1日，泗水县第六届桃花节开幕。</p>"
            "<p>游客纷纷前来赏花。</p></div><div class='js'>泗水新闻,讲述家乡的故事。有观点、有态度,接地气的实时新闻。</div></div>"
            "</body></html>")
    article = extract_html(page, f"{BASE}/jining/news/201704/1.html", now=NOW)
    assert article.body == ["4月1日，泗水县第六届桃花节开幕。", "游客纷纷前来赏花。"]


def test_fallback_picks_the_article_over_a_wordier_sidebar() -> None:
    paragraph = "这是正文的一个段落，讲述了本地发生的一件事情，内容具体而且完整。"
    sidebar = "".join(f'<li><a href="/n/{i}.html">一条很长很长的其他新闻标题第{i}条</a></li>' for i in range(30))
    page = (f"<html><head><title>本地新闻标题_地方网</title></head><body><ul class='list'>{sidebar}</ul>"
            f"<h2>本地新闻标题</h2><div class='text'>{f'<p>{paragraph}</p>' * 3}</div></body></html>")
    article = extract_html(page, "http://example.test/n/1.html", now=NOW)
    assert article.body == [paragraph] * 3


def test_a_labelled_date_in_a_later_info_block_wins_over_the_box_above_it() -> None:
    page = ("<html><head><title>陈天华《警世钟》 - 博客</title></head><body><h1>陈天华《警世钟》</h1>"
            "<div>日志:279 评论:587 建立于:2004年10月6日</div><div>[湖湘文化] ggjjzhzz 发表于 2005-9-15 11:46:00</div>"
            "<div class='post'><p>陈天华是近代民主革命家，写下了《警世钟》。</p><p>全文慷慨激昂，号召国人救亡图存。</p></div>"
            "</body></html>")
    article = extract_html(page, "http://example.test/blog/2.html", now=NOW)
    assert article.published_at == "2005-09-15T11:46:00+08:00"


def test_fallback_reads_the_date_of_a_forum_posts_own_line_inside_the_body() -> None:
    page = ("<html><head><title>许先生演讲精选</title></head><body><h3>许先生演讲精选</h3><table><tr><td>"
            "<p>所以爱是什么，爱是由接受的人决定的。你认为你那些行为都是爱你的先生、太太和你的孩子吗？</p>"
            "<p>天下最大的权力架构就是父母和孩子，孩子来到人间的时候百分之百需要依赖父母供养。</p>"
            "<center>本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.</center>"
            "<p>郑重声明：任何言论纯属作者个人观点，与本论坛无关，转载请注明出处。</p>"
            "</td></tr></table><div>关于我们 联系我们</div></body></html>")
    article = extract_html(page, "http://example.test/forum/3.html", now=NOW)
    assert article.published_at == "2005-08-12T16:12:21+08:00"


def test_a_blog_page_of_several_posts_reads_the_first_posts_title_and_date() -> None:
    posts = "".join(
        f"<tr><td class='post-title'>{title}</td></tr><tr><td class='post-title'>{when}</td></tr>"
        f"<tr><td class='post-body'>{text}</td></tr>"
        for title, when, text in [
            ("湘菜粤菜 兵分两路", "2005-06-14 03:25:55", "湘菜粤菜兵分两路，新鲜的是，湘菜浓妆淡抹，粤菜却是明艳照人。虽然湖南人喜欢吃辣，但不得不多吃清淡的菜肴。"),
            ("澳坛真的累了", "2005-06-13 15:00:14", "当斑竹半年来，没有功劳也有苦劳，而一切都怪我太认真，我真的累了，想休息一阵子。"),
        ]
    )
    page = ("<html><head><title>海姑娘 | blog.example</title></head><body>"
            "<table><tr><td>[查看我的博客目录] [加入个人书签]</td></tr></table>"
            f"<div class='posts'><table>{posts}</table></div></body></html>")
    article = extract_html(page, "http://example.test/blog/4.html", now=NOW)
    assert (article.headline, article.published_at) == ("湘菜粤菜 兵分两路", "2005-06-14T03:25:55+08:00")
    assert "湘菜粤菜 兵分两路" not in article.body


def test_the_articles_own_time_element_above_the_headline_gives_the_date() -> None:
    text = "<p>县图书馆新馆昨日正式开放，首日接待读者三千余人次。</p><p>新馆藏书四十万册，设有少儿阅览区。</p>"
    page = ("<html><head><title>县图书馆新馆开放 – 某县新闻网</title></head><body>"
            "<div class='widget'><time datetime='2020-01-01T00:00:00+08:00'>元旦</time> <a href='/n/9'>另一条</a></div>"
            "<article><div class='meta'><a href='/n/1'><time datetime='2019-05-06T07:08:00+08:00'>2019年5月6日</time></a>"
            " <a href='/c/'>本地</a></div><h1>县图书馆新馆开放</h1>"
            f"<div class='content'>{text}</div>"
            "<div class='comments'><time datetime='2019-05-09T10:00:00+08:00'>5月9日</time> 好！</div></article>"
            "</body></html>")
    article = extract_html(page, "http://example.test/n/1.html", now=NOW)
    assert article.published_at == "2019-05-06T07:08:00+08:00"


@pytest.mark.parametrize(("info", "source"), [("发布时间：2019-05-06 07:08", "某某日报"), ("来源：某某晚报 2019-05-06 07:08", "某某晚报")])
def test_a_source_line_closing_the_text_is_the_source_when_the_info_line_has_none_and_never_body(info: str, source: str) -> None:
    text = "<p>县图书馆新馆昨日正式开放，首日接待读者三千余人次，不少家长带着孩子前来借书阅读。</p><p>新馆藏书四十万册，设有少儿阅览区。</p>"
    page = ("<html><head><title>县图书馆新馆开放_地方网</title></head><body><h1>县图书馆新馆开放</h1>"
            f"<div class='info'>{info}</div><div class='content'>{text}<p>（来源：某某日报）</p><p>责任编辑：王芳</p></div>"
            "</body></html>")
    article = extract_html(page, f"{BASE}/jining/news/201905/1.html", now=NOW)
    assert article.source == source
    assert article.body == ["县图书馆新馆昨日正式开放，首日接待读者三千余人次，不少家长带着孩子前来借书阅读。", "新馆藏书四十万册，设有少儿阅览区。"]
    assert article.editors == ["王芳"]


def test_source_lines_open_or_close_the_text_but_a_sentence_about_a_source_is_body() -> None:
    blocks = split_blocks(parse(
        "<p>【稿件来源：某某晚报】</p><p>正文第一段。</p><p>来源：调查显示，多数人赞成。</p><p>正文最后一段。</p>"), BASE)
    content = read_content(blocks)
    assert content.source == "某某晚报"
    assert content.paragraphs == ["正文第一段。", "来源：调查显示，多数人赞成。", "正文最后一段。"]


def test_a_source_line_on_the_last_page_names_the_source_of_a_multi_page_article() -> None:
    def page(n: int, tail: str) -> Page:
        html = (f"<html><head><title>县里开大会_地方网</title></head><body><h1>县里开大会</h1>"
                f"<div class='info'>发布时间：2019-05-06 07:08</div><div class='content'>"
                f"<p>第{n}页的正文段落，内容很长很长很长很长很长很长很长很长。</p>{tail}</div></body></html>")
        return Page(f"{BASE}/jining/news/201905/2{'_2' if n == 2 else ''}.html", html)
    article = extract_article([page(1, ""), page(2, "<p>（稿件来源：某某日报）</p>")], now=NOW)
    assert article.source == "某某日报"
    assert article.body == [f"第{n}页的正文段落，内容很长很长很长很长很长很长很长很长。" for n in (1, 2)]


def test_images_and_breadcrumb_links_resolve_against_the_pages_base_href():
    html = """<html><head><title>寿光蔬菜博览会开幕_寿光新闻_地方网</title>
    <base href="https://www.yybnet.net/weifang/shouguang/"></head><body>
    <div>当前位置：<a href="../../">地方网</a> &gt; <a href="../">潍坊市</a> &gt; <a href="./">寿光新闻</a> &gt; 正文</div>
    <h1>寿光蔬菜博览会开幕</h1><p>来源：寿光日报 2019-04-20 09:00</p>
    <div><p>　　第二十届中国（寿光）国际蔬菜科技博览会20日开幕，展会为期一个月。</p>
    <p><img src="../../uploadfile/2019/0420/a.jpg"></p>
    <p>　　本届菜博会共设12个展馆，展出蔬菜品种2000多个，吸引了来自全国各地的客商。</p></div>
    </body></html>"""
    article = extract_html(html, "http://127.0.0.1:9/weifang/news/201904/123.html")
    assert [image.src for image in article.images] == ["https://www.yybnet.net/uploadfile/2019/0420/a.jpg"]
    assert article.channel_path == "weifang/shouguang"


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("来源：烟台日报　2021-05-05 08:30　文/图 记者 孙明", [("孙明", "记者")]),
        ("记者 王芳 通讯员 李强 来源：大众日报 2020-01-02", [("王芳", "记者"), ("李强", "通讯员")]),
        ("来源：大众日报 2020-01-02 本报记者在现场", []),
    ],
)
def test_a_byline_without_a_label_in_the_info_line_is_read(line, credits):
    from newsarchive.extract.infoline import parse_info_line

    info = parse_info_line(line, url="https://www.yybnet.net/yantai/news/202105/1.html", now=None)
    assert [(c.name, c.role) for c in info.credits] == credits
    assert info.source in ("烟台日报", "大众日报")


def test_a_pointer_before_a_caption_and_an_editors_note_are_not_kept():
    html = """<html><head><title>蓬莱阁景区迎来客流高峰_地方网</title></head><body>
    <h1>蓬莱阁景区迎来客流高峰</h1><p>来源：烟台晚报 2021-05-03 09:00</p><div class="text">
    <div class="note">【编者按】海岸带是陆海交汇的生态敏感区，本报今起推出系列报道。</div>
    <p><img src="/a.jpg"></p><p class="pic">▲ 蓬莱阁景区游人如织。</p>
    <p>　　五一假期，蓬莱阁景区接待游客超过十万人次，同比增长三成，景区加派人手疏导客流。</p>
    <p>　　景区负责人介绍，今年新增了夜游项目，游客可以在灯光中欣赏古建筑群的夜景。</p></div></body></html>"""
    article = extract_html(html, "https://www.yybnet.net/yantai/news/202105/2.html")
    assert [image.caption for image in article.images] == ["蓬莱阁景区游人如织。"]
    assert article.body[0].startswith("五一假期")
    assert not any("编者按" in paragraph for paragraph in article.body)


def test_a_summary_box_and_an_end_mark_are_not_body_and_a_weekday_is_not_the_source():
    html = """<html><head><title>禹城为民服务中心改造完成_地方网</title></head><body>
    <h1>禹城为民服务中心改造完成</h1><div class="i">2021-08-02 10:20:05 星期一 德州日报</div><div class="t">
    <p><b>核心提示：</b>禹城市深化放管服改革，群众办事更方便。</p>
    <p>　　走进禹城市为民服务中心，宽敞明亮的大厅里，工作人员正在为前来办事的群众答疑解惑。</p>
    <p>　　据介绍，改造后的中心设置了综合窗口，企业和群众办事实现了一窗受理、集成服务。</p>
    <p>（完）</p></div></body></html>"""
    article = extract_html(html, "https://www.yybnet.net/dezhou/news/202108/1.html")
    assert article.source == "德州日报"
    assert article.published_at == "2021-08-02T10:20:05+08:00"
    assert [paragraph[:4] for paragraph in article.body] == ["走进禹城", "据介绍，"]


@pytest.mark.parametrize(
    ("heading", "headline"),
    [("惠民县：<br/>乡村振兴结硕果", "惠民县：乡村振兴结硕果"), ("惠民县乡村振兴结硕果<br/><span>2021-09-01 来源：滨州日报</span>", "惠民县乡村振兴结硕果")],
)
def test_a_title_line_ending_in_a_colon_goes_on_after_a_line_break(heading, headline):
    html = f"""<html><head><title>{headline}_地方网</title></head><body><h1>{heading}</h1>
    <p>来源：滨州日报 2021-09-01 08:00</p><div class="t">
    <p>　　今年以来，惠民县坚持农业农村优先发展，乡村产业不断壮大，农民收入稳步增长。</p>
    <p>　　全县新建高标准农田五万亩，培育家庭农场和农民合作社三百余家，带动群众增收致富。</p></div></body></html>"""
    assert extract_html(html, "https://www.yybnet.net/binzhou/news/202109/1.html").headline == headline
