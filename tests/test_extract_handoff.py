"""What an extraction worker sends back (pipelines/extract.py): an article whose rows it
made crosses in brief, and is the same Article on the reactor's side whatever reads it."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.items import Article, CapturedArticle, Credit, Image, Page
from newsarchive.pipelines.extract import ArticleInBrief, Prepared, in_a_worker
from newsarchive.store.record import article_record

FETCHED_AT = "2026-11-30T07:00:00+00:00"
_text = st.text(max_size=40)
_optional = st.none() | _text
_urls = st.builds(lambda path: f"http://127.0.0.1:9/jining/news/201506/{path}.html", st.integers(1, 10**8))

articles = st.builds(
    Article,
    url=_urls,
    headline=st.text(min_size=1, max_size=40),
    source=_optional,
    published_at=st.none() | st.sampled_from(["2015-06-22", "2015-06-22T07:21:00+08:00"]),
    credits=st.lists(st.builds(Credit, name=st.text(min_size=1, max_size=8), role=_optional,
                               kind=st.sampled_from(["author", "editor", "agency"])), max_size=4),
    body=st.lists(st.text(max_size=200), max_size=8),
    images=st.lists(st.builds(Image, src=_urls, caption=_optional), max_size=3),
    channel=_optional,
    channel_path=_optional,
    region=st.lists(_text, max_size=3),
    city=_optional,
    county=_optional,
    pages=st.lists(_urls, max_size=3),
    parser=_text,
    flags=st.none() | st.lists(st.sampled_from(["source_label", "author_not_a_name", "in_future"]), max_size=2),
)


def capture_of(article: Article) -> CapturedArticle:
    return CapturedArticle(pages=[Page(article.url, b"<html></html>", "utf-8")], channel_path="jining/qufu",
                           fetched_at=FETCHED_AT)


def across_the_pool(prepared: Prepared, capture: CapturedArticle) -> Prepared:
    """`prepared` as the reactor receives it from a worker of the pool."""
    return pickle.loads(pickle.dumps(in_a_worker(lambda _: prepared)(capture), pickle.HIGHEST_PROTOCOL))


def stored(article: Article) -> Prepared:
    return Prepared(article, None, None, [], [], article_record(article, fetched_at=FETCHED_AT))


@settings(max_examples=150, deadline=None)
@given(articles)
def test_an_article_in_brief_is_the_same_article_on_the_reactor(article):
    original = pickle.loads(pickle.dumps(article))  # the worker's copy is gone once sent
    capture = capture_of(article)
    received = across_the_pool(stored(article), capture)
    assert isinstance(received.article, ArticleInBrief)
    item = received.of(capture)
    assert isinstance(item.article, Article)
    # What the pipelines read of every item is there without loading the rest...
    assert (item.article.url, item.article.flags) == (original.url, original.flags)
    assert "_pickled" in object.__getattribute__(item.article, "__dict__")
    # ...and the rest, at its first use, is the article the worker extracted.
    assert item.article.images == original.images
    assert type(item.article) is Article
    assert item.article == original
    assert item.article.to_record() == original.to_record()
    assert item.record == stored(original).record


@settings(max_examples=50, deadline=None)
@given(articles)
def test_an_article_in_brief_read_whole_first_is_the_same_article(article):
    # A consumer that compares, copies or pickles the article before reading a field.
    original = pickle.loads(pickle.dumps(article))
    capture = capture_of(article)
    for read in (lambda a: a == original, lambda a: pickle.loads(pickle.dumps(a)) == original,
                 lambda a: repr(a) == repr(original), lambda a: a.authors == original.authors):
        assert read(across_the_pool(stored(article), capture).of(capture).article)


@settings(max_examples=30, deadline=None)
@given(articles)
def test_an_article_without_rows_crosses_whole(article):
    # A frontier worker's crawl makes no rows: its publisher reads the whole article.
    capture = capture_of(article)
    received = across_the_pool(Prepared(article, None, None, [], [], None), capture)
    assert type(received.article) is Article
    assert received.of(capture).article == article
