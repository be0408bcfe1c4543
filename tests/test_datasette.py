"""The real datasette, started by `newsarchive serve`, over a small archive:
search from the JSON API, facets, canned queries, metadata and the chart."""

from __future__ import annotations

import html
import io
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path

import pytest
from datasette.utils import tilde_encode
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsarchive.archive.warc_reader import CaptureError
from newsarchive.datasette.archived import read_capture
from newsarchive.datasette.chart import MAX_CHANNELS, OTHER, series_by_channel
from newsarchive.items import Credit
from newsarchive.store import ArchiveDB
from tests.test_store import BASE, SEED_URL, seed_article, start

REPO = Path(__file__).resolve().parents[1]
SEED_HEADLINE = "老百姓的“贴心人”——曲阜市驻村联户工作纪实"


CAPTURED_PAGE = ("<html><head><meta charset='utf-8'><title>archived</title></head><body>"
                 "<h1 id='archived'>驻村联户 as archived</h1>"
                 "<script>document.title = 'script ran'</script></body></html>")
WARC_NAME = "newsarchive-20260101000000000-00000.warc.gz"


def write_capture(warc_dir: Path, url: str, html: str) -> str:
    """A WARC file with one response record, as a crawl writes it; returns its id."""
    warc_dir.mkdir(exist_ok=True)
    with (warc_dir / WARC_NAME).open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        payload = html.encode("utf-8")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), length=len(payload),
            http_headers=StatusAndHeaders("200 OK", [
                ("Content-Type", "text/html; charset=utf-8"), ("Server", "mirror")],
                protocol="HTTP/1.1"))
        writer.write_record(record)
    return record.rec_headers.get_header("WARC-Record-ID")


def build_archive(path: Path) -> Path:
    """The seed article (with its raw capture in warc/ beside the archive) and three
    seed-like others, in two channels, two counties and two months."""
    record_id = write_capture(path.parent / "warc", SEED_URL, CAPTURED_PAGE)
    with ArchiveDB(path) as db:
        run = start(db)
        db.save(seed_article(city="济宁", county="曲阜"), run_id=run,
                fetched_at="2026-01-01T00:00:00+00:00",
                warc_file=WARC_NAME, warc_record_id=record_id)
        others = [
            ("jining/news/201506/7713950.html", "曲阜市开展文明城市创建活动", "济宁日报",
             "2015-06-25T09:00:00+08:00", [Credit("王涛", "记者")], "曲阜新闻", "jining/qufu",
             ["本报曲阜6月24日讯(记者王涛)为进一步提升城市文明程度,曲阜市开展创建活动。"]),
            ("jining/news/201507/7714100.html", "泗水县举办农民丰收节", "济宁晚报",
             "2015-07-03", [Credit("张彦彦", "记者"), Credit("王涛", "摄影")], "泗水新闻",
             "jining/sishui", ["泗水县今天举办丰收节,农户展示了新收的粮食。"]),
            ("jining/news/201507/7714101.html", "邹城市召开安全生产会议", "齐鲁晚报",
             "2015-07-08T16:30:00+08:00", [Credit("新华社", None, "agency")], "泗水新闻",
             "jining/sishui", ["会议要求各部门落实安全生产责任。"]),
        ]
        for url, headline, source, published, credits, channel, path_, body in others:
            db.save(seed_article(url=BASE + url, pages=[BASE + url], headline=headline,
                                 source=source, published_at=published, credits=credits,
                                 channel=channel, channel_path=path_, body=body,
                                 images=[], city="济宁", county=channel[:2]),
                    run_id=run, fetched_at="2026-01-01T00:00:00+00:00")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve_archive(db_path: Path) -> Iterator[str]:
    """Run `newsarchive serve` on a free port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen(
        [sys.executable, "-m", "newsarchive", "serve", "--db", str(db_path),
         "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"datasette exited: {server.stderr.read()}")
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise RuntimeError("datasette did not start within 60 s") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return build_archive(tmp_path_factory.mktemp("datasette") / "archive.db")


@pytest.fixture(scope="module")
def server(archive) -> Iterator[str]:
    with serve_archive(archive) as base:
        yield base


def get_json(base: str, path: str, **params) -> dict | list:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def headlines_found(server: str, **search) -> list[str]:
    rows = get_json(server, "/archive/articles.json", _shape="array", _col="headline",
                    **search)
    return sorted(row["headline"] for row in rows)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("曲阜", [SEED_HEADLINE, "曲阜市开展文明城市创建活动"]),
        ("贴心人", [SEED_HEADLINE]),
        ("驻村联户", [SEED_HEADLINE]),
        ("丰收节", ["泗水县举办农民丰收节"]),
        ("宋思亮", [SEED_HEADLINE]),  # an author's name
        ("王涛", ["曲阜市开展文明城市创建活动", "泗水县举办农民丰收节"]),
        ("北京", []),
        ("城市 泗水", []),  # each occurs, never both in one article
    ],
)
def test_search_box_finds_chinese_words(server, word, expected):
    assert headlines_found(server, _search=word) == sorted(expected)


def test_search_one_column(server):
    assert headlines_found(server, _search_headline="曲阜") == sorted(
        [SEED_HEADLINE, "曲阜市开展文明城市创建活动"])
    assert headlines_found(server, _search_headline="王涛") == []


def test_facets_are_ready(server):
    data = get_json(server, "/archive/articles.json")
    facets = data["facet_results"]
    sources = {r["value"]: r["count"] for r in facets["source"]["results"]}
    assert sources == {"济宁晚报": 2, "济宁日报": 1, "齐鲁晚报": 1}
    channels = {r["value"]: r["count"] for r in facets["channel"]["results"]}
    assert channels == {"曲阜新闻": 2, "泗水新闻": 2}
    assert [r["value"] for r in facets["year"]["results"]] == [2015]
    credits = get_json(server, "/archive/credits.json")["facet_results"]
    names = {r["value"]: r["count"] for r in credits["name"]["results"]}
    assert names["王涛"] == 2 and names["梅花"] == 1
    roles = {r["value"]: r["count"] for r in credits["role"]["results"]}
    assert roles["通讯员"] == 3 and roles["摄影"] == 1
    editors = {r["value"]: r["count"] for r in facets["editors"]["results"]}
    assert editors == {"孔丽": 1}
    editor_of = get_json(server, "/archive/articles.json", _shape="objects",
                         _facet_array="editors", editors__arraycontains="孔丽")
    assert [r["headline"] for r in editor_of["rows"]] == [SEED_HEADLINE]


def test_one_newspaper_is_one_source_in_the_facet_and_on_its_page(tmp_path):
    """Generated spellings of two papers: the facet counts each paper once, its
    value filters every spelling, and each spelling's page lists them all."""
    spellings = {"济宁晚报": ["济宁晚报", "济宁晚报社", "【济宁晚报】", " 济宁 晚报 ", "济宁晚报"],
                 "大众日报": ["大众日报", "大众日报社"], "大众网": ["大众网"]}
    path = tmp_path / "spellings.db"
    with ArchiveDB(path) as db:
        run = start(db)
        number = 0
        for paper, forms in spellings.items():
            for form in forms:
                number += 1
                url = f"{BASE}jining/news/201506/77{number:05d}.html"
                db.save(seed_article(url=url, pages=[url], source=form,
                                     headline=f"{paper}第{number}篇", images=[]),
                        run_id=run, fetched_at="2026-01-01T00:00:00+00:00")
    with serve_archive(path) as base:
        data = get_json(base, "/spellings/articles.json")
        facet = {r["value"]: r for r in data["facet_results"]["source"]["results"]}
        assert {v: r["count"] for v, r in facet.items()} == {
            "济宁晚报": 5, "大众日报": 2, "大众网": 1}
        toggle = urllib.parse.urlsplit(facet["济宁晚报"]["toggle_url"])
        assert toggle.path == "/spellings/articles.json"
        assert urllib.parse.parse_qsl(toggle.query) == [("_source_name", "济宁晚报")]
        filtered = get_json(base, toggle.path, _source_name="济宁晚报")
        assert filtered["filtered_table_rows_count"] == 5
        assert [r["value"] for r in filtered["facet_results"]["source"]["results"]
                if r["selected"]] == ["济宁晚报"]
        # any spelling selects the paper; the page says so in words
        table, _ = get_page(base, "/spellings/articles?_source_name="
                            + urllib.parse.quote("【济宁晚报社】"))
        assert "source is 【济宁晚报社】 in any of its spellings" in html.unescape(table)
        selected = get_json(base, "/spellings/articles.json", _source_name="济宁晚报社")
        assert [r["value"] for r in selected["facet_results"]["source"]["results"]
                if r["selected"]] == ["济宁晚报"]
        assert len(re.findall(r'<a href="/-/article/spellings/\d+">', table)) == 5
        for form in spellings["济宁晚报"]:
            page, _ = get_page(base, "/-/source/spellings/" + urllib.parse.quote(form))
            listed = re.findall(r'<a href="/-/article/spellings/\d+">([^<]*)</a>', page)
            assert sorted(listed) == [f"济宁晚报第{n}篇" for n in range(1, 6)]
        queried = get_json(base, "/spellings/articles_from_source.json",
                           source="大众日报社", _shape="array")
        assert sorted(r["source"] for r in queried) == ["大众日报", "大众日报社"]


def test_sorted_by_publication_time_newest_first(server):
    rows = get_json(server, "/archive/articles.json", _shape="array", _col="published_at")
    dates = [row["published_at"] for row in rows]
    assert dates == sorted(dates, reverse=True)


def test_canned_queries(server):
    by_person = get_json(server, "/archive/articles_by_person.json", name="王涛",
                         _shape="array")
    assert [(r["headline"], r["role"]) for r in by_person] == [
        ("曲阜市开展文明城市创建活动", "记者"), ("泗水县举办农民丰收节", "摄影")]
    top = get_json(server, "/archive/most_credited_people.json", _shape="array")
    # agencies (新华社) are not people
    assert {(r["name"], r["role"], r["articles"]) for r in top} == {
        ("梅花", "通讯员", 1), ("宋思亮", "通讯员", 1), ("陈宏如", "通讯员", 1),
        ("孔丽", "责任编辑", 1), ("王涛", "记者", 1), ("王涛", "摄影", 1),
        ("张彦彦", "记者", 1)}
    per_month = get_json(server, "/archive/articles_per_month_per_channel.json",
                         _shape="array")
    assert [(r["month"], r["channel"], r["articles"]) for r in per_month] == [
        ("2015-06", "曲阜新闻", 2), ("2015-07", "泗水新闻", 2)]
    from_source = get_json(server, "/archive/articles_from_source.json", source="济宁晚报",
                           _shape="array")
    assert [r["headline"] for r in from_source] == [SEED_HEADLINE, "泗水县举办农民丰收节"]
    found = get_json(server, "/archive/search_articles.json", words="驻村联户",
                     _shape="array")
    assert [r["url"] for r in found] == [SEED_URL]


def test_every_column_of_every_table_is_described(server, archive):
    metadata = get_json(server, "/-/metadata.json")
    assert metadata["source"] and metadata["license"]
    tables = metadata["databases"]["archive"]["tables"]
    conn = sqlite3.connect(archive)
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%'")]
    assert {"articles", "credits", "images", "crawl_runs"} <= set(names)
    for table in names:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        assert set(tables[table]["columns"]) == columns, table


def test_chart_page_draws_every_channel_offline(server):
    with urllib.request.urlopen(server + "/-/chart/archive", timeout=30) as response:
        page = response.read().decode("utf-8")
    svg = page[page.index("<svg"):page.index("</svg>")]
    # one bar segment per month and channel, each telling its numbers on hover
    titles = re.findall(r"<title>([^<]*)</title>", svg)
    assert "2015-06 · 曲阜新闻: 2" in titles and "2015-07 · 泗水新闻: 2" in titles
    assert "2015-06: 2 articles" in titles
    assert 'viewBox="0 0 ' in svg and "width=" not in svg.split(">")[0]
    # offline: no script or stylesheet from anywhere but datasette itself
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', page)
    assert 'class="not-footer"' in page  # datasette's own page frame


def test_database_and_table_pages_link_the_chart(server):
    for page in ("/archive", "/archive/articles"):
        with urllib.request.urlopen(server + page, timeout=30) as response:
            assert 'href="/-/chart/archive"' in response.read().decode("utf-8"), page


def test_chart_of_an_unknown_database_is_not_found(server):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(server + "/-/chart/nothing", timeout=30)
    assert error.value.code == 404


def test_chart_series_fill_gaps_and_sum_small_channels():
    rows = [("2015-11", f"频道{n}", n + 1) for n in range(10)] + [("2016-02", "频道9", 5)]
    months, series = series_by_channel(rows)
    assert months == ["2015-11", "2015-12", "2016-01", "2016-02"]
    assert series["频道9"] == [10, 0, 0, 5]
    assert OTHER in series and "频道0" not in series
    assert series[OTHER] == [1 + 2, 0, 0, 0]  # the two quietest channels
    assert len(series) == MAX_CHANNELS + 1


HOSTILE_NAME = 'q"><img src=x onerror=alert(9)>'


def test_a_hostile_file_name_is_never_markup(tmp_path):
    """A database named like markup shows as text on every page the project shapes
    (index, database, table, row, chart, article, person, capture) and its links still lead to it (issue 13)."""
    archive = build_archive(tmp_path / f"{HOSTILE_NAME}.db")
    with serve_archive(archive) as base:
        encoded = tilde_encode(HOSTILE_NAME)
        for path in ("/", f"/{encoded}", f"/{encoded}/articles", f"/-/chart/{encoded}",
                     f"/{encoded}/articles/1", f"/-/article/{encoded}/1",
                     f"/-/person/{encoded}/" + urllib.parse.quote("梅花"),
                     f"/-/capture/{encoded}/1"):
            with urllib.request.urlopen(base + path, timeout=30) as response:
                page = response.read().decode("utf-8")
            assert "<img src=x" not in page, path
        with urllib.request.urlopen(base + "/", timeout=30) as response:
            index = response.read().decode("utf-8")
        # The description's links are the ones datasette itself would write.
        assert f'href="/{html.escape(tilde_encode(HOSTILE_NAME))}/articles"' in index
        assert f'href="/-/chart/{html.escape(tilde_encode(HOSTILE_NAME))}"' in index


def get_page(base: str, path: str) -> tuple[str, Message]:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return response.read().decode("utf-8"), response.headers


def links_in(page: str) -> dict[str, str]:
    """Link text -> href of every <a> whose text is plain (no nested markup)."""
    return {html.unescape(text): html.unescape(href) for href, text in
            re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', page)}


def article_link_of(page: str, headline: str) -> str:
    return links_in(page)[headline]


def test_article_page_reads_like_an_article(server):
    page, _ = get_page(server, "/-/article/archive/1")
    assert f"<title>{html.escape(SEED_HEADLINE)}</title>" in page
    assert re.search(rf"<h1[^>]*>{re.escape(html.escape(SEED_HEADLINE))}</h1>", page)
    # the body as paragraphs, the credits with their roles, each a link
    assert re.findall(r"<p>([^<]*)</p>", page)[:3] == [
        "每户农户门口都要悬挂联系卡。", "规范管理,建立完善工作机制", "…责令限期进行整改。"]
    links = links_in(page)
    for name in ("梅花", "宋思亮", "陈宏如", "孔丽"):
        assert links[name] == f"/-/person/archive/{urllib.parse.quote(name)}"
    assert links["济宁晚报"] == "/-/source/archive/" + urllib.parse.quote("济宁晚报")
    assert links["曲阜新闻"] == "/-/channel/archive/" + urllib.parse.quote("曲阜新闻")
    assert links["曲阜"] == "/-/county/archive/" + urllib.parse.quote("曲阜")
    # the image is a plain link to the original, never embedded from the portal
    assert "<img" not in page and "干部走访农户" in page
    assert links["the original"].endswith("/img/1.jpg")
    assert links["Original page"] == SEED_URL
    assert links["Raw capture"] == "/-/capture/archive/1"


@pytest.mark.parametrize("kind, name, headlines", [
    ("person", "王涛", ["泗水县举办农民丰收节", "曲阜市开展文明城市创建活动"]),
    ("person", "孔丽", [SEED_HEADLINE]),
    ("source", "济宁晚报", ["泗水县举办农民丰收节", SEED_HEADLINE]),
    ("channel", "泗水新闻", ["邹城市召开安全生产会议", "泗水县举办农民丰收节"]),
    ("county", "曲阜", ["曲阜市开展文明城市创建活动", SEED_HEADLINE]),
    ("county", "泗水", ["邹城市召开安全生产会议", "泗水县举办农民丰收节"]),
])
def test_name_pages_list_their_articles_newest_first(server, kind, name, headlines):
    page, _ = get_page(server, f"/-/{kind}/archive/{urllib.parse.quote(name)}")
    assert f"<h1>{name}</h1>" in page
    listed = re.findall(r'<a href="/-/article/archive/\d+">([^<]*)</a>', page)
    assert [html.unescape(h) for h in listed] == headlines


def test_person_page_shows_roles_co_credits_and_sources(server):
    page, _ = get_page(server, "/-/person/archive/" + urllib.parse.quote("王涛"))
    assert "<td>摄影</td>" in page and "<td>记者</td>" in page
    links = links_in(page)
    assert links["张彦彦"] == "/-/person/archive/" + urllib.parse.quote("张彦彦")
    assert {"济宁晚报", "济宁日报", "泗水新闻", "曲阜新闻"} <= set(links)
    # the counties they wrote about, each a link to its page
    assert links["泗水"] == "/-/county/archive/" + urllib.parse.quote("泗水")
    assert links["曲阜"] == "/-/county/archive/" + urllib.parse.quote("曲阜")


def test_county_page_shows_sources_and_channels_and_links_back(server):
    page, _ = get_page(server, "/-/county/archive/" + urllib.parse.quote("曲阜"))
    assert "<title>曲阜 — county</title>" in page
    links = links_in(page)
    assert links["济宁日报"] == "/-/source/archive/" + urllib.parse.quote("济宁日报")
    assert links["曲阜新闻"] == "/-/channel/archive/" + urllib.parse.quote("曲阜新闻")
    assert links["孔丽"] == "/-/person/archive/" + urllib.parse.quote("孔丽")
    # only the county's own articles and names
    assert "泗水县举办农民丰收节" not in page and "泗水新闻" not in links


def test_unknown_names_and_articles_are_not_found(server):
    for path in ("/-/person/archive/" + urllib.parse.quote("无名氏"), "/-/article/archive/99",
                 "/-/county/archive/" + urllib.parse.quote("济宁"),
                 "/-/article/nothing/1", "/-/capture/archive/2"):
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(server + path, timeout=30)
        assert error.value.code == 404, path


def test_tables_and_canned_queries_link_headlines_and_names(server):
    table, _ = get_page(server, "/archive/articles")
    assert article_link_of(table, SEED_HEADLINE) == "/-/article/archive/1"
    assert links_in(table)["梅花"] == "/-/person/archive/" + urllib.parse.quote("梅花")
    row, _ = get_page(server, "/archive/articles/1")
    assert article_link_of(row, SEED_HEADLINE) == "/-/article/archive/1"
    top, _ = get_page(server, "/archive/most_credited_people")
    assert links_in(top)["孔丽"] == "/-/person/archive/" + urllib.parse.quote("孔丽")
    by_person, _ = get_page(server, "/archive/articles_by_person?name="
                            + urllib.parse.quote("王涛"))
    assert article_link_of(by_person, "泗水县举办农民丰收节") == "/-/article/archive/3"
    found, _ = get_page(server, "/archive/search_articles?words="
                        + urllib.parse.quote("驻村联户"))
    assert article_link_of(found, SEED_HEADLINE) == "/-/article/archive/1"
    credits, _ = get_page(server, "/archive/credits")
    assert links_in(table)["泗水"] == "/-/county/archive/" + urllib.parse.quote("泗水")
    agency = links_in(credits)["新华社"]
    assert agency == "/-/person/archive/" + urllib.parse.quote("新华社")
    page, _ = get_page(server, agency)  # a page that lists the agency's article
    assert "邹城市召开安全生产会议" in page and "<title>新华社 — agency</title>" in page


def test_raw_capture_is_shown_sandboxed_with_its_headers(server):
    page, _ = get_page(server, "/-/capture/archive/1")
    assert SEED_URL in page and "HTTP/1.1 200 OK" in page
    assert "<td>Server</td><td>mirror</td>" in page
    iframe = re.search(r"<iframe[^>]*>", page).group()
    assert 'sandbox=""' in iframe and 'src="/-/capture/archive/1/page"' in iframe
    archived, headers = get_page(server, "/-/capture/archive/1/page")
    assert archived == CAPTURED_PAGE
    csp = headers["Content-Security-Policy"]
    assert csp.startswith("sandbox;") and "allow-scripts" not in csp
    assert "default-src 'none'" in csp and "script-src" not in csp


def test_names_like_markup_or_paths_have_working_pages(tmp_path):
    """Generated names with every character that means something in a URL or in
    HTML: each has its page, and shows as text."""
    names = ['<b>甲</b>', 'a/b', '王 "二"', "50%", "#?&=", "..", "乙~丙"]
    path = tmp_path / "odd.db"
    with ArchiveDB(path) as db:
        run = start(db)
        db.save(seed_article(credits=[Credit(n, "记者") for n in names],
                             source=names[1], channel=names[0]),
                run_id=run, fetched_at="2026-01-01T00:00:00+00:00")
    with serve_archive(path) as base:
        article, _ = get_page(base, "/-/article/odd/1")
        assert "<b>甲</b>" not in article
        links = links_in(article)
        for name in names:
            person, _ = get_page(base, links[name])
            assert html.unescape(re.search(r"<h1>(.*?)</h1>", person).group(1)) == name
        source, _ = get_page(base, links_in(article)["a/b"])
        assert "a/b" in source


def column_headers(page: str) -> list[str]:
    return re.findall(r'<th [^>]*data-column="([^"]+)"', page)


def test_articles_table_is_lean_by_default(server):
    page, _ = get_page(server, "/archive/articles")
    assert column_headers(page) == ["id", "headline", "published_date", "source",
                                    "channel", "authors", "county"]
    # a search keeps the lean columns; asking for columns or for all is obeyed
    searched, _ = get_page(server, "/archive/articles?_search=" + urllib.parse.quote("曲阜"))
    assert column_headers(searched)[1:] == ["headline", "published_date", "source",
                                            "channel", "authors", "county"]
    every, _ = get_page(server, "/archive/articles?_all=1")
    assert {"body", "warc_record_id", "content_hash"} <= set(column_headers(every))
    asked, _ = get_page(server, "/archive/articles?_col=body")
    assert column_headers(asked) == ["id", "body"]
    # the JSON API still returns whole rows
    rows = get_json(server, "/archive/articles.json", _shape="array")
    assert "body" in rows[0] and "content_hash" in rows[0]
    assert "Column descriptions" in page  # folded by the page's script


def test_ranked_search_shows_a_snippet_around_the_hit(server):
    page, _ = get_page(server, "/archive/search_articles?words=" + urllib.parse.quote("王涛"))
    assert "(记者<mark>王涛</mark>)" in page


def test_no_link_of_the_reading_pages_is_a_dead_end(server):
    """Follow every link from the tables, the queries and the reading pages into the
    plugin's pages: each one answers."""
    start = ["/archive/articles", "/archive/credits", "/archive/most_credited_people",
             "/archive/articles_by_person?name=" + urllib.parse.quote("王涛"),
             "/-/chart/archive"]
    seen, queue = set(start), list(start)
    while queue:
        path = queue.pop()
        page, _ = get_page(server, path)  # raises on any error status
        for href in re.findall(r'href="(/-/(?:article|person|source|channel|county|capture'
                               r'|chart)/[^"]+)"', page):
            href = html.unescape(href)
            if href not in seen:
                seen.add(href)
                queue.append(href)
    kinds = {path.split("/")[2] for path in seen if path.startswith("/-/")}
    assert kinds == {"article", "person", "source", "channel", "county", "capture", "chart"}
    assert len(seen) > 20


def test_capture_finds_any_record_of_a_file_that_grows(tmp_path):
    """Request/response pairs as a crawl writes them; records appended after the
    first read are found too, and an unknown id is no capture."""
    path = tmp_path / "run.warc.gz"
    ids: dict[str, bytes] = {}

    def append(count: int) -> None:
        with path.open("ab") as stream:
            writer = WARCWriter(stream, gzip=True)
            for _ in range(count):
                n = len(ids)
                url, body = f"http://portal/{n}.html", f"<p>第{n}页</p>".encode()
                request = writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), length=0,
                    http_headers=StatusAndHeaders("GET /{n}.html HTTP/1.1",
                                                  [("Host", "portal")],
                                                  is_http_request=True))
                response = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), length=len(body),
                    http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                                  protocol="HTTP/1.1"))
                writer.write_request_response_pair(request, response)
                ids[response.rec_headers.get_header("WARC-Record-ID")] = body

    append(7)
    assert {i: read_capture(tmp_path, path.name, i).payload for i in ids} == ids
    append(3)
    assert {i: read_capture(tmp_path, path.name, i).payload for i in ids} == ids
    with pytest.raises(CaptureError, match="not in WARC file run.warc.gz"):
        read_capture(tmp_path, path.name, "<urn:uuid:00000000-0000-0000-0000-000000000000>")


def test_a_damaged_or_missing_capture_is_a_404_that_says_why(tmp_path):
    """The WARC file cut inside the record (a crawl killed mid-write, a copy that
    stopped), then deleted: the capture pages answer 404 with the reason, the article
    page still reads."""
    path = build_archive(tmp_path / "cut.db")
    warc = tmp_path / "warc" / WARC_NAME
    whole = warc.read_bytes()
    with serve_archive(path) as base:
        assert get_page(base, "/-/capture/cut/1/page")[0] == CAPTURED_PAGE
        for cut, reason in ((len(whole) // 2, "damaged"), (0, "not found")):
            if cut:
                warc.write_bytes(whole[:cut])
            else:
                warc.unlink()
            for route in ("/-/capture/cut/1", "/-/capture/cut/1/page"):
                with pytest.raises(urllib.error.HTTPError) as error:
                    urllib.request.urlopen(base + route, timeout=30)
                said = html.unescape(error.value.read().decode())
                assert error.value.code == 404 and reason in said and WARC_NAME in said, said
            assert SEED_HEADLINE in html.unescape(get_page(base, "/-/article/cut/1")[0])


def test_a_table_search_offers_the_ranked_search(server):
    page, _ = get_page(server, "/archive/articles?_search=" + urllib.parse.quote("曲阜"))
    assert json.dumps("/archive/search_articles?words=" + urllib.parse.quote_plus("曲阜")) \
        in page
    # words that try to end the script stay inside its string
    hostile = '</script><script>alert(1)</script>'
    page, _ = get_page(server, "/archive/articles?_search=" + urllib.parse.quote(hostile))
    assert "<script>alert(1)" not in page


def test_search_goes_through_the_search_index_and_works_without_it(tmp_path, server):
    metadata = get_json(server, "/-/metadata.json")
    assert metadata["databases"]["archive"]["tables"]["articles"]["fts_pk"] == "search_id"
    # an archive from before migration 5, served as it is, searches through id
    old = build_archive(tmp_path / "old.db")
    conn = sqlite3.connect(old)
    conn.execute("DROP INDEX idx_articles_search")
    conn.execute("ALTER TABLE articles DROP COLUMN search_id")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with serve_archive(old) as base:
        assert get_json(base, "/-/metadata.json")["databases"]["old"]["tables"][
            "articles"]["fts_pk"] == "id"
        rows = get_json(base, "/old/articles.json", _search="曲阜", _shape="array")
        assert sorted(r["headline"] for r in rows) == sorted(
            [SEED_HEADLINE, "曲阜市开展文明城市创建活动"])


def test_facets_over_more_hits_than_they_can_count_are_not_started(archive, monkeypatch):
    """Past a facet's max_rows its SQL never runs and the page says it timed out; under
    it the facet is counted as before."""
    import asyncio

    from newsarchive.datasette import facets
    from newsarchive.datasette.serve import build_datasette

    datasette = build_datasette(archive)
    executed: list[str] = []
    execute = datasette.execute

    async def recording(database, sql, *args, **kwargs):
        executed.append(sql)
        return await execute(database, sql, *args, **kwargs)

    monkeypatch.setattr(datasette, "execute", recording)
    monkeypatch.setattr(facets.BoundedArrayFacet, "max_rows", 1)

    async def table(**params) -> tuple[dict, str]:
        query = urllib.parse.urlencode(params)
        data = (await datasette.client.get(f"/archive/articles.json?{query}")).json()
        page = (await datasette.client.get(f"/archive/articles?{query}")).text
        return data, page

    data, page = asyncio.run(table(_search="曲阜"))  # 2 hits
    assert set(data["facet_results"]) == {"source", "channel", "year"}
    assert "These facets timed out: authors, editors" in page
    assert not [sql for sql in executed if "json_each([inner]" in sql]
    executed.clear()
    data, _ = asyncio.run(table(_search="驻村联户"))  # 1 hit: every facet counted
    authors = data["facet_results"]["authors"]["results"]
    assert {r["value"] for r in authors} == {"梅花", "宋思亮", "陈宏如"}
    assert data["facet_results"]["authors"]["type"] == "array"
    assert [sql for sql in executed if "json_each([inner]" in sql]
