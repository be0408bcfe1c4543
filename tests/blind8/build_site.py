"""Build the eighth blind test portal: tests/blind8/site/ and its answer key tests/blind8/expected.json.

A ninth mirror of 地方网, for the city of 德州: two asked channels (禹城, 乐陵) and one nobody asked for (齐河).
禹城's list is cards (`<div><h3><a>` + summary `<p>` + a `date | source` div) beside a box whose title `<h3>齐河</h3>`
is the previous sibling of the `<div>` of 齐河 links; pager `‹ 1 2 ›` to `list_2.html`. 乐陵's list is a plain `<ul>`
of links absolute on https://m.yybnet.net, then a `<div>` titled 其他县区 of 齐河 links; pager `下页` to `index_2.html`.
Eight article templates (see README.md). Written without looking at the extractor, the crawler nor the other
mirrors' markup. Run `python tests/blind8/build_site.py`, commit the outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import ARTICLES, LELING, MOBILE_LIVE, QIHE, QIHE_ARTICLES, YUCHENG  # noqa: E402

from tests.blindkit import Portal, esc, first_text, run, stub_article, stub_list  # noqa: E402

COUNTIES = [
    ("dezhou", "德州新闻"), ("dezhou/yucheng", "禹城新闻"), ("dezhou/leling", "乐陵新闻"), ("dezhou/qihe", "齐河新闻"),
    ("dezhou/linyi", "临邑新闻"), ("dezhou/pingyuan", "平原新闻"), ("dezhou/xiajin", "夏津新闻"),
]
PORTAL = Portal(HERE, "dezhou", ("山东", "德州市"), COUNTIES, ARTICLES)
path_of, rows_of, write = PORTAL.path_of, PORTAL.newest_first, PORTAL.write


def county_nav() -> str:
    return " | ".join(f'<a href="/{p}/">{esc(n)}</a>' for p, n in COUNTIES)


# ------------------------------------------------------------------ article pages

def crumb(article: dict) -> str:
    path, name, _ = article["channel"]
    return (f'<div class="dzk-lujing">您现在的位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
            f'<a href="/dezhou/">德州市</a> &gt; <a href="/{path}/">{name}</a> &gt; 正文</div>')


def arrow_crumb(article: dict) -> str:
    """`首页 → 山东 → 德州市 → 禹城新闻`: arrows, 首页 for the portal, no 正文 at the end."""
    path, name, _ = article["channel"]
    return (f'<div class="dzk-daohang"><a href="/">首页</a> → <a href="/shandong/">山东</a> → '
            f'<a href="/dezhou/">德州市</a> → <a href="/{path}/">{name}</a></div>')


def render_items(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] == "img":
            _, src, shown, _caption = item
            out.append(f'<p align="center"><img src="{src}" alt="" /></p>')
            out.append(f'<p align="center" class="dzk-tuzhu">{esc(shown)}</p>')
        elif item[0] == "lead":
            label, text = item[1].split("：", 1)
            out.append(f"<p><b>{esc(label)}：</b>{esc(text)}</p>")
        else:
            out.append(f"<p>\u3000\u3000{esc(item[1])}</p>")
    return "\n".join(out)


def related(article: dict) -> str:
    """相关阅读: the other articles of the same channel (never a 齐河 one)."""
    others = [a for a in ARTICLES if a["channel"] == article["channel"] and a["id"] != article["id"]][:2]
    return "\n".join(f'<li><a href="{path_of(a)}">{esc(a["headline"])}</a></li>' for a in others)


def article_shell(article: dict, main: str, *, header: str | None = None, title: str | None = None,
                  crumb_html: str | None = None) -> str:
    _, name, _ = article["channel"]
    header = header or '<div class="dzk-tou"><a href="/"><img src="/images/dzk/logo.gif" alt="地方网"></a></div>'
    title = title if title is not None else f"{article['headline']}_{name}_地方网"
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{esc(title)}</title>
<meta name="description" content="{esc(first_text(article)[:60])}">
</head>
<body>
{header}
<div class="dzk-xianqu">{county_nav()}</div>
{crumb_html if crumb_html is not None else crumb(article)}
{main}
<div class="dzk-xgyd"><h4>相关阅读</h4><ul>
{related(article)}
</ul></div>
<div class="dzk-banquan">版权所有 地方网 &copy; 2021 鲁ICP备xxxxxxxx号</div>
</body>
</html>
"""


def standard_main(article: dict, headline_html: str | None = None, body_html: str | None = None) -> str:
    headline_html = headline_html or f'<h1 class="dzk-biaoti">{esc(article["headline"])}</h1>'
    body_html = body_html if body_html is not None else render_items(article["items"])
    return f"""<div class="dzk-neirong">
{headline_html}
<div class="dzk-xinxi">{esc(article['info'])}</div>
<div class="dzk-zhengwen">
{body_html}
</div>
</div>"""


def render_plain(article: dict) -> str:
    return article_shell(article, standard_main(article))


def render_h1_sitename(article: dict) -> str:
    """`<title>` is the bare headline; the `<h1>` holds the site name 德州新闻网; the headline is a `<div><h2>`."""
    header = '<div class="dzk-logo"><h1>德州新闻网</h1><span>德州人自己的新闻网站</span></div>'
    headline = f'<div class="dzk-wenzhang-bt"><h2>{esc(article["headline"])}</h2></div>'
    return article_shell(article, standard_main(article, headline_html=headline), header=header,
                         title=article["headline"])


def render_arrow_crumb(article: dict) -> str:
    return article_shell(article, standard_main(article), crumb_html=arrow_crumb(article))


def render_br_emsp(article: dict) -> str:
    """No `<p>`: paragraphs are `&emsp;&emsp;`-indented runs separated by one `<br/>` each."""
    runs = "<br/>\n".join(f"&emsp;&emsp;{esc(i[1])}" for i in article["items"])
    return article_shell(article, standard_main(article, body_html=runs))


RENDERERS = {
    "weekday-info": render_plain, "h1-sitename": render_h1_sitename, "arrow-crumb": render_arrow_crumb,
    "hexin-tishi": render_plain, "author-photo": render_plain, "br-emsp": render_br_emsp,
    "wan-zebian": render_plain, "dot-date": render_plain,
}


def render(article: dict) -> dict[str, str]:
    """{path: html} of every page of an article."""
    return {path_of(article): RENDERERS[article["template"]](article)}


# ------------------------------------------------------------------ list pages

def list_shell(name: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{name}_德州_地方网</title></head>
<body>
<div class="dzk-tou"><a href="/"><img src="/images/dzk/logo.gif" alt="地方网"></a></div>
<div class="dzk-xianqu">{county_nav()}</div>
<div class="dzk-lujing">您现在的位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/dezhou/">德州市</a> &gt; {name}</div>
{main}
<div class="dzk-banquan">版权所有 地方网 &copy; 2021 鲁ICP备xxxxxxxx号</div>
</body>
</html>
"""


def yucheng_list(rows: list[dict], pager: str) -> str:
    """Cards `<div><h3><a>`+`<p>` summary+`date | source`; a box `<h3>齐河</h3>` whose links are its next sibling."""
    cards = "\n".join(
        f'<div class="dzk-kapian"><h3><a href="{path_of(a)}" target="_blank">{esc(a["headline"])}</a></h3>'
        f'<p>{esc(first_text(a)[:40])}…</p><div class="dzk-kapian-di">{a["published_at"][:10]} | {a["source"]}</div></div>'
        for a in rows)
    box = "\n".join(f'<a href="{h}" target="_blank">{esc(t)}</a><br>' for h, t in QIHE_ARTICLES)
    return list_shell(YUCHENG[1], f"""<div class="dzk-zhuti">
<div class="dzk-zuolan">
<h2 class="dzk-lanmu">{YUCHENG[1]}</h2>
{cards}
<div class="dzk-yema">{pager}</div>
</div>
<div class="dzk-youlan">
<h3>{QIHE[2]}</h3>
<div>
{box}
</div>
</div>
</div>""")


def leling_list(rows: list[dict], pager: str) -> str:
    """A plain `<ul>` of links absolute on the mobile host; then a `<div>` titled 其他县区 of 齐河 links."""
    lis = "\n".join(f'<li><a href="{MOBILE_LIVE}{path_of(a)}">{esc(a["headline"])}</a> {a["published_at"][5:10]}</li>'
                    for a in rows)
    others = "\n".join(f'<li><a href="{MOBILE_LIVE}{h}">{esc(t)}</a></li>' for h, t in QIHE_ARTICLES)
    return list_shell(LELING[1], f"""<h2>{LELING[1]}</h2>
<ul>
{lis}
</ul>
<div class="dzk-fanye">{pager}</div>
<div class="dzk-qita"><div>其他县区</div><ul>
{others}
</ul></div>""")


def write_lists() -> None:
    rows = rows_of(YUCHENG)
    write(f"/{YUCHENG[0]}/index.html", yucheng_list(
        rows[:2], '<span>‹</span> <b>1</b> <a href="list_2.html">2</a> <a href="list_2.html">›</a>'))
    write(f"/{YUCHENG[0]}/list_2.html", yucheng_list(
        rows[2:], '<a href="index.html">‹</a> <a href="index.html">1</a> <b>2</b> <span>›</span>'))

    rows = rows_of(LELING)
    write(f"/{LELING[0]}/index.html", leling_list(rows[:2], '<span>上页</span> <a href="index_2.html">下页</a>'))
    write(f"/{LELING[0]}/index_2.html", leling_list(rows[2:], '<a href="index.html">上页</a> <span>下页</span>'))

    # the never-asked channel exists, so a crawler that strays is seen straying
    write(f"/{QIHE[0]}/index.html", stub_list(QIHE_ARTICLES, "list_2.html"))
    write(f"/{QIHE[0]}/list_2.html", stub_list([], "index.html"))
    for href, title in QIHE_ARTICLES:
        write(href, stub_article(title, "德州市", QIHE, "<p>来源：德州日报 2021-07-30 08:00</p>", "记者 孙伟"))


# ------------------------------------------------------------------ the build

def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /admin/\n")
    for article in ARTICLES:
        for path, text in render(article).items():
            write(path, text)
    write_lists()
    asked = (YUCHENG[0], LELING[0])
    never = PORTAL.never_requested(asked, {"/shandong/", f"/{QIHE[0]}/index.html", f"/{QIHE[0]}/list_2.html"}
                                   | {href for href, _ in QIHE_ARTICLES})
    PORTAL.write_expected(asked, {path_of(a): PORTAL.record(a, caption=3) for a in ARTICLES}, never)


if __name__ == "__main__":
    run(PORTAL, build)
