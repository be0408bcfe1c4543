"""Channel list pages of 地方网 composed from independent choices, each with its truth.

A page is built from choices made one after the other: the list's markup (ul/li, table
rows, dl/dt, cards, items with their own h3/h4 headline and summary, paragraphs, a list
split by a rule), its title, the headlines (which use the words of box titles: 周边,
推荐, 排行, 精彩, 头条 …), how each article is linked (relative, on the live host,
`?from=list`, an old address the portal redirects), the boxes beside the list (热点排行
and the like, whose headlines use the same words as the list's; other channels' and
other cities' headlines; 专题 links), where they stand, and the pager's style
(`list_N`, `index_N`, `N.html`, `?page=N`, page 1 only at the channel root). Each choice
says what the list reader must find, so a page's truth is known without anybody writing
it by hand. The composer runs under hypothesis (tests: a failing page shrinks to its
smallest choices) and under `random.Random` (the benchmark: thousands of pages).

    page = compose_list_page(RandomPicker(random.Random(7)))
    page.html, page.url              # what the list reader reads
    page.truth.articles              # the main list's article URLs, in page order
    page.truth.side_only             # article URLs that stand only in boxes beside it
    page.choices                     # which choice was made for each class (failure reports)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from hypothesis import strategies as st

from tests.generator.picking import DrawPicker, Picker

BASE_URL = "http://127.0.0.1:8123"  # the crawl's base; the live hosts are mapped onto it
CITY = "jining"
COUNTIES = {"qufu": "曲阜", "zoucheng": "邹城", "sishui": "泗水", "yanzhou": "兖州", "liangshan": "梁山"}
OTHER_CITIES = ("heze", "linyi", "taian")

# Headlines of local news use the words box titles are made of, every day.
_TRAP_WORDS = ("周边", "推荐", "排行", "精彩", "头条", "关注", "阅读", "相关", "其他", "热点", "热门", "专题")
_HEADLINE_FORMS = (
    "{place}{word}游持续升温",
    "暑期{word}阅读书目发布",
    "{place}县域经济综合{word}榜发布",
    "{word}回顾｜第三届黄河大集圆满落幕",
    "网购{word}排行出炉",
    "{place}：{word}民生实事落地见效",
    "{place}召开{word}工作推进会",
    "{place}新建改建农村公路120公里",
    "{place}秋粮收购进度过半",
    "{place}举办春季网络招聘会",
)
_BOX_TITLES = ("热点排行", "点击排行", "猜你喜欢", "网友关注", "今日头条", "精彩推荐", "相关阅读", "其他县区", "周边新闻", "热门专题")


@dataclass(frozen=True)
class ListTruth:
    articles: tuple[str, ...]  # absolute URLs the main list links, in page order, once each
    side_only: tuple[str, ...]  # article URLs that stand only in boxes beside the list
    list_pages: tuple[str, ...]  # the channel's other list pages the pager links
    records: int  # records of the main list
    redirects: dict[str, str]  # an old address in the main list -> the article URL it redirects to


@dataclass
class ListPage:
    url: str
    html: str
    channel: str
    truth: ListTruth
    choices: dict[str, str] = field(default_factory=dict)


@dataclass
class _Ids:
    """Article ids, unique within a channel's pages."""

    next_id: int = 8_000_000

    def take(self) -> int:
        self.next_id += 1
        return self.next_id


# --- pager styles: the path of page N of a channel (N >= 2); page 1 is the root -----------
PAGER_STYLES: dict[str, Callable[[int], str]] = {
    "list_N": lambda n: f"list_{n}.html",
    "index_N": lambda n: f"index_{n}.html",
    "N.html": lambda n: f"{n}.html",
    "list-N": lambda n: f"list-{n}.html",
    "?page=N": lambda n: f"?page={n}",
}


def page_url(channel: str, style: str, number: int) -> str:
    root = f"{BASE_URL}/{channel}/"
    return root if number == 1 else root + PAGER_STYLES[style](number)


def compose_channel(
    picker: Picker, channel: str = f"{CITY}/qufu", pages: int | None = None, **fixed: str
) -> list[ListPage]:
    """Every list page of one channel: one template, one pager style, its own articles.
    `fixed` pins template choices (`list_markup="h3_items"`, `pager_style="?page=N"`)."""
    pages = pages or picker.number(1, 4)
    style = fixed.pop("pager_style", None) or picker.one(tuple(PAGER_STYLES))
    template = {**_template(picker), **fixed}
    ids = _Ids(picker.number(1, 900) * 10_000)
    return [compose_list_page(picker, channel, number, pages, style, template, ids) for number in range(1, pages + 1)]


def compose_list_page(
    picker: Picker,
    channel: str = f"{CITY}/qufu",
    number: int = 1,
    pages: int | None = None,
    style: str | None = None,
    template: dict[str, str] | None = None,
    ids: _Ids | None = None,
) -> ListPage:
    pages = pages if pages is not None else picker.number(1, 3)
    number = min(number, pages)
    style = style or picker.one(tuple(PAGER_STYLES))
    template = template or _template(picker)
    ids = ids or _Ids(picker.number(1, 900) * 10_000)
    county = channel.split("/")[1]
    place = COUNTIES[county]
    choices = {**template, "pager_style": style, "pages": str(pages)}

    main_urls: list[str] = []
    redirects: dict[str, str] = {}
    items = []
    for _ in range(picker.number(1, 20)):
        headline = _headline(picker, place)
        href, url, article = _article_link(picker, CITY, ids.take(), template["old_urls"] == "yes")
        items.append(_item(template["list_markup"], picker, href, headline))
        if url not in main_urls:
            main_urls.append(url)
        if url != article:
            redirects[url] = article
    listing = _list_block(template["list_markup"], items, template["split"] == "yes")
    title = _list_title(template["list_title"], place)
    pager, list_pages = _pager(template["pager_markup"], channel, style, number, pages)
    pager_top = pager if template["pager_place"] == "top_and_bottom" else ""
    main_block = (
        f'<div class="{template["main_class"]}">{title}{pager_top}{listing}{pager}</div>'
    )

    boxes = []
    side_only: list[str] = []
    for index in range(picker.number(0, 3)):
        html, only = _side_box(picker, index, channel, ids, main_urls, template["list_markup"])
        boxes.append(html)
        side_only += only
    feature, featured = _feature_box(picker, main_urls, ids) if template["feature"] == "yes" else ("", [])
    zt = (
        '<div class="zt"><a href="/zt/2019/lianghui/index.html">两会专题</a> '
        f'<a href="/{channel}/zhuanti/wenming.html">文明创建专题</a></div>'
        if picker.one((True, False))
        else ""
    )
    before = [box for box in boxes if picker.one((True, False))] if template["boxes_place"] == "mixed" else []
    after = [box for box in boxes if box not in before]
    if template["boxes_place"] == "sidebar":
        after = [f'<div class="right">{"".join(after)}</div>'] if after else []
    body = (
        _nav(channel)
        + _breadcrumb(place)
        + feature
        + "".join(before)
        + main_block
        + "".join(after)
        + zt
        + '<div class="footer"><a href="/about.html">关于我们</a> <a href="/contact.html">联系我们</a> '
        '<a href="http://www.beian.gov.cn/">鲁ICP备</a></div>'
    )
    html = f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{place}新闻_济宁_地方网</title></head><body>{body}</body></html>'
    truth = ListTruth(
        tuple(main_urls + featured), tuple(url for url in side_only if url not in main_urls), tuple(list_pages), len(items), redirects
    )
    return ListPage(page_url(channel, style, number), html, channel, truth, choices)


def _template(picker: Picker) -> dict[str, str]:
    """The choices a channel's list pages share."""
    return {
        "list_markup": picker.one(("ul", "table", "dl", "cards", "h3_items", "h4_items", "p_items", "ol_summary", "dd_items")),
        "list_title": picker.one(("h2", "div_title", "span_more", "none")),
        "main_class": picker.one(("list", "news-list", "lbk", "xwlb", "main-con", "con_left")),
        "pager_markup": picker.one(("numbers", "prev_next", "numbers_next_last")),
        "pager_place": picker.one(("bottom", "top_and_bottom")),
        "boxes_place": picker.one(("after", "sidebar", "mixed")),
        "old_urls": picker.one(("no", "yes")),
        "split": picker.one(("no", "no", "yes")),
        "feature": picker.one(("no", "no", "yes")),
    }


def _headline(picker: Picker, place: str) -> str:
    return picker.one(_HEADLINE_FORMS).format(place=place, word=picker.one(_TRAP_WORDS))


def _article_link(picker: Picker, city: str, article_id: int, old_urls: bool) -> tuple[str, str, str]:
    """(href as written, absolute URL the reader must find, URL of the article it names:
    an old address is answered with a 301 to it)."""
    month = f"20{picker.number(15, 24)}{picker.number(1, 12):02d}"
    path = f"/{city}/news/{month}/{article_id}.html"
    article = BASE_URL + path
    forms = ["relative", "absolute_live", "mobile_host", "from_list"]
    if old_urls:
        forms += ["html_date", "show_php", "old_suffix"]
    form = picker.one(tuple(forms))
    if form == "absolute_live":
        return f"https://www.yybnet.net{path}", article, article
    if form == "mobile_host":
        return f"http://m.yybnet.net{path}", article, article
    if form == "from_list":
        return f"{path}?from=list", article, article
    if form == "html_date":
        old = f"/html/{month[:4]}/{month[4:]}{picker.number(10, 28)}/{article_id}.html"
    elif form == "show_php":
        old = f"/{city}/show.php?id={article_id}"
    elif form == "old_suffix":
        old = f"/{city}/news/{month}/{article_id}_old.html"
    else:
        return path, article, article
    return old, BASE_URL + old, article


def _date(picker: Picker) -> str:
    return f"20{picker.number(15, 24)}-{picker.number(1, 12):02d}-{picker.number(1, 28):02d}"


def _item(markup: str, picker: Picker, href: str, headline: str) -> str:
    text = escape(headline)
    kicker = picker.one(("", "", '<font color="red">[置顶]</font>', '<span class="tag">周边</span>', '<em>[推荐]</em>'))
    heading_kicker = picker.one(("", "", '<h5 class="kicker">热点</h5>'))
    summary = f"{escape(headline)}。记者从有关部门获悉，相关工作正在有序推进……"
    date = _date(picker)
    if markup == "ul":
        return f'<li>{kicker}<a href="{href}" target="_blank">{text}</a><span>{date}</span></li>'
    if markup == "table":
        return f'<tr><td class="bt">·<a href="{href}">{text}</a></td><td class="rq">{date}</td></tr>'
    if markup == "dl":
        return f'<dl><dt><a href="{href}">{text}</a></dt><dd>{summary} <span>{date}</span></dd></dl>'
    if markup == "cards":
        return (
            f'<div class="card"><a href="{href}"><img src="/uploadfile/t.jpg"></a>'
            f'<h3><a href="{href}">{text}</a></h3><p>{summary}</p></div>'
        )
    if markup in ("h3_items", "h4_items"):
        tag = markup[:2]
        return (
            f'<div class="news-item">{kicker or heading_kicker}<{tag}><a href="{href}">{text}</a></{tag}>'
            f'<p class="summary">{summary}</p><span class="info">{date}</span></div>'
        )
    if markup == "p_items":
        return f'<p><span>[{date[5:]}]</span><a href="{href}">{text}</a></p>'
    if markup == "dd_items":
        return f'<dd><a href="{href}">{text}</a><i>{date}</i></dd>'
    return f'<li><h4><a href="{href}">{text}</a></h4><p>{summary}</p></li>'  # ol_summary


def _list_block(markup: str, items: list[str], split: bool) -> str:
    def wrap(part: list[str]) -> str:
        if markup in ("ul",):
            return f'<ul class="news">{"".join(part)}</ul>'
        if markup == "ol_summary":
            return f'<ol class="news">{"".join(part)}</ol>'
        if markup == "table":
            return f'<table class="news">{"".join(part)}</table>'
        if markup == "dd_items":
            return f'<dl class="news"><dt>最新消息</dt>{"".join(part)}</dl>'
        return f'<div class="news">{"".join(part)}</div>'

    if split and len(items) >= 2:
        half = len(items) // 2
        return wrap(items[:half]) + "<hr>" + wrap(items[half:])
    return wrap(items)


def _list_title(markup: str, place: str) -> str:
    if markup == "h2":
        return f"<h2>{place}新闻</h2>"
    if markup == "div_title":
        return f'<div class="title">{place}新闻 <small>最新</small></div>'
    if markup == "span_more":
        return f'<div class="hd"><span>{place}新闻</span><a href="/{CITY}/{_county_of(place)}/">更多&gt;&gt;</a></div>'
    return ""


def _county_of(place: str) -> str:
    return next(county for county, name in COUNTIES.items() if name == place)


def _pager(markup: str, channel: str, style: str, number: int, pages: int) -> tuple[str, list[str]]:
    if pages == 1:
        return "", []
    links: list[str] = []
    parts: list[str] = []

    def link(target: int, text: str) -> None:
        url = page_url(channel, style, target)
        parts.append(f'<a href="{escape(url.removeprefix(BASE_URL))}">{text}</a>')
        links.append(url)

    if markup in ("numbers", "numbers_next_last"):
        for target in range(1, pages + 1):
            if target == number:
                parts.append(f"<b>{target}</b>")
            else:
                link(target, str(target))
    if markup in ("prev_next", "numbers_next_last"):
        if number > 1:
            link(number - 1, "上一页")
        if number < pages:
            link(number + 1, "下一页")
        if markup == "numbers_next_last" and number < pages:
            link(pages, "尾页")
    unique = [url for url in dict.fromkeys(links) if url != page_url(channel, style, number)]
    return f'<div class="pages">{" ".join(parts)}</div>', unique


def _feature_box(picker: Picker, main_urls: list[str], ids: _Ids) -> tuple[str, list[str]]:
    """The channel's own photo headlines above its list, untitled: most repeat the
    list's articles; one may stand only here (and is the channel's too)."""
    shown = [url for url in main_urls[: picker.number(1, 3)]]
    own = []
    if picker.one((True, False)) and len(shown) >= 1:
        own.append(_article_link(picker, CITY, ids.take(), old_urls=False)[1])
    cards = "".join(
        f'<li><a href="{escape(url.removeprefix(BASE_URL))}"><img src="/uploadfile/t.jpg"><p>图片新闻</p></a></li>'
        for url in shown + own
    )
    return f'<div class="focus"><ul>{cards}</ul></div>', own


def _side_box(
    picker: Picker, index: int, channel: str, ids: _Ids, main_urls: list[str], list_markup: str
) -> tuple[str, list[str]]:
    """A box beside the list, titled as boxes are, and the article URLs it alone links."""
    kind = picker.one(("words", "other_channel", "other_city"))
    own = channel.split("/")[1]
    if kind == "other_channel":
        county = picker.one(tuple(county for county in COUNTIES if county != own))
        name = f"{COUNTIES[county]}新闻"
        title_inner = picker.one((name, f'<a href="/{CITY}/{county}/">{name}</a>'))
        city, place = CITY, COUNTIES[county]
    elif kind == "other_city":
        city, place = picker.one(OTHER_CITIES), "外地"
        title_inner = picker.one(("外地新闻", "省内要闻", "热点排行"))
    else:
        city, place = CITY, COUNTIES[own]
        title_inner = picker.one(_BOX_TITLES)
    title = picker.one(("h3", "h4", "div_tit", "b")).replace("div_tit", "div")
    title_html = (
        f'<div class="tit">{title_inner}</div>' if title == "div" else f"<{title}>{title_inner}</{title}>"
    )
    items = []
    only = []
    for _ in range(picker.number(1, 10)):
        if main_urls and picker.number(0, 5) == 0:  # an article of the list shown in a box too
            url = picker.one(main_urls)
            href = url.removeprefix(BASE_URL)
        else:
            href, url, _ = _article_link(picker, city, ids.take(), old_urls=False)
            only.append(url)
        items.append(f'<li><a href="{escape(href)}">{escape(_headline(picker, place))}</a></li>')
    if list_markup != "table" and picker.number(0, 3) == 0:  # marked up like the list itself
        body = _list_block(list_markup, [_item(list_markup, picker, *_first_link(item)) for item in items], False)
        return f'<div class="{picker.one(("box", "mod", "bk"))}{index}">{title_html}{body}</div>', only
    css = picker.one(("box", "mod", "r-box", "phb", "bk"))
    markup = picker.one(("ul", "ol"))
    return f'<div class="{css}{index}">{title_html}<{markup}>{"".join(items)}</{markup}></div>', only


def _first_link(item: str) -> tuple[str, str]:
    """(href, text) of an `<li><a href=…>text</a></li>` item."""
    href = item.split('href="', 1)[1].split('"', 1)[0]
    text = item.split('">', 1)[1].split("</a>", 1)[0]
    return href, text


def _nav(channel: str) -> str:
    links = " ".join(f'<a href="/{CITY}/{county}/">{name}新闻</a>' for county, name in COUNTIES.items())
    return f'<div class="nav"><a href="/">首页</a> <a href="/{CITY}/">济宁新闻</a> {links}</div>'


def _breadcrumb(place: str) -> str:
    return f'<div class="weizhi">当前位置：<a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/{CITY}/">济宁市</a> &gt; {place}新闻</div>'


def write_site(pages: list[ListPage], root: Path) -> Path:
    """A mirror site (newsarchive.mirror.server's layout) of a generated channel: its list
    pages, a page for every article they link, and a 301 for every old address."""
    routes: dict[str, dict[str, object]] = {}
    for page in pages:
        _write(root, page.url, page.html)
        for url in [*page.truth.articles, *page.truth.side_only]:
            article = page.truth.redirects.get(url, url)
            _write(root, article, article_html(article))
            if article != url:
                routes[url.removeprefix(BASE_URL)] = {"redirect": article.removeprefix(BASE_URL), "status": 301}
    (root / "_routes.json").write_text(json.dumps(routes, indent=1), encoding="utf-8")
    return root


def _write(root: Path, url: str, html: str) -> None:
    path, _, query = url.removeprefix(BASE_URL).partition("?")
    relative = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
    if query:
        stem, _, suffix = relative.rpartition(".")
        relative = f"{stem}@{query}.{suffix}"
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


def article_html(url: str) -> str:
    """An article page of the portal's current template, titled by its id."""
    article_id = url.rsplit("/", 1)[1].split(".")[0]
    headline = f"曲阜市第{article_id}号民生工程顺利完工"
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{headline}-曲阜新闻-地方网</title></head><body>'
        '<div class="breadcrumb"><a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
        f'<a href="/{CITY}/">济宁市</a> &gt; <a href="/{CITY}/qufu/">曲阜新闻</a> &gt; 正文</div>'
        f'<div class="article"><div class="article-header"><h1 class="article-title">{headline}</h1>'
        '<div class="article-meta"><span class="source">来源：济宁晚报</span><span class="time">2019-11-28 16:40:05</span>'
        '</div></div><div class="article-content">'
        f"<p>　　记者从曲阜市有关部门获悉，第{article_id}号民生工程日前顺利完工并投入使用，惠及周边群众两万余人。</p>"
        "<p>　　据介绍，该工程自去年开工以来，施工单位克服工期紧、任务重等困难，确保了工程质量和进度。</p>"
        "</div></div></body></html>"
    )


def list_pages(draw: Callable[[st.SearchStrategy[int]], int]) -> ListPage:
    """For `@st.composite`: one generated list page."""
    return compose_list_page(DrawPicker(draw))


list_page_strategy = st.composite(list_pages)
