"""Build the tenth blind test portal: tests/blind10/site/ and its answer key tests/blind10/expected.json.

A mirror of 地方网 for the city of 滨州: two asked channels (邹平, 惠民) and one nobody asked for (阳信).
邹平's list opens with a `<font color=red>[置顶]</font>` pinned item under `<h2>邹平新闻 <small>ZOUPING NEWS</small></h2>`,
paginated to list_2.html, followed by a tab bar `阳信 | 惠民` whose links are 阳信 articles. 惠民's list is a GB18030
page with `[YYYY-MM-DD]` before each link and a `下一页>>` link to index_2.html. Eight article templates (README.md).
Written without looking at the extractor, the crawler nor the other mirrors' markup. Run
`python tests/blind10/build_site.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import ARTICLES, HUIMIN, YANGXIN, YANGXIN_ARTICLES, ZOUPING  # noqa: E402

from tests.blindkit import Portal, attr, esc, first_text, run, stub_article, stub_list  # noqa: E402

COUNTIES = [
    ("binzhou", "滨州新闻"), ("binzhou/bincheng", "滨城新闻"), ("binzhou/zhanhua", "沾化新闻"),
    ("binzhou/huimin", "惠民新闻"), ("binzhou/yangxin", "阳信新闻"), ("binzhou/wudi", "无棣新闻"),
    ("binzhou/boxing", "博兴新闻"), ("binzhou/zouping", "邹平新闻"),
]

PORTAL = Portal(HERE, "binzhou", ("山东", "滨州市"), COUNTIES, ARTICLES)
path_of, of, write = PORTAL.path_of, PORTAL.of, PORTAL.write


def county_nav() -> str:
    return " ".join(f'<a href="/{p}/">{esc(n)}</a>' for p, n in COUNTIES)


# ------------------------------------------------------------------ article pages

def crumb(article: dict) -> str:
    path, name, _ = article["channel"]
    return (f'<div class="bzx-daohang">当前位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
            f'<a href="/binzhou/">滨州市</a> &gt; <a href="/{path}/">{name}</a> &gt; 正文</div>')


def render_items(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] == "img":
            _, src, caption = item
            out.append(f'<div style="text-align:center"><img src="{src}" alt="" /><br/>'
                       f'<span>{esc(caption)}</span></div>')
        else:
            out.append(f"<p>\u3000\u3000{esc(item[1])}</p>")
    return "\n".join(out)


def body_html(article: dict) -> str:
    paragraphs = render_items(article["items"])
    if article["template"] == "table-cell-body":
        # an old layout: the whole body is the one cell of a table
        return f'<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td class="bzx-danyuan">\n{paragraphs}\n</td></tr></table>'
    return paragraphs


def related(article: dict) -> str:
    others = [a for a in of(article["channel"]) if a["id"] != article["id"]]
    return "\n".join(f'<li><a href="{path_of(a)}">{esc(a["headline"])}</a></li>' for a in others[:2])


def article_page(article: dict) -> str:
    _, name, _ = article["channel"]
    title = f"{article['headline']}_{name}_地方网"
    h1 = article.get("headline_html") or esc(article["headline"])
    updated = f'<div class="bzx-gengxin">{esc(article["updated"])}</div>\n' if article.get("updated") else ""
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(title)}</title>
<meta name="description" content="{attr(first_text(article)[:60])}" />
</head>
<body>
<div class="bzx-toubu"><a href="/"><img src="/images/bzx/logo.gif" alt="地方网" /></a></div>
<div class="bzx-xianqu">{county_nav()}</div>
{crumb(article)}
<div class="bzx-zhuti">
<h1>{h1}</h1>
<h4>{esc(article['info'])}</h4>
<div class="bzx-wenben">
{body_html(article)}
</div>
{updated}<div class="bzx-xgxw"><h3>相关新闻</h3><ul>
{related(article)}
</ul></div>
</div>
<div class="bzx-banquan">Copyright 地方网 版权所有</div>
</body>
</html>
"""


# ------------------------------------------------------------------ list pages

def list_shell(name: str, main: str, charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="{charset}"><title>{name}_滨州_地方网</title></head>
<body>
<div class="bzx-toubu"><a href="/"><img src="/images/bzx/logo.gif" alt="地方网" /></a></div>
<div class="bzx-xianqu">{county_nav()}</div>
<div class="bzx-daohang">当前位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/binzhou/">滨州市</a> &gt; {name}</div>
{main}
<div class="bzx-banquan">Copyright 地方网 版权所有</div>
</body>
</html>
"""


def zouping_list(rows: list[dict], pager: str) -> str:
    """A pinned `[置顶]` item first, then the rows; a `阳信 | 惠民` tab bar whose links are 阳信 articles."""
    pinned = next(a for a in of(ZOUPING) if a.get("pinned"))
    lis = [f'<li><font color=red>[置顶]</font><a href="{path_of(pinned)}" target="_blank">{esc(pinned["headline"])}</a>'
           f'<span>{pinned["list_date"]}</span></li>']
    lis += [f'<li><a href="{path_of(a)}" target="_blank">{esc(a["headline"])}</a><span>{a["list_date"]}</span></li>'
            for a in rows]
    tab = "\n".join(f'<li><a href="{h}" target="_blank">{esc(t)}</a></li>' for h, t in YANGXIN_ARTICLES)
    return list_shell(ZOUPING[1], f"""<div class="bzx-lbk">
<h2>邹平新闻 <small>ZOUPING NEWS</small></h2>
<ul>
{chr(10).join(lis)}
</ul>
<div class="bzx-fanye">{pager}</div>
</div>
<div class="bzx-qiehuan"><a href="/{YANGXIN[0]}/">阳信</a> | <a href="/{HUIMIN[0]}/">惠民</a></div>
<ul class="bzx-qhnr">
{tab}
</ul>""")


def huimin_list(rows: list[dict], pager: str) -> str:
    """`<li><span>[YYYY-MM-DD]</span> <a>headline</a></li>` rows; the page is GB18030."""
    lis = "\n".join(f'<li><span>[{a["list_date"]}]</span> <a href="{path_of(a)}">{esc(a["headline"])}</a></li>'
                    for a in rows)
    return list_shell(HUIMIN[1], f"""<div class="bzx-huimin">
<div class="bzx-lmmc">{HUIMIN[1]}</div>
<ul>
{lis}
</ul>
<div class="bzx-ym">{pager}</div>
</div>""", charset="gb18030")


def yangxin_article(title: str) -> str:
    return stub_article(title, "滨州市", YANGXIN, "<h4>滨州日报 | 2021-08-28 09:00</h4>", "记者 周明")


def write_lists() -> None:
    rows = [a for a in of(ZOUPING)]
    write(f"/{ZOUPING[0]}/index.html", zouping_list(
        rows[:2], '<b>1</b> <a href="list_2.html">2</a> <a href="list_2.html">下一页</a>'))
    write(f"/{ZOUPING[0]}/list_2.html", zouping_list(
        rows[2:], '<a href="index.html">上一页</a> <a href="index.html">1</a> <b>2</b>'))

    rows = of(HUIMIN)
    write(f"/{HUIMIN[0]}/index.html", huimin_list(rows[:2], '<a href="index_2.html">下一页&gt;&gt;</a>'), "gb18030")
    write(f"/{HUIMIN[0]}/index_2.html", huimin_list(rows[2:], '<a href="index.html">&lt;&lt;上一页</a>'), "gb18030")

    write(f"/{YANGXIN[0]}/index.html", stub_list(YANGXIN_ARTICLES, "list_2.html"))
    write(f"/{YANGXIN[0]}/list_2.html", stub_list([], "index.html"))
    for href, title in YANGXIN_ARTICLES:
        write(href, yangxin_article(title))


# ------------------------------------------------------------------ answer key

def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /admin/\n")
    for article in ARTICLES:
        write(path_of(article), article_page(article))
    write_lists()
    asked = (ZOUPING[0], HUIMIN[0])
    never = PORTAL.never_requested(asked, {"/shandong/", f"/{YANGXIN[0]}/index.html", f"/{YANGXIN[0]}/list_2.html"}
                                   | {href for href, _ in YANGXIN_ARTICLES})
    PORTAL.write_expected(asked, {path_of(a): PORTAL.record(a) for a in ARTICLES}, never)


if __name__ == "__main__":
    run(PORTAL, build)
