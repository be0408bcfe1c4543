"""Build the third blind test portal: tests/blind3/site/ and its answer key tests/blind3/expected.json.

A fourth mirror of 地方网, for the city of 临沂, written without looking at the extractor nor at the
other mirrors' markup: an early-2010s page with id'd spans and `<br>` paragraphs, a headline with a
subtitle, a UTF-8 page whose meta says gbk, a page with traditional-script bylines, a table page
with `<font>` paragraphs and a 摘要 block, a mobile page, a two-page article, an article reached
through a 302 and one linked twice (with and without `?from=list`). Run
`python tests/blind3/build_site.py`, commit the outputs. The article data is in articles.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import ARTICLES, FEIXIAN, FEIXIAN_ARTICLES, LANLING, YINAN  # noqa: E402

from tests.blindkit import Portal, esc, first_text, run  # noqa: E402

LIVE = "https://www.yybnet.net"
MOBILE = "https://m.yybnet.net"
COUNTIES = [
    ("linyi", "临沂新闻"), ("linyi/lanshan", "兰山新闻"), ("linyi/luozhuang", "罗庄新闻"), ("linyi/hedong", "河东新闻"),
    ("linyi/yinan", "沂南新闻"), ("linyi/tancheng", "郯城新闻"), ("linyi/yishui", "沂水新闻"),
    ("linyi/lanling", "兰陵新闻"), ("linyi/feixian", "费县新闻"), ("linyi/pingyi", "平邑新闻"),
    ("linyi/junan", "莒南新闻"), ("linyi/mengyin", "蒙阴新闻"), ("linyi/linshu", "临沭新闻"),
]
PORTAL = Portal(HERE, "linyi", ("山东", "临沂市"), COUNTIES, ARTICLES)
path_of, neighbours, rows_of, write = PORTAL.path_of, PORTAL.neighbours, PORTAL.newest_first, PORTAL.write
BODY = ("p", "sub")  # the item kinds that are body paragraphs
HOT_ONLY = ("/linyi/news/201406/1201999.html", "临沂城区新增公共自行车站点50处")
IN_BOX_DATELINE = (
    "本报费县6月3日讯（记者 赵刚 通讯员 钱敏）6月2日，费县探沂镇的木业加工园区内一派繁忙景象，"
    "一车车板材正在装车发往全国各地……"
)
COMMENT = "沂南老乡：家乡越来越好了！记者孙浩写得很实在。"
COPYRIGHT = (
    "版权声明：凡本网注明“来源：地方网”的所有作品，版权均属于地方网，未经授权不得转载、摘编或利用其它方式使用。"
    "凡本网注明“来源：XXX（非地方网）”的作品，均转载自其它媒体，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。"
)


def link_of(article: dict) -> str:
    """Where the portal links an article from: m. pages on the mobile host, moved ones at their old URL."""
    if article.get("moved_from"):
        return path_of(article, article_id=article["moved_from"])
    return (MOBILE if article.get("mobile") else "") + path_of(article)


# ------------------------------------------------------------------ shared noise

def county_nav() -> str:
    return " | ".join(f'<a href="/{p}/">{esc(n)}</a>' for p, n in COUNTIES)


def crumb(article: dict) -> str:
    path, name, _ = article["channel"]
    if article.get("crumb") == "ul":
        return (f'<ul class="lyq-daohang"><li><a href="/">地方网</a></li><li><a href="/shandong/">山东</a></li>'
                f'<li><a href="/linyi/">临沂市</a></li><li><a href="/{path}/">{name}</a></li><li>正文</li></ul>')
    return (f'<div class="lyq-weizhi">位置：<a href="/">首页</a> &raquo; <a href="/shandong/">山东</a> &raquo; '
            f'<a href="/linyi/">临沂市</a> &raquo; <a href="/{path}/">{name}</a> &raquo; 正文</div>')


def after_body(article: dict) -> str:
    """What follows every article: 上一篇/下一篇, 分享到, 相关阅读, 热点新闻, 网友评论, 版权声明."""
    prev, nxt = neighbours(article)
    p = f'<a href="{link_of(prev)}">{esc(prev["headline"])}</a>' if prev else "没有了"
    n = f'<a href="{link_of(nxt)}">{esc(nxt["headline"])}</a>' if nxt else "没有了"
    fx_path, fx_name, _ = FEIXIAN
    related = "\n".join(f'<li><a href="{h}" target="_blank">{esc(t)}</a></li>' for h, t in FEIXIAN_ARTICLES)
    hot = "\n".join(f'<li><em>{i}</em><a href="{h}">{esc(t)}</a></li>'
                    for i, (h, t) in enumerate([*FEIXIAN_ARTICLES, HOT_ONLY], 1))
    return f"""<div class="lyq-shangxia"><div>上一篇：{p}</div><div>下一篇：{n}</div></div>
<div class="lyq-fenxiang">分享到：<a href="javascript:;">新浪微博</a> <a href="javascript:;">QQ空间</a> <a href="javascript:;">微信</a></div>
<div class="lyq-xiangguan"><div class="lyq-lanmu">相关阅读</div>
<dl><dt><a href="{FEIXIAN_ARTICLES[0][0]}">{esc(FEIXIAN_ARTICLES[0][1])}</a></dt><dd>{esc(IN_BOX_DATELINE)}</dd></dl>
<ul>
{related}
</ul><a href="/{fx_path}/">{fx_name}</a></div>
<div class="lyq-redian"><div class="lyq-lanmu">热点新闻</div><ol>
{hot}
</ol></div>
<div class="lyq-pinglun"><div class="lyq-lanmu">网友评论</div><p>{esc(COMMENT)}</p><p>已有1条评论 <a href="javascript:;">查看全部</a></p></div>
<div class="lyq-banquan">{esc(COPYRIGHT)}</div>"""


def head(article: dict, charset: str = "utf-8", viewport: bool = False) -> str:
    _, name, _ = article["channel"]
    vp = '\n<meta name="viewport" content="width=device-width, initial-scale=1">' if viewport else ""
    return f"""<head>
<meta charset="{charset}">{vp}
<title>{esc(article['headline'])}_{name}_地方网</title>
<meta name="keywords" content="{esc(article['headline'])},{name}">
<meta name="description" content="{esc(first_text(article)[:60])}">
</head>"""


# ------------------------------------------------------------------ 1. early-2010s portal page (ids, <br> paragraphs)

def render_portal2013(article: dict, page: int, items: list[tuple], count: int) -> str:
    parts = []
    for item in items:
        if item[0] in ("p", "byline", "sub"):
            parts.append(f"　　{esc(item[1])}<br>")
        elif item[0] == "img":
            parts.append(f'<center><img src="{item[1]}" border="0"></center><p align="center">{esc(item[2])}</p>')
    body = "\n".join(parts)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
{head(article)}
<body>
<div id="lyqTopNav">{county_nav()}</div>
{crumb(article)}
<table width="960" border="0" cellspacing="0" cellpadding="0" align="center" id="lyqMainTable"><tr><td valign="top">
<div id="newsTitle">{esc(article['headline'])}</div>
<div id="lyqNewsInfo"><span id="pubtime">{article['shown']}</span> <span id="source">稿件来源：{article['source']}</span> <span id="lyqHits">点击数：<script src="/count.php?id={article['id']}"></script></span></div>
<div id="newsContent">
{body}
</div>
{after_body(article)}
</td></tr></table>
</body>
</html>
"""


# ------------------------------------------------------------------ 2. headline + subtitle, h3 subheadings

def render_subtitle(article: dict, page: int, items: list[tuple], count: int) -> str:
    names = [c for c in article["credits"] if c["kind"] == "author"]
    byline = f"{article['paper']}记者 {names[0]['name']} 通讯员 {names[1]['name']}"
    # the 2014-era layout names no 来源 (only the reporter's paper); the later one has the label
    source = f"来源：{article['source']}　" if article["source"] else ""
    parts = []
    for item in items:
        if item[0] == "sub":
            parts.append(f"<h3>{esc(item[1])}</h3>")
        elif item[0] in ("p", "byline"):
            parts.append(f"<p>　　{esc(item[1])}</p>")
        elif item[0] == "img":
            parts.append(f'<p align="center"><img src="{item[1]}"></p><p align="center">{esc(item[2])}</p>')
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html>
{head(article)}
<body>
<div class="lyq-dingbu">{county_nav()}</div>
{crumb(article)}
<div class="lyq-wenzhang">
<h1>{esc(article['headline'])}</h1>
<h2 class="lyq-fubiaoti">{esc(article['subtitle'])}</h2>
<div class="lyq-shuxing">发布日期：{article['shown']}　{source}作者：{byline}</div>
<div class="lyq-zhengwen">
{body}
</div>
</div>
{after_body(article)}
</body>
</html>
"""


# ------------------------------------------------------------------ 3. UTF-8 bytes, meta says gbk

def render_charset_lie(article: dict, page: int, items: list[tuple], count: int) -> str:
    parts = []
    for item in items:
        if item[0] in ("p", "byline", "sub"):
            parts.append(f"<p>{esc(item[1])}</p>")
        elif item[0] == "img":
            parts.append(f'<p><img src="{item[1]}"></p><p class="lyq-shuoming">{esc(item[2])}</p>')
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html>
{head(article, charset="gbk")}
<body>
<div class="lyq-chengshi">{county_nav()}</div>
{crumb(article)}
<div class="lyq-biaoti"><h1>{esc(article['headline'])}</h1></div>
<p class="lyq-laiyuan">来源：{article['source']}　{article['shown']}</p>
<div class="lyq-neirong">
{body}
</div>
{after_body(article)}
</body>
</html>
"""


# ------------------------------------------------------------------ 4. traditional-script bylines

def render_traditional(article: dict, page: int, items: list[tuple], count: int) -> str:
    parts = []
    for item in items:
        if item[0] == "p":
            parts.append(f"<p>　　{esc(item[1])}</p>")
        elif item[0] == "byline":
            parts.append(f'<p style="text-align:right">{esc(item[1])}</p>')
        elif item[0] == "img":
            parts.append(f'<p style="text-align:center"><img src="{item[1]}" alt=""></p>'
                         f'<p class="lyq-tuzhu">{esc(item[2])}</p>')
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html>
{head(article)}
<body>
<div class="lyq-xiancheng">{county_nav()}</div>
{crumb(article)}
<div class="lyq-zhuti">
<h1 class="lyq-toutiao">{esc(article['headline'])}</h1>
<div class="lyq-riqi">{article['shown']}　来源：{article['source']}</div>
<div class="lyq-wen">
{body}
</div>
</div>
{after_body(article)}
</body>
</html>
"""


# ------------------------------------------------------------------ 5. table page: <div><font> paragraphs, 摘要 block

def render_td_font(article: dict, page: int, items: list[tuple], count: int) -> str:
    parts = []
    for item in items:
        if item[0] in ("p", "byline", "sub"):
            parts.append(f'<div><font face="宋体" style="font-size:14px"><font color="#333333">　　{esc(item[1])}</font></font></div>')
        elif item[0] == "img":
            parts.append(f'<div align="center"><img src="{item[1]}" border="0"></div>'
                         f'<div align="center"><font color="#666666">{esc(item[2])}</font></div>')
    body = "\n".join(parts)
    summary = (f'<tr><td><div class="lyq-zhaiyao">{esc(article["summary"])}</div></td></tr>'
               if article.get("summary") else "")
    return f"""<html>
{head(article)}
<body bgcolor="#FFFFFF">
<table width="100%" class="lyq-tou"><tr><td>{county_nav()}</td></tr></table>
<table width="760" align="center" class="lyq-dingwei"><tr><td>{crumb(article)}</td></tr></table>
<table width="760" align="center" border="0" cellpadding="4" class="lyq-biao">
<tr><td align="center" class="lyq-timu"><font size="5" color="#003366"><b>{esc(article['headline'])}</b></font></td></tr>
<tr><td align="center"><font color="#999999">时间：{article['shown']}　来源：{article['source']}</font></td></tr>
{summary}
<tr><td class="lyq-wenben">
{body}
</td></tr>
</table>
{after_body(article)}
</body>
</html>
"""


# ------------------------------------------------------------------ 6. mobile page

def render_mobile(article: dict, page: int, items: list[tuple], count: int) -> str:
    parts = []
    for item in items:
        if item[0] in ("p", "byline", "sub"):
            parts.append(f"<p>{esc(item[1])}</p>")
        elif item[0] == "img":
            parts.append(f'<figure><img src="{item[1]}"><figcaption>{esc(item[2])}</figcaption></figure>')
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html>
{head(article, viewport=True)}
<body>
<nav class="lyq-m-dh"><a href="/">地方网</a> <a href="/linyi/">临沂</a></nav>
{crumb(article)}
<header class="lyq-m-tou"><h1>{esc(article['headline'])}</h1></header>
<div>{article['source']} <span>{article['shown']}</span></div>
<main class="lyq-m-wen">
{body}
</main>
{after_body(article)}
</body>
</html>
"""


# ------------------------------------------------------------------ 7. two-page article with [1] [2] 下一页

def render_pagebar(article: dict, page: int, items: list[tuple], count: int) -> str:
    byline = "作者：" + " ".join(f"{c['role']} {c['name']}" for c in article["credits"] if c["kind"] == "author")
    parts = []
    for item in items:
        if item[0] == "sub":
            parts.append(f"<p><b>{esc(item[1])}</b></p>")
        elif item[0] in ("p", "byline"):
            parts.append(f"<p>　　{esc(item[1])}</p>")
    body = "\n".join(parts)
    first, second = path_of(article).rsplit("/", 1)[1], path_of(article, 2).rsplit("/", 1)[1]
    if page == 1:
        bar = f'<a href="{first}">[1]</a> <a href="{second}">[2]</a> <a href="{second}">下一页</a>'
    else:
        bar = f'<a href="{first}">上一页</a> <a href="{first}">[1]</a> <a href="{second}">[2]</a>'
    return f"""<!DOCTYPE html>
<html>
{head(article)}
<body>
<div class="lyq-quxian">{county_nav()}</div>
{crumb(article)}
<div class="lyq-kuang">
<h1 class="lyq-dabiaoti">{esc(article['headline'])}</h1>
<div class="lyq-xinxi">发布时间：{article['shown']}　来源：{article['source']}　{byline}</div>
<div class="lyq-wenzi">
{body}
</div>
<div class="lyq-fenye">{bar}</div>
</div>
{after_body(article)}
</body>
</html>
"""


RENDERERS = {
    "portal2013": render_portal2013,
    "subtitle": render_subtitle,
    "charset-lie": render_charset_lie,
    "traditional": render_traditional,
    "td-font": render_td_font,
    "mobile": render_mobile,
    "pagebar": render_pagebar,
    "redirect": render_portal2013,
    "query-twice": render_td_font,
}


# ------------------------------------------------------------------ list pages

def feixian_sidebar(host: str) -> str:
    path, name, _ = FEIXIAN
    links = "\n".join(f'<li><a href="{host}{h}">{esc(t)}</a></li>' for h, t in FEIXIAN_ARTICLES)
    return f'<div class="lyq-cebian"><h4><a href="{host}/{path}/">{name}</a></h4><ul>\n{links}\n</ul></div>'


def lanling_list(rows: list[dict], pager: str) -> str:
    path, name, _ = LANLING
    trs = "\n".join(
        f'<tr><td class="lyq-lb-bt">·<a href="{link_of(a)}" target="_blank">{esc(a["headline"])}</a></td>'
        f'<td class="lyq-lb-rq">{a["published_at"][:10]}</td></tr>' for a in rows)
    return f"""<html>
<head><meta charset="utf-8"><title>{name}_临沂_地方网</title></head>
<body>
<div class="lyq-lb-dh">{county_nav()}</div>
<div class="lyq-weizhi">位置：<a href="/">首页</a> &raquo; <a href="/shandong/">山东</a> &raquo; <a href="/linyi/">临沂市</a> &raquo; {name}</div>
<table width="700" class="lyq-lb-biao">
{trs}
</table>
<div class="lyq-lb-fy">{pager}</div>
{feixian_sidebar("")}
<div class="lyq-banquan">{esc(COPYRIGHT)}</div>
</body>
</html>
"""


def yinan_list(links: list[tuple[str, str, str]], pager: str) -> str:
    path, name, _ = YINAN
    lis = "\n".join(f'<li><span>{day}</span><a href="{href}">{esc(title)}</a></li>' for href, title, day in links)
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{name}_临沂_地方网</title></head>
<body>
<div class="lyq-lb-dh">{county_nav()}</div>
<ul class="lyq-daohang"><li><a href="{LIVE}/">地方网</a></li><li><a href="{LIVE}/shandong/">山东</a></li><li><a href="{LIVE}/linyi/">临沂市</a></li><li>{name}</li></ul>
<div class="left">
<ul class="lyq-lb-lie">
{lis}
</ul>
<div class="lyq-lb-fy">{pager}</div>
</div>
<div class="right">
{feixian_sidebar(LIVE)}
</div>
<div class="lyq-banquan">{esc(COPYRIGHT)}</div>
</body>
</html>
"""


def yinan_links(article: dict) -> list[tuple[str, str, str]]:
    day = article["published_at"][:10]
    href = link_of(article)
    href = href if href.startswith("http") else LIVE + href
    if article["template"] == "query-twice":
        return [(href + "?from=list", article["headline"], day), (href, article["headline"], day)]
    return [(href, article["headline"], day)]


def write_lists() -> None:
    rows = rows_of(LANLING)
    write(f"/{LANLING[0]}/index.html", lanling_list(rows[:3], (
        '<b>1</b> <a href="list_2.html">2</a> <a href="list_2.html">下一页</a> <a href="list_2.html">尾页</a>')))
    write(f"/{LANLING[0]}/list_2.html", lanling_list(rows[3:], (
        '<a href="index.html">首页</a> <a href="index.html">上一页</a> <a href="index.html">1</a> <b>2</b>')))

    rows = rows_of(YINAN)
    channel_url = f"{LIVE}/{YINAN[0]}/"
    first = [link for a in rows[:4] for link in yinan_links(a)]
    rest = [link for a in rows[4:] for link in yinan_links(a)]
    write(f"/{YINAN[0]}/index.html", yinan_list(first, (
        f'<strong>1</strong> <a href="{channel_url}?page=2">2</a> <a href="{channel_url}?page=2">下一页</a>')))
    write(f"/{YINAN[0]}/index@page=2.html", yinan_list(rest, (
        f'<a href="{channel_url}?page=1">上一页</a> <a href="{channel_url}?page=1">1</a> <strong>2</strong>')))

    trs = "\n".join(f'<tr><td><a href="{h}">{esc(t)}</a></td><td>2014-06-03</td></tr>' for h, t in FEIXIAN_ARTICLES)
    write(f"/{FEIXIAN[0]}/index.html",
          f'<html><head><meta charset="utf-8"><title>费县新闻_临沂_地方网</title></head><body><table>{trs}</table>'
          f'<a href="list_2.html">下一页</a></body></html>')
    write(f"/{FEIXIAN[0]}/list_2.html", '<html><head><meta charset="utf-8"></head><body></body></html>')
    for href, title in FEIXIAN_ARTICLES:
        write(href, f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
                    f'<p>来源：临沂日报 2014-06-03 08:00</p><p>{IN_BOX_DATELINE}</p></body></html>')


# ------------------------------------------------------------------ the build

def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /admin/\n")
    # all UTF-8 bytes; the charset-lie page's <meta> says gbk and the mirror's header names no charset
    PORTAL.write_articles(lambda article: RENDERERS[article["template"]])
    routes: dict[str, dict] = {}
    not_stored = []
    for article in ARTICLES:
        if article.get("moved_from"):
            old = path_of(article, article_id=article["moved_from"])
            routes[old] = {"redirect": path_of(article), "status": 302}
            not_stored.append({"path": old, "reason": f"302 redirect to {path_of(article)}: stored at its final URL"})
    write_lists()
    PORTAL.write_json("_routes.json", routes)

    asked = (LANLING[0], YINAN[0])
    never = PORTAL.never_requested(asked, {"/shandong/", f"/{FEIXIAN[0]}/list_2.html", HOT_ONLY[0]}
                                   | {href for href, _ in FEIXIAN_ARTICLES})
    PORTAL.write_expected(asked, {path_of(a): PORTAL.record(a, body=BODY) for a in ARTICLES}, never, not_stored)


if __name__ == "__main__":
    run(PORTAL, build)
