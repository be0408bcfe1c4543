import subprocess
import sys
from dataclasses import FrozenInstanceError
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsarchive.extract import dates, lexicon
from newsarchive.extract.dates import DateMatch, parse_datetime, search_datetime

# The crawl time for relative and year-less dates: naive means China time.
NOW = datetime(2026, 11, 28, 9, 30, 15)
ARTICLE_URL = "https://www.yybnet.net/chengdu/news/201807/7713943.html"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the forms the portal prints
        ("2015-06-22 07:21", "2015-06-22T07:21:00+08:00"),
        ("2015-06-22 07:21:05", "2015-06-22T07:21:05+08:00"),
        ("2015年06月22日 07:21", "2015-06-22T07:21:00+08:00"),
        ("2015年6月22日", "2015-06-22"),
        ("2015 年 6 月 22 日", "2015-06-22"),
        ("2015/6/22", "2015-06-22"),
        ("2015.06.22", "2015-06-22"),
        ("2015-6-2", "2015-06-02"),
        ("2015-06-2207:21", "2015-06-22T07:21:00+08:00"),  # two spans joined without a space
        ("发布时间：2015-06-22 07:21", "2015-06-22T07:21:00+08:00"),
        ("发布时间:2015-06-22", "2015-06-22"),
        ("时间:2015年6月22日 07:21", "2015-06-22T07:21:00+08:00"),
        ("日期：2015年6月22日", "2015-06-22"),
        ("时间：2015年6月22日 下午3:05", "2015-06-22T15:05:00+08:00"),
        ("2015年6月22日 上午10:30", "2015-06-22T10:30:00+08:00"),
        ("2015年6月22日 晚上8:15", "2015-06-22T20:15:00+08:00"),
        ("2015年6月22日 中午12:30", "2015-06-22T12:30:00+08:00"),
        ("2015年6月22日 星期一 07:21", "2015-06-22T07:21:00+08:00"),
        ("2015年6月22日10时30分", "2015-06-22T10:30:00+08:00"),
        ("2015年6月22日 10点", "2015-06-22T10:00:00+08:00"),
        ("２０１５年６月２２日\u3000０７：２１", "2015-06-22T07:21:00+08:00"),
        ("来源:济宁晚报 2015-06-22 07:21   https://www.yybnet.net/", "2015-06-22T07:21:00+08:00"),
        ("2015-06-22T07:21:00+08:00", "2015-06-22T07:21:00+08:00"),
        ("2015-06-22T07:21:00Z", "2015-06-22T15:21:00+08:00"),
        # forms printed by the CWCED pages
        ("发表于:2005-07-31 12:30", "2005-07-31T12:30:00+08:00"),
        ("http://www.sina.net 2005年03月21日 11:21", "2005-03-21T11:21:00+08:00"),
        ("2004-12-10 阅读10544次", "2004-12-10"),
        ("2005-04-05 06:40更新 来源：转载文章", "2005-04-05T06:40:00+08:00"),
        ("2005年3月11日12:12", "2005-03-11T12:12:00+08:00"),
        ("2006年12月27日（京港台时间）", "2006-12-27"),
        ("(2005-04-27 14:32PM)", "2005-04-27T14:32:00+08:00"),
        ("《光明日报》（ 2022年02月13日 02版）", "2022-02-13"),
        ("发布: 2021-1-29 13:18", "2021-01-29T13:18:00+08:00"),
        ("发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)", "2004-12-27T12:40:00+08:00"),
        ("2003-5-29 09:07", "2003-05-29T09:07:00+08:00"),
        ("AUTO.SOHU.COM 2005年05月13日14:15", "2005-05-13T14:15:00+08:00"),
        ("2022.01.20 16:31", "2022-01-20T16:31:00+08:00"),
        ("发布时间：2022-02-13 04:22:18 来源：", "2022-02-13T04:22:18+08:00"),
        ("于2005年8月12日16:12:21在〖", "2005-08-12T16:12:21+08:00"),
        ("2005年08月16日 来源：新华网", "2005-08-16"),
        ("2022-02-13 00:00:00:0", "2022-02-13T00:00:00+08:00"),
        ("2022年02月13日07:48 | 来源：", "2022-02-13T07:48:00+08:00"),
        ("http://biz.163.com 2005-04-25 08:24:06 来源: 第一财经日报", "2005-04-25T08:24:06+08:00"),
        ("] 发表于2005年09月07日 11:57 AM", "2005-09-07T11:57:00+08:00"),
        ("〓 网易娱乐 周黎明留言板 发布时间 2005/05/17 22:11:42 by", "2005-05-17T22:11:42+08:00"),
        ("发表于 2005-9-15 11:46:00", "2005-09-15T11:46:00+08:00"),
        ("发布日期：2022-02-11 08:52", "2022-02-11T08:52:00+08:00"),
        ("发布于：2015-11-05 11:34", "2015-11-05T11:34:00+08:00"),
        ("时间：2004年10月21日14:18", "2004-10-21T14:18:00+08:00"),
        ("06/02/2022 - 13:48", "2022-02-06T13:48:00+08:00"),  # French site: day first
        ("9/17/2004 5:54:13 AM", "2004-09-17T05:54:13+08:00"),  # month first: 17 is no month
        ("7/5/2005 9:23:57 PM", "2005-07-05T21:23:57+08:00"),  # 12-hour clock: American order
        # dateparser fallback, for short texts in forms the fast path does not know
        ("June 22, 2015", "2015-06-22"),
        ("22 June 2015 7:21 pm", "2015-06-22T19:21:00+08:00"),
    ],
)
def test_printed_dates(text: str, expected: str) -> None:
    assert parse_datetime(text, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        # mobile info line: year from the URL's /YYYYMM/
        ("济宁晚报 06-22 07:21", ARTICLE_URL, "2018-06-22T07:21:00+08:00"),
        ("6月22日 07:21", ARTICLE_URL, "2018-06-22T07:21:00+08:00"),
        ("6月22日", ARTICLE_URL, "2018-06-22"),
        ("时间：07-02 18:05:09", ARTICLE_URL, "2018-07-02T18:05:09+08:00"),
        # filed in January, shown as 12-31: the year before the URL's
        ("12-31 23:50", "https://www.yybnet.net/jining/news/201901/1.html", "2018-12-31T23:50:00+08:00"),
        # no year in the URL: the crawl year, or the year before if that is in the future
        ("济宁晚报 06-22 07:21", "https://m.yybnet.net/jining/qufu/", "2026-06-22T07:21:00+08:00"),
        ("12-22 07:21", None, "2025-12-22T07:21:00+08:00"),
        ("11月28日 08:00", None, "2026-11-28T08:00:00+08:00"),
        ("11月29日", None, "2025-11-29"),
    ],
)
def test_dates_without_a_year(text: str, url: str | None, expected: str) -> None:
    assert parse_datetime(text, url=url, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("刚刚", "2026-11-28T09:30:00+08:00"),
        ("5分钟前", "2026-11-28T09:25:00+08:00"),
        ("3小时前", "2026-11-28T06:30:00+08:00"),
        ("10小时前", "2026-11-27T23:30:00+08:00"),
        ("2天前", "2026-11-26"),
        ("今天", "2026-11-28"),
        ("今天 08:15", "2026-11-28T08:15:00+08:00"),
        ("昨天 10:30", "2026-11-27T10:30:00+08:00"),
        ("前天", "2026-11-26"),
        ("济宁晚报 昨天 22:10", "2026-11-27T22:10:00+08:00"),
        ("3 hours ago", "2026-11-28T06:30:15+08:00"),  # dateparser fallback
    ],
)
def test_relative_dates(text: str, expected: str) -> None:
    assert parse_datetime(text, now=NOW) == expected


def test_aware_now_is_converted_to_china_time() -> None:
    # 2026-11-27 23:30 UTC is already 28 November in China
    now = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)
    assert parse_datetime("今天", now=now) == "2026-11-28"
    assert parse_datetime("1小时前", now=now) == "2026-11-28T06:30:00+08:00"


@pytest.mark.parametrize(
    "text",
    [
        "07:21",  # a time is not a date
        "时间：07:21",
        "2015-13-40",  # invalid dates
        "2015年2月30日",
        "2015/06/31 10:00",
        "2015年6月",  # no day: never invented
        "1998年3月号",
        "Vol. 8 No. 2 (May 2018)",
        "2015",
        "电话：0537-2345678",  # phone numbers, ids, numbers in URLs
        "0537-22345678 13805371234",
        "https://www.yybnet.net/chengdu/news/201807/7713943.html",
        "https://www.yybnet.net/jining/news/201506/20150622.html",
        "http://image2.sina.com.cn/art/2005-06-14/U114P52T40D10373.jpg",
        "20150622",
        "2015-06-221",
        "06-22",  # a bare year-less numeric date: a range or a score as often
        "比分 2-1 3:00",
        "10:30-11:30",
        "",
    ],
)
def test_not_dates(text: str) -> None:
    assert parse_datetime(text, now=NOW) is None


def test_dateparser_failures_the_fast_path_fixes() -> None:
    # dateparser reads 06-22 as 2006 and knows neither 6月22日 nor labels
    assert parse_datetime("06-22 07:21", url=ARTICLE_URL, now=NOW) == "2018-06-22T07:21:00+08:00"
    assert parse_datetime("6月22日", url=ARTICLE_URL, now=NOW) == "2018-06-22"
    assert parse_datetime("发布时间：2015年6月22日", now=NOW) == "2015-06-22"


def test_match_span_lets_the_caller_cut_the_source_out() -> None:
    line = "来源:济宁晚报 2015-06-22 07:21   https://www.yybnet.net/"
    match = search_datetime(line, now=NOW)
    assert match == DateMatch("2015-06-22T07:21:00+08:00", 8, 24)
    assert line[: match.start].strip() == "来源:济宁晚报"
    assert line[match.end :].strip() == "https://www.yybnet.net/"


def test_match_span_covers_the_label() -> None:
    line = "来源：齐鲁晚报　发布时间：2015年06月22日 07:21"
    match = search_datetime(line, now=NOW)
    assert match is not None
    assert line[: match.start].strip() == "来源：齐鲁晚报"
    assert match.end == len(line)


def test_mobile_span_without_label() -> None:
    line = "济宁晚报 06-22 07:21"
    match = search_datetime(line, url=ARTICLE_URL, now=NOW)
    assert match is not None
    assert line[: match.start].strip() == "济宁晚报"


def test_span_of_fallback_match_is_the_stripped_text() -> None:
    match = search_datetime("  June 22, 2015 ", now=NOW)
    assert match == DateMatch("2015-06-22", 2, 15)


def test_first_printed_date_wins() -> None:
    text = "2015年6月22日 07:21 相关新闻 2014-01-02 08:00"
    assert parse_datetime(text, now=NOW) == "2015-06-22T07:21:00+08:00"
    text = "2014-01-02 08:00 相关新闻 2015年6月22日 07:21"
    assert parse_datetime(text, now=NOW) == "2014-01-02T08:00:00+08:00"


def test_a_printed_date_beats_a_relative_word() -> None:
    assert parse_datetime("今天的新闻 发布时间:2015-06-22", now=NOW) == "2015-06-22"


def test_invalid_candidate_does_not_hide_a_later_valid_one() -> None:
    assert parse_datetime("编号2015-13-40 发布 2015-06-22", now=NOW) == "2015-06-22"


def test_pm25_is_not_a_clock() -> None:
    assert parse_datetime("2015-06-22 07:21 PM2.5指数", now=NOW) == "2015-06-22T07:21:00+08:00"


def test_invalid_time_keeps_the_day() -> None:
    assert parse_datetime("2015-06-22 25:61", now=NOW) == "2015-06-22"


def test_default_now_is_the_current_time() -> None:
    today = datetime.now(timezone(timedelta(hours=8))).date()
    assert parse_datetime("今天") == today.isoformat()


def test_date_match_is_frozen() -> None:
    match = DateMatch("2015-06-22", 0, 10)
    with pytest.raises(FrozenInstanceError):
        match.start = 1  # type: ignore[misc]


def test_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        search_datetime(b"2015-06-22")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["阅读10544次", "共5页", "第3版", "评论(12)", "0537-2345678", "20150622", "x" * 41 + " June 22, 2015"],
)
def test_dateparser_is_not_asked_about_numbers_and_long_text(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail() -> None:
        raise AssertionError(f"dateparser called on {text!r}")

    monkeypatch.setattr(dates, "_date_data_parser_class", fail)
    assert parse_datetime(text, now=NOW) is None


def test_fast_path_does_not_import_dateparser() -> None:
    code = (
        "import sys; from newsarchive.extract.dates import parse_datetime as p; "
        "assert p('来源:济宁晚报 2015-06-22 07:21') == '2015-06-22T07:21:00+08:00'; "
        "assert p('阅读10544次') is None; "
        "print('dateparser' in sys.modules)"
    )
    repo = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo
    )
    assert result.stdout.strip() == "False"


# Info-line rests with a counter: the shapes the page generator prints after a date.
_COUNTER_RESTS = [
    f"{weekday}{sep}{field}{sep2}{label}{colon}{count}"
    for weekday in ("", "星期五 ", "周二 ")
    for sep in ("", "| ")
    for field in ("", "来源:大众日报", "稿件来源：济宁日报", "作者:韦曦暄、孔伦珍")
    for sep2 in (" ", " | ")
    for label in lexicon.COUNTER_LABELS
    for colon in (":", "：", "(")
    for count in ("35136", "2015", "20150622")
]


@pytest.mark.parametrize("text", ["点击:71335", "来源:大众日报 浏览:77248", "周二 阅读(12) 评论(5) 点击(2015)"])
def test_a_line_with_a_counter_is_not_sent_to_dateparser(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> None:
        raise AssertionError(f"dateparser called on {text!r}")

    monkeypatch.setattr(dates, "_date_data_parser_class", fail)
    assert parse_datetime(text, now=NOW) is None


def test_dateparser_reads_no_date_in_text_with_a_counter_label() -> None:
    # why the counter rule loses nothing: dateparser knows no counter label's characters,
    # so it reads no date in text that holds one, however date-like the rest is
    parser = dates._date_data_parser(NOW.replace(tzinfo=None))
    samples = _COUNTER_RESTS[::7] + [f"{label} {date}" for label in lexicon.COUNTER_LABELS
                                     for date in ("12/5/2015", "2015 6 22", "June 22, 2015", "3 days ago")]
    assert all(parser.get_date_data(text).date_obj is None for text in samples)
    assert parser.get_date_data("2015 6 22").date_obj is not None  # what the label alone prevents
