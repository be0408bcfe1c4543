"""Publication dates as Chinese news pages print them -> ISO 8601 with +08:00.

A fast path of compiled regexes covers the forms the portal and the CWCED pages
print; dateparser runs only behind it, on short texts the regexes do not know
(it is about 100x slower, ~1 ms a call against ~10 µs, and wrong on several of
these forms: `6月22日` -> None, `发布时间：2015-06-22` -> None, `06-22` -> the crawl
year whatever the URL says, `2015年6月` -> an invented 28th unless REQUIRE_PARTS).

Values: `2015-06-22T07:21:00+08:00` when a time is shown (seconds as shown, else
`:00`), `2015-06-22` when only the day is. A text without a day (`2015年6月`,
`1998年3月号`) gives None: a day is never invented.

Forms read by the fast path, anywhere in the text (the earliest one wins):
- numeric year first: `2015-06-22`, `2015/6/22`, `2015.06.22`, ISO `2015-06-22T07:21:00Z`;
- `2015年6月22日`, spaces allowed between the parts;
- day-month-year with slashes: `06/02/2022` (day first), `7/5/2005 9:23:57 PM`
  (month first: a 12-hour clock marks the American order);
- no year: `6月22日`, and `06-22 07:21` (only with a time: a bare `06-22` is as
  likely a range or a score); the year comes from the URL's `/YYYYMM/`, else from
  `now`, moved back a year if that would put the date after `now`;
- relative to `now`: `刚刚`, `5分钟前`, `3小时前`, `2天前`, `今天`, `昨天 10:30`, `前天`.
After a date, a time: `07:21`, `07:21:05`, `10时30分`, `10点`, with 上午/下午/晚上…
before it or AM/PM after it, and an optional weekday (`星期一`) in between.

Labels (`发布时间：`, `时间:`, `日期:`, `发表于` …) just before a date are part of the
match, so a caller can cut the date and its label out of an info line
(`来源:济宁晚报 发布时间:2015-06-22 07:21` -> the source is what precedes `start`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from typing import Any

from newsarchive.extract.lexicon import COUNTER_LABELS, DATE_LABELS, alternation

# China has kept UTC+8 without daylight saving since 1991; the archive's contract
# is the fixed +08:00 offset, so no tz database is needed.
CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a text: its ISO value and where it (and its label) sits."""

    value: str
    start: int
    end: int


def search_datetime(
    text: str, *, url: str | None = None, now: datetime | None = None
) -> DateMatch | None:
    """The first publication date in `text`, or None.

    `url` supplies the year for dates printed without one (`/201807/`); `now` is
    the crawl time for relative dates and year-less dates of URLs without a
    year: naive means Asia/Shanghai wall-clock time; default: the current time.
    """
    if not isinstance(text, str):
        raise TypeError(f"search_datetime needs str, not {type(text).__name__}")
    context = _Context(url, now)
    # same length: offsets hold; translate only when needed, it is the slow part
    normalised = text.translate(_FULLWIDTH_TO_ASCII) if _FULLWIDTH.search(text) else text
    # Every printed form has digits: a text without any (most lines asked about) is dated
    # by words alone (今天, 刚刚) or not at all.
    printed = _search_forms(normalised, context, _PRINTED_FORMS) if _DIGIT.search(normalised) else None
    match = printed or _search_forms(normalised, context, _RELATIVE_FORMS)
    if match:
        return _with_label(normalised, match)
    return _search_with_dateparser(text, context)


def parse_datetime(
    text: str, *, url: str | None = None, now: datetime | None = None
) -> str | None:
    """The ISO value of the first date in `text` (see `search_datetime`), or None."""
    match = search_datetime(text, url=url, now=now)
    return match.value if match else None


# --- context: the crawl time and the URL's year, computed only when a form needs them


class _Context:
    def __init__(self, url: str | None, now: datetime | None) -> None:
        self.url = url
        self._given_now = now
        self._now: datetime | None = None

    @property
    def now(self) -> datetime:
        """The crawl time as an aware datetime at +08:00 (naive input is China time)."""
        if self._now is None:
            given = self._given_now
            if given is None:
                self._now = datetime.now(CHINA_TZ)
            elif given.tzinfo is None:
                self._now = given.replace(tzinfo=CHINA_TZ)
            else:
                self._now = given.astimezone(CHINA_TZ)
        return self._now

    def url_month(self) -> tuple[int, int] | None:
        """(year, month) of the URL's `/YYYYMM/` segment."""
        match = _URL_YEAR_MONTH.search(self.url) if self.url else None
        return (int(match["year"]), int(match["month"])) if match else None


_URL_YEAR_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)(?P<month>0[1-9]|1[0-2])/")


# --- the pieces of a date


_FULLWIDTH_TO_ASCII = str.maketrans("０１２３４５６７８９：－／．", "0123456789:-/.")
_FULLWIDTH = re.compile("[０-９：－／．]")
_DIGIT = re.compile(r"\d")

# A date never continues a number, a word, a path or a version string.
_NOT_AFTER = r"(?<![0-9A-Za-z_/.\-])"
_NOT_BEFORE = r"(?![\d/])"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MONTH = r"(?P<month>\d{1,2})"
_DAY = r"(?P<day>\d{1,2})"

# The day may be glued to the time when two spans are joined without a space
# (`<span>2015-06-22</span><span>07:21</span>` -> `2015-06-2207:21`).
_YEAR_MONTH_DAY = re.compile(
    rf"{_NOT_AFTER}{_YEAR}(?P<sep>[-/.]){_MONTH}(?P=sep){_DAY}"
    r"(?:(?=\d\d:\d\d)|(?!\d|[-/.]\d|/))"
)
_CHINESE_YEAR_MONTH_DAY = re.compile(
    rf"(?<!\d){_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*[日号]"
)
_ISO_DATETIME = re.compile(
    rf"{_NOT_AFTER}{_YEAR}-(?P<month>\d\d)-(?P<day>\d\d)T(?P<hour>\d\d):(?P<minute>\d\d)"
    r"(?::(?P<second>\d\d)(?:\.\d+)?)?(?P<offset>Z|[+-]\d\d:?\d\d)?(?!\d)"
)
_DAY_MONTH_YEAR = re.compile(
    rf"{_NOT_AFTER}(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/{_YEAR}{_NOT_BEFORE}"
)
_CHINESE_MONTH_DAY = re.compile(rf"(?<![\d年]){_MONTH}\s*月\s*{_DAY}\s*[日号]")
# Year-less numeric dates are printed zero-padded (`06-22`); `2-1` is a score.
_NUMERIC_MONTH_DAY = re.compile(rf"{_NOT_AFTER}(?P<month>\d\d)[-/](?P<day>\d\d)(?!\d|[-/.]\d)")

# 今日 and 昨日 are left out: 今日头条 is a source, and 昨日 in a report means the
# day before its publication, not before the crawl.
_RELATIVE_DAY = re.compile(r"(?P<word>今天|昨天|前天)")
_AGO = re.compile(r"(?<!\d)(?P<count>\d{1,3})\s*(?:个)?\s*(?P<unit>秒|分钟|分|小时|天)\s*前")
_JUST_NOW = re.compile(r"刚刚")
_DAYS_BACK = {"今天": 0, "昨天": 1, "前天": 2}
_AGO_UNIT = {
    "秒": timedelta(seconds=1),
    "分钟": timedelta(minutes=1),
    "分": timedelta(minutes=1),
    "小时": timedelta(hours=1),
}

# The time after a date: separators, an optional weekday, an optional period word,
# then `07:21[:05]`, `10时30分[05秒]` or `10点[30分]`, then an optional AM/PM.
_TIME = re.compile(
    r"(?:\s*[,，]\s*|\s+[-–—|]\s+|\s*)"
    r"(?:[(（]?(?:星期|周|礼拜)[一二三四五六日天][)）]?\s*)?"
    r"(?P<period>上午|下午|中午|晚上|傍晚|凌晨|早上|早晨)?\s*"
    r"(?P<hour>\d{1,2})"
    r"(?:"
    r":(?P<minute>\d\d)(?::(?P<second>\d\d))?"
    r"|[时点](?!击)(?:(?P<cn_minute>\d{1,2})分(?:(?P<cn_second>\d{1,2})秒)?)?"
    r")"
    r"(?!\d)(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?)(?![A-Za-z0-9]))?"
)
_AFTERNOON_PERIODS = {"下午", "晚上", "傍晚"}

# A label that names the date, right before it.
_LABEL = re.compile(rf"(?:{alternation(DATE_LABELS)})\s*[:：]?\s*\Z")
_LABEL_LOOKBACK = 12


# --- one reader per form: a regex match -> a DateMatch, or None when invalid

_Reader = Callable[[re.Match[str], str, _Context], "DateMatch | None"]


def _read_year_month_day(m: re.Match[str], text: str, context: _Context) -> DateMatch | None:
    day = _valid_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return _with_time(text, day, m.start(), m.end()) if day else None


def _read_iso(m: re.Match[str], text: str, context: _Context) -> DateMatch | None:
    moment = _valid_datetime(
        int(m["year"]), int(m["month"]), int(m["day"]),
        int(m["hour"]), int(m["minute"]), int(m["second"] or 0),
    )
    if not moment:
        return None
    if m["offset"]:
        moment = moment.replace(tzinfo=_offset(m["offset"])).astimezone(CHINA_TZ)
    return DateMatch(moment.isoformat(), m.start(), m.end())


def _read_day_month_year(m: re.Match[str], text: str, context: _Context) -> DateMatch | None:
    """`06/02/2022` is day first; month first when the day cannot be (`9/17/2004`)
    or when a 12-hour clock follows (`7/5/2005 9:23:57 PM`: the American order)."""
    first, second = int(m["first"]), int(m["second"])
    time = _TIME.match(text, m.end())
    twelve_hour_clock = time is not None and time["ampm"] is not None
    month_first = second > 12 or (first <= 12 and twelve_hour_clock)
    month, day_of_month = (first, second) if month_first else (second, first)
    day = _valid_date(int(m["year"]), month, day_of_month)
    return _with_time(text, day, m.start(), m.end()) if day else None


def _read_chinese_month_day(m: re.Match[str], text: str, context: _Context) -> DateMatch | None:
    month, day_of_month = int(m["month"]), int(m["day"])
    day = _valid_date(_infer_year(month, day_of_month, context), month, day_of_month)
    return _with_time(text, day, m.start(), m.end()) if day else None


def _read_numeric_month_day(m: re.Match[str], text: str, context: _Context) -> DateMatch | None:
    """`06-22 07:21`: only with a time, as a bare `06-22` may be a range or a score."""
    if not _parse_time(text, m.end()):
        return None
    return _read_chinese_month_day(m, text, context)


def _read_relative_day(m: re.Match[str], text: str, context: _Context) -> DateMatch | None:
    day = context.now.date() - timedelta(days=_DAYS_BACK[m["word"]])
    return _with_time(text, day, m.start(), m.end())


def _read_ago(m: re.Match[str], text: str, context: _Context) -> DateMatch | None:
    count = int(m["count"])
    if m["unit"] == "天":
        day = context.now.date() - timedelta(days=count)
        return DateMatch(day.isoformat(), m.start(), m.end())
    moment = context.now - count * _AGO_UNIT[m["unit"]]
    return DateMatch(_minute_value(moment), m.start(), m.end())


def _read_just_now(m: re.Match[str], text: str, context: _Context) -> DateMatch | None:
    return DateMatch(_minute_value(context.now), m.start(), m.end())


# A date the page prints wins over a relative one anywhere in the text (a headline
# saying 今天 must not beat the info line's 2015-06-22); within a tier, the earliest
# match wins, and the longest of those starting at the same place. Each form comes with
# the characters one of which its every match holds: a text without them is not searched.
_Form = tuple[re.Pattern[str], _Reader, re.Pattern[str]]


def _holding(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(chars)}]")


_PRINTED_FORMS: tuple[_Form, ...] = (
    (_YEAR_MONTH_DAY, _read_year_month_day, _holding("-/.")),
    (_CHINESE_YEAR_MONTH_DAY, _read_year_month_day, _holding("年")),
    (_ISO_DATETIME, _read_iso, _holding("T")),
    (_DAY_MONTH_YEAR, _read_day_month_year, _holding("/")),
    (_CHINESE_MONTH_DAY, _read_chinese_month_day, _holding("月")),
    (_NUMERIC_MONTH_DAY, _read_numeric_month_day, _holding("-/")),
)
_RELATIVE_FORMS: tuple[_Form, ...] = (
    (_RELATIVE_DAY, _read_relative_day, _holding("天")),
    (_AGO, _read_ago, _holding("前")),
    (_JUST_NOW, _read_just_now, _holding("刚")),
)


def _search_forms(text: str, context: _Context, forms: tuple[_Form, ...]) -> DateMatch | None:
    found = [m for pattern, read, marks in forms
             if marks.search(text) and (m := _first_valid(pattern, read, text, context))]
    return min(found, key=lambda m: (m.start, -m.end)) if found else None


def _first_valid(
    pattern: re.Pattern[str], read: _Reader, text: str, context: _Context
) -> DateMatch | None:
    for m in pattern.finditer(text):
        found = read(m, text, context)
        if found:
            return found
    return None


# --- helpers


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _valid_datetime(
    year: int, month: int, day: int, hour: int, minute: int, second: int
) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=CHINA_TZ)
    except ValueError:
        return None


def _parse_time(text: str, pos: int) -> tuple[int, int, int, int] | None:
    """(hour, minute, second, end) of a valid time starting at `pos`, or None."""
    m = _TIME.match(text, pos)
    if not m:
        return None
    hour = int(m["hour"])
    minute = int(m["minute"] or m["cn_minute"] or 0)
    second = int(m["second"] or m["cn_second"] or 0)
    hour = _to_24_hour(hour, m["period"], (m["ampm"] or "").replace(".", "").upper())
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second, m.end()


def _to_24_hour(hour: int, period: str | None, ampm: str) -> int:
    """下午3:05 and 3:05 PM -> 15; 中午1点 -> 13; 12:30 AM -> 0; 14:32PM stays 14."""
    if hour > 12:
        return hour
    if ampm == "PM" or period in _AFTERNOON_PERIODS:
        return hour % 12 + 12
    if period == "中午":
        return hour + 12 if hour < 11 else hour
    if ampm == "AM" or period == "凌晨":
        return hour % 12
    return hour


def _with_time(text: str, day: date, start: int, end: int) -> DateMatch:
    """A match for `day`, extended over the time printed right after it, if any."""
    time = _parse_time(text, end)
    if not time:
        return DateMatch(day.isoformat(), start, end)
    hour, minute, second, time_end = time
    value = f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}+08:00"
    return DateMatch(value, start, time_end)


def _minute_value(moment: datetime) -> str:
    """A computed (relative) time to the minute: the page did not show seconds."""
    return moment.replace(second=0, microsecond=0).isoformat()


def _offset(text: str) -> timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _infer_year(month: int, day: int, context: _Context) -> int:
    """The year of a date printed without one.

    From the URL's `/YYYYMM/` when present (taking the year before or after when
    the URL's month is more than half a year away: an article filed in 201901
    showing `12-31` is from 2018); else the year of `now`, or the one before if
    the date would otherwise lie after `now`.
    """
    url_month = context.url_month()
    if url_month:
        url_year, month_in_url = url_month
        if month - month_in_url > 6:
            return url_year - 1
        if month_in_url - month > 6:
            return url_year + 1
        return url_year
    today = context.now.date()
    candidate = _valid_date(today.year, month, day)
    # 29 February of a non-leap `now` year: the previous leap year is not implied
    if candidate is None or candidate > today:
        return today.year - 1
    return today.year


def _with_label(text: str, match: DateMatch) -> DateMatch:
    """The match, started earlier to cover a label printed just before it."""
    window_start = max(0, match.start - _LABEL_LOOKBACK)
    label = _LABEL.search(text, window_start, match.start)
    if not label:
        return match
    return DateMatch(match.value, label.start(), match.end)


# --- fallback: dateparser, for short texts in forms the regexes do not know

_DATEPARSER_MAX_CHARS = 40
# dateparser costs ~1 ms a call and extractors try many short blocks (`阅读10544次`,
# `共5页`, `第3版`): it only sees text with a letter or CJK character (digits and
# punctuation alone are numbers, phone numbers or ids once the fast path found no
# date, and dateparser would read `20150622` as one) and either two numbers or a
# word that can belong to a date.
_LETTER = re.compile(r"[^\W\d_]")
_TWO_NUMBERS = re.compile(r"\d\D+\d")
_DATE_WORD = re.compile(
    r"[年月日时時分秒点點天周週前后後昨今明刚剛]"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ago|yesterday|today|(?<![a-z])[ap]\.?m\b",
    re.IGNORECASE,
)
# Counter labels (点击, 阅读, 浏览 …): words none of dateparser's languages knows, and
# dateparser reads no text holding a word it does not know. Info lines end in a counter
# (`来源:大众日报 浏览:77248`), where 日报's 日 or 点击's 点 would look like a date.
_COUNTER_LABEL = re.compile(alternation(COUNTER_LABELS))


def _worth_dateparser(text: str) -> bool:
    return (
        len(text) <= _DATEPARSER_MAX_CHARS
        and _LETTER.search(text) is not None
        and any(map(str.isdigit, text))
        and (_TWO_NUMBERS.search(text) is not None or _DATE_WORD.search(text) is not None)
        and _COUNTER_LABEL.search(text) is None
    )


def _search_with_dateparser(text: str, context: _Context) -> DateMatch | None:
    stripped = text.strip()
    if not _worth_dateparser(stripped):
        return None
    data = _date_data_parser(context.now.replace(tzinfo=None)).get_date_data(stripped)
    if data.date_obj is None or data.period not in ("day", "time"):
        return None
    moment = data.date_obj.astimezone(CHINA_TZ)
    if data.period == "day":
        value = moment.date().isoformat()
    else:
        value = moment.replace(microsecond=0).isoformat()
    start = text.index(stripped)
    return DateMatch(value, start, start + len(stripped))


def _date_data_parser(relative_base: datetime) -> Any:
    """A dateparser parser for `relative_base`; dateparser is imported on first use."""
    return _date_data_parser_class()(
        languages=["zh", "zh-Hant", "en"],
        settings={
            "TIMEZONE": "Asia/Shanghai",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": relative_base,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_TIME_AS_PERIOD": True,
        },
    )


@cache
def _date_data_parser_class() -> Any:
    from dateparser.date import DateDataParser  # slow import, needed rarely

    return DateDataParser
