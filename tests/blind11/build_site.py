"""Build the eleventh blind test portal: tests/blind11/site/ and its answer key tests/blind11/expected.json.

A mirror of 地方网 for the city of 泰安: two asked channels (肥城, 宁阳) and one nobody asked for (东平).
Both lists give each item its own `<h3>` heading, with headlines that use the words of box titles
(周边, 推荐, 排行, 精彩, 头条, 关注); beside them, boxes of 东平 articles and a site-wide 热点排行 whose
articles must never be requested. 宁阳's list links one article at its old CMS address, which the server
answers with a 301. Five article templates (README.md). Written with tests/blindkit.py, without looking
at the extractor, the crawler nor the other mirrors' markup. Run `python tests/blind11/build_site.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import (  # noqa: E402
    ARTICLES,
    DONGPING,
    DONGPING_ARTICLES,
    FEICHENG,
    NINGYANG,
    SITE_WIDE_ARTICLES,
)

from tests.blindkit import Portal, attr, esc, first_text, run, stub_article, stub_list  # noqa: E402

COUNTIES = [
    ("taian", "泰安新闻"), ("taian/taishan", "泰山新闻"), ("taian/daiyue", "岱岳新闻"), ("taian/xintai", "新泰新闻"),
    ("taian/feicheng", "肥城新闻"), ("taian/ningyang", "宁阳新闻"), ("taian/dongping", "东平新闻"),
]
PORTAL = Portal(HERE, "taian", ("山东", "泰安市"), COUNTIES, ARTICLES)
path_of, of, write = PORTAL.path_of, PORTAL.of, PORTAL.write
INDENT = "\u3000\u3000"
# a summary of another county's article under the body: its dateline names reporters who are no authors here
DONGPING_SUMMARY = "本报东平7月10日讯（记者 郑凯 通讯员 邵华）东平湖生态旅游季日前启动，推出湖区观光、渔家体验等线路……"


def listed(article: dict) -> str:
    """The URL a channel list links the article by."""
    return article.get("listed") or path_of(article)


def county_nav() -> str:
    return "".join(f'<a href="/{p}/">{esc(n)}</a>' for p, n in COUNTIES)


def crumb_links(article: dict, sep: str) -> str:
    path, name, _ = article["channel"]
    return sep.join(['<a href="/">地方网</a>', '<a href="/shandong/">山东</a>', '<a href="/taian/">泰安市</a>',
                     f'<a href="/{path}/">{name}</a>'])


def links(pairs: list[tuple[str, str]]) -> str:
    return "".join(f'<li><a href="{href}" target="_blank">{esc(title)}</a></li>' for href, title in pairs)


# ------------------------------------------------------------------ article pages (utf-8, shared shell)

def paragraphs(items: list[tuple]) -> str:
    """Body items as `<p>`s (indented text, bare bylines and editor lines), pictures with the line under them."""
    out = []
    for item in items:
        if item[0] == "img":
            out.append(f'<div class="tax-tu" style="text-align:center"><img src="{item[1]}" alt="" />'
                       f'<p style="text-align:center">{esc(item[2])}</p></div>')
        elif item[0] == "p":
            out.append(f"<p>{INDENT}{esc(item[1])}</p>")
        else:
            out.append(f"<p>{esc(item[1])}</p>")
    return "\n".join(out)


def neighbour_line(label: str, other: dict | None) -> str:
    link = f'<a href="{path_of(other)}">{esc(other["headline"])}</a>' if other else "没有了"
    return f"<p>{label}：{link}</p>"


def page_shell(article: dict, main: str) -> str:
    _, name, _ = article["channel"]
    prev, nxt = PORTAL.neighbours(article)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{esc(article['headline'])}_{name}_地方网</title>
<meta name="author" content="地方网">
<meta name="description" content="{attr(first_text(article)[:60])}">
</head>
<body>
<div class="tax-top"><a href="/"><img src="/images/tax/logo.png" alt="地方网"></a></div>
<div class="tax-dh">{county_nav()}</div>
<div class="tax-weizhi">您现在的位置：{crumb_links(article, " &gt; ")} &gt; 正文</div>
<div class="tax-zuo">
{main}
<div class="tax-fenxiang">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="tax-sxp">{neighbour_line("上一篇", prev)}{neighbour_line("下一篇", nxt)}</div>
<div class="tax-xg"><h3>相关新闻</h3><ul>{links(DONGPING_ARTICLES)}</ul></div>
<div class="tax-cnxh"><h3>猜你喜欢</h3><div class="tax-cnxh-item"><a href="{DONGPING_ARTICLES[0][0]}">{esc(DONGPING_ARTICLES[0][1])}</a>
<p>{esc(DONGPING_SUMMARY)}</p></div></div>
</div>
<div class="tax-you"><h3>热点排行</h3><ol>{links(SITE_WIDE_ARTICLES)}</ol></div>
<div class="tax-di">Copyright © 2008-2021 地方网 版权所有　本站原创内容，转载请注明来源：地方网</div>
</body>
</html>
"""


def render_span_counter(article: dict) -> str:
    """Headline in a `<div><h3>`, an info line of adjacent `<span>`s (counters among them), editor line below."""
    return page_shell(article, f"""<div class="tax-wz">
<div class="tax-bt"><h3>{esc(article['headline'])}</h3></div>
<div class="tax-xx">{article['info']}</div>
<div class="tax-zw">
{paragraphs(article['items'])}
</div>
{article.get('after', '')}
</div>""")


def render_kicker_subtitle(article: dict) -> str:
    """The info line above a 引题, the `<h1>` and a 副题; the byline is the body's first paragraph."""
    return page_shell(article, f"""<div class="tax-wz2">
<div class="tax-shuxing">{article['info']}</div>
<div class="tax-yt">{esc(article['kicker'])}</div>
<h1 class="tax-h1">{esc(article['headline'])}</h1>
<div class="tax-ft">{esc(article['subtitle'])}</div>
<div class="tax-nr">
{paragraphs(article['items'])}
</div>
</div>""")


def render_photo_story(article: dict) -> str:
    """`<h1>`, an info `<ul>` of `<li>`s, pictures with a centred line under each, a `文/图` credit line."""
    return page_shell(article, f"""<div class="tax-tuji">
<h1>{esc(article['headline'])}</h1>
<ul class="tax-meta">{article['info']}</ul>
<div class="tax-tw">
{paragraphs(article['items'])}
</div>
</div>""")


# ------------------------------------------------------------------ the 2010-2011 GBK page

def render_gbk_runs(article: dict) -> str:
    """Nested tables, `charset=gb2312` (GBK bytes), the body as text runs between `<br><br>`, no `<p>`."""
    _, name, _ = article["channel"]
    runs = "<br><br>\n".join(INDENT + esc(i[1]) if i[0] == "p" else esc(i[1]) for i in article["items"])
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{esc(article['headline'])}--{name}--地方网</title>
</head>
<body>
<table width="960" align="center"><tr><td class="tax-jdh">{county_nav()}</td></tr></table>
<table width="960" align="center"><tr><td>当前位置：{crumb_links(article, " &gt;&gt; ")}</td></tr></table>
<table width="960" align="center"><tr>
<td width="700" valign="top">
<table width="100%">
<tr><td align="center" class="tax-jbt"><strong>{esc(article['headline'])}</strong></td></tr>
<tr><td align="center" class="tax-jxx">{article['info']}</td></tr>
<tr><td class="tax-jnr">
{runs}
</td></tr>
</table>
</td>
<td width="250" valign="top"><b>相关文章</b><br>{"<br>".join(f'<a href="{h}">{esc(t)}</a>' for h, t in DONGPING_ARTICLES)}</td>
</tr></table>
<table width="960" align="center"><tr><td align="center">版权所有 地方网</td></tr></table>
</body>
</html>
"""


# ------------------------------------------------------------------ the mobile page

def sections(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] == "img":
            # the real picture in data-src; src is the lazy loader's grey placeholder
            out.append(f'<section class="tax-m-tu"><img src="/images/tax/grey.gif" data-src="{item[1]}" alt="">'
                       f'<p style="text-align:center">{esc(item[2])}</p></section>')
        elif item[0] == "p":
            out.append(f"<section>{INDENT}{esc(item[1])}</section>")
        else:
            out.append(f"<section>{esc(item[1])}</section>")
    return "\n".join(out)


def render_mobile_spans(article: dict) -> str:
    """m. page: `<h1>`, then source and a yearless time in two adjacent `<span>`s, `<section>` paragraphs."""
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(article['headline'])}_地方网手机版</title>
<link rel="canonical" href="https://www.yybnet.net{path_of(article)}">
</head>
<body>
<header class="tax-m-top"><a href="/">地方网</a></header>
<div class="tax-m-wz">{crumb_links(article, " &gt; ")}</div>
<article class="tax-m-art">
<h1 class="tax-m-bt">{esc(article['headline'])}</h1>
<div class="tax-m-info">{article['info']}</div>
<div class="tax-m-zw">
{sections(article['items'])}
</div>
<div class="tax-m-app"><a href="#">打开APP阅读全文</a></div>
</article>
<div class="tax-m-tj"><h3>推荐阅读</h3><ul>{links(DONGPING_ARTICLES)}</ul></div>
<footer>地方网手机版</footer>
</body>
</html>
"""


RENDERERS = {
    "span-counter": render_span_counter,
    "kicker-subtitle": render_kicker_subtitle,
    "photo-story": render_photo_story,
    "gbk-runs": render_gbk_runs,
    "mobile-spans": render_mobile_spans,
}


# ------------------------------------------------------------------ list pages

def summary(article: dict) -> str:
    return esc(first_text(article)[:30]) + "…"


def list_shell(channel: tuple, main: str, side: str) -> str:
    path, name, _ = channel
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{name}_泰安_地方网</title></head>
<body>
<div class="tax-top"><a href="/"><img src="/images/tax/logo.png" alt="地方网"></a></div>
<div class="tax-dh">{county_nav()}</div>
<div class="tax-weizhi">您现在的位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/taian/">泰安市</a> &gt; {name}</div>
<div class="tax-zuo">
{main}
</div>
<div class="tax-you">
{side}
</div>
<div class="tax-di">Copyright © 2008-2021 地方网 版权所有</div>
</body>
</html>
"""


def feicheng_list(rows: list[dict], pager: str) -> str:
    """Each item a `<div>` with its own `<h3>`, a summary and a date; boxes of `<h3>` + `<ul>`/`<ol>` beside."""
    items = "\n".join(
        f'<div class="tax-item"><h3><a href="{listed(a)}" target="_blank">{esc(a["headline"])}</a></h3>'
        f'<p class="tax-zy">{summary(a)}</p><div class="tax-sj">{a["published_at"][:10]} <span>{esc(a["source"])}</span></div></div>'
        for a in rows)
    main = f"""<div class="tax-lanmu-tt"><span>肥城新闻</span></div>
<div class="tax-list">
{items}
</div>
<div class="tax-fy">{pager}</div>"""
    side = f"""<div class="tax-box"><h3>东平新闻</h3><ul>{links(DONGPING_ARTICLES)}</ul></div>
<div class="tax-box"><h3>热点排行</h3><ol>{links(SITE_WIDE_ARTICLES)}</ol></div>"""
    return list_shell(FEICHENG, main, side)


def ningyang_list(rows: list[dict], pager: str) -> str:
    """`<ul>` items of thumbnail + `<h3>` + summary + date; a 周边推荐 box of the same item shape, of 东平 articles."""
    items = "\n".join(
        f'<li><a href="{listed(a)}" class="tax-pic"><img src="/uploadfile/slt/{a["id"]}.jpg" alt=""></a>'
        f'<h3><a href="{listed(a)}" title="{attr(a["headline"])}">{esc(a.get("list_title", a["headline"]))}</a></h3>'
        f'<p>{summary(a)}</p><span class="tax-rq">{a["published_at"][:10]}</span></li>'
        for a in rows)
    nearby = "\n".join(f'<li><h3><a href="{href}">{esc(title)}</a></h3><span class="tax-rq">2021-07-01</span></li>'
                       for href, title in DONGPING_ARTICLES)
    main = f"""<div class="tax-ny-hd"><h2>宁阳新闻</h2><a href="/taian/ningyang/">更多&gt;&gt;</a></div>
<ul class="tax-news">
{items}
</ul>
<div class="tax-pages">{pager}</div>
<div class="tax-tj"><div class="tax-tj-tt">周边推荐</div><ul>
{nearby}
</ul></div>"""
    side = f"""<div class="tax-rank"><div class="tax-rank-tt">热点排行</div><ol>{links(SITE_WIDE_ARTICLES)}</ol></div>"""
    return list_shell(NINGYANG, main, side)


def write_lists() -> None:
    rows = of(FEICHENG)
    write(f"/{FEICHENG[0]}/index.html", feicheng_list(rows[:4], (
        '<span>首页</span> <span>上一页</span> <b>1</b> <a href="list_2.html">2</a> <a href="list_2.html">下一页</a> '
        '<a href="list_2.html">尾页</a>')))
    write(f"/{FEICHENG[0]}/list_2.html", feicheng_list(rows[4:], (
        '<a href="index.html">首页</a> <a href="index.html">上一页</a> <a href="index.html">1</a> <b>2</b> '
        '<span>下一页</span> <span>尾页</span>')))

    rows = of(NINGYANG)
    write(f"/{NINGYANG[0]}/index.html", ningyang_list(rows[:3], '<em>1</em><a href="2.html">2</a><a href="2.html">下一页</a>'))
    write(f"/{NINGYANG[0]}/2.html", ningyang_list(rows[3:], '<a href="./">上一页</a><a href="./">1</a><em>2</em>'))

    # the never-asked pages exist, so a crawler that strays is seen straying
    write(f"/{DONGPING[0]}/index.html", stub_list(DONGPING_ARTICLES, "list_2.html"))
    write(f"/{DONGPING[0]}/list_2.html", stub_list([], "index.html"))
    info = "<p>来源：泰安日报 2021-07-01 08:00</p>"
    for href, title in DONGPING_ARTICLES:
        write(href, stub_article(title, "泰安市", DONGPING, info, "记者 郑凯"))
    for href, title in SITE_WIDE_ARTICLES:
        if href.startswith("/taian/"):
            write(href, stub_article(title, "泰安市", ("taian", "泰安新闻"), info, "记者 郑凯"))


# ------------------------------------------------------------------ the build

def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /admin/\n")
    for article in ARTICLES:
        encoding = "gbk" if article["template"] == "gbk-runs" else "utf-8"
        write(path_of(article), RENDERERS[article["template"]](article), encoding)
    write_lists()
    routes, not_stored = {}, []
    for article in ARTICLES:
        if listed(article).startswith("/") and listed(article) != path_of(article):
            routes[listed(article)] = {"redirect": path_of(article), "status": 301}
            not_stored.append({"path": listed(article),
                               "reason": f"301 redirect to {path_of(article)}: stored at its final URL"})
    PORTAL.write_json("_routes.json", routes)

    asked = (FEICHENG[0], NINGYANG[0])
    never = PORTAL.never_requested(asked, {"/shandong/", f"/{DONGPING[0]}/index.html", f"/{DONGPING[0]}/list_2.html"}
                                   | {href for href, _ in DONGPING_ARTICLES + SITE_WIDE_ARTICLES})
    PORTAL.write_expected(asked, {path_of(a): PORTAL.record(a) for a in ARTICLES}, never, not_stored)


if __name__ == "__main__":
    run(PORTAL, build)
