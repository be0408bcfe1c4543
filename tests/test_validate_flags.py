"""The validate step flags values that look wrong, on generated values: good ones pass,
each kind of wrong one gets its flag."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newsarchive.crawl.spiders.portal import PortalSpider
from newsarchive.extract import lexicon
from newsarchive.extract.surnames import COMPOUND_SURNAMES, GIVEN_NAME_CHARS, MINORITY_NAME_OPENINGS
from newsarchive.items import Article, CapturedArticle, Credit, Page
from newsarchive.pipelines.extract import prepare
from newsarchive.pipelines.validate import (
    COUNTER_LABELS,
    FIELD_LABELS,
    ValidatePipeline,
    flags_of,
    is_person_name,
    source_flags,
)

TESTS = Path(__file__).resolve().parent
CRAWLED = datetime(2026, 11, 29, 22, 0, tzinfo=UTC)  # 2026-11-30 06:00 in China
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋"
_given = st.text(st.sampled_from(sorted(GIVEN_NAME_CHARS)), min_size=1, max_size=2)
_single = st.builds(lambda s, g: s + g, st.sampled_from(SURNAMES), _given)
_compound = st.builds(lambda s, g: s + g, st.sampled_from(sorted(COMPOUND_SURNAMES - {"爱新觉罗"})), _given)
_traditional = st.sampled_from(["陳宏如", "張彥彥", "劉曉東", "歐陽婷", "錢鍾書"])
_minority = st.builds(lambda a, b: a + b, st.sampled_from(sorted(MINORITY_NAME_OPENINGS)), st.sampled_from(["边觉", "次仁", "卓玛"]))
_dotted = st.builds(lambda a, b: f"{a}·{b}", st.sampled_from(["买买提", "阿依古丽", "努尔"]), st.sampled_from(["艾力", "吐尔逊"]))
PEOPLE = _single | _compound | _traditional | _minority | _dotted
_outlet = st.builds(
    lambda place, kind: place + kind,
    st.sampled_from(["济宁", "曲阜", "菏泽", "齐鲁", "大众", "鲁南", "沂蒙", "山东", "中国"]),
    st.sampled_from(["晚报", "日报", "新闻网", "融媒体中心", "电视台", "广播电视台", "商报", "编辑部", "发布"]),
)
PUBLICATIONS = _outlet | st.sampled_from(["新华社", "人民网", "大众网·海报新闻", "齐鲁壹点", "鲁网"])


# --- the answer keys hold no flagged value --------------------------------------------------


def test_no_value_of_any_answer_key_is_flagged():
    flagged = []
    for key in sorted(TESTS.glob("*/expected.json")):
        for path, record in json.loads(key.read_text(encoding="utf-8"))["articles"].items():
            article = Article(
                url=path, headline=record["headline"], source=record["source"],
                published_at=record["published_at"],
                credits=[Credit(c["name"], c["role"], c["kind"]) for c in record["credits"]],
            )
            flagged += [(key.parent.name, path, flag) for flag in flags_of(article, CRAWLED)]
    assert flagged == []


# --- source ---------------------------------------------------------------------------------


@given(PUBLICATIONS)
def test_a_publication_is_not_flagged(source):
    assert source_flags(source) == []


@given(PUBLICATIONS, st.sampled_from(FIELD_LABELS), st.sampled_from([":", "：", ""]), PEOPLE)
def test_a_source_that_runs_into_the_next_label_is_flagged(source, label, colon, value):
    names = {flag.name for flag in source_flags(f"{source}{label}{colon}{value}")}
    assert "source_label" in names
    assert ("source_colon" in names) is bool(colon)


@given(PUBLICATIONS, st.sampled_from(COUNTER_LABELS), st.sampled_from([":", "：", "(", ""]), st.integers(0, 99999))
def test_a_source_that_holds_a_counter_is_flagged(source, counter, mark, count):
    assert "source_counter" in {flag.name for flag in source_flags(f"{source}{counter}{mark}{count}")}


@given(st.integers(0, 10**9), st.sampled_from(["", "-", " ", "."]))
def test_a_source_of_digits_is_flagged(number, tail):
    assert [flag.name for flag in source_flags(f"{number}{tail}")] == ["source_number"]


# --- authors --------------------------------------------------------------------------------


@given(PEOPLE)
def test_a_person_is_a_name(name):
    assert is_person_name(name)


def test_the_byline_name_list_holds_only_names():
    """tests/data/byline_names.txt: 235 real-looking names (three-character, two-character,
    compound surnames), written for the byline splitter."""
    lines = (TESTS / "data" / "byline_names.txt").read_text(encoding="utf-8").splitlines()
    names = [name for line in lines if not line.startswith("#") for name in line.split()]
    assert len(names) > 200
    assert [name for name in names if not is_person_name(name)] == []


@given(st.lists(_single, min_size=2, max_size=4), st.sampled_from(["", "、", " ", "，"]))
def test_names_run_together_are_not_one_name(names, separator):
    joined = separator.join(names)
    if len(joined) > 4 or separator:
        assert not is_person_name(joined)


@given(PEOPLE, st.sampled_from(["记者", "通讯员", "本报", "摄影", "作者", "编辑", "阅读"]), st.booleans())
def test_a_name_with_a_role_word_or_label_is_not_a_name(name, word, before):
    assert not is_person_name(word + name[:2] if before else name[:2] + word)


@pytest.mark.parametrize("name", ["县融媒体中心", "单县融媒体中心", "梅花宋思亮陈宏如", "Zhang San", "张", "本报记者"])
def test_organisations_and_fragments_are_not_names(name):
    assert not is_person_name(name)


def test_only_authors_are_checked_an_agency_is_fine():
    article = Article(url="u", headline="h", source=None, published_at=None, credits=[
        Credit("新华社", None, "agency"), Credit("QY001编辑", "编辑", "editor"), Credit("单县融媒体中心")])
    assert [(f.name, f.value) for f in flags_of(article)] == [("author_not_a_name", "单县融媒体中心")]


# --- headline and date ------------------------------------------------------------------------


@given(st.lists(st.sampled_from(["地方网", "山东", "济宁市", "曲阜新闻", "正文"]), min_size=2, max_size=5),
       st.sampled_from([" > ", ">", "＞", " » ", " › "]))
def test_a_breadcrumb_headline_is_flagged(items, separator):
    article = Article(url="u", headline=separator.join(items), source=None, published_at=None)
    assert [flag.name for flag in flags_of(article)] == ["headline_breadcrumb"]


@pytest.mark.parametrize("headline", ["老百姓的“贴心人”——曲阜市驻村联户工作纪实", "关注｜曲阜：三孔景区 5-1 接待游客", "【聚焦两会】A/B 方案",
                                      "济南→曲阜高铁开通"])
def test_a_headline_with_other_punctuation_is_not(headline):
    assert flags_of(Article(url="u", headline=headline, source=None, published_at=None)) == []


@given(st.timedeltas(min_value=timedelta(minutes=11), max_value=timedelta(days=3650)))
def test_a_time_after_the_crawl_is_flagged(ahead):
    published = (CRAWLED + ahead).astimezone(timezone(timedelta(hours=8))).isoformat(timespec="seconds")
    article = Article(url="u", headline="h", source=None, published_at=published)
    assert [flag.name for flag in flags_of(article, CRAWLED)] == ["date_in_future"]


@given(st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3650)))
def test_a_time_before_the_crawl_is_not(behind):
    published = (CRAWLED - behind).astimezone(timezone(timedelta(hours=8))).isoformat(timespec="seconds")
    assert flags_of(Article(url="u", headline="h", source=None, published_at=published), CRAWLED) == []


def test_a_bare_day_is_future_only_after_the_crawls_day_in_china():
    for day, future in (("2026-11-30", False), ("2026-12-01", True), ("2015-06-22", False)):
        article = Article(url="u", headline="h", source=None, published_at=day)
        assert bool(flags_of(article, CRAWLED)) is future, day


# --- the pipeline: stored and marked, counted, logged -----------------------------------------


def test_the_pipeline_marks_counts_and_logs(caplog):
    crawler = get_crawler(PortalSpider)
    crawler.stats.open_spider()
    pipeline = ValidatePipeline.from_crawler(crawler)
    url = "http://127.0.0.1:9/jining/news/201506/7713943.html"
    article = Article(url=url, headline="曲阜新闻", source="济宁新闻网阅读:231", published_at="2015-06-22",
                      credits=[Credit("长孙浩、令狐婷")], body=["正文。"])
    clean = Article(url=url, headline="曲阜新闻", source="济宁晚报", published_at="2015-06-22", body=["正文。"])
    capture = CapturedArticle(pages=[Page(url, b"")], channel_path="jining/qufu", fetched_at=CRAWLED.isoformat())
    with caplog.at_level("WARNING"):
        item = pipeline.process_item(prepare(article, capture, store=True).of(capture))
        pipeline.process_item(prepare(clean, capture, store=True).of(capture))
    assert item.article.flags == ["source_counter", "source_colon", "author_not_a_name"]
    assert clean.flags == []
    stats = crawler.stats.get_stats()
    assert stats["newsarchive/articles/flagged"] == 1
    assert {k: v for k, v in stats.items() if k.startswith("newsarchive/flags/")} == {
        "newsarchive/flags/source_counter": 1, "newsarchive/flags/source_colon": 1,
        "newsarchive/flags/author_not_a_name": 1}
    assert f"flagged {url}: author_not_a_name '长孙浩、令狐婷'" in caplog.text
    assert f"flagged {url}: source_counter '济宁新闻网阅读:231'" in caplog.text
    assert item.record is not None and json.loads(str(item.record.row["flags"])) == item.article.flags


def test_the_pipeline_drops_an_invalid_record_saying_why():
    crawler = get_crawler(PortalSpider)
    crawler.stats.open_spider()
    url = "http://127.0.0.1:9/jining/news/201506/7713943.html"
    article = Article(url=url, headline=" ", source=None, published_at="06-22 07:21", body=["正文。"])
    capture = CapturedArticle(pages=[Page(url, b"")], channel_path="jining/qufu", fetched_at=CRAWLED.isoformat())
    prepared = prepare(article, capture, store=True)
    assert prepared.record is None and prepared.presigned is None  # nothing made for the store
    with pytest.raises(DropItem) as dropped:
        ValidatePipeline.from_crawler(crawler).process_item(prepared.of(capture))
    assert str(dropped.value) == (f"invalid record {url}: no headline;"
                                  " published_at '06-22 07:21' is not ISO 8601 with +08:00")
    assert crawler.stats.get_value("newsarchive/articles/invalid") == 1


# --- one vocabulary: what the extractor reads as a label, validate flags in a source --------

_LABELS_OF_THE_LEXICON = sorted(
    word for word in (*lexicon.SOURCE_LABELS, *lexicon.DATE_LABELS, *lexicon.ROLE_WORDS)
    if len(word) >= 2 and word not in lexicon.LABEL_WORDS_IN_NAMES
)


@given(PUBLICATIONS, st.sampled_from(_LABELS_OF_THE_LEXICON), st.sampled_from([":", "："]), PEOPLE)
def test_every_label_and_role_word_of_the_lexicon_in_a_source_is_flagged(source, label, colon, value):
    assert "source_label" in {flag.name for flag in source_flags(f"{source}{label}{colon}{value}")}


@given(PEOPLE, st.sampled_from([w for w in _LABELS_OF_THE_LEXICON if w in lexicon.ROLE_WORDS]))
def test_a_name_holding_any_role_word_of_the_lexicon_is_not_a_name(name, word):
    assert not is_person_name(name[:2] + word)
