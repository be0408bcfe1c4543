"""An article's rows are made apart from the archive (store/record.py article_record): in
the crawl's extraction workers (pipelines/extract.py prepare), which send them to the
reactor, where ArchiveDB.write runs the statements. The record must be that of the
article as the worker leaves it, and the one a distributed crawl's writer makes."""

from __future__ import annotations

import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scrapy.settings import Settings

from newsarchive.frontier.protocol import article_data, article_from_data
from newsarchive.frontier.settings import apply_frontier
from newsarchive.items import Article, CapturedArticle, ChannelNames, Credit, Image, Page
from newsarchive.pipelines.extract import prepare, stores_here
from newsarchive.store.record import ArticleRecord, article_record, to_json
from newsarchive.store.reprints import presign

BASE = "http://127.0.0.1:9/"
_text = st.text(st.sampled_from("曲阜市驻村联户工作纪实，。“”——（）ＡＢ２０１５ab 1\t"), min_size=1, max_size=40)
_name = st.text(st.sampled_from("梅花宋思亮陈宏如孔丽·新华社"), min_size=1, max_size=6)
_credit = st.builds(Credit, _name, st.sampled_from([None, "记者", "通讯员", "责任编辑"]),
                    st.sampled_from(["author", "editor", "agency"]))
_image = st.builds(Image, st.integers(1, 9).map(lambda n: f"{BASE}img/{n}.jpg"), st.none() | _text)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    number = draw(st.integers(1, 9_999_999))
    url = f"{BASE}jining/news/201506/{number}.html"
    continuations = draw(st.integers(0, 2))
    return Article(
        url=url,
        headline=draw(_text.filter(str.strip)),
        source=draw(st.none() | _text | st.sampled_from(["济宁新闻网阅读:231", "记者 王涛"])),
        published_at=draw(st.sampled_from([None, "2015-06-22", "2015-06-22T07:21:00+08:00", "2027-01-01"])),
        credits=draw(st.lists(_credit, max_size=4)),
        body=draw(st.lists(_text, min_size=1, max_size=4)),
        images=draw(st.lists(_image, max_size=3)),
        channel=draw(st.none() | st.just("曲阜新闻")),
        channel_path=draw(st.sampled_from([None, "jining/qufu", "jining", "jining/zoucheng", "sitemap"])),
        region=draw(st.lists(st.sampled_from(["山东", "济宁市", "曲阜"]), max_size=3)),
        pages=[url, *(url.replace(".html", f"_{n}.html") for n in range(2, continuations + 2))],
        parser="templates.yybnet_v1",
    )


CRAWLED = "2026-11-30T04:00:00+00:00"


def _captured(article: Article, requested: str | None) -> CapturedArticle:
    return CapturedArticle(pages=[Page(article.url, b"")], channel_path="jining/qufu", fetched_at=CRAWLED,
                           requested_url=requested, warc_file="a.warc.gz", warc_record_id="<urn:uuid:1>",
                           channel_names=ChannelNames("曲阜新闻", "济宁市"))


def _record_of(article: Article, capture: CapturedArticle) -> ArticleRecord:
    return article_record(article, fetched_at=capture.fetched_at, requested_url=capture.requested_url,
                          warc_file=capture.warc_file, warc_record_id=capture.warc_record_id)


@settings(max_examples=200, deadline=None)
@given(articles(), st.none() | st.just(f"{BASE}jining/qufu/1.html"))
def test_the_workers_record_holds_the_article_as_placed_and_flagged(article, requested):
    capture = _captured(article, requested)
    prepared = prepare(article, capture, store=True)
    assume(not prepared.problems)
    assert prepared.article.flags is not None and prepared.article.city == prepared.record.row["city"]
    assert prepared.record == _record_of(prepared.article, capture)
    assert prepared.presigned == presign("\n".join(prepared.article.body))


@settings(max_examples=200, deadline=None)
@given(articles(), st.none() | st.just(f"{BASE}jining/qufu/1.html"))
def test_a_frontier_writer_makes_the_rows_a_local_crawl_makes(article, requested):
    """A worker of a distributed crawl publishes the article; its writer (ingest) saves
    what it reads from the stream: the same rows as the local crawl's worker made."""
    capture = _captured(article, requested)
    item = prepare(article, capture, store=True).of(capture)
    assume(not item.problems)
    published, fields = article_from_data(json.loads(json.dumps(article_data(item))))
    assert item.record == article_record(published, fetched_at=str(fields["fetched_at"]),
                                         requested_url=fields["requested_url"], warc_file=fields["warc_file"],
                                         warc_record_id=fields["warc_record_id"])


def test_a_record_without_a_headline_is_refused_before_any_write():
    article = Article(url=f"{BASE}jining/news/201506/1.html", headline="", source=None, published_at=None)
    with pytest.raises(ValueError, match="needs a url and a headline"):
        article_record(article, fetched_at="2026-11-30T04:00:00+00:00")


def test_the_local_crawl_makes_records_and_a_frontier_worker_leaves_them_to_its_writer():
    local = Settings()
    local.setmodule("newsarchive.settings")
    assert stores_here(local)
    worker = local.copy()
    apply_frontier(worker, url="redis://127.0.0.1:6379/0", prefix="newsarchive", worker="w1")
    assert not stores_here(worker)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_json_values)
def test_a_json_column_is_json_dumps_text(value) -> None:
    """to_json reuses one C encoder: its text is json.dumps's (Chinese unescaped), for any value."""
    assert to_json(value) == json.dumps(value, ensure_ascii=False)


def test_a_value_json_cannot_hold_is_refused_as_json_dumps_refuses_it() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        to_json({"credits": [Credit("王涛", None, "author")]})
