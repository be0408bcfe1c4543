"""Build the fifth blind test portal: tests/blind5/site/ and its answer key tests/blind5/expected.json.

A sixth mirror of 地方网, for the city of 潍坊 as its mobile mirror (m.yybnet.net) serves it, written without
looking at the extractor, the crawler nor the other mirrors' markup. Lists: a mobile `<ul><li><a><h3><p><span>`
list (the whole item one link) with links relative to the channel (`../news/…`, `./list_2.html`), and an old GBK
`<table>` list behind a lying utf-8 header whose `<base href>` points at the live host. Articles: a mobile page
with an unlabelled year-less info line, a `来源 | 时间 | 阅读` line, a page with `<base href>` and `../../` images,
a GBK `<br>` page behind a lying header, a bracketed byline opening the body, two pages linked `./ID_2.html`,
a `<meta http-equiv=refresh>` hop, and a `<strong>` subheading with a `<video>` in the body.
Run `python tests/blind5/build_site.py`, commit the outputs. The article data is in articles.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import ARTICLES, CHANGLE, CHANGLE_ARTICLES, QINGZHOU, REFRESH_FROM, SHOUGUANG  # noqa: E402

from tests.blindkit import Portal, esc, first_text, run  # noqa: E402

LIVE = "https://www.yybnet.net"
COUNTIES = [
    ("weifang", "潍坊新闻"), ("weifang/qingzhou", "青州新闻"), ("weifang/shouguang", "寿光新闻"),
    ("weifang/changle", "昌乐新闻"), ("weifang/zhucheng", "诸城新闻"), ("weifang/gaomi", "高密新闻"),
]
PORTAL = Portal(HERE, "weifang", ("山东", "潍坊市"), COUNTIES, ARTICLES)
path_of, neighbours, rows_of, write = PORTAL.path_of, PORTAL.neighbours, PORTAL.newest_first, PORTAL.write
LYING_HEADER = {"headers": {"Content-Type": "text/html; charset=utf-8"}}
COMMENT = "热心网友：感谢记者孙明的报道，说出了我们的心声！"
STATEMENT = "声明：本文来源：地方网，转载请注明出处。本网转载其他媒体的作品，目的在于传递更多信息，不代表本网观点。"


def listed_path(article: dict) -> str:
    """The path a list links: the refresh page for the meta-refresh article."""
    return REFRESH_FROM if article["template"] == "meta-refresh" else path_of(article)


# ------------------------------------------------------------------ shared noise

def county_nav() -> str:
    return "".join(f'<a href="/{p}/">{esc(n)}</a>' for p, n in COUNTIES)


def crumb(article: dict) -> str:
    path, name, _ = article["channel"]
    return (f'<div class="wfm-weizhi"><a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
            f'<a href="/weifang/">潍坊市</a> &gt; <a href="/{path}/">{name}</a> &gt; 正文</div>')


def head(article: dict, charset_meta: str = '<meta charset="utf-8">', base: str = "") -> str:
    _, name, _ = article["channel"]
    base_tag = f'\n<base href="{base}">' if base else ""
    return f"""<head>
{charset_meta}
<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">{base_tag}
<title>{esc(article['headline'])}_{name}_地方网手机版</title>
<meta name="description" content="{esc(first_text(article)[:60])}">
</head>"""


def after_body(article: dict) -> str:
    """After every article: 相关推荐 (昌乐), 热门评论 (naming a reporter), 上一篇/下一篇, 分享到, 声明."""
    prev, nxt = neighbours(article)
    p = f'<a href="{listed_path(prev)}">{esc(prev["headline"])}</a>' if prev else "没有了"
    n = f'<a href="{listed_path(nxt)}">{esc(nxt["headline"])}</a>' if nxt else "没有了"
    related = "\n".join(f'<li><a href="{h}"><h4>{esc(t)}</h4></a></li>' for h, t in CHANGLE_ARTICLES)
    return f"""<div class="wfm-xgtj"><div class="wfm-lanmu">相关推荐</div><ul>
{related}
</ul></div>
<div class="wfm-rmpl"><div class="wfm-lanmu">热门评论</div><p>{esc(COMMENT)}</p></div>
<div class="wfm-shangxia"><p>上一篇：{p}</p><p>下一篇：{n}</p></div>
<div class="wfm-fenxiang">分享到：<a href="javascript:;">微信</a><a href="javascript:;">朋友圈</a><a href="javascript:;">微博</a></div>
<div class="wfm-shengming">{esc(STATEMENT)}</div>"""


def app_bar() -> str:
    return ('<div class="wfm-zhankai"><span>展开全文</span></div>\n'
            '<div class="wfm-dakai"><a href="javascript:;">打开APP阅读全文</a></div>')


def shell(article: dict, main: str, **head_args: str) -> str:
    return f"""<!DOCTYPE html>
<html>
{head(article, **head_args)}
<body>
<header class="wfm-tou"><a href="/">地方网</a><nav class="wfm-pindao">{county_nav()}</nav></header>
{crumb(article)}
{main}
{after_body(article)}
</body>
</html>
"""


def paragraphs(items: list[tuple]) -> str:
    parts = []
    for item in items:
        if item[0] in ("p", "byline"):
            parts.append(f"<p>　　{esc(item[1])}</p>")
        elif item[0] == "strong":
            parts.append(f"<p><strong>{esc(item[1])}</strong></p>")
        elif item[0] == "img":
            parts.append(f'<p style="text-align:center"><img src="{item[1]}"></p>'
                         f'<p class="wfm-tushuo" style="text-align:center">{esc(item[2])}</p>')
        elif item[0] == "video":
            parts.append(f'<div class="wfm-shipin"><video src="{item[1]}" controls '
                         f'poster="/uploadfile/video/2019/0601/5g_nongye.jpg"></video></div>')
    return "\n".join(parts)


# ------------------------------------------------------------------ templates

def render_mobile_noyear(article: dict, page: int, items: list[tuple], count: int) -> str:
    """`<p>潍坊晚报 06-05 08:05</p>`: no label, no year."""
    return shell(article, f"""<div class="wfm-wenzhang">
<h1>{esc(article['headline'])}</h1>
<p class="wfm-xinxi">{article['source']} {article['shown']}</p>
<div class="wfm-zhengwen">
{paragraphs(items)}
</div>
{app_bar()}
</div>""")


def render_mobile_source_line(article: dict, page: int, items: list[tuple], count: int) -> str:
    """`来源：寿光日报 | 2019-06-05 08:05 | 阅读 1234`."""
    return shell(article, f"""<div class="wfm-wenzhang">
<h1>{esc(article['headline'])}</h1>
<div class="wfm-laiyuan">来源：{article['source']} | {article['shown']} | 阅读 1234</div>
<div class="wfm-zhengwen">
{paragraphs(items)}
</div>
{app_bar()}
</div>""")


def render_base_href_images(article: dict, page: int, items: list[tuple], count: int) -> str:
    """`<base href>` on the live host's article folder; images `../../uploadfile/…` relative to it."""
    base = LIVE + path_of(article).rsplit("/", 1)[0] + "/"
    return shell(article, f"""<div class="wfm-neirongqu">
<h1 class="wfm-dabiaoti">{esc(article['headline'])}</h1>
<div class="wfm-shuxing">{article['shown']}　来源：{article['source']}</div>
<div class="wfm-wenben">
{paragraphs(items)}
</div>
</div>""", base=base)


def render_gbk_br(article: dict, page: int, items: list[tuple], count: int) -> str:
    """GBK bytes declared gb2312 (with the GBK-only 堃 and 喆), served with a lying utf-8 header; `<br>` paragraphs."""
    path, name, _ = article["channel"]
    body = "<br>\n".join(f"　　{esc(i[1])}<br>" for i in items if i[0] in ("p", "byline"))
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    return f"""<html>
{head(article, charset_meta=meta)}
<body>
<table width="760" align="center"><tr><td class="wfm-jiudh">{county_nav()}</td></tr></table>
<table width="760" align="center"><tr><td class="wfm-jiuwz"><a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/weifang/">潍坊市</a> &gt; <a href="/{path}/">{name}</a> &gt; 正文</td></tr></table>
<table width="760" align="center" class="wfm-jiunr">
<tr><td align="center" class="wfm-jiubt"><font size="5"><b>{esc(article['headline'])}</b></font></td></tr>
<tr><td align="center" class="wfm-jiuxx">来源：{article['source']}　作者：王堃　编辑：刘洋　时间：{article['shown']}</td></tr>
<tr><td class="wfm-jiuzw">
{body}
</td></tr>
</table>
{after_body(article)}
</body>
</html>
"""


def render_bracket_byline(article: dict, page: int, items: list[tuple], count: int) -> str:
    """Info in two spans; the body opens with `【本报记者 李华 通讯员 王军】`."""
    return shell(article, f"""<section class="wfm-ye">
<h1 class="wfm-timu">{esc(article['headline'])}</h1>
<div class="wfm-xq"><span class="wfm-sj">{article['shown']}</span><span class="wfm-ly">来源：{article['source']}</span></div>
<article class="wfm-quanwen">
{paragraphs(items)}
</article>
{app_bar()}
</section>""")


def render_two_page(article: dict, page: int, items: list[tuple], count: int) -> str:
    """Two pages linked `./ID_2.html` / `./ID.html`."""
    first, second = path_of(article).rsplit("/", 1)[1], path_of(article, 2).rsplit("/", 1)[1]
    if page == 1:
        bar = f'<span>1</span> <a href="./{second}">2</a> <a href="./{second}">下一页</a>'
    else:
        bar = f'<a href="./{first}">上一页</a> <a href="./{first}">1</a> <span>2</span>'
    return shell(article, f"""<div class="wfm-wenzhang">
<h1>{esc(article['headline'])}</h1>
<div class="wfm-laiyuan">发布时间：{article['shown']}　来源：{article['source']}</div>
<div class="wfm-zhengwen">
{paragraphs(items)}
</div>
<div class="wfm-fanye">{bar}</div>
</div>""")


def render_video_strong(article: dict, page: int, items: list[tuple], count: int) -> str:
    """`<strong>` subheadings and a `<video>` in the body."""
    return shell(article, f"""<div class="wfm-wenzhang">
<h1>{esc(article['headline'])}</h1>
<div class="wfm-laiyuan">{article['shown']}　来源：{article['source']}</div>
<div class="wfm-zhengwen">
{paragraphs(items)}
</div>
{app_bar()}
</div>""")


RENDERERS = {
    "mobile-noyear": render_mobile_noyear,
    "mobile-source-line": render_mobile_source_line,
    "meta-refresh": render_mobile_source_line,
    "base-href-images": render_base_href_images,
    "gbk-br": render_gbk_br,
    "bracket-byline": render_bracket_byline,
    "two-page": render_two_page,
    "video-strong": render_video_strong,
}


def refresh_page(target: str) -> str:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0;url={target}">
<title>正在跳转…</title></head>
<body><p>页面正在跳转，如未跳转请<a href="{target}">点击这里</a>。</p></body></html>
"""


# ------------------------------------------------------------------ list pages

def relative_link(path: str) -> str:
    """`/weifang/news/201906/X.html` written relative to `/weifang/qingzhou/`: `../news/201906/X.html`."""
    return "../" + path.removeprefix("/weifang/")


def qingzhou_list(rows: list[dict], pager: str) -> str:
    _, name, _ = QINGZHOU
    lis = "\n".join(
        f'<li><a href="{relative_link(listed_path(a))}"><h3>{esc(a["headline"])}</h3>'
        f'<p>{esc(first_text(a)[:40])}…</p><span>{a["published_at"][5:10]}</span></a></li>' for a in rows)
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{name}_潍坊_地方网手机版</title></head>
<body>
<header class="wfm-tou"><a href="/">地方网</a><nav class="wfm-pindao">{county_nav()}</nav></header>
<div class="wfm-lbtou">{name}</div>
<ul class="wfm-liebiao">
{lis}
</ul>
<div class="wfm-gengduo">{pager}</div>
<div class="wfm-shengming">{esc(STATEMENT)}</div>
</body>
</html>
"""


def shouguang_list(rows: list[dict], pager: str) -> str:
    """GBK, `<base href>` on the live host's channel; links relative to it."""
    _, name, _ = SHOUGUANG
    trs = "\n".join(
        f'<tr><td class="wfm-jiubiao">·<a href="{relative_link(listed_path(a))}" target="_blank">{esc(a["headline"])}</a></td>'
        f'<td align="right">{a["published_at"][:10]}</td></tr>' for a in rows)
    side = "\n".join(f'<tr><td>·<a href="{relative_link(h)}">{esc(t)}</a></td></tr>' for h, t in CHANGLE_ARTICLES)
    return f"""<html>
<head><meta charset=gbk>
<base href="{LIVE}/{SHOUGUANG[0]}/">
<title>{name}_潍坊_地方网</title></head>
<body>
<table width="760" align="center"><tr><td class="wfm-jiudh">{county_nav()}</td></tr></table>
<table width="760" align="center"><tr>
<td width="540" valign="top">
<table width="100%" class="wfm-jiulb">
<tr><td colspan="2"><b>{name}</b></td></tr>
{trs}
<tr><td colspan="2" align="center">{pager}</td></tr>
</table>
</td>
<td width="220" valign="top">
<table width="100%" class="wfm-jiuce">
<tr><td><b>{CHANGLE[1]}</b></td></tr>
{side}
</table>
</td>
</tr></table>
<div class="wfm-shengming">{esc(STATEMENT)}</div>
</body>
</html>
"""


def write_lists() -> None:
    rows = rows_of(QINGZHOU)
    write(f"/{QINGZHOU[0]}/index.html", qingzhou_list(rows[:2], '<a href="./list_2.html">加载更多</a>'))
    write(f"/{QINGZHOU[0]}/list_2.html", qingzhou_list(rows[2:], '<a href="./">上一页</a> <span>没有更多了</span>'))

    rows = rows_of(SHOUGUANG)
    write(f"/{SHOUGUANG[0]}/index.html", shouguang_list(rows[:2], '<a href="index_2.html">[下一页]</a>'), "gbk")
    write(f"/{SHOUGUANG[0]}/index_2.html", shouguang_list(rows[2:], '<a href="./">[上一页]</a>'), "gbk")

    items = "\n".join(f'<li><a href="{relative_link(h)}"><h3>{esc(t)}</h3></a></li>' for h, t in CHANGLE_ARTICLES)
    write(f"/{CHANGLE[0]}/index.html",
          f'<html><head><meta charset="utf-8"><title>昌乐新闻</title></head><body><ul>{items}</ul>'
          f'<a href="./list_2.html">加载更多</a></body></html>')
    write(f"/{CHANGLE[0]}/list_2.html", '<html><head><meta charset="utf-8"></head><body></body></html>')
    for href, title in CHANGLE_ARTICLES:
        write(href, f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
                    f'<p>来源：潍坊日报 2019-06-03 08:00</p><p>本报昌乐6月2日讯（记者 周涛）{title}。</p></body></html>')


# ------------------------------------------------------------------ the build

def encoding_of(article: dict) -> str:
    return "gbk" if article["template"] == "gbk-br" else "utf-8"


def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /admin/\n")
    PORTAL.write_articles(lambda article: RENDERERS[article["template"]], encoding_of)
    routes: dict[str, dict] = {path: LYING_HEADER for a in ARTICLES if encoding_of(a) == "gbk"
                               for path in PORTAL.page_paths(a)}
    refreshed = next(a for a in ARTICLES if a["template"] == "meta-refresh")
    write(REFRESH_FROM, refresh_page(path_of(refreshed)))
    write_lists()
    for listed in ("/weifang/shouguang/", "/weifang/shouguang/index.html", "/weifang/shouguang/index_2.html"):
        routes[listed] = LYING_HEADER
    PORTAL.write_json("_routes.json", routes)

    asked = (QINGZHOU[0], SHOUGUANG[0])
    never = PORTAL.never_requested(asked, {"/shandong/", f"/{CHANGLE[0]}/list_2.html"}
                                   | {href for href, _ in CHANGLE_ARTICLES})
    records = {path_of(a): PORTAL.record(a, body=("p", "strong"), src=3) for a in ARTICLES}
    PORTAL.write_expected(asked, records, never, [{"path": REFRESH_FROM,
                                   "reason": f"meta refresh (0s) to {path_of(refreshed)}: stored at its final URL"}])


if __name__ == "__main__":
    run(PORTAL, build)
