"""The records workers put on the stream come back, field for field, in the writer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.frontier.protocol import (
    FrontierKeys,
    article_data,
    article_from_data,
    decode,
    encode,
    url_key,
)
from newsarchive.items import Article, CapturedArticle, Credit, ExtractedArticle, Image, Page

text = st.text(min_size=1, max_size=30)
optional = st.none() | text


@given(
    headline=text, source=optional, body=st.lists(text, max_size=5),
    credits=st.lists(st.builds(Credit, text, optional, st.sampled_from(["author", "editor", "agency"])), max_size=4),
    images=st.lists(st.builds(Image, text, optional), max_size=3),
    flags=st.none() | st.lists(text, max_size=3), warc=optional,
)
def test_article_record_round_trips(headline, source, body, credits, images, flags, warc) -> None:
    article = Article(url="http://127.0.0.1:8000/jining/qufu/2015/0622/1.html", headline=headline,
                      source=source, published_at="2015-06-22T07:21:00+08:00", credits=credits,
                      body=body, images=images, channel="曲阜新闻", channel_path="jining/qufu",
                      region=["山东", "济宁市"], city="济宁", county="曲阜", pages=["a", "b"],
                      parser="fallback", flags=flags)
    capture = CapturedArticle(pages=[Page(article.url, b"<html>")], channel_path="jining/qufu",
                              fetched_at="2026-11-30T00:00:00+00:00", warc_file=warc, warc_record_id=warc)
    record = decode(encode("article", "crawl-1", "worker-a", article_data(ExtractedArticle(article, capture))))
    back, capture_fields = article_from_data(record.data)
    assert (record.kind, record.crawl, record.worker) == ("article", "crawl-1", "worker-a")
    assert back == article
    assert capture_fields == {"fetched_at": capture.fetched_at, "requested_url": None,
                              "warc_file": warc, "warc_record_id": warc}


def test_a_malformed_record_is_named() -> None:
    with pytest.raises(ValueError, match="lacks data"):
        decode({b"kind": b"seen", b"crawl": b"c", b"worker": b"w"})
    with pytest.raises(ValueError, match="unknown kind 'dance'"):
        decode(encode("seen", "c", "w", {}) | {"kind": "dance"})


def test_keys_share_the_prefix_and_urls_lose_their_host() -> None:
    keys = FrontierKeys("province")
    assert {keys.requests, keys.records, keys.settled, keys.rate("127.0.0.1:80")} == {
        "province:requests", "province:records", "province:settled", "province:rate:127.0.0.1:80"}
    assert url_key("https://www.yybnet.net/a/1.html?p=2") == url_key("http://127.0.0.1:8000/a/1.html?p=2")
