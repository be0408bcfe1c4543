"""Build the ninth blind test portal: tests/blind9/site/ and its answer key tests/blind9/expected.json.

A tenth mirror of 地方网, for the city of 聊城: two asked channels (临清, 冠县) and one nobody asked for (莘县).
临清's list is `<li><a title="full headline">truncated…</a><span>MM-DD</span></li>` items over three pages, page 3
linked only from page 2; after it a box `<div><span>莘县</span></div><ul>` of 莘县 links. 冠县's list is table rows
beside a `<div>图片新闻</div>` photo box of its own articles. Eight article templates (see README.md). Written
without looking at the extractor, the crawler nor the other mirrors' markup. Run `python tests/blind9/build_site.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import ARTICLES, GUANXIAN, LINQING, SHENXIAN, SHENXIAN_ARTICLES  # noqa: E402

from tests.blindkit import Portal, attr, esc, first_text, pages_of, run, stub_article, stub_list  # noqa: E402

COUNTIES = [
    ("liaocheng", "聊城新闻"), ("liaocheng/linqing", "临清新闻"), ("liaocheng/guanxian", "冠县新闻"),
    ("liaocheng/shenxian", "莘县新闻"), ("liaocheng/yanggu", "阳谷新闻"), ("liaocheng/donge", "东阿新闻"),
    ("liaocheng/chiping", "茌平新闻"), ("liaocheng/gaotang", "高唐新闻"),
]
# the one 临清 article listed only on list_3.html: no other page links it, so only a crawler that follows
# the pager from page 2 to page 3 finds it
HIDDEN_ON_PAGE_3 = "7910004"
PORTAL = Portal(HERE, "liaocheng", ("山东", "聊城市"), COUNTIES, ARTICLES)
path_of, of, write = PORTAL.path_of, PORTAL.of, PORTAL.write


def county_nav() -> str:
    return "\n".join(f'<li><a href="/{p}/">{esc(n)}</a></li>' for p, n in COUNTIES)


# ------------------------------------------------------------------ article pages

def crumb(article: dict) -> str:
    path, name, _ = article["channel"]
    return (f'<div class="lcw-weizhi">当前位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
            f'<a href="/liaocheng/">聊城市</a> &gt; <a href="/{path}/">{name}</a> &gt; 正文</div>')


def render_items(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] == "img":
            _, src, caption = item
            out.append(f'<p style="text-align:center"><img src="{src}" border="0" /></p>')
            out.append(f'<p style="text-align:center">{esc(caption)}</p>')
        else:
            out.append(f"<p>\u3000\u3000{esc(item[1])}</p>")
    return "\n".join(out)


def render_div_items(items: list[tuple]) -> str:
    """Each paragraph a `<div class="lcw-duan">`; an image's caption is an `<em>` inside the image's div."""
    out = []
    for item in items:
        if item[0] == "img":
            _, src, caption = item
            out.append(f'<div class="lcw-tupian"><img src="{src}" alt="" /><br /><em>{esc(caption)}</em></div>')
        else:
            out.append(f'<div class="lcw-duan">\u3000\u3000{esc(item[1])}</div>')
    return "\n".join(out)


def related(article: dict) -> str:
    """相关新闻: other articles of the same channel, never the one hidden on 临清's list page 3."""
    others = [a for a in ARTICLES if a["channel"] == article["channel"] and a["id"] not in (article["id"], HIDDEN_ON_PAGE_3)]
    return "\n".join(f'<li><a href="{path_of(a)}" target="_blank">{esc(a["headline"])}</a></li>' for a in others[:2])


def dede_pagebar(article: dict, page: int, count: int) -> str:
    """DedeCMS page bar: `<ul class="lcw-fenye"><li><a>上一页</a></li><li class="thisclass"><a href="#">1</a></li>…`."""
    def name(n: int) -> str:
        return path_of(article, n).rsplit("/", 1)[1]

    lis = [f'<li><a href="{name(page - 1)}">上一页</a></li>' if page > 1 else "<li><a>上一页</a></li>"]
    for n in range(1, count + 1):
        lis.append(f'<li class="thisclass"><a href="#">{n}</a></li>' if n == page
                   else f'<li><a href="{name(n)}">{n}</a></li>')
    lis.append(f'<li><a href="{name(page + 1)}">下一页</a></li>' if page < count else "<li><a>下一页</a></li>")
    return '<ul class="lcw-fenye">' + "".join(lis) + "</ul>"


def article_page(article: dict, body_html: str, pagebar: str = "") -> str:
    _, name, _ = article["channel"]
    title = f"{article['headline']}_{name}_地方网"
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{attr(title)}</title>
<meta name="keywords" content="{attr(name)}" />
<meta name="description" content="{attr(first_text(article)[:60])}" />
</head>
<body>
<div class="lcw-dingbu"><a href="/"><img src="/images/lcw/logo.png" alt="地方网" /></a></div>
<ul class="lcw-xiandao">
{county_nav()}
</ul>
{crumb(article)}
<div class="lcw-zuobian">
<div class="lcw-wenzhang">
<h1>{attr(article['headline'])}</h1>
<div class="lcw-laiyuan">{esc(article['info'])}</div>
<div class="lcw-neiwen">
{body_html}
</div>
{pagebar}
</div>
<div class="lcw-xiangguan"><div class="lcw-xg-bt">相关新闻</div><ul>
{related(article)}
</ul></div>
</div>
<div class="lcw-dibu">版权所有 地方网 未经授权禁止复制或建立镜像</div>
</body>
</html>
"""


def render(article: dict) -> dict[str, str]:
    """{path: html} of every page of an article."""
    pages = pages_of(article)
    body = render_div_items if article["template"] == "div-paragraphs" else render_items
    if len(pages) == 1:
        return {path_of(article): article_page(article, body(pages[0]))}
    return {path_of(article, n): article_page(article, body(items), dede_pagebar(article, n, len(pages)))
            for n, items in enumerate(pages, start=1)}


# ------------------------------------------------------------------ list pages

def list_shell(name: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{name}_聊城_地方网</title></head>
<body>
<div class="lcw-dingbu"><a href="/"><img src="/images/lcw/logo.png" alt="地方网" /></a></div>
<ul class="lcw-xiandao">
{county_nav()}
</ul>
<div class="lcw-weizhi">当前位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/liaocheng/">聊城市</a> &gt; {name}</div>
{main}
<div class="lcw-dibu">版权所有 地方网 未经授权禁止复制或建立镜像</div>
</body>
</html>
"""


def truncated(headline: str, width: int = 10) -> str:
    return headline if len(headline) <= width else headline[:width] + "…"


def linqing_list(rows: list[dict], pager: str) -> str:
    """`<li><a title="full headline">truncated…</a><span>MM-DD</span></li>`; then the 莘县 box."""
    lis = "\n".join(f'<li><a href="{path_of(a)}" title="{attr(a["headline"])}">{esc(truncated(a["headline"]))}</a>'
                    f'<span>{a["list_date"]}</span></li>' for a in rows)
    box = "\n".join(f'<li><a href="{h}" title="{attr(t)}">{esc(t)}</a></li>' for h, t in SHENXIAN_ARTICLES)
    return list_shell(LINQING[1], f"""<div class="lcw-liebiao">
<div class="lcw-lanmu-bt">{LINQING[1]}</div>
<ul class="lcw-tiaomu">
{lis}
</ul>
<div class="lcw-yeshu">{pager}</div>
</div>
<div class="lcw-pangbian">
<div><span>{SHENXIAN[2]}</span></div>
<ul>
{box}
</ul>
</div>""")


def guanxian_list(rows: list[dict], pager: str) -> str:
    """Table rows `<tr><td><a>headline</a></td><td>date</td></tr>`; a `<div>图片新闻</div>` box of its own articles."""
    trs = "\n".join(f'<tr><td class="lcw-bt"><a href="{path_of(a)}" target="_blank">{esc(a["headline"])}</a></td>'
                    f'<td class="lcw-rq">{("2021-" + a["list_date"]) if a["list_date"] else ""}</td></tr>' for a in rows)
    photos = "\n".join(f'<li><a href="{path_of(a)}" target="_blank"><img src="{a["photo"]}" width="160" height="110" />'
                       f'<span>{esc(a["headline"])}</span></a></li>' for a in ARTICLES if a.get("photo"))
    return list_shell(GUANXIAN[1], f"""<table class="lcw-biaoge" width="100%" cellpadding="0" cellspacing="0">
<tr><th colspan="2">{GUANXIAN[1]}</th></tr>
{trs}
</table>
<div class="lcw-fy">{pager}</div>
<div class="lcw-tupianxinwen">
<div>图片新闻</div>
<ul>
{photos}
</ul>
</div>""")


def write_lists() -> None:
    rows = of(LINQING)
    assert rows[-1]["id"] == HIDDEN_ON_PAGE_3
    # page 1 knows only page 2; page 2 links 1 and 3; page 3 links back only
    write(f"/{LINQING[0]}/index.html", linqing_list(
        rows[:2], '<a href="index.html">首页</a> <b>1</b> <a href="list_2.html">2</a> <a href="list_2.html">下一页</a>'))
    write(f"/{LINQING[0]}/list_2.html", linqing_list(
        rows[2:3], '<a href="index.html">首页</a> <a href="index.html">上一页</a> <a href="index.html">1</a> <b>2</b> '
                   '<a href="list_3.html">3</a> <a href="list_3.html">下一页</a>'))
    write(f"/{LINQING[0]}/list_3.html", linqing_list(
        rows[3:], '<a href="index.html">首页</a> <a href="list_2.html">上一页</a> <a href="list_2.html">2</a> <b>3</b>'))

    rows = of(GUANXIAN)
    write(f"/{GUANXIAN[0]}/index.html", guanxian_list(rows[:3], '<b>1</b> <a href="index_2.html">2</a> <a href="index_2.html">下一页</a>'))
    write(f"/{GUANXIAN[0]}/index_2.html", guanxian_list(rows[3:], '<a href="index.html">上一页</a> <a href="index.html">1</a> <b>2</b>'))

    # the never-asked channel exists, so a crawler that strays is seen straying
    write(f"/{SHENXIAN[0]}/index.html", stub_list(SHENXIAN_ARTICLES, "list_2.html"))
    write(f"/{SHENXIAN[0]}/list_2.html", stub_list([], "index.html"))
    for href, title in SHENXIAN_ARTICLES:
        write(href, stub_article(title, "聊城市", SHENXIAN, "<p>来源：聊城日报 2021-07-30 08:00</p>", "记者 赵刚"))


# ------------------------------------------------------------------ the build

def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /admin/\n")
    for article in ARTICLES:
        for path, text in render(article).items():
            write(path, text)
    write_lists()
    asked = (LINQING[0], GUANXIAN[0])
    never = PORTAL.never_requested(asked, {"/shandong/", f"/{SHENXIAN[0]}/index.html", f"/{SHENXIAN[0]}/list_2.html"}
                                   | {href for href, _ in SHENXIAN_ARTICLES})
    PORTAL.write_expected(asked, {path_of(a): PORTAL.record(a) for a in ARTICLES}, never)


if __name__ == "__main__":
    run(PORTAL, build)
