"""The crawler against the blind portals: templates written without seeing the extractor.

tests/blind (咸阳: DedeCMS, PHPCMS, an EmpireCMS-era GBK table page, a responsive page,
a mobile page, pinyin classes) and tests/blind2 (菏泽: Discuz!, WordPress, a GB2312 page
declared only by its HTTP header, a 大众网-style info line, a `p.artTitle` table page, a
WeChat-look m. page, a 视频 page at an article URL) are mirrors of 地方网 written by
people who never read newsarchive/extract. Their expected.json says, by PORTAL.md's field
rules, what each article's record must be. One crawl per portal with the real command,
then one test per article (its id names the portal and template), each reporting every
field that differs.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsarchive.mirror import MirrorServer
from tests.crawling import connect, expected_record, run_crawl, stored_record

TESTS = Path(__file__).resolve().parent
PORTALS = ("blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11")
EXPECTED = {name: json.loads((TESTS / name / "expected.json").read_text(encoding="utf-8")) for name in PORTALS}

@dataclass(repr=False)
class BlindCrawl:
    """One crawl's archive connection, the mirror's base URL and the paths it was asked for."""

    conn: object
    base_url: str
    requests: list[str]

    def __repr__(self) -> str:  # pytest prints fixtures in tracebacks: keep failures readable
        return f"<BlindCrawl {self.base_url}>"


def crawl_portal(name: str, tmp: Path) -> BlindCrawl:
    site = Path(shutil.copytree(TESTS / name / "site", tmp / "site"))
    db = tmp / "archive.db"
    with MirrorServer(site) as mirror:
        result = run_crawl(mirror.base_url, db, EXPECTED[name]["channels"])
        requests, base_url = mirror.requests, mirror.base_url
    assert result.returncode == 0, result.stdout + result.stderr
    return BlindCrawl(connect(db), base_url, requests)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """crawled(name): the one crawl of that blind portal's asked channels, made on first use."""
    done: dict[str, BlindCrawl] = {}

    def crawl(name: str) -> BlindCrawl:
        if name not in done:
            done[name] = crawl_portal(name, tmp_path_factory.mktemp(name))
        return done[name]

    yield crawl
    for result in done.values():
        result.conn.close()


ARTICLE_CASES = [
    pytest.param(name, path, id=f"{name}-{article['template']}-{path.rsplit('/', 1)[1]}")
    for name in PORTALS
    for path, article in sorted(EXPECTED[name]["articles"].items(), key=lambda item: (item[1]["template"], item[0]))
]


@pytest.mark.parametrize(("portal", "path"), ARTICLE_CASES)
def test_article_record(crawled, portal, path):
    result = crawled(portal)
    article = EXPECTED[portal]["articles"][path]
    stored = stored_record(result.conn, result.base_url + path)
    assert stored is not None, f"{path} ({article['template']}) was not stored"
    want = expected_record(article, result.base_url)
    wrong = {field: {"expected": value, "stored": stored.get(field)}
             for field, value in want.items() if stored.get(field) != value}
    assert not wrong, f"{article['template']} {path}: fields differ:\n" + json.dumps(wrong, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("portal", PORTALS)
def test_only_the_expected_articles_are_stored(crawled, portal):
    """The articles, and no non-article page nor anything of a channel nobody asked for."""
    result = crawled(portal)
    urls = sorted(row["url"] for row in result.conn.execute("SELECT url FROM articles"))
    assert urls == sorted(result.base_url + path for path in EXPECTED[portal]["articles"])


@pytest.mark.parametrize("portal", PORTALS)
def test_nothing_outside_the_asked_channels_is_requested(crawled, portal):
    requested = {request.split("?")[0] for request in crawled(portal).requests}
    never = set(EXPECTED[portal]["never_requested"])
    assert requested.isdisjoint(never), sorted(requested & never)


# channel_path -> (city, county), one spelling each: no 市/县/区 (a one-character place keeps
# its 县: 曹县, 单县, 冠县, 彬县, 乾县), no 新闻
PLACES = {
    "xianyang/binxian": ("咸阳", "彬县"), "xianyang/qianxian": ("咸阳", "乾县"),
    "heze/caoxian": ("菏泽", "曹县"), "heze/shanxian": ("菏泽", "单县"),
    "linyi/lanling": ("临沂", "兰陵"), "linyi/yinan": ("临沂", "沂南"),
    "zaozhuang/tengzhou": ("枣庄", "滕州"), "zaozhuang/shanting": ("枣庄", "山亭"),
    "weifang/qingzhou": ("潍坊", "青州"), "weifang/shouguang": ("潍坊", "寿光"),
    "jinan/zhangqiu": ("济南", "章丘"), "jinan/pingyin": ("济南", "平阴"), "jinan/shanghe": ("济南", "商河"),
    "yantai/penglai": ("烟台", "蓬莱"), "yantai/longkou": ("烟台", "龙口"),
    "dezhou/yucheng": ("德州", "禹城"), "dezhou/leling": ("德州", "乐陵"),
    "liaocheng/linqing": ("聊城", "临清"), "liaocheng/guanxian": ("聊城", "冠县"),
    "binzhou/zouping": ("滨州", "邹平"), "binzhou/huimin": ("滨州", "惠民"),
    "taian/feicheng": ("泰安", "肥城"), "taian/ningyang": ("泰安", "宁阳"),
}


@pytest.mark.parametrize("portal", PORTALS)
def test_every_article_has_a_channel_and_one_city_and_county_per_channel(crawled, portal):
    rows = crawled(portal).conn.execute("SELECT url, channel, channel_path, city, county FROM articles").fetchall()
    assert rows
    wrong = [(r["url"], r["channel"], r["channel_path"], r["city"], r["county"]) for r in rows
             if not r["channel"] or (r["city"], r["county"]) != PLACES.get(r["channel_path"])]
    assert not wrong, wrong
