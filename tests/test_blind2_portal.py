"""The crawler against the second blind portal (tests/blind2): templates written without the extractor.

tests/blind2/site is a third mirror of 地方网 (菏泽: 曹县, 单县) in six templates nobody wrote
selectors for (Discuz!, WordPress, a 2008 GB2312 page declared only by its HTTP header, a
大众网-style info line, a `<p class="artTitle">` table page, a WeChat-look m. page) plus a 视频
page at an article URL; tests/blind2/expected.json says, by PORTAL.md's field rules, what each
article's record must be. One crawl with the real command, then one test per article (its id
names the template), each reporting every field that differs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsarchive.mirror import MirrorServer
from tests.crawling import connect, expected_record, run_crawl, stored_record

BLIND2 = Path(__file__).resolve().parent / "blind2"
EXPECTED = json.loads((BLIND2 / "expected.json").read_text(encoding="utf-8"))
ARTICLES = sorted(EXPECTED["articles"].items(), key=lambda item: (item[1]["template"], item[0]))


class Blind2Crawl:
    """One crawl's archive connection, the mirror's base URL and the paths it was asked for."""

    def __init__(self, conn, base_url: str, requests: list[str]) -> None:
        self.conn, self.base_url, self.requests = conn, base_url, requests

    def __repr__(self) -> str:  # pytest prints fixtures in tracebacks: keep failures readable
        return f"<Blind2Crawl {self.base_url}>"


@pytest.fixture(scope="module")
def blind2_crawl(tmp_path_factory):
    """One crawl of the second blind portal's asked channels."""
    tmp = tmp_path_factory.mktemp("blind2")
    site = Path(shutil.copytree(BLIND2 / "site", tmp / "site"))
    db = tmp / "archive.db"
    with MirrorServer(site) as mirror:
        result = run_crawl(mirror.base_url, db, EXPECTED["channels"])
        requests = mirror.requests
        base_url = mirror.base_url
    assert result.returncode == 0, result.stdout + result.stderr
    conn = connect(db)
    yield Blind2Crawl(conn, base_url, requests)
    conn.close()


@pytest.mark.parametrize(
    "path",
    [pytest.param(path, id=f"{article['template']}-{path.rsplit('/', 1)[1]}") for path, article in ARTICLES],
)
def test_article_record(blind2_crawl, path):
    article = EXPECTED["articles"][path]
    conn, base_url = blind2_crawl.conn, blind2_crawl.base_url
    stored = stored_record(conn, base_url + path)
    assert stored is not None, f"{path} ({article['template']}) was not stored"
    want = expected_record(article, base_url)
    wrong = {field: {"expected": value, "stored": stored.get(field)} for field, value in want.items() if stored.get(field) != value}
    assert not wrong, f"{article['template']} {path}: fields differ:\n" + json.dumps(wrong, ensure_ascii=False, indent=1)


def test_only_the_expected_articles_are_stored(blind2_crawl):
    """The articles, and neither the 视频 page nor anything of the channel nobody asked for."""
    conn, base_url = blind2_crawl.conn, blind2_crawl.base_url
    urls = sorted(row["url"] for row in conn.execute("SELECT url FROM articles"))
    assert urls == sorted(base_url + path for path in EXPECTED["articles"])


def test_nothing_outside_the_asked_channels_is_requested(blind2_crawl):
    requested = {request.split("?")[0] for request in blind2_crawl.requests}
    assert requested.isdisjoint(EXPECTED["never_requested"]), sorted(requested & set(EXPECTED["never_requested"]))
