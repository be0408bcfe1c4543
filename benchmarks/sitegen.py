"""A static portal mirror of N articles in one channel, for crawl benchmarks and scale tests.

The pages follow the portal's v2 template (breadcrumb, 来源 line, ■ byline, boxes
beside the article and the list), so the crawl does the work it does on the portal.
One channel, `jining/qufu`: `index.html`, `list_2.html` … with 20 articles a page,
newest first, and a pager of ten page numbers around the current one. Every
`MULTIPAGE_EVERY`-th article continues on `{id}_2.html`. Text is seeded, so two runs
write the same bytes.

    write_site(Path("/tmp/site"), articles=10_000) -> SiteFacts
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape
from pathlib import Path

CHANNEL = "jining/qufu"
PER_PAGE = 20
PAGER_NUMBERS = 10
MULTIPAGE_EVERY = 25
FIRST_ID = 8_000_000

_WORDS = ("曲阜", "驻村", "联户", "工作", "群众", "干部", "乡村", "振兴", "发展", "文化", "孔子", "农民",
          "增收", "项目", "建设", "服务", "社区", "学校", "教育", "医疗", "交通", "环境", "治理", "产业",
          "企业", "市场", "活动", "会议", "部署", "推进", "落实", "检查", "安全", "生产", "旅游", "景区")
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华"
_SOURCES = ("济宁晚报", "济宁日报", "齐鲁晚报", "曲阜日报")

_NAV = "".join(f'<a href="/jining/{c}/" target="_blank">{n}新闻</a> ' for c, n in (
    ("sishui", "泗水"), ("wenshang", "汶上"), ("jiaxiang", "嘉祥"), ("zoucheng", "邹城"), ("qufu", "曲阜")))
_SIDE = (
    '<div class="right"><div class="side-box rdyd"><h3>热点阅读</h3><p>'
    '<a href="/yule/news/202203/1200001.html" target="_blank">文牧野: 我一直追寻着真实与真诚...</a></p></div>'
    '<div class="side-box rdph"><h3>热点排行</h3><ul><li><span class="num">1</span>'
    '<a href="/jining/news/201506/7713990.html" target="_blank">泗水县泉林镇发展特色种植助农增收</a></li></ul></div></div>'
)
_FOOTER = (
    '<div class="footer"><p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a></p>'
    '<p>Copyright &copy; 地方网 www.yybnet.net All Rights Reserved</p></div>'
    '<script src="/js/tongji.js"></script>\n</body>\n</html>\n'
)


def _head(title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        f"<title>{escape(title)}_曲阜新闻_地方网</title>\n"
        '<link rel="stylesheet" href="/css/style.css" type="text/css">\n</head>\n<body>\n'
        '<div class="top"><a href="/" class="logo"><img src="/images/logo.png" alt="地方网"></a></div>\n'
        f'<div class="nav w1000">{_NAV}</div>\n'
    )


@dataclass(frozen=True)
class Article:
    number: int  # 0 = oldest
    headline: str
    source: str
    published: str  # 2015-06-22 07:21
    byline: list[str]
    paragraphs: list[str]  # page 1's
    more: list[str]  # page 2's, empty for one-page articles

    @property
    def path(self) -> str:
        return f"/jining/news/{self.published[:4]}{self.published[5:7]}/{FIRST_ID + self.number}.html"

    @property
    def page_paths(self) -> list[str]:
        return [self.path] + ([self.path.replace(".html", "_2.html")] if self.more else [])


@dataclass(frozen=True)
class SiteFacts:
    articles: int
    list_pages: int
    pages: int  # every page a full crawl requests: robots.txt, list pages, article pages
    paths: list[str]  # every article page path


def _sentence(rng: random.Random) -> str:
    return "，".join("".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 6))) for _ in range(3)) + "。"


def make_article(number: int, rng: random.Random) -> Article:
    year = 2015 + number * 7 // 1000 % 8
    month = 1 + number % 12
    day = 1 + number % 28
    names = ["".join((rng.choice(_SURNAMES), rng.choice(_GIVEN), rng.choice(_GIVEN))) for _ in range(2)]
    paragraphs = ["".join(_sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(6, 14))]
    more = ["".join(_sentence(rng) for _ in range(3)) for _ in range(4)] if number % MULTIPAGE_EVERY == 0 else []
    return Article(
        number=number,
        headline=f"{''.join(rng.choice(_WORDS) for _ in range(4))}第{number + 1}期",
        source=rng.choice(_SOURCES),
        published=f"{year}-{month:02d}-{day:02d} {7 + number % 12:02d}:{number % 60:02d}",
        byline=names,
        paragraphs=paragraphs,
        more=more,
    )


def article_html(article: Article, page: int) -> str:
    paths = article.page_paths
    if page == 1:
        lines = [f"■本报记者{''.join(article.byline)}", *article.paragraphs]
    else:
        lines = article.more
    body = "\n".join(f"<p>　　{escape(line)}</p>" for line in lines)
    pager = ""
    if len(paths) > 1:
        pager = '<div class="pages">' + "".join(
            f'<a href="{p}">{n}</a>' if n != page else f"<span>{n}</span>" for n, p in enumerate(paths, 1)
        ) + "</div>"
    return (
        _head(article.headline)
        + '<div class="position w1000"><a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
        '<a href="/jining/">济宁市</a> &gt; <a href="/jining/qufu/">曲阜新闻</a> &gt; 正文</div>\n'
        '<div class="main w1000"><div class="left"><div class="article">\n'
        f"<h1>{escape(article.headline)}</h1>\n"
        f'<div class="info">来源:{article.source} {article.published}&nbsp;&nbsp; https://www.yybnet.net/</div>\n'
        f'<div class="content" id="content">\n{body}\n</div>\n{pager}</div>\n'
        '<div class="xwtj"><div class="hd">新闻推荐</div><h4><a href="/jining/news/201506/7702211.html">'
        '全市2015年第二批重大项目集中开工</a></h4><p class="summary">本报济宁6月8日讯(记者张彦彦)为进一步深化...</p></div>\n'
        '<div class="pinglun" id="comment"><div class="hd">评论:(' + escape(article.headline) + ")</div></div>\n"
        "</div>" + _SIDE + "</div>\n" + _FOOTER
    )


def list_page_name(number: int) -> str:
    return "index.html" if number == 1 else f"list_{number}.html"


def list_html(number: int, total: int, items: list[Article]) -> str:
    entries = "\n".join(
        f'<li><span class="date">{a.published[:10]}</span><a href="{a.path}" target="_blank">{escape(a.headline)}</a></li>'
        for a in items
    )
    first = max(1, min(number - PAGER_NUMBERS // 2, total - PAGER_NUMBERS + 1))
    numbers = range(first, min(total, first + PAGER_NUMBERS - 1) + 1)
    pager = f'<a href="index.html">首页</a><a href="{list_page_name(max(1, number - 1))}">上一页</a>'
    pager += "".join(
        f'<span class="current">{n}</span>' if n == number else f'<a href="{list_page_name(n)}">{n}</a>' for n in numbers
    )
    pager += f'<a href="{list_page_name(min(total, number + 1))}">下一页</a><a href="{list_page_name(total)}">尾页</a>'
    pager += f"<span>共{total}页</span>"
    return (
        _head("曲阜新闻")
        + '<div class="position w1000"><a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
        '<a href="/jining/">济宁市</a> &gt; 曲阜新闻</div>\n'
        '<div class="main w1000"><div class="left"><div class="lanmu-title"><h2>曲阜新闻</h2></div>\n'
        f'<div class="list_con"><ul class="news-list">\n{entries}\n</ul></div>\n<div class="pages">{pager}</div>\n'
        "</div>" + _SIDE + "</div>\n" + _FOOTER
    )


def write_site(root: Path, articles: int, seed: int = 9) -> SiteFacts:
    """Write the mirror under `root`; the newest article is listed first."""
    rng = random.Random(seed)
    all_articles = [make_article(n, rng) for n in range(articles)]
    newest_first = all_articles[::-1]
    total = max(1, -(-articles // PER_PAGE))
    channel_dir = root / CHANNEL
    channel_dir.mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow:\n", encoding="utf-8")
    paths: list[str] = []
    for article in all_articles:
        for page, path in enumerate(article.page_paths, start=1):
            target = root / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(article_html(article, page), encoding="utf-8")
            paths.append(path)
    for number in range(1, total + 1):
        items = newest_first[(number - 1) * PER_PAGE:number * PER_PAGE]
        (channel_dir / list_page_name(number)).write_text(list_html(number, total, items), encoding="utf-8")
    return SiteFacts(articles=articles, list_pages=total, pages=1 + total + len(paths), paths=paths)
