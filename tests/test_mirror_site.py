"""The test portal is what its answer key and README say it is."""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newsarchive.mirror import MirrorServer, sample_site

TESTS = Path(__file__).resolve().parent
SITE = TESTS / "mirror" / "site"


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_site", TESTS / "mirror" / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def page_text(path: str, template: str) -> str:
    raw = (SITE / path.lstrip("/")).read_bytes()
    return html.unescape(raw.decode("gbk" if template == "v1" else "utf-8"))


def test_committed_site_is_the_build_scripts_output(tmp_path: Path, expected: dict, seed_html: bytes) -> None:
    built = load_build_script().build_site(tmp_path / "site")
    assert built == expected, "expected.json is stale: run python tests/mirror/build_site.py"
    assert tree(tmp_path / "site") == tree(SITE), "tests/mirror/site is stale: run python tests/mirror/build_site.py"
    assert seed_html == (SITE / "jining/news/201506/7713943.html").read_bytes()


def test_answer_key_text_is_on_the_pages(expected: dict) -> None:
    for path, record in expected["articles"].items():
        pages = "".join(page_text(p, record["template"]) for p in record["pages"])
        assert record["headline"] in page_text(path, record["template"]), path
        for paragraph in record["body"]:
            assert paragraph in pages, (path, paragraph)
        for credit in record["credits"]:
            assert credit["name"] in pages, (path, credit)
        for image in record["images"]:
            assert f'src="{image["src"]}"' in pages, (path, image)
            assert image["caption"] is None or image["caption"] in pages
        if record["source"]:
            assert record["source"] in pages, path


def test_seed_record_is_the_one_portal_md_states(expected: dict) -> None:
    seed = expected["articles"]["/jining/news/201506/7713943.html"]
    assert seed["headline"] == "老百姓的“贴心人”——曲阜市驻村联户工作纪实"
    assert (seed["source"], seed["published_at"]) == ("济宁晚报", "2015-06-22T07:21:00+08:00")
    assert seed["credits"] == [{"name": n, "role": "通讯员", "kind": "author"} for n in ("梅花", "宋思亮", "陈宏如")]
    assert (seed["channel"], seed["channel_path"], seed["region"]) == ("曲阜新闻", "jining/qufu", ["山东", "济宁市", "曲阜"])
    assert len(seed["body"]) == 15
    assert seed["body"][0].startswith("每户农户门口都要悬挂") and seed["body"][-1].endswith("责令限期进行整改。")


def test_v1_pages_are_gbk_beyond_gb2312(expected: dict) -> None:
    v1 = [r["pages"] for r in expected["articles"].values() if r["template"] == "v1"]
    assert len(v1) >= 3
    for pages in v1:
        raw = (SITE / pages[0].lstrip("/")).read_bytes()
        assert b"charset=gb2312" in raw or b'charset="gb2312"' in raw
        with pytest.raises(UnicodeDecodeError):
            raw.decode("gb2312")  # 喆 / 堃 are GBK only
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")


def test_every_template_is_present(expected: dict) -> None:
    templates = {r["template"] for r in expected["articles"].values()}
    assert templates == {"v1", "v2", "v3", "mobile", "unseen"}


def test_never_requested_pages_are_linked_from_the_site(expected: dict) -> None:
    hrefs: set[str] = set()
    for page in SITE.rglob("*.html"):
        raw = page.read_bytes()
        text = raw.decode("utf-8") if b"gb2312" not in raw[:400] else raw.decode("gbk")
        hrefs |= {re.sub(r"^https?://[^/]+", "", h) for h in re.findall(r'href="([^"]+)"', text)}
    missing = [p for p in expected["never_requested"] if p not in hrefs]
    assert not missing, f"never_requested paths nobody links to: {missing}"


def test_site_faults_as_served(mirror: MirrorServer, expected: dict) -> None:
    not_stored = {n["path"]: n["reason"] for n in expected["not_stored"]}
    dead = next(p for p, reason in not_stored.items() if reason.startswith("404"))
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(mirror.base_url + dead, timeout=5)
    assert error.value.code == 404

    redirected = next(p for p, reason in not_stored.items() if reason.startswith("301"))
    with urllib.request.urlopen(mirror.base_url + redirected, timeout=5) as response:
        final = response.url.removeprefix(mirror.base_url)
    assert final in expected["articles"]

    lying = "/jining/news/201011/4410087.html"
    with urllib.request.urlopen(mirror.base_url + lying, timeout=5) as response:
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "稿件来源".encode("gbk") in response.read()

    flaky = "/jining/news/201709/8300503.html"
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(mirror.base_url + flaky, timeout=5)
    assert error.value.code == 503
    with urllib.request.urlopen(mirror.base_url + flaky, timeout=5) as response:
        assert response.status == 200


def test_mobile_pages_show_no_year(expected: dict) -> None:
    mobile = {p: r for p, r in expected["articles"].items() if r["template"] == "mobile"}
    assert mobile
    for path, record in mobile.items():
        info = re.search(r'<div class="m-info">(.*?)</div>', page_text(path, "mobile")).group(1)
        day, time = record["published_at"][:10], record["published_at"][11:16]
        assert f"{day[5:]} {time}" in info
        assert not re.search(r"(19|20)\d\d", info)


def test_bundled_sample_is_the_build_scripts_output(tmp_path: Path) -> None:
    info = load_build_script().build_sample(tmp_path / "sample")
    site = sample_site()
    assert tree(tmp_path / "sample") == tree(site.root), "run python tests/mirror/build_site.py --sample"
    assert (site.channels, site.articles) == (tuple(info["channels"]), tuple(info["articles"]))


def test_bundled_sample_serves_its_articles_in_utf8(expected: dict) -> None:
    site = sample_site()
    assert 5 <= len(site.articles) <= 10
    with MirrorServer(site.root) as mirror:
        for path in site.articles:
            with urllib.request.urlopen(mirror.base_url + path, timeout=5) as response:
                response.read().decode("utf-8")
            assert expected["articles"][path]["template"] in ("v2", "v3")
        assert any(route.get("redirect") for route in json.loads((site.root / "_routes.json").read_text()).values())
