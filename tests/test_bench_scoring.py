"""The benchmark's scoring rules, on tiny handmade inputs, so its figures can be trusted."""

from __future__ import annotations

import pytest

from benchmarks.datasets import LabelledArticle
from benchmarks.extraction import PageResult, ToolRun, format_table, score, worst_pages
from benchmarks.peers import FIELDS, Extraction, PageInput
from benchmarks.scoring import (
    authors_match,
    body_score,
    char_f1,
    date_matches,
    parse_author_label,
    parse_date_label,
    parse_date_point,
    same_text,
    split_names,
)

# --- body character F1 ----------------------------------------------------------------


def test_identical_bodies_score_one() -> None:
    assert char_f1("曲阜市驻村联户工作纪实", "曲阜市驻村联户工作纪实") == 1.0


def test_disjoint_bodies_score_zero() -> None:
    assert char_f1("甲乙丙", "丁戊己") == 0.0


def test_partial_overlap_has_the_known_value() -> None:
    # expected 4 chars, got 2 of them plus 2 others: P = 2/4, R = 2/4, F1 = 0.5
    result = body_score("新闻推荐", "新闻热点")
    assert (result.precision, result.recall, result.f1) == (0.5, 0.5, 0.5)
    # a body that keeps all 4 expected chars and adds 4 of boilerplate: P = 0.5, R = 1
    assert body_score("本报记者", "本报记者相关新闻").f1 == pytest.approx(2 / 3)


def test_f1_counts_characters_as_a_multiset() -> None:
    # 好 twice expected, once got: recall 2/3, precision 1
    assert body_score("好好的", "好的").f1 == pytest.approx(0.8)


def test_whitespace_of_every_kind_is_ignored() -> None:
    assert char_f1("第一段\n\n第二段", "\u3000\u3000第一段 第\xa0二段\u200b") == 1.0


def test_empty_bodies() -> None:
    assert char_f1("", " \n") == 1.0
    assert char_f1("正文", "") == 0.0
    assert char_f1("", "正文") == 0.0


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("2015-06-22T07:21:00+08:00", (2015, 6, 22, 7, 21)),
        ("2015-06-21T23:21:00Z", (2015, 6, 22, 7, 21)),
        ("2015-06-22T07:21:00-05:00", (2015, 6, 22, 20, 21)),
        ("2015-06-22 07:21:59", (2015, 6, 22, 7, 21)),  # seconds dropped, not rounded
        ("2015-06-22 07:21", (2015, 6, 22, 7, 21)),  # naive is China time
        ("发布时间：2015/6/22 7:05", (2015, 6, 22, 7, 5)),
        ("2015年06月22日 07:21", (2015, 6, 22, 7, 21)),
        ("2015年6月22日07:21", (2015, 6, 22, 7, 21)),
        ("2015年6月22日", (2015, 6, 22)),
        ("2015-06-22", (2015, 6, 22)),
        ("1996-3", (1996, 3)),
        ("2018", (2018,)),
    ],
)
def test_dates_normalise_to_china_time_at_their_own_precision(text: str, point: tuple) -> None:
    assert parse_date_point(text) == point


@pytest.mark.parametrize("text", [None, "", "no date here", "2015-13-01", "2015-02-30"])
def test_no_date_or_an_impossible_one_is_none(text: str | None) -> None:
    assert parse_date_point(text) is None


def test_a_label_is_matched_at_its_own_precision() -> None:
    assert date_matches((2015, 6, 22), (2015, 6, 22, 7, 21))
    assert date_matches((2015, 6, 22, 7, 21), (2015, 6, 22, 7, 21))
    assert not date_matches((2015, 6, 22, 7, 21), (2015, 6, 22, 7, 22))
    assert not date_matches((2015, 6, 22, 7, 21), (2015, 6, 22))  # less precise than the label
    assert date_matches((1996, 3), (1996, 3, 14))
    assert not date_matches((2015, 6, 22), None)


def test_no_date_label_wants_no_date() -> None:
    assert date_matches(None, None)
    assert not date_matches(None, (2015, 6, 22))


def test_cwced_date_labels() -> None:
    assert parse_date_label("2004-09-17 5:54:13").point == (2004, 9, 17, 5, 54)
    unknown = parse_date_label("UNKNWON")  # misspelt in the data set
    assert unknown.labelled and unknown.point is None
    assert not parse_date_label("").labelled
    assert not parse_date_label("刘涛").labelled  # a name in the date label: unlabelled


# --- authors ----------------------------------------------------------------------------


def test_author_lists_must_match_exactly_and_in_order() -> None:
    assert authors_match(["王建宏", "张文攀"], ["王建宏", "张文攀"])
    assert not authors_match(["王建宏", "张文攀"], ["张文攀", "王建宏"])
    assert not authors_match(["王建宏", "张文攀"], ["王建宏"])
    assert not authors_match(["罗科苏盈"], ["罗科", "苏盈"])
    assert authors_match([], [])
    assert not authors_match([], ["新华社"])


def test_author_names_are_normalised_before_comparing() -> None:
    assert authors_match(["王建宏"], ["王 建宏", "王建宏"])  # inner space, repeat
    assert authors_match(["Zboygirl"], ["ｚｂｏｙｇｉｒｌ"])  # NFKC + case folding


def test_peer_author_strings_split_on_separators() -> None:
    assert split_names("王建宏; 张文攀,李超、赵六 孙七，周八") == [
        "王建宏", "张文攀", "李超", "赵六", "孙七", "周八",
    ]
    assert split_names(None) == []
    assert split_names("") == []


def test_cwced_author_labels() -> None:
    assert parse_author_label("UNKNOWN") == []
    assert parse_author_label("UNKNWON") == []
    assert parse_author_label("") is None
    assert parse_author_label("伊琳  李清芬") == ["伊琳", "李清芬"]
    assert parse_author_label("赵延东、风笑天") == ["赵延东", "风笑天"]
    assert parse_author_label("周思博 (Joel Spolsky)") == ["周思博"]


def test_headline_and_source_ignore_whitespace_only() -> None:
    assert same_text("济宁晚报", " 济宁晚报\u3000")
    assert not same_text("济宁晚报", "济宁日报")
    assert same_text(None, "")
    assert not same_text(None, "地方网")


# --- scoring one extraction and the table -------------------------------------------------


def test_a_failed_extraction_misses_every_labelled_field_the_tool_has() -> None:
    labels = {"date": None, "authors": [], "body": "正文", "headline": "标题"}
    fields = frozenset({"date", "authors", "body"})
    # a tool that crashed did not find "no date" or "no authors": it found nothing
    assert score(labels, None, fields) == {"date": 0.0, "authors": 0.0, "body": 0.0}
    assert score(labels, Extraction(), fields) == {"date": 1.0, "authors": 1.0, "body": 0.0}


def test_score_uses_every_rule() -> None:
    labels = {"headline": "标题", "source": "济宁晚报", "date": (2015, 6, 22, 7, 21),
              "authors": ["梅花", "宋思亮"], "body": "甲乙"}
    got = Extraction(headline="标题", source="济宁日报", published_at="2015-06-22 07:21:30",
                     authors=["梅花", "宋思亮"], body="甲丙")
    assert score(labels, got, frozenset(FIELDS)) == {
        "headline": 1.0, "source": 0.0, "date": 1.0, "authors": 1.0, "body": 0.5,
    }


def test_table_shows_na_for_missing_fields_and_labels() -> None:
    article = LabelledArticle(name="a.html", pages=[], labels={"body": "甲乙"})
    run = ToolRun(tool="readability", fields=frozenset({"headline", "body"}),
                  pages=[PageResult("a.html", 12.0, None, {"body": 0.5}, None)])
    header, row = format_table("cwced", [article], [run]).splitlines()[1:]
    assert row.split() == ["readability", "n/a", "n/a", "n/a", "n/a", "0.500", "12.0", "0"]
    # right-aligned under its header
    assert header.index("body F1") + len("body F1") == row.index("0.500") + len("0.500")


def test_worst_pages_list_misses_worst_first_with_where_the_answer_stands() -> None:
    page = PageInput(url="https://cwced.invalid/a.html", raw=b"",
                     text="<p>正文</p><span>发表于 2005年3月21日 01:20</span>")
    articles = [LabelledArticle(name=n, pages=[page], labels={"date": (2005, 3, 21, 1, 20),
                                                              "body": "甲乙丙丁"})
                for n in ("a.html", "b.html")]
    run = ToolRun(tool="newsarchive", fields=frozenset(FIELDS), pages=[
        PageResult("a.html", 1.0, None, {"date": 0.0, "body": 0.5},
                   Extraction(published_at="2005-03-18T01:28:08+08:00", body="甲乙")),
        PageResult("b.html", 1.0, None, {"date": 1.0, "body": 0.0},
                   Extraction(published_at="2005-03-21T01:20:00+08:00", body="戊")),
    ])
    lines = worst_pages(articles, run)
    assert [line.split()[:2] for line in lines] == [
        ["date", "a.html"], ["body", "b.html"], ["body", "a.html"],
    ]
    assert "expected 2005-03-21 01:20  got 2005-03-18T01:28:08+08:00" in lines[0]
    assert "发表于 2005年3月21日 01:20" in lines[0]
    assert "F1 0.667 P 1.000 R 0.500" in lines[2]
