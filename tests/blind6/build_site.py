"""Build the sixth blind test portal: tests/blind6/site/ and its answer key tests/blind6/expected.json.

A seventh mirror of 地方网, for the city of 济南, about LIST PAGES: three asked channels, each with its own real-world
list layout and boxes beside the list that link two channels nobody asked for (济阳, 莱芜) and 专题 pages.
章丘: two columns, the list on the right, a left column with 专题推荐 and an `<img alt="济阳新闻">`-titled box,
pager `list_2.html`. 平阴: thumbnails and `[平阴]` category tags per item, a 今日头条 box naming no channel,
pager `index_2.html`. 商河: the list split into `<ul>`s of two separated by `<hr>`, absolute links, pager `?page=2`,
a 网友关注 `<ol>` and a footer of channel links after it. Written without looking at the extractor, the crawler
nor the other mirrors' markup. Run `python tests/blind6/build_site.py`, commit the outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import (  # noqa: E402
    ARTICLES,
    COMMENTS_ID,
    HEADLINE_BOX_ID,
    JIYANG,
    JIYANG_ARTICLES,
    LAIWU,
    LAIWU_ARTICLES,
    PINGYIN,
    SHANGHE,
    SHARED_ID,
    ZHANGQIU,
    ZHUANTI,
)

from tests.blindkit import Portal, esc, first_text, run, stub_article, stub_list  # noqa: E402

LIVE = "https://www.yybnet.net"
COUNTIES = [
    ("jinan", "济南新闻"), ("jinan/zhangqiu", "章丘新闻"), ("jinan/pingyin", "平阴新闻"), ("jinan/shanghe", "商河新闻"),
    ("jinan/jiyang", "济阳新闻"), ("jinan/laiwu", "莱芜新闻"), ("jinan/licheng", "历城新闻"),
    ("jinan/changqing", "长清新闻"),
]
PORTAL = Portal(HERE, "jinan", ("山东", "济南市"), COUNTIES, ARTICLES)
path_of, rows_of, write = PORTAL.path_of, PORTAL.newest_first, PORTAL.write


def by_id(id_: str) -> dict:
    return next(a for a in ARTICLES if a["id"] == id_)


def county_nav() -> str:
    return " | ".join(f'<a href="/{p}/">{esc(n)}</a>' for p, n in COUNTIES)


# ------------------------------------------------------------------ article pages

def crumb(article: dict) -> str:
    path, name, _ = article["channel"]
    return (f'<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/jinan/">济南市</a> &gt; '
            f'<a href="/{path}/">{name}</a> &gt; 正文')


def paragraphs(article: dict) -> str:
    return "\n".join(f"<p>　　{esc(i[1])}</p>" for i in article["items"])


def article_shell(article: dict, main: str) -> str:
    _, name, _ = article["channel"]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{esc(article['headline'])}_{name}_地方网</title>
<meta name="description" content="{esc(first_text(article)[:60])}">
</head>
<body>
<div class="jnw-dh">{county_nav()}</div>
<div class="jnw-mbx">{crumb(article)}</div>
{main}
<div class="jnw-fx">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a></div>
<div class="jnw-bq">地方网版权所有 未经授权禁止转载</div>
</body>
</html>
"""


def render_info_div(article: dict) -> str:
    """`<h1>` and a `来源：济南日报 2020-05-06 08:00` div."""
    return article_shell(article, f"""<div class="jnw-wenzhang">
<h1 class="jnw-bt">{esc(article['headline'])}</h1>
<div class="jnw-xx">来源：{article['source']} {article['shown']}</div>
<div class="jnw-zw">
{paragraphs(article)}
</div>
</div>""")


def render_info_spans(article: dict) -> str:
    """Headline in `<h2>`, source and time in two spans."""
    return article_shell(article, f"""<div class="jnw-nr">
<h2 class="jnw-tm">{esc(article['headline'])}</h2>
<div class="jnw-sx"><span class="jnw-ly">来源：{article['source']}</span> <span class="jnw-sj">{article['shown']}</span></div>
<div class="jnw-content">
{paragraphs(article)}
</div>
</div>""")


def render_info_table(article: dict) -> str:
    """An old `<table>` page: headline cell, info cell, body cell."""
    return article_shell(article, f"""<table width="780" align="center" class="jnw-tb">
<tr><td align="center" class="jnw-tbt"><b>{esc(article['headline'])}</b></td></tr>
<tr><td align="center" class="jnw-txx">来源：{article['source']} {article['shown']}</td></tr>
<tr><td class="jnw-tzw">
{paragraphs(article)}
</td></tr>
</table>""")


RENDERERS = {"info-div": render_info_div, "info-spans": render_info_spans, "info-table": render_info_table}


# ------------------------------------------------------------------ list pages

def list_shell(name: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{name}_济南_地方网</title></head>
<body>
<div class="jnw-dh">{county_nav()}</div>
<div class="jnw-mbx"><a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/jinan/">济南市</a> &gt; {name}</div>
{main}
<div class="jnw-bq">地方网版权所有 未经授权禁止转载</div>
</body>
</html>
"""


def zhangqiu_list(rows: list[dict], pager: str) -> str:
    """Two columns: 专题推荐 and an `<img alt="济阳新闻">` box on the left, the list on the right."""
    items = []
    for i, a in enumerate(rows):
        # one link absolute on the live host, the rest root-relative; the 评论 link carries #comments
        href = (LIVE if i == 0 else "") + path_of(a)
        comments = (f' <a class="jnw-pl" href="{path_of(a)}#comments">评论(3)</a>' if a["id"] == COMMENTS_ID else "")
        items.append(f'<li><span class="jnw-rq">{a["published_at"][:10]}</span>'
                     f'<a href="{href}" target="_blank">{esc(a["headline"])}</a>{comments}</li>')
    zhuanti = "\n".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in ZHUANTI)
    jiyang = "\n".join(f'<li><a href="{h}" target="_blank">{esc(t)}</a></li>' for h, t in JIYANG_ARTICLES)
    return list_shell(ZHANGQIU[1], f"""<div class="jnw-main">
<div class="jnw-l">
<div class="jnw-he"><div class="jnw-het">专题推荐</div><ul>
{zhuanti}
</ul></div>
<div class="jnw-he"><div class="jnw-het"><img src="/images/jnw/jiyang_title.gif" alt="{JIYANG[1]}"></div><ul>
{jiyang}
</ul></div>
</div>
<div class="jnw-r">
<div class="jnw-lmmc">{ZHANGQIU[1]}</div>
<ul class="jnw-lb">
{chr(10).join(items)}
</ul>
<div class="jnw-fy">{pager}</div>
</div>
</div>""")


def pingyin_list(rows: list[dict], pager: str) -> str:
    """Thumbnail + `[平阴]` tag per item; a 今日头条 box (no channel named) of 莱芜 articles and one 平阴 one."""
    items = "\n".join(
        f'<li><a href="{path_of(a)}" class="jnw-st"><img src="/uploadfile/2020/0506/t_{a["id"]}.jpg"></a>'
        f'<div class="jnw-wz"><h3><a href="/{PINGYIN[0]}/">[平阴]</a> <a href="{path_of(a)}">{esc(a["headline"])}</a></h3>'
        f'<p>{esc(first_text(a)[:36])}…</p><span>{a["shown"]}</span></div></li>' for a in rows)
    boxed = by_id(HEADLINE_BOX_ID)
    headlines = [(h, t) for h, t in LAIWU_ARTICLES[:2]] + [(path_of(boxed), boxed["headline"])] + LAIWU_ARTICLES[2:]
    box = "\n".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in headlines)
    return list_shell(PINGYIN[1], f"""<div class="jnw-box">
<div class="jnw-zuo">
<ul class="jnw-tw">
{items}
</ul>
<div class="jnw-ym">{pager}</div>
</div>
<div class="jnw-you">
<div class="jnw-tt"><h4>今日头条</h4><ul>
{box}
</ul></div>
</div>
</div>""")


def shanghe_list(rows: list[dict], pager: str) -> str:
    """`<ul>`s of two items separated by `<hr>`, absolute links; 网友关注 `<ol>` and a footer after the pager."""
    groups = [rows[i:i + 2] for i in range(0, len(rows), 2)]
    uls = "\n<hr>\n".join(
        "<ul class=\"jnw-xw\">\n" + "\n".join(
            f'<li><a href="{LIVE}{path_of(a)}">{esc(a["headline"])}</a> <em>{a["published_at"][5:10]}</em></li>'
            for a in group) + "\n</ul>" for group in groups)
    mixed = [LAIWU_ARTICLES[0], JIYANG_ARTICLES[0], LAIWU_ARTICLES[1], JIYANG_ARTICLES[1]]
    ol = "\n".join(f'<li><a href="{LIVE}{h}">{esc(t)}</a></li>' for h, t in mixed)
    footer = " ".join(f'<a href="{LIVE}/{p}/">{esc(n)}</a>' for p, n in COUNTIES if p != SHANGHE[0])
    return list_shell(SHANGHE[1], f"""<div class="jnw-liebiao">
<h2>{SHANGHE[1]}</h2>
{uls}
<div class="jnw-pagebar">{pager}</div>
</div>
<div class="jnw-gz"><b>网友关注</b><ol>
{ol}
</ol></div>
<div class="jnw-foot">其他频道：{footer}</div>""")


def other_county_article(title: str, channel: tuple) -> str:
    return stub_article(title, "济南市", channel, "<p>来源：济南日报 2020-05-04 08:00</p>", "记者 钱程")


def write_lists() -> None:
    rows = rows_of(ZHANGQIU)
    write(f"/{ZHANGQIU[0]}/index.html", zhangqiu_list(
        rows[:2], '<span>1</span> <a href="list_2.html">2</a> <a href="list_2.html">下一页</a>'))
    write(f"/{ZHANGQIU[0]}/list_2.html", zhangqiu_list(
        rows[2:], '<a href="./">上一页</a> <a href="./">1</a> <span>2</span>'))

    rows = rows_of(PINGYIN)
    write(f"/{PINGYIN[0]}/index.html", pingyin_list(rows[:2], '<b>1</b> <a href="index_2.html">2</a> <a href="index_2.html">下一页</a>'))
    write(f"/{PINGYIN[0]}/index_2.html", pingyin_list(rows[2:], '<a href="index.html">上一页</a> <a href="index.html">1</a> <b>2</b>'))

    # the shared 章丘 article is listed on 商河's page 2 too
    rows = rows_of(SHANGHE)
    write(f"/{SHANGHE[0]}/index.html", shanghe_list(
        rows[:4], f'<span>1</span> <a href="{LIVE}/{SHANGHE[0]}/?page=2">2</a> <a href="{LIVE}/{SHANGHE[0]}/?page=2">下一页</a>'))
    write(f"/{SHANGHE[0]}/index@page=2.html", shanghe_list(
        [by_id(SHARED_ID)], f'<a href="{LIVE}/{SHANGHE[0]}/">上一页</a> <a href="{LIVE}/{SHANGHE[0]}/">1</a> <span>2</span>'))

    # the never-asked channels and the 专题 pages exist, so a crawler that strays is seen straying
    write(f"/{JIYANG[0]}/index.html", stub_list(JIYANG_ARTICLES, "list_2.html"))
    write(f"/{JIYANG[0]}/list_2.html", stub_list([], "./"))
    write(f"/{LAIWU[0]}/index.html", stub_list(LAIWU_ARTICLES, "index_2.html"))
    write(f"/{LAIWU[0]}/index_2.html", stub_list([], "index.html"))
    for href, title in JIYANG_ARTICLES:
        write(href, other_county_article(title, JIYANG))
    for href, title in LAIWU_ARTICLES:
        write(href, other_county_article(title, LAIWU))
    for href, title in ZHUANTI:
        write(href, f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
                    f'{stub_list(JIYANG_ARTICLES, "/jinan/jiyang/")}</body></html>')


# ------------------------------------------------------------------ the build

def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /admin/\n")
    for article in ARTICLES:
        write(path_of(article), RENDERERS[article["template"]](article))
    write_lists()
    asked = (ZHANGQIU[0], PINGYIN[0], SHANGHE[0])
    never = PORTAL.never_requested(asked, {"/shandong/", f"/{JIYANG[0]}/index.html", f"/{JIYANG[0]}/list_2.html",
                                           f"/{LAIWU[0]}/index.html", f"/{LAIWU[0]}/index_2.html"}
                                   | {href for href, _ in JIYANG_ARTICLES + LAIWU_ARTICLES + ZHUANTI})
    PORTAL.write_expected(asked, {path_of(a): PORTAL.record(a) for a in ARTICLES}, never)


if __name__ == "__main__":
    run(PORTAL, build)
