"""Issue 13: a headline longer than about 100 characters was replaced by the breadcrumb
(`地方网 > 山东 > …`) and the info line was lost with it. A long headline is still the
headline and the breadcrumb never is: generated headlines of every length from 5 to 200
characters, on the layouts no template names (the headline found by structure), on a
built-in template, and with a breadcrumb that ends with the headline itself."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from newsarchive.extract import extract_html
from newsarchive.extract.breadcrumb import MAX_CHANNEL_CHARS
from tests.test_extract_pages import BASE, INLINE_TEMPLATE, MODERN_TEMPLATE, NOW, TABLE_TEMPLATE

LENGTHS = range(5, 201)
URL = f"{BASE}/jining/news/202009/9100001.html"
# Pieces of real headlines; no site-name separators (_ ｜), no sentence end, no date or label.
PHRASES = ("曲阜市", "驻村联户", "工作纪实", "老百姓的“贴心人”", "——", "乡村振兴", "结硕果", "，", "全市",
           "第三届黄河大集", "圆满落幕", "农民丰收节", "在南旺镇开幕", "《意见》", "出台", "高标准农田", "建设",
           "推进会召开", "县委书记", "调研", "“双十一”", "直播间里的", "大蒜出口量", "创新高", "、", "文明城市")


def generated_headline(length: int) -> str:
    rng = random.Random(length)
    text = ""
    while len(text) < length:
        text += rng.choice(PHRASES)
    # a headline does not end on a comma or a dash: a word's character takes their place
    return re.sub(r"[，、—]+$", lambda marks: "新" * len(marks.group()), text[:length])


def test_generated_headlines_have_their_lengths() -> None:
    assert [len(generated_headline(n)) for n in LENGTHS] == list(LENGTHS)


def crumb_ends_with_headline(page: str, old: str, new: str) -> str:
    return page.replace(old, new).replace("汶上新闻</a> » 正文", f"汶上新闻</a> » {new}")


# layout -> (page with the generated headline in place of its own, the fields it must keep)
LAYOUTS: dict[str, tuple[Callable[[str], str], dict[str, object]]] = {
    "div-classes": (lambda h: INLINE_TEMPLATE.replace("汶上县举办首届农民丰收节", h),
                    {"source": "汶上融媒", "published_at": "2020-09-22T10:30:00+08:00", "channel": "汶上新闻"}),
    "crumb-ends-with-headline": (lambda h: crumb_ends_with_headline(INLINE_TEMPLATE, "汶上县举办首届农民丰收节", h),
                                 {"source": "汶上融媒", "published_at": "2020-09-22T10:30:00+08:00",
                                  "channel": "汶上新闻", "region": ["山东", "济宁市", "汶上"]}),
    "gbk-table": (lambda h: TABLE_TEMPLATE.replace("嘉祥县召开秋季农业生产现场会", h),
                  {"source": "济宁日报", "published_at": "2012-09-14T09:30:00+08:00", "channel": "嘉祥新闻"}),
    "date-above-headline": (lambda h: MODERN_TEMPLATE.replace("金乡大蒜出口量创新高", h),
                            {"source": "大众日报", "published_at": "2021-03-02T14:05:00+08:00", "channel": "金乡新闻"}),
}


def lengths_of(layout: str) -> range:
    # A breadcrumb ending with a headline no longer than a channel name (调研全市创) looks
    # like a channel page's (地方网 > 山东 > 临沂市 > 沂南新闻): not told apart here.
    return range(MAX_CHANNEL_CHARS + 1, LENGTHS.stop) if layout == "crumb-ends-with-headline" else LENGTHS


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_long_headline_is_the_headline_and_the_breadcrumb_never_is(layout: str) -> None:
    render, kept = LAYOUTS[layout]
    wrong = {}
    for length in lengths_of(layout):
        headline = generated_headline(length)
        article = extract_html(render(headline), URL, now=NOW)
        record = article.to_record()
        got = {"headline": article.headline, **{field: record[field] for field in kept}}
        if got != {"headline": headline, **kept} or not article.body:
            wrong[length] = got
    assert wrong == {}


def test_a_long_headline_on_a_built_in_template(seed_html: bytes) -> None:
    page = seed_html.decode("utf-8")
    seed_headline = "老百姓的“贴心人”——曲阜市驻村联户工作纪实"
    for length in LENGTHS:
        headline = generated_headline(length)
        article = extract_html(page.replace(seed_headline, headline), f"{BASE}/jining/news/201506/7713943.html", now=NOW)
        assert (article.parser, article.headline, article.source, article.channel) == (
            "yybnet_v2", headline, "济宁晚报", "曲阜新闻"), length
