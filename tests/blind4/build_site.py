"""Build the fourth blind test portal: tests/blind4/site/ and its answer key tests/blind4/expected.json.

A fifth mirror of 地方网, for the city of 枣庄, written without looking at the extractor, the crawler
nor the other mirrors' markup. It stresses the list pages (a `<dl>` list under a photo strip whose
items are the channel's own articles, `list-2.html` pagination, a `?pageNo=2` list beside a box of
another channel and a 热门文章 ranking, absolute www. and http://m. links) as much as the articles
(an info row in a `<table>`, unlabelled `<em>` date / `<i>` source, bylines and 编辑/审核 lines after
the body, a blockquote and an `<ol>` in the body, a GBK page of 2009 with `<br><br>` paragraphs, a
two-page article whose page 2 repeats the headline with `(2)`, a table of figures and `<figcaption>`s).
Run `python tests/blind4/build_site.py`, commit the outputs. The article data is in articles.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import ARTICLES, SHANTING, TENGZHOU, XUECHENG, XUECHENG_ARTICLES  # noqa: E402

from tests.blindkit import Portal, esc, first_text, run  # noqa: E402

LIVE = "https://www.yybnet.net"
MOBILE = "http://m.yybnet.net"
COUNTIES = [
    ("zaozhuang", "枣庄新闻"), ("zaozhuang/shizhong", "市中新闻"), ("zaozhuang/xuecheng", "薛城新闻"),
    ("zaozhuang/yicheng", "峄城新闻"), ("zaozhuang/taierzhuang", "台儿庄新闻"), ("zaozhuang/shanting", "山亭新闻"),
    ("zaozhuang/tengzhou", "滕州新闻"),
]
PORTAL = Portal(HERE, "zaozhuang", ("山东", "枣庄市"), COUNTIES, ARTICLES)
path_of, neighbours, rows_of, write = PORTAL.path_of, PORTAL.neighbours, PORTAL.newest_first, PORTAL.write
BODY = ("p", "quote", "li")  # the item kinds that are body paragraphs
HOT_ONLY = ("/zaozhuang/news/201803/8011999.html", "薛城区一季度重点项目集中开工")
RELATED_DATELINE = (
    "本报薛城3月1日讯（记者 高峰 通讯员 韩雪）3月1日，薛城区临山公园、凤鸣湖公园等三处城市公园同时开工建设，"
    "建成后将新增绿地面积30万平方米……"
)
DISCLAIMER = (
    "免责声明：本网注明“来源：地方网”的作品，版权归地方网所有；注明其他来源的作品均转载自其它媒体，"
    "转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。如有侵权，请联系删除。"
)


def link_of(article: dict) -> str:
    """How the list pages link an article: root-relative, absolute on www., or on the http://m. host."""
    host = {"www": LIVE, "mobile": MOBILE}.get(article["link"], "")
    return host + path_of(article)


# ------------------------------------------------------------------ shared noise

def county_nav() -> str:
    return "".join(f'<li><a href="/{p}/">{esc(n)}</a></li>' for p, n in COUNTIES)


def crumb(article: dict) -> str:
    """首页 > 山东 > 枣庄市 > 滕州新闻 > 正文: links and `>` separators in spans."""
    path, name, _ = article["channel"]
    sep = '<span class="zzy-jiantou">&gt;</span>'
    return (f'<div class="zzy-lujing"><a href="/">首页</a>{sep}<a href="/shandong/">山东</a>{sep}'
            f'<a href="/zaozhuang/">枣庄市</a>{sep}<a href="/{path}/">{name}</a>{sep}<span>正文</span></div>')


def head(article: dict, page: int = 1, charset: str = "utf-8") -> str:
    _, name, _ = article["channel"]
    title = article["headline"] + ("" if page == 1 else f"({page})")
    meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset != "utf-8"
            else '<meta charset="utf-8">')
    return f"""<head>
{meta}
<title>{esc(title)} - {name} - 地方网</title>
<meta name="keywords" content="{esc(article['headline'])},{name},枣庄">
<meta name="description" content="{esc(first_text(article, ("p", "quote"))[:60])}">
</head>"""


def after_body(article: dict) -> str:
    """What follows every article: 相关新闻 (a 薛城 dateline with a reporter), 延伸阅读, 精彩推荐,
    上一篇/下一篇, 分享到, 免责声明."""
    prev, nxt = neighbours(article)
    p = f'<a href="{path_of(prev)}">{esc(prev["headline"])}</a>' if prev else "没有了"
    n = f'<a href="{path_of(nxt)}">{esc(nxt["headline"])}</a>' if nxt else "没有了"
    further = "\n".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in XUECHENG_ARTICLES[1:])
    picks = "\n".join(f'<li><a href="{LIVE}{h}"><img src="/uploadfile/tuijian/{i}.jpg"><span>{esc(t)}</span></a></li>'
                      for i, (h, t) in enumerate([*XUECHENG_ARTICLES, HOT_ONLY], 1))
    return f"""<div class="zzy-xgxw"><h3>相关新闻</h3>
<dl><dt><a href="{XUECHENG_ARTICLES[0][0]}">{esc(XUECHENG_ARTICLES[0][1])}</a></dt><dd>{esc(RELATED_DATELINE)}</dd></dl></div>
<div class="zzy-ysyd"><h3>延伸阅读</h3><ul>
{further}
</ul></div>
<div class="zzy-jctj"><h3>精彩推荐</h3><ul>
{picks}
</ul></div>
<div class="zzy-sxp"><p>上一篇：{p}</p><p>下一篇：{n}</p></div>
<div class="zzy-fxd">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a> <a href="javascript:void(0)">QQ空间</a></div>
<div class="zzy-mzsm">{esc(DISCLAIMER)}</div>"""


def page_shell(article: dict, page: int, main: str, charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html>
<html>
{head(article, page, charset)}
<body>
<ul class="zzy-dhl">{county_nav()}</ul>
{crumb(article)}
{main}
{after_body(article)}
</body>
</html>
"""


def plain_paragraphs(items: list[tuple]) -> str:
    parts = []
    for item in items:
        if item[0] in ("p", "byline"):
            parts.append(f"<p>　　{esc(item[1])}</p>")
        elif item[0] == "img":
            parts.append(f'<p style="text-align:center"><img src="{item[1]}" alt=""></p>'
                         f'<p class="zzy-tusm">{esc(item[2])}</p>')
    return "\n".join(parts)


# ------------------------------------------------------------------ 1. info in a table row

def render_table_info(article: dict, page: int, items: list[tuple], count: int) -> str:
    return page_shell(article, page, f"""<div class="zzy-wzk">
<h1 class="zzy-wzbt">{esc(article['headline'])}</h1>
<table class="zzy-xxb" width="100%"><tr><td>来源：<a href="{article['source_href']}" target="_blank">{article['source']}</a></td><td>发布时间：{article['shown']}</td><td>作者：{article['byline']}</td></tr></table>
<div class="zzy-zw">
{plain_paragraphs(items)}
</div>
</div>""")


# ------------------------------------------------------------------ 2. unlabelled <em> date and <i> source

def render_em_i(article: dict, page: int, items: list[tuple], count: int) -> str:
    return page_shell(article, page, f"""<article class="zzy-wenzhang">
<h1>{esc(article['headline'])}</h1>
<div class="zzy-shijian"><em>{article['shown']}</em><i>{article['source']}</i></div>
<section class="zzy-neirong">
{plain_paragraphs(items)}
</section>
</article>""")


# ------------------------------------------------------------------ 3. byline, 编辑 and 审核 after the body

def render_byline_after(article: dict, page: int, items: list[tuple], count: int) -> str:
    parts = []
    for item in items:
        if item[0] == "p":
            parts.append(f"<p>　　{esc(item[1])}</p>")
        elif item[0] == "byline":
            parts.append(f'<p style="text-align:right">{esc(item[1])}</p>')
    body = "\n".join(parts)
    return page_shell(article, page, f"""<div class="zzy-nr">
<h2 class="zzy-da">{esc(article['headline'])}</h2>
<div class="zzy-sx">{article['shown']}　来源：{article['source']}　<span class="zzy-dj">阅读：<b>128</b></span></div>
<div class="zzy-txt">
{body}
</div>
</div>""")


# ------------------------------------------------------------------ 4. blockquote (引言) and an ordered list in the body

def render_quote_list(article: dict, page: int, items: list[tuple], count: int) -> str:
    parts: list[str] = []
    for item in items:
        if item[0] == "li":
            if not parts or not parts[-1].startswith("<ol>"):
                parts.append("<ol>\n</ol>")
            parts[-1] = parts[-1].removesuffix("</ol>") + f"<li>{esc(item[1])}</li>\n</ol>"
        elif item[0] == "quote":
            parts.append(f'<blockquote class="zzy-yinyan"><p>{esc(item[1])}</p></blockquote>')
        elif item[0] in ("p", "byline"):
            parts.append(f"<p>{esc(item[1])}</p>")
    body = "\n".join(parts)
    return page_shell(article, page, f"""<div class="zzy-zhu">
<div class="zzy-bti"><h1>{esc(article['headline'])}</h1></div>
<p class="zzy-shuju"><span>{article['shown']}</span><span>来源：{article['source']}</span></p>
<div class="zzy-wb">
{body}
</div>
</div>""")


# ------------------------------------------------------------------ 5. a 2009 GBK table page with <br><br> paragraphs

def render_gbk_old(article: dict, page: int, items: list[tuple], count: int) -> str:
    path, name, _ = article["channel"]
    body = "<br><br>\n".join(f"　　{esc(item[1])}" for item in items if item[0] in ("p", "byline"))
    nav = " | ".join(f'<a href="/{p}/">{esc(n)}</a>' for p, n in COUNTIES)
    return f"""<html>
{head(article, page, charset="gbk")}
<body topmargin="0">
<table width="778" align="center" border="0"><tr><td class="zzy-jiu-dh">{nav}</td></tr></table>
<table width="778" align="center" border="0"><tr><td class="zzy-jiu-wz">您现在的位置：<a href="/">首页</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/zaozhuang/">枣庄市</a> &gt; <a href="/{path}/">{name}</a> &gt; 正文</td></tr></table>
<table width="778" align="center" border="0" cellpadding="6" class="zzy-jiu-zt">
<tr><td align="center"><b><font size=4>{esc(article['headline'])}</font></b></td></tr>
<tr><td align="center" class="zzy-jiu-xx">来源：{article['source']}　　时间：{article['shown']}</td></tr>
<tr><td class="zzy-jiu-zw">
{body}
</td></tr>
</table>
{after_body(article)}
</body>
</html>
"""


# ------------------------------------------------------------------ 6. two pages: 第2页 / 下一页, page 2 headline with (2)

def render_two_page(article: dict, page: int, items: list[tuple], count: int) -> str:
    first, second = path_of(article).rsplit("/", 1)[1], path_of(article, 2).rsplit("/", 1)[1]
    if page == 1:
        bar = f'<span>第1页</span> <a href="{second}">第2页</a> <a href="{second}">下一页</a>'
    else:
        bar = f'<a href="{first}">上一页</a> <a href="{first}">第1页</a> <span>第2页</span>'
    headline = article["headline"] + ("" if page == 1 else f"({page})")
    return page_shell(article, page, f"""<div class="zzy-fy-wz">
<div class="zzy-fy-bt"><h1>{esc(headline)}</h1></div>
<div class="zzy-fy-xx">时间：{article['shown']}　来源：{article['source']}　作者：{article['byline']}</div>
<div class="zzy-fy-zw">
{plain_paragraphs(items)}
</div>
<div class="zzy-fy-tiao">{bar}</div>
</div>""")


# ------------------------------------------------------------------ 7. a table of figures and <figure>/<figcaption> images

def render_figures(article: dict, page: int, items: list[tuple], count: int) -> str:
    parts = []
    for item in items:
        if item[0] in ("p", "byline"):
            parts.append(f"<p>{esc(item[1])}</p>")
        elif item[0] == "img":
            parts.append(f'<figure class="zzy-tp"><img src="{item[1]}" alt="{esc(item[2])}"><figcaption>{esc(item[2])}</figcaption></figure>')
        elif item[0] == "table":
            head_row, *rows = item[1]
            trs = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>\n" for r in rows)
            parts.append('<table class="zzy-sjb" border="1" cellspacing="0">\n<tr>'
                         + "".join(f"<th>{esc(c)}</th>" for c in head_row) + f"</tr>\n{trs}</table>")
    body = "\n".join(parts)
    return page_shell(article, page, f"""<main class="zzy-zhuti">
<h1 class="zzy-biaoti">{esc(article['headline'])}</h1>
<div class="zzy-xinxi">发布时间：{article['shown']} | 来源：{article['source']}</div>
<div class="zzy-zhengwen">
{body}
</div>
</main>""")


RENDERERS = {
    "table-info": render_table_info,
    "em-i": render_em_i,
    "byline-after": render_byline_after,
    "quote-list": render_quote_list,
    "gbk-old": render_gbk_old,
    "two-page": render_two_page,
    "figures": render_figures,
}


# ------------------------------------------------------------------ list pages

def list_head(name: str) -> str:
    return f'<head><meta charset="utf-8"><title>{name} - 枣庄 - 地方网</title></head>'


def tengzhou_list(rows: list[dict], strip: list[dict], pager: str) -> str:
    path, name, _ = TENGZHOU
    photos = "\n".join(
        f'<li><a href="{link_of(a)}" target="_blank"><img src="/uploadfile/suolvetu/{a["id"]}.jpg">'
        f'<p>{esc(a["headline"])}</p></a></li>' for a in strip)
    dls = "\n".join(
        f'<dl><dt><a href="{link_of(a)}" target="_blank">{esc(a["headline"])}</a></dt>'
        f'<dd>{esc(first_text(a, ("p", "quote"))[:48])}… <span>{a["published_at"][:10]}</span></dd></dl>' for a in rows)
    return f"""<!DOCTYPE html>
<html>
{list_head(name)}
<body>
<ul class="zzy-dhl">{county_nav()}</ul>
<div class="zzy-lujing"><a href="/">首页</a><span class="zzy-jiantou">&gt;</span><a href="/shandong/">山东</a><span class="zzy-jiantou">&gt;</span><a href="/zaozhuang/">枣庄市</a><span class="zzy-jiantou">&gt;</span><span>{name}</span></div>
<div class="zzy-ttz"><ul>
{photos}
</ul></div>
<div class="zzy-lbk">
<div class="zzy-lbt"><span>{name}</span><a href="/{path}/">更多&gt;&gt;</a></div>
{dls}
<div class="zzy-ym">{pager}</div>
</div>
<div class="zzy-mzsm">{esc(DISCLAIMER)}</div>
</body>
</html>
"""


def shanting_list(rows: list[dict], pager: str) -> str:
    path, name, _ = SHANTING
    x_path, x_name, _ = XUECHENG
    lis = "\n".join(f'<li><a href="{link_of(a)}">{esc(a["headline"])}</a><span>{a["published_at"][5:10]}</span></li>'
                    for a in rows)
    side = "\n".join(f'<li><a href="{LIVE}{h}">{esc(t)}</a></li>' for h, t in XUECHENG_ARTICLES)
    ranked = [(h, t) for h, t in [HOT_ONLY, XUECHENG_ARTICLES[0]]]
    ranked += [(path_of(a), a["headline"]) for a in rows_of(SHANTING)[:2]] + [XUECHENG_ARTICLES[2]]
    hot = "\n".join(f'<li><i>{i}</i><a href="{h}">{esc(t)}</a></li>' for i, (h, t) in enumerate(ranked, 1))
    return f"""<!DOCTYPE html>
<html>
{list_head(name)}
<body>
<ul class="zzy-dhl">{county_nav()}</ul>
<div class="zzy-lujing"><a href="/">首页</a><span class="zzy-jiantou">&gt;</span><a href="/shandong/">山东</a><span class="zzy-jiantou">&gt;</span><a href="/zaozhuang/">枣庄市</a><span class="zzy-jiantou">&gt;</span><span>{name}</span></div>
<div class="zzy-zuo">
<div class="zzy-hz">
<div class="zzy-hzt"><span>{name}</span><a href="/{path}/">更多</a></div>
<ul class="zzy-xwl">
{lis}
</ul>
<div class="zzy-fenye">{pager}</div>
</div>
<div class="zzy-hz">
<div class="zzy-hzt"><span>{x_name}</span><a href="/{x_path}/">更多</a></div>
<ul class="zzy-xwl">
{side}
</ul>
</div>
</div>
<div class="zzy-you">
<div class="zzy-rm"><h3>热门文章</h3><ol>
{hot}
</ol></div>
</div>
<div class="zzy-mzsm">{esc(DISCLAIMER)}</div>
</body>
</html>
"""


def write_lists() -> None:
    rows = rows_of(TENGZHOU)
    # the photo strip: the article linked nowhere else in the channel, and the newest listed one
    strip = [a for a in rows if a["link"] == "strip-only"] + [a for a in rows if a["link"] != "strip-only"][:1]
    listed = [a for a in rows if a["link"] != "strip-only"]
    write(f"/{TENGZHOU[0]}/index.html", tengzhou_list(listed[:3], strip, (
        '<span>上一页</span> <b>1</b> <a href="list-2.html">2</a> <a href="list-2.html">下一页</a> '
        '<a href="list-2.html">末页</a>')))
    write(f"/{TENGZHOU[0]}/list-2.html", tengzhou_list(listed[3:], strip, (
        '<a href="index.html">上一页</a> <a href="index.html">1</a> <b>2</b> <span>下一页</span> <span>末页</span>')))

    rows = rows_of(SHANTING)
    write(f"/{SHANTING[0]}/index.html", shanting_list(rows[:3], (
        '<span class="zzy-dq">1</span> <a href="?pageNo=2">2</a> <a href="?pageNo=2">下一页</a>')))
    write(f"/{SHANTING[0]}/index@pageNo=2.html", shanting_list(rows[3:], (
        '<a href="?pageNo=1">上一页</a> <a href="?pageNo=1">1</a> <span class="zzy-dq">2</span>')))

    items = "\n".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in XUECHENG_ARTICLES)
    write(f"/{XUECHENG[0]}/index.html",
          f'<html>{list_head(XUECHENG[1])}<body><ul>{items}</ul><a href="list-2.html">下一页</a></body></html>')
    write(f"/{XUECHENG[0]}/list-2.html", '<html><head><meta charset="utf-8"></head><body></body></html>')
    for href, title in [*XUECHENG_ARTICLES, HOT_ONLY]:
        write(href, f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
                    f'<p>来源：枣庄日报 2018-03-02 08:00</p><p>{RELATED_DATELINE}</p></body></html>')


# ------------------------------------------------------------------ the build

def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /admin/\n")
    PORTAL.write_articles(lambda article: RENDERERS[article["template"]],
                          lambda article: "gbk" if article["template"] == "gbk-old" else "utf-8")
    write_lists()
    asked = (TENGZHOU[0], SHANTING[0])
    never = PORTAL.never_requested(asked, {"/shandong/", f"/{XUECHENG[0]}/list-2.html", HOT_ONLY[0]}
                                   | {href for href, _ in XUECHENG_ARTICLES})
    PORTAL.write_expected(asked, {path_of(a): PORTAL.record(a, body=BODY) for a in ARTICLES}, never)


if __name__ == "__main__":
    run(PORTAL, build)
