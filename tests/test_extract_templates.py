"""Templates as data (issue 8): a TOML file names where a layout keeps its nodes; the page
object's rules read them, and the page's structure finds whatever the file leaves out.

A layout none of the built-in templates knows (鲁网-like `lu-*` classes) is rendered from
independent choices; templates for it are written to a folder as an archivist would, and
read through `load_templates`, `newsarchive extract --templates` and the crawl setting.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from newsarchive.cli import main
from newsarchive.extract import TemplateError, extract_html, load_templates
from newsarchive.extract.templates import builtin_templates
from newsarchive.items import Credit, Image
from newsarchive.pipelines.extract import ExtractPipeline
from tests.test_extract_pages import BASE, NOW, TABLE_TEMPLATE

README = Path(__file__).resolve().parents[1] / "newsarchive" / "extract" / "templates" / "README.md"
URL = "https://www.yybnet.net/linyi/news/201705/8123456.html"
HEADLINE = "沂南县启动农村人居环境整治提升行动"
PARAGRAPHS = [
    "5月5日，沂南县农村人居环境整治提升行动动员会召开，全县各乡镇负责人参加会议。",
    "会议要求，各乡镇要聚焦垃圾、污水、厕所三大革命，年底前完成首批示范村建设。",
]


def lunet_page(*, date: str = "2017-05-06 08:30", info: bool = True, meta_date: str | None = None,
               line_under_text: str = "", decoy: str = "") -> str:
    """A page in the `lu-*` layout; each keyword is one independent choice."""
    meta = f'<meta name="pubdate" content="{meta_date}">' if meta_date else ""
    info_line = f'<div class="lu-meta">来源：临沂日报　{date}</div>' if info else '<div class="lu-meta">来源：临沂日报</div>'
    return f"""<html><head><meta charset="utf-8"><title>{HEADLINE}_鲁网</title>{meta}</head><body>
<div class="lu-path"><a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/linyi/">临沂市</a> &gt;
<a href="/linyi/yinan/">沂南新闻</a> &gt; 正文</div>
<div class="lu-title"><h1>{HEADLINE}</h1>{info_line}<p class="lu-author">文/张伟 图/李娜</p></div>
<div class="lu-gallery"><figure><img src="/pic/2017/0506.jpg"><figcaption>整治后的村庄。</figcaption></figure></div>
<div class="lu-text"><p>{PARAGRAPHS[0]}</p>
<div class="lu-share">喜欢这篇文章，就把它分享给更多的朋友，让大家一起来关注家乡的新变化吧。</div>
<p>{PARAGRAPHS[1]}</p></div>
{line_under_text}{decoy}
</body></html>"""


def readme_example() -> str:
    return re.search(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)


def folder_with(tmp_path: Path, **files: str) -> Path:
    for name, text in files.items():
        (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")
    return tmp_path


def template(name: str, *, match: str = 'required = ["div.lu-text"]', selectors: str = "", top: str = "") -> str:
    return f'name = "{name}"\n{top}\n[match]\n{match}\n[selectors]\n{selectors}\n'


# --- built-in templates are data too -----------------------------------------------------


def test_the_built_in_templates_are_toml_files_tried_most_specific_first() -> None:
    templates = builtin_templates()
    assert [t.name for t in templates] == ["yybnet_mobile", "yybnet_v3", "yybnet_v2", "yybnet_v1"]
    assert all(t.origin.endswith(f"{t.name}.toml") for t in templates)
    assert load_templates() == templates


# --- the documented example, end to end ----------------------------------------------------


def test_the_readme_example_reads_its_layout_and_every_field(tmp_path: Path) -> None:
    templates = load_templates([folder_with(tmp_path, lunet=readme_example())])
    article = extract_html(lunet_page(), URL, now=NOW, templates=templates)
    assert article.parser == "lunet_v1"
    assert (article.headline, article.source, article.published_at) == (HEADLINE, "临沂日报", "2017-05-06T08:30:00+08:00")
    assert article.credits == [Credit("张伟"), Credit("李娜", "摄影")]  # the byline node, outside the body
    assert article.body == PARAGRAPHS  # the share box inside the body is excluded
    assert article.images == [Image("https://www.yybnet.net/pic/2017/0506.jpg", "整治后的村庄。")]  # the gallery
    assert (article.channel, article.channel_path, article.region) == ("沂南新闻", "linyi/yinan", ["山东", "临沂市", "沂南"])


def test_without_the_template_the_page_is_read_by_structure_and_misses_what_only_it_names() -> None:
    article = extract_html(lunet_page(), URL, now=NOW)
    assert article.parser == "fallback"
    assert article.images == []  # the gallery stands outside the body: only a template can say it is the article's
    assert article.headline == HEADLINE


def test_per_template_selectors_win_over_the_structure(tmp_path: Path) -> None:
    # a wordier box of prose beside the article, with no boilerplate name: structure takes it for the body
    decoy = "<div class='lu-more'>" + "<p>这是另一篇文章的长摘要，写了别处发生的事情，文字比本文还要多，而且还在继续写下去。</p>" * 4 + "</div>"
    page = lunet_page(decoy=decoy)
    assert extract_html(page, URL, now=NOW).body != PARAGRAPHS
    templates = load_templates([folder_with(tmp_path, lunet=template("lunet_v1", selectors='body = "div.lu-text"\nexclude = ".lu-share"'))])
    assert extract_html(page, URL, now=NOW, templates=templates).body == PARAGRAPHS


# --- the general rules fill in whatever a template leaves out -------------------------------

NODES = {"headline": '"div.lu-title h1"', "info": '"div.lu-meta"', "body": '"div.lu-text"', "breadcrumb": '"div.lu-path"'}
SUBSETS = [combo for size in range(len(NODES) + 1) for combo in itertools.combinations(NODES, size)]


@pytest.mark.parametrize("named", SUBSETS, ids=["+".join(s) or "none" for s in SUBSETS])
def test_any_subset_of_selectors_gives_the_same_record(tmp_path: Path, named: tuple[str, ...]) -> None:
    selectors = "\n".join(f"{key} = {NODES[key]}" for key in named) + '\nexclude = ".lu-share"'
    templates = load_templates([folder_with(tmp_path, lunet=template("lunet_v1", selectors=selectors))])
    article = extract_html(lunet_page(), URL, now=NOW, templates=templates)
    assert article.parser == "lunet_v1"
    assert (article.headline, article.source, article.published_at, article.body, article.channel) == (
        HEADLINE, "临沂日报", "2017-05-06T08:30:00+08:00", PARAGRAPHS, "沂南新闻")


def test_a_template_page_gets_the_metadata_date_and_the_credit_lines_under_the_text(tmp_path: Path) -> None:
    templates = load_templates([folder_with(tmp_path, lunet=template(
        "lunet_v1", selectors='headline = "h1"\ninfo = "div.lu-meta"\nbody = "div.lu-text"\nexclude = ".lu-share"'))])
    page = lunet_page(info=False, meta_date="2017-05-06T08:30:00+08:00", line_under_text="<p>责任编辑：王芳</p>")
    article = extract_html(page, URL, now=NOW, templates=templates)
    assert (article.parser, article.source, article.published_at) == ("lunet_v1", "临沂日报", "2017-05-06T08:30:00+08:00")
    assert article.editors == ["王芳"]
    assert article.body == PARAGRAPHS


# --- versions valid for dates, templates valid for URLs --------------------------------------

VERSIONS = {
    "lunet_v1": 'required = ["div.lu-text"]\npublished_from = 2015-01-01\npublished_until = 2016-12-31',
    "lunet_v2": 'required = ["div.lu-text"]\npublished_from = "2017-01-01"',
}


@pytest.mark.parametrize(("date", "parser"), [
    ("2014-12-31 23:59", "fallback"), ("2015-01-01 00:00", "lunet_v1"), ("2016年12月31日 18:00", "lunet_v1"),
    ("2017-01-01 08:00", "lunet_v2"), ("2023-06-30", "lunet_v2"),
])
def test_the_version_whose_dates_cover_the_article_reads_it(tmp_path: Path, date: str, parser: str) -> None:
    templates = load_templates([folder_with(tmp_path, **{name: template(name, match=match) for name, match in VERSIONS.items()})])
    article = extract_html(lunet_page(date=date), URL, now=NOW, templates=templates)
    assert (article.parser, article.headline, article.body[0]) == (parser, HEADLINE, PARAGRAPHS[0])


@pytest.mark.parametrize(("url", "parser"), [
    ("https://m.yybnet.net/linyi/news/201705/8123456.html", "lunet_m"),
    ("http://127.0.0.1:8080/linyi/news/201705/8123456.html", "fallback"),
])
def test_a_url_pattern_limits_the_pages_a_template_claims(tmp_path: Path, url: str, parser: str) -> None:
    templates = load_templates([folder_with(tmp_path, m=template("lunet_m", match=r"url = '^https?://m\.'"))])
    assert extract_html(lunet_page(), url, now=NOW, templates=templates).parser == parser


def test_order_decides_between_templates_that_both_claim_a_page(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, a=template("late", top="order = 5"), b=template("early", top="order = -1"))
    assert [t.name for t in load_templates([folder])][:2] == ["early", "late"]
    assert extract_html(lunet_page(), URL, now=NOW, templates=load_templates([folder])).parser == "early"


# --- checked at load time: one line naming the file and the key --------------------------------

BAD = [
    (template("x", selectors='headlin = "h1"'), "selectors.headlin", "unknown key"),
    (template("x", top="colour = 1"), "colour", "unknown key"),
    (template("x", match='required = ["div.lu-text"]\nurls = "x"'), "match.urls", "unknown key"),
    (template("x", selectors='body = "div["'), "selectors.body", "bad CSS selector"),
    (template("x", selectors="body = 3"), "selectors.body", "expected a CSS selector"),
    (template("x", match='required = ["h1..x"]'), "match.required[0]", "bad CSS selector"),
    (template("x", match='required = "div"'), "match.required", "expected a list"),
    (template("x", match='required = ["div"]\npublished_from = "2016-13-01"'), "match.published_from", "expected a date"),
    (template("x", match='required = ["div"]\npublished_from = 2016-01-01T08:00:00'), "match.published_from", "expected a date"),
    (template("x", match='required = ["div"]\npublished_from = 2017-01-01\npublished_until = 2016-01-01'),
     "match.published_until", "before published_from"),
    (template("x", match='url = "("'), "match.url", "bad regular expression"),
    (template("x", match=""), "match", "claim every page"),
    (template("x", top='order = "1"'), "order", "whole number"),
    (template("my site"), "name", "is not a name"),
    ('[match]\nrequired = ["div"]\n', "name", "missing"),
    ("name = ", None, "not valid TOML"),
    ('name = "x"\nmatch = 1\n', "match", "expected a [match] table"),
]


@pytest.mark.parametrize(("text", "key", "problem"), BAD, ids=[f"{k}-{p}" for _, k, p in BAD])
def test_a_bad_template_is_refused_naming_file_and_key(tmp_path: Path, text: str, key: str | None, problem: str) -> None:
    folder_with(tmp_path, good=template("good"), bad=text)
    with pytest.raises(TemplateError) as error:
        load_templates([tmp_path])
    message = str(error.value)
    assert message.startswith(f"{tmp_path / 'bad.toml'}: " + (f"{key}: " if key else ""))
    assert problem in message and "\n" not in message


def test_two_templates_of_one_name_are_refused_naming_both_files(tmp_path: Path) -> None:
    folder_with(tmp_path, a=template("twice"), b=template("twice"), c=template("yybnet_v2"))
    with pytest.raises(TemplateError, match=r"b\.toml: name: 'twice' is already the name of the template in .*a\.toml"):
        load_templates([tmp_path])


def test_a_folder_that_is_not_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="not a folder of template files"):
        load_templates([tmp_path / "missing"])


# --- where an archivist names the folder ------------------------------------------------------


def test_newsarchive_extract_reads_with_the_templates_of_a_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "templates").mkdir()
    folder = folder_with(tmp_path / "templates", lunet=readme_example())
    page = tmp_path / "page.html"
    page.write_text(lunet_page(), encoding="utf-8")
    assert main(["extract", "--templates", str(folder), "--url", URL, str(page)]) == 0
    assert json.loads(capsys.readouterr().out)["parser"] == "lunet_v1"


def test_newsarchive_extract_stops_on_a_bad_template_with_one_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "templates").mkdir()
    folder = folder_with(tmp_path / "templates", bad=template("x", selectors='headlin = "h1"'))
    page = tmp_path / "page.html"
    page.write_text(lunet_page(), encoding="utf-8")
    assert main(["extract", "--templates", str(folder), str(page)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == f"newsarchive extract: {folder / 'bad.toml'}: selectors.headlin: unknown key (known: body, breadcrumb, byline, exclude, headline, images, info)"


def test_the_crawl_setting_names_template_folders(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, lunet=readme_example())
    pipeline = ExtractPipeline.from_crawler(get_crawler(settings_dict={"NEWSARCHIVE_TEMPLATE_DIRS": str(folder)}))
    assert "lunet_v1" in [t.name for t in pipeline.templates]
    (folder / "bad.toml").write_text(template("x", selectors='body = "div["'), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"bad\.toml: selectors\.body: bad CSS selector"):
        ExtractPipeline.from_crawler(get_crawler(settings_dict={"NEWSARCHIVE_TEMPLATE_DIRS": [str(folder)]}))


def test_an_inline_headline_node_anchors_the_info_line_found_by_structure(tmp_path: Path) -> None:
    templates = load_templates([folder_with(tmp_path, table=template(
        "table_v1", match='required = ["td.nr"]', selectors='headline = "td.bt strong"\nbody = "td.nr"'))])
    article = extract_html(TABLE_TEMPLATE.encode("gb18030"), f"{BASE}/jining/news/201209/5300001.html", now=NOW,
                           templates=templates)
    assert (article.parser, article.headline) == ("table_v1", "嘉祥县召开秋季农业生产现场会")
    assert (article.source, article.published_at, article.credits) == (
        "济宁日报", "2012-09-14T09:30:00+08:00", [Credit("李强", "记者")])
    assert article.body[-1] == "今年全县秋播小麦面积预计达到60万亩。"
