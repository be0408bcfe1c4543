"""Build the seventh blind test portal: tests/blind7/site/ and its answer key tests/blind7/expected.json.

An eighth mirror of 地方网, for the city of 烟台: two asked channels (蓬莱, 龙口) and one nobody asked for (招远).
蓬莱's list is a `<div>` of `<p><span>[05-06]</span><a>` lines (no ul/li) beside a box titled only
`<i class="icon"></i>招远` listing 招远 articles, pager `第一页 上一页 下一页 最后一页` to `list_2.html`, one item linked
absolutely on http://www.yybnet.net. 龙口's list is a `<table>` two tables deep, pager `?pn=2`, and a 友情链接 footer
of other sites. Eight article templates (see README.md). Written without looking at the extractor, the crawler nor
the other mirrors' markup. Run `python tests/blind7/build_site.py`, commit the outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import (  # noqa: E402
    ARTICLES,
    FRIEND_LINKS,
    HTTP_LINKED_ID,
    LONGKOU,
    PENGLAI,
    ZHAOYUAN,
    ZHAOYUAN_ARTICLES,
)

from tests.blindkit import Portal, esc, first_text, pages_of, run, stub_article, stub_list  # noqa: E402

HTTP_LIVE = "http://www.yybnet.net"
COUNTIES = [
    ("yantai", "烟台新闻"), ("yantai/penglai", "蓬莱新闻"), ("yantai/longkou", "龙口新闻"), ("yantai/zhaoyuan", "招远新闻"),
    ("yantai/laiyang", "莱阳新闻"), ("yantai/haiyang", "海阳新闻"), ("yantai/qixia", "栖霞新闻"),
]
PORTAL = Portal(HERE, "yantai", ("山东", "烟台市"), COUNTIES, ARTICLES)
path_of, rows_of, write = PORTAL.path_of, PORTAL.newest_first, PORTAL.write


def county_nav() -> str:
    return "\n".join(f'<a href="/{p}/">{esc(n)}</a>' for p, n in COUNTIES)


# ------------------------------------------------------------------ article pages

def crumb(article: dict) -> str:
    path, name, _ = article["channel"]
    return (f'<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/yantai/">烟台市</a> &gt; '
            f'<a href="/{path}/">{name}</a> &gt; 正文')


def render_items(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] == "img":
            _, src, shown, _caption = item
            out.append(f'<p style="text-align: center;"><img src="{src}" border="0" /></p>')
            out.append(f'<p class="ytw-tupian" style="text-align: center;">{esc(shown)}</p>')
        else:
            out.append(f"<p>\u3000\u3000{esc(item[1])}</p>")
    return "\n".join(out)


def related(article: dict) -> str:
    """相关新闻: the other articles of the same channel (never a 招远 one)."""
    others = [a for a in ARTICLES if a["channel"] == article["channel"] and a["id"] != article["id"]][:2]
    return "\n".join(f'<li><a href="{path_of(a)}">{esc(a["headline"])}</a></li>' for a in others)


def article_shell(article: dict, main: str, header: str | None = None) -> str:
    _, name, _ = article["channel"]
    header = header or '<div class="ytw-top"><a href="/"><img src="/images/ytw/logo.png" alt="地方网"></a></div>'
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{esc(article['headline'])}_{name}_地方网</title>
<meta name="keywords" content="{name},烟台,地方网">
<meta name="description" content="{esc(first_text(article)[:60])}">
</head>
<body>
{header}
<div class="ytw-nav">{county_nav()}</div>
<div class="ytw-weizhi">当前位置：{crumb(article)}</div>
{main}
<div class="ytw-xgxw"><div class="ytw-xgxw-t">相关新闻</div><ul>
{related(article)}
</ul></div>
<div class="ytw-share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">QQ空间</a> <a href="javascript:;">新浪微博</a></div>
<div class="ytw-copy">Copyright &copy; 地方网 版权所有 未经书面授权禁止转载</div>
</body>
</html>
"""


def h1_info_body(article: dict, between: str = "", items: list[tuple] | None = None, pager: str = "") -> str:
    """The common shape: `<h1>`, an info `<div>`, something between (or not), the body."""
    return f"""<div class="ytw-wz">
<h1 class="ytw-h1">{esc(article['headline'])}</h1>
<div class="ytw-info">{esc(article['info'])}</div>
{between}
<div class="ytw-text">
{render_items(article['items'] if items is None else items)}
</div>
{pager}
</div>"""


def render_strong_title(article: dict) -> str:
    """Headline in `<div><strong>`, info `作者：…　来源：…　时间：day`."""
    return article_shell(article, f"""<div class="ytw-art">
<div class="ytw-bt"><strong>{esc(article['headline'])}</strong></div>
<div class="ytw-zz">{esc(article['info'])}</div>
<div class="ytw-nr">
{render_items(article['items'])}
</div>
</div>""")


def render_img_first(article: dict) -> str:
    """The first body paragraph is the image, its `▲` caption right under it."""
    return article_shell(article, h1_info_body(article))


def render_editor_note(article: dict) -> str:
    """A `【编者按】` div between the info line and the body."""
    return article_shell(article, h1_info_body(article, f'<div class="ytw-bianzhe">{esc(article["note"])}</div>'))


def render_keywords_printbar(article: dict) -> str:
    """Info line followed by a `【字号：大 中 小】【打印】` bar, then a `关键词：` line, then the body."""
    return article_shell(article, f"""<div class="ytw-wz">
<h1 class="ytw-h1">{esc(article['headline'])}</h1>
<div class="ytw-info"><span>{esc(article['info'])}</span>\u3000<span class="ytw-zh">【字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span><span>【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</span></div>
<div class="ytw-gjc">{esc(article['keywords'])}</div>
<div class="ytw-text">
{render_items(article['items'])}
</div>
</div>""")


def render_jiaodong_info(article: dict) -> str:
    """Info line `胶东在线 2021-05-06 09:12:30 责编：王丽`: source with no label."""
    return article_shell(article, f"""<div class="ytw-title">
<h1>{esc(article['headline'])}</h1>
<div class="ytw-laiyuan">{esc(article['info'])}</div>
</div>
<div class="ytw-zhengwen">
{render_items(article['items'])}
</div>""")


def render_wentu_byline(article: dict) -> str:
    """The byline `文/图 记者 孙明` inside the info line; an image in the body."""
    return article_shell(article, h1_info_body(article))


def render_h1_logo(article: dict) -> str:
    """The page's `<h1>` is the site logo text 地方网; the headline is an `<h2>` lower down."""
    header = ('<div class="ytw-header"><h1 class="ytw-logo"><a href="/">地方网</a></h1>'
              '<div class="ytw-slogan">关注家乡 · 讲述身边事</div></div>')
    main = f"""<div class="ytw-article">
<h2 class="ytw-biaoti">{esc(article['headline'])}</h2>
<div class="ytw-meta">{esc(article['info'])}</div>
<div class="ytw-text">
{render_items(article['items'])}
</div>
</div>"""
    return article_shell(article, main, header)


def three_pages_bar(article: dict, page: int, count: int) -> str:
    """A numbered bar: 上一页 1 2 3 下一页 (the current page unlinked)."""
    parts = []
    if page > 1:
        parts.append(f'<a href="{path_of(article, page - 1).rsplit("/", 1)[1]}">上一页</a>')
    for n in range(1, count + 1):
        name = path_of(article, n).rsplit("/", 1)[1]
        parts.append(f'<b>{n}</b>' if n == page else f'<a href="{name}">{n}</a>')
    if page < count:
        parts.append(f'<a href="{path_of(article, page + 1).rsplit("/", 1)[1]}">下一页</a>')
    return f'<div class="ytw-fenye">{" ".join(parts)}</div>'


def render_three_pages(article: dict) -> dict[str, str]:
    pages = pages_of(article)
    return {path_of(article, n): article_shell(
        article, h1_info_body(article, items=items, pager=three_pages_bar(article, n, len(pages))))
        for n, items in enumerate(pages, start=1)}


RENDERERS = {
    "strong-title": render_strong_title, "img-first": render_img_first, "editor-note": render_editor_note,
    "keywords-printbar": render_keywords_printbar, "jiaodong-info": render_jiaodong_info,
    "wentu-byline": render_wentu_byline, "h1-logo": render_h1_logo,
}


def render(article: dict) -> dict[str, str]:
    """{path: html} of every page of an article."""
    if article["template"] == "three-pages":
        return render_three_pages(article)
    return {path_of(article): RENDERERS[article["template"]](article)}


# ------------------------------------------------------------------ list pages

def list_shell(name: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{name}_烟台_地方网</title></head>
<body>
<div class="ytw-top"><a href="/"><img src="/images/ytw/logo.png" alt="地方网"></a></div>
<div class="ytw-nav">{county_nav()}</div>
<div class="ytw-weizhi">当前位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/yantai/">烟台市</a> &gt; {name}</div>
{main}
<div class="ytw-copy">Copyright &copy; 地方网 版权所有 未经书面授权禁止转载</div>
</body>
</html>
"""


def penglai_list(rows: list[dict], pager: str) -> str:
    """`<p><span>[05-06]</span><a>` lines in a div; a right-hand box titled `<i class="icon"></i>招远`."""
    lines = []
    for a in rows:
        href = (HTTP_LIVE if a["id"] == HTTP_LINKED_ID else "") + path_of(a)
        lines.append(f'<p><span>[{a["published_at"][5:10]}]</span><a href="{href}" target="_blank">{esc(a["headline"])}</a></p>')
    box = "\n".join(f'<p><a href="{h}" target="_blank">{esc(t)}</a></p>' for h, t in ZHAOYUAN_ARTICLES)
    return list_shell(PENGLAI[1], f"""<div class="ytw-lanmu">
<div class="ytw-zuo">
<div class="ytw-lmbt">{PENGLAI[1]}</div>
<div class="ytw-hang">
{chr(10).join(lines)}
</div>
<div class="ytw-pages">{pager}</div>
</div>
<div class="ytw-you">
<div class="ytw-kuang">
<div class="ytw-kuang-t"><i class="icon"></i>{ZHAOYUAN[2]}</div>
<div class="ytw-kuang-c">
{box}
</div>
</div>
</div>
</div>""")


def longkou_list(rows: list[dict], pager: str) -> str:
    """The list is a `<table>` inside a `<table>` inside a `<table>`; a 友情链接 footer of other sites."""
    trs = "\n".join(
        f'<tr><td width="12">·</td><td><a href="{path_of(a)}" target="_blank">{esc(a["headline"])}</a></td>'
        f'<td width="90" align="right" class="ytw-rq">{a["published_at"][:10]}</td></tr>' for a in rows)
    friends = "\n".join(f'<a href="{h}" target="_blank">{esc(t)}</a>' for h, t in FRIEND_LINKS)
    return list_shell(LONGKOU[1], f"""<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center" class="ytw-wai">
<tr><td width="720" valign="top">
<table width="100%" border="0" cellspacing="0" cellpadding="0" class="ytw-zhong">
<tr><td class="ytw-lmt">{LONGKOU[1]}</td></tr>
<tr><td>
<table width="100%" border="0" cellspacing="0" cellpadding="4" class="ytw-liebiao">
{trs}
</table>
</td></tr>
<tr><td align="center" class="ytw-fy">{pager}</td></tr>
</table>
</td>
<td width="280" valign="top"><a href="javascript:;"><img src="/images/ytw/ad_280x250.jpg" alt=""></a></td></tr>
</table>
<div class="ytw-yqlj"><div class="ytw-yqlj-t">友情链接</div>
{friends}
</div>""")


def write_lists() -> None:
    rows = rows_of(PENGLAI)
    write(f"/{PENGLAI[0]}/index.html", penglai_list(
        rows[:2], '第一页 上一页 <a href="list_2.html">下一页</a> <a href="list_2.html">最后一页</a>'))
    write(f"/{PENGLAI[0]}/list_2.html", penglai_list(
        rows[2:], '<a href="index.html">第一页</a> <a href="index.html">上一页</a> 下一页 最后一页'))

    rows = rows_of(LONGKOU)
    write(f"/{LONGKOU[0]}/index.html", longkou_list(
        rows[:2], '共4条 页次：1/2 首页 上一页 <a href="?pn=2">下一页</a> <a href="?pn=2">尾页</a>'))
    write(f"/{LONGKOU[0]}/index@pn=2.html", longkou_list(
        rows[2:], '共4条 页次：2/2 <a href="./">首页</a> <a href="./">上一页</a> 下一页 尾页'))

    # the never-asked channel exists, so a crawler that strays is seen straying
    write(f"/{ZHAOYUAN[0]}/index.html", stub_list(ZHAOYUAN_ARTICLES, "list_2.html", item="p", box="div"))
    write(f"/{ZHAOYUAN[0]}/list_2.html", stub_list([], "index.html", item="p", box="div"))
    for href, title in ZHAOYUAN_ARTICLES:
        write(href, stub_article(title, "烟台市", ZHAOYUAN, "<p>来源：烟台日报 2021-05-04 08:00</p>", "记者 钱程"))


# ------------------------------------------------------------------ the build

def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /admin/\n")
    for article in ARTICLES:
        for path, text in render(article).items():
            write(path, text)
    write_lists()
    asked = (PENGLAI[0], LONGKOU[0])
    never = PORTAL.never_requested(asked, {"/shandong/", f"/{ZHAOYUAN[0]}/index.html", f"/{ZHAOYUAN[0]}/list_2.html"}
                                   | {href for href, _ in ZHAOYUAN_ARTICLES})
    PORTAL.write_expected(asked, {path_of(a): PORTAL.record(a, caption=3, pages=list(render(a))) for a in ARTICLES},
                          never)


if __name__ == "__main__":
    run(PORTAL, build)
