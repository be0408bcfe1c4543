"""The shared kit of the blind portals' build scripts (tests/blind*/build_site.py).

A blind portal is a mirror of 地方网 written by someone who never read newsarchive/extract or
newsarchive/crawl: its articles are data (articles.py), its build script renders them in its own
templates and writes `site/` and the answer key `expected.json` from the same data. What every
portal does alike lives here: escaping, article paths and pages, writing files in an encoding,
the mirror's `_routes.json`, the expected record by PORTAL.md's field shape, stub pages of
channels nobody asked for. What makes a portal itself (its templates, list layouts, traps)
stays in its script.

Every build script takes `--out DIR` (default: its own folder), so a test can rebuild it
elsewhere and compare with what is committed (tests/test_blind_freshness.py).

Article data, as every articles.py writes it: a dict with `id`, `ym` (YYYYMM), `channel`
(path, name, county), `template`, `headline`, `source`, `published_at`, `credits`
({name, role, kind}) and `items`, the body in page order: ("p", text) and other kinds of
paragraphs, ("img", src, caption …), ("page",) between the pages of a multi-page article.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Article = dict
Items = list[tuple]
# render(article, page number, that page's items, page count) -> the page's HTML
PageRenderer = Callable[[Article, int, Items, int], str]


def esc(text: str) -> str:
    """Text for an element's content."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Text for an attribute value."""
    return html.escape(text, quote=True)


def pages_of(article: Article) -> list[Items]:
    """The article's body items split at its ("page",) breaks: one list per page."""
    pages: list[Items] = [[]]
    for item in article["items"]:
        if item[0] == "page":
            pages.append([])
        else:
            pages[-1].append(item)
    return pages


def first_text(article: Article, kinds: Sequence[str] = ("p",)) -> str:
    """The first body paragraph (for a `<meta name="description">`)."""
    return next(item[1] for item in article["items"] if item[0] in kinds)


def stub_article(title: str, city_name: str, channel: tuple, info_html: str, byline: str) -> str:
    """A bare article page of a channel nobody asked for (its URL must never be requested)."""
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<div>地方网 &gt; 山东 &gt; {city_name} &gt; <a href="/{channel[0]}/">{channel[1]}</a> &gt; 正文</div>'
            f'<h1>{title}</h1>{info_html}<p>　　本报讯（{byline}）{title}。</p></body></html>')


def stub_list(links: Iterable[tuple[str, str]], more: str, item: str = "li", box: str = "ul") -> str:
    """A bare list page of a channel nobody asked for: its links and a 下一页 link."""
    items = "".join(f'<{item}><a href="{href}">{esc(title)}</a></{item}>' for href, title in links)
    return (f'<html><head><meta charset="utf-8"></head><body><{box}>{items}</{box}>'
            f'<a href="{more}">下一页</a></body></html>')


@dataclass
class Portal:
    """One blind portal: its city, counties and articles, and where its build writes."""

    folder: Path  # tests/blindN: site/ and expected.json are written here unless --out says otherwise
    city: str  # the city's path segment, e.g. "binzhou"
    region: tuple[str, str]  # the breadcrumb above the county: ("山东", "滨州市")
    counties: list[tuple[str, str]]  # the nav line: (channel path, channel name)
    articles: list[Article]
    out: Path = field(init=False)

    def __post_init__(self) -> None:
        self.out = self.folder

    @property
    def site(self) -> Path:
        return self.out / "site"

    # ---------------------------------------------------------------- paths and order

    def path_of(self, article: Article, page: int = 1, article_id: str | None = None) -> str:
        """`/{city}/news/{YYYYMM}/{id}.html`, `{id}_{page}.html` for later pages."""
        suffix = "" if page == 1 else f"_{page}"
        return f"/{self.city}/news/{article['ym']}/{article_id or article['id']}{suffix}.html"

    def page_paths(self, article: Article) -> list[str]:
        return [self.path_of(article, n) for n in range(1, len(pages_of(article)) + 1)]

    def of(self, channel: tuple) -> list[Article]:
        """The channel's articles in the order ARTICLES gives them."""
        return [a for a in self.articles if a["channel"] == channel]

    def newest_first(self, channel: tuple) -> list[Article]:
        return sorted(self.of(channel), key=lambda a: a["published_at"], reverse=True)

    def neighbours(self, article: Article) -> tuple[Article | None, Article | None]:
        """The channel's previous and next article in ARTICLES' order (上一篇 / 下一篇)."""
        same = self.of(article["channel"])
        i = same.index(article)
        return (same[i - 1] if i > 0 else None, same[i + 1] if i + 1 < len(same) else None)

    def never_requested(self, asked: Iterable[str], extra: Iterable[str]) -> list[str]:
        """The channel pages of every county not asked for, and the given paths, sorted."""
        asked = set(asked)
        return sorted({f"/{p}/" for p, _ in self.counties if p not in asked} | set(extra))

    # ---------------------------------------------------------------- writing

    def start(self, robots: str) -> None:
        """An empty site/ with its robots.txt."""
        if self.site.exists():
            shutil.rmtree(self.site)
        self.site.mkdir(parents=True)
        (self.site / "robots.txt").write_text(robots, encoding="utf-8")

    def write(self, path: str, text: str, encoding: str = "utf-8") -> None:
        """The page at a URL path, as bytes in the given encoding."""
        target = self.site / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode(encoding))

    def write_articles(self, render: Callable[[Article], PageRenderer],
                       encoding: Callable[[Article], str] = lambda article: "utf-8") -> None:
        """Every page of every article, each rendered by its template's renderer."""
        for article in self.articles:
            pages = pages_of(article)
            for number, items in enumerate(pages, 1):
                text = render(article)(article, number, items, len(pages))
                self.write(self.path_of(article, number), text, encoding(article))

    def write_json(self, name: str, data: object, folder: Path | None = None) -> None:
        """Indented UTF-8 JSON with a final newline (`_routes.json` in site/, expected.json beside it)."""
        path = (folder or self.site) / name
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def write_expected(self, channels: Sequence[str], articles: dict[str, dict], never: list[str],
                       not_stored: list[dict] | None = None) -> None:
        self.write_json("expected.json", {
            "channels": list(channels),
            "articles": articles,
            "never_requested": never,
            "not_stored": not_stored or [],
        }, folder=self.out)

    # ---------------------------------------------------------------- the answer key

    def record(self, article: Article, body: Sequence[str] = ("p",), src: int = 1, caption: int = 2,
               pages: list[str] | None = None) -> dict:
        """The stored record PORTAL.md asks for, in expected.json's shape.

        `body` names the item kinds that are body paragraphs; `src` and `caption` are where an
        ("img", …) item holds them; `pages` defaults to the article's page paths."""
        path, name, county = article["channel"]
        credits = article["credits"]
        items = article["items"]
        return {
            "headline": article["headline"],
            "source": article["source"],
            "published_at": article["published_at"],
            "authors": [c["name"] for c in credits if c["kind"] == "author"],
            "credits": credits,
            "editors": [c["name"] for c in credits if c["kind"] == "editor"],
            "body": [i[1] for i in items if i[0] in body],
            "images": [{"src": i[src], "caption": i[caption]} for i in items if i[0] == "img"],
            "channel": name,
            "channel_path": path,
            "region": [*self.region, county],
            "pages": self.page_paths(article) if pages is None else pages,
            "template": article["template"],
        }


def run(portal: Portal, build: Callable[[], None]) -> None:
    """A build script's command line: `build_site.py [--out DIR]`."""
    parser = argparse.ArgumentParser(description="Write the portal's site/ and expected.json.")
    parser.add_argument("--out", type=Path, default=portal.folder,
                        help="folder to write site/ and expected.json into (default: the portal's own)")
    portal.out = parser.parse_args().out
    build()
