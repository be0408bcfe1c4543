"""Checks before the crawl: a wrong channel, city, base URL or archive location is
said in one line, with what does exist, before the crawl starts."""

from __future__ import annotations

import socket

import pytest

from tests.crawling import run_crawl
from tests.test_cli_errors import one_line_error


@pytest.mark.parametrize("typo, exists", [
    ("jining/qfu", "jining/qufu"),
    ("jining/zoucehng", "jining/zoucheng"),
    ("jining/qufuu", "jining/qufu"),
])
def test_a_channel_typo_names_the_channel_that_exists(mirror, tmp_path, typo, exists):
    db = tmp_path / "a.db"
    line = one_line_error(run_crawl(mirror.base_url, db, [typo]), 1)
    assert line == (f"newsarchive crawl: channel {typo}: 404 at {mirror.base_url}/{typo}/ — "
                    f"is the path right? ({exists} exists)")
    assert not db.exists()
    assert all("/news/" not in path for path in mirror.requests)


def test_a_city_that_does_not_exist_names_the_cities_of_the_home_page(mirror, tmp_path):
    line = one_line_error(run_crawl(mirror.base_url, tmp_path / "a.db", ["jinign"]), 1)
    assert line.startswith(f"newsarchive crawl: city jinign: 404 at {mirror.base_url}/jinign/")
    assert line.endswith("(jining exists)")


def test_a_channel_far_from_any_lists_the_citys_channels(mirror, tmp_path):
    line = one_line_error(run_crawl(mirror.base_url, tmp_path / "a.db", ["jining/nosuchcounty"]), 1)
    assert "404 at" in line and "(jining has " in line and "jining/qufu" in line


def test_a_page_without_a_list_of_articles_is_said(mirror, mirror_site, tmp_path):
    page = mirror_site / "jining" / "about" / "index.html"
    page.parent.mkdir()
    page.write_text("<html><body><h1>关于我们</h1><p>联系方式</p></body></html>", encoding="utf-8")
    line = one_line_error(run_crawl(mirror.base_url, tmp_path / "a.db", ["jining/about"]), 1)
    assert line.startswith("newsarchive crawl: channel jining/about: no list of articles at ")


def test_a_channel_robots_txt_forbids_is_not_fetched(mirror, mirror_site, tmp_path):
    (mirror_site / "robots.txt").write_text("User-agent: *\nDisallow: /jining/qufu/\n")
    line = one_line_error(run_crawl(mirror.base_url, tmp_path / "a.db", ["jining/qufu"]), 1)
    assert "robots.txt" in line and "does not allow" in line
    assert mirror.requests == ["/robots.txt"]


def test_an_unreachable_base_url_is_said(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    line = one_line_error(run_crawl(f"http://127.0.0.1:{port}", tmp_path / "a.db", ["jining/qufu"]), 1)
    assert line == f"newsarchive crawl: cannot connect to http://127.0.0.1:{port} (connection refused)"
    assert not (tmp_path / "a.db").exists()


@pytest.mark.parametrize("where", ["db", "warc"])
def test_an_unwritable_archive_or_warc_folder_is_said_before_anything_is_fetched(mirror, tmp_path, where):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    db = blocker / "a.db" if where == "db" else tmp_path / "a.db"
    extra = ["--warc-dir", str(blocker / "warc")] if where == "warc" else []
    line = one_line_error(run_crawl(mirror.base_url, db, ["jining/qufu"], *extra), 2)
    assert f"{blocker} is not a directory" in line
    assert mirror.requests == []
